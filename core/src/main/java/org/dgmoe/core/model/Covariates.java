package org.dgmoe.core.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.ConfigNamed;

/** The distribution of the covariates x ∈ R^d. Immutable; the generator is an argument. */
public sealed interface Covariates extends java.io.Serializable
        permits UniformCovariates, NormalCovariates, GridCovariates, GateCovariates, Population {

    /** The laws of x; {@code covariates.distribution} names one ({@link ConfigNamed}). */
    enum Distribution implements ConfigNamed {
        /** {@link UniformCovariates}. */
        UNIFORM,
        /** {@link NormalCovariates}. */
        NORMAL,
        /** {@link GridCovariates}. */
        GRID,
        /** {@link GateCovariates}: the law a Gaussian gate implies. */
        GATE,
        /**
         * {@link Population}: the rows of a data file, written as a setting's {@code population} block, never as
         * {@code covariates.distribution} (the reader refuses it there).
         */
        POPULATION
    }

    /** This law's distribution. */
    Distribution distribution();

    /** Covariate dimension d. */
    int dimension();

    /**
     * Fills the column-major covariate array of n points: column j is {@code out[j·n … j·n+n−1]}.
     * Points are drawn in order i = 0..n−1 and, within a point, j = 0..d−1, so a fixed stream gives
     * fixed bytes.
     *
     * @param out written, length ≥ n·d
     */
    void fill(int n, UniformRandomProvider rng, double[] out);
}
