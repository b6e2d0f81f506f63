package org.dgmoe.core.em;

import org.dgmoe.core.model.DeviatedModel;

/**
 * The outcome of one EM fit, with the diagnostics of its convergence (docs/convergence.md).
 *
 * @param model                the fitted model (the last valid iterate when the status is not CONVERGED)
 * @param logLikelihood        Σ_i log p(y_i | x_i) at {@code model} (the sum, not the mean)
 * @param iterations           accepted updates of the iterate: M-steps under plain EM; SQUAREM cycles (and
 *                             the EM step θ1 a Newton polish starts from); DAAREM iterations (an accepted
 *                             proposal or the EM step that replaced it); under the Newton variants also
 *                             every accepted Newton step ({@link IterationListener} is told of each)
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
 * @param emEvaluations        EM-map evaluations: M-steps computed (accepted or not, a failing one included),
 *                             plus every data pass of the Newton polish of {@link Acceleration#SQUAREM_NEWTON}
 *                             (each costs one); {@link EmSettings#maxIterations()} caps this count. Not in it:
 *                             the pass at the start, SQUAREM's pass at a rejected extrapolation, and
 *                             {@code certificatePasses} (docs/convergence.md, "What a fit costs")
 * @param certificate          the optimality certificate at {@code model} and the passes it took
 *                             ({@link Certificate}); {@link Certificate#NONE} for DEGENERATE and NON_FINITE fits,
 *                             with tolerance 0 (benchmarks), and for a fit made without it
 *                             ({@link EmFitter#fitUncertified})
 */
public record FitResult(DeviatedModel model, double logLikelihood, int iterations, FitStatus status, long millis,
        double lastRelativeChange, double lastChange, double lastStep, double scoreNorm, int emEvaluations,
        Certificate certificate) implements java.io.Serializable {

    public FitResult {
        if (model == null || status == null || certificate == null) {
            throw new IllegalArgumentException("model, status and certificate: must not be null");
        }
        if (certificate.passes() < 0) {
            throw new IllegalArgumentException("certificate.passes: must be >= 0 for a fit, got " + certificate.passes());
        }
    }

    /** A result without a certificate ({@link Certificate#NONE}). */
    public FitResult(DeviatedModel model, double logLikelihood, int iterations, FitStatus status, long millis,
            double lastRelativeChange, double lastChange, double lastStep, double scoreNorm, int emEvaluations) {
        this(model, logLikelihood, iterations, status, millis, lastRelativeChange, lastChange, lastStep, scoreNorm,
                emEvaluations, Certificate.NONE);
    }

    /** This result with {@code computed} as its certificate (its passes added to those made), {@code totalMillis} its wall time. */
    FitResult withCertificate(Certificate computed, long totalMillis) {
        return new FitResult(model, logLikelihood, iterations, status, totalMillis, lastRelativeChange, lastChange,
                lastStep, scoreNorm, emEvaluations, certificate.after(computed));
    }

    /** Whether ℓ is finite and the fit did not end NON_FINITE. */
    public boolean finite() {
        return status != FitStatus.NON_FINITE && Double.isFinite(logLikelihood);
    }

    /**
     * Whether this fit beats {@code other} when the best of several starts is kept: a {@link #finite()}
     * fit beats one that is not, then the larger log-likelihood wins; a tie keeps {@code other} (the
     * earlier start). The one rule of every restart loop (the sweep's tasks, fits to data, the
     * goodness-of-fit recipe).
     */
    public boolean betterThan(FitResult other) {
        boolean mine = finite();
        boolean theirs = other.finite();
        if (mine != theirs) {
            return mine;
        }
        return logLikelihood > other.logLikelihood;
    }
}
