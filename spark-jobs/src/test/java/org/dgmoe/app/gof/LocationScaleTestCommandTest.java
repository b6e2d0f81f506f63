package org.dgmoe.app.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.gof.TestCommandTest.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe test} with a location-scale g0 whose location and scale are non-linear in the covariate (issue
 * 22), on the data of location_scale_reference.py: ℓ₀ and the PIT statistics against scipy's, for each family.
 */
class LocationScaleTestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Null refits: the statistics checked here do not depend on them; the run must merely finish. */
    private static final int B = 9;

    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("study.conf");
        StringBuilder settings = new StringBuilder();
        for (String family : List.of("normal", "student-t", "laplace", "logistic")) {
            settings.append("    { name = ").append(family).append(", g0 { type = location-scale, family = ")
                    .append(family).append(", location = \"1 + 0.5*sin(2*x1)\", scale = \"0.3 + 0.2*x1^2\"")
                    .append(family.equals("student-t") ? ", dof = 3" : "").append(" }, fit { experts = 1 } }\n");
        }
        settings.append("""
                    { name = typo, g0 { type = location-scale, family = normal, location = "1 + 0.5*sin(2*x)",
                      scale = "0.3" }, fit { experts = 1 } }
                    { name = code, g0 { type = location-scale, family = normal, location = "x1.getClass()",
                      scale = "java.lang.Runtime.getRuntime()" }, fit { experts = 1 } }
                    { name = shrinking, g0 { type = location-scale, family = laplace, location = "x1",
                      scale = "1 - x1" }, fit { experts = 1 } }
                """);
        Files.writeString(config, "dgmoe.study {\n  name = location-scale-test, seed = 20261207, replicates = 1, "
                + "sample-sizes = [60]\n  settings = [\n" + settings + "  ]\n}\n");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(LocationScaleTestCommandTest.class.getResource(name).toURI());
    }

    private Result test(String setting, Path out) throws URISyntaxException {
        return TestCommandTest.test("--config", config.toString(), "--setting", setting, "--data",
                resource("location_scale_data.csv").toString(), "--x", "dose", "--y", "response", "--bootstrap",
                String.valueOf(B), "--out", out.toString());
    }

    @Test
    void nullLogLikelihoodAndPitStatisticsAgreeWithScipy() throws Exception {
        List<String> reference = Files.readAllLines(resource("location_scale_reference.out"));
        int checked = 0;
        for (String line : reference) {
            if (line.startsWith("#") || line.startsWith("family")) {
                continue;
            }
            String[] f = line.split(",");
            Path out = dir.resolve(f[0] + ".json");
            Result r = test(f[0], out);
            assertEquals(0, r.status(), r.err());
            JsonNode t = JSON.readTree(out.toFile());
            // ℓ₀ sums 60 log-densities whose log(1 + u) is rounded (LocationScaleG0#logDensities): a few ulp
            // each; the PIT statistics are sums and maxima of correctly rounded CDF values. 1e-12 relative.
            assertEquals(Double.parseDouble(f[1]), t.get("nullLogLikelihood").asDouble(),
                    1e-12 * Math.abs(Double.parseDouble(f[1])), f[0] + " l0");
            String[] names = {"ks", "cvm", "ad"};
            for (int k = 0; k < 3; k++) {
                double expected = Double.parseDouble(f[2 + k]);
                assertEquals(expected, t.get("baselines").get(names[k]).get("statistic").asDouble(), 1e-12 * expected,
                        f[0] + " " + names[k]);
            }
            assertEquals("location-scale", t.get("g0").asText());
            assertEquals(B, t.get("nullStatistics").size());
            checked++;
        }
        assertEquals(4, checked);
    }

    @Test
    void expressionsAreCheckedWithTheirKeyAndColumn() throws Exception {
        Result typo = test("typo", dir.resolve("typo.json"));
        assertEquals(2, typo.status());
        assertTrue(typo.err().contains("dgmoe.study.settings[4].g0.location: unknown name 'x' at column 15; did you "
                + "mean 'x1'? (names: x1 (or dose), pi; functions:"), typo.err());

        Result code = test("code", dir.resolve("code.json"));
        assertEquals(2, code.status());
        assertTrue(code.err().contains("g0.location: unexpected '.' at column 3: an expression has no method calls "
                + "or fields"), code.err());
        assertTrue(code.err().contains("g0.scale: unknown name 'java' at column 1"), code.err());

        Result shrinking = test("shrinking", dir.resolve("shrinking.json"));
        assertEquals(2, shrinking.status());
        assertTrue(shrinking.err().matches("(?s).*--data .*location_scale_data.csv: data row 6 \\(dose = 1\\.143[0-9]*\\): "
                + "dgmoe.study.settings\\[6\\].g0.scale = \"1 - x1\" is -0\\.143[0-9]* there; g0's scale must be > 0 and "
                + "finite at every row.*"), shrinking.err());
    }
}
