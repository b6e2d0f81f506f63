package org.dgmoe.core.rate;

/** How an empirical rate compares with the theory. */
public enum Verdict {
    /** The theory exponent lies in the confidence interval widened by the tolerance. */
    AGREES("agrees"),
    /** It does not. */
    DISAGREES("disagrees"),
    /** The theory gives no exponent for this metric. */
    NO_THEORY("no-theory"),
    /** Too many fits did not converge for the rate to be trusted. */
    UNRELIABLE("unreliable");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The lower-case label written to tables and reports. */
    public String label() {
        return label;
    }

    /** The verdict written as {@code label} (tables store {@link #label()}). */
    public static Verdict ofLabel(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("verdict: must be one of agrees, disagrees, no-theory, unreliable, got '"
                + label + "'");
    }
}
