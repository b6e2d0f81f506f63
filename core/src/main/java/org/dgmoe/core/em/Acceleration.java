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
    SQUAREM_NEWTON("squarem-newton");

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
        throw new IllegalArgumentException("accelerate: must be one of squarem, squarem-newton, none, got '" + name + "'");
    }
}
