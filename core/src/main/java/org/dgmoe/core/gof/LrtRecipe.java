package org.dgmoe.core.gof;

import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.model.Dataset;

/**
 * The fixed restart recipe that computes sup ℓ_H1 for the goodness-of-fit statistic (docs/gof.md, "The
 * recipe"). The same recipe, applied to the observed data and to every null data set, is what makes the
 * Monte Carlo p-value exact: T and every T*_b are the same function of their data and of a start stream
 * that is keyed, never taken from a fit.
 *
 * <ol>
 * <li>The variance floor of every fit is max({@code em.varianceFloor}, {@code relativeVarianceFloor}·var(y)),
 * var(y) the (1/n) variance of the responses of the data set being fitted: the likelihood is unbounded as
 * a variance → 0 (reference §1), and a floor in the data's units keeps a component from sitting on one
 * point whatever the scale of y. Being a function of the data, it is computed alike for T and T*.</li>
 * <li>{@code starts} short runs: start r is {@code RandomStart.draw} with k = {@code experts} experts and
 * λ = {@link #START_LAMBDAS}[r mod 3], drawn in order r = 0, 1, … from the start stream; each runs EM
 * (λ free) for at most {@code shortIterations} EM-map evaluations.</li>
 * <li>The {@code finalists} short runs with the largest finite log-likelihood (ties: the earlier start)
 * are continued from where they stopped with the full EM settings {@code em}.</li>
 * <li>sup ℓ_H1 = max(ℓ_0, the finalists' finite log-likelihoods), ℓ_0 = Σᵢ log g0(yᵢ|xᵢ): λ = 0 is
 * always a candidate, so T = 2(sup ℓ_H1 − ℓ_0) ≥ 0 by construction.</li>
 * </ol>
 *
 * @param experts               k, the fitted experts of H1 (≥ 1)
 * @param em                    EM settings of the final runs; λ is always free (H1 is λ ∈ [0, 1])
 * @param starts                number of short runs, ≥ 1
 * @param shortIterations       EM-map evaluations of a short run, ≥ 1
 * @param finalists             short runs continued to convergence, in [1, starts]
 * @param relativeVarianceFloor the variance floor relative to var(y), ≥ 0
 */
public record LrtRecipe(int experts, EmSettings em, int starts, int shortIterations, int finalists,
        double relativeVarianceFloor) implements java.io.Serializable {

    /** λ of the short runs' starts, cycled: a large, a moderate and a small deviation. */
    static final double[] START_LAMBDAS = {0.5, 0.2, 0.05};

    /** Default number of short runs. */
    public static final int DEFAULT_STARTS = 12;
    /** Default EM-map evaluations of a short run. */
    public static final int DEFAULT_SHORT_ITERATIONS = 20;
    /** Default number of short runs continued to convergence. */
    public static final int DEFAULT_FINALISTS = 3;
    /**
     * Default floor relative to var(y): 1e-3, a component narrower than a thirtieth of the responses'
     * standard deviation is taken to be fitting individual points (the numpy reference of docs/gof.md
     * used the same).
     */
    public static final double DEFAULT_RELATIVE_VARIANCE_FLOOR = 1e-3;

    public LrtRecipe {
        if (experts < 1) {
            throw new IllegalArgumentException("experts: must be >= 1, got " + experts);
        }
        if (em == null) {
            throw new IllegalArgumentException("em: must not be null");
        }
        if (starts < 1) {
            throw new IllegalArgumentException("starts: must be >= 1, got " + starts);
        }
        if (shortIterations < 1) {
            throw new IllegalArgumentException("shortIterations: must be >= 1, got " + shortIterations);
        }
        if (finalists < 1 || finalists > starts) {
            throw new IllegalArgumentException("finalists: must be in [1, starts = " + starts + "], got " + finalists);
        }
        if (!(relativeVarianceFloor >= 0) || !Double.isFinite(relativeVarianceFloor)) {
            throw new IllegalArgumentException("relativeVarianceFloor: must be >= 0 and finite, got "
                    + relativeVarianceFloor);
        }
        em = em.withLambdaFree(true);
    }

    /** The default recipe with k experts and the given EM settings (λ made free). */
    public static LrtRecipe of(int experts, EmSettings em) {
        return new LrtRecipe(experts, em, DEFAULT_STARTS, DEFAULT_SHORT_ITERATIONS, DEFAULT_FINALISTS,
                DEFAULT_RELATIVE_VARIANCE_FLOOR);
    }

    /** The variance floor of the fits of {@code data}: max(em floor, relativeVarianceFloor · var(y)). */
    public double varianceFloor(Dataset data) {
        double relative = relativeVarianceFloor * data.responseVariance();
        return Double.isFinite(relative) ? Math.max(em.varianceFloor(), relative) : em.varianceFloor();
    }
}
