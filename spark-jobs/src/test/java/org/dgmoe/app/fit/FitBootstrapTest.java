package org.dgmoe.app.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.config.Parameters;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.files.StandardErrorsJson;
import org.dgmoe.app.page.Format;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe fit --bootstrap} end to end on the shared Spark test session: the same intervals, byte for byte, on
 * 1, 3 and 17 partitions; fit.json's bootstrap blocks and the stdout table; the refusals (the companions without
 * --bootstrap, an unknown kind) exit 2 naming the option (gated fits: {@link GatedFitBootstrapTest}). Data: the
 * quickstart's truth, n = 400, seed 5; B = {@value #B}.
 */
class FitBootstrapTest {
    static final int B = 40;

    @TempDir
    Path dir;
    Path config;
    Path data;

    record Result(int status, String out, String err, JsonNode fit) {
    }

    @BeforeEach
    void write() throws Exception {
        config = dir.resolve("study.conf");
        Files.writeString(config, """
                dgmoe.study {
                  name = boot, seed = 5, replicates = 1, sample-sizes = [400]
                  settings = [
                    { name = exact
                      covariates { distribution = uniform, dimension = 1, min = 0.0, max = 1.0 }
                      g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                      truth { lambda = 0.5, experts = [ { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                                                        { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 } ] }
                      fit { experts = 2 } }
                  ]
                }
                """);
        DeviatedModel truth = new DeviatedModel(0.5, new MixingMeasure(new double[] {0.5, 0.5}, List.of(
                new Expert(new double[] {-2.0}, 1.0, 0.09), new Expert(new double[] {2.0}, -1.0, 0.16))),
                new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3));
        Dataset d = Simulator.simulate(new UniformCovariates(new double[] {0}, new double[] {1}), truth, 400, 5L);
        StringBuilder csv = new StringBuilder("x1,y\n");
        for (int i = 0; i < d.size(); i++) {
            csv.append(d.x(i, 0)).append(',').append(d.y(i)).append('\n');
        }
        data = dir.resolve("data.csv");
        Files.writeString(data, csv);
    }

    private Result fit(String out, String... extra) throws Exception {
        Path target = dir.resolve(out);
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--setting", "exact", "--data",
                data.toString(), "--out", target.toString()));
        args.addAll(List.of(extra));
        return run(args, target);
    }

    private static Result run(List<String> args, Path target) throws Exception {
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
    void theIntervalsAreTheSameByteForByteOn1And3And17Partitions() throws Exception {
        List<String> intervals = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        for (int partitions : new int[] {1, 3, 17}) {
            Result r = fit("fit-" + partitions + ".json", "--bootstrap", String.valueOf(B), "--partitions",
                    String.valueOf(partitions));
            assertEquals(0, r.status(), r.err());
            intervals.add(r.fit().get(Parameters.FIT_INTERVALS).toString());
            tables.add(r.out().substring(r.out().indexOf("  standard errors"), r.out().indexOf("fit: wrote")));
        }
        assertEquals(intervals.get(0), intervals.get(1));
        assertEquals(intervals.get(0), intervals.get(2));
        assertEquals(tables.get(0), tables.get(2));
        // the nonparametric bootstrap draws other data sets, so other intervals (the kind is not ignored)
        Result np = fit("fit-np.json", "--bootstrap", String.valueOf(B), "--bootstrap-kind", "nonparametric");
        assertEquals(0, np.status(), np.err());
        assertNotEquals(intervals.get(0), np.fit().get(Parameters.FIT_INTERVALS).toString());
        assertEquals("nonparametric", np.fit().get(Parameters.FIT_INTERVALS).get(1).get("kind").asText());
    }

    @Test
    void fitJsonListsTheWaldThenThePercentileAndBasicBlocksAndStdoutShowsThemBesideWald() throws Exception {
        Result r = fit("fit.json", "--bootstrap", String.valueOf(B));
        assertEquals(0, r.status(), r.err());
        JsonNode iv = r.fit().get(Parameters.FIT_INTERVALS);
        assertEquals(3, iv.size(), iv::toString);
        assertEquals(StandardErrorsJson.METHOD, iv.get(0).get("method").asText());
        assertEquals(StandardErrorsJson.PERCENTILE, iv.get(1).get("method").asText());
        assertEquals(StandardErrorsJson.BASIC, iv.get(2).get("method").asText());
        double lambda = r.fit().get("lambda").asDouble();
        for (int m = 1; m <= 2; m++) {
            JsonNode b = iv.get(m);
            assertEquals(0.95, b.get("level").asDouble(), 0);
            assertEquals("parametric", b.get("kind").asText());
            assertEquals(B, b.get("B").asInt());
            assertEquals(0, b.get("failures").asInt(), b::toString);
            assertEquals("logit", b.get("scale").get("lambda").asText());
            assertEquals(0, b.get("notes").size(), b::toString);
            double lo = b.get("lambda").get(0).asDouble();
            double hi = b.get("lambda").get(1).asDouble();
            // the bootstrap's spread of λ̂ is the Wald interval's to within a factor 2 here (n = 400, an
            // exactly fitted, well-separated model: both estimate the same normal law; measured ratio about 1)
            double wald = iv.get(0).get("lambda").get(1).asDouble() - iv.get(0).get("lambda").get(0).asDouble();
            assertTrue(lo < lambda && lambda < hi && (hi - lo) / wald > 0.5 && (hi - lo) / wald < 2,
                    b.get("lambda") + " against Wald " + iv.get(0).get("lambda"));
        }
        List<String> lines = r.out().lines().toList();
        int table = lines.indexOf("  standard errors from the observed information, 95% Wald intervals "
                + "(docs/uncertainty.md):");
        assertTrue(table > 0, r.out());
        assertEquals("  and 95% bootstrap intervals from B = 40 parametric refits from the estimate: 0 failed (left "
                + "out), 0 at the iteration cap", lines.get(table + 1));
        assertTrue(lines.get(table + 2).matches("    parameter +estimate +std\\. error +Wald +percentile +basic +note"),
                lines.get(table + 2));
        String lambdaRow = lines.get(table + 3);
        JsonNode p = iv.get(1).get("lambda");
        JsonNode b = iv.get(2).get("lambda");
        assertTrue(lambdaRow.contains("[" + Format.value(p.get(0).asDouble()) + ", " + Format.value(p.get(1).asDouble())
                + "]  ") && lambdaRow.endsWith("[" + Format.value(b.get(0).asDouble()) + ", "
                + Format.value(b.get(1).asDouble()) + "]"), lambdaRow);
        assertTrue(r.err().contains("40/40 bootstrap refits done"), r.err());
        // with the bootstrap's keys the fit file is still a valid --start
        assertEquals(lambda, JsonFiles.readModel(dir.resolve("fit.json"), new StudentTG0(new double[] {0.5}, 0.0, 0.5,
                3), 1, 2, "fit.experts").lambda(), 0);
    }

    @Test
    void badBootstrapOptionsAreRefusedNamingTheOption() throws Exception {
        Result companion = fit("c.json", "--partitions", "3");
        assertEquals(2, companion.status());
        assertEquals("fit: --partitions applies to the bootstrap refits and needs --bootstrap B", companion.err());
        Result kind = fit("k.json", "--bootstrap", "10", "--bootstrap-kind", "jackknife");
        assertEquals(2, kind.status());
        assertEquals("fit: --bootstrap-kind must be one of parametric, nonparametric, got 'jackknife'", kind.err());
        Result zero = fit("z.json", "--bootstrap", "0");
        assertEquals(2, zero.status());
        assertFalse(zero.err().isEmpty());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(f -> f.toString().endsWith(".json")).toList(), "nothing written");
        }
    }
}
