package org.dgmoe.core.loss;

/**
 * The infimum over a translation (t0, t1) of the true gates in the softmax-gated MoE's Voronoi loss D1/D2
 * (Nguyen, Nguyen &amp; Ho, NeurIPS 2023, arXiv 2305.03288; docs/gated-losses.md, "The translation infimum"). With the
 * fitted gates normalised (last gate zero, weights ω_i = exp(β̃_0i)) and the cells A_j held fixed, the loss at a
 * shift of the truth's gates (β*_1j + t1, β*_0j + t0) is
 * <pre>
 *   M(t0) + P(t1) + R,   M(t0) = Σ_j |S_j − e^{t0} ω_j*|,   P(t1) = Σ_i ω_i ‖β̃_1i − β̃*_1j(i) − t1‖^{p_i},
 * </pre>
 * S_j = Σ_{i∈A_j} ω_i, p_i = 1 in a singleton cell and r̄(|A_j|) otherwise, R the terms of a, b and σ (no shift
 * enters them). The fitted weights ω_i multiply the parameter terms, not e^{t0}, so the infimum separates:
 * <ul>
 *   <li>M: with u = e^{t0} &gt; 0, M = Σ_j ω_j* |S_j/ω_j* − u| is convex and piecewise linear in u, so its infimum is
 *       attained at a breakpoint u = S_j/ω_j* (a weighted median) or approached as u → 0 (t0 → −∞), where it is
 *       Σ_j S_j. Computed exactly by evaluating M at those candidates.</li>
 *   <li>P: convex in t1 (a sum of norms raised to powers ≥ 1), and its minimum lies in the convex hull of the
 *       offsets d_i = β̃_1i − β̃*_1j(i) (projecting t1 onto the hull moves it no farther from any d_i), hence in their
 *       bounding box. Minimised by nested golden-section search, one coordinate per level: the minimum of a
 *       jointly convex function over the remaining coordinates is convex in the first, so every level searches a
 *       convex (unimodal) function and cannot be led into a local minimum. {@link #GOLDEN_STEPS} steps shrink each
 *       bracket to 0.618^60 ≈ 3e-13 of the box's width; the value returned is the smallest P met (an attained value,
 *       so at least the infimum), at most P(0).</li>
 * </ul>
 * Cost: about (GOLDEN_STEPS + 4)^d evaluations of P, each O(k d): d ≤ {@link #MAX_DIMENSION} only (NaN beyond).
 */
final class SoftmaxShiftInfimum {
    /** Golden-section steps per coordinate: 0.618^60 ≈ 2.9e-13 of the bracket remains. */
    static final int GOLDEN_STEPS = 60;
    /** The largest covariate dimension searched (64^d evaluations of P: 2.6e5 at d = 3). */
    static final int MAX_DIMENSION = 3;
    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;

    private SoftmaxShiftInfimum() {
    }

    /**
     * inf over t0 of Σ_j |S_j − e^{t0} ω_j*|, never above its value at t0 = 0.
     *
     * @param cellMass   S_j ≥ 0, the fitted weight in true atom j's cell
     * @param trueWeight ω_j* &gt; 0
     */
    static double massInfimum(double[] cellMass, double[] trueWeight) {
        double best = mass(cellMass, trueWeight, 1.0);
        double atZero = 0;
        for (double s : cellMass) {
            atZero += s;
        }
        best = Math.min(best, atZero);
        for (int j = 0; j < cellMass.length; j++) {
            if (cellMass[j] > 0) {
                best = Math.min(best, mass(cellMass, trueWeight, cellMass[j] / trueWeight[j]));
            }
        }
        return best;
    }

    private static double mass(double[] cellMass, double[] trueWeight, double u) {
        double s = 0;
        for (int j = 0; j < cellMass.length; j++) {
            s += Math.abs(cellMass[j] - u * trueWeight[j]);
        }
        return s;
    }

