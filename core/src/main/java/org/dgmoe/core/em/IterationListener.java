package org.dgmoe.core.em;

/**
 * Observes an EM fit at the start and once per accepted update (outside the data pass, so it costs
 * nothing per point): under plain EM after every M-step; under SQUAREM once per cycle, at the iterate
 * the cycle kept (the extrapolated and stabilised θ', or its fall-back θ2 = M(M(θ0)), or θ1 = M(θ0)
 * when the cycle ends the fit); the cycle's intermediate M-steps and rejected extrapolations are not
 * reported. Either way the reported log-likelihoods never decrease (SQUAREM keeps θ' only when
 * ℓ(θ') ≥ ℓ(θ0)), which tests check through this interface.
 */
@FunctionalInterface
public interface IterationListener {
    /**
     * @param iteration     accepted updates that produced this iterate: M-steps under plain EM, cycles
     *                      under SQUAREM ({@link FitResult#iterations()}); 0 for the start
     * @param logLikelihood Σ_n log p(y_n | x_n) at this iterate
     */
    void onIterate(int iteration, double logLikelihood);
}
