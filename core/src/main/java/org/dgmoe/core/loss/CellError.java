package org.dgmoe.core.loss;

import java.util.Arrays;

/**
 * Component-wise errors of one Voronoi cell (reference §4).
 *
 * @param atom           1-based index of the true atom j; 0 for "cell 0", the fitted atoms closer to a
 *                       Gaussian g0's (a0, b0, σ0) than to every true atom (non-distinguishable case)
 * @param members        0-based indices of the fitted atoms in the cell (|A_j| = members.length)
 * @param massError      |λ Σ_{i∈A_j} p_i − λ* p_j*|; for cell 0, |(1 − λ) + λ Σ_{i∈A_0} p_i − (1 − λ*)| (the mass on g0's
 *                       parameters, fitted against true), equivalently |λ Σ_{i∉A_0} p_i − λ*|
 * @param slopeError     Σ_{i∈A_j} p_i ‖a_i − a_j*‖ (for cell 0 against a0, b0, σ0; 0 for an empty cell)
 * @param interceptError Σ_{i∈A_j} p_i |b_i − b_j*|
 * @param varianceError  Σ_{i∈A_j} p_i |σ_i − σ_j*|
 */
public record CellError(int atom, int[] members, double massError, double slopeError, double interceptError,
        double varianceError) implements java.io.Serializable {

    public CellError {
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
        return o instanceof CellError c && c.atom == atom && Arrays.equals(c.members, members)
                && Double.compare(c.massError, massError) == 0 && Double.compare(c.slopeError, slopeError) == 0
                && Double.compare(c.interceptError, interceptError) == 0
                && Double.compare(c.varianceError, varianceError) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(members) * 31 + atom;
    }
}
