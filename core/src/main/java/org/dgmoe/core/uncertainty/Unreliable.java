package org.dgmoe.core.uncertainty;

/**
 * Why a standard error or a Wald interval is not to be trusted (docs/uncertainty.md, "When Wald intervals
 * fail"): where the theory says the observed information does not describe the estimate's spread. The first
 * four leave the standard error NaN; the others keep it, marked. The bootstrap intervals carry the notes on the
 * estimate ({@link Bootstrap#carried}) and add their own, {@link #REFITS_FAILED}.
 */
public enum Unreliable {
    /** Not estimated: λ held by {@code fit.lambda}, λ = 1 without g0, the weight 1 of a single expert. */
    NOT_ESTIMATED("not estimated", true),
    /**
     * At a bound of the parameter space (λ̂ at 0 or 1, a variance at the floor or at {@code fit.bounds.variance},
     * a weight at {@code fit.bounds.weight}): the estimate is not a stationary point in that coordinate, and its
     * law is not normal (Self &amp; Liang 1987).
     */
    AT_BOUND("at a bound of the parameter space", true),
    /**
     * The fit failed (DEGENERATE, NON_FINITE), or a pass of the Hessian's central differences was not finite: no
     * information to invert.
     */
    NO_HESSIAN("no Hessian at the estimate", true),
    /**
     * −H is not positive definite: the estimate is not a strict local maximum in the unconstrained coordinates
     * (a saddle, or a flat direction as in over-fitted valleys), and (−H)⁻¹ does not exist.
     */
    HESSIAN_NOT_NEGATIVE_DEFINITE("the Hessian is not negative definite", true),
    /** The fit hit the iteration cap: the estimate is not the maximum, and −H is the curvature elsewhere. */
    NOT_CONVERGED("the fit did not converge", false),
    /**
     * λ̂ within z standard errors of 0 or 1 (its natural-scale Wald interval reaches past the boundary): the
     * data cannot tell λ from the boundary, where the MLE's law is a mixture with an atom at the boundary, not a
     * normal (Self &amp; Liang 1987; Chen, Chen &amp; Kalbfleisch 2001). Near 0 the experts' information vanishes
     * with λ, so their parameters are marked too.
     */
    LAMBDA_NEAR_BOUNDARY("λ̂ is near 0 or 1", false),
    /**
     * The expert is near-degenerate by the {@code spurious} rule (NearDegeneracy): a spike on a few points, a
     * local maximum of an unbounded likelihood the theory's compact parameter space excludes.
     */
    NEAR_DEGENERATE("a near-degenerate expert", false),
    /**
     * More experts fitted than the truth has (known only with a truth): the Fisher information is singular at
     * the truth, the estimates of an over-fitted cell converge more slowly than n^−1/2 (Chen 1995; Ho &amp;
     * Nguyen 2016) and a Wald interval does not hold its level.
     */
    OVER_FITTED("an over-fitted model", false),
    /**
     * Bootstrap intervals only: more than {@link Bootstrap#MAX_FAILED_SHARE} of the refits failed (DEGENERATE,
     * NON_FINITE), so the quantiles are those of the refits that survived, a selected part of the bootstrap law.
     */
    REFITS_FAILED("too many bootstrap refits failed", false);

    private final String phrase;
    private final boolean voidsStandardError;

    Unreliable(String phrase, boolean voidsStandardError) {
        this.phrase = phrase;
        this.voidsStandardError = voidsStandardError;
    }

    /** A short phrase for a table's note. */
    public String phrase() {
        return phrase;
    }

    /** Whether it leaves the standard error and interval NaN (true) or only marks them (false). */
    public boolean voidsStandardError() {
        return voidsStandardError;
    }
}
