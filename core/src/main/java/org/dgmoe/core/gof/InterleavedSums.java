package org.dgmoe.core.gof;

/**
 * The sums over points of the fit-free statistics' inner loops ({@link SupScore}, {@link GridLikelihoodRatio}), each
 * in four interleaved partial sums: term i goes to partial sum i mod 4, and the four are added as
 * ((s₀ + s₁) + (s₂ + s₃)). A single running sum waits for each addition to finish before the next can start (a
 * dependency chain of n additions, each several cycles long); four independent chains keep the adder busy
 * (docs/performance.md, "The grid's sums": about a fifth off the grid's time per null data set). The order is
 * fixed, the same on every machine and in every execution mode, so each statistic stays one function of its data
 * set: the Monte Carlo p-value's exactness needs nothing more (docs/gof.md). A maximum is exact in any order.
 */
final class InterleavedSums {
    private InterleavedSums() {
    }

    /** Σ_{i &lt; n} vᵢ. */
    static double sum(double[] v, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < n; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ_{i &lt; n} (vᵢ − c)². */
    static double squaredDeviations(double[] v, double c, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = v[i] - c;
            double d1 = v[i + 1] - c;
            double d2 = v[i + 2] - c;
            double d3 = v[i + 3] - c;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d0 = v[i] - c;
            s0 += d0 * d0;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ_{i &lt; n} vᵢ². */
    static double squares(double[] v, int n) {
        return squaredDeviations(v, 0, n);
    }

    /**
     * max_{i &lt; n} vᵢ (−∞ for n = 0), the vᵢ not NaN. A comparison rather than {@link Math#max}, whose NaN and
     * signed-zero rules cost several instructions in each chain; a new maximum is rare after the first few points,
     * so the branch is predicted.
     */
    static double max(double[] v, int n) {
        double m0 = Double.NEGATIVE_INFINITY;
        double m1 = Double.NEGATIVE_INFINITY;
        double m2 = Double.NEGATIVE_INFINITY;
        double m3 = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            m0 = v[i] > m0 ? v[i] : m0;
            m1 = v[i + 1] > m1 ? v[i + 1] : m1;
            m2 = v[i + 2] > m2 ? v[i + 2] : m2;
            m3 = v[i + 3] > m3 ? v[i + 3] : m3;
        }
        for (; i < n; i++) {
            m0 = v[i] > m0 ? v[i] : m0;
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }
}
