package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.table.HistoryTable;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep --history DIR_H}: each run appends its rates, with its identity, as one new file. */
class SweepHistoryTest {
    @TempDir
    Path tmp;

    private int sweep(Study study, String hash, String... args) {
        LoadedStudy loaded = FakeTasks.loaded(study, hash);
        Map<String, Double> theory = study.setting("b").theory();
        String name = study.name();
        SweepCommand.Environment env = new SweepCommand.Environment(o -> loaded, o -> SparkTestSession.get(), false,
                l -> () -> FakeTasks.tinyStudy(name, theory), FakeTasks.PLAIN, r -> new FakeRates(), false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return status;
    }

    @Test
    void twoRunsAppendTwoFiles() throws Exception {
        Path history = tmp.resolve("history");
        // b's voronoi decays like n^-1/2: the first theory agrees, the second (−0.1) is a bound it beats
        sweep(FakeTasks.tinyStudy("tiny", Map.of("voronoi", -0.5)), "a".repeat(64), "tiny.conf", "--out",
                tmp.resolve("night1").toString(), "--history", history.toString());
        sweep(FakeTasks.tinyStudy("tiny", Map.of("voronoi", -0.1)), "b".repeat(64), "tiny.conf", "--out",
                tmp.resolve("night2").toString(), "--history", history.toString());

        List<Path> files;
        try (Stream<Path> s = Files.list(history)) {
            files = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        assertEquals(2, files.size(), files.toString());
        assertTrue(files.stream().allMatch(p -> p.getFileName().toString().matches("rates-\\d{8}T\\d{6}Z-.+\\.parquet")));
        var df = SparkTestSession.get().read().parquet(files.stream().map(Path::toString).toArray(String[]::new));
        assertEquals(List.of(HistoryTable.SCHEMA.fieldNames()), List.of(df.columns()));
        long ratesPerRun = SparkTestSession.get().read().parquet(tmp.resolve("night1/rates").toString()).count();
        assertEquals(2 * ratesPerRun, df.count());
        List<Row> voronoiB = df.filter("setting = 'b' AND metric = 'voronoi'").orderBy("recorded").collectAsList();
        assertEquals(2, voronoiB.size());
        assertEquals("a".repeat(64), voronoiB.get(0).getAs("config_hash"));
        assertEquals("agrees", voronoiB.get(0).getAs("verdict"));
        assertEquals("b".repeat(64), voronoiB.get(1).getAs("config_hash"));
        assertEquals("faster-than-theory", voronoiB.get(1).getAs("verdict"));
        assertEquals("tiny", voronoiB.get(1).getAs("study"));
        assertTrue(!((String) voronoiB.get(0).getAs("run_id")).equals(voronoiB.get(1).getAs("run_id")));
    }
}
