package org.dgmoe.core.em;

import org.dgmoe.core.ConfigNamed;

/**
 * When EM stops (docs/convergence.md). The rule a fit is configured with ({@link EmSettings#stop()})
 * is checked after every plain EM step θ_t = M(θ_{t−1}) (under SQUAREM, after the first M-step of each
 * cycle); the other rule is not consulted. {@link EmSettings#tolerance()} 0 disables stopping, so a fit
 * runs exactly {@link EmSettings#maxIterations()} EM-map evaluations (benchmarks rely on it).
 * {@code fit.stop} names it ({@link ConfigNamed}: {@code absolute}, {@code relative}).
 */
public enum StopRule implements ConfigNamed {
    // The default first: the order of ConfigNamed.configNames, so of every message and of docs/config.md.
    /**
     * The default: |ℓ_t − ℓ_{t−1}| &lt; tolerance (equivalently the change of the mean log-likelihood
     * per point is below tolerance/n, a bound that shrinks with n) and the largest scaled parameter
     * step of the last EM step is below {@link EmSettings#stepTolerance()}. The scaled step is
     * max(|Δλ|, max_i |Δp_i|, max_ij |Δa_ij|/√σ_i, max_i |Δb_i|/√σ_i, max_i |Δσ_i|/σ_i) with σ_i the new
     * variance: weights are absolute, locations are in units of the expert's noise s.d., variances
     * relative (so the rule is invariant to a rescaling of y). b_i is the intercept at the data's mean
     * covariate (the fit's centred frame, {@link WeightedLeastSquares}), so the rule is also invariant
     * to shifting x or y.
     */
    ABSOLUTE,
    /**
     * The published rule (reference §6): |ℓ_t − ℓ_{t−1}| / |ℓ_{t−1}| &lt; tolerance. Kept to reproduce
     * published studies. Its meaning drifts with n: |ℓ| grows like n, so at a fixed tolerance the
     * allowed change of ℓ grows like n and EM stops ever earlier relative to the statistical error.
     */
    RELATIVE
}
