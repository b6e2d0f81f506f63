package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.rate.CurvePoint;
import org.dgmoe.core.rate.RateEstimate;
import org.dgmoe.core.summary.StudySummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's heap running out while it summarises the fits (after every task is staged): one message naming
 * the settings to raise, exit 2, no stack trace, nothing committed, the lock released, the staged tasks kept;
 * a rerun with --resume then finishes from them. The error is thrown by the summary on the driver's thread (a
 * test cannot exhaust the heap of the JVM the other tests share, and an error on an executor thread of the
 * embedded master would end that JVM).
 */
class SweepOutOfMemoryTest {
    @TempDir
    Path tmp;

    /** The plain estimator, whose every call throws what {@code failure} makes. */
    private record Failing(Supplier<? extends Throwable> failure) implements StudySummary.Estimator {
        @Override
        public CurvePoint point(long n, double[] values, FitStatus[] statuses) {
            throw sneaky(failure.get());
        }

        @Override
        public RateEstimate estimate(long[] n, double[][] values, FitStatus[][] statuses, double theory) {
            throw sneaky(failure.get());
        }

        private static RuntimeException sneaky(Throwable t) {
            if (t instanceof Error e) {
                throw e;
            }
            return (RuntimeException) t;
        }
    }

    private record Result(int status, String out, String err) {
    }

    private static Result sweep(LoadedStudy loaded, StudySummary.Estimator rates, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String name = loaded.study().name();
        SweepCommand.Environment env = new SweepCommand.Environment(o -> loaded, o -> SparkTestSession.get(), false,
                l -> () -> FakeTasks.tinyStudy(name, Map.of()), FakeTasks.PLAIN, r -> rates, false);
        int status = SweepCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void check(Supplier<? extends Throwable> failure) throws Exception {
        Path dir = tmp.resolve("out");
        LoadedStudy loaded = FakeTasks.loaded(FakeTasks.tinyStudy("oom", Map.of()), "c".repeat(64));
        Result r = sweep(loaded, new Failing(failure), "oom.conf", "--out", dir.toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r.err());
        assertTrue(r.err().contains("dgmoe: 'sweep' ran out of memory: the driver's Java heap"), r.err());
        assertTrue(r.err().contains("DGMOE_JAVA_OPTS") && r.err().contains("spark.driver.memory"), r.err());
        assertTrue(r.err().contains("rerun with a larger heap and --resume"), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("OutOfMemoryError"), "no stack trace:\n" + r.err());
        // nothing committed, nothing half-written: only the staged tasks, and no lock
        try (var entries = Files.list(dir)) {
            assertEquals(java.util.List.of(".staging"), entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Result resumed = sweep(loaded, new FakeRates(), "oom.conf", "--out", dir.toString(), "--resume");
        assertEquals(ExitStatus.OK, resumed.status(), resumed.err());
        assertTrue(Files.exists(dir.resolve("_SUCCESS")));
        assertTrue(resumed.out().contains("(0 computed now)"), resumed.out());
    }

    @Test
    void anOutOfMemoryErrorOfTheDriverIsAMessageAndTheStagedTasksAreKept() throws Exception {
        check(() -> new OutOfMemoryError("Java heap space"));
    }

    /** Spark rethrows an error of a driver thread wrapped in its (checked) SparkException: the cause decides. */
    @Test
    void anOutOfMemoryErrorWrappedBySparkIsTheSameMessage() throws Exception {
        check(() -> new IllegalStateException("Job aborted", new OutOfMemoryError("Java heap space")));
    }
}
