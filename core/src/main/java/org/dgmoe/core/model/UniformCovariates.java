package org.dgmoe.core.model;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.InvalidParameterException;

/** x uniform on the box Π_j [min_j, max_j]. */
public record UniformCovariates(double[] min, double[] max) implements Covariates {

    public UniformCovariates {
        if (min == null || max == null || min.length == 0 || min.length != max.length) {
            throw new IllegalArgumentException("min, max: must be non-empty and of the same length (the dimension)");
        }
        min = min.clone();
        max = max.clone();
        for (int j = 0; j < min.length; j++) {
            if (!Double.isFinite(min[j]) || !Double.isFinite(max[j]) || !(max[j] > min[j])) {
                throw new InvalidParameterException("max[" + j + "]", "must be finite and > min[" + j + "] = " + min[j]
                        + ", got " + max[j]);
            }
        }
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    @Override
    public Distribution distribution() {
        return Distribution.UNIFORM;
    }

    @Override
    public int dimension() {
        return min.length;
    }

    @Override
    public void fill(int n, UniformRandomProvider rng, double[] out) {
        int d = min.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[j * n + i] = min[j] + (max[j] - min[j]) * rng.nextDouble();
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UniformCovariates u && Arrays.equals(u.min, min) && Arrays.equals(u.max, max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "UniformCovariates[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
    }
}
