package org.dgmoe.core.gof;

import java.util.List;

/**
 * The tests of a size and power study: the likelihood-ratio test, the three PIT baselines and the adaptive
 * statistics of issue 25 ({@link AdaptiveStatistics}) — the nine <em>components</em>, every one but KS calibrated
 * by the shared null sample — and their two combinations ({@link Combination}), calibrated exactly on the same
 * null sample.
 */
public enum TestKind {
    /** The Monte Carlo likelihood-ratio test (shared null sample). */
    LRT("lrt", true),
    /** Kolmogorov–Smirnov on the PIT, its exact p-value (no null sample). */
    KS("ks", false),
    /** Cramér–von Mises on the PIT, calibrated by the shared null sample. */
    CVM("cvm", true),
    /** Anderson–Darling on the PIT, calibrated by the shared null sample. */
    AD("ad", true),
    /** Higher criticism HC⁺ at both ends of the PIT (Donoho &amp; Jin 2004), Monte Carlo. */
    HC("hc", true),
    /** Berk–Jones on the PIT (Berk &amp; Jones 1979), Monte Carlo. */
    BJ("bj", true),
    /** The data-driven Neyman smooth test on the PIT, Schwarz rule (Ledwina 1994), Monte Carlo. */
    SMOOTH("smooth", true),
    /** The sup-score statistic at λ = 0 over a grid of the data's own scale ({@link SupScore}), Monte Carlo. */
    SUPSCORE("supscore", true),
    /**
     * The grid likelihood ratio: max over the sup-score's grid (its three widest variances) of the profile
     * log-likelihood ratio in λ ({@link DeviationGrid}), Monte Carlo.
     */
    GRIDLR("gridlr", true),
    /**
     * The combined test, the headline: the Cauchy combination of the nine components' p-values (Liu &amp; Xie 2020),
     * calibrated exactly by its rank among the null sets' ({@link Combination}).
     */
    COMBINED("combined", true),
    /** The minimum of the nine components' p-values, calibrated exactly alike ({@link Combination}). */
    MINP("minp", true);

    /** The nine component tests that {@link #COMBINED} and {@link #MINP} combine, in this order. */
    public static final List<TestKind> COMPONENTS = List.of(LRT, KS, CVM, AD, HC, BJ, SMOOTH,
            SUPSCORE, GRIDLR);

    private final String label;
    private final boolean sharedNull;

    TestKind(String label, boolean sharedNull) {
        this.label = label;
        this.sharedNull = sharedNull;
    }

    /** True for the nine component tests, false for the two combinations. */
    public boolean component() {
        return this != COMBINED && this != MINP;
    }

    /** The name in the tables ({@code lrt}, {@code ks}, {@code cvm}, {@code ad}, {@code hc}, {@code bj}, ...). */
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
        StringBuilder labels = new StringBuilder();
        for (TestKind k : values()) {
            labels.append(labels.length() == 0 ? "" : ", ").append(k.label);
        }
        throw new IllegalArgumentException("test: must be one of " + labels + ", got '" + label + "'");
    }
}
