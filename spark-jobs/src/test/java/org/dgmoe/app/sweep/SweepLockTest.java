package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two different studies started at once into one folder: the one that takes the folder's lock
 * finishes, the other exits 2 naming the folder and the holder and writes nothing, and the folder
 * holds the finished study whole.
 */
class SweepLockTest {
    /** Released by the test once the second run has been refused; executors run in this JVM (local[2]). */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final AtomicInteger STARTED = new AtomicInteger();

    /** The first run's tasks: wait until the test releases them, then the plain fake outcome. */
    private static final TaskFunction HELD = (study, setting, n, replicate) -> {
        STARTED.incrementAndGet();
        try {
            if (!RELEASE.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the first run");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return FakeTasks.outcome(study, setting, n, replicate);
    };

    @TempDir
    Path tmp;

    record Result(int status, String err) {
    }

    private static Result sweep(LoadedStudy loaded, TaskFunction task, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String name = loaded.study().name();
        SweepCommand.Environment env = new SweepCommand.Environment(o -> loaded, o -> SparkTestSession.get(), false,
                l -> () -> FakeTasks.tinyStudy(name, Map.of()), task, r -> new FakeRates(), false);
        int status = SweepCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ofTwoStudiesStartedIntoOneFolderOneFinishesAndTheOtherExitsTwo() throws Exception {
        Path out = tmp.resolve("shared");
        Study first = FakeTasks.tinyStudy("first", Map.of());
        LoadedStudy firstLoaded = FakeTasks.loaded(first, "a".repeat(64));
        LoadedStudy secondLoaded = FakeTasks.loaded(FakeTasks.tinyStudy("second", Map.of()), "b".repeat(64));

        CompletableFuture<Result> running = CompletableFuture.supplyAsync(
                () -> sweep(firstLoaded, HELD, "first.conf", "--out", out.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (STARTED.get() == 0 && !running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(STARTED.get() > 0, "the first run is computing tasks (holding the lock)");

        Result refused = sweep(secondLoaded, FakeTasks.PLAIN, "second.conf", "--out", out.toString());
        assertEquals(ExitStatus.BAD_INPUT, refused.status(), refused.err());
        assertTrue(refused.err().contains(out.toString()), refused.err());
        assertTrue(refused.err().contains("in use by another dgmoe run"), refused.err());
        assertTrue(refused.err().contains("pid " + ProcessHandle.current().pid()), refused.err());
        assertTrue(refused.err().contains("dgmoe sweep first.conf"), refused.err());
        // --overwrite does not get past the lock either
        Result forced = sweep(secondLoaded, FakeTasks.PLAIN, "second.conf", "--out", out.toString(), "--overwrite");
        assertEquals(ExitStatus.BAD_INPUT, forced.status(), forced.err());

        RELEASE.countDown();
        Result finished = running.get(180, TimeUnit.SECONDS);
        assertEquals(ExitStatus.OK, finished.status(), finished.err());

        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve(".lock")), "released after the commit");
        var manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("first", manifest.get("study").asText());
        assertEquals("a".repeat(64), manifest.get("provenance").get("config_hash").asText());
        long rows = SparkTestSession.get().read().parquet(out.resolve("fits").toString()).count();
        assertEquals(TaskPlan.size(first), rows);
        assertEquals(0, SparkTestSession.get().read().parquet(out.resolve("fits").toString())
                .filter("study <> 'first'").count());
        try (var entries = Files.list(out)) {
            assertEquals(java.util.List.of("_SUCCESS", "curves", "fits", "manifest.json", "rates"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
