package org.dgmoe.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.Main;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.study.TaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's hand reproduction: `simulate` then `fit` of a real task of the quickstart (over-fit,
 * n = 1069, replicate 3) give exactly the fit the sweep computes for that task (the sweep's task
 * function is {@link TaskRunner#run}; SweepEndToEndTest checks its rows against it bit for bit).
 */
class ReproduceTaskTest {
    @TempDir
    Path dir;

    private static int run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, () -> String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return status;
    }

    @Test
    void simulateThenFitGiveTheSweepsFitOfTheTask() throws Exception {
        String config = "../conf/quickstart.conf";
        LoadedStudy loaded = StudyConfigLoader.load(Path.of(config), List.of());
        int n = 1069;
        assertEquals(n, loaded.study().sampleSizes()[3], "README names a size of the quickstart's grid");
        Path csv = dir.resolve("d.csv");
        Path fit = dir.resolve("fit.json");
        run("simulate", "--config", config, "--setting", "over-fit", "--n", "" + n, "--replicate", "3", "--out",
                csv.toString());
        run("fit", "--config", config, "--setting", "over-fit", "--data", csv.toString(), "--replicate", "3", "--out",
                fit.toString());
        JsonNode f = JsonFiles.MAPPER.readTree(fit.toFile());

        TaskOutcome task = new TaskRunner(loaded.study()).run(loaded.study().setting("over-fit"), n, 3);
        FitResult kept = task.fit();
        assertEquals(kept.logLikelihood(), f.get("logLikelihood").asDouble());
        assertEquals(kept.iterations(), f.get("iterations").asInt());
        assertEquals(kept.model().lambda(), f.get("lambda").asDouble());
        for (int i = 0; i < kept.model().size(); i++) {
            JsonNode e = f.get("experts").get(i);
            assertEquals(kept.model().mixing().weight(i), e.get("weight").asDouble());
            assertEquals(kept.model().mixing().expert(i).intercept(), e.get("intercept").asDouble());
            assertEquals(kept.model().mixing().expert(i).variance(), e.get("variance").asDouble());
            assertEquals(kept.model().mixing().expert(i).slope()[0], e.get("slope").get(0).asDouble());
        }
        assertEquals(task.seed(), f.get("initSeed").asLong());
    }
}
