package org.dgmoe.core.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.ConfigNamed;

/**
 * The known conditional density {@code g0(y | x)} of the deviated model (reference §1–2).
 *
 * <p>Distributions never own a generator: {@link #sample} takes the random source as an argument.
 * Implementations are immutable.
 *
 * <p>Every g0 but one is a function of the point x. {@link ColumnsG0} is not: it is the user's model's
 * prediction for each row of one data set, a law of (row, y), so it answers only the row methods
 * ({@link #logDensities}, {@link #logDensityAt}, {@link #cdfAt}, {@link #sampleAt}) and refuses the point
 * methods ({@link #isRowBound}). Code that walks a data set calls the row methods (the PIT, the null draws, the
 * EM's g0 pass); the others (the simulator, the losses, the theory) meet only point g0s, since a sweep refuses
 * a row-bound one at load.
 */
public sealed interface G0 extends java.io.Serializable
        permits NoG0, GaussianLinearG0, GaussianNonlinearG0, StudentTG0, LocationScaleG0, ColumnsG0 {

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
        LOCATION_SCALE,
        /** {@link ColumnsG0}: a location and a scale per row, read from the data's columns. */
        COLUMNS
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
     * log g0(y | row {@code row} of the data set being walked), {@code x} holding that row's covariates: the
     * point's {@link #logDensity(double[], double)} for every g0 but a {@link #isRowBound row-bound} one.
     */
    default double logDensityAt(int row, double[] x, double y) {
        return logDensity(x, y);
    }

    /** P(Y ≤ y | row {@code row}) under g0, {@code x} holding the row's covariates (as {@link #logDensityAt}). */
    default double cdfAt(int row, double[] x, double y) {
        return cdf(x, y);
    }

    /** Draws y from g0(· | row {@code row}), {@code x} holding the row's covariates (as {@link #logDensityAt}). */
    default double sampleAt(int row, double[] x, UniformRandomProvider rng) {
        return sample(x, rng);
    }

    /**
     * True when g0 is defined only at the rows of the one data set it was bound to ({@link ColumnsG0}): the
     * point methods then refuse, and the row methods must be given that data set's rows (or a data set with
     * the same rows and other responses, as the null draws).
     */
    default boolean isRowBound() {
        return false;
    }

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
