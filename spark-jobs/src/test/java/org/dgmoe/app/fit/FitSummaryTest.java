package org.dgmoe.app.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.app.data.DataColumns;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.page.Format;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.study.RestartMaxima;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe fit}'s summary on stdout ({@link FitSummary}): the estimates with each expert's equation in
 * the data's column names, ℓ, and how the starts went.
 */
class FitSummaryTest {
    @TempDir
    Path dir;

    /** The example: a negative slope is written with a minus, each slope named by its column. */
    @Test
    void anEquationNamesTheDataColumns() {
        Expert e = new Expert(new double[] {0.45, -2}, 1.23, 0.031);
        assertEquals("yield = 1.23 + 0.45·temp - 2·dose", FitSummary.equation(e,
                new DataColumns(List.of("temp", "dose"), "yield")));
        Expert negative = new Expert(new double[] {0.123456}, -0.5, 1);
        assertEquals("y = -0.5 + 0.1235·x1", FitSummary.equation(negative, DataColumns.defaults(1)));
    }

    /** The tone data of the issue: two maxima, 145.417 and 141.198; a failed start is counted apart. */
    @Test
    void theStartsLineCountsTheMaxima() {
        assertEquals("2 of 4 starts reached this maximum; 2 distinct maxima (starts within 0.001 in ℓ count as one), "
                + "ℓ (starts): 145.417 (2), 141.198 (1); 1 ended with a non-finite ℓ",
                FitSummary.starts(RestartMaxima.of(new double[] {145.417, 141.198, 145.4168, Double.NaN})));
        assertEquals("3 of 3 starts reached this maximum; no other was found (starts within 0.001 in ℓ count as one)",
                FitSummary.starts(RestartMaxima.of(new double[] {-7.1, -7.1004, -7.1})));
        assertTrue(FitSummary.starts(RestartMaxima.of(new double[] {2.5})).startsWith("1 start "));
        // more maxima than are listed: the rest are counted
        double[] many = new double[9];
        for (int i = 0; i < many.length; i++) {
            many[i] = -i;
        }
        assertTrue(FitSummary.starts(RestartMaxima.of(many)).endsWith("-5.000 (1) and 3 more"),
                FitSummary.starts(RestartMaxima.of(many)));
    }

    /**
     * End to end on named columns (temp, yield): two experts y = 1 + 2·temp and y = 3 − temp (noise SD 0.4 and
     * 0.5: not so narrow against the data's residual variance about one line, about 0.45, that the
     * near-degeneracy rule, 0.2 of it, would flag them), n = 2000, fitted from 4 random starts without g0. stdout holds the fit file's own estimates (in {@link Format#value}'s
     * 4 significant digits), ℓ to 3 decimals, and the starts line for 4 starts; then where the fit went.
     */
    @Test
    void fitPrintsTheEstimatesInTheDataColumnNames() throws Exception {
        Path config = dir.resolve("study.conf");
        Files.writeString(config, """
                dgmoe.study {
                  name = named, seed = 5, replicates = 1, sample-sizes = [2000]
                  settings = [ { name = two, g0 { type = none }, fit { experts = 2, init = random, restarts = 4 } } ]
                }
                """);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261207L);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        StringBuilder csv = new StringBuilder("yield,other,temp\n");
        for (int i = 0; i < 2000; i++) {
            double t = rng.nextDouble();
            double y = rng.nextBoolean() ? 1 + 2 * t + 0.4 * normal.sample() : 3 - t + 0.5 * normal.sample();
            csv.append(y).append(",0,").append(t).append('\n');
        }
        Path data = dir.resolve("named.csv");
        Files.writeString(data, csv);
        Path out = dir.resolve("fit.json");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            status = new FitCommand().run(List.of("--config", config.toString(), "--setting", "two", "--data",
                    data.toString(), "--x", "temp", "--y", "yield", "--out", out.toString()), po, pe);
        }
        String stdout = o.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, e.toString(StandardCharsets.UTF_8));
        JsonNode f = JsonFiles.MAPPER.readTree(out.toFile());
        List<String> lines = stdout.lines().toList();
        assertEquals("fit of setting two, n = 2000: status " + f.get("status").asText() + " after "
                + f.get("iterations").asInt() + " iterations", lines.get(0), stdout);
        assertEquals("  λ = 1 (g0 is none: every point is the experts')", lines.get(1), stdout);
        for (int i = 0; i < 2; i++) {
            JsonNode x = f.get("experts").get(i);
            double slope = x.get("slope").get(0).asDouble();
            assertEquals("  expert " + (i + 1) + ": weight " + Format.value(x.get("weight").asDouble()) + ", yield = "
                    + Format.value(x.get("intercept").asDouble()) + (slope < 0 ? " - " : " + ")
                    + Format.value(Math.abs(slope)) + "·temp, variance " + Format.value(x.get("variance").asDouble()),
                    lines.get(2 + i), stdout);
            // the data's two lines are found (so the equations are about them): slope 2 or −1 within 0.3, about
            // 5 standard errors 0.5 / √(1000 / 12) of a slope at n ≈ 1000 per expert, noise SD ≤ 0.5, temp in [0, 1]
            assertTrue(Math.abs(slope - 2) < 0.3 || Math.abs(slope + 1) < 0.3, lines.get(2 + i));
        }
        assertEquals(String.format(Locale.ROOT, "  log-likelihood ℓ = %.3f (the sum over the 2000 rows)",
                f.get("logLikelihood").asDouble()), lines.get(4), stdout);
        assertTrue(lines.get(5).matches("  [1-4] of 4 starts reached this maximum; .*"), stdout);
        // then the table of standard errors (FitStandardErrorsTest): a title, a header, 1 + 2·4 rows and the note
        // that λ is not estimated (g0 none)
        assertTrue(lines.get(6).startsWith("  standard errors from the observed information, 95% Wald intervals"),
                stdout);
        assertTrue(lines.get(8).startsWith("    λ ") && lines.get(8).endsWith("  [1]"), stdout);
        assertTrue(lines.get(17).startsWith("    [1] not estimated: "), stdout);
        assertTrue(lines.get(10).startsWith("    expert 2 weight "), stdout);
        assertTrue(lines.get(11).startsWith("    expert 1 temp "), stdout);
        assertEquals("fit: wrote " + out, lines.get(lines.size() - 1), stdout);
        assertEquals(7 + 12, lines.size(), stdout);
    }
}
