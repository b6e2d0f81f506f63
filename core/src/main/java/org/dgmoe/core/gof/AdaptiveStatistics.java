package org.dgmoe.core.gof;

import java.util.Arrays;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;

/**
 * The fit-free statistics of issue 25 on one data set, each calibrated by the Monte Carlo null sample
 * (docs/gof.md, "Adaptive statistics"): higher criticism, Berk–Jones and the data-driven smooth statistic on
 * the PIT ({@link AdaptivePit}), the sup-score and the grid likelihood ratio ({@link DeviationGrid}). Computed by the same function on the
 * observed data and on every null data set, so each p-value is exact as the LRT's is.
 *
 * @param higherCriticism HC = max(HC⁺(u), HC⁺(1 − u))
 * @param berkJones       BJ = n · sup_t K(F_n(t), t)
 * @param smooth          N_S, the smooth statistic at the dimension the Schwarz rule chose
 * @param smoothDimension S in 1..{@link AdaptivePit#SMOOTH_MAX_DIMENSION} (0 only for a table written before
 *                        issue 25, where the statistics are NaN)
 * @param supScore        sup_θ Z(θ)
 * @param gridLikelihoodRatio sup_θ max_λ Σᵢ log(1 − λ + λ φ/g0) over the grid (NaN only for a table written before it)
 */
public record AdaptiveStatistics(double higherCriticism, double berkJones, double smooth, int smoothDimension,
        double supScore, double gridLikelihoodRatio) implements java.io.Serializable {

    public AdaptiveStatistics {
        if (smoothDimension < 0 || smoothDimension > AdaptivePit.SMOOTH_MAX_DIMENSION) {
            throw new IllegalArgumentException("smoothDimension: must be in [0, " + AdaptivePit.SMOOTH_MAX_DIMENSION
                    + "], got " + smoothDimension);
        }
    }

    /** The statistics of {@code data} against {@code g0}, {@code u} its PIT (any order, not modified). */
    public static AdaptiveStatistics of(Dataset data, G0 g0, double[] u) {
        double[] sorted = Pit.checked(u).clone();
        Arrays.sort(sorted);
        double[] smooth = new double[2];
        AdaptivePit.smooth(u, smooth);
        DeviationGrid.Statistics grid = DeviationGrid.of(data, g0);
        return new AdaptiveStatistics(AdaptivePit.higherCriticism(sorted), AdaptivePit.berkJones(sorted), smooth[0],
                (int) smooth[1], grid.supScore(), grid.likelihoodRatio());
    }

    /** The statistic of {@code kind}: one of {@link TestKind#HC}, {@link TestKind#BJ}, {@link TestKind#SMOOTH},
     * {@link TestKind#SUPSCORE}, {@link TestKind#GRIDLR}. */
    public double statistic(TestKind kind) {
        return switch (kind) {
            case HC -> higherCriticism;
            case BJ -> berkJones;
            case SMOOTH -> smooth;
            case SUPSCORE -> supScore;
            case GRIDLR -> gridLikelihoodRatio;
            default -> throw new IllegalArgumentException("kind: " + kind.label() + " is not an adaptive statistic");
        };
    }
}
