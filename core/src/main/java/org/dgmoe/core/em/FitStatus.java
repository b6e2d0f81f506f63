package org.dgmoe.core.em;

/** How a fit ended. Numerical failure is a status, never an exception. */
public enum FitStatus {
    /** The stopping rule was met. */
    CONVERGED,
    /** The iteration cap was reached before the stopping rule was met. */
    MAX_ITERATIONS,
    /** A component lost (almost) all its mass, or λ collapsed, so its parameters are undetermined. */
    DEGENERATE,
    /** The log-likelihood or a parameter became NaN or infinite. */
    NON_FINITE
}
