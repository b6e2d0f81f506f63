package org.dgmoe.core.loss;

import java.util.Arrays;

/**
 * Component-wise errors of one Voronoi cell of a gated model (docs/gated-losses.md): like
 * {@link CellError}, sums over the cell's fitted atoms weighted by the paper's atom weight
 * ω_i, which is exp(β̃_0i) for softmax gating (gates normalised, see {@link GatedLosses}) and w_i for
 * Gaussian gating.
 *
 * @param atom               1-based index of the true atom j
 * @param members            0-based indices of the fitted atoms in the cell (|A_j| = members.length)
 * @param massError          |Σ_{i∈A_j} ω_i − ω_j*|
 * @param gateLocationError  Σ_{i∈A_j} ω_i ‖β̃_1i − β̃_1j*‖ (softmax) or Σ ω_i ‖c_i − c_j*‖ (Gaussian)
 * @param gateCovarianceError Σ_{i∈A_j} ω_i ‖Γ_i − Γ_j*‖_F (Gaussian gating); 0 for softmax gating, which has none
 * @param slopeError         Σ_{i∈A_j} ω_i ‖a_i − a_j*‖
 * @param interceptError     Σ_{i∈A_j} ω_i |b_i − b_j*|
 * @param varianceError      Σ_{i∈A_j} ω_i |σ_i − σ_j*| (σ a variance)
 */
public record GatedCellError(int atom, int[] members, double massError, double gateLocationError,
        double gateCovarianceError, double slopeError, double interceptError, double varianceError)
        implements java.io.Serializable {

    public GatedCellError {
        members = members.clone();
    }

    @Override
    public int[] members() {
        return members.clone();
    }

    public int size() {
        return members.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatedCellError c && c.atom == atom && Arrays.equals(c.members, members)
                && Double.compare(c.massError, massError) == 0
                && Double.compare(c.gateLocationError, gateLocationError) == 0
                && Double.compare(c.gateCovarianceError, gateCovarianceError) == 0
                && Double.compare(c.slopeError, slopeError) == 0
                && Double.compare(c.interceptError, interceptError) == 0
                && Double.compare(c.varianceError, varianceError) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(members) * 31 + atom;
    }
}
