package org.dgmoe.core.loss;

import java.util.Arrays;
import org.dgmoe.core.loss.GatedLosses.Atoms;
import org.dgmoe.core.model.Gating;

/**
 * The fitted softmax gates translated onto the truth's before any softmax loss is measured (docs/gated-losses.md,
 * "Aligning the fitted gates"). Softmax gates are identified only up to a common translation (β_1i, β_0i) + (t1, t0)
 * of all gates, so a loss needs a representative of the fitted model. The authors' code normalises both models'
 * <em>last</em> gate to zero; when the last fitted atom shares a true atom's cell with another (an over-fitted cell
 * split in two), its gate is not identified by the data and drifts from fit to fit, and with it every fitted weight
 * exp(β̃_0i) and gate slope: in the CRPE-SGaME design at k = 3 (the near-truth start puts the last fitted atom in the
 * first true atom's cell) the median Voronoi loss was 10⁶ at every n. The representative kept here is the
 * translation of the fitted gates that brings the fitted model nearest the truth in D itself:
 * <pre>
 *   G_t = Σ_i exp(β̃_0i + t0) δ_(β̃_1i + t1, a_i, b_i, σ_i),    t̂ = argmin_t D(G_t, G*),
 * </pre>
 * with the cells A_j recomputed at the translated gates. Every softmax metric (D, the cells' mass and gate errors,
 * {@link SoftmaxShiftInfimum}'s infimum) is then measured on G_t̂. At the truth t̂ = 0 and D = 0.
 *
 * <p>The minimisation. With u = e^{t0} and the cells held fixed, D(G_t, G*) = Σ_j |u S_j − ω_j*| + u (P(t1) + R):
 * S_j the cell's fitted weight, P(t1) = Σ_i ω_i ‖β̃_1i + t1 − β̃*_1j‖^{p_i} the gate-slope terms (p_i = 1 in a singleton
 * cell, r̄(|A_j|) otherwise), R the expert terms, which no translation moves. So t1 minimises the convex P alone
 * ({@link SoftmaxShiftInfimum#gateMinimiser}: nested golden sections, d ≤ 3), and then u the convex, piecewise linear
 * Σ_j |u S_j − ω_j*| + u (P + R), whose minimum over u &gt; 0 is at a breakpoint u = ω_j* / S_j (one cell's mass then
 * exact) unless it decreases toward u → 0 (the parameter terms outweigh every cell's mass: a fit nowhere near the
 * truth), where the smallest breakpoint is kept so that no cell's weight is shrunk toward zero. Because the cells
 * depend on t1, the search starts from every translation that puts one fitted gate slope on one true gate slope
 * (t1 = β̃*_1j − β̃_1i, k·k* starts, and t1 = 0), re-solves with the cells at the new t1 (at most
 * {@link #CELL_ROUNDS} times, until they no longer change), and keeps the start of least D. The kept D is an attained
 * value, so at most the D of the last-gate normalisation (itself a start).
 */
final class SoftmaxAlignment {
    /** Re-solves with the cells at the new translation, until they stop changing. */
    static final int CELL_ROUNDS = 3;

    private SoftmaxAlignment() {
    }

    /**
     * The fitted atoms {@code g} (softmax, last gate normalised) translated to the least D against {@code gStar};
     * {@code g} itself when no translation gives a finite D (an unknown r̄).
     */
    static Atoms align(Atoms g, Atoms gStar, LossCalculator rbar) {
        if (g.type() != Gating.Type.SOFTMAX || gStar.type() != Gating.Type.SOFTMAX) {
            throw new IllegalArgumentException("g, gStar: must be softmax atoms");
        }
        int d = g.gateLocation()[0].length;
        Atoms best = g;
        double bestD = finiteOrInfinity(voronoi(g, gStar, rbar));
        for (int start = -1; start < g.size() * gStar.size(); start++) {
            double[] t1 = new double[d];
            if (start >= 0) {
                int i = start / gStar.size();
                int j = start % gStar.size();
                for (int c = 0; c < d; c++) {
                    t1[c] = gStar.gateLocation()[j][c] - g.gateLocation()[i][c];
                }
            }
            Atoms candidate = solve(g, gStar, rbar, t1);
            if (candidate == null) {
                continue;
            }
            double value = finiteOrInfinity(voronoi(candidate, gStar, rbar));
            if (value < bestD) {
                bestD = value;
                best = candidate;
            }
        }
        return best;
    }

