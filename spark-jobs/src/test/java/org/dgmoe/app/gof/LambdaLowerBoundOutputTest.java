package org.dgmoe.app.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmoe.core.gof.LambdaLowerBound;
import org.dgmoe.core.gof.PatraSen;
import org.dgmoe.core.gof.Pit;
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
 * {@code dgmoe test} reports the Patra–Sen lower confidence bound of λ in test.json
 * ({@code lambdaLowerBound}) and on stdout, computed on the PIT of the data (core: PatraSenTest).
 */
class LambdaLowerBoundOutputTest {
    private static final GaussianLinearG0 G0 = new GaussianLinearG0(new double[] {1}, 0, 1);

    @TempDir
    Path dir;

    @Test
    void testJsonAndStdoutCarryTheBoundOfThePit() throws Exception {
        Path config = dir.resolve("study.conf");
        Files.writeString(config, """
                dgmoe.study {
                  name = bound-test, seed = 20261207, replicates = 1, sample-sizes = [200]
                  settings = [ { name = line, g0 { type = gaussian-linear, slope = [1], intercept = 0, variance = 1 },
                                 fit { experts = 1, init = random } } ]
                }
                """);
        // g0 = N(x, 1), x ~ U(−1, 1), half the points from N(2x + 1, 0.25): a bound well above 0.
        DeviatedModel truth = new DeviatedModel(0.5, new MixingMeasure(new double[] {1},
                List.of(new Expert(new double[] {2}, 1, 0.25))), G0);
        Dataset d = Simulator.simulate(new UniformCovariates(new double[] {-1}, new double[] {1}), truth, 200,
                Seeds.stream(11, Seeds.Stream.DATA));
        StringBuilder csv = new StringBuilder("x1,y\n");
        for (int i = 0; i < d.size(); i++) {
            // Double.toString round-trips, so the command reads exactly d.
            csv.append(d.x(i, 0)).append(',').append(d.y(i)).append('\n');
        }
        Path data = dir.resolve("d.csv");
        Files.writeString(data, csv);
        Path out = dir.resolve("t.json");
        TestCommandTest.Result r = TestCommandTest.test("--config", config.toString(), "--setting", "line", "--data",
                data.toString(), "--bootstrap", "5", "--out", out.toString());
        assertEquals(0, r.status(), r.err());

        LambdaLowerBound expected = PatraSen.lowerBound(Pit.transform(d, G0));
        JsonNode bound = new ObjectMapper().readTree(out.toFile()).get("lambdaLowerBound");
        // The same code on the same PIT: equal exactly.
        assertEquals(expected.value(), bound.get("value").asDouble(), 0.0);
        assertTrue(expected.value() > 0.1 && expected.value() <= 0.5, "bound " + expected.value());
        assertEquals(0.95, bound.get("level").asDouble(), 0.0);
        assertEquals("patra-sen", bound.get("method").asText());
        assertEquals(600, bound.get("grid").asInt());
        String line = TestCommand.lowerBoundLine(expected);
        assertTrue(r.out().contains(line + System.lineSeparator()), r.out());
        assertTrue(line.startsWith("  at least ") && line.endsWith("% of the data deviate from g0 (95% lower bound, "
                + "Patra & Sen 2016)"), line);
    }

    @Test
    void theStdoutLineInWords() {
        assertEquals("  at least 12.0% of the data deviate from g0 (95% lower bound, Patra & Sen 2016)",
                TestCommand.lowerBoundLine(new LambdaLowerBound(72.0 / 600, 0.95, 300, PatraSen.METHOD, 600)));
        assertEquals("  at least 0.167% of the data deviate from g0 (95% lower bound, Patra & Sen 2016)",
                TestCommand.lowerBoundLine(new LambdaLowerBound(1.0 / 600, 0.95, 300, PatraSen.METHOD, 600)));
        assertEquals("  no share of the data is shown to deviate from g0 (95% lower bound 0, Patra & Sen 2016)",
                TestCommand.lowerBoundLine(new LambdaLowerBound(0, 0.95, 300, PatraSen.METHOD, 600)));
    }
}