    /**
     * inf over t1 ∈ R^d of Σ_i ω_i ‖d_i − t1‖^{p_i} (within the class's tolerance), never above its value at t1 = 0;
     * NaN when d &gt; {@link #MAX_DIMENSION}.
     *
     * @param weight ω_i &gt; 0
     * @param offset d_i, k vectors of d entries
     * @param power  p_i ≥ 1
     */
    static double gateInfimum(double[] weight, double[][] offset, int[] power) {
        double[] t = gateMinimiser(weight, offset, power);
        return t == null ? Double.NaN : gate(weight, offset, power, t);
    }

    /**
     * A t1 attaining {@link #gateInfimum} (the point of the smallest P met; t1 = 0 when that is smallest), or null
     * when d &gt; {@link #MAX_DIMENSION}. Arguments as there.
     */
    static double[] gateMinimiser(double[] weight, double[][] offset, int[] power) {
        int d = offset[0].length;
        if (d > MAX_DIMENSION) {
            return null;
        }
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] o : offset) {
            for (int c = 0; c < d; c++) {
                lo[c] = Math.min(lo[c], o[c]);
                hi[c] = Math.max(hi[c], o[c]);
            }
        }
        double[] best = new double[d];
        double[] bestValue = {gate(weight, offset, power, best)};
        search(0, new double[d], lo, hi, weight, offset, power, best, bestValue);
        return best;
    }

    /**
     * The smallest P met by golden-section search over coordinate c, the later coordinates searched inside; every
     * evaluation smaller than {@code bestValue[0]} copies its point into {@code best}.
     */
    private static double search(int c, double[] t, double[] lo, double[] hi, double[] weight, double[][] offset,
            int[] power, double[] best, double[] bestValue) {
        if (c == t.length) {
            double p = gate(weight, offset, power, t);
            if (p < bestValue[0]) {
                bestValue[0] = p;
                System.arraycopy(t, 0, best, 0, t.length);
            }
            return p;
        }
        double a = lo[c];
        double b = hi[c];
        t[c] = a;
        double smallest = search(c + 1, t, lo, hi, weight, offset, power, best, bestValue);
        if (!(b > a)) {
            return smallest;
        }
        t[c] = b;
        smallest = Math.min(smallest, search(c + 1, t, lo, hi, weight, offset, power, best, bestValue));
        double x1 = b - INV_PHI * (b - a);
        double x2 = a + INV_PHI * (b - a);
        t[c] = x1;
        double f1 = search(c + 1, t, lo, hi, weight, offset, power, best, bestValue);
        t[c] = x2;
        double f2 = search(c + 1, t, lo, hi, weight, offset, power, best, bestValue);
        smallest = Math.min(smallest, Math.min(f1, f2));
        for (int step = 0; step < GOLDEN_STEPS; step++) {
            // Convexity: f1 ≤ f2 puts a minimiser in [a, x2], f1 ≥ f2 one in [x1, b] (either on a tie).
            if (f1 <= f2) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - INV_PHI * (b - a);
                t[c] = x1;
                f1 = search(c + 1, t, lo, hi, weight, offset, power, best, bestValue);
                smallest = Math.min(smallest, f1);
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + INV_PHI * (b - a);
                t[c] = x2;
                f2 = search(c + 1, t, lo, hi, weight, offset, power, best, bestValue);
                smallest = Math.min(smallest, f2);
            }
        }
        return smallest;
    }

    /** P(t) = Σ_i ω_i ‖d_i − t‖^{p_i}. */
    static double gate(double[] weight, double[][] offset, int[] power, double[] t) {
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            double sq = 0;
            for (int c = 0; c < t.length; c++) {
                double diff = offset[i][c] - t[c];
                sq += diff * diff;
            }
            double norm = Math.sqrt(sq);
            s += weight[i] * (power[i] == 1 ? norm : Math.pow(norm, power[i]));
        }
        return s;
    }
}
