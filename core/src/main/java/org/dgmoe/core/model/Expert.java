package org.dgmoe.core.model;

import java.util.Arrays;
import org.dgmoe.core.InvalidParameterException;

/**
 * One Gaussian expert {@code f(y | aᵀx + b, σ)}: slope vector {@code a}, intercept {@code b} and
 * <em>variance</em> {@code σ} (reference §1: σ is a variance, which is why it gets half the
 * exponent of a and b in the losses).
 *
 * <p>Immutable: the slope array is copied in and out.
 */
public record Expert(double[] slope, double intercept, double variance) implements java.io.Serializable {

    public Expert {
        if (slope == null || slope.length == 0) {
            throw new InvalidParameterException("slope", "must have at least one entry, got "
                    + (slope == null ? "null" : "[]"));
        }
        slope = slope.clone();
        for (int j = 0; j < slope.length; j++) {
            if (!Double.isFinite(slope[j])) {
                throw new InvalidParameterException("slope[" + j + "]", "must be finite, got " + slope[j]);
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new InvalidParameterException("intercept", "must be finite, got " + intercept);
        }
        if (!(variance > 0) || !Double.isFinite(variance)) {
            throw new InvalidParameterException("variance", "must be > 0 and finite, got " + variance);
        }
    }

    /** A copy of the slope vector. */
    @Override
    public double[] slope() {
        return slope.clone();
    }

    /** Slope entry {@code j} without copying. */
    public double slope(int j) {
        return slope[j];
    }

    /** Covariate dimension d. */
    public int dimension() {
        return slope.length;
    }

    /** The mean {@code aᵀx + b}. */
    public double mean(double[] x) {
        double m = intercept;
        for (int j = 0; j < slope.length; j++) {
            m += slope[j] * x[j];
        }
        return m;
    }

    /** log φ(y; aᵀx + b, σ). */
    public double logDensity(double[] x, double y) {
        double r = y - mean(x);
        return -0.5 * (Math.log(2 * Math.PI * variance) + r * r / variance);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expert e && Arrays.equals(slope, e.slope)
                && Double.compare(intercept, e.intercept) == 0 && Double.compare(variance, e.variance) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(slope) + Double.hashCode(intercept)) + Double.hashCode(variance);
    }

    @Override
    public String toString() {
        return "Expert[slope=" + Arrays.toString(slope) + ", intercept=" + intercept + ", variance=" + variance + "]";
    }
}
