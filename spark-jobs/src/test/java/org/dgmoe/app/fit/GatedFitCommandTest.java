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
import org.dgmoe.app.Main;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.data.DataColumns;
import org.dgmoe.app.data.DataFile;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.em.gated.GatedRestarts;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.DataFit;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.study.TaskRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe fit} on settings gated by x: on data of {@code dgmoe simulate} it writes exactly the sweep's fit of
 * that task (the same starts from the same stream, the same fitter), in the names of a gated truth; a fit file
 * warm-starts another; a setting without truth is fitted from random starts; the refusals that still hold for
 * gated settings exit 2 naming their key. Every comparison of numbers is exact: the command and the sweep run the
 * same code on the same doubles (the CSV round-trips every double, Double.toString), so any difference is a bug.
 */
class GatedFitCommandTest {
    static final String STUDY = """
            dgmoe.study {
              name = gated-fit
              seed = 7
              replicates = 2
              sample-sizes = [200]
              settings = [
                {
                  name = softmax
                  covariates { distribution = grid, min = 0, max = 1 }
                  g0 { type = none }
                  gating { type = softmax }
                  truth {
                    experts = [
                      { gate { slope = [25.0], intercept = -8.0 }, slope = [-20.0], intercept = 15.0, variance = 0.3 }
                      { gate { slope = [0.0], intercept = 0.0 }, slope = [20.0], intercept = -5.0, variance = 0.4 }
                    ]
                  }
                  fit { experts = 3, restarts = 2 }
                }
                {
                  name = gaussian-sigmoid
                  g0 { type = gaussian-linear, slope = [0.5], intercept = -2.5, variance = 0.2 }
                  gating { type = gaussian }
                  deviation { type = sigmoid }
                  truth {
                    lambda { slope = [1.0], intercept = 0.5 }
                    experts = [
                      { gate { weight = 0.4, mean = [-1.0], covariance = [[0.5]] }, slope = [2.0], intercept = 3.0,
                        variance = 0.3 }
                      { gate { weight = 0.6, mean = [1.5], covariance = [[0.8]] }, slope = [-2.0], intercept = 4.0,
                        variance = 0.2 }
                    ]
                  }
                  fit { experts = 2, init = random, restarts = 2 }
                }
              ]
            }
            """;

    /** A setting without truth (real data): only the data commands read it, so it has a file of its own. */
    static final String DATA_STUDY = """
            dgmoe.study {
              name = gated-data, seed = 7, replicates = 1, sample-sizes = [150]
              settings = [
                { name = data-softmax, g0 { type = none }, gating { type = softmax },
                  fit { experts = 2, init = random, restarts = 2, max-iterations = 200 } }
              ]
            }
            """;

    @TempDir
    Path dir;
    Path config;
    Path dataConfig;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeConfig() throws Exception {
        config = dir.resolve("study.conf");
        Files.writeString(config, STUDY);
        dataConfig = dir.resolve("data.conf");
        Files.writeString(dataConfig, DATA_STUDY);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return new Main().run(args, o, e);
        }
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Simulates task (setting, n, replicate) with {@code dgmoe simulate}, then fits it with {@code dgmoe fit}. */
    private Path simulateAndFit(String setting, int n, int replicate) {
        Path csv = dir.resolve(setting + ".csv");
        assertEquals(0, run("simulate", "--config", config.toString(), "--setting", setting, "--n", Integer.toString(n),
                "--replicate", Integer.toString(replicate), "--out", csv.toString()), this::stderr);
        Path fit = dir.resolve(setting + "-fit.json");
        assertEquals(0, run("fit", "--config", config.toString(), "--setting", setting, "--data", csv.toString(),
                "--replicate", Integer.toString(replicate), "--out", fit.toString()), this::stderr);
        return fit;
    }

    private GatedModel read(Path fit, Setting setting) {
        GatedModel truth = setting.truth();
        return JsonFiles.readGatedModel(fit, truth.g0(), truth.dimension(), truth.gating().type(),
                truth.deviation().type(), setting.fit().experts(), "fit.experts");
    }

