package org.dgmoe.core.em;

import org.dgmoe.core.ConfigNamed;

/**
 * How the EM fixed-point iteration is run (docs/convergence.md); {@code fit.accelerate} names it
 * ({@link ConfigNamed}: {@code squarem-newton}, ...).
 */
public enum Acceleration implements ConfigNamed {
    // The default first: the order of ConfigNamed.configNames, so of every message and of docs/config.md.
    /**
     * SQUAREM, then Newton steps in the unconstrained coordinates with a finite-difference Hessian of the
     * analytic score once EM has nearly stalled ({@link NewtonPolish}); converged when the predicted gain
     * of a Newton step is at most the tolerance (docs/convergence.md, "Fewer evaluations").
     */
    SQUAREM_NEWTON,
    /**
     * SQUAREM (Varadhan &amp; Roland 2008, Scand. J. Statist. 35, scheme S3) with the step-length
     * adaptation of the SQUAREM R package and a fall back to plain EM whenever the log-likelihood
     * would decrease; see {@link EmFitter}.
     */
    SQUAREM,
    /** Plain EM: one EM-map evaluation per iteration. */
    NONE,
    /**
     * SQUAREM as {@link #SQUAREM} with the step length of Varadhan &amp; Roland's scheme S1,
     * s = −rᵀv/vᵀv (the shortest of the three); kept for the comparison of docs/convergence.md.
     */
    SQUAREM_S1,
    /**
     * SQUAREM as {@link #SQUAREM} with the step length of scheme S2, s = −rᵀr/rᵀv (the longest of the
     * three); kept for the comparison of docs/convergence.md.
     */
    SQUAREM_S2,
    /**
     * DAAREM: damped Anderson acceleration with restarts (Henderson &amp; Varadhan 2019, J. Comput. Graph.
     * Statist. 28(4)) in the unconstrained coordinates, with a fall back to the EM step whenever ℓ would
     * decrease ({@link Daarem}).
     */
    DAAREM,
    /** DAAREM, then the Newton polish of {@link #SQUAREM_NEWTON} once EM has nearly stalled ({@link Daarem}). */
    DAAREM_NEWTON
}
