package org.dgmoe.core.em;

/** How the EM fixed-point iteration is run (docs/convergence.md). */
public enum Acceleration {
    // The default first: the order of configNames(), so of every message and of docs/config.md.
    /**
     * SQUAREM, then Newton steps in the unconstrained coordinates with a finite-difference Hessian of the
     * analytic score once EM has nearly stalled ({@link NewtonPolish}); converged when the predicted gain
     * of a Newton step is at most the tolerance (docs/convergence.md, "Fewer evaluations").
     */
    SQUAREM_NEWTON("squarem-newton"),
    /**
     * SQUAREM (Varadhan &amp; Roland 2008, Scand. J. Statist. 35, scheme S3) with the step-length
     * adaptation of the SQUAREM R package and a fall back to plain EM whenever the log-likelihood
     * would decrease; see {@link EmFitter}.
     */
    SQUAREM("squarem"),
    /** Plain EM: one EM-map evaluation per iteration. */
    NONE("none"),
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

    /** The config names of every scheme, in declaration order (the allowed values of {@code fit.accelerate}). */
    public static String[] configNames() {
        Acceleration[] all = values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].configName;
        }
        return names;
    }

    /** {@link #configNames()}, comma-separated. */
    public static String names() {
        return String.join(", ", configNames());
    }
}
