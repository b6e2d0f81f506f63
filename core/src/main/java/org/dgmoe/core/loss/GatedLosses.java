package org.dgmoe.core.loss;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * Voronoi losses and component-wise errors of a fitted {@link GatedModel} against the true one, per gating
 * family (docs/gated-losses.md has every formula and its source). Immutable, thread-safe.
 *
 * <p><b>Softmax gating</b> (Nguyen, Nguyen &amp; Ho, NeurIPS 2023, arXiv 2305.03288; the authors' code
 * CRPE-SGaME {@code discrepancies.py}, {@code loss_SGaME_exact}). The gates are identified only up to a common
 * shift (β_i, β_0i) + (δ, δ0). Both models are first normalised so that their <em>last</em> expert's gate is
 * zero, β̃_i = β_i − β_k, β̃_0i = β_0i − β_0k: the convention of the authors' code, whose fitter (meteorits'
 * {@code emNMoE}) estimates k − 1 gates and appends a zero one, and whose true models put the last gate at 0.
 * Then the fitted gates are translated onto the truth's by the translation of least D ({@link SoftmaxAlignment}:
 * an over-fitted model's last gate may be one of a split cell's, which the data do not identify). The loss is
 * therefore invariant under a common shift of either model's gates. With ω_i = exp(β̃_0i) (after the translation):
 * <pre>
 *   D = Σ_j |Σ_{i∈A_j} ω_i − ω_j*|
 *     + Σ_{j: |A_j| = 1} Σ_{i∈A_j} ω_i (‖Δβ̃_1‖ + ‖Δa‖ + |Δb| + |Δσ|)
 *     + Σ_{j: |A_j| ≥ 2} Σ_{i∈A_j} ω_i (‖Δβ̃_1‖^r̄ + |Δb|^r̄ + ‖Δa‖^{r̄/2} + |Δσ|^{r̄/2}),   r̄ = r̄(|A_j|),
 * </pre>
 * D1 of the paper when every cell holds one atom, D2 otherwise. Fitted atom i joins the cell A_j of the true
 * atom j minimising ‖Δβ̃_1‖ + ‖Δa‖ + |Δb| + |Δσ| (the code's {@code gauss_dist_SGaME}: the sum of the
 * Euclidean norms of the differences over (β̃_1, a, b, σ), β̃_0 excluded), ties to the smallest j.
 *
 * <p><b>Gaussian gating</b> (Nguyen, Nguyen, Nguyen &amp; Ho, AISTATS 2024, arXiv 2305.07572; CRPE-GMoE
 * {@code discrepancies.py}, {@code gauss_loss_GLLiM1/2}). No shift ambiguity. With ω_i = w_i, cells by the sum
 * of norms ‖Δc‖ + ‖ΔΓ‖_F + ‖Δa‖ + |Δb| + |Δσ|, singleton cells add ω_i times that distance and a cell of
 * m ≥ 2 atoms adds ω_i (‖Δc‖^r̄ + ‖ΔΓ‖_F^{r̄/2} + ‖Δa‖^e + |Δb|^r̄ + |Δσ|^{r̄/2}) with e = 2 when the true gate
 * mean c_j* ≠ 0 (the paper's type I) and e = r̄/2 when c_j* = 0 (type II, where the gate and the expert slope
 * interact).
 *
 * <p><b>Translation infimum</b> (softmax): the paper's D1/D2 take the infimum over a translation of the gates;
 * {@link GatedLossReport#voronoiShiftMin()} is the infimum over a translation of the <em>true</em> gates with the
 * fitted ones as aligned above ({@link SoftmaxShiftInfimum}), {@code voronoi} the infimum over a translation of the
 * fitted ones (attained over the alignment's starts). <b>Generalized Wasserstein</b> (Gaussian gating): {@link #generalizedWasserstein}, of
 * the order {@link LossCalculator#wassersteinOrder} gives.
 *
 * <p><b>Constant gating</b>: reference §4's D without its λ terms, cells on (a, b, σ) as
 * {@link LossCalculator#voronoiCells}. <b>Deviation weight</b>: |λ − λ*| when both are constant, |γ0 − γ0*|
 * and ‖γ − γ*‖ when both are sigmoids (Yan et al., NeurIPS 2025; no paper loss is combined with the gating
 * loss, see docs).
 */
public final class GatedLosses {
    /** The r̄ lookup (and its refusal message) shared with the deviated model's losses. */
    private final LossCalculator rbar;

    public GatedLosses(LossSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: must not be null");
        }
        this.rbar = new LossCalculator(settings);
    }

    public LossSettings settings() {
        return rbar.settings();
    }

    /**
     * Every gated loss of {@code fitted} against {@code truth}.
     *
     * @throws IllegalArgumentException when the models differ in dimension, gating family or deviation
     *                                  family, or a cell needs an r̄(m) with no configured entry
     */
    public GatedLossReport compute(GatedModel fitted, GatedModel truth) {
        if (fitted == null || truth == null) {
            throw new IllegalArgumentException("fitted, truth: must not be null");
        }
        if (fitted.dimension() != truth.dimension()) {
            throw new IllegalArgumentException("fitted: must have the truth's dimension " + truth.dimension()
                    + ", got " + fitted.dimension());
        }
        Gating.Type type = truth.gating().type();
        if (fitted.gating().type() != type) {
            throw new IllegalArgumentException("fitted.gating: must be the truth's family " + type.configName()
                    + ", got " + fitted.gating().type().configName());
        }
        if (fitted.deviation().type() != truth.deviation().type()) {
            throw new IllegalArgumentException("fitted.deviation: must be the truth's family "
                    + truth.deviation().type().configName() + ", got " + fitted.deviation().type().configName());
        }
        Atoms gStar = atoms(truth);
        // Softmax: the fitted gates translated onto the truth's (SoftmaxAlignment), the representative every metric
        // below is measured on.
        Atoms g = type == Gating.Type.SOFTMAX ? SoftmaxAlignment.align(atoms(fitted), gStar, rbar) : atoms(fitted);
        int[] cellOf = cells(g, gStar);
        boolean emptyCell = false;
        for (int j = 0; j < gStar.size(); j++) {
            emptyCell |= members(cellOf, j) == 0;
        }
        List<GatedCellError> cells = new ArrayList<>(gStar.size());
        double voronoi = 0;
        // For the translation infimum (softmax): each cell's fitted mass S_j and power p of its gate term, and the
        // terms no translation of the gates enters (a, b, σ).
        double[] cellMass = new double[gStar.size()];
        int[] cellPower = new int[gStar.size()];
        double unshifted = 0;
        for (int j = 0; j < gStar.size(); j++) {
            int m = 0;
            double mass = 0;
            for (int i = 0; i < g.size(); i++) {
                if (cellOf[i] == j) {
                    m++;
                    mass += g.weight[i];
                }
            }
            int[] members = new int[m];
            // NaN (so is D) for a cell past k − k* + 1 atoms whose r̄ is unknown: LossCalculator#cellOrder
            double r = m >= 2 ? rbar.cellOrder(m, emptyCell) : 1;
            cellMass[j] = mass;
            // the gate term's power; an unknown r̄ makes D NaN, and the infimum with it (below)
            cellPower[j] = Double.isNaN(r) ? 0 : (int) r;
            double massError = Math.abs(mass - gStar.weight[j]);
            voronoi += massError;
            double[] sums = new double[5];
            int n = 0;
            for (int i = 0; i < g.size(); i++) {
                if (cellOf[i] != j) {
                    continue;
                }
                members[n++] = i;
                double w = g.weight[i];
                double dLoc = g.gateLocationDistance(i, gStar, j);
                double dCov = g.gateCovarianceDistance(i, gStar, j);
                double da = norm(g.slope[i], gStar.slope[j]);
                double db = Math.abs(g.intercept[i] - gStar.intercept[j]);
                double dv = Math.abs(g.variance[i] - gStar.variance[j]);
                sums[0] += w * dLoc;
                sums[1] += w * dCov;
                sums[2] += w * da;
                sums[3] += w * db;
                sums[4] += w * dv;
                voronoi += w * (m == 1 ? dLoc + dCov + da + db + dv
                        : cellTerm(type, r, gStar.zeroGateMean(j), dLoc, dCov, da, db, dv));
                unshifted += w * (m == 1 ? da + db + dv : cellTerm(type, r, false, 0, 0, da, db, dv));
            }
            cells.add(new GatedCellError(j + 1, members, massError, sums[0], sums[1], sums[2], sums[3], sums[4]));
        }
        double lambdaError = Double.NaN;
        double interceptError = Double.NaN;
        double slopeError = Double.NaN;
        if (fitted.deviation() instanceof ConstantDeviation c && truth.deviation() instanceof ConstantDeviation cs) {
            lambdaError = Math.abs(c.lambda() - cs.lambda());
        } else if (fitted.deviation() instanceof SigmoidDeviation s
                && truth.deviation() instanceof SigmoidDeviation ss) {
            interceptError = Math.abs(s.intercept() - ss.intercept());
            slopeError = norm(s.slope(), ss.slope());
        }
        double shiftMin = Double.NaN;
        if (type == Gating.Type.SOFTMAX) {
            shiftMin = Math.min(voronoi, shiftInfimum(g, gStar, cellOf, cellMass, cellPower) + unshifted);
        }
        double wasserstein = Double.NaN;
        int order = 0;
        if (type == Gating.Type.GAUSSIAN) {
            order = rbar.wassersteinOrder(g.size(), gStar.size());
            wasserstein = generalizedWasserstein(g, gStar, order);
        }
        return new GatedLossReport(type, voronoi, shiftMin, wasserstein, order, cells, lambdaError, interceptError,
                slopeError);
    }

    /**
     * The part of the softmax loss a translation (t0, t1) of the true gates moves, minimised over the translation
     * ({@link SoftmaxShiftInfimum}): inf_{t0} Σ_j |S_j − e^{t0} ω_j*| + inf_{t1} Σ_i ω_i ‖β̃_1i − β̃*_1j − t1‖^{p_j}.
     */
    private static double shiftInfimum(Atoms g, Atoms gStar, int[] cellOf, double[] cellMass, int[] cellPower) {
        double[][] offset = new double[g.size()][];
        int[] power = new int[g.size()];
        for (int i = 0; i < g.size(); i++) {
            int j = cellOf[i];
            offset[i] = new double[g.gateLocation[i].length];
            for (int c = 0; c < offset[i].length; c++) {
                offset[i][c] = g.gateLocation[i][c] - gStar.gateLocation[j][c];
            }
            power[i] = cellPower[j];
        }
        return SoftmaxShiftInfimum.massInfimum(cellMass, gStar.weight)
                + SoftmaxShiftInfimum.gateInfimum(g.weight, offset, power);
    }

    /**
     * The generalized Wasserstein distance of order r between two Gaussian-gated models' mixing measures
     * G = Σ w_i δ_(c_i, Γ_i, a_i, b_i, σ_i) (the weights of a Gaussian gate sum to 1, so G is a probability measure:
     * the joint law of (x, y) is the Gaussian mixture Σ w_i N(x; c_i, Γ_i) N(y; a_iᵀx + b_i, σ_i)),
     * <pre>
     *   W̃_r(G, G*) = ( min_{q ∈ Π(w, w*)} Σ q_ij ( ‖(c, a, b)_i − (c, a, b)_j*‖^r + ‖(Γ, σ)_i − (Γ, σ)_j*‖^{r/2} ) )^{1/r},
     * </pre>
     * the deviated model's W̃ ({@link LossCalculator#generalizedWasserstein}) with the gate's location c joining the
     * experts' (a, b) and its covariance Γ (Frobenius) joining the variance σ: Ho &amp; Nguyen's (2016) generalized
     * transportation distance for location-scale Gaussian mixtures. No λ and no g0 enter, as in the deviated
     * model's W̃. Solved exactly by {@link Transport}.
     *
     * @throws IllegalArgumentException unless both models are Gaussian-gated of one dimension, or when r &lt; 1
     */
    public static double generalizedWasserstein(GatedModel fitted, GatedModel truth, int r) {
        if (fitted.gating().type() != Gating.Type.GAUSSIAN || truth.gating().type() != Gating.Type.GAUSSIAN
                || fitted.dimension() != truth.dimension()) {
            throw new IllegalArgumentException("fitted, truth: W̃ is defined here for two Gaussian-gated models of one "
                    + "dimension, got " + fitted.gating().type().configName() + " (d = " + fitted.dimension() + ") and "
                    + truth.gating().type().configName() + " (d = " + truth.dimension() + ")");
        }
        return generalizedWasserstein(atoms(fitted), atoms(truth), r);
    }

    private static double generalizedWasserstein(Atoms g, Atoms gStar, int r) {
        if (r < 1) {
            throw new IllegalArgumentException("r: must be >= 1, got " + r);
        }
        double[][] cost = new double[g.size()][gStar.size()];
        for (int i = 0; i < g.size(); i++) {
            for (int j = 0; j < gStar.size(); j++) {
                double dc = g.gateLocationDistance(i, gStar, j);
                double da = norm(g.slope[i], gStar.slope[j]);
                double db = g.intercept[i] - gStar.intercept[j];
                double dGamma = g.gateCovarianceDistance(i, gStar, j);
                double dv = g.variance[i] - gStar.variance[j];
                double location = Math.sqrt(dc * dc + da * da + db * db);
                double scale = Math.sqrt(dGamma * dGamma + dv * dv);
                cost[i][j] = Math.pow(location, r) + Math.pow(scale, r / 2.0);
            }
        }
        return Math.pow(Transport.solve(g.weight, gStar.weight, cost).cost(), 1.0 / r);
    }

    /**
     * The parameter term of one fitted atom in a cell of m ≥ 2 atoms (exponent r = r̄(m)): the exponents of
     * D2 (softmax), of the GMoE loss (Gaussian; type I/II by {@code zeroGateMean}) or of reference §4.
     */
    static double cellTerm(Gating.Type type, double r, boolean zeroGateMean, double dLoc, double dCov, double da,
            double db, double dv) {
        double half = r / 2;
        return switch (type) {
            // D2: β_1 and b get r̄, a and σ get r̄/2 (the gate slope and the expert slope interact).
            case SOFTMAX -> Math.pow(dLoc, r) + Math.pow(db, r) + Math.pow(da, half) + Math.pow(dv, half);
            // GMoE: c and b get r̄, Γ and σ get r̄/2; a gets 2 unless c* = 0, where a interacts with c.
            case GAUSSIAN -> Math.pow(dLoc, r) + Math.pow(dCov, half) + Math.pow(da, zeroGateMean ? half : 2.0)
                    + Math.pow(db, r) + Math.pow(dv, half);
            // Reference §4: a and b get r̄, σ (a variance) r̄/2.
            case CONSTANT -> Math.pow(da, r) + Math.pow(db, r) + Math.pow(dv, half);
        };
    }

    /** How many fitted atoms {@code cellOf} (0-based) puts in the cell of true atom j. */
    private static int members(int[] cellOf, int j) {
        int m = 0;
        for (int c : cellOf) {
            m += c == j ? 1 : 0;
        }
        return m;
    }

    /**
     * The Voronoi cell of every fitted atom: {@code cell[i] = j} (0-based) for the true atom j nearest to
     * fitted atom i in the family's assignment distance (class javadoc), ties to the smallest j.
     */
    static int[] cells(Atoms g, Atoms gStar) {
        int[] cell = new int[g.size()];
        for (int i = 0; i < g.size(); i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < gStar.size(); j++) {
                double dist = g.assignmentDistance(i, gStar, j);
                if (dist < best) {
                    best = dist;
                    cell[i] = j;
                }
            }
        }
        return cell;
    }

    /**
     * The Voronoi cell of every fitted atom of {@code fitted}: {@code cell[i] = j}, 1-based like
     * {@link LossCalculator#voronoiCells} and {@link GatedCellError#atom()}, in the family's assignment distance.
     */
    public static int[] voronoiCells(GatedModel fitted, GatedModel truth) {
        int[] cell = cells(atoms(fitted), atoms(truth));
        for (int i = 0; i < cell.length; i++) {
            cell[i]++;
        }
        return cell;
    }

    /** ‖u − v‖ (Euclidean). */
    static double norm(double[] u, double[] v) {
        double s = 0;
        for (int c = 0; c < u.length; c++) {
            double diff = u[c] - v[c];
            s += diff * diff;
        }
        return Math.sqrt(s);
    }

    /** ‖U − V‖_F. */
    static double frobenius(double[][] u, double[][] v) {
        double s = 0;
        for (int r = 0; r < u.length; r++) {
            for (int c = 0; c < u[r].length; c++) {
                double diff = u[r][c] - v[r][c];
                s += diff * diff;
            }
        }
        return Math.sqrt(s);
    }

    /** A model's atoms in the loss's coordinates: weight ω_i, gate location and covariance, expert. */
    static Atoms atoms(GatedModel model) {
        int k = model.size();
        double[] weight = new double[k];
        double[][] gateLocation = null;
        double[][][] gateCovariance = null;
        Gating gating = model.gating();
        if (gating instanceof SoftmaxGating s) {
            // Last gate at zero (the authors' code), so ω_k = 1 and ω_i = exp(β_0i − β_0k).
            gateLocation = new double[k][];
            for (int i = 0; i < k; i++) {
                weight[i] = Math.exp(s.intercept(i) - s.intercept(k - 1));
                gateLocation[i] = new double[s.dimension()];
                for (int c = 0; c < s.dimension(); c++) {
                    gateLocation[i][c] = s.slope(i, c) - s.slope(k - 1, c);
                }
            }
        } else if (gating instanceof GaussianGating gg) {
            gateLocation = new double[k][];
            gateCovariance = new double[k][][];
            for (int i = 0; i < k; i++) {
                weight[i] = gg.weight(i);
                gateLocation[i] = gg.mean(i);
                gateCovariance[i] = gg.covariance(i);
            }
        } else {
            ConstantGating c = (ConstantGating) gating;
            for (int i = 0; i < k; i++) {
                weight[i] = c.weight(i);
            }
        }
        double[][] slope = new double[k][];
        double[] intercept = new double[k];
        double[] variance = new double[k];
        for (int i = 0; i < k; i++) {
            Expert e = model.expert(i);
            slope[i] = e.slope();
            intercept[i] = e.intercept();
            variance[i] = e.variance();
        }
        return new Atoms(gating.type(), weight, gateLocation, gateCovariance, slope, intercept, variance);
    }

    /** Atoms in the loss's coordinates (null gate arrays where the family has no such parameter). */
    record Atoms(Gating.Type type, double[] weight, double[][] gateLocation, double[][][] gateCovariance,
            double[][] slope, double[] intercept, double[] variance) {

        int size() {
            return weight.length;
        }

        double gateLocationDistance(int i, Atoms other, int j) {
            return gateLocation == null ? 0 : norm(gateLocation[i], other.gateLocation[j]);
        }

        double gateCovarianceDistance(int i, Atoms other, int j) {
            return gateCovariance == null ? 0 : frobenius(gateCovariance[i], other.gateCovariance[j]);
        }

        /** True when this model's gate mean c_j is the zero vector (the GMoE paper's type II atoms). */
        boolean zeroGateMean(int j) {
            if (gateCovariance == null) {
                return false;
            }
            for (double v : gateLocation[j]) {
                if (v != 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The cell-assignment distance: the authors' sums of norms (softmax: β̃_1, a, b, σ; Gaussian: c, Γ, a, b,
         * σ), and for constant gating reference §4's Euclidean distance on (a, b, σ).
         */
        double assignmentDistance(int i, Atoms other, int j) {
            double da = norm(slope[i], other.slope[j]);
            double db = intercept[i] - other.intercept[j];
            double dv = variance[i] - other.variance[j];
            if (type == Gating.Type.CONSTANT) {
                return Math.sqrt(da * da + db * db + dv * dv);
            }
            return gateLocationDistance(i, other, j) + gateCovarianceDistance(i, other, j) + da + Math.abs(db)
                    + Math.abs(dv);
        }
    }
}
