package org.dgmoe.core.gof;

import org.dgmoe.core.em.FitResult;

/**
 * The likelihood-ratio statistic of one data set, computed by an {@link LrtRecipe}.
 *
 * @param statistic                T = 2(alternativeLogLikelihood − nullLogLikelihood) ≥ 0
 * @param nullLogLikelihood        ℓ_0 = Σᵢ log g0(yᵢ|xᵢ)
 * @param alternativeLogLikelihood sup ℓ_H1 found by the recipe: max(ℓ_0, the finalists' finite ℓ)
 * @param fit                      the best finalist's EM fit (its ℓ may lie below ℓ_0, then λ = 0 won)
 * @param lambdaZeroWon            no finalist beat ℓ_0: the supremum is the λ = 0 candidate
 * @param failed                   no finalist reached a finite log-likelihood, or ℓ_0 is NaN (data beyond
 *                                 double precision under g0): T is then 0, λ = 0; counted, never dropped
 * @param finalistLogLikelihoods   the finalists' log-likelihoods after their final runs, in the order of
 *                                 their short-run ranks (copied)
 * @param varianceFloor            the variance floor the fits used
 */
public record LrtResult(double statistic, double nullLogLikelihood, double alternativeLogLikelihood, FitResult fit,
        boolean lambdaZeroWon, boolean failed, double[] finalistLogLikelihoods, double varianceFloor) {

    /** Finalists whose ℓ is within this of the best count as having found the same maximum. */
    public static final double SAME_MAXIMUM = 1e-3;

    public LrtResult {
        if (fit == null) {
            throw new IllegalArgumentException("fit: must not be null");
        }
        if (!(statistic >= 0)) {
            throw new IllegalArgumentException("statistic: must be >= 0, got " + statistic);
        }
        finalistLogLikelihoods = finalistLogLikelihoods.clone();
    }

    @Override
    public double[] finalistLogLikelihoods() {
        return finalistLogLikelihoods.clone();
    }

    /** Best minus worst finite finalist log-likelihood (0 with one finite finalist, NaN with none). */
    public double spread() {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double l : finalistLogLikelihoods) {
            if (Double.isFinite(l)) {
                max = Math.max(max, l);
                min = Math.min(min, l);
            }
        }
        return max >= min ? max - min : Double.NaN;
    }

    /** Finalists whose ℓ is within {@link #SAME_MAXIMUM} of the best finite one. */
    public int agreeing() {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : finalistLogLikelihoods) {
            if (Double.isFinite(l)) {
                max = Math.max(max, l);
            }
        }
        int count = 0;
        for (double l : finalistLogLikelihoods) {
            if (Double.isFinite(l) && max - l <= SAME_MAXIMUM) {
                count++;
            }
        }
        return count;
    }

    /** The fitted λ of the supremum: 0 when the λ = 0 candidate won, else the best fit's λ. */
    public double lambda() {
        return lambdaZeroWon ? 0 : fit.model().lambda();
    }
}
