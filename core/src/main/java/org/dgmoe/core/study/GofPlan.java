package org.dgmoe.core.study;

import java.util.Arrays;
import org.dgmoe.core.InvalidParameterException;

/**
 * The goodness-of-fit test a sweep applies to every data set of a setting (the setting's {@code test}
 * block; docs/gof.md, "Size and power studies"): H0 "the data come from the setting's g0" against the
 * deviated model with the setting's fitted experts, calibrated by one null sample of B refits per
 * (setting, n) that every replicate of that (setting, n) shares.
 *
 * <p>Why B must be large, and the default. Conditional on the shared null sample, the size at α is a
 * random quantity with standard error √(α(1 − α)/B), common to every replicate, while the replicates'
 * own binomial error is √(α(1 − α)/R). With B ≥ 10·R the null's share of the variance of a rejection
 * rate is at most 1/11 (its standard error grows by at most 5%), and with B ≥ 9 999 the conditional
 * size at α = 0.05 is within ±0.0044 (one standard error) whatever R. The default B is therefore
 * max(10·R, 9 999) rounded up to 100·j − 1, so that (B + 1)·α is an integer for α = 0.01, 0.05, 0.1 and
 * the Monte Carlo test has size exactly α there (P(p ≤ α) = ⌊α(B + 1)⌋/(B + 1)).
 *
 * @param bootstrap B, the null refits per (setting, n), ≥ 1; 0 means the default for the study's
 *                  replicates ({@link #bootstrap(int)})
 * @param alphas    the levels, each in (0, 1), strictly increasing (copied)
 */
public record GofPlan(int bootstrap, double[] alphas) implements java.io.Serializable {

    /** The levels when the block gives none. */
    public static final double[] DEFAULT_ALPHAS = {0.01, 0.05, 0.1};
    /** The smallest default B, whatever the replicates. */
    public static final int MINIMUM_BOOTSTRAP = 9_999;
    /** The default B is at least this many times the replicates. */
    public static final int BOOTSTRAP_PER_REPLICATE = 10;
    /** The most null refits per (setting, n): a bound on a typo, far above any useful B. */
    public static final int MAX_BOOTSTRAP = 10_000_000;
    /**
     * The smallest data set the goodness-of-fit test is computed on, for a sweep's sample sizes and a user's
     * data alike: the exact Kolmogorov–Smirnov p-value of the PIT is defined from two points on (Commons
     * Statistics refuses one), while the LRT's fits would run on a single point.
     */
    public static final int MINIMUM_SAMPLE_SIZE = 2;

    // Messages name the key relative to the test object; a config reader prefixes its path.
    public GofPlan {
        if (bootstrap < 0 || bootstrap > MAX_BOOTSTRAP) {
            throw new InvalidParameterException("bootstrap", "must be 0 (the default) or an integer in [1, "
                    + MAX_BOOTSTRAP + "], got " + bootstrap);
        }
        if (alphas == null || alphas.length == 0) {
            throw new InvalidParameterException("alpha", "must hold at least one level");
        }
        alphas = alphas.clone();
        for (int i = 0; i < alphas.length; i++) {
            if (!(alphas[i] > 0 && alphas[i] < 1)) {
                throw new InvalidParameterException("alpha[" + i + "]", "must be in (0, 1), got " + alphas[i]);
            }
            if (i > 0 && !(alphas[i] > alphas[i - 1])) {
                throw new InvalidParameterException("alpha",
                        "must be strictly increasing, got " + Arrays.toString(alphas));
            }
        }
        if (bootstrap > 0 && bootstrap < smallestBootstrap(alphas[0])) {
            throw new InvalidParameterException("bootstrap", "must be >= " + smallestBootstrap(alphas[0])
                    + " for alpha = " + alphas[0] + " (the smallest p-value is 1/(B + 1), so with fewer null refits "
                    + "the test can never reject at that level), got " + bootstrap);
        }
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    /** B for a study of {@code replicates} replicates: the given B, else {@link #defaultBootstrap}. */
    public int bootstrap(int replicates) {
        return bootstrap > 0 ? bootstrap : defaultBootstrap(replicates);
    }

    /** True when B was given and lies below {@link #defaultBootstrap} (the sweep then warns). */
    public boolean belowDefault(int replicates) {
        return bootstrap > 0 && bootstrap < defaultBootstrap(replicates);
    }

    /** max(10·R, 9 999), rounded up to the next 100·j − 1 (so that (B + 1)·α is an integer at 0.01, 0.05, 0.1). */
    public static int defaultBootstrap(int replicates) {
        if (replicates < 1) {
            throw new InvalidParameterException("replicates", "must be >= 1, got " + replicates);
        }
        long atLeast = Math.max((long) BOOTSTRAP_PER_REPLICATE * replicates, MINIMUM_BOOTSTRAP);
        long hundreds = (atLeast + 1 + 99) / 100;
        return (int) Math.min(MAX_BOOTSTRAP, hundreds * 100 - 1);
    }

    /** The smallest B at which the test can reject at α: 1/(B + 1) ≤ α, i.e. B ≥ ⌈1/α⌉ − 1. */
    public static int smallestBootstrap(double alpha) {
        return (int) Math.max(1, Math.ceil(1 / alpha - 1e-12) - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GofPlan t && t.bootstrap == bootstrap && Arrays.equals(t.alphas, alphas);
    }

    @Override
    public int hashCode() {
        return bootstrap * 31 + Arrays.hashCode(alphas);
    }

    @Override
    public String toString() {
        return "GofPlan[bootstrap=" + bootstrap + ", alphas=" + Arrays.toString(alphas) + "]";
    }
}
