package org.dgmoe.core.gof;

/**
 * The sup-score statistic's Z(θ) for one deviation θ of the {@link DeviationGrid} (reference: docs/gof.md, "The
 * sup-score statistic"): no fit.
 *
 * <p>At λ = 0 the derivative in λ of the log-likelihood of (1 − λ) g0 + λ φ(·; aᵀx + b, σ) is the score
 * S(θ) = Σᵢ rᵢ(θ), rᵢ(θ) = φ(yᵢ; aᵀxᵢ + b, σ)/g0(yᵢ|xᵢ) − 1, θ = (a, b, σ), σ a variance; a deviation
 * towards θ raises the likelihood when S(θ) &gt; 0. Standardised by the empirical spread of the rᵢ,
 * Z(θ) = √n r̄ / s_r with s_r² = (1/n) Σᵢ (rᵢ − r̄)² (a self-normalised sum: it needs no integral of φ²/g0,
 * which is infinite when φ is wider than g0's tails allow), and the statistic is sup_θ Z(θ) over the grid.
 * Z(θ) is 0 for a θ where every rᵢ is equal (no information on θ).
 *
 * <p>Log space: with lᵢ = log φ − log g0 and m = maxᵢ lᵢ, wᵢ = exp(lᵢ − m) ∈ (0, 1] and
 * Z = √n (w̄ − e^(−m)) / s_w, the same number without computing φ/g0, which overflows far in g0's tails.
 */
final class SupScore {
    private SupScore() {
    }

    /** Z(θ) = √n (w̄ − e^(−m)) / s_w from wᵢ = exp(lᵢ − m), i &lt; n. */
    static double standardised(double[] w, double m, int n) {
        double mean = InterleavedSums.sum(w, n) / n;
        double sd = Math.sqrt(InterleavedSums.squaredDeviations(w, mean, n) / n);
        if (!(sd > 0)) {
            return 0;
        }
        return Math.sqrt(n) * (mean - Math.exp(-m)) / sd;
    }
}
