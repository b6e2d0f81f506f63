package org.dgmoe.core.em;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;

/**
 * Mutable parameter arrays θ = (λ, p, a, b, σ) of one EM iterate (kept primitive so the loop allocates
 * nothing), and the unconstrained map u = U(θ) the accelerators extrapolate in. σ_i is a variance.
 */
final class Iterate {
    double lambda;
    final double[] weight;
    final double[][] slope;
    final double[] intercept;
    final double[] variance;

    Iterate(int k, int d) {
        weight = new double[k];
        slope = new double[k][d];
        intercept = new double[k];
        variance = new double[k];
    }

    static Iterate of(DeviatedModel m) {
        int k = m.size();
        Iterate p = new Iterate(k, m.dimension());
        p.lambda = m.lambda();
        for (int i = 0; i < k; i++) {
            Expert e = m.mixing().expert(i);
            p.weight[i] = m.mixing().weight(i);
            p.slope[i] = e.slope();
            p.intercept[i] = e.intercept();
            p.variance[i] = e.variance();
        }
        return p;
    }

    /** Entries of the unconstrained vector u = U(θ). */
    static int unconstrainedSize(int k, int d, boolean lambdaEntry) {
        return (lambdaEntry ? 1 : 0) + k * (d + 3);
    }

    /**
     * u = U(θ), the coordinates SQUAREM extrapolates in: [logit λ (when estimated)], log p_i (a
     * softmax gauge: U⁻¹ renormalises), a_i, b_i, log(σ_i − floor). Every u maps back to a valid θ
     * (weights in the open simplex, λ in (0, 1), variances above the floor), so an extrapolation
     * needs no projection, whose kinks would spoil the quadratic extrapolation at the boundary. Values
     * at the boundary (λ ∈ {0, 1}, σ at the floor) are clamped to 1e-15 from it (resp. 1e-12·floor
     * above it) so u stays finite; such coordinates barely move and the ℓ check guards the rest.
     */
    void toUnconstrained(boolean lambdaEntry, double floor, double[] u) {
        int o = 0;
        if (lambdaEntry) {
            double l = Math.min(1 - 1e-15, Math.max(1e-15, lambda));
            u[o++] = Math.log(l) - Math.log1p(-l);
        }
        for (int i = 0; i < weight.length; i++) {
            u[o++] = Math.log(weight[i]);
            for (double a : slope[i]) {
                u[o++] = a;
            }
            u[o++] = intercept[i];
            u[o++] = Math.log(Math.max(variance[i] - floor, 1e-12 * floor));
        }
    }

    /** θ = U⁻¹(u) (see {@link #toUnconstrained}); λ is {@code fixedLambda} when not estimated. */
    void fromUnconstrained(double fixedLambda, boolean lambdaEntry, double floor, double[] u) {
        int o = 0;
        lambda = lambdaEntry ? 1 / (1 + Math.exp(-u[o++])) : fixedLambda;
        double max = Double.NEGATIVE_INFINITY;
        int stride = slope[0].length + 3;
        for (int i = 0; i < weight.length; i++) {
            max = Math.max(max, u[o + i * stride]);
        }
        double total = 0;
        for (int i = 0; i < weight.length; i++) {
            weight[i] = Math.exp(u[o++] - max);
            total += weight[i];
            for (int j = 0; j < slope[i].length; j++) {
                slope[i][j] = u[o++];
            }
            intercept[i] = u[o++];
            variance[i] = floor + Math.exp(u[o++]);
        }
        for (int i = 0; i < weight.length; i++) {
            weight[i] /= total;
        }
    }

    /** Every parameter finite, weights and λ positive, variances positive. */
    boolean isFinite() {
        if (!(lambda > 0 && lambda <= 1)) {
            return false;
        }
        for (int i = 0; i < weight.length; i++) {
            if (!(weight[i] > 0) || !Double.isFinite(intercept[i]) || !(variance[i] > 0)
                    || !Double.isFinite(variance[i])) {
                return false;
            }
            for (double a : slope[i]) {
                if (!Double.isFinite(a)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Copies every parameter of {@code from} (same k and d) into this iterate. */
    void copyFrom(Iterate from) {
        lambda = from.lambda;
        System.arraycopy(from.weight, 0, weight, 0, weight.length);
        for (int i = 0; i < weight.length; i++) {
            System.arraycopy(from.slope[i], 0, slope[i], 0, slope[i].length);
        }
        System.arraycopy(from.intercept, 0, intercept, 0, intercept.length);
        System.arraycopy(from.variance, 0, variance, 0, variance.length);
    }

    /**
     * The largest scaled parameter step from {@code from} to {@code to} (see {@link StopRule#ABSOLUTE}):
     * λ and p absolute, a and b over √σ, σ relative, σ taken at {@code to}.
     */
    static double maxStep(Iterate from, Iterate to) {
        double m = Math.abs(to.lambda - from.lambda);
        boolean nan = Double.isNaN(m);
        for (int i = 0; i < to.weight.length; i++) {
            double sd = Math.sqrt(to.variance[i]);
            double s = Math.abs(to.weight[i] - from.weight[i]);
            for (int j = 0; j < to.slope[i].length; j++) {
                s = Math.max(s, Math.abs(to.slope[i][j] - from.slope[i][j]) / sd);
            }
            s = Math.max(s, Math.abs(to.intercept[i] - from.intercept[i]) / sd);
            s = Math.max(s, Math.abs(to.variance[i] - from.variance[i]) / to.variance[i]);
            nan |= Double.isNaN(s);
            m = Math.max(m, s);
        }
        return nan ? Double.NaN : m;
    }

    DeviatedModel toModel(DeviatedModel family) {
        List<Expert> experts = new ArrayList<>(weight.length);
        for (int i = 0; i < weight.length; i++) {
            experts.add(new Expert(slope[i], intercept[i], variance[i]));
        }
        return family.with(lambda, new MixingMeasure(weight, experts));
    }
}
