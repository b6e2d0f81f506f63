package org.dgmoe.core.model;

import java.util.Arrays;
import org.dgmoe.core.InvalidParameterException;

/**
 * λ(x) = 1/(1 + exp(−η(x))), η(x) = γᵀx + γ0: the covariate-dependent deviation weight of the
 * softmax-contaminated MoE (Yan, Nguyen, Le, Akbarian, Ho &amp; Rinaldo, NeurIPS 2025).
 *
 * @param slope     γ, d entries
 * @param intercept γ0
 */
public record SigmoidDeviation(double[] slope, double intercept) implements Deviation {

    public SigmoidDeviation {
        if (slope == null || slope.length == 0) {
            throw new InvalidParameterException("lambda.slope", "must have at least one entry, got "
                    + (slope == null ? "null" : "[]"));
        }
        slope = slope.clone();
        for (int j = 0; j < slope.length; j++) {
            if (!Double.isFinite(slope[j])) {
                throw new InvalidParameterException("lambda.slope[" + j + "]", "must be finite, got " + slope[j]);
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new InvalidParameterException("lambda.intercept", "must be finite, got " + intercept);
        }
    }

    @Override
    public double[] slope() {
        return slope.clone();
    }

    public double slope(int j) {
        return slope[j];
    }

    @Override
    public Type type() {
        return Type.SIGMOID;
    }

    @Override
    public int dimension() {
        return slope.length;
    }

    /** η(x) = γᵀx + γ0. */
    public double score(double[] x) {
        double s = intercept;
        for (int j = 0; j < slope.length; j++) {
            s += slope[j] * x[j];
        }
        return s;
    }

    /** log λ = −softplus(−η), computed without overflow for either sign of η. */
    @Override
    public double logWeight(double[] x) {
        return -softplus(-score(x));
    }

    /** log(1 − λ) = −softplus(η). */
    @Override
    public double logComplement(double[] x) {
        return -softplus(score(x));
    }

    /** log(1 + e^t), exact in double for every finite t: t + log1p(e^−t) for t &gt; 0, log1p(e^t) else. */
    public static double softplus(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    /** A sigmoid is never 1 everywhere. */
    @Override
    public boolean isOne() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmoidDeviation s && Arrays.equals(slope, s.slope)
                && Double.compare(intercept, s.intercept) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(slope) + Double.hashCode(intercept);
    }

    @Override
    public String toString() {
        return "SigmoidDeviation[slope=" + Arrays.toString(slope) + ", intercept=" + intercept + "]";
    }
}
