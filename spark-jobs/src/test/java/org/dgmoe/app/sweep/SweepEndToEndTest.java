package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.rate.Guardrails;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.study.TaskRunner;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.StudyMetrics;
import org.dgmoe.core.summary.StudySummary;
import org.dgmoe.core.summary.TaskId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production pipeline end to end on the shared local session: a real study file, the real
 * loader (also on the executors, through {@link ConfigStudySource}), simulator, EM fitter, losses,
 * rate estimator and theory table. Every row of fits/ must equal the pure core computation of its
 * key on the driver, bit for bit: the numbers cannot depend on executors, partitions or threads.
 */
class SweepEndToEndTest {
    static final String STUDY = """
            dgmoe.study {
              name = "e2e"
              seed = 7
              replicates = 4
              sample-sizes = [200, 400, 800]
              settings = [
                {
                  name = "over-fit"
                  covariates { distribution = uniform, dimension = 1, min = 0.0, max = 1.0 }
                  g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                  truth {
                    lambda = 0.5
                    experts = [
                      { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                      { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 }
                    ]
                  }
                  fit { experts = 3, lambda = free, init = near-truth, max-iterations = 300, tolerance = 1e-8,
                        start-check { fraction = 0.5, restarts = 1 } }
                }
              ]
            }
            dgmoe.rates { bootstrap = 200 }
            """;

    @TempDir
    Path tmp;

    /** {@code fit} with the wall times of {@code timed} (the only values that depend on the run). */
    private static FitRow withTimesOf(FitRow timed, FitRow fit) {
        return fit.withWallTimes(timed.taskMillis(), timed.diagnostics().fitMillis());
    }

    /**
     * At 3 and at 17 equal-cost shares of the plan (several tasks a partition, and about one each),
     * every row must equal the same driver-side computation, so the two runs equal each other too.
     * (SweepCommandTest compares the default batching with 3 and 17 partitions as well.)
     */
    @ParameterizedTest(name = "--partitions {0}")
    @ValueSource(ints = {3, 17})
    void aRealStudyWritesRowsEqualToTheCoreComputationOfEachKey(int partitions) throws Exception {
        Path config = tmp.resolve("e2e.conf");
        Files.writeString(config, STUDY);
        Path out = tmp.resolve("out");
        LoadedStudy loaded = StudyConfigLoader.load(config, List.of());
        SweepCommand.Environment env = new SweepCommand.Environment(o -> StudyConfigLoader.load(o.config(),
                o.overrides()), o -> SparkTestSession.get(), false, ConfigStudySource::of, TaskFunction.REAL,
                r -> StudySummary.Estimator.of(new RateEstimator(r)), false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(new String[] {config.toString(), "--out", out.toString(), "--partitions",
                Integer.toString(partitions)},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));

        FitsTable table = new FitsTable(loaded.study());
        List<FitRow> fits = SparkTestSession.get().read().parquet(out.resolve(FitsTable.FOLDER).toString())
                .orderBy(TaskId.SETTING.column(), TaskId.N.column(), TaskId.REPLICATE.column()).collectAsList().stream()
                .map(table::fromRow).toList();
        assertEquals(12, fits.size());
        TaskRunner runner = new TaskRunner(loaded.study());
        Setting setting = loaded.study().setting("over-fit");
        int startChecked = 0;
        for (FitRow row : fits) {
            TaskOutcome expected = runner.run(setting, row.n(), row.replicate());
            // Bit-for-bit (doubles compared by Double.equals): the same key gives the same row wherever it
            // runs, but for the two wall times.
            assertEquals(withTimesOf(row, FitRow.of(loaded.study().name(), expected, row.taskMillis())), row);
            assertEquals(expected.startCheck() != null, row.startChecked());
            startChecked += row.startChecked() ? 1 : 0;
        }
        assertTrue(startChecked > 0 && startChecked < 12, "start-checked rows: " + startChecked);
        long curveChecks = SparkTestSession.get().read().parquet(out.resolve("curves").toString())
                .filter("metric = 'voronoi'").collectAsList().stream()
                .mapToLong(r -> (int) r.getAs("start_checked")).sum();
        assertEquals(startChecked, curveChecks);
        // cells_unplanned: per n, the fits whose cells are not the planned (2, 1) of k = 3, k* = 2.
        for (int n : new int[] {200, 400, 800}) {
            long unplanned = fits.stream().filter(r -> r.n() == n).filter(r -> r.losses().cellSizes().get("cell1_size") != 2
                    || r.losses().cellSizes().get("cell2_size") != 1).count();
            Row curve = SparkTestSession.get().read().parquet(out.resolve("curves").toString())
                    .filter("metric = 'cell1_slope' and n = " + n).first();
            assertEquals(unplanned, (long) (int) curve.getAs("cells_unplanned"), "n = " + n);
        }

        List<Row> rates = SparkTestSession.get().read().parquet(out.resolve("rates").toString()).collectAsList();
        assertEquals(StudyMetrics.names(setting).size(), rates.size());
        Set<String> verdicts = Set.of("agrees", "faster-than-theory", "slower-than-theory", "no-theory", "unreliable");
        for (Row r : rates) {
            assertTrue(verdicts.contains((String) r.getAs("verdict")), r.toString());
            String flag = r.getAs("flag");
            for (String f : flag.isEmpty() ? new String[0] : flag.split("; ")) {
                assertTrue(f.equals(Guardrails.FASTER_THAN_PARAMETRIC) || f.equals(Guardrails.SPURIOUS)
                        || f.equals(Guardrails.CELLS_DIFFER), r.toString());
            }
        }
        // curves count the spurious fits of fits/ per n, and the spurious flag follows the 5% rule
        boolean often = false;
        for (Row c : SparkTestSession.get().read().parquet(out.resolve("curves").toString())
                .filter("metric = 'voronoi'").collectAsList()) {
            int n = c.getAs("n");
            long spurious = SparkTestSession.get().read().parquet(out.resolve("fits").toString())
                    .filter("n = " + n + " and spurious").count();
            assertEquals(spurious, (long) (int) c.getAs("spurious"), "n = " + n);
            often |= spurious > Guardrails.MAX_SPURIOUS_FRACTION * ((int) c.getAs("count") + (int) c.getAs("failed"));
        }
        for (Row r : rates) {
            boolean hasTheory = !r.isNullAt(r.fieldIndex("theory"));
            assertEquals(often && hasTheory, ((String) r.getAs("flag")).contains(Guardrails.SPURIOUS), r.toString());
        }
        Row hellinger = rates.stream().filter(r -> "hellinger".equals(r.getAs("metric"))).findFirst().orElseThrow();
        assertEquals(-0.5, (double) hellinger.getAs("theory"), 0.0);
        assertEquals(StudyMetrics.names(setting).size() * 3L,
                SparkTestSession.get().read().parquet(out.resolve("curves").toString()).count());

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(loaded.configHash(), manifest.get("provenance").get("config_hash").asText());
        assertEquals(12, manifest.get("tasks").asInt());
    }
}
