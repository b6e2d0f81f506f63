package org.dgmoe.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.OutOfMemory;
import org.junit.jupiter.api.Test;

/**
 * A heap too small for the input is the user's to fix, not a bug: {@link Main} says so and how to raise the
 * heap, exits 2, and prints no stack trace. The commands here throw the error a real allocation would (a test
 * cannot exhaust the heap of the JVM the other tests share).
 */
class OutOfMemoryTest {

    /** A command whose run throws what {@code failure} makes. */
    private record Throwing(String name, Supplier<? extends Throwable> failure) implements Command {
        @Override
        public String summary() {
            return "throws";
        }

        @Override
        public String usage() {
            return "usage: dgmoe " + name + "\n";
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) {
            Throwable t = failure.get();
            if (t instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) t;
        }
    }

    private record Outcome(int status, String err) {
    }

    private static Outcome run(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            status = new Main(List.of(command)).run(new String[] {command.name()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (Throwable escaped) {
            // Not rethrown: JUnit and Surefire end the whole test JVM on an OutOfMemoryError, not just this test.
            throw new AssertionError("Main let " + escaped + " escape");
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        return new Outcome(status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anOutOfMemoryErrorIsAMessageOnHowToRaiseTheHeap() {
        Outcome o = run(new Throwing("fit", () -> new OutOfMemoryError("Java heap space")));
        assertEquals(ExitStatus.BAD_INPUT, o.status());
        assertTrue(o.err().startsWith("dgmoe: 'fit' ran out of memory: the driver's Java heap (at most "), o.err());
        assertTrue(o.err().contains("DGMOE_JAVA_OPTS=-Xmx8g bin/dgmoe fit"), o.err());
        assertTrue(o.err().contains("--driver-memory"), o.err());
        assertTrue(o.err().contains("spark.driver.memory"), o.err());
        assertEquals(1, o.err().lines().count(), "one line, no stack trace:\n" + o.err());
        assertFalse(o.err().contains("java.lang.OutOfMemoryError"), o.err());
    }

    /** Spark rethrows an error of its driver threads wrapped in an exception: the cause decides. */
    @Test
    void anOutOfMemoryErrorWrappedByAnotherLayerIsTheSameMessage() {
        Outcome o = run(new Throwing("sweep", () -> new IllegalStateException("job aborted",
                new RuntimeException("task failed", new OutOfMemoryError("Java heap space")))));
        assertEquals(ExitStatus.BAD_INPUT, o.status());
        assertTrue(o.err().startsWith("dgmoe: 'sweep' ran out of memory"), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
    }

    /**
     * Spark refuses to start on a heap below its minimum (UnifiedMemoryManager; Spark 4.2's text, seen with
     * DGMOE_JAVA_OPTS=-Xmx256m): the same message.
     */
    @Test
    void sparksRefusalOfASmallHeapIsTheSameMessage() {
        Outcome o = run(new Throwing("test", () -> new IllegalArgumentException("[INVALID_DRIVER_MEMORY] System memory "
                + "268435456 must be at least 471859200.\nPlease increase heap size using the --driver-memory option or "
                + "\"spark.driver.memory\" in Spark configuration. SQLSTATE: F0000")));
        assertEquals(ExitStatus.BAD_INPUT, o.status());
        assertTrue(o.err().startsWith("dgmoe: 'test' ran out of memory"), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
    }

    /** Below Spark's minimum heap (450 MiB) a command is refused before Spark starts, naming both settings. */
    @Test
    void aHeapBelowSparksMinimumIsRefusedBeforeSparkStarts() {
        InputException e = assertThrows(InputException.class,
                () -> OutOfMemory.checkSparkMinimum("sweep", 256L * 1024 * 1024));
        String m = e.getMessage();
        assertTrue(m.startsWith("'sweep' needs a larger driver heap: the Java heap (at most 256 MiB) is below Spark's "
                + "minimum of 450 MiB"), m);
        assertTrue(m.contains("DGMOE_JAVA_OPTS=-Xmx8g") && m.contains("spark.driver.memory"), m);
        OutOfMemory.checkSparkMinimum("sweep", 450L * 1024 * 1024); // the minimum itself is enough
    }

    /** Any other failure stays an internal error with its stack trace: only the heap is the user's to raise. */
    @Test
    void otherFailuresStayInternalErrors() {
        Outcome o = run(new Throwing("fit", () -> new IllegalStateException("a bug")));
        assertEquals(ExitStatus.FAILED, o.status());
        assertTrue(o.err().startsWith("dgmoe: internal error in 'fit' (please report it)"), o.err());
        assertTrue(o.err().contains("\tat "), o.err());
    }
}
