package org.dgmoe.app.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.config.Parameters;
import org.dgmoe.app.page.Format;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe test} reports the alternative's standard errors and Wald intervals where users read them (issue
 * 23): test.json's {@code alternative} carries fit.json's {@code standardErrors}, {@code intervals} and
 * {@code reliability}; stdout has {@code dgmoe fit}'s table with the same numbers; the page says λ̂ with its
 * standard error and interval beside the Patra–Sen lower bound.
 */
class TestStandardErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theAlternativesStandardErrorsAreInTestJsonOnStdoutAndOnThePage() throws Exception {
        Path config = dir.resolve("study.conf");
        Files.writeString(config, """
                dgmoe.study {
                  name = gof-se, seed = 20261207, replicates = 1, sample-sizes = [300]
                  settings = [
                    { name = line, g0 { type = gaussian-linear, slope = [1], intercept = 0, variance = 1 },
                      fit { experts = 1 } }
                  ]
                }
                """);
        // g0 = N(x, 1), x ~ U(−1, 1), deviated by λ = 0.4 of N(2x + 3, 1): a clear deviation, well inside (0, 1),
        // whose variance is not small beside the data's (the spurious rule would mark a narrow one)
        DeviatedModel truth = new DeviatedModel(0.4, new MixingMeasure(new double[] {1},
                List.of(new Expert(new double[] {2}, 3, 1))), new GaussianLinearG0(new double[] {1}, 0, 1));
        Dataset d = Simulator.simulate(new UniformCovariates(new double[] {-1}, new double[] {1}), truth, 300,
                Seeds.stream(5, Seeds.Stream.DATA));
        StringBuilder csv = new StringBuilder("dose,response\n");
        for (int i = 0; i < d.size(); i++) {
            csv.append(d.x(i, 0)).append(',').append(d.y(i)).append('\n');
        }
        Path data = dir.resolve("d.csv");
        Files.writeString(data, csv);
        Path out = dir.resolve("t.json");
        Path report = dir.resolve("page");
        TestCommandTest.Result r = TestCommandTest.test("--config", config.toString(), "--setting", "line", "--data",
                data.toString(), "--x", "dose", "--y", "response", "--bootstrap", "9", "--out", out.toString(),
                "--report", report.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode alt = JSON.readTree(out.toFile()).get("alternative");

        // test.json: fit.json's fields, in its layout
        JsonNode se = alt.get(Parameters.FIT_STANDARD_ERRORS);
        assertEquals(1, alt.get(Parameters.FIT_INTERVALS).size(), "as fit.json without --bootstrap: the Wald block");
        JsonNode iv = alt.get(Parameters.FIT_INTERVALS).get(0);
        assertEquals("wald", iv.get("method").asText());
        assertEquals(0.95, iv.get("level").asDouble(), 0);
        assertEquals("logit", iv.get("scale").get("lambda").asText());
        assertEquals("COMPUTED", alt.get(Parameters.FIT_RELIABILITY).get("status").asText());
        // the one note: a single expert's weight is 1, not estimated
        assertEquals(1, alt.get(Parameters.FIT_RELIABILITY).get("notes").size(), alt::toString);
        assertEquals("NOT_ESTIMATED", alt.get(Parameters.FIT_RELIABILITY).get("notes").get(0).get("reason").asText());
        double lambda = alt.get("lambda").asDouble();
        double lambdaSe = se.get("lambda").asDouble();
        double lo = iv.get("lambda").get(0).asDouble();
        double hi = iv.get("lambda").get(1).asDouble();
        // λ̂ of 300 points: its standard error is about sqrt(λ(1 − λ)/n) ≈ 0.03 where the two components
        // separate, more where they overlap; (0.005, 0.2) holds both and excludes a zero or runaway SE. The
        // interval holds λ̂ and the truth 0.4 (a 95% interval misses with probability 0.05; the data are fixed
        // by their seed, so the check is deterministic)
        assertTrue(lambdaSe > 0.005 && lambdaSe < 0.2, "SE " + lambdaSe);
        assertTrue(lo < lambda && lambda < hi && lo < 0.4 && 0.4 < hi, "[" + lo + ", " + hi + "] and " + lambda);
        assertEquals(1, se.get("experts").size());
        assertEquals(1, se.get("experts").get(0).get("slope").size());

        // stdout: dgmoe fit's table, with the numbers of test.json and the columns' names
        List<String> lines = r.out().lines().toList();
        int table = lines.indexOf("  standard errors from the observed information, 95% Wald intervals "
                + "(docs/uncertainty.md):");
        assertTrue(table > 0, r.out());
        assertTrue(lines.get(table + 2).matches("    λ +" + quote(Format.value(lambda)) + " +"
                + quote(Format.value(lambdaSe)) + " +\\[" + quote(Format.value(lo)) + ", " + quote(Format.value(hi))
                + "\\]"), lines.get(table + 2));
        assertTrue(lines.get(table + 4).startsWith("    expert 1 dose "), r.out());
        assertTrue(lines.get(table + 4).contains(Format.value(se.get("experts").get(0).get("slope").get(0).asDouble())),
                r.out());

        // the page: λ̂ with its standard error and interval, beside the model-free lower bound
        String html = Files.readString(report.resolve("index.html"));
        String sentence = "λ̂ = " + Format.value(lambda) + ", standard error " + Format.value(lambdaSe)
                + ", 95% Wald interval [" + Format.value(lo) + ", " + Format.value(hi) + "]";
        int at = html.indexOf(sentence);
        assertTrue(at > 0, html);
        assertTrue(html.indexOf("Patra &amp; Sen 2016", at) > at, "the lower bound follows in the same paragraph");
        assertFalse(html.substring(at, html.indexOf("</p>", at)).contains("not reliable"), html);
    }

    private static String quote(String s) {
        return java.util.regex.Pattern.quote(s);
    }
}