    @Test
    void aSoftmaxFitOfSimulatedDataIsTheSweepsFitOfThatTask() throws Exception {
        Path fit = simulateAndFit("softmax", 200, 1);
        LoadedStudy study = StudyConfigLoader.load(config, List.of());
        Setting setting = study.setting("softmax");
        TaskOutcome task = new TaskRunner(study.study()).run(setting, 200, 1);
        GatedFitResult sweep = task.gatedFit();
        assertEquals(sweep.model(), read(fit, setting));
        JsonNode json = JsonFiles.MAPPER.readTree(fit.toFile());
        assertEquals(sweep.logLikelihood(), json.get("logLikelihood").asDouble());
        assertEquals(sweep.iterations(), json.get("iterations").asInt());
        assertEquals(sweep.status().name(), json.get("status").asText());
        assertEquals("near-truth", json.get("init").asText());
        assertEquals(task.seed(), json.get("initSeed").asLong());
        assertEquals(200, json.get("n").asInt());
        assertEquals(task.nearDegeneracy().minPoints(), json.get("nearDegeneracy").get("minPoints").asDouble());
        assertEquals("truth", json.get("nearDegeneracy").get("reference").asText());
        // the names of a gated truth: expert 1's softmax gate at zero, no weight
        JsonNode first = json.get("experts").get(0);
        assertEquals(0.0, first.get("gate").get("intercept").asDouble());
        assertEquals(0.0, first.get("gate").get("slope").get(0).asDouble());
        assertFalse(first.has("weight"), first::toString);
        String s = stdout();
        assertTrue(s.contains("  gate 2: η = "), s);
        assertTrue(s.contains("·x1 (expert 1's gate at 0)\n"), s);
        assertTrue(s.contains("  gate 1: η = 0 + 0·x1 (expert 1's gate at 0)\n"), s);
        assertTrue(s.contains("  λ = 1 (g0 is none: every point is the experts')\n"), s);
        assertTrue(s.contains(" of 2 starts reached this maximum"), s);
        assertTrue(s.endsWith("fit: wrote " + fit + "\n"), s);
    }

    @Test
    void aGaussianGatedFitWithASigmoidDeviationIsTheSweepsFitAndReadsBackAsAStart() throws Exception {
        Path fit = simulateAndFit("gaussian-sigmoid", 200, 0);
        LoadedStudy study = StudyConfigLoader.load(config, List.of());
        Setting setting = study.setting("gaussian-sigmoid");
        TaskOutcome task = new TaskRunner(study.study()).run(setting, 200, 0);
        GatedModel written = read(fit, setting);
        assertEquals(task.gatedFit().model(), written);
        JsonNode json = JsonFiles.MAPPER.readTree(fit.toFile());
        assertTrue(json.get("lambda").has("slope") && json.get("lambda").has("intercept"), json::toString);
        assertTrue(json.get("experts").get(1).get("gate").has("covariance"), json::toString);
        String s = stdout();
        assertTrue(s.contains("  λ(x) = 1/(1 + exp(−("), s);
        assertTrue(s.contains("  gate 2: weight "), s);
        assertTrue(s.contains("  joint log-likelihood of (x, y) = "), s);

        // --start: one fit from the file's model, as TaskRunner fits a given gated start
        Path csv = dir.resolve("gaussian-sigmoid.csv");
        Path again = dir.resolve("again.json");
        assertEquals(0, run("fit", "--config", config.toString(), "--setting", "gaussian-sigmoid", "--data",
                csv.toString(), "--start", fit.toString(), "--out", again.toString()), this::stderr);
        Dataset data = DataFile.read(csv, DataColumns.of(null, null, 1));
        GatedFitResult expected = TaskRunner.fitGatedFrom(setting.fit(), data, written).best();
        assertEquals(expected.model(), read(again, setting));
        assertEquals("file", JsonFiles.MAPPER.readTree(again.toFile()).get("init").asText());
        assertTrue(stdout().contains("1 start (fit.restarts = 1, or a given start)"), stdout());
    }

