package org.dgmoe.app.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.fit.FitCommand;
import org.dgmoe.app.gof.TestCommandTest.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe test} and {@code dgmoe fit} with g0 from the data's columns ({@code type = columns}, issue 22) on
 * the data of columns_reference.py, whose columns pred_mu and pred_s are a least-squares model's predictions:
 * ℓ₀ and the PIT statistics against scipy's for each family, the Monte Carlo p-value the same on 1 and 3
 * partitions, the refusals (missing column, bad scale, a sweep); and expressions naming the data's columns.
 */
class ColumnsTestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Null refits: the scipy statistics do not depend on them; the partition check compares all of them. */
    private static final int B = 19;

    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("study.conf");
        StringBuilder settings = new StringBuilder();
        for (String family : List.of("normal", "student-t", "laplace", "logistic")) {
            settings.append("    { name = ").append(family).append(", g0 { type = columns, family = ").append(family)
                    .append(", location = pred_mu, scale = pred_s").append(family.equals("student-t") ? ", dof = 4" : "")
                    .append(" }, fit { experts = 1, init = random } }\n");
        }
        settings.append("""
                    { name = missing, g0 { type = columns, family = normal, location = pred_mu, scale = pred_sd },
                      fit { experts = 1 } }
                    { name = by-name, g0 { type = location-scale, family = laplace, location = "1 + 0.5*sin(2*dose)",
                      scale = "0.3 + 0.2*x1^2" }, fit { experts = 1 } }
                    { name = by-index, g0 { type = location-scale, family = laplace, location = "1 + 0.5*sin(2*x1)",
                      scale = "0.3 + 0.2*x1^2" }, fit { experts = 1 } }
                    { name = dos, g0 { type = location-scale, family = normal, location = "1 + 2*dos", scale = 1 },
                      fit { experts = 1 } }
                """);
        Files.writeString(config, "dgmoe.study {\n  name = columns-test, seed = 20261207, replicates = 1, "
                + "sample-sizes = [60]\n  settings = [\n" + settings + "  ]\n}\n");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ColumnsTestCommandTest.class.getResource(name).toURI());
    }

    private Result test(String setting, Path data, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--setting", setting, "--data",
                data.toString(), "--x", "dose", "--y", "response", "--bootstrap", String.valueOf(B), "--out",
                out.toString()));
        args.addAll(List.of(more));
        return TestCommandTest.test(args.toArray(String[]::new));
    }

    @Test
    void nullLogLikelihoodAndPitStatisticsAgreeWithScipy() throws Exception {
        List<String> reference = Files.readAllLines(resource("columns_reference.out"));
        int checked = 0;
        for (String line : reference) {
            if (line.startsWith("#") || line.startsWith("family")) {
                continue;
            }
            String[] f = line.split(",");
            Path out = dir.resolve(f[0] + ".json");
            Result r = test(f[0], resource("columns_data.csv"), out);
            assertEquals(0, r.status(), r.err());
            JsonNode t = JSON.readTree(out.toFile());
            // ℓ₀ sums 60 log-densities, each log f(t) − log s in correctly rounded steps (log1p for Student-t and
            // logistic), so a few ulp each; the PIT statistics are sums and maxima of correctly rounded CDF
            // values. 1e-12 relative leaves room for that and for scipy's own rounding.
            assertEquals(Double.parseDouble(f[1]), t.get("nullLogLikelihood").asDouble(),
                    1e-12 * Math.abs(Double.parseDouble(f[1])), f[0] + " l0");
            String[] names = {"ks", "cvm", "ad"};
            for (int k = 0; k < 3; k++) {
                double expected = Double.parseDouble(f[2 + k]);
                assertEquals(expected, t.get("baselines").get(names[k]).get("statistic").asDouble(), 1e-12 * expected,
                        f[0] + " " + names[k]);
            }
            assertEquals("columns", t.get("g0").asText());
            assertEquals(B, t.get("nullStatistics").size());
            checked++;
        }
        assertEquals(4, checked);
    }

    @Test
    void theMonteCarloPValueIsTheSameOnOneAndThreePartitions() throws Exception {
        Path one = dir.resolve("one.json");
        Path three = dir.resolve("three.json");
        assertEquals(0, test("laplace", resource("columns_data.csv"), one, "--partitions", "1").status());
        assertEquals(0, test("laplace", resource("columns_data.csv"), three, "--partitions", "3").status());
        JsonNode a = JSON.readTree(one.toFile());
        JsonNode b = JSON.readTree(three.toFile());
        // null data set b is keyed by (key, b), not by its partition: the draws, refits and p-values are equal
        // to the bit
        assertEquals(a.get("nullStatistics"), b.get("nullStatistics"));
        assertEquals(a.get("pValue").asDouble(), b.get("pValue").asDouble(), 0.0);
        assertEquals(a.get("baselines"), b.get("baselines"));
        // the null draws y* = μᵢ + sᵢ εᵢ come from g0 itself, so their T* are spread over [0, ∞) and not all 0
        double largest = 0;
        for (JsonNode s : a.get("nullStatistics")) {
            assertTrue(s.asDouble() >= 0, "T* >= 0");
            largest = Math.max(largest, s.asDouble());
        }
        assertTrue(largest > 0, "some T* > 0");
    }

    @Test
    void aMissingColumnOrABadScaleIsRefusedNamingTheColumnAndTheRow() throws Exception {
        Result missing = test("missing", resource("columns_data.csv"), dir.resolve("missing.json"));
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no column 'pred_sd' (dgmoe.study.settings[4].g0.scale)"), missing.err());

        List<String> rows = new ArrayList<>(Files.readAllLines(resource("columns_data.csv")));
        String[] seventh = rows.get(7).split(",");
        rows.set(7, seventh[0] + "," + seventh[1] + "," + seventh[2] + ",0");
        Path zero = dir.resolve("zero.csv");
        Files.write(zero, rows);
        Result bad = test("normal", zero, dir.resolve("zero.json"));
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("data row 7: column 'pred_s' (dgmoe.study.settings[0].g0.scale) is 0.0; g0's "
                + "scale must be > 0 and finite at every row"), bad.err());

        rows.set(7, seventh[0] + "," + seventh[1] + "," + seventh[2] + ",Infinity");
        Files.write(zero, rows);
        Result infinite = test("normal", zero, dir.resolve("inf.json"));
        assertEquals(2, infinite.status());
        assertTrue(infinite.err().contains("zero.csv:8: column 'pred_s' must be a finite number, got 'Infinity'"),
                infinite.err());

        Result report = test("normal", resource("columns_data.csv"), dir.resolve("r.json"), "--report",
                dir.resolve("page").toString());
        assertEquals(2, report.status());
        assertTrue(report.err().contains("g0.type is columns"), report.err());
    }

    @Test
    void aSweepRefusesColumnsAtLoad() throws IOException {
        Path sweep = dir.resolve("sweep.conf");
        Files.writeString(sweep, """
                dgmoe.study { name = s, seed = 1, replicates = 1, sample-sizes = [50]
                  settings = [ { name = c, g0 { type = columns, family = normal, location = mu, scale = s },
                    truth { lambda = 0.5, experts = [ { weight = 1, slope = [1], intercept = 0, variance = 1 } ] } } ] }
                """);
        InputException e = assertThrows(InputException.class, () -> StudyConfigLoader.load(sweep, List.of()));
        assertTrue(e.getMessage().contains("dgmoe.study.settings[0].g0.type: columns reads a location and a scale "
                + "per row of a data file, and a sweep has no data columns"), e.getMessage());
    }

    @Test
    void expressionsMayNameTheDataColumns() throws Exception {
        // The same g0 written with the column name and with x1 gives the same ℓ₀ to the bit.
        Path byName = dir.resolve("by-name.json");
        Path byIndex = dir.resolve("by-index.json");
        assertEquals(0, test("by-name", resource("columns_data.csv"), byName).status());
        assertEquals(0, test("by-index", resource("columns_data.csv"), byIndex).status());
        assertEquals(JSON.readTree(byIndex.toFile()).get("nullLogLikelihood").asDouble(),
                JSON.readTree(byName.toFile()).get("nullLogLikelihood").asDouble(), 0.0);

        Result typo = test("dos", resource("columns_data.csv"), dir.resolve("dos.json"));
        assertEquals(2, typo.status());
        assertTrue(typo.err().contains("dgmoe.study.settings[7].g0.location: unknown name 'dos' at column 7; did you "
                + "mean 'dose'? (names: x1 (or dose), pi;"), typo.err());
    }

    @Test
    void fitUsesTheColumnsAndRefusesTheBootstrap() throws Exception {
        Path out = dir.resolve("fit.json");
        List<String> args = List.of("--config", config.toString(), "--setting", "normal", "--data",
                resource("columns_data.csv").toString(), "--x", "dose", "--y", "response", "--out", out.toString());
        Result fit = TestCommandTest.run(new FitCommand(), args.toArray(String[]::new));
        assertEquals(0, fit.status(), fit.err());
        assertTrue(Files.exists(out));

        List<String> boot = new ArrayList<>(args);
        boot.addAll(List.of("--bootstrap", "9"));
        Result refused = TestCommandTest.run(new FitCommand(), boot.toArray(String[]::new));
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("fit: --bootstrap: dgmoe.study.settings[0].g0.type is columns"),
                refused.err());
    }
}
