package org.dgmoe.core.em;

/**
 * Observes an EM fit once per evaluated iterate (outside the data pass, so it costs nothing per
 * point). Used by tests to check that the log-likelihood never decreases.
 */
@FunctionalInterface
public interface IterationListener {
    /**
     * @param iteration     number of M-steps that produced this iterate (0 for the start)
     * @param logLikelihood Σ_n log p(y_n | x_n) at this iterate
     */
    void onIterate(int iteration, double logLikelihood);
}
