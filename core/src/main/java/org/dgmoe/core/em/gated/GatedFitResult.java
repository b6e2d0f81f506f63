package org.dgmoe.core.em.gated;

import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.GatedModel;

/**
 * The outcome of one gated EM fit ({@link GatedEmFitter}).
 *
 * @param model              the fitted model (the last valid iterate when the status is not CONVERGED); a
 *                           softmax gate is reported with expert 1's gate at zero
 *                           ({@link org.dgmoe.core.model.SoftmaxGating#normalised()})
 * @param logLikelihood      Σ_n log p(y_n | x_n) at {@code model}: the conditional log-likelihood
 * @param objective          what the EM maximised, at {@code model}: {@code logLikelihood} for constant and
 *                           softmax gating; for Gaussian gating the joint Σ_n log p(x_n, y_n), which adds
 *                           Σ_n log Σ_i w_i N(x_n; c_i, Γ_i) (GatedEmFitter's class comment)
 * @param iterations         accepted iterates: EM steps, and under acceleration accepted SQUAREM cycles and Newton
 *                           steps ({@link GatedSquarem})
 * @param status             how the fit ended
 * @param millis             wall time
 * @param lastChange         objective change of the last plain EM step (under SQUAREM, of a cycle's first M-step;
 *                           NaN before the first)
 * @param lastRelativeChange its relative change |Δ|/|objective| (NaN before the first)
 * @param lastStep           the largest scaled parameter step of the last EM step (NaN before the first)
 * @param evaluations        EM-map evaluations (M-steps computed, a failing one included), plus every data pass of
 *                           the Newton polish (as the constant fit counts them)
 * @param certificate        the optimality certificate at {@code model} ({@link Certificate#NONE} when none
 *                           was computed; its passes are the data passes made for it after the iteration)
 * @param likelihoodPasses   E-step passes over the data ({@link GatedPass}: ℓ and the responsibilities), the start's,
 *                           SQUAREM's and the polish's included, the certificate's not (they are its
 *                           {@link Certificate#passes()})
 * @param solverPasses       passes over the data of the gate's and λ's Newton solvers (softmax gate, sigmoid λ: a
 *                           GEM M-step makes 2, more when it halves its step); 0 for closed-form M-steps
 */
public record GatedFitResult(GatedModel model, double logLikelihood, double objective, int iterations,
        FitStatus status, long millis, double lastChange, double lastRelativeChange, double lastStep,
        int evaluations, Certificate certificate, int likelihoodPasses, int solverPasses)
        implements java.io.Serializable {

    public GatedFitResult {
        if (model == null || status == null || certificate == null) {
            throw new IllegalArgumentException("model, status and certificate: must not be null");
        }
        if (likelihoodPasses < 0 || solverPasses < 0) {
            throw new IllegalArgumentException("likelihoodPasses, solverPasses: must be >= 0, got " + likelihoodPasses
                    + ", " + solverPasses);
        }
    }
}
