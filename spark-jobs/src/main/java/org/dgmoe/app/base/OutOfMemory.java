package org.dgmoe.app.base;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * A driver heap too small for what a command holds: not a bug of dgmoe but a setting to raise, so every
 * command says so in one line and exits 2 ({@link ExitStatus#BAD_INPUT}), never with a stack trace. It is
 * recognised wherever it surfaces: an {@link OutOfMemoryError} thrown on the command's thread, the same error
 * wrapped by Spark (a driver thread's error rethrown as a {@code SparkException}), and Spark refusing to start
 * on a heap below its minimum.
 */
public final class OutOfMemory {
    /** Whether {@link #silenceOtherThreads} acts: set by the command line's entry point. */
    private static volatile boolean silence;

    private OutOfMemory() {
    }

    /** Lets {@link #silenceOtherThreads} act in this process: for {@code main}, whose process ends with the command. */
    public static void silenceOnExhaustion() {
        silence = true;
    }

    /**
     * The message (the stack unwound to the caller has released what the command held, so it can be built):
     * the heap's size, and the two settings that raise it, {@code DGMOE_JAVA_OPTS} for {@code bin/dgmoe} and
     * {@code spark.driver.memory} (spark-submit's {@code --driver-memory}) for a submitted driver.
     */
    public static String message(String command) {
        long mebibytes = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "'" + command + "' ran out of memory: the driver's Java heap (at most " + mebibytes + " MiB) is too "
                + "small for this input; raise it, e.g. DGMOE_JAVA_OPTS=-Xmx8g bin/dgmoe " + command + " ... (under "
                + "spark-submit: --driver-memory 8g, i.e. spark.driver.memory)";
    }

    /**
     * Whether {@code t} is, or was caused by, the heap running out: an {@link OutOfMemoryError} in its cause
     * chain, or Spark's refusal to start a driver whose heap is below its minimum.
     */
    public static boolean causedBy(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
            // UnifiedMemoryManager: "[INVALID_DRIVER_MEMORY] System memory N must be at least M. Please increase ..."
            String m = c.getMessage();
            if (c instanceof IllegalArgumentException && m != null && m.contains("System memory ")
                    && m.contains("must be at least")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Silences what Spark's other threads would print of the same exhausted heap (their log lines and the
     * JVM's "Exception in thread" traces while the session stops), so that the one message is what the user
     * reads: every logger off, and an uncaught error of a heap that ran out printed by no thread but the
     * command's. Called once the command's thread has met the error, before it prints the message; it acts only
     * in a process whose entry point asked for it ({@link #silenceOnExhaustion()}), not in a test JVM shared by
     * other tests.
     */
    public static void silenceOtherThreads() {
        if (!silence) {
            return;
        }
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (causedBy(error)) {
                return;
            }
            if (before != null) {
                before.uncaughtException(thread, error);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace(System.err);
            }
        });
    }

    /** Spark's smallest driver heap: 1.5 × the 300 MiB it reserves (UnifiedMemoryManager), else it refuses to start. */
    static final long SPARK_MINIMUM_HEAP = 3 * 300L * 1024 * 1024 / 2;

    /**
     * Refuses a driver heap below Spark's minimum before Spark is started (Spark would refuse it too, but only
     * after logging a stack trace).
     *
     * @param command the command, for the message
     * @param maxHeap the heap's maximum, {@code Runtime.getRuntime().maxMemory()}
     * @throws InputException the heap is below {@link #SPARK_MINIMUM_HEAP}
     */
    public static void checkSparkMinimum(String command, long maxHeap) {
        if (maxHeap < SPARK_MINIMUM_HEAP) {
            throw new InputException("'" + command + "' needs a larger driver heap: the Java heap (at most "
                    + maxHeap / (1024 * 1024) + " MiB) is below Spark's minimum of " + SPARK_MINIMUM_HEAP / (1024 * 1024)
                    + " MiB; raise it, e.g. DGMOE_JAVA_OPTS=-Xmx8g bin/dgmoe " + command + " ... (under spark-submit: "
                    + "--driver-memory 8g, i.e. spark.driver.memory)");
        }
    }

    /**
     * {@code e} unchanged if it is unchecked, else wrapped: for a catch-all around Spark's work to let a heap
     * that ran out reach {@link #causedBy} at the command line instead of becoming another error's message.
     */
    public static RuntimeException propagate(Exception e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
}
