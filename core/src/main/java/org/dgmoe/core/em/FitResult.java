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
 * @param emEvaluations        EM-map evaluations: M-steps computed (accepted or not, a failing one included),
 *                             plus every data pass of the Newton polish of {@link Acceleration#SQUAREM_NEWTON}
 *                             (each costs one); {@link EmSettings#maxIterations()} caps this count. Not in it:
 *                             the pass at the start, SQUAREM's pass at a rejected extrapolation, and
 *                             {@code certificatePasses} (docs/convergence.md, "What a fit costs")
 * @param newtonGain           the optimality certificate: the log-likelihood gain ½ gᵀ(−H)⁻¹g a Newton step
 *                             in the unconstrained coordinates predicts from {@code model} (how far, in ℓ,
 *                             the estimate is from the local maximum; {@link NewtonPolish}); NaN when −H is
 *                             not positive definite, for DEGENERATE and NON_FINITE fits, with tolerance 0
 *                             (benchmarks), and for a fit made without it ({@link EmFitter#fitUncertified})
 * @param hessianNegativeDefinite whether the Hessian of ℓ there is negative definite (a strict local maximum
 *                             of the quadratic model)
 * @param certificatePasses    data passes made at {@code model} after the iteration stopped, for the certificate
 *                             (and the score), not counted in {@code emEvaluations}: 2r for a certificate
 *                             computed there (the fit's last pass left the statistics at the estimate; r ≤
 *                             k(d + 3) the free coordinates, 12 for k = 3, d = 1 with λ free: 24 passes); 1
 *                             when the polish's last analysis was at the estimate (its certificate is reused,
 *                             the pass recomputes the statistics its Hessian overwrote, for {@code scoreNorm});
 *                             2r + 1 more when {@link EmFitter#certify} adds the certificate to a fit made
 *                             without it; 0 without a certificate (tolerance 0, DEGENERATE, NON_FINITE); ≥ 0
 */
public record FitResult(DeviatedModel model, double logLikelihood, int iterations, FitStatus status, long millis,
        double lastRelativeChange, double lastChange, double lastStep, double scoreNorm, int emEvaluations,
        double newtonGain, boolean hessianNegativeDefinite, int certificatePasses) {

    public FitResult {
        if (model == null || status == null) {
            throw new IllegalArgumentException("model and status: must not be null");
        }
        if (certificatePasses < 0) {
            throw new IllegalArgumentException("certificatePasses: must be >= 0, got " + certificatePasses);
        }
    }

    /** A result without a certificate (newtonGain NaN, not negative definite, no certificate passes). */
    public FitResult(DeviatedModel model, double logLikelihood, int iterations, FitStatus status, long millis,
            double lastRelativeChange, double lastChange, double lastStep, double scoreNorm, int emEvaluations) {
        this(model, logLikelihood, iterations, status, millis, lastRelativeChange, lastChange, lastStep, scoreNorm,
                emEvaluations, Double.NaN, false, 0);
    }

    /** This result with a certificate: {@code passes} more certificate passes, {@code totalMillis} its wall time. */
    FitResult withCertificate(double gain, boolean negativeDefinite, int passes, long totalMillis) {
        return new FitResult(model, logLikelihood, iterations, status, totalMillis, lastRelativeChange, lastChange,
                lastStep, scoreNorm, emEvaluations, gain, negativeDefinite, certificatePasses + passes);
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
