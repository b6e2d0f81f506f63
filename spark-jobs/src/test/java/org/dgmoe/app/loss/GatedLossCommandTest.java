package org.dgmoe.app.loss;

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
import java.util.Map;
import org.dgmoe.app.Main;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.core.loss.GatedCellError;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.study.TaskRunner;
import org.dgmoe.core.summary.FitLosses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe loss} on settings gated by x: for the fit {@code dgmoe fit} writes of simulated task
 * (setting, n, R), loss.json holds exactly the metrics of that task's row of the sweep's {@code fits/}, under the
 * same names ({@link Metrics#names(org.dgmoe.core.model.GatedModel)}, {@link FitLosses}), with the cell sizes and
 * members. Exact equality: the same code on the same doubles (fit.json round-trips every double).
 */
class GatedLossCommandTest {
    static final String STUDY = """
            dgmoe.study {
              name = gated-loss
              seed = 3
              replicates = 1
              sample-sizes = [300]
              settings = [
                {
                  name = softmax
                  covariates { distribution = uniform, min = 0, max = 1 }
                  g0 { type = gaussian-linear, slope = [0.0], intercept = 0.0, variance = 1.0 }
                  gating { type = softmax }
                  truth {
                    lambda = 0.7
                    experts = [
                      { gate { slope = [6.0], intercept = -3.0 }, slope = [-4.0], intercept = 5.0, variance = 0.3 }
                      { gate { slope = [0.0], intercept = 0.0 }, slope = [4.0], intercept = -5.0, variance = 0.4 }
                    ]
                  }
                  fit { experts = 3 }
                }
                {
                  name = contaminated
                  covariates { distribution = uniform, min = -2, max = 2 }
                  g0 { type = gaussian-linear, slope = [0.5], intercept = -2.5, variance = 0.2 }
                  deviation { type = sigmoid }
                  truth {
                    lambda { slope = [2.0], intercept = 0.0 }
                    experts = [ { weight = 1.0, slope = [1.0], intercept = 2.0, variance = 0.3 } ]
                  }
                  fit { experts = 1 }
                }
              ]
            }
            """;

    @TempDir
    Path dir;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        err.reset();
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return new Main().run(args, o, e);
        }
    }

    private void assertTheSweepsMetrics(String name) throws Exception {
        Path config = dir.resolve("study.conf");
        Files.writeString(config, STUDY);
        Path csv = dir.resolve(name + ".csv");
        Path fit = dir.resolve(name + "-fit.json");
        Path loss = dir.resolve(name + "-loss.json");
        String[] common = {"--config", config.toString(), "--setting", name};
        assertEquals(0, run(concat(common, "simulate", "--n", "300", "--replicate", "0", "--out", csv.toString())),
                () -> err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run(concat(common, "fit", "--data", csv.toString(), "--out", fit.toString())),
                () -> err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run(concat(common, "loss", "--fit", fit.toString(), "--out", loss.toString())),
                () -> err.toString(StandardCharsets.UTF_8));

        LoadedStudy study = StudyConfigLoader.load(config, List.of());
        Setting setting = study.setting(name);
        TaskOutcome task = new TaskRunner(study.study()).run(setting, 300, 0);
        FitLosses sweep = FitLosses.of(task.gatedLosses(), setting.truth());
        JsonNode json = JsonFiles.MAPPER.readTree(loss.toFile());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(Metrics.names(setting.truth()), keys.subList(0, sweep.metrics().size()), "names, in order");
        for (Map.Entry<String, Double> m : sweep.metrics().entrySet()) {
            JsonNode v = json.get(m.getKey());
            // NaN is written as the string "NaN"; Double.valueOf reads both forms back exactly
            assertEquals(m.getValue(), Double.valueOf(v.asText()), m.getKey());
        }
        for (Map.Entry<String, Integer> c : sweep.cellSizes().entrySet()) {
            assertEquals(c.getValue().intValue(), json.get(c.getKey()).asInt(), c.getKey());
        }
        List<GatedCellError> cells = task.gatedLosses().cells();
        assertEquals(cells.size(), json.get("cells").size());
        for (int j = 0; j < cells.size(); j++) {
            JsonNode members = json.get("cells").get(j).get("members");
            assertEquals(cells.get(j).size(), members.size());
            for (int m = 0; m < members.size(); m++) {
                assertEquals(cells.get(j).members()[m], members.get(m).asInt());
            }
        }
        assertEquals(name, json.get("setting").asText());
        assertTrue(json.has("provenance"), json::toString);
    }

    private static String[] concat(String[] common, String command, String... rest) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(common));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void aSoftmaxFitsLossesAreTheSweepsRow() throws Exception {
        assertTheSweepsMetrics("softmax");
    }

    @Test
    void aSigmoidDeviationsLossesAreTheSweepsRow() throws Exception {
        assertTheSweepsMetrics("contaminated");
    }
}
