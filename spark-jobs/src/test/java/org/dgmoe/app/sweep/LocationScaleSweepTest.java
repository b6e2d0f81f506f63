package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.table.TestsTable;
import org.dgmoe.core.gof.SweepGof;
import org.dgmoe.core.gof.TestRow;
import org.dgmoe.core.model.LocationScaleG0;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/location-scale-example.conf, shrunk: a sweep whose g0 has a non-linear location and scale (Laplace and
 * Student-t) runs to the end with its test block, and every tests/ row is the core computation of its key.
 */
class LocationScaleSweepTest {
    private static final Path CONF = Path.of("..", "conf", "location-scale-example.conf");
    private static final List<String> SMALL = List.of("dgmoe.study.replicates=2", "dgmoe.study.sample-sizes=[80]",
            "gof-test.bootstrap=19");

    @TempDir
    Path dir;

    @Test
    void aSweepWithALocationScaleG0RunsItsTests() {
        LoadedStudy loaded = StudyConfigLoader.load(CONF, SMALL);
        Study study = loaded.study();
        for (Setting s : study.settings()) {
            assertTrue(s.truth().g0() instanceof LocationScaleG0, s.name());
            assertTrue(!s.truth().g0().isGaussianExpert(), "non-linear location: distinguishable");
        }
        Path out = dir.resolve("out");
        String[] args = {"--out", out.toString(), "--partitions", "2", "--set", SMALL.get(0), "--set", SMALL.get(1),
            "--set", SMALL.get(2)};
        TestSweeps.Result r = TestSweeps.sweep(CONF, args);
        assertEquals(0, r.status(), r.err());
        List<Row> rows = SparkTestSession.get().read().parquet(out.resolve(TestsTable.FOLDER).toString())
                .collectAsList();
        assertEquals(3 * 2, rows.size(), "three tested settings × one size × two replicates");
        for (Row row : rows) {
            TestRow t = TestsTable.fromRow(row);
            Setting s = study.setting(t.setting());
            List<org.dgmoe.core.gof.NullFit> nulls = new java.util.ArrayList<>();
            for (int b = 0; b < 19; b++) {
                nulls.add(SweepGof.nullRefit(study, s, t.n(), b));
            }
            TestRow expected = SweepGof.test(study, s, t.n(), t.replicate(),
                    org.dgmoe.core.gof.NullSample.of(nulls));
            // the executors' row is the driver's computation bit for bit
            assertEquals(expected, t, t.setting() + " replicate " + t.replicate());
            assertTrue(Double.isFinite(t.nullLogLikelihood()) && Double.isFinite(t.adStatistic()), t.toString());
        }
    }
}