    @Test
    void aGatedSettingWithoutTruthIsFittedFromRandomStarts() throws Exception {
        Path csv = dir.resolve("softmax.csv");
        assertEquals(0, run("simulate", "--config", config.toString(), "--setting", "softmax", "--n", "150", "--replicate", "0", "--out",
                csv.toString()), this::stderr);
        Path fit = dir.resolve("data-fit.json");
        assertEquals(0, run("fit", "--config", dataConfig.toString(), "--setting", "data-softmax", "--data",
                csv.toString(), "--out", fit.toString()), this::stderr);
        Dataset data = DataFile.read(csv, DataColumns.of(null, null, 1));
        FitSpec spec = StudyConfigLoader.loadForData(dataConfig, List.of(), "data-softmax").fit();
        long seed = Seeds.taskSeed(7, "data-softmax", 150, 0);
        GatedRestarts expected = DataFit.fitGatedRestarts(NoG0.INSTANCE, Gating.Type.SOFTMAX, Deviation.Type.CONSTANT,
                spec, data, Seeds.stream(seed, Seeds.Stream.INIT));
        GatedModel written = JsonFiles.readGatedModel(fit, NoG0.INSTANCE, 1, Gating.Type.SOFTMAX,
                Deviation.Type.CONSTANT, 2, "fit.experts");
        assertEquals(expected.best().model(), written);
        JsonNode json = JsonFiles.MAPPER.readTree(fit.toFile());
        assertEquals("random", json.get("init").asText());
        assertEquals("data", json.get("nearDegeneracy").get("reference").asText());
        assertTrue(stdout().contains(" of 2 starts reached this maximum"), stdout());
    }

    @Test
    void refusalsThatStillHoldForGatedSettingsNameTheirKey() throws Exception {
        Path csv = dir.resolve("softmax.csv");
        assertEquals(0, run("simulate", "--config", config.toString(), "--setting", "softmax", "--n", "50", "--replicate", "0", "--out",
                csv.toString()), this::stderr);
        Path fit = dir.resolve("refused.json");
        // the gated fitter applies fit.variance-floor only
        assertEquals(2, run("fit", "--config", config.toString(), "--setting", "softmax", "--data", csv.toString(),
                "--set", "dgmoe.study.settings = [" + settingWith("fit { experts = 2, bounds { variance = 0.01 } }")
                        + "]", "--out", fit.toString()));
        assertTrue(stderr().contains("dgmoe.study.settings[0].fit.bounds: is for constant-weight settings"),
                stderr());
        // a setting without truth has no near-truth start (fit.init defaults to near-truth)
        assertEquals(2, run("fit", "--config", dataConfig.toString(), "--setting", "data-softmax", "--data", csv.toString(),
                "--set", "dgmoe.study.settings = [{ name = data-softmax, g0 { type = none }, gating { type = softmax },"
                        + " fit { experts = 2 } }]", "--out", fit.toString()));
        assertTrue(stderr().contains("dgmoe.study.settings[0].fit.init: near-truth starts at the truth"), stderr());
        // a constant-weight start file for a softmax setting names the key that does not belong
        Path constant = dir.resolve("constant.json");
        Files.writeString(constant, """
                {"lambda": 1, "experts": [{"weight": 0.5, "slope": [1.0], "intercept": 0.0, "variance": 0.25},
                                          {"weight": 0.5, "slope": [-1.0], "intercept": 1.0, "variance": 0.25},
                                          {"weight": 0.5, "slope": [-1.0], "intercept": 1.0, "variance": 0.25}]}
                """);
        assertEquals(2, run("fit", "--config", config.toString(), "--setting", "softmax", "--data", csv.toString(),
                "--start", constant.toString(), "--out", fit.toString()));
        assertTrue(stderr().contains(constant + ": experts[0].weight: is for gating.type = constant"), stderr());
        assertFalse(Files.exists(fit), "nothing written");
    }

    /** The softmax setting of {@link #STUDY} with another fit block, as HOCON. */
    private static String settingWith(String fit) {
        return "{ name = softmax, covariates { distribution = grid, min = 0, max = 1 }, g0 { type = none }, "
                + "gating { type = softmax }, truth { experts = [ "
                + "{ gate { slope = [25.0], intercept = -8.0 }, slope = [-20.0], intercept = 15.0, variance = 0.3 }, "
                + "{ gate { slope = [0.0], intercept = 0.0 }, slope = [20.0], intercept = -5.0, variance = 0.4 } ] }, "
                + fit + " }";
    }
}
