package org.dgmoe.core.em;

import org.dgmoe.core.model.DeviatedModel;

/**
 * The outcome of one EM fit, with the diagnostics of its convergence (docs/convergence.md).
 *
 * @param model                the fitted model (the last valid iterate when the status is not CONVERGED)
 * @param logLikelihood        Σ_i log p(y_i | x_i) at {@code model} (the sum, not the mean)
 * @param iterations           accepted parameter updates: M-steps for plain EM, cycles for SQUAREM
 * @param status               how the fit ended
 * @param millis               wall time of the fit
 * @param lastRelativeChange   |ℓ_t − ℓ_{t−1}| / |ℓ_{t−1}| of the last plain EM step (NaN before the first)
 * @param lastChange           ℓ_t − ℓ_{t−1} of the last plain EM step θ_t = M(θ_{t−1}) (NaN before the first)
 * @param lastStep             the largest scaled parameter step of that EM step (see {@link StopRule#ABSOLUTE};
 *                             NaN before the first)
 * @param scoreNorm            Euclidean norm of the projected analytic score ∇ℓ at {@code model} in the
 *                             parametrisation (λ, softmax logits of p, a, b, σ) (see {@link Score}); NaN
 *                             when ℓ is not finite, and for plain EM with tolerance 0 (benchmarks), whose
 *                             last pass evaluates ℓ only
 * @param emEvaluations        EM-map evaluations (M-steps computed, accepted or not)
 */
public record FitResult(DeviatedModel model, double logLikelihood, int iterations, FitStatus status, long millis,
        double lastRelativeChange, double lastChange, double lastStep, double scoreNorm, int emEvaluations) {

    public FitResult {
        if (model == null || status == null) {
            throw new IllegalArgumentException("model and status: must not be null");
        }
    }
}
