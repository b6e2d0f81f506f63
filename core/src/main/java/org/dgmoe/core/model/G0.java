package org.dgmoe.core.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.ConfigNamed;

/**
 * The known conditional density {@code g0(y | x)} of the deviated model (reference §1–2).
 *
 * <p>Distributions never own a generator: {@link #sample} takes the random source as an argument.
 * Implementations are immutable.
 */
public sealed interface G0 extends java.io.Serializable
        permits NoG0, GaussianLinearG0, GaussianNonlinearG0, StudentTG0, LocationScaleG0 {

    /** The families of g0; {@code g0.type} names one ({@link ConfigNamed}). */
    enum Family implements ConfigNamed {
        /** {@link NoG0}. */
        NONE,
        /** {@link GaussianLinearG0}. */
        GAUSSIAN_LINEAR,
        /** {@link GaussianNonlinearG0}. */
        GAUSSIAN_NONLINEAR,
        /** {@link StudentTG0}. */
        STUDENT_T,
        /** {@link LocationScaleG0}: the general form the others are shorthands of. */
        LOCATION_SCALE
    }

    /** This g0's family. */
    Family family();

    /** The config name of this family ({@code none}, {@code gaussian-linear}, ...). */
    default String type() {
        return family().configName();
    }

    /**
     * The covariate dimension this g0 requires, or 0 when it accepts any dimension.
     */
    int dimension();

    /** log g0(y | x); {@code −∞} for {@link NoG0}. */
    double logDensity(double[] x, double y);

    /** P(Y ≤ y | x) under g0. */
    double cdf(double[] x, double y);

    /** Draws y from g0(· | x). */
    double sample(double[] x, UniformRandomProvider rng);

    /**
     * Fills {@code out[i] = log g0(y_i | x_i)} for every point of {@code data}. The EM fitter calls
     * this once per fit: g0 is known, so its log-density is a constant of the data.
     *
     * @param out written, length at least {@code data.size()}
     */
    default void logDensities(Dataset data, double[] out) {
        int n = data.size();
        double[] x = new double[data.dimension()];
        for (int i = 0; i < n; i++) {
            data.copyX(i, x);
            out[i] = logDensity(x, data.y(i));
        }
    }

    /**
     * The Gaussian expert g0 is (an affine mean and a constant variance), or null when it is none: the
     * non-distinguishable case (reference §2) and the g0 atom of the Voronoi cells.
     */
    default Expert gaussianExpert() {
        return null;
    }

    /** True when g0 is itself a Gaussian expert with an affine mean: the non-distinguishable case (reference §2). */
    default boolean isGaussianExpert() {
        return gaussianExpert() != null;
    }

    /** True for {@link NoG0}: the plain Gaussian mixture of experts, λ fixed at 1. */
    default boolean isNone() {
        return false;
    }
}
