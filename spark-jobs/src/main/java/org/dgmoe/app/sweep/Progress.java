package org.dgmoe.app.sweep;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.util.LongAccumulator;

/**
 * The sweep's progress on stderr, polled from two accumulators the tasks add to: one line updated
 * in place ({@code \r}) on a terminal, plain lines at most every {@link #PLAIN_INTERVAL_MILLIS}
 * otherwise (logs, CI).
 */
final class Progress implements AutoCloseable {
    static final long PLAIN_INTERVAL_MILLIS = 5000;
    private static final long TTY_INTERVAL_MILLIS = 500;

    private final PrintStream err;
    private final boolean tty;
    private final long total;
    private final long before;
    private final LongAccumulator done;
    private final LongAccumulator failed;
    private final LongAccumulator capped;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;
    private String lastLine = "";

    /**
     * @param total        tasks of the study
     * @param before       tasks finished by an earlier, interrupted run
     * @param done         tasks finished by this run
     * @param failed       fits of this run that failed numerically ({@code degenerate}, {@code non_finite})
     * @param capped       fits of this run that hit the iteration cap ({@code max_iterations})
     */
    Progress(PrintStream err, boolean tty, long total, long before, LongAccumulator done,
            LongAccumulator failed, LongAccumulator capped) {
        this.err = err;
        this.tty = tty;
        this.total = total;
        this.before = before;
        this.done = done;
        this.failed = failed;
        this.capped = capped;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dgmoe-progress");
            t.setDaemon(true);
            return t;
        });
        long every = tty ? TTY_INTERVAL_MILLIS : PLAIN_INTERVAL_MILLIS;
        timer.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    private synchronized void tick() {
        String line = line();
        if (tty) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
            err.flush();
        } else if (!line.equals(lastLine)) {
            err.println(line);
        }
        lastLine = line;
    }

    String line() {
        // A task Spark runs twice (a lost executor's finished task whose result went with it) adds
        // twice: the count is clamped so the line never claims more tasks than the study has.
        long now = Math.min(done.value(), total - before);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long remaining = total - before - now;
        String eta = now == 0 ? "?" : clock(elapsed / now * remaining);
        return String.format("sweep: %d/%d tasks done (%d resumed), %d failed, %d capped, %s elapsed, ETA %s",
                before + now, total, before, failed.value(), capped.value(), clock(elapsed), eta);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    /** Stops polling and prints the final state once. */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        String line = line();
        if (tty) {
            err.println("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
        } else {
            err.println(line);
        }
        err.flush();
    }
}
