package org.dgmoe.core.gof;

/**
 * The adaptive statistics on the probability integral transform uᵢ = G0(yᵢ|xᵢ), iid U(0, 1) under the
 * simple H0 (reference: docs/gof.md, "Adaptive statistics"). Each takes the u <em>sorted ascending</em>
 * (the caller sorts once for all of them, {@link AdaptiveStatistics#of}) and costs O(n) beyond the sort;
 * each is calibrated by the null sample like W² and A², so no asymptotic law is used.
 *
 * <ul>
 * <li>Higher criticism, HC⁺ of Donoho &amp; Jin (2004, §1.6, α₀ = 1/2) taken at both ends of [0, 1]:
 * HC = max(HC⁺(u), HC⁺(1 − u)), HC⁺(v) = max over i ≤ n/2 of √n (i/n − v̄_(i)) / √(v̄_(i)(1 − v̄_(i))),
 * v̄_(i) = max(v_(i), 1/n).</li>
 * <li>Berk–Jones (1979), two-sided: n · sup_t K(F_n(t), t), K(a, b) = a log(a/b) + (1 − a) log((1 − a)/(1 − b))
 * the Kullback–Leibler divergence of Bernoulli(a) from Bernoulli(b), so n·K is the log-likelihood ratio of
 * the binomial count n·F_n(t) ~ Bin(n, t). On [u_(i), u_(i+1)) F_n is i/n and K(i/n, ·) is convex, so the
 * sup is at an end: BJ = n · max over i of max(K(i/n, u_(i)), K((i − 1)/n, u_(i))).</li>
 * <li>Data-driven Neyman smooth test with the Schwarz rule (Ledwina 1994; Kallenberg &amp; Ledwina 1995):
 * V_j = n^(−1/2) Σᵢ √(2j + 1) P_j(2uᵢ − 1) (P_j Legendre, so √(2j + 1) P_j(2u − 1) is orthonormal on
 * U(0, 1)), N_k = Σ_{j ≤ k} V_j², S = the smallest k ≤ {@link #SMOOTH_MAX_DIMENSION} maximising
 * N_k − k log n; the statistic is N_S.</li>
 * </ul>
 * u is clamped to [{@link Pit#CLAMP}, 1 − 2⁻⁵³] where a log or a division needs it (as for A²).
 */
public final class AdaptivePit {
    /** The largest dimension the Schwarz rule may choose (Ledwina 1994 used up to 10). */
    public static final int SMOOTH_MAX_DIMENSION = 10;

    private AdaptivePit() {
    }

    /** HC = max(HC⁺(u), HC⁺(1 − u)) of the ascending {@code sorted}. */
    public static double higherCriticism(double[] sorted) {
        int n = sorted.length;
        double floor = 1.0 / n;
        double rootN = Math.sqrt(n);
        double hc = Double.NEGATIVE_INFINITY;
        // the first half of the order statistics of u, then of 1 − u (whose i-th smallest is 1 − u_(n+1−i))
        int half = Math.max(1, n / 2);
        for (int i = 1; i <= half; i++) {
            double low = Math.max(clamp(sorted[i - 1]), floor);
            double high = Math.max(clamp(1 - sorted[n - i]), floor);
            double k = (double) i / n;
            hc = Math.max(hc, rootN * (k - low) / Math.sqrt(low * (1 - low)));
            hc = Math.max(hc, rootN * (k - high) / Math.sqrt(high * (1 - high)));
        }
        return hc;
    }

    /** BJ = n · sup_t K(F_n(t), t) of the ascending {@code sorted}. */
    public static double berkJones(double[] sorted) {
        int n = sorted.length;
        double best = 0;
        for (int i = 1; i <= n; i++) {
            double u = clamp(sorted[i - 1]);
            best = Math.max(best, Math.max(bernoulliDivergence((double) i / n, u),
                    bernoulliDivergence((i - 1.0) / n, u)));
        }
        return n * best;
    }

    /**
     * K(a, b) = a log(a/b) + (1 − a) log((1 − a)/(1 − b)) for a in [0, 1], b in (0, 1), 0 log 0 = 0; log1p
     * keeps log(1 − b) accurate for small b.
     */
    static double bernoulliDivergence(double a, double b) {
        double k = 0;
        if (a > 0) {
            k += a * (Math.log(a) - Math.log(b));
        }
        if (a < 1) {
            k += (1 - a) * (Math.log1p(-a) - Math.log1p(-b));
        }
        return k;
    }

    /**
     * The data-driven smooth statistic N_S and its dimension S of u (any order): {@code out[0]} = N_S,
     * {@code out[1]} = S.
     */
    public static void smooth(double[] u, double[] out) {
        int n = u.length;
        int kMax = SMOOTH_MAX_DIMENSION;
        double[] sums = new double[kMax + 1];
        for (double v : u) {
            // Bonnet's recurrence (j + 1) P_{j+1}(z) = (2j + 1) z P_j(z) − j P_{j−1}(z), P_0 = 1, P_1 = z
            double z = 2 * v - 1;
            double previous = 1;
            double current = z;
            sums[1] += current;
            for (int j = 1; j < kMax; j++) {
                double next = ((2 * j + 1) * z * current - j * previous) / (j + 1);
                previous = current;
                current = next;
                sums[j + 1] += current;
            }
        }
        double logN = Math.log(n);
        double components = 0;
        double bestPenalised = Double.NEGATIVE_INFINITY;
        double statistic = 0;
        int dimension = 1;
        for (int k = 1; k <= kMax; k++) {
            double v = Math.sqrt(2 * k + 1) * sums[k] / Math.sqrt(n);
            components += v * v;
            // the Schwarz rule: the first k of the largest N_k − k log n
            if (components - k * logN > bestPenalised) {
                bestPenalised = components - k * logN;
                statistic = components;
                dimension = k;
            }
        }
        out[0] = statistic;
        out[1] = dimension;
    }

    private static double clamp(double v) {
        return Math.min(Math.nextDown(1.0), Math.max(Pit.CLAMP, v));
    }
}
