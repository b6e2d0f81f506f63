package org.dgmoe.core.rate;

/** Summaries per n and empirical rates with bootstrap intervals. Immutable, thread-safe. */
public final class RateEstimator {
    private final RateSettings settings;

    public RateEstimator(RateSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: must not be null");
        }
        this.settings = settings;
    }

    public RateSettings settings() {
        return settings;
    }

    /** Summary of {@code values} (the per-replicate metric at sample size n; not modified). */
    public CurvePoint point(long n, double[] values, int failed) {
        throw new UnsupportedOperationException("RateEstimator.point: being implemented (issue 3)");
    }

    /**
     * The rate of a metric: {@code values[i]} are the per-replicate values at {@code n[i]} (not
     * modified); {@code theory} is the theoretical exponent or NaN.
     */
    public RateEstimate estimate(long[] n, double[][] values, double theory) {
        throw new UnsupportedOperationException("RateEstimator.estimate: being implemented (issue 3)");
    }
}
