package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.storage.FitParts;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep end to end on the shared local session: output contract, determinism across
 * partitionings and task retries, resume after an interruption, refusals, exit statuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepCommandTest {
    private static final String HASH = "a".repeat(64);

    @TempDir
    Path tmp;

    private final Study study = FakeTasks.tinyStudy("tiny", Map.of());
    private final LoadedStudy loaded = FakeTasks.loaded(study, HASH);
    private Path baseline;
    private String baselineErr;

    /** A run's exit status and streams. */
    record Result(int status, String out, String err) {
    }

    private Result sweep(LoadedStudy study, TaskFunction task, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SweepCommand.Environment env = new SweepCommand.Environment(o -> study, o -> SparkTestSession.get(), false,
                SweepCommandTest::source, task,
                r -> new FakeRates(), false);
        int status = SweepCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Executors rebuild the fake study from its name and b's theory (captures no core record). */
    private static StudySource source(LoadedStudy l) {
        String name = l.study().name();
        Map<String, Double> theory = l.study().setting("b").theory();
        return () -> FakeTasks.tinyStudy(name, theory);
    }

    private static SparkSession spark() {
        return SparkTestSession.get();
    }

    @BeforeAll
    void uninterruptedRun() throws IOException {
        baseline = Files.createTempDirectory("dgmoe-sweep-baseline").resolve("out");
        Result r = sweep(loaded, FakeTasks.PLAIN, "tiny.conf", "--out", baseline.toString());
        assertEquals(0, r.status(), r.err());
        baselineErr = r.err();
    }

    @AfterAll
    void deleteBaseline() throws IOException {
        try (Stream<Path> s = Files.walk(baseline.getParent())) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Every row of a table, all columns but the timings, as text: fits/ (parts in no order) sorted by
     * (setting, n, replicate), the other tables in file order.
     */
    private static List<String> table(Path dir, String name) {
        var df = spark().read().parquet(dir.resolve(name).toString());
        if (List.of(df.columns()).contains("millis")) {
            df = df.drop("millis", "fit_millis");
        }
        if (name.equals("fits")) {
            df = df.orderBy("setting", "n", "replicate");
        }
        return df.collectAsList().stream().map(Row::toString).toList();
    }

    private static List<Path> parquetFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
    }

    @Test
    void writesTheOutputContract() throws Exception {
        assertTrue(Files.exists(baseline.resolve("_SUCCESS")));
        for (String name : List.of("curves", "rates")) {
            assertEquals(1, parquetFiles(baseline.resolve(name)).size(), name + " is one Parquet file");
        }
        // fits/: the executors' parts, one per partition, each named by its content key, nothing else
        List<Path> parts = parquetFiles(baseline.resolve("fits"));
        assertTrue(parts.size() > 1, "fits/ is written part by part: " + parts);
        try (Stream<Path> s = Files.list(baseline.resolve("fits"))) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().matches("part-[0-9a-f]{16}\\.parquet")),
                    "only committed parts in fits/");
        }
        try (Stream<Path> s = Files.list(baseline)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no staging left behind");
        }
        List<Row> fits = spark().read().parquet(baseline.resolve("fits").toString())
                .orderBy("setting", "n", "replicate").collectAsList();
        assertEquals(24, fits.size());
        Row first = fits.get(0);
        assertEquals("tiny", first.getAs("study"));
        assertEquals("a", first.getAs("setting"));
        assertEquals(100, (int) first.getAs("n"));
        assertEquals(0, (int) first.getAs("replicate"));
        assertEquals(org.dgmoe.core.random.Seeds.taskSeed(42L, "a", 100, 0), (long) first.getAs("seed"));
        assertTrue(first.isNullAt(first.fieldIndex("cell2_mass")), "setting a has one true atom");
        assertTrue(first.isNullAt(first.fieldIndex("cell0_size")), "setting a has no cell 0");
        Row last = fits.get(23);
        assertEquals("b", last.getAs("setting"));
        assertEquals(1, (int) last.getAs("cell2_size"));
        assertEquals(0, (int) last.getAs("cell0_size"));
        assertEquals(2, last.getList(last.fieldIndex("slopes")).size());

        // Curves: per (setting, metric, n); rates: per (setting, metric). a has 4 + 4, b 4 + 12 metrics.
        assertEquals((8 + 16) * 3, table(baseline, "curves").size());
        assertEquals(8 + 16, table(baseline, "rates").size());

        JsonNode manifest = new ObjectMapper().readTree(baseline.resolve("manifest.json").toFile());
        JsonNode provenance = manifest.get("provenance");
        assertEquals(HASH, provenance.get("config_hash").asText());
        assertEquals(42L, provenance.get("study_seed").asLong());
        assertEquals(24, manifest.get("tasks").asInt());
        assertEquals(24, manifest.get("status_counts").get("converged").asInt()
                + manifest.get("status_counts").get("max_iterations").asInt());
        for (String field : List.of("git_commit", "host", "os", "cpu", "cpus", "created")) {
            assertTrue(provenance.hasNonNull(field), field);
        }
        for (String field : List.of("master", "started", "finished")) {
            assertTrue(manifest.hasNonNull(field), field);
        }
        assertTrue(provenance.get("versions").get("spark").asText().startsWith("4."));
        assertTrue(baselineErr.contains("sweep: 24/24 tasks done"), baselineErr);
    }

    @Test
    void duckDbReadsTheFitsIndependently() throws Exception {
        String glob = baseline.resolve("fits").toString() + "/*.parquet";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT seed), count(cell2_mass), "
                        + "count(cell0_mass), min(n), max(n), sum(len(weights)) FROM read_parquet('" + glob + "')")) {
            assertTrue(r.next());
            assertEquals(24, r.getLong(1));
            assertEquals(24, r.getLong(2));
            assertEquals(12, r.getLong(3), "cell 2 only in setting b");
            assertEquals(12, r.getLong(4), "cell 0 only in setting b");
            assertEquals(100, r.getInt(5));
            assertEquals(1600, r.getInt(6));
            assertEquals(12 * 1 + 12 * 2, r.getLong(7));
        }
    }

    @Test
    void rowsDoNotDependOnPartitioningOrRetries() {
        List<String> expected = table(baseline, "fits");
        // 1 partition (one part of every row), 3, and 17 (about one task a part): the same fits as a set, and
        // curves and rates equal row for row (the summaries read each (setting, n) in replicate order)
        for (String partitions : List.of("1", "3", "17")) {
            Path out = tmp.resolve("p" + partitions);
            assertEquals(0, sweep(loaded, FakeTasks.PLAIN, "c", "--out", out.toString(), "--partitions", partitions)
                    .status());
            assertEquals(expected, table(out, "fits"), partitions + " partitions");
            assertEquals(table(baseline, "curves"), table(out, "curves"), partitions + " partitions");
            assertEquals(table(baseline, "rates"), table(out, "rates"), partitions + " partitions");
        }
        Path retried = tmp.resolve("retried");
        Result r = sweep(loaded, FakeTasks.FLAKY, "c", "--out", retried.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(expected, table(retried, "fits"), "after task retries");
        assertEquals(table(baseline, "curves"), table(retried, "curves"));
        assertEquals(table(baseline, "rates"), table(retried, "rates"));
    }

    @Test
    void resumeComputesOnlyTheMissingTasksAndMatchesAnUninterruptedRun() throws IOException {
        Path out = tmp.resolve("resumed");
        FakeTasks.CALLS.set(0);
        Result crashed = sweep(loaded, FakeTasks.CRASHING, "c", "--out", out.toString());
        assertEquals(ExitStatus.FAILED, crashed.status());
        assertTrue(crashed.err().contains("--resume"), crashed.err());
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("fits")), "no fits/ before the commit");
        assertTrue(Files.exists(out.resolve(".staging/run.json")));

        Result refused = sweep(loaded, FakeTasks.COUNTING, "c", "--out", out.toString());
        assertEquals(2, refused.status(), "an interrupted run needs --resume or --overwrite");

        FakeTasks.CALLS.set(0);
        Result resumed = sweep(loaded, FakeTasks.COUNTING, "c", "--out", out.toString(), "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        int computed = FakeTasks.CALLS.get();
        assertTrue(computed > 0 && computed < 24, "computed " + computed + " of 24 tasks");
        assertTrue(resumed.out().contains("(" + computed + " computed now)"), resumed.out());
        for (String name : List.of("fits", "curves", "rates")) {
            assertEquals(table(baseline, name), table(out, name), name);
        }
    }

    @Test
    void resumeRecomputesADamagedPartAndDropsLeftovers() throws Exception {
        Path out = tmp.resolve("damaged");
        // --partitions 1000: a share of the plan's cost below its cheapest task, so one task per
        // partition and 3 chunks of 8, one per n; the n = 100 chunk crashes.
        assertEquals(ExitStatus.FAILED, sweep(loaded, FakeTasks.CRASHING, "c", "--out", out.toString(),
                "--partitions", "1000").status());
        List<Path> parts;
        try (Stream<Path> s = Files.list(out.resolve(".staging/tasks"))) {
            parts = s.sorted().toList();
        }
        // the executors commit their parts as they finish: at least the two chunks before the crash
        assertTrue(parts.size() >= 16 && parts.size() < 24, "parts before the crash: " + parts);
        for (Path p : parts) {
            assertTrue(p.getFileName().toString().matches("part-[0-9a-f]{16}\\.parquet"), p.toString());
        }
        // One part truncated (its footer gone), the others kept; left-overs: a directory and a chunk file of an
        // older dgmoe, and an unfinished attempt's temporary file.
        byte[] whole = Files.readAllBytes(parts.get(0));
        Files.write(parts.get(0), java.util.Arrays.copyOf(whole, whole.length / 2));
        int kept = parts.size() - 1;
        Files.createDirectories(out.resolve(".staging/tasks/chunk-unfinished"));
        Files.writeString(out.resolve(".staging/tasks/chunk-unfinished/part-0.parquet"), "old");
        Files.writeString(out.resolve(".staging/tasks/chunk-0123456789abcdef.rows"), "old");
        Files.writeString(out.resolve(".staging/tasks/" + FitParts.TEMPORARY_PREFIX + "x.parquet.tmp"), "half");

        FakeTasks.CALLS.set(0);
        Result resumed = sweep(loaded, FakeTasks.COUNTING, "c", "--out", out.toString(), "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertEquals(24 - kept, FakeTasks.CALLS.get(), "the damaged part's and the crashed chunk's tasks");
        assertTrue(resumed.err().contains("not a readable staged part"), resumed.err());
        for (String name : List.of("fits", "curves", "rates")) {
            assertEquals(table(baseline, name), table(out, name), name);
        }
        try (Stream<Path> s = Files.list(out.resolve("fits"))) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().matches("part-[0-9a-f]{16}\\.parquet")),
                    "no left-over in fits/");
        }
    }

    @Test
    void refusesAnotherStudyAndLeavesItUntouched() throws IOException {
        Map<String, byte[]> before = snapshot(baseline);
        LoadedStudy other = FakeTasks.loaded(FakeTasks.tinyStudy("tiny", Map.of()), "b".repeat(64));
        Result r = sweep(other, FakeTasks.PLAIN, "c", "--out", baseline.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains(HASH) && r.err().contains("b".repeat(64)) && r.err().contains(baseline.toString()),
                r.err());
        assertSnapshotEquals(before, snapshot(baseline));

        FakeTasks.CALLS.set(0);
        Result again = sweep(loaded, FakeTasks.COUNTING, "c", "--out", baseline.toString());
        assertEquals(0, again.status(), "a rerun of the finished study is not bad input: " + again.err());
        assertTrue(again.out().contains("already holds this finished study") && again.out().contains("nothing to do")
                && again.out().contains(baseline + " "), again.out());
        assertEquals(0, FakeTasks.CALLS.get(), "and computes nothing");
        assertSnapshotEquals(before, snapshot(baseline));

        FakeTasks.CALLS.set(0);
        Result nothing = sweep(loaded, FakeTasks.COUNTING, "c", "--out", baseline.toString(), "--resume");
        assertEquals(0, nothing.status(), nothing.err());
        assertEquals(0, FakeTasks.CALLS.get());
        assertSnapshotEquals(before, snapshot(baseline));

        Path foreign = tmp.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        assertEquals(2, sweep(loaded, FakeTasks.PLAIN, "c", "--out", foreign.toString(), "--overwrite").status());
        assertEquals(List.of("notes.txt"), Files.list(foreign).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void overwriteReplacesAFinishedStudyAfterTheNewRunSucceeded() throws IOException {
        Path out = tmp.resolve("overwritten");
        assertEquals(0, sweep(loaded, FakeTasks.PLAIN, "c", "--out", out.toString()).status());
        LoadedStudy other = FakeTasks.loaded(FakeTasks.tinyStudy("tiny", Map.of()), "c".repeat(64));
        Map<String, byte[]> before = snapshot(out);
        Result failed = sweep(other, FakeTasks.CRASHING, "c", "--out", out.toString(), "--overwrite");
        assertEquals(ExitStatus.FAILED, failed.status());
        assertTrue(Files.exists(out.resolve("_SUCCESS")), "the old study stays until the new one succeeded");
        for (String name : List.of("fits", "curves", "rates", "manifest.json")) {
            assertTrue(Files.exists(out.resolve(name)), name);
        }
        assertEquals(table(baseline, "fits"), table(out, "fits"));
        assertEquals(2, sweep(other, FakeTasks.PLAIN, "c", "--out", out.toString()).status(),
                "DIR holds a finished study of another hash");
        Result replaced = sweep(other, FakeTasks.PLAIN, "c", "--out", out.toString(), "--overwrite");
        assertEquals(0, replaced.status(), replaced.err());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("c".repeat(64)));
        assertNotEquals(new String(before.get("manifest.json"), StandardCharsets.UTF_8),
                Files.readString(out.resolve("manifest.json")));
    }

    @Test
    void failOnDisagreementExitsThree() {
        // Every fake metric decays like n^(-1/2): a theory of −1 for b's Voronoi loss is a bound the loss
        // falls slower than (slower-than-theory, the one disagreement).
        LoadedStudy disagreeing = FakeTasks.loaded(FakeTasks.tinyStudy("tiny", Map.of("voronoi", -1.0,
                "hellinger", -0.5)), "d".repeat(64));
        Path out = tmp.resolve("disagree");
        assertEquals(3, sweep(disagreeing, FakeTasks.PLAIN, "c", "--out", out.toString(), "--fail-on-disagreement")
                .status());
        List<Row> rates = spark().read().parquet(out.resolve("rates").toString())
                .filter("setting = 'b' and metric in ('voronoi', 'hellinger')").orderBy("metric").collectAsList();
        assertEquals("agrees", rates.get(0).getAs("verdict"));
        assertEquals("slower-than-theory", rates.get(1).getAs("verdict"));
        assertTrue(spark().read().parquet(out.resolve("rates").toString()).filter("metric = 'lambda_error'")
                .collectAsList().stream().allMatch(r -> r.isNullAt(r.fieldIndex("theory"))), "unknown theory is null");
        assertEquals(3, sweep(disagreeing, FakeTasks.PLAIN, "c", "--out", out.toString(), "--resume",
                "--fail-on-disagreement").status(), "a finished study keeps its exit status");
        assertEquals(0, sweep(disagreeing, FakeTasks.PLAIN, "c", "--out", out.toString(), "--resume").status());
        assertEquals(3, sweep(disagreeing, FakeTasks.PLAIN, "c", "--out", out.toString(), "--fail-on-disagreement")
                .status(), "a plain rerun of a finished study keeps its exit status too");

        // A loss falling faster than its theory's bound (−1/2 against 0) does not contradict it: exit 0.
        LoadedStudy faster = FakeTasks.loaded(FakeTasks.tinyStudy("tiny", Map.of("voronoi", 0.0,
                "hellinger", -0.5)), "f".repeat(64));
        Path fast = tmp.resolve("faster");
        Result fastRun = sweep(faster, FakeTasks.PLAIN, "c", "--out", fast.toString(), "--fail-on-disagreement");
        assertEquals(0, fastRun.status(), () -> fastRun.out() + spark().read().parquet(fast.resolve("rates").toString())
                .collectAsList());
        assertEquals("faster-than-theory", spark().read().parquet(fast.resolve("rates").toString())
                .filter("setting = 'b' and metric = 'voronoi'").collectAsList().get(0).getAs("verdict"));
    }

    @Test
    void badFlagsExitTwoAndWriteNothing() {
        Path out = tmp.resolve("never");
        for (String[] args : List.of(new String[] {"--out", out.toString()},
                new String[] {"c", "--out", out.toString(), "--partitions", "0"},
                new String[] {"c", "--out", out.toString(), "--bogus"},
                new String[] {"c", "--out", out.toString(), "--resume", "--overwrite"},
                new String[] {"c", "--out"})) {
            Result r = sweep(loaded, FakeTasks.PLAIN, args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertTrue(r.err().contains("usage: dgmoe sweep"), r.err());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void aMasterUrlSparkCannotUseExitsTwoAndWritesNothing() {
        // Spark rejects the URL while building the session with a SparkException, which Scala
        // throws undeclared; the real builder cannot be used here (getOrCreate would return the
        // shared test session), so the session function throws what Spark throws.
        Path out = tmp.resolve("bad-master");
        SweepCommand.Environment env = new SweepCommand.Environment(o -> loaded, o -> sneakyThrow(
                new org.apache.spark.SparkException("Could not parse Master URL: 'foo'")), false,
                SweepCommandTest::source, FakeTasks.PLAIN, r -> new FakeRates(), false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(new String[] {"c", "--out", out.toString(), "--master", "foo"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, message);
        assertTrue(message.contains("--master foo") && message.contains("local[*]"), message);
        assertFalse(Files.exists(out));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable, R> R sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSnapshotEquals(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        List<String> changed = new ArrayList<>();
        for (String k : expected.keySet()) {
            if (!java.util.Arrays.equals(expected.get(k), actual.get(k))) {
                changed.add(k);
            }
        }
        assertEquals(List.of(), changed, "changed files");
    }
}
