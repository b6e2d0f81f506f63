package org.dgmoe.core.gof;

/**
 * The profile log-likelihood ratio of one grid deviation θ (docs/gof.md, "The grid likelihood ratio"):
 * max over λ ∈ [0, 1] of f(λ) = Σᵢ log(1 − λ + λ tᵢ), tᵢ = φ(yᵢ; aᵀxᵢ + b, σ)/g0(yᵢ|xᵢ), the log-likelihood of
 * (1 − λ) g0 + λ φ(·; θ) minus that of g0. f is concave (each term is the log of a function linear in λ), f(0) = 0,
 * f'(λ) = Σ rᵢ/(1 + λ rᵢ) with rᵢ = tᵢ − 1, so
 * <ul>
 * <li>f'(0) = Σ rᵢ ≤ 0 (the sup-score's S(θ) ≤ 0): the maximum is f(0) = 0;</li>
 * <li>f'(1) = Σ (1 − 1/tᵢ) ≥ 0: the maximum is f(1) = Σ log tᵢ;</li>
 * <li>otherwise the root of f' in (0, 1), by Newton's method (f'' = −Σ (rᵢ/(1 + λ rᵢ))²) safeguarded by the
 * bracket it keeps, to a relative step of {@link #TOLERANCE}.</li>
 * </ul>
 * The value is needed only when it can beat the grid's best so far: log(1 + x) ≤ x − x²/(2(1 + max(x, 0))) for
 * x &gt; −1 (for x ≥ 0: log u ≤ (u − 1/u)/2 with u = 1 + x; for x &lt; 0 the Taylor series' later terms are all
 * negative), so U = Σ (xᵢ − xᵢ²/(2(1 + max(xᵢ, 0)))) at xᵢ = λ rᵢ bounds f(λ) from above without a logarithm,
 * and the n logarithms are taken only when U exceeds the best. The result is the same as without that test.
 *
 * <p>The tᵢ come as the sup-score's wᵢ = exp(lᵢ − m) and m = maxᵢ lᵢ (lᵢ = log tᵢ): tᵢ = e^m wᵢ, formed only for
 * m ≤ {@link #MAX_LOG_RATIO}; a larger m (a point where φ/g0 exceeds e^700, some 37 standard deviations out in a
 * Gaussian g0's tail) makes the statistic +∞, as a point g0 cannot produce makes the sup-score +∞.
 */
final class GridLikelihoodRatio {
    /** The relative change of λ at which Newton's method stops: f is flat there, f's error ≈ f''·Δλ²/2. */
    static final double TOLERANCE = 1e-12;
    /** The largest m = max log(φ/g0) for which tᵢ = e^m wᵢ is formed (e^700 ≈ 10³⁰⁴, below the largest double). */
    static final double MAX_LOG_RATIO = 700;
    /** Newton's method with bisection as the safeguard halves the bracket at worst: 1100 steps reach any double. */
    private static final int MAX_STEPS = 1100;

    private GridLikelihoodRatio() {
    }

    /**
     * max(best, max over λ ∈ [0, 1] of f(λ)) for the deviation whose log-ratios are lᵢ = m + log wᵢ.
     *
     * @param w    wᵢ = exp(lᵢ − m), i &lt; n (read only)
     * @param m    maxᵢ lᵢ
     * @param n    the number of points
     * @param r    scratch, length ≥ n, overwritten
     * @param best the grid's best value so far (≥ 0)
     */
    static double maxOf(double[] w, double m, int n, double[] r, double best) {
        if (!(m <= MAX_LOG_RATIO)) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = Math.exp(m);
        double slopeAtZero = 0;
        double curvatureAtZero = 0;
        double slopeAtOne = 0;
        for (int i = 0; i < n; i++) {
            double t = scale * w[i];
            double ri = t - 1;
            r[i] = ri;
            slopeAtZero += ri;
            curvatureAtZero += ri * ri;
            // t = 0 (e^m wᵢ underflowed) gives −∞: the maximum is then inside (0, 1)
            slopeAtOne += 1 - 1 / t;
        }
        if (!(slopeAtZero > 0)) {
            return best;
        }
        if (slopeAtOne >= 0) {
            double value = 0;
            for (int i = 0; i < n; i++) {
                value += Math.log(w[i]);
            }
            return Math.max(best, value + n * m);
        }
        double lambda = argMax(r, n, Math.min(slopeAtZero / curvatureAtZero, 0.5));
        double bound = 0;
        for (int i = 0; i < n; i++) {
            double x = lambda * r[i];
            bound += x - x * x / (2 * (1 + Math.max(x, 0)));
        }
        if (bound <= best) {
            return best;
        }
        double value = 0;
        for (int i = 0; i < n; i++) {
            value += Math.log1p(lambda * r[i]);
        }
        return Math.max(best, value);
    }

    /**
     * The root in (0, 1) of f'(λ) = Σ rᵢ/(1 + λ rᵢ), given f'(0) &gt; 0 &gt; f'(1): Newton's method from {@code start},
     * a step leaving the bracket [lo, hi] (where f' &gt; 0 at lo and ≤ 0 at hi) replaced by the bracket's midpoint.
     */
    private static double argMax(double[] r, int n, double start) {
        double lo = 0;
        double hi = 1;
        double lambda = start;
        for (int step = 0; step < MAX_STEPS; step++) {
            double slope = 0;
            double curvature = 0;
            for (int i = 0; i < n; i++) {
                double q = r[i] / (1 + lambda * r[i]);
                slope += q;
                curvature += q * q;
            }
            if (slope > 0) {
                lo = lambda;
            } else {
                hi = lambda;
            }
            double next = lambda + slope / curvature;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - lambda) <= TOLERANCE * next) {
                return next;
            }
            lambda = next;
        }
        return lambda;
    }
}