    /** From the translation t1: the cells' fixed-cell optimum (t1, then u), or null when a cell's r̄ is unknown. */
    private static Atoms solve(Atoms g, Atoms gStar, LossCalculator rbar, double[] t1) {
        int[] cellOf = GatedLosses.cells(shift(g, 1, t1), gStar);
        for (int round = 0; round < CELL_ROUNDS; round++) {
            int[] power = powers(cellOf, gStar.size(), rbar);
            if (power == null) {
                return null;
            }
            double[][] offset = new double[g.size()][];
            for (int i = 0; i < g.size(); i++) {
                offset[i] = new double[t1.length];
                for (int c = 0; c < t1.length; c++) {
                    // ‖β̃_1i + t1 − β̃*_1j‖ = ‖(β̃*_1j − β̃_1i) − t1‖
                    offset[i][c] = gStar.gateLocation()[cellOf[i]][c] - g.gateLocation()[i][c];
                }
            }
            double[] minimiser = SoftmaxShiftInfimum.gateMinimiser(g.weight(), offset, power);
            if (minimiser == null) {
                break;
            }
            t1 = minimiser;
            int[] again = GatedLosses.cells(shift(g, 1, t1), gStar);
            if (Arrays.equals(again, cellOf)) {
                break;
            }
            cellOf = again;
        }
        Atoms at = shift(g, 1, t1);
        cellOf = GatedLosses.cells(at, gStar);
        double[] mass = new double[gStar.size()];
        double terms = parameterTerms(at, gStar, cellOf, rbar, mass);
        if (Double.isNaN(terms)) {
            return null;
        }
        double bestU = Double.NaN;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int j = 0; j < mass.length; j++) {
            if (mass[j] <= 0) {
                continue;
            }
            double u = gStar.weight()[j] / mass[j];
            double value = u * terms;
            for (int l = 0; l < mass.length; l++) {
                value += Math.abs(u * mass[l] - gStar.weight()[l]);
            }
            // a tie keeps the smaller u
            if (value < bestValue || (value == bestValue && u < bestU)) {
                bestValue = value;
                bestU = u;
            }
        }
        return Double.isNaN(bestU) ? null : shift(g, bestU, t1);
    }

    /** The gate-term power of each fitted atom's cell: 1 for a singleton, r̄(m) otherwise; null when r̄ is unknown. */
    private static int[] powers(int[] cellOf, int kStar, LossCalculator rbar) {
        int[] size = new int[kStar];
        for (int c : cellOf) {
            size[c]++;
        }
        boolean emptyCell = Arrays.stream(size).anyMatch(m -> m == 0);
        int[] power = new int[cellOf.length];
        for (int i = 0; i < cellOf.length; i++) {
            int m = size[cellOf[i]];
            double r = m == 1 ? 1 : rbar.cellOrder(m, emptyCell);
            if (Double.isNaN(r)) {
                return null;
            }
            power[i] = (int) r;
        }
        return power;
    }

    /**
     * D's parameter terms Σ_i ω_i (...) at the given cells, and each cell's fitted weight into {@code mass}; NaN when
     * a cell's r̄ is unknown. The terms of {@link GatedLosses#compute}: singleton cells the sum of the distances, a
     * cell of m ≥ 2 atoms {@link GatedLosses#cellTerm} with r̄(m).
     */
    static double parameterTerms(Atoms g, Atoms gStar, int[] cellOf, LossCalculator rbar, double[] mass) {
        int[] size = new int[gStar.size()];
        for (int c : cellOf) {
            size[c]++;
        }
        boolean emptyCell = Arrays.stream(size).anyMatch(m -> m == 0);
        Arrays.fill(mass, 0);
        double terms = 0;
        for (int i = 0; i < g.size(); i++) {
            int j = cellOf[i];
            int m = size[j];
            double w = g.weight()[i];
            mass[j] += w;
            double dLoc = g.gateLocationDistance(i, gStar, j);
            double da = GatedLosses.norm(g.slope()[i], gStar.slope()[j]);
            double db = Math.abs(g.intercept()[i] - gStar.intercept()[j]);
            double dv = Math.abs(g.variance()[i] - gStar.variance()[j]);
            terms += w * (m == 1 ? dLoc + da + db + dv
                    : GatedLosses.cellTerm(Gating.Type.SOFTMAX, rbar.cellOrder(m, emptyCell), false, dLoc, 0, da, db,
                            dv));
        }
        return terms;
    }

    /** D(g, G*) with the cells at g's gates: the value {@link GatedLosses#compute} reports for these atoms. */
    static double voronoi(Atoms g, Atoms gStar, LossCalculator rbar) {
        int[] cellOf = GatedLosses.cells(g, gStar);
        double[] mass = new double[gStar.size()];
        double d = parameterTerms(g, gStar, cellOf, rbar, mass);
        for (int j = 0; j < mass.length; j++) {
            d += Math.abs(mass[j] - gStar.weight()[j]);
        }
        return d;
    }

    /** The atoms with every weight times u and every gate slope plus t1. */
    static Atoms shift(Atoms g, double u, double[] t1) {
        double[] weight = new double[g.size()];
        double[][] location = new double[g.size()][];
        for (int i = 0; i < g.size(); i++) {
            weight[i] = g.weight()[i] * u;
            location[i] = g.gateLocation()[i].clone();
            for (int c = 0; c < t1.length; c++) {
                location[i][c] += t1[c];
            }
        }
        return new Atoms(g.type(), weight, location, null, g.slope(), g.intercept(), g.variance());
    }

    private static double finiteOrInfinity(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
