package org.dgmoe.core.em;

/**
 * Observes an EM fit at the start and once per accepted update of its iterate (outside the data pass, so
 * it costs nothing per point), the updates {@link FitResult#iterations()} counts: under plain EM after
 * every M-step; under SQUAREM once per cycle, at the iterate the cycle kept (the extrapolated and
 * stabilised θ', or its fall-back θ2 = M(M(θ0)), or θ1 = M(θ0) when the cycle ends the fit or a Newton
 * polish starts from it); under DAAREM once per iteration, at the accepted proposal or the EM step that
 * replaced it; with a Newton polish ({@link Acceleration#SQUAREM_NEWTON}, {@link Acceleration#DAAREM_NEWTON})
 * also after every accepted Newton step. Intermediate M-steps, rejected extrapolations and proposals, and
 * the polish's Hessian and line-search probes are not reported. The reported log-likelihoods never
 * decrease (an accelerated or Newton step is kept only when ℓ does not decrease, and an EM step never
 * decreases it), which tests check through this interface.
 */
@FunctionalInterface
public interface IterationListener {
    /**
     * @param iteration     accepted updates that produced this iterate ({@link FitResult#iterations()}); 0
     *                      for the start
     * @param logLikelihood Σ_n log p(y_n | x_n) at this iterate
     */
    void onIterate(int iteration, double logLikelihood);
}
