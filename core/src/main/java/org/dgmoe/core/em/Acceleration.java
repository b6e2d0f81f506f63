package org.dgmoe.core.em;

/** How the EM fixed-point iteration is run (docs/convergence.md). */
public enum Acceleration {
    /** Plain EM: one EM-map evaluation per iteration. */
    NONE("none"),
    /**
     * SQUAREM (Varadhan &amp; Roland 2008, Scand. J. Statist. 35, scheme S3) with the step-length
     * adaptation of the SQUAREM R package and a fall back to plain EM whenever the log-likelihood
     * would decrease; see {@link EmFitter}.
     */
    SQUAREM("squarem"),
    /**
     * SQUAREM, then Newton steps in the unconstrained coordinates with a finite-difference Hessian of the
     * analytic score once EM has nearly stalled ({@link NewtonPolish}); converged when the predicted gain
     * of a Newton step is at most the tolerance (docs/convergence.md, "Fewer evaluations").
     */
    SQUAREM_NEWTON("squarem-newton"),
    /**
     * SQUAREM as {@link #SQUAREM} with the step length of Varadhan &amp; Roland's scheme S1,
     * s = −rᵀv/vᵀv (the shortest of the three); kept for the comparison of docs/convergence.md.
     */
    SQUAREM_S1("squarem-s1"),
    /**
     * SQUAREM as {@link #SQUAREM} with the step length of scheme S2, s = −rᵀr/rᵀv (the longest of the
     * three); kept for the comparison of docs/convergence.md.
     */
    SQUAREM_S2("squarem-s2"),
    /**
     * DAAREM: damped Anderson acceleration with restarts (Henderson &amp; Varadhan 2019, J. Comput. Graph.
     * Statist. 28(4)) in the unconstrained coordinates, with a fall back to the EM step whenever ℓ would
     * decrease ({@link Daarem}).
     */
    DAAREM("daarem"),
    /** DAAREM, then the Newton polish of {@link #SQUAREM_NEWTON} once EM has nearly stalled ({@link Daarem}). */
    DAAREM_NEWTON("daarem-newton");

    private final String configName;

    Acceleration(String configName) {
        this.configName = configName;
    }

    /** The name used in study files ({@code fit.accelerate}) and tables. */
    public String configName() {
        return configName;
    }

    /** The scheme called {@code name} in a study file. */
    public static Acceleration fromConfigName(String name) {
        for (Acceleration a : values()) {
            if (a.configName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("accelerate: must be one of " + names() + ", got '" + name + "'");
    }

    /** The config names of every scheme, comma-separated, in declaration order. */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (Acceleration a : values()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(a.configName);
        }
        return b.toString();
    }
}
