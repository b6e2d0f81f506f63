package org.dgmoe.core.em;

import org.dgmoe.core.model.DeviatedModel;

/**
 * The outcome of one EM fit.
 *
 * @param model                the fitted model (the last valid iterate when the status is not CONVERGED)
 * @param logLikelihood        Σ_i log p(y_i | x_i) at {@code model} (the sum, not the mean)
 * @param iterations           EM iterations performed
 * @param status               how the fit ended
 * @param millis               wall time of the fit
 * @param lastRelativeChange   |ℓ_t − ℓ_{t−1}| / |ℓ_{t−1}| at the last iteration (NaN before the second)
 */
public record FitResult(DeviatedModel model, double logLikelihood, int iterations, FitStatus status, long millis,
        double lastRelativeChange) {

    public FitResult {
        if (model == null || status == null) {
            throw new IllegalArgumentException("model and status: must not be null");
        }
    }
}
