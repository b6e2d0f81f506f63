package org.dgmoe.app.base;

/**
 * A driver heap too small for what a command holds: not a bug of dgmoe but a setting to raise, so every
 * command says so in one line and exits 2 ({@link ExitStatus#BAD_INPUT}), never with a stack trace. It is
 * recognised wherever it surfaces: an {@link OutOfMemoryError} thrown on the command's thread, the same error
 * wrapped by Spark (a driver thread's error rethrown as a {@code SparkException}), and Spark refusing to start
 * on a heap below its minimum.
 */
public final class OutOfMemory {
    private OutOfMemory() {
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
            // UnifiedMemoryManager: "System memory N must be at least M. Please increase heap size ..."
            String m = c.getMessage();
            if (c instanceof IllegalArgumentException && m != null && m.startsWith("System memory ")
                    && m.contains("must be at least")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code e} unchanged if it is unchecked, else wrapped: for a catch-all around Spark's work to let a heap
     * that ran out reach {@link #causedBy} at the command line instead of becoming another error's message.
     */
    public static RuntimeException propagate(Exception e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
}
