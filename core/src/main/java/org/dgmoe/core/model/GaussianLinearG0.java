package org.dgmoe.core.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.dgmoe.core.InvalidParameterException;

/**
 * g0 a Gaussian expert {@code f(y | a0ᵀx + b0, σ0)} with known parameters: the
 * non-distinguishable case (reference §2).
 */
public record GaussianLinearG0(Expert expert) implements G0 {

    public GaussianLinearG0 {
        if (expert == null) {
            throw new InvalidParameterException("g0", "a gaussian-linear g0 needs slope, intercept and variance");
        }
    }

    public GaussianLinearG0(double[] slope, double intercept, double variance) {
        this(new Expert(slope, intercept, variance));
    }

    @Override
    public Family family() {
        return Family.GAUSSIAN_LINEAR;
    }

    @Override
    public int dimension() {
        return expert.dimension();
    }

    @Override
    public double logDensity(double[] x, double y) {
        return expert.logDensity(x, y);
    }

    @Override
    public double cdf(double[] x, double y) {
        return StandardNormal.cdf((y - expert.mean(x)) / Math.sqrt(expert.variance()));
    }

    @Override
    public double sample(double[] x, UniformRandomProvider rng) {
        return expert.mean(x) + Math.sqrt(expert.variance()) * ZigguratSampler.NormalizedGaussian.of(rng).sample();
    }

    @Override
    public Expert gaussianExpert() {
        return expert;
    }
}
