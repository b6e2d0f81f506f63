package org.dgmoe.core.model;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.InvalidParameterException;

/**
 * g0 a Gaussian with a non-linear mean m(s) of {@code s = x_1 + … + x_d} and a constant variance: a
 * distinguishable g0 (reference §2). The mean functions are a closed list; no script is evaluated.
 */
public record GaussianNonlinearG0(MeanFunction function, double[] coefficients, double variance) implements G0 {

    /**
     * The mean functions of s = x₁ + … + x_d, with their number of coefficients; {@code g0.function} names
     * one ({@link ConfigNamed}).
     */
    public enum MeanFunction implements ConfigNamed {
        /** c0·sin(c1·s). */
        SIN(2),
        /** c0 + c1·s + c2·s². */
        QUADRATIC(3),
        /** c0·exp(c1·s). */
        EXP(2);

        private final int coefficientCount;

        MeanFunction(int coefficientCount) {
            this.coefficientCount = coefficientCount;
        }

        public int coefficientCount() {
            return coefficientCount;
        }
    }

    public GaussianNonlinearG0 {
        if (function == null) {
            throw new IllegalArgumentException("function: must be one of "
                    + String.join(", ", ConfigNamed.configNames(MeanFunction.class)) + ", got null");
        }
        if (coefficients == null || coefficients.length != function.coefficientCount()) {
            throw new InvalidParameterException("coefficients", "function '" + function.configName() + "' takes "
                    + function.coefficientCount() + " coefficients, got "
                    + (coefficients == null ? "none" : String.valueOf(coefficients.length)));
        }
        coefficients = coefficients.clone();
        for (int j = 0; j < coefficients.length; j++) {
            if (!Double.isFinite(coefficients[j])) {
                throw new InvalidParameterException("coefficients[" + j + "]",
                        "must be finite, got " + coefficients[j]);
            }
        }
        if (!(variance > 0) || !Double.isFinite(variance)) {
            throw new InvalidParameterException("variance", "must be > 0 and finite, got " + variance);
        }
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * The mean m(x₁ + … + x_d). StrictMath, not Math: the simulator draws y around this mean, and
     * StrictMath's results are the same on every JVM and architecture (Math's may differ by an ulp).
     */
    public double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double[] c = coefficients;
        return switch (function) {
            case SIN -> c[0] * StrictMath.sin(c[1] * s);
            case QUADRATIC -> c[0] + s * (c[1] + s * c[2]);
            case EXP -> c[0] * StrictMath.exp(c[1] * s);
        };
    }

    @Override
    public Family family() {
        return Family.GAUSSIAN_NONLINEAR;
    }

    @Override
    public int dimension() {
        return 0;
    }

    @Override
    public double logDensity(double[] x, double y) {
        double r = y - mean(x);
        return -0.5 * (Math.log(2 * Math.PI * variance) + r * r / variance);
    }

    @Override
    public double cdf(double[] x, double y) {
        return StandardNormal.cdf((y - mean(x)) / Math.sqrt(variance));
    }

    @Override
    public double sample(double[] x, UniformRandomProvider rng) {
        return mean(x) + Math.sqrt(variance) * ZigguratSampler.NormalizedGaussian.of(rng).sample();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianNonlinearG0 g && g.function == function
                && Arrays.equals(g.coefficients, coefficients) && Double.compare(g.variance, variance) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * function.hashCode() + Arrays.hashCode(coefficients)) + Double.hashCode(variance);
    }

    @Override
    public String toString() {
        return "GaussianNonlinearG0[function=" + function.configName() + ", coefficients="
                + Arrays.toString(coefficients) + ", variance=" + variance + "]";
    }
}
