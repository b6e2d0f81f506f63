package org.dgmoe.core.model;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Φ and Φ⁻¹ of N(0, 1), the one home of every Gaussian CDF in the models (the g0s', whose PIT
 * uᵢ = Φ((yᵢ − μ(xᵢ))/σ) every goodness-of-fit statistic reads, and the experts' in the mixtures' CDFs). Commons
 * Statistics' normal distribution: Φ(z) = erfc(−z/√2)/2 by Commons Numbers' erfc (Boost's rational approximations,
 * a few ulp), several times faster than Commons Math 3's {@code Erf.erfc} (a continued fraction of the incomplete
 * gamma function), which the PIT of every null data set of a test called n times (docs/performance.md).
 */
final class StandardNormal {
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private StandardNormal() {
    }

    /** Φ(z); 0 and 1 in the far tails, NaN for NaN. */
    static double cdf(double z) {
        return STANDARD.cumulativeProbability(z);
    }

    /** Φ⁻¹(u) for u in [0, 1]. */
    static double quantile(double u) {
        return STANDARD.inverseCumulativeProbability(u);
    }
}
