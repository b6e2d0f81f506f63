package org.dgmoe.app.base;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for work that Spark tasks count into accumulators (the sweep's fit tasks and
 * its goodness-of-fit stage, {@code dgmoe test}'s null refits), polled on the driver every
 * {@link #TTY_INTERVAL_MILLIS}: on a terminal one line updated in place ({@code \r}); otherwise (logs, CI) a
 * plain line when the text changed and at least {@link #PLAIN_INTERVAL_MILLIS} after the previous one, so a
 * long run prints a line every few seconds, never one per unit of work. The text is the caller's
 * ({@link Line}); {@link #counted} is the usual one. Closing prints the final state once.
 */
public final class Progress implements AutoCloseable {
    /** The least time between two plain lines. */
    public static final long PLAIN_INTERVAL_MILLIS = 5000;
    /** How often the line is polled (and redrawn on a terminal). */
    static final long TTY_INTERVAL_MILLIS = 500;

    /** The text of the line when {@code elapsedSeconds} have passed since the start. */
    @FunctionalInterface
    public interface Line {
        String at(double elapsedSeconds);
    }

    private final PrintStream err;
    private final boolean tty;
    private final Line line;
    private final LongSupplier clockMillis;
    private final long start;
    private final ScheduledExecutorService timer;
    private String lastLine = "";
    private long lastPrinted;

    private Progress(PrintStream err, boolean tty, Line line, LongSupplier clockMillis, boolean poll) {
        this.err = err;
        this.tty = tty;
        this.line = line;
        this.clockMillis = clockMillis;
        this.start = clockMillis.getAsLong();
        this.lastPrinted = start;
        if (poll) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dgmoe-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::tick, TTY_INTERVAL_MILLIS, TTY_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Starts polling {@code line} on the wall clock; {@code tty}: stderr is a terminal ({@link #stderrIsTerminal}). */
    public static Progress start(PrintStream err, boolean tty, Line line) {
        return new Progress(err, tty, line, System::currentTimeMillis, true);
    }

    /** A progress that is not polled: the caller ticks it, on its own clock (tests). */
    static Progress manual(PrintStream err, boolean tty, Line line, LongSupplier clockMillis) {
        return new Progress(err, tty, line, clockMillis, false);
    }

    /** One poll: redraw on a terminal; else print when changed and the plain interval has passed. */
    synchronized void tick() {
        long now = clockMillis.getAsLong();
        if (!tty && now - lastPrinted < PLAIN_INTERVAL_MILLIS) {
            return;
        }
        String l = line.at((now - start) / 1000.0);
        if (tty) {
            err.print("\r" + l + " ".repeat(Math.max(0, lastLine.length() - l.length())));
            err.flush();
        } else if (!l.equals(lastLine)) {
            err.println(l);
            lastPrinted = now;
        }
        lastLine = l;
    }

    /** The line now. */
    public String line() {
        return line.at((clockMillis.getAsLong() - start) / 1000.0);
    }

    /** Stops polling and prints the final state once. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        String l = line();
        if (tty) {
            err.println("\r" + l + " ".repeat(Math.max(0, lastLine.length() - l.length())));
        } else {
            err.println(l);
        }
        err.flush();
    }

    /**
     * "57/199 null refits done, 0:12 elapsed, ETA 0:30": {@code done} of {@code total} units of work, the
     * time since the start and the time left at the rate so far ("?" before the first unit). {@code done}
     * is clamped to {@code total}: a task Spark runs twice adds its units twice.
     */
    public static String counted(long done, long total, String units, double elapsedSeconds) {
        long now = Math.min(done, total);
        return String.format(Locale.ROOT, "%d/%d %s done, %s elapsed, ETA %s", now, total, units,
                clock(elapsedSeconds), eta(now, total - now, elapsedSeconds));
    }

    /** The time left for {@code remaining} units at the rate of {@code done} in {@code elapsedSeconds}; "?" before any. */
    public static String eta(long done, long remaining, double elapsedSeconds) {
        return done <= 0 ? "?" : clock(elapsedSeconds / done * remaining);
    }

    /** Seconds as "m:ss", or "h:mm:ss" from an hour. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * Whether stderr is a terminal: bin/dgmoe tests file descriptor 2 and says so in DGMOE_STDERR_TTY;
     * without it (spark-submit) System.console(), which looks at stdin and stdout, is the best a JVM can tell.
     */
    public static boolean stderrIsTerminal() {
        String v = System.getenv("DGMOE_STDERR_TTY");
        return v != null ? v.equals("1") : System.console() != null;
    }
}
