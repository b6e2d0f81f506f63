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
import org.dgmoe.app.config.Parameters;
import org.dgmoe.app.data.DataColumns;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.page.EstimatesTable;
import org.dgmoe.app.page.Format;
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
 * {@code dgmoe fit}'s standard errors (docs/uncertainty.md): fit.json's {@code standardErrors}, {@code intervals}
 * and {@code reliability} in the estimates' shape and names, the table on stdout, and the reliability notes an
 * over-fitted setting and a fixed λ get. Data: the quickstart's truth (λ* = 0.5, Student-t g0), n = 1500, seed 3.
 */
class FitStandardErrorsTest {
    @TempDir
    Path dir;
    Path config;
    Path data;

    record Result(int status, String out, JsonNode fit) {
    }

    @BeforeEach
    void write() throws Exception {
        config = dir.resolve("study.conf");
        Files.writeString(config, """
                shared {
                  covariates { distribution = uniform, dimension = 1, min = 0.0, max = 1.0 }
                  g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                  truth { lambda = 0.5, experts = [ { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                                                    { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 } ] }
                }
                dgmoe.study {
                  name = se, seed = 3, replicates = 1, sample-sizes = [1500]
                  settings = [
                    { name = exact, covariates = ${shared.covariates}, g0 = ${shared.g0}, truth = ${shared.truth},
                      fit { experts = 2 } }
                    { name = over, covariates = ${shared.covariates}, g0 = ${shared.g0}, truth = ${shared.truth},
                      fit { experts = 3 } }
                    { name = fixed, covariates = ${shared.covariates}, g0 = ${shared.g0}, truth = ${shared.truth},
                      fit { experts = 2, lambda = 0.5 } }
                  ]
                }
                """);
        DeviatedModel truth = new DeviatedModel(0.5, new MixingMeasure(new double[] {0.5, 0.5}, List.of(
                new Expert(new double[] {-2.0}, 1.0, 0.09), new Expert(new double[] {2.0}, -1.0, 0.16))),
                new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3));
        Dataset d = Simulator.simulate(new UniformCovariates(new double[] {0}, new double[] {1}), truth, 1500, 3L);
        StringBuilder csv = new StringBuilder("x1,y\n");
        for (int i = 0; i < d.size(); i++) {
            csv.append(d.x(i, 0)).append(',').append(d.y(i)).append('\n');
        }
        data = dir.resolve("data.csv");
        Files.writeString(data, csv);
    }

    private Result fit(String setting) throws Exception {
        Path out = dir.resolve(setting + ".json");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            status = new FitCommand().run(List.of("--config", config.toString(), "--setting", setting, "--data",
                    data.toString(), "--out", out.toString()), po, pe);
        }
        assertEquals(0, status, e.toString(StandardCharsets.UTF_8));
        return new Result(status, o.toString(StandardCharsets.UTF_8), JsonFiles.MAPPER.readTree(out.toFile()));
    }

    /** Every estimate's path in fit.json, with its node, in the table's order. */
    private static List<String> paths(JsonNode shaped) {
        List<String> out = new ArrayList<>(List.of("lambda"));
        for (int i = 0; i < shaped.get("experts").size(); i++) {
            out.add("experts[" + i + "].weight");
        }
        for (int i = 0; i < shaped.get("experts").size(); i++) {
            out.addAll(List.of("experts[" + i + "].slope[0]", "experts[" + i + "].intercept",
                    "experts[" + i + "].variance"));
        }
        return out;
    }

    /** The node at a path like experts[1].slope[0]. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            String key = part.replaceAll("\\[.*", "");
            n = n.get(key);
            for (String index : part.replaceAll("^[^\\[]*", "").replace("]", "").split("\\[")) {
                if (!index.isEmpty()) {
                    n = n.get(Integer.parseInt(index));
                }
            }
        }
        return n;
    }

    @Test
    void theExactFitWritesStandardErrorsAndIntervalsInTheEstimatesShapeAndPrintsTheTable() throws Exception {
        Result r = fit("exact");
        JsonNode f = r.fit();
        JsonNode se = f.get(Parameters.FIT_STANDARD_ERRORS);
        JsonNode iv = f.get(Parameters.FIT_INTERVALS).get(0);
        assertEquals(1, f.get(Parameters.FIT_INTERVALS).size(), "without --bootstrap, the Wald block alone");
        assertEquals("wald", iv.get("method").asText());
        assertEquals(0.95, iv.get("level").asDouble(), 0);
        assertEquals("logit", iv.get("scale").get("lambda").asText());
        assertEquals("log", iv.get("scale").get("variance").asText());
        assertEquals("COMPUTED", f.get(Parameters.FIT_RELIABILITY).get("status").asText());
        assertEquals(0, f.get(Parameters.FIT_RELIABILITY).get("notes").size(), f::toString);
        List<String> lines = r.out().lines().toList();
        int table = lines.indexOf("  standard errors from the observed information, 95% Wald intervals "
                + "(docs/uncertainty.md):");
        assertTrue(table > 0, r.out());
        assertTrue(lines.get(table + 1).matches("    parameter +estimate +std\\. error +95% interval +note"), r.out());
        List<String> names = List.of("λ", "expert 1 weight", "expert 2 weight", "expert 1 x1", "expert 1 intercept",
                "expert 1 variance", "expert 2 x1", "expert 2 intercept", "expert 2 variance");
        List<String> paths = paths(f);
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            double estimate = at(f, p).asDouble();
            double s = at(se, p).asDouble();
            double lo = at(iv, p).get(0).asDouble();
            double hi = at(iv, p).get(1).asDouble();
            // an interval about 2·1.96 standard errors wide around its estimate (exactly so on the identity scale;
            // on the logit and log scales within a factor 1.5 at these standard errors, at most a fifth of the value)
            assertTrue(s > 0 && lo < estimate && estimate < hi, p);
            assertTrue((hi - lo) / (2 * 1.959964 * s) > 0.67 && (hi - lo) / (2 * 1.959964 * s) < 1.5, p);
            String row = lines.get(table + 2 + i);
            List<String> cells = List.of(row.trim().split(" {2,}"));
            assertEquals(List.of(names.get(i), Format.value(estimate), Format.value(s),
                    "[" + Format.value(lo) + ", " + Format.value(hi) + "]"), cells, row);
        }
        // the fit file, with its new keys, is still a valid --start
        DeviatedModel start = JsonFiles.readModel(dir.resolve("exact.json"), new StudentTG0(new double[] {0.5}, 0.0,
                0.5, 3), 1, 2, "fit.experts");
        assertEquals(f.get("lambda").asDouble(), start.lambda(), 0);
    }

    @Test
    void anOverFittedModelIsMarkedOnEveryParameter() throws Exception {
        Result r = fit("over");
        JsonNode notes = r.fit().get(Parameters.FIT_RELIABILITY).get("notes");
        JsonNode over = null;
        for (JsonNode n : notes) {
            if (n.get("reason").asText().equals("OVER_FITTED")) {
                over = n;
            }
        }
        assertTrue(over != null, notes::toString);
        assertEquals(1 + 3 + 3 * 3, over.get("parameters").size(), over::toString);
        assertEquals("lambda", over.get("parameters").get(0).asText());
        assertEquals("experts[2].variance", over.get("parameters").get(12).asText());
        assertTrue(over.get("note").asText().startsWith("an over-fitted model: 3 experts fitted, the truth has 2"),
                over::toString);
        // every row of the table carries the note's mark, and the note is printed below it
        int mark = 0;
        for (int m = 0; m < notes.size(); m++) {
            if (notes.get(m) == over) {
                mark = m + 1;
            }
        }
        String tag = "[" + mark + "]";
        List<String> lines = r.out().lines().toList();
        int table = lines.indexOf("  standard errors from the observed information, 95% Wald intervals "
                + "(docs/uncertainty.md):");
        for (int i = 0; i < 13; i++) {
            assertTrue(lines.get(table + 2 + i).contains(tag), lines.get(table + 2 + i));
        }
        assertTrue(r.out().contains("    " + tag + " an over-fitted model: 3 experts fitted, the truth has 2"), r.out());
    }

    @Test
    void aFixedLambdaHasNoStandardError() throws Exception {
        Result r = fit("fixed");
        assertEquals("NaN", r.fit().get(Parameters.FIT_STANDARD_ERRORS).get("lambda").asText());
        assertEquals("NaN", r.fit().get(Parameters.FIT_INTERVALS).get(0).get("lambda").get(0).asText());
        JsonNode note = r.fit().get(Parameters.FIT_RELIABILITY).get("notes").get(0);
        assertEquals("NOT_ESTIMATED", note.get("reason").asText());
        assertEquals("[\"lambda\"]", note.get("parameters").toString());
        String lambdaRow = r.out().lines().filter(l -> l.startsWith("    λ ")).findFirst().orElseThrow();
        assertEquals(List.of("λ", "0.5", "-", "[1]"), List.of(lambdaRow.trim().split(" {2,}")), lambdaRow);
        assertTrue(EstimatesTable.rowName(2, 1, 3, List.of("dose")).equals("expert 1 dose"));
    }
}
