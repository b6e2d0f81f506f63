package org.dgmoe.core.gof;

/** The tests of a size and power study: the likelihood-ratio test and the three PIT baselines. */
public enum TestKind {
    /** The Monte Carlo likelihood-ratio test (shared null sample). */
    LRT("lrt", true),
    /** Kolmogorov–Smirnov on the PIT, its exact p-value (no null sample). */
    KS("ks", false),
    /** Cramér–von Mises on the PIT, calibrated by the shared null sample. */
    CVM("cvm", true),
    /** Anderson–Darling on the PIT, calibrated by the shared null sample. */
    AD("ad", true);

    private final String label;
    private final boolean sharedNull;

    TestKind(String label, boolean sharedNull) {
        this.label = label;
        this.sharedNull = sharedNull;
    }

    /** The name in the tables ({@code lrt}, {@code ks}, {@code cvm}, {@code ad}). */
    public String label() {
        return label;
    }

    /** True when its p-value is a Monte Carlo p-value against the shared null sample. */
    public boolean sharedNull() {
        return sharedNull;
    }

    /** The kind labelled {@code label}. */
    public static TestKind of(String label) {
        for (TestKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("test: must be one of lrt, ks, cvm, ad, got '" + label + "'");
    }
}
