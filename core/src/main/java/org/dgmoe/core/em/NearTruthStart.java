package org.dgmoe.core.em;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.model.DeviatedModel;

/**
 * The near-truth initialisation of the reference §6: fitted atom i is given to true atom
 * {@link #assignment(int, int)}[i]; its location (slope and intercept) is the true one plus
 * N(0, (locationScale · n^locationExponent)²) noise per coordinate, its variance the true one plus
 * |N(0, (varianceScale · n^varianceExponent)²)|; its weight p_j* / (number of atoms given to j).
 * λ starts at λ*.
 *
 * @param locationScale      default 0.005
 * @param locationExponent   default −0.083
 * @param varianceScale      default 0.0005
 * @param varianceExponent   default −0.25
 */
public record NearTruthStart(double locationScale, double locationExponent, double varianceScale,
        double varianceExponent) {

    public static final NearTruthStart DEFAULTS = new NearTruthStart(0.005, -0.083, 0.0005, -0.25);

    public NearTruthStart {
        if (!(locationScale >= 0) || !Double.isFinite(locationScale)) {
            throw new IllegalArgumentException("init-noise.location-scale: must be >= 0 and finite, got " + locationScale);
        }
        if (!(varianceScale >= 0) || !Double.isFinite(varianceScale)) {
            throw new IllegalArgumentException("init-noise.variance-scale: must be >= 0 and finite, got " + varianceScale);
        }
        if (!Double.isFinite(locationExponent) || !Double.isFinite(varianceExponent)) {
            throw new IllegalArgumentException("init-noise exponents: must be finite");
        }
    }

    /**
     * The true atom (0-based) each of k fitted atoms approximates: {@code i mod k*}, so every true
     * atom gets at least one and the extra atoms of an over-fitted model go to atoms 0, 1, … in turn.
     */
    public static int[] assignment(int k, int kStar) {
        if (k < kStar) {
            throw new IllegalArgumentException("fit.experts: near-truth starts need k >= k* = " + kStar + ", got " + k);
        }
        int[] a = new int[k];
        for (int i = 0; i < k; i++) {
            a[i] = i % kStar;
        }
        return a;
    }

    /** A start with k atoms near {@code truth} for sample size n. */
    public DeviatedModel draw(DeviatedModel truth, int k, int n, UniformRandomProvider rng) {
        throw new UnsupportedOperationException("NearTruthStart.draw: being implemented (issue 2)");
    }
}
