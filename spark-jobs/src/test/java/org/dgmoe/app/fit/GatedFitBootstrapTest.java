package org.dgmoe.app.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.config.Parameters;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.files.StandardErrorsJson;
import org.dgmoe.app.page.Format;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe fit} on settings gated by x (docs/uncertainty.md, "Gated fits"): fit.json's standard errors,
 * intervals and notes in the shape of the gated estimates (gates at {@code experts[i].gate.…}, a sigmoid λ(x) at
 * {@code lambda.slope}, {@code lambda.intercept}), the stdout table's gate rows in the data's column names, and
 * {@code --bootstrap}'s intervals, the same bytes on 1, 3 and 17 partitions. Data: a softmax-gated model with a
 * sigmoid λ(x) and a Gaussian-gated one with constant λ, both beside the Gaussian linear g0, n = 300, seed 11.
 */
class GatedFitBootstrapTest {
    static final int B = 12;

    @TempDir
    Path dir;
    Path config;

    record Result(int status, String out, String err, JsonNode fit) {
    }

    @BeforeEach
    void write() throws Exception {
        config = dir.resolve("study.conf");
        Files.writeString(config, """
                dgmoe.study {
                  name = gboot, seed = 11, replicates = 1, sample-sizes = [300]
                  settings = [
                    { name = softmax
                      covariates { distribution = uniform, dimension = 1, min = -2.0, max = 2.0 }
                      g0 { type = gaussian-linear, slope = [0.5], intercept = -2.5, variance = 0.2 }
                      gating { type = softmax }
                      deviation { type = sigmoid }
                      truth {
                        lambda { slope = [1.5], intercept = 0.3 }
                        experts = [
                          { gate { slope = [0.0], intercept = 0.0 }, slope = [-2.0], intercept = 1.0, variance = 0.1 }
                          { gate { slope = [3.0], intercept = 0.5 }, slope = [2.0], intercept = -1.0, variance = 0.2 }
                        ]
                      }
                      fit { experts = 2 } }
                    { name = gaussian
                      g0 { type = gaussian-linear, slope = [0.5], intercept = -2.5, variance = 0.2 }
                      gating { type = gaussian }
                      truth {
                        lambda = 0.7
                        experts = [
                          { gate { weight = 0.4, mean = [-1.0], covariance = [[0.3]] }, slope = [-2.0], intercept = 1.0,
                            variance = 0.1 }
                          { gate { weight = 0.6, mean = [1.0], covariance = [[0.5]] }, slope = [2.0], intercept = -1.0,
                            variance = 0.2 }
                        ]
                      }
                      fit { experts = 2 } }
                  ]
                }
                """);
    }

    private static List<Expert> experts() {
        return List.of(new Expert(new double[] {-2.0}, 1.0, 0.1), new Expert(new double[] {2.0}, -1.0, 0.2));
    }

    private Path data(String setting) throws Exception {
        GaussianLinearG0 g0 = new GaussianLinearG0(new double[] {0.5}, -2.5, 0.2);
        Dataset d;
        if (setting.equals("softmax")) {
            GatedModel truth = new GatedModel(new SigmoidDeviation(new double[] {1.5}, 0.3),
                    new SoftmaxGating(new double[][] {{0.0}, {3.0}}, new double[] {0.0, 0.5}), experts(), g0);
            d = Simulator.simulate(new UniformCovariates(new double[] {-2}, new double[] {2}), truth, 300, 11L);
        } else {
            GaussianGating gate = new GaussianGating(new double[] {0.4, 0.6}, new double[][] {{-1.0}, {1.0}},
                    new double[][][] {{{0.3}}, {{0.5}}});
            GatedModel truth = new GatedModel(new ConstantDeviation(0.7), gate, experts(), g0);
            d = Simulator.simulate(gate, truth, 300,
                    RandomSource.XO_RO_SHI_RO_128_PP.create(11L));
        }
        StringBuilder csv = new StringBuilder("dose,y\n");
        for (int i = 0; i < d.size(); i++) {
            csv.append(d.x(i, 0)).append(',').append(d.y(i)).append('\n');
        }
        Path data = dir.resolve(setting + ".csv");
        Files.writeString(data, csv);
        return data;
    }

