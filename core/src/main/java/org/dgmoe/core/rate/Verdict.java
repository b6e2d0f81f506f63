package org.dgmoe.core.rate;

/**
 * How an empirical rate compares with the theory. The theory's exponents bound the rate of the MLE
 * from above (the loss falls at least that fast, reference §5; docs/rates.md): a loss that falls
 * faster is consistent with them, one that falls slower contradicts them.
 */
public enum Verdict {
    /** The theory exponent lies in the confidence interval widened by the tolerance. */
    AGREES("agrees"),
    /**
     * The whole widened interval lies below the exponent: the loss falls faster than the bound. Not a
     * contradiction (the bound is a worst case over a neighbourhood of the truth; a pointwise rate at
     * one truth may be faster).
     */
    FASTER_THAN_THEORY("faster-than-theory"),
    /** The whole widened interval lies above the exponent: the loss falls slower than the bound allows. */
    SLOWER_THAN_THEORY("slower-than-theory"),
    /** The theory gives no exponent for this metric. */
    NO_THEORY("no-theory"),
    /** Too many fits did not converge, or too few sizes are usable, for the rate to be trusted. */
    UNRELIABLE("unreliable"),
    /**
     * The widened interval holds the theory's exponent, but cannot be read as agreement: it holds 0
     * (the loss may not fall at all), or it holds both the exponent and the parametric −1/2 where the
     * two differ (it cannot tell the theory's slow rate from the parametric one), or it pools fits
     * whose cells differ from the layout the exponent assumes ({@link RateEstimate#reason()} says
     * which). Never a contradiction: only {@link #SLOWER_THAN_THEORY} is (docs/rates.md).
     */
    INCONCLUSIVE("inconclusive");

    /** The label tables written before verdicts had a direction used for both of them. */
    public static final String LEGACY_DISAGREES = "disagrees";

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The lower-case label written to tables and reports. */
    public String label() {
        return label;
    }

    /** Whether this verdict contradicts the theory (only {@link #SLOWER_THAN_THEORY} does). */
    public boolean contradictsTheory() {
        return this == SLOWER_THAN_THEORY;
    }

    /**
     * The verdict written as {@code label} (tables store {@link #label()}). The legacy label
     * {@value #LEGACY_DISAGREES} needs the interval: use {@link #ofLabel(String, double, double, double)}.
     */
    public static Verdict ofLabel(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("verdict: must be one of agrees, faster-than-theory, slower-than-theory, "
                + "no-theory, unreliable, inconclusive" + (LEGACY_DISAGREES.equals(label) ? " (the legacy 'disagrees' needs the "
                        + "rate's interval and theory)" : "") + ", got '" + label + "'");
    }

    /**
     * The verdict of a stored rate, reading the legacy label {@value #LEGACY_DISAGREES} by direction.
     * A legacy disagreement had theory ∉ [ciLow − tol, ciHigh + tol] for the tolerance of its run, so
     * with ciLow ≤ ciHigh exactly one of theory &gt; ciHigh (faster than the theory) and
     * theory &lt; ciLow (slower) holds, whatever that tolerance was: the mapping is exact.
     *
     * @throws IllegalArgumentException for an unknown label, or a legacy disagreement whose interval
     *                                  holds the theory (not a disagreement under any tolerance)
     */
    public static Verdict ofLabel(String label, double ciLow, double ciHigh, double theory) {
        if (!LEGACY_DISAGREES.equals(label)) {
            return ofLabel(label);
        }
        if (theory > ciHigh) {
            return FASTER_THAN_THEORY;
        }
        if (theory < ciLow) {
            return SLOWER_THAN_THEORY;
        }
        throw new IllegalArgumentException("verdict: 'disagrees' with theory " + theory + " inside its interval ["
                + ciLow + ", " + ciHigh + "]");
    }
}
