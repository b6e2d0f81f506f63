package org.dgmoe.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gated setting through the single-data-set commands: simulate draws it, fit fits it, loss measures the fit
 * (their numbers against the sweep's: fit/GatedFitCommandTest, loss/GatedLossCommandTest).
 */
class GatedCommandsTest {
    static final String STUDY = """
            dgmoe.study {
              name = gated-cli
              seed = 7
              replicates = 2
              sample-sizes = [100]
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
                  fit { experts = 2 }
                }
              ]
            }
            """;

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return new Main().run(args, o, e);
        }
    }

    @Test
    void aGatedSettingIsSimulatedFittedAndMeasuredByTheSingleDataSetCommands() throws IOException {
        Path config = dir.resolve("study.conf");
        Files.writeString(config, STUDY);
        Path csv = dir.resolve("data.csv");
        assertEquals(0, run("simulate", "--config", config.toString(), "--setting", "softmax", "--n", "50", "--replicate", "0", "--out",
                csv.toString()), () -> err.toString(StandardCharsets.UTF_8));
        assertEquals(51, Files.readAllLines(csv).size(), "a header and 50 rows");
        Path fit = dir.resolve("fit.json");
        assertEquals(0, run("fit", "--config", config.toString(), "--setting", "softmax", "--data", csv.toString(),
                "--out", fit.toString()), () -> err.toString(StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        assertTrue(o.contains("  gate 2: η = ") && o.contains("fit: wrote " + fit), o);
        Path loss = dir.resolve("loss.json");
        assertEquals(0, run("loss", "--config", config.toString(), "--setting", "softmax", "--fit", fit.toString(),
                "--out", loss.toString()), () -> err.toString(StandardCharsets.UTF_8));
        String l = Files.readString(loss);
        assertTrue(l.contains("\"cell2_gate_location\"") && l.contains("\"cell1_size\""), l);
        // a constant-weight fit file is not a softmax model: the key that does not belong is named (exit 2)
        Files.writeString(fit, "{\"experts\": [{\"weight\": 1.0, \"slope\": [1.0], \"intercept\": 0.0, "
                + "\"variance\": 1.0}]}");
        assertEquals(2, run("loss", "--config", config.toString(), "--setting", "softmax", "--fit", fit.toString(),
                "--out", dir.resolve("other.json").toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("experts[0].weight: is for gating.type = constant"), e);
    }
}
