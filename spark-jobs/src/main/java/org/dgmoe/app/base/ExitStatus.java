package org.dgmoe.app.base;

/**
 * The exit statuses of every {@code dgmoe} command: the one place that numbers them.
 *
 * <ul>
 *   <li>{@link #OK} 0: done.
 *   <li>{@link #FAILED} 1: the run failed or an internal error happened (a sweep keeps its finished
 *       tasks: {@code --resume}).
 *   <li>{@link #BAD_INPUT} 2: bad input (a study file, a flag, a data file, an output folder that must
 *       be left alone or is in use); nothing was written.
 *   <li>{@link #DISAGREEMENT} 3: {@code sweep --fail-on-disagreement} and some rate disagrees with its
 *       theory.
 * </ul>
 */
public final class ExitStatus {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int DISAGREEMENT = 3;

    private ExitStatus() {
    }
}
