package org.dgmoe.core;

/**
 * The one quantile of dgmoe's summaries: the rate curves' points and bootstrap intervals
 * ({@code rate.RateEstimator}) and the bootstrap intervals of an estimate ({@code uncertainty.Bootstrap}).
 * It lives at the root of core because both packages stand on it and neither may use the other.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * Type-7 quantile (Hyndman &amp; Fan 1996; R's default, numpy's {@code linear}) of ascending {@code sorted}
     * (not modified) at probability {@code q} ∈ [0, 1]: with h = (m − 1)q, {@code sorted[⌊h⌋] + (h − ⌊h⌋)
     * (sorted[⌊h⌋ + 1] − sorted[⌊h⌋])}; NaN when empty.
     */
    public static double typeSevenSorted(double[] sorted, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q: must be in [0, 1], got " + q);
        }
        int len = sorted.length;
        if (len == 0) {
            return Double.NaN;
        }
        double h = (len - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= len - 1) {
            return sorted[len - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
