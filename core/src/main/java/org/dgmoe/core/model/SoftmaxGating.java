package org.dgmoe.core.model;

import java.util.Arrays;
import org.dgmoe.core.InvalidParameterException;

/**
 * Softmax gating π_i(x) = exp(β_iᵀx + β_i0) / Σ_j exp(β_jᵀx + β_j0) (the softmax-gated Gaussian MoE of
 * Nguyen, Nguyen &amp; Ho, NeurIPS 2023).
 *
 * <p>The gates are identified only up to a common shift: adding the same (δ, δ0) to every (β_i, β_i0)
 * leaves every π_i(x) unchanged. A value keeps the gates as given; {@link #normalised()} is the
 * representative with expert 1's gate at zero (flexmix's convention), which tables report.
 *
 * @param slope     β_i, k rows of d entries
 * @param intercept β_i0, k entries
 */
public record SoftmaxGating(double[][] slope, double[] intercept) implements Gating {

    public SoftmaxGating {
        if (slope == null || intercept == null || slope.length == 0) {
            throw new InvalidParameterException("experts", "must have at least one expert, got none");
        }
        if (slope.length != intercept.length) {
            throw new InvalidParameterException("gate.intercept", "must have one entry per expert (" + slope.length
                    + "), got " + intercept.length);
        }
        int d = slope[0] == null ? 0 : slope[0].length;
        double[][] s = new double[slope.length][];
        for (int i = 0; i < slope.length; i++) {
            if (slope[i] == null || slope[i].length == 0 || slope[i].length != d) {
                throw new InvalidParameterException("experts[" + i + "].gate.slope", "must have " + Math.max(d, 1)
                        + " entries like experts[0], got " + (slope[i] == null ? "null" : slope[i].length));
            }
            s[i] = slope[i].clone();
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(s[i][j])) {
                    throw new InvalidParameterException("experts[" + i + "].gate.slope[" + j + "]",
                            "must be finite, got " + s[i][j]);
                }
            }
            if (!Double.isFinite(intercept[i])) {
                throw new InvalidParameterException("experts[" + i + "].gate.intercept", "must be finite, got "
                        + intercept[i]);
            }
        }
        slope = s;
        intercept = intercept.clone();
    }

    /** A deep copy of the slopes. */
    @Override
    public double[][] slope() {
        double[][] out = new double[slope.length][];
        for (int i = 0; i < slope.length; i++) {
            out[i] = slope[i].clone();
        }
        return out;
    }

    /** β_ij without copying. */
    public double slope(int i, int j) {
        return slope[i][j];
    }

    @Override
    public double[] intercept() {
        return intercept.clone();
    }

    public double intercept(int i) {
        return intercept[i];
    }

    @Override
    public Type type() {
        return Type.SOFTMAX;
    }

    @Override
    public int size() {
        return intercept.length;
    }

    @Override
    public int dimension() {
        return slope[0].length;
    }

    /** The gate score η_i(x) = β_iᵀx + β_i0. */
    public double score(int i, double[] x) {
        double s = intercept[i];
        for (int j = 0; j < slope[i].length; j++) {
            s += slope[i][j] * x[j];
        }
        return s;
    }

    /** log π_i(x) = η_i(x) − log Σ_j exp η_j(x). */
    @Override
    public void logWeights(double[] x, double[] out) {
        int k = intercept.length;
        for (int i = 0; i < k; i++) {
            out[i] = score(i, x);
        }
        double z = LogSumExp.of(out, k);
        for (int i = 0; i < k; i++) {
            out[i] -= z;
        }
    }

    /** The same gating with expert 1's gate at zero: (β_i − β_1, β_i0 − β_10). */
    public SoftmaxGating normalised() {
        int k = intercept.length;
        int d = slope[0].length;
        double[][] s = new double[k][d];
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                s[i][j] = slope[i][j] - slope[0][j];
            }
            c[i] = intercept[i] - intercept[0];
        }
        return new SoftmaxGating(s, c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftmaxGating g && Arrays.deepEquals(slope, g.slope) && Arrays.equals(intercept, g.intercept);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(slope) + Arrays.hashCode(intercept);
    }

    @Override
    public String toString() {
        return "SoftmaxGating[slope=" + Arrays.deepToString(slope) + ", intercept=" + Arrays.toString(intercept) + "]";
    }
}
