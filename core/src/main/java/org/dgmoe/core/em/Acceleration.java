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
    SQUAREM("squarem");

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
        throw new IllegalArgumentException("accelerate: must be one of squarem, none, got '" + name + "'");
    }
}
