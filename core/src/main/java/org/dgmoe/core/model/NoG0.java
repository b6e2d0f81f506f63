package org.dgmoe.core.model;

import org.apache.commons.rng.UniformRandomProvider;

/** No g0: the plain Gaussian mixture of experts. λ is fixed at 1, so g0 never contributes. */
public record NoG0() implements G0 {

    public static final NoG0 INSTANCE = new NoG0();

    @Override
    public Family family() {
        return Family.NONE;
    }

    @Override
    public int dimension() {
        return 0;
    }

    @Override
    public double logDensity(double[] x, double y) {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    public double cdf(double[] x, double y) {
        throw new UnsupportedOperationException("g0 'none' has no distribution; λ is fixed at 1");
    }

    @Override
    public double sample(double[] x, UniformRandomProvider rng) {
        throw new UnsupportedOperationException("g0 'none' has no distribution; λ is fixed at 1");
    }

    @Override
    public void logDensities(Dataset data, double[] out) {
        java.util.Arrays.fill(out, 0, data.size(), Double.NEGATIVE_INFINITY);
    }

    @Override
    public boolean isNone() {
        return true;
    }
}
