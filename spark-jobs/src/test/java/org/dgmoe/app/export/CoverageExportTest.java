package org.dgmoe.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dgmoe.app.sweep.TestSweeps;
import org.dgmoe.app.table.CoverageTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe export} of a coverage study: {@code coverage.csv} beside the other tables, its header the table's
 * columns and every cell the Parquet value (bit for bit, {@link ExportCommandTest#compare}); a sweep without an
 * intervals block gets none.
 */
class CoverageExportTest {
    static final String STUDY = """
            dgmoe.study {
              name = "coverage-export", seed = 23, replicates = 3, sample-sizes = [200]
              %s
              settings = [
                {
                  name = "exact-fit"
                  covariates { distribution = uniform, dimension = 1, min = 0.0, max = 1.0 }
                  g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                  truth { lambda = 0.5, experts = [ { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                                                   { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 } ] }
                  fit { experts = 2, lambda = free, init = near-truth, bounds { variance = 0.05 } }
                }
              ]
            }
            dgmoe.rates { bootstrap = 100 }
            """;

    @TempDir
    Path tmp;

    @Test
    void aCoverageStudysExportHasCoverageCsvAndOneWithoutHasNone() throws Exception {
        Path config = Files.writeString(tmp.resolve("c.conf"), STUDY.formatted(
                "intervals { methods = [wald, bootstrap-percentile], bootstrap = 5 }"));
        Path sweep = tmp.resolve("sweep");
        TestSweeps.Result r = TestSweeps.sweep(config, "--out", sweep.toString());
        assertEquals(0, r.status(), r.err());
        Path out = tmp.resolve("csv");
        ExportCommandTest.Result e = ExportCommandTest.export("--in", sweep.toString(), "--out", out.toString());
        assertEquals(0, e.status(), e.err());
        assertTrue(e.out().contains("coverage.csv (18 rows)"), e.out());
        assertEquals(List.of(".dgmoe-folder", "coverage.csv", "curves.csv", "fits.csv", "manifest.json", "rates.csv"),
                names(out));
        // 9 parameters × 2 methods; the header is the table's columns in order, every cell the Parquet value
        List<List<String>> records = ExportCommandTest.parse(Files.readString(out.resolve("coverage.csv")));
        assertEquals(List.of(CoverageTable.SCHEMA.fieldNames()), records.get(0));
        assertEquals(1 + 18, records.size());
        ExportCommandTest.compare(CoverageTable.FOLDER, sweep.resolve(CoverageTable.FOLDER), out.resolve("coverage.csv"));

        Path plainConfig = Files.writeString(tmp.resolve("p.conf"), STUDY.formatted(""));
        Path plain = tmp.resolve("plain");
        assertEquals(0, TestSweeps.sweep(plainConfig, "--out", plain.toString()).status());
        // an earlier export with coverage.csv is replaced by one without
        ExportCommandTest.Result again = ExportCommandTest.export("--in", plain.toString(), "--out", out.toString());
        assertEquals(0, again.status(), again.err());
        assertEquals(List.of(".dgmoe-folder", "curves.csv", "fits.csv", "manifest.json", "rates.csv"), names(out));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
