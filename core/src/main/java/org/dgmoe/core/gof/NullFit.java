package org.dgmoe.core.gof;

import org.dgmoe.core.em.FitStatus;

/**
 * One null refit b of a goodness-of-fit test: the statistics of a data set drawn under H0.
 *
 * @param index            b, 0-based
 * @param statistic        T*_b, by the same recipe as the observed T
 * @param failed           the recipe found no finite alternative (T*_b = 0 then); counted, never dropped
 * @param lambda           the fitted λ of the supremum (0 when λ = 0 won)
 * @param status           the status of the best finalist's EM fit
 * @param kolmogorovSmirnov D of the null data's PIT
 * @param kolmogorovSmirnovPValue D's exact p-value ({@link Pit#kolmogorovSmirnov}, as the observed data's): the KS
 *                         component of the combined test on this data set ({@link Combination}); NaN in a
 *                         {@code nulls/} table written before it existed
 * @param cramerVonMises   W² of the null data's PIT
 * @param andersonDarling  A² of the null data's PIT
 * @param adaptive         HC, BJ, the smooth statistic and the sup-score of the null data
 */
public record NullFit(int index, double statistic, boolean failed, double lambda, FitStatus status,
        double kolmogorovSmirnov, double kolmogorovSmirnovPValue, double cramerVonMises, double andersonDarling,
        AdaptiveStatistics adaptive)
        implements java.io.Serializable {
    public NullFit {
        if (index < 0) {
            throw new IllegalArgumentException("index: must be >= 0, got " + index);
        }
        if (!(statistic >= 0)) {
            throw new IllegalArgumentException("statistic: must be >= 0, got " + statistic);
        }
        if (status == null || adaptive == null) {
            throw new IllegalArgumentException("status, adaptive: must not be null");
        }
    }

    /** The null data set's statistic of {@code kind} (D for KS, T* for the LRT), a component test. */
    public double statistic(TestKind kind) {
        return switch (kind) {
            case LRT -> statistic;
            case KS -> kolmogorovSmirnov;
            case CVM -> cramerVonMises;
            case AD -> andersonDarling;
            default -> adaptive.statistic(kind);
        };
    }
}
