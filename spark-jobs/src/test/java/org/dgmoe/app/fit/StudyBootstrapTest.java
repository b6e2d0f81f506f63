package org.dgmoe.app.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.Parameters;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskRunner;
import org.dgmoe.core.uncertainty.MatchedIntervals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coverage study's bootstrap intervals are {@code dgmoe fit --bootstrap}'s: the task of (setting, n, replicate)
 * runs the very refits that {@code dgmoe fit --bootstrap B --replicate R} runs on the task's data (the same fit,
 * keyed by the same task seed), so its percentile and basic intervals, matched to the truth, are fit.json's to
 * the last bit. An exactly fitted setting, so every true atom's interval is one fitted expert's.
 */
class StudyBootstrapTest {
    static final String STUDY = """
            dgmoe.study {
              name = "study-bootstrap", seed = 23, replicates = 3, sample-sizes = [300]
              intervals { methods = [bootstrap-percentile, bootstrap-basic], level = 0.95, bootstrap = 25 }
              settings = [
                {
                  name = "exact-fit"
                  covariates { distribution = uniform, dimension = 1, min = 0.0, max = 1.0 }
                  g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                  truth { lambda = 0.5, experts = [ { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                                                   { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 } ] }
                  fit { experts = 2, lambda = free, init = near-truth, bounds { variance = 0.05 } }
                }
              ]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aTasksBootstrapIntervalsAreThoseOfDgmoeFitOnItsData() throws Exception {
        Path config = Files.writeString(dir.resolve("study.conf"), STUDY);
        LoadedStudy loaded = StudyConfigLoader.load(config, List.of());
        TaskRunner runner = new TaskRunner(loaded.study());
        Setting setting = loaded.study().setting("exact-fit");
        int replicate = 2;
        Dataset data = runner.data(setting, 300, replicate);
        StringBuilder csv = new StringBuilder("x1,y\n");
        for (int i = 0; i < data.size(); i++) {
            csv.append(data.x(i, 0)).append(',').append(data.y(i)).append('\n'); // Double.toString round-trips
        }
        Path file = Files.writeString(dir.resolve("data.csv"), csv);
        Path out = dir.resolve("fit.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new FitCommand(master -> SparkTestSession.get(), false, () -> false).run(List.of("--config",
                config.toString(), "--setting", "exact-fit", "--data", file.toString(), "--replicate",
                String.valueOf(replicate), "--bootstrap", "25", "--partitions", "3", "--out", out.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        JsonNode blocks = JsonFiles.MAPPER.readTree(out.toFile()).get(Parameters.FIT_INTERVALS);

        List<MatchedIntervals> study = runner.run(setting, 300, replicate).intervals();
        assertEquals(2, study.size());
        for (MatchedIntervals m : study) {
            JsonNode block = null;
            for (JsonNode b : blocks) {
                if (b.get("method").asText().equals(m.method().configName())) {
                    block = b;
                }
            }
            assertEquals(m.method().configName(), block.get("method").asText());
            int lambda = ObservedInformation.lambdaIndex();
            assertEquals(List.of(block.get("lambda").get(0).asDouble(), block.get("lambda").get(1).asDouble()),
                    List.of(m.lower()[lambda], m.upper()[lambda]), m.method().toString());
            // per true atom (study) and per fitted expert (fit.json): weight, slope, intercept, variance ends; the
            // Voronoi matching may list the atoms in another order, so both lists are sorted
            List<double[]> fromStudy = new ArrayList<>();
            for (int j = 0; j < 2; j++) {
                double[] ends = new double[8];
                int[] at = {ObservedInformation.weightIndex(j), ObservedInformation.slopeIndex(2, 1, j, 0),
                    ObservedInformation.interceptIndex(2, 1, j), ObservedInformation.varianceIndex(2, 1, j)};
                for (int c = 0; c < 4; c++) {
                    ends[2 * c] = m.lower()[at[c]];
                    ends[2 * c + 1] = m.upper()[at[c]];
                }
                fromStudy.add(ends);
            }
            List<double[]> fromFit = new ArrayList<>();
            for (JsonNode e : block.get("experts")) {
                JsonNode slope = e.get("slope").get(0);
                fromFit.add(new double[] {e.get("weight").get(0).asDouble(), e.get("weight").get(1).asDouble(),
                    slope.get(0).asDouble(), slope.get(1).asDouble(), e.get("intercept").get(0).asDouble(),
                    e.get("intercept").get(1).asDouble(), e.get("variance").get(0).asDouble(),
                    e.get("variance").get(1).asDouble()});
            }
            Comparator<double[]> bySlope = Comparator.comparingDouble(a -> a[2]);
            fromStudy.sort(bySlope);
            fromFit.sort(bySlope);
            for (int j = 0; j < 2; j++) {
                assertEquals(Arrays.toString(fromFit.get(j)), Arrays.toString(fromStudy.get(j)),
                        m.method() + ", atom " + j);
            }
        }
    }
}
