package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskRunner;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.StudySummary;
import org.dgmoe.core.summary.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A population study (conf: two settings of the 300-row population of the config tests) through the real sweep:
 * its tables are the same on 1 and on 17 partitions, each row is the driver's computation of its key, a task's
 * rows are rows of the population, and truth.json records the truth the losses were measured against.
 */
class PopulationSweepTest {
    private static final Path CSV = Path.of("src/test/resources/org/dgmoe/app/config/population.csv")
            .toAbsolutePath();

    @TempDir
    Path tmp;

    private static String study() {
        String population = "{ data = \"" + CSV + "\", x = [dose], y = response, experts = 1 }";
        String g0 = "g0 { type = location-scale, family = normal, location = \"1 + 0.5*dose\", scale = \"0.5\" }";
        return "dgmoe.study {\n  name = pop\n  seed = 11\n  replicates = 3\n  sample-sizes = [25, 60]\n"
                + "  settings = [\n"
                + "    { name = exact, population " + population + ", " + g0 + ", fit { experts = 1, "
                + "max-iterations = 500 } }\n"
                + "    { name = overfit, population " + population + ", " + g0 + ", fit { experts = 2, "
                + "max-iterations = 500 } }\n  ]\n}\ndgmoe.rates { bootstrap = 100 }\n";
    }

    /** Runs the study at {@code partitions} into {@code out}; stderr. */
    private String sweep(Path config, Path out, int partitions) {
        SweepCommand.Environment env = new SweepCommand.Environment(o -> StudyConfigLoader.load(o.config(),
                o.overrides()), o -> SparkTestSession.get(), false, ConfigStudySource::of, TaskFunction.REAL,
                r -> StudySummary.Estimator.of(new RateEstimator(r)), false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(new String[] {config.toString(), "--out", out.toString(), "--partitions",
                Integer.toString(partitions)}, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        return text;
    }

    /**
     * Every row of a table, all columns but the timings, as text: fits/ (the executors' parts, in no order) sorted
     * by its key, curves/ and rates/ in file order.
     */
    private static List<String> table(Path dir, String name) {
        var df = SparkTestSession.get().read().parquet(dir.resolve(name).toString());
        if (List.of(df.columns()).contains("millis")) {
            df = df.drop("millis", "fit_millis")
                    .orderBy(TaskId.SETTING.column(), TaskId.N.column(), TaskId.REPLICATE.column());
        }
        return df.collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    void theTablesAreTheSameOnOneAndSeventeenPartitionsAndEachRowIsItsKeysComputation() throws Exception {
        Path config = tmp.resolve("pop.conf");
        Files.writeString(config, study());
        Path one = tmp.resolve("one");
        Path seventeen = tmp.resolve("seventeen");
        String err = sweep(config, one, 1);
        sweep(config, seventeen, 17);
        for (String name : List.of("fits", "curves", "rates")) {
            List<String> a = table(one, name);
            assertTrue(!a.isEmpty(), name);
            assertEquals(a, table(seventeen, name), name + " differs between 1 and 17 partitions");
        }
        // 60 > N/10 = 30 without replacement: one warning line per setting, saying why
        assertEquals(2, err.lines().filter(l -> l.startsWith("sweep: warning: setting '")
                && l.contains("no longer independent draws")).count(), err);

        LoadedStudy loaded = StudyConfigLoader.load(config, List.of());
        FitsTable fits = new FitsTable(loaded.study());
        List<FitRow> rows = SparkTestSession.get().read().parquet(one.resolve(FitsTable.FOLDER).toString())
                .orderBy(TaskId.SETTING.column(), TaskId.N.column(), TaskId.REPLICATE.column()).collectAsList()
                .stream().map(fits::fromRow).toList();
        assertEquals(2 * 2 * 3, rows.size());
        TaskRunner runner = new TaskRunner(loaded.study());
        for (FitRow row : rows) {
            Setting setting = loaded.study().setting(row.setting());
            FitRow expected = FitRow.of(loaded.study().name(), runner.run(setting, row.n(), row.replicate()),
                    row.taskMillis()).withWallTimes(row.taskMillis(), row.diagnostics().fitMillis());
            assertEquals(expected, row, "bit for bit, but the wall times");
            // the task's data are n distinct rows of the population (row i of the sample is a row of the file)
            Dataset data = runner.data(setting, row.n(), row.replicate());
            Population p = setting.populationRows();
            Set<String> population = new HashSet<>();
            for (int i = 0; i < p.size(); i++) {
                population.add(p.rows().x(i, 0) + "," + p.rows().y(i));
            }
            Set<String> drawn = new HashSet<>();
            for (int i = 0; i < data.size(); i++) {
                String r = data.x(i, 0) + "," + data.y(i);
                assertTrue(population.contains(r), r + " is no row of the population");
                drawn.add(r);
            }
            assertEquals(row.n(), drawn.size(), "no row twice (the file's rows are distinct)");
        }

        JsonNode truth = new ObjectMapper().readTree(one.resolve("truth.json").toFile());
        JsonNode exact = truth.get("populations").get(0);
        assertEquals("exact", exact.get("setting").asText());
        assertEquals(300, exact.get("rows").asInt());
        Setting setting = loaded.study().setting("exact");
        assertEquals(setting.deviatedTruth().lambda(), exact.get("truth").get("lambda").asDouble(), 0.0);
        assertEquals(setting.populationTruth().reachedBest(), exact.get("recipe").get("reached_best").asInt());
        JsonNode manifest = new ObjectMapper().readTree(one.resolve("manifest.json").toFile());
        assertEquals(exact, manifest.get("populations").get(0), "the manifest records the same populations");
        assertEquals(loaded.configHash(), manifest.get("provenance").get("config_hash").asText());
    }
}
