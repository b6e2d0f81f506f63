package org.dgmoe.app.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.config.Parameters;
import org.dgmoe.app.files.JsonFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe fit} on data that admit no estimate (y all equal, two rows): the likelihood is unbounded,
 * EM converges to a component at the variance floor, and fit.json and stdout say the fit is spurious
 * (exit 0: a recorded outcome, not an error). Healthy data get no warning.
 */
class FitDegeneracyTest {
    @TempDir
    Path dir;
    Path config;

    record Result(int status, String out, String err) {
    }

    @BeforeEach
    void writeConfig() throws Exception {
        config = dir.resolve("study.conf");
        // "mix" and "one" have no truth (the reference is the data's); "known" has one (the reference is the truth's)
        Files.writeString(config, """
                dgmoe.study {
                  name = degenerate, seed = 11, replicates = 1, sample-sizes = [50]
                  settings = [
                    { name = mix, g0 { type = none }, fit { experts = 2, init = random, restarts = 2 } }
                    { name = one, g0 { type = none }, fit { experts = 1, init = random } }
                    { name = known, covariates { distribution = uniform, min = 0, max = 1 }, g0 { type = none }
                      truth { experts = [ { weight = 0.5, slope = [2], intercept = 0, variance = 0.1 },
                                          { weight = 0.5, slope = [-2], intercept = 1, variance = 0.1 } ] }
                      fit { experts = 2 } }
                  ]
                }
                """);
    }

    private Result fit(String setting, Path data, Path out) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            status = new FitCommand().run(List.of("--config", config.toString(), "--setting", setting, "--data",
                    data.toString(), "--out", out.toString()), po, pe);
        }
        return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private Path csv(String name, int n, boolean constantY) throws Exception {
        StringBuilder text = new StringBuilder("x1,y\n");
        for (int i = 0; i < n; i++) {
            double x = (i + 0.5) / n;
            // a deterministic scatter about y = 1 + 2x (no generator needed for a fixture)
            double y = constantY ? 3.0 : 1 + 2 * x + 0.3 * Math.sin(12.9898 * (i + 1));
            text.append(x).append(',').append(y).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void assertSpurious(Result r, Path out, String reference) throws Exception {
        assertEquals(0, r.status(), r.err());
        JsonNode near = JsonFiles.MAPPER.readTree(out.toFile()).get(Parameters.FIT_NEAR_DEGENERACY);
        assertTrue(near.get("spurious").asBoolean(), near::toString);
        assertEquals(reference, near.get(FitCommand.REFERENCE).asText(), near::toString);
        // after the summary (FitSummaryTest), one warning line, then where the fit went
        List<String> warnings = r.out().lines().filter(l -> l.startsWith("fit: warning: ")).toList();
        assertEquals(1, warnings.size(), r.out());
        assertTrue(warnings.get(0).startsWith("fit: warning: " + out + ": a spurious fit (status "), r.out());
        assertTrue(warnings.get(0).contains("nearDegeneracy.spurious = true): "), r.out());
        assertTrue(r.out().endsWith(warnings.get(0) + "\nfit: wrote " + out + "\n"), r.out());
    }

    @Test
    void allEqualResponsesAreReportedAsASpuriousFit() throws Exception {
        Path out = dir.resolve("flat.json");
        Result r = fit("mix", csv("flat.csv", 200, true), out);
        assertSpurious(r, out, "data");
        JsonNode f = JsonFiles.MAPPER.readTree(out.toFile());
        assertEquals("NaN", f.get(Parameters.FIT_NEAR_DEGENERACY).get("minVarianceRatio").asText(), f::toString);
        assertTrue(r.out().contains("the data lie on one line"), r.out());
    }

    @Test
    void twoRowsAreReportedAsASpuriousFit() throws Exception {
        Path out = dir.resolve("two.json");
        Result r = fit("one", csv("two.csv", 2, false), out);
        assertSpurious(r, out, "data");
        assertTrue(r.out().contains("the data lie on one line"), r.out());
    }

    @Test
    void withATruthTheReferenceIsTheTruthsSmallestVarianceAsInASweep() throws Exception {
        Path out = dir.resolve("known.json");
        Result r = fit("known", csv("flat.csv", 200, true), out);
        assertSpurious(r, out, "truth");
        double ratio = JsonFiles.MAPPER.readTree(out.toFile()).get(Parameters.FIT_NEAR_DEGENERACY).get("minVarianceRatio")
                .asDouble();
        assertTrue(ratio < 0.2, "a variance at the floor, far below the truth's 0.1: " + ratio);
    }

    @Test
    void dataScatteredAboutALineGetNoWarning() throws Exception {
        Path out = dir.resolve("line.json");
        Result r = fit("one", csv("line.csv", 100, false), out);
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("warning"), r.out());
        assertTrue(r.out().endsWith("\nfit: wrote " + out + "\n"), r.out());
        JsonNode near = JsonFiles.MAPPER.readTree(out.toFile()).get(Parameters.FIT_NEAR_DEGENERACY);
        assertFalse(near.get("spurious").asBoolean(), near::toString);
        assertEquals("data", near.get(FitCommand.REFERENCE).asText());
        // one expert's maximum-likelihood variance RSS / n against the reference RSS / (n − 2)
        assertEquals(98.0 / 100, near.get("minVarianceRatio").asDouble(), 1e-6, near::toString);
        assertEquals(100, near.get("minPoints").asDouble(), 1e-9, near::toString);
    }
}