    private Result fit(String setting, String out, String... extra) throws Exception {
        Path target = dir.resolve(out);
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--setting", setting, "--data",
                data(setting).toString(), "--x", "dose", "--out", target.toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            try {
                status = new FitCommand(master -> SparkTestSession.get(), false, () -> false).run(args, po, pe);
            } catch (InputException x) {
                status = ExitStatus.BAD_INPUT;
                pe.print(String.join("\n", x.problems()));
            }
        }
        JsonNode json = status == 0 ? JsonFiles.MAPPER.readTree(target.toFile()) : null;
        return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), json);
    }

    @Test
    void softmaxBootstrapIntervalsAreTheSameByteForByteOn1And3And17Partitions() throws Exception {
        List<String> intervals = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        for (int partitions : new int[] {1, 3, 17}) {
            Result r = fit("softmax", "fit-" + partitions + ".json", "--bootstrap", String.valueOf(B),
                    "--partitions", String.valueOf(partitions));
            assertEquals(0, r.status(), r.err());
            intervals.add(r.fit().get(Parameters.FIT_INTERVALS).toString());
            tables.add(r.out().substring(r.out().indexOf("  standard errors"), r.out().indexOf("fit: wrote")));
        }
        assertEquals(intervals.get(0), intervals.get(1));
        assertEquals(intervals.get(0), intervals.get(2));
        assertEquals(tables.get(0), tables.get(2));

        JsonNode fit = JsonFiles.MAPPER.readTree(dir.resolve("fit-1.json").toFile());
        JsonNode iv = fit.get(Parameters.FIT_INTERVALS);
        assertEquals(3, iv.size(), iv::toString);
        assertEquals(StandardErrorsJson.PERCENTILE, iv.get(1).get("method").asText());
        assertEquals(B, iv.get(1).get("B").asInt());
        // every free parameter's percentile interval holds its estimate (B refits from the estimate of a
        // well-separated model: the refits scatter around it), and the reference gate has none
        for (String m : new String[] {StandardErrorsJson.PERCENTILE, StandardErrorsJson.BASIC}) {
            JsonNode b = m.equals(StandardErrorsJson.PERCENTILE) ? iv.get(1) : iv.get(2);
            assertEquals(m, b.get("method").asText());
            double slope = fit.get("experts").get(1).get("gate").get("slope").get(0).asDouble();
            JsonNode pair = b.get("experts").get(1).get("gate").get("slope").get(0);
            assertTrue(pair.get(0).asDouble() < slope && slope < pair.get(1).asDouble(), pair::toString);
            JsonNode lambda = b.get("lambda").get("intercept");
            double intercept = fit.get("lambda").get("intercept").asDouble();
            assertTrue(lambda.get(0).asDouble() < intercept && intercept < lambda.get(1).asDouble(), lambda::toString);
            assertEquals("NaN", b.get("experts").get(0).get("gate").get("intercept").get(0).asText());
        }
        assertTrue(intervals.get(0).contains("\"kind\":\"parametric\""), intervals.get(0));
    }

    @Test
    void fitJsonAndTheTableCarryTheGatesStandardErrorsInTheEstimatesShape() throws Exception {
        Result r = fit("softmax", "softmax.json");
        assertEquals(0, r.status(), r.err());
        JsonNode se = r.fit().get(Parameters.FIT_STANDARD_ERRORS);
        assertEquals("NaN", se.get("experts").get(0).get("gate").get("slope").get(0).asText());
        double gateSe = se.get("experts").get(1).get("gate").get("slope").get(0).asDouble();
        assertTrue(gateSe > 0 && Double.isFinite(gateSe), se::toString);
        assertTrue(se.get("lambda").get("slope").get(0).asDouble() > 0, se::toString);
        JsonNode wald = r.fit().get(Parameters.FIT_INTERVALS).get(0);
        assertEquals("identity", wald.get("scale").get("experts").get(1).get("gate").get("slope").get(0).asText());
        assertEquals("log", wald.get("scale").get("experts").get(1).get("variance").asText());
        JsonNode notes = r.fit().get(Parameters.FIT_RELIABILITY).get("notes");
        assertEquals("NOT_ESTIMATED", notes.get(0).get("reason").asText(), notes::toString);
        assertEquals("[\"experts[0].gate.slope[0]\",\"experts[0].gate.intercept\"]",
                notes.get(0).get("parameters").toString());
        String gateRow = r.out().lines().filter(l -> l.startsWith("    expert 2 gate dose ")).findFirst().orElseThrow();
        assertTrue(gateRow.contains(Format.value(gateSe)), gateRow + " against " + gateSe);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("    λ(x) dose ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("    expert 1 gate intercept ") && l.endsWith("[1]")),
                r.out());

        Result g = fit("gaussian", "gaussian.json", "--bootstrap", "4", "--bootstrap-kind", "nonparametric");
        assertEquals(0, g.status(), g.err());
        JsonNode gse = g.fit().get(Parameters.FIT_STANDARD_ERRORS);
        // the two gate weights sum to 1: one standard error
        assertEquals(gse.get("experts").get(0).get("gate").get("weight").asDouble(),
                gse.get("experts").get(1).get("gate").get("weight").asDouble(), 1e-12);
        assertTrue(gse.get("lambda").asDouble() > 0, gse::toString);
        assertTrue(gse.get("experts").get(1).get("gate").get("covariance").get(0).get(0).asDouble() > 0,
                gse::toString);
        assertEquals("log", g.fit().get(Parameters.FIT_INTERVALS).get(0).get("scale").get("experts").get(0)
                .get("gate").get("covariance").get(0).get(0).asText());
        assertEquals("nonparametric", g.fit().get(Parameters.FIT_INTERVALS).get(1).get("kind").asText());
        assertTrue(g.out().lines().anyMatch(l -> l.startsWith("    expert 2 gate covariance dose dose ")), g.out());
    }
}
