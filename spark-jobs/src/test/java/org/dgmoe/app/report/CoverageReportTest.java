package org.dgmoe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dgmoe.app.sweep.TestSweeps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a coverage study: one coverage figure per setting and method, its section, and the summary line. */
class CoverageReportTest {
    static final String STUDY = """
            dgmoe.study {
              name = "coverage-report", seed = 5, replicates = 3, sample-sizes = [200, 400]
              intervals { methods = [wald] }
              settings = [ {
                name = "exact-fit"
                covariates { distribution = uniform, dimension = 1, min = 0.0, max = 1.0 }
                g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                truth { lambda = 0.5, experts = [ { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                                                 { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 } ] }
                fit { experts = 2, lambda = free, init = near-truth }
              } ]
            }
            dgmoe.rates { bootstrap = 100 }
            """;

    @Test
    void aCoverageStudysReportDrawsCoverageAgainstN(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("c.conf"), STUDY);
        Path sweep = tmp.resolve("sweep");
        TestSweeps.Result run = TestSweeps.sweep(config, "--out", sweep.toString());
        assertEquals(0, run.status(), run.err());
        Path out = tmp.resolve("report");
        ReportCommandTest.Result r = ReportCommandTest.report("--in", sweep.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.exists(out.resolve("figures/coverage-exact-fit-wald.png")));
        assertTrue(Files.exists(out.resolve("figures/coverage-exact-fit-wald.svg")));
        String html = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Coverage of the intervals"), "the section");
        assertTrue(html.contains("exact-fit: wald 95% intervals, coverage against n"), "the figure's title");
        // 9 parameters (λ, 2 weights, 2 × (slope, intercept, variance)) at 2 sizes
        assertTrue(r.out().contains("coverage: 18 (setting, n, parameter, method) rows: "), r.out());
    }
}
