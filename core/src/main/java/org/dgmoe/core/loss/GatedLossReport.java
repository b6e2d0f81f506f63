package org.dgmoe.core.loss;

import java.util.List;
import org.dgmoe.core.model.Gating;

/**
 * The losses of a fitted gated model against the truth (docs/gated-losses.md).
 *
 * @param gating                 the gating family both models share
 * @param voronoi                the family's Voronoi loss: D1/D2 of the softmax-gated MoE (gates normalised to a
 *                               zero last gate), the GMoE loss of the Gaussian-gated MoE, or the reference §4 loss
 *                               without λ (Σ |Σ p_i − p_j*| + cell terms) for constant gating
 * @param voronoiShiftMin        softmax gating: D1/D2 as the paper defines them, the infimum over a translation
 *                               (t0, t1) of the true gates ({@link SoftmaxShiftInfimum}); at most {@code voronoi};
 *                               NaN for the other families (and for d &gt; {@link SoftmaxShiftInfimum#MAX_DIMENSION})
 * @param generalizedWasserstein Gaussian gating: W̃_r between the mixing measures Σ w_i δ_(c_i, Γ_i, a_i, b_i, σ_i)
 *                               ({@link GatedLosses#generalizedWasserstein}); NaN for the other families
 * @param wassersteinOrder       the order r of {@code generalizedWasserstein}, 0 where it is not defined
 * @param cells                  one entry per true atom j = 1..k*, in order
 * @param lambdaError            |λ − λ*| for constant deviation weights, else NaN
 * @param lambdaInterceptError   |γ0 − γ0*| for sigmoid deviation weights λ(x) = 1/(1 + e^{−(γᵀx + γ0)}), else NaN
 * @param lambdaSlopeError       ‖γ − γ*‖ for sigmoid deviation weights, else NaN
 * @param hellinger              the expected Hellinger distance E_x H(p̂(·|x), p*(·|x)) over the setting's covariate
 *                               law ({@link LossCalculator#hellinger(org.dgmoe.core.model.GatedModel,
 *                               org.dgmoe.core.model.GatedModel, org.dgmoe.core.model.Covariates)}); NaN until measured
 */
public record GatedLossReport(Gating.Type gating, double voronoi, double voronoiShiftMin,
        double generalizedWasserstein, int wassersteinOrder, List<GatedCellError> cells, double lambdaError,
        double lambdaInterceptError, double lambdaSlopeError, double hellinger) implements java.io.Serializable {

    public GatedLossReport {
        cells = List.copyOf(cells);
        if (wassersteinOrder < 0) {
            throw new IllegalArgumentException("wassersteinOrder: must be >= 0 (0: not defined), got " + wassersteinOrder);
        }
    }

    /** The parameter losses, the Hellinger distance not measured (NaN): what {@link GatedLosses#compute} gives. */
    public GatedLossReport(Gating.Type gating, double voronoi, double voronoiShiftMin, double generalizedWasserstein,
            int wassersteinOrder, List<GatedCellError> cells, double lambdaError, double lambdaInterceptError,
            double lambdaSlopeError) {
        this(gating, voronoi, voronoiShiftMin, generalizedWasserstein, wassersteinOrder, cells, lambdaError,
                lambdaInterceptError, lambdaSlopeError, Double.NaN);
    }

    /** This report with {@code h} as its Hellinger distance. */
    public GatedLossReport withHellinger(double h) {
        return new GatedLossReport(gating, voronoi, voronoiShiftMin, generalizedWasserstein, wassersteinOrder, cells,
                lambdaError, lambdaInterceptError, lambdaSlopeError, h);
    }
}
