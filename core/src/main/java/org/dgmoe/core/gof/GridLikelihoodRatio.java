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
 * bracket it keeps, until the Newton decrement f'²/(2|f''|), the rise of f the quadratic model still predicts, is
 * below {@link #DECREMENT}; the step it then makes is the last (its own decrement is smaller still, quadratically).
 * </li>
 * </ul>
 * The value is needed only when it can beat the grid's best so far, and two upper bounds skip the work when it
 * cannot; the result is the same as without them, but where a bound and the value agree to their last bits
 * (a fixed rule either way, so the p-value stays exact). Both rest on log(1 + x) ≤ x − x²/(2(1 + max(x, 0))) for
 * x &gt; −1 (for x ≥ 0: log u ≤ (u − 1/u)/2 with u = 1 + x; for x &lt; 0 the Taylor series' later terms are all
 * negative):
 * <ul>
 * <li>before the search, with S = Σ rᵢ, Q⁻ = Σ_{rᵢ &lt; 0} rᵢ², Q⁺ = Σ_{rᵢ &gt; 0} rᵢ² and R = maxᵢ rᵢ, every λ ∈ [0, 1]
 * has f(λ) ≤ B(λ) = λS − λ²(Q⁻/2 + Q⁺/(2(1 + λR))) (1 + λrᵢ ≤ 1 + λR), a concave function of one variable whose
 * maximum costs no pass over the points;</li>
 * <li>after it, U = Σ (xᵢ − xᵢ²/(2(1 + max(xᵢ, 0)))) at xᵢ = λ rᵢ bounds f(λ) without a logarithm, so the n
 * logarithms are taken only when U exceeds the best.</li>
 * </ul>
 *
 * <p>The tᵢ come as the sup-score's wᵢ = exp(lᵢ − m) and m = maxᵢ lᵢ (lᵢ = log tᵢ): tᵢ = e^m wᵢ, formed only for
 * m ≤ {@link #MAX_LOG_RATIO}; a larger m (a point where φ/g0 exceeds e^700, some 37 standard deviations out in a
 * Gaussian g0's tail) makes the statistic +∞, as a point g0 cannot produce makes the sup-score +∞.
 */
final class GridLikelihoodRatio {
    /**
     * The Newton decrement at which the search stops: 1e-12 on the log-likelihood scale, where the statistic's null
     * quantiles are of order 1 to 10.
     */
    static final double DECREMENT = 1e-12;
    /** The relative change of λ at which bisection steps stop (far below any decrement that matters). */
    static final double TOLERANCE = 1e-14;
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
     * @param r    scratch, length ≥ n, overwritten (rᵢ = e^m wᵢ − 1)
     * @param t    scratch, length ≥ n, overwritten (each pass's terms)
     * @param best the grid's best value so far (≥ 0)
     */
    static double maxOf(double[] w, double m, int n, double[] r, double[] t, double best) {
        if (!(m <= MAX_LOG_RATIO)) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = Math.exp(m);
        // each pass below writes its n terms, then sums them (InterleavedSums): a loop without a running sum
        // runs in vector instructions
        for (int i = 0; i < n; i++) {
            r[i] = scale * w[i] - 1;
        }
        double slopeAtZero = InterleavedSums.sum(r, n);
        if (!(slopeAtZero > 0)) {
            return best;
        }
        for (int i = 0; i < n; i++) {
            t[i] = Math.min(r[i], 0);
        }
        double negativeSquares = InterleavedSums.squares(t, n);
        for (int i = 0; i < n; i++) {
            t[i] = Math.max(r[i], 0);
        }
        double positiveSquares = InterleavedSums.squares(t, n);
        double largest = Math.max(InterleavedSums.max(r, n), 0);
        if (maxOfBound(slopeAtZero, negativeSquares, positiveSquares, largest) <= best) {
            return best;
        }
        for (int i = 0; i < n; i++) {
            // rᵢ = −1 (e^m wᵢ underflowed) gives −∞: the maximum is then inside (0, 1)
            t[i] = 1 - 1 / (r[i] + 1);
        }
        if (InterleavedSums.sum(t, n) >= 0) {
            for (int i = 0; i < n; i++) {
                t[i] = Math.log(w[i]);
            }
            return Math.max(best, InterleavedSums.sum(t, n) + n * m);
        }
        double lambda = argMax(r, n, t, Math.min(slopeAtZero / (negativeSquares + positiveSquares), 0.5));
        for (int i = 0; i < n; i++) {
            double x = lambda * r[i];
            t[i] = x - x * x / (2 * (1 + Math.max(x, 0)));
        }
        if (InterleavedSums.sum(t, n) <= best) {
            return best;
        }
        for (int i = 0; i < n; i++) {
            // log(1 + x) rather than log1p: the intrinsic is several times faster, and its absolute error
            // (~2e−16 per term, from rounding 1 + x) is far below any difference of the statistic that matters
            t[i] = Math.log(1 + lambda * r[i]);
        }
        return Math.max(best, InterleavedSums.sum(t, n));
    }

    /**
     * max over λ ∈ [0, 1] of B(λ) = λS − λ²(Q⁻/2 + Q⁺/(2(1 + λR))) (class comment), S &gt; 0: B is concave (λ²/(1 + λR) is
     * convex for R ≥ 0), so its maximum is at λ = 1 when B'(1) ≥ 0, else at the root of B'(λ) = S − λQ⁻ −
     * Q⁺λ(2 + λR)/(2(1 + λR)²), found by bisection; B evaluated at the bracket's upper end, where B' ≤ 0, is an upper
     * bound of B's maximum only up to the last step's width, so the value is taken at the bracket's lower end plus
     * S times the width (B' ≤ S on [0, 1]).
     */
    static double maxOfBound(double s, double negativeSquares, double positiveSquares, double largest) {
        double lo = 0;
        double hi = 1;
        if (boundSlope(1, s, negativeSquares, positiveSquares, largest) >= 0) {
            return bound(1, s, negativeSquares, positiveSquares, largest);
        }
        for (int step = 0; step < 40; step++) {
            double mid = 0.5 * (lo + hi);
            if (boundSlope(mid, s, negativeSquares, positiveSquares, largest) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return bound(lo, s, negativeSquares, positiveSquares, largest) + s * (hi - lo);
    }

    private static double bound(double lambda, double s, double negativeSquares, double positiveSquares,
            double largest) {
        return lambda * s - lambda * lambda * (0.5 * negativeSquares + 0.5 * positiveSquares / (1 + lambda * largest));
    }

    private static double boundSlope(double lambda, double s, double negativeSquares, double positiveSquares,
            double largest) {
        double u = 1 + lambda * largest;
        return s - lambda * negativeSquares - positiveSquares * lambda * (2 + lambda * largest) / (2 * u * u);
    }

    /**
     * The root in (0, 1) of f'(λ) = Σ rᵢ/(1 + λ rᵢ), given f'(0) &gt; 0 &gt; f'(1): Newton's method from {@code start},
     * a step leaving the bracket [lo, hi] (where f' &gt; 0 at lo and ≤ 0 at hi) replaced by the bracket's midpoint;
     * q is scratch (length ≥ n, overwritten).
     */
    private static double argMax(double[] r, int n, double[] q, double start) {
        double lo = 0;
        double hi = 1;
        double lambda = start;
        for (int step = 0; step < MAX_STEPS; step++) {
            for (int i = 0; i < n; i++) {
                q[i] = r[i] / (1 + lambda * r[i]);
            }
            double slope = InterleavedSums.sum(q, n);
            double curvature = InterleavedSums.squares(q, n);
            if (slope > 0) {
                lo = lambda;
            } else {
                hi = lambda;
            }
            double next = lambda + slope / curvature;
            if (next > lo && next < hi) {
                if (slope * slope <= 2 * DECREMENT * curvature) {
                    return next;
                }
            } else {
                next = 0.5 * (lo + hi);
                if (hi - lo <= TOLERANCE * hi) {
                    return next;
                }
            }
            lambda = next;
        }
        return lambda;
    }
}
