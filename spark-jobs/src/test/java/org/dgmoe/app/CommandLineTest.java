package org.dgmoe.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dgmoe.app.Main;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.data.DataCsv;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.study.TaskRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line through {@link Main#run}, with stdout and stderr captured. */
class CommandLineTest {
    static final String STUDY = """
            dgmoe.study {
              name = cli-test
              seed = 42
              replicates = 2
              sample-sizes = [50, 200]
              settings = [
                {
                  name = small
                  covariates { distribution = uniform, min = 0, max = 1 }
                  g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                  truth {
                    lambda = 0.6
                    experts = [
                      { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                      { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 }
                    ]
                  }
                  fit { experts = 2, max-iterations = 300 }
                }
                {
                  name = plane
                  covariates { distribution = normal, mean = [0, 1], sd = 1 }
                  g0 { type = none }
                  truth { experts = [ { weight = 1, slope = [1, -1], intercept = 0, variance = 0.5 } ] }
                }
              ]
            }
            """;

    @TempDir
    Path dir;
    Path config;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeStudy() throws IOException {
        config = dir.resolve("study.conf");
        Files.writeString(config, STUDY);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return new Main().run(args, o, e);
        }
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void simulateWritesExactlyTheTaskData() throws IOException {
        for (String setting : List.of("small", "plane")) {
            Path csv = dir.resolve(setting + ".csv");
            assertEquals(0, run("simulate", "--config", config.toString(), "--setting", setting, "--n", "37",
                    "--replicate", "3", "--out", csv.toString()), this::err);
            assertEquals("", out());
            assertEquals("", err());
            LoadedStudy study = StudyConfigLoader.load(config, List.of());
            Dataset expected = new TaskRunner(study.study()).data(study.study().setting(setting), 37, 3);
            List<String> lines = Files.readAllLines(csv);
            int d = expected.dimension();
            assertEquals(d == 1 ? "x1,y" : "x1,x2,y", lines.get(0));
            assertEquals(38, lines.size());
            for (int i = 0; i < 37; i++) {
                String[] f = lines.get(i + 1).split(",");
                assertEquals(d + 1, f.length);
                for (int j = 0; j < d; j++) {
                    assertEquals(Double.doubleToLongBits(expected.x(i, j)), Double.doubleToLongBits(Double.parseDouble(f[j])));
                }
                assertEquals(Double.doubleToLongBits(expected.y(i)), Double.doubleToLongBits(Double.parseDouble(f[d])));
            }
            // And the reader gives back the very same data set.
            Dataset back = DataCsv.read(csv, d);
            for (int i = 0; i < 37; i++) {
                assertEquals(expected.y(i), back.y(i));
                assertEquals(expected.x(i, d - 1), back.x(i, d - 1));
            }
        }
        assertEquals(List.of("plane.csv", "small.csv", "study.conf"), filesInDir());
    }

    @Test
    void simulateFitLossRoundTrip() throws IOException {
        Path csv = dir.resolve("data.csv");
        Path fit = dir.resolve("fit.json");
        Path loss = dir.resolve("loss.json");
        assertEquals(0, run("simulate", "--config", config.toString(), "--setting", "small", "--n", "400",
                "--replicate", "0", "--out", csv.toString()), this::err);
        int status = run("fit", "--config", config.toString(), "--setting", "small", "--data", csv.toString(),
                "--out", fit.toString());
        assertEquals(0, status, this::err);
        assertEquals("", err());
        JsonNode f = JsonFiles.MAPPER.readTree(fit.toFile());
        assertEquals(2, f.get("experts").size());
        assertTrue(f.get("logLikelihood").isNumber(), f::toString);
        assertTrue(f.get("iterations").asInt() >= 1);
        // Convergence diagnostics (docs/convergence.md).
        assertTrue(f.get("emEvaluations").asInt() >= f.get("iterations").asInt(), f::toString);
        for (String key : new String[] {"lastChange", "lastStep", "scoreNorm", "lastRelativeChange"}) {
            assertTrue(f.get(key).isNumber(), key + " in " + f);
        }
        // The optimality certificate: a converged fit of the default (squarem-newton) is at a strict local
        // maximum, and either met the EM rule or has a predicted Newton gain below the tolerance 1e-8.
        assertTrue(f.get("newtonGain").isNumber(), f::toString);
        if ("CONVERGED".equals(f.get("status").asText())) {
            assertTrue(f.get("hessianNegativeDefinite").asBoolean(), f::toString);
            boolean emRule = f.get("lastStep").asDouble() < 1e-6 && Math.abs(f.get("lastChange").asDouble()) < 1e-8;
            assertTrue(emRule || f.get("newtonGain").asDouble() <= 1e-8, f::toString);
            // Its cost, outside emEvaluations: 2r = 2·k(d + 3) = 16 passes (one start, certified at the end
            // of the fit), or 1 when the polish's analysis was reused.
            int passes = f.get("certificatePasses").asInt();
            assertTrue(passes == 16 || passes == 1, f::toString);
        }
        assertEquals("small", f.get("setting").asText());
        assertEquals(400, f.get("n").asInt());
        assertEquals("near-truth", f.get("init").asText());
        // provenance: the one object every output writes; what the fit is about (setting, n, init, initSeed)
        // stays beside it
        Provenance provenance = Provenance.of(f);
        assertEquals(StudyConfigLoader.load(config, List.of()).configHash(), provenance.configHash());
        assertEquals(config.toString(), provenance.source());
        assertEquals(42, provenance.studySeed());
        assertTrue(provenance.created() != null && provenance.cpus() >= 1, f.get("provenance")::toString);
        assertEquals(provenance.toJson().toString(), f.get("provenance").toString(), "written as Provenance.toJson writes it");
        assertFalse(f.has("configHash") || f.has("version"), "said once, in the provenance");

        // The fit file is a valid start (warm start), and a refit from it runs.
        Path refit = dir.resolve("refit.json");
        assertEquals(0, run("fit", "--config", config.toString(), "--setting", "small", "--data", csv.toString(),
                "--start", fit.toString(), "--out", refit.toString()), this::err);
        assertEquals("file", JsonFiles.MAPPER.readTree(refit.toFile()).get("init").asText());

        status = run("loss", "--config", config.toString(), "--setting", "small", "--fit", fit.toString(),
                "--out", loss.toString());
        assertEquals(0, status, this::err);
        JsonNode l = JsonFiles.MAPPER.readTree(loss.toFile());
        for (String key : List.of("voronoi", "generalizedWasserstein", "hellinger", "lambdaError", "wassersteinOrder")) {
            assertTrue(l.get(key).isNumber(), key + " in " + l);
        }
        assertEquals(2, l.get("cells").size());
        assertEquals(provenance.configHash(), Provenance.of(l).configHash(), "loss.json: the same provenance object");
        assertFalse(l.has("configHash") || l.has("version"));
        JsonNode cell = l.get("cells").get(0);
        for (String key : List.of("atom", "members", "massError", "slopeError", "interceptError", "varianceError")) {
            assertTrue(cell.has(key), key + " in " + cell);
        }
        assertFalse(l.has("g0Cell"), "a student-t g0 has no g0 cell");
        // A fit at n = 400 of a well-separated truth is close to it.
        assertTrue(l.get("lambdaError").asDouble() < 0.2, l::toString);
    }

    @Test
    void aMalformedCsvIsNamedByLineAndNothingIsWritten() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x1,y\n0.5,1.0\n0.25\n0.1,abc\n\n0.3,2.0\n0.2,Infinity\n");
        Path fit = dir.resolve("fit.json");
        Files.writeString(fit, "precious");
        assertEquals(2, run("fit", "--config", config.toString(), "--setting", "small", "--data", csv.toString(),
                "--out", fit.toString()));
        assertEquals(csv + ":3: expected 2 fields (as in the header), got 1\n"
                + "dgmoe: " + csv + ":4: column 'y' is not a number: 'abc' (a number is decimal or scientific, "
                + "e.g. 8, -0.25, .5, 1.5e-3)\n"
                + "dgmoe: " + csv + ":7: column 'y' must be a finite number, got 'Infinity'\n",
                err().substring("dgmoe: ".length()));
        assertEquals("precious", Files.readString(fit));
        assertEquals(List.of("bad.csv", "fit.json", "study.conf"), filesInDir());

        // Java's number syntax is not the data's: a hexadecimal float or a type suffix is a typo, not 8.0
        Files.writeString(csv, "x1,y\n0.5,0x1p3\n0.25,8f\n8d,1\n0.1,1d0\n0.3,1e400\n");
        assertEquals(2, run("fit", "--config", config.toString(), "--setting", "small", "--data", csv.toString(),
                "--out", fit.toString()));
        String number = "' (a number is decimal or scientific, e.g. 8, -0.25, .5, 1.5e-3)\n";
        assertEquals(csv + ":2: column 'y' is not a number: '0x1p3" + number
                + "dgmoe: " + csv + ":3: column 'y' is not a number: '8f" + number
                + "dgmoe: " + csv + ":4: column 'x1' is not a number: '8d" + number
                + "dgmoe: " + csv + ":5: column 'y' is not a number: '1d0" + number
                + "dgmoe: " + csv + ":6: column 'y' must be a finite number, got '1e400'\n",
                err().substring("dgmoe: ".length()));
        assertEquals("precious", Files.readString(fit));
        assertEquals(List.of("bad.csv", "fit.json", "study.conf"), filesInDir());

        // Columns are found by name (extra columns are ignored); a missing one is named with the header.
        Files.writeString(csv, "x1,x2,z\n0.5,1.0,2\n");
        assertEquals(2, run("fit", "--config", config.toString(), "--setting", "small", "--data", csv.toString(),
                "--out", fit.toString()));
        assertEquals("dgmoe: " + csv + ":1: no column 'y' (the response, --y); the header has x1, x2, z\n", err());
    }

    @Test
    void aMissingFileIsNamedAndNothingIsWritten() throws IOException {
        Path fit = dir.resolve("fit.json");
        assertEquals(2, run("fit", "--config", config.toString(), "--setting", "small", "--data",
                dir.resolve("none.csv").toString(), "--out", fit.toString()));
        assertEquals("dgmoe: " + dir.resolve("none.csv") + ": no such data file\n", err());
        assertEquals(2, run("simulate", "--config", dir.resolve("none.conf").toString(), "--setting", "small",
                "--n", "5", "--replicate", "0", "--out", dir.resolve("x.csv").toString()));
        assertEquals("dgmoe: " + dir.resolve("none.conf") + ": no such study file\n", err());
        assertEquals(List.of("study.conf"), filesInDir());
    }

    @Test
    void aStartOfTheWrongShapeIsRefused() throws IOException {
        Path csv = dir.resolve("data.csv");
        assertEquals(0, run("simulate", "--config", config.toString(), "--setting", "small", "--n", "20",
                "--replicate", "0", "--out", csv.toString()));
        Path start = dir.resolve("start.json");
        Files.writeString(start, """
                {"lambda": 0.5, "experts": [
                  {"weight": 0.5, "slope": [1.0, 2.0], "intercept": 0.0, "variance": 0.25},
                  {"weight": 0.25, "slope": [1.0], "intercept": 0.0, "variance": 0.25},
                  {"weight": 0.25, "slope": [1.0], "intercept": 0.0, "variance": -1, "colour": "red"}]}
                """);
        Path fit = dir.resolve("fit.json");
        Files.writeString(fit, "precious");
        assertEquals(2, run("fit", "--config", config.toString(), "--setting", "small", "--data", csv.toString(),
                "--start", start.toString(), "--out", fit.toString()));
        String p = start + ": ";
        assertEquals("dgmoe: " + p + "experts[0].slope: must have d = 1 entries (the covariate dimension), got 2\n"
                + "dgmoe: " + p + "experts[2].variance: must be > 0, got -1\n"
                + "dgmoe: " + p + "experts[2].colour: unknown key (allowed here: weight, slope, intercept, variance)\n",
                err());
        Files.writeString(start, """
                {"lambda": 0.5, "experts": [{"weight": 1, "slope": [1.0], "intercept": 0.0, "variance": 0.25}]}
                """);
        assertEquals(2, run("fit", "--config", config.toString(), "--setting", "small", "--data", csv.toString(),
                "--start", start.toString(), "--out", fit.toString()));
        assertEquals("dgmoe: " + p + "experts: must hold fit.experts = 2 experts, got 1\n", err());
        Files.writeString(start, "{\"lambda\": 0.5,\n \"experts\": [}");
        assertEquals(2, run("fit", "--config", config.toString(), "--setting", "small", "--data", csv.toString(),
                "--start", start.toString(), "--out", fit.toString()));
        assertTrue(err().startsWith("dgmoe: " + start + ":2:"), this::err);
        assertEquals("precious", Files.readString(fit));
        assertEquals(List.of("data.csv", "fit.json", "start.json", "study.conf"), filesInDir());
    }

    @Test
    void flagsSettingsAndConfigProblems() throws IOException {
        assertEquals(2, run("simulate", "--config", config.toString(), "--n", "0", "--replicate", "x"));
        assertEquals("""
                dgmoe: simulate: missing --setting NAME
                dgmoe: simulate: --n must be an integer >= 1, got '0'
                dgmoe: simulate: --replicate must be an integer >= 0, got 'x'
                dgmoe: simulate: missing --out FILE.csv
                """, err());
        assertEquals(2, run("simulate", "--config", config.toString(), "--setting", "smal", "--n", "5",
                "--replicate", "0", "--out", dir.resolve("a.csv").toString()));
        assertEquals("dgmoe: --setting smal: no such setting in " + config
                + "; did you mean 'small'? (settings: small, plane)\n", err());
        assertEquals(2, run("simulate", "--config", config.toString(), "--setting", "small", "--n", "5",
                "--replicate", "0", "--set", "dgmoe.study.seed=abc", "--set", "dgmoe.study.replicates=0",
                "--out", dir.resolve("a.csv").toString()));
        assertEquals("""
                dgmoe: dgmoe.study.seed: must be an integer, got 'abc'
                dgmoe: dgmoe.study.replicates: must be an integer in [1, 2147483647], got 0
                """, err());
        assertEquals(2, run("fit", "--confg", "x"));
        assertTrue(err().startsWith("dgmoe: fit: unknown option --confg; did you mean --config?"), this::err);
        assertEquals(2, run("fitt"));
        assertTrue(err().startsWith("dgmoe: unknown command 'fitt'; did you mean 'fit'?"), this::err);
        assertEquals(2, run("simulate", "--config", config.toString(), "--setting", "small", "--n", "5",
                "--replicate", "0", "--out", dir.toString()));
        assertEquals("dgmoe: --out " + dir + ": is a directory; give a file name\n", err());
        assertEquals(List.of("study.conf"), filesInDir());
    }

    @Test
    void overridesChangeTheData() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        String[] base = {"simulate", "--config", config.toString(), "--setting", "small", "--n", "5", "--replicate", "0"};
        assertEquals(0, run(concat(base, "--out", a.toString())));
        assertEquals(0, run(concat(base, "--set", "dgmoe.study.seed=43", "--out", b.toString())));
        assertFalse(Files.readString(a).equals(Files.readString(b)));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("simulate") && out().contains("fit") && out().contains("loss"), this::out);
        assertEquals(0, run("help", "fit"));
        assertTrue(out().startsWith("usage: dgmoe fit --config FILE"), this::out);
        assertEquals(0, run("loss", "--help"));
        assertTrue(out().startsWith("usage: dgmoe loss"), this::out);
        assertEquals(0, run("--version"));
        assertTrue(out().matches("dgmoe \\S+\\n"), this::out);
        assertEquals(2, run());
        assertTrue(err().startsWith("usage: dgmoe COMMAND"));
        assertEquals("", out());
    }
}
