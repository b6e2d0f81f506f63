package org.dgmoe.core.gof;

import java.util.Arrays;

/**
 * The model-free lower confidence bound of Patra &amp; Sen (2016, "Estimation of a two-component mixture
 * model with applications to multiple testing", JRSS-B 78(4), 869–893, section 4) for the share of the
 * data that deviate from g0, computed on the probability integral transform uᵢ = G0(yᵢ|xᵢ)
 * ({@link Pit#transform}): under the deviated model the uᵢ come from F = (1 − α) F_b + α F_s with F_b =
 * U(0, 1) known (g0's own points) and F_s unknown (the deviation's), whatever g0 and the covariates are
 * (reference: docs/gof.md, "A lower confidence bound for λ").
 *
 * <p>For γ ∈ (0, 1], with F_n the empirical CDF of u:
 * <ul>
 * <li>F̂_γ = (F_n − (1 − γ) F_b)/γ, the naive estimate of F_s if α were γ;</li>
 * <li>F̌_γ = argmin over CDFs W of ∫ (W − F̂_γ)² dF_n, its projection on the CDFs: the isotonic regression
 * of F̂_γ at the distinct uᵢ weighted by dF_n (ties carry their multiplicity), clipped to [0, 1];</li>
 * <li>D(γ) = γ d_n(F̂_γ, F̌_γ), d_n(f, h) = (∫ (f − h)² dF_n)^½ (the paper's L2(F_n) distance);</li>
 * <li>α̂_L = inf{γ ∈ (0, 1] : √n D(γ) ≤ q}, q = H⁻¹(0.95) = {@value #CRITICAL}, H the law of
 * (∫₀¹ B(t)² dt)^½, B a Brownian bridge (the square root of the Cramér–von Mises limit, 0.46136).</li>
 * </ul>
 * Then P(α₀ ≥ α̂_L) ≥ 0.95 asymptotically, α₀ ≤ α the smallest share a representation of F allows
 * (exactly, with the finite-n quantile H_n of √n d_n(F_n, F); the paper and its authors' R package
 * {@code mixmodel} use q). As the authors do, D is read on the grid γ = k/G, k = 1..G, G = {@value #GRID},
 * and α̂_L = #{k : √n D(k/G) > q}/G, a multiple of 1/G at most 1/G below the infimum. D is non-increasing
 * in γ (the paper shows it; the test checks it on the grid), so the count is found by bisection on k:
 * about log₂ G evaluations of D, each O(m) for m distinct values, after one sort.
 *
 * <p>An instance holds the sorted data and a workspace, and is not thread-safe.
 */
public final class PatraSen {
    /** The method's name in outputs. */
    public static final String METHOD = "patra-sen";
    /** The confidence level of the bound. */
    public static final double LEVEL = 0.95;
    /** q = H⁻¹(0.95), the paper's universal constant (and its authors' code's): √0.46136. */
    public static final double CRITICAL = 0.6792;
    /** The number of γ grid points in (0, 1], the authors' default. */
    public static final int GRID = 600;

    private final int n;
    private final int distinct;
    /** The distinct u in increasing order: F_b(u) = u. */
    private final double[] values;
    /** F_n at {@link #values}. */
    private final double[] empirical;
    /** dF_n at {@link #values}: multiplicity/n. */
    private final double[] weights;
    private final double[] naive;
    private final double[] projected;
    private final IsotonicRegression isotonic;

    private PatraSen(double[] u) {
        n = u.length;
        double[] sorted = Pit.checked(u).clone();
        Arrays.sort(sorted);
        values = new double[n];
        empirical = new double[n];
        weights = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || sorted[i] != values[m - 1]) {
                values[m++] = sorted[i];
            }
            // F_n at the value: (i + 1)/n after its last copy; dF_n: its multiplicity/n (the authors' Freq).
            empirical[m - 1] = (i + 1.0) / n;
        }
        double previous = 0;
        for (int j = 0; j < m; j++) {
            weights[j] = empirical[j] - previous;
            previous = empirical[j];
        }
        distinct = m;
        naive = new double[m];
        projected = new double[m];
        isotonic = new IsotonicRegression(m);
    }

    /** The estimator on u (values in [0, 1], at least one; copied). */
    public static PatraSen of(double[] u) {
        return new PatraSen(u);
    }

    /** The 95% lower confidence bound of the share of u that is not U(0, 1). */
    public static LambdaLowerBound lowerBound(double[] u) {
        return of(u).lowerBound();
    }

    /** α̂_L on the grid. */
    public LambdaLowerBound lowerBound() {
        double threshold = CRITICAL / Math.sqrt(n);
        int above = 0;
        if (distance(gridPoint(1)) > threshold) {
            // D(k/G) > threshold at k = lo, and D(1) = 0 (F̂_1 = F_n is a CDF) at k = hi = G.
            int lo = 1;
            int hi = GRID;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (distance(gridPoint(mid)) > threshold) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            above = lo;
        }
        return new LambdaLowerBound(gridPoint(above), LEVEL, n, METHOD, GRID);
    }

    /** γ = k/G, the k-th grid point. */
    public static double gridPoint(int k) {
        return (double) k / GRID;
    }

    /** D(γ) = γ d_n(F̂_γ, F̌_γ), γ ∈ (0, 1]. */
    public double distance(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma: must be in (0, 1], got " + gamma);
        }
        for (int j = 0; j < distinct; j++) {
            naive[j] = (empirical[j] - (1 - gamma) * values[j]) / gamma;
        }
        isotonic.nonDecreasing(naive, weights, distinct, projected);
        double sum = 0;
        for (int j = 0; j < distinct; j++) {
            // The projection on the CDFs bounded by [0, 1] is the isotonic fit clipped (it stays isotonic).
            double r = naive[j] - Math.min(1, Math.max(0, projected[j]));
            sum += weights[j] * r * r;
        }
        return gamma * Math.sqrt(sum);
    }

    /** The data points. */
    public int n() {
        return n;
    }
}
