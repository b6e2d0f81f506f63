package org.dgmoe.core.em;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;

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
        double varianceExponent) implements java.io.Serializable {

    public static final NearTruthStart DEFAULTS = new NearTruthStart(0.005, -0.083, 0.0005, -0.25);

    public NearTruthStart {
        if (!(locationScale >= 0) || !Double.isFinite(locationScale)) {
            throw new InvalidParameterException("location-scale", "must be >= 0 and finite, got " + locationScale);
        }
        if (!(varianceScale >= 0) || !Double.isFinite(varianceScale)) {
            throw new InvalidParameterException("variance-scale", "must be >= 0 and finite, got " + varianceScale);
        }
        if (!Double.isFinite(locationExponent)) {
            throw new InvalidParameterException("location-exponent", "must be finite, got " + locationExponent);
        }
        if (!Double.isFinite(varianceExponent)) {
            throw new InvalidParameterException("variance-exponent", "must be finite, got " + varianceExponent);
        }
    }

    /**
     * The true atom (0-based) each of k fitted atoms approximates: {@code i mod k*}, so every true
     * atom gets at least one and the extra atoms of an over-fitted model go to atoms 0, 1, … in turn.
     */
    public static int[] assignment(int k, int kStar) {
        if (k < kStar) {
            throw new InvalidParameterException("fit.experts",
                    "near-truth starts need k >= k* = " + kStar + ", got " + k);
        }
        int[] a = new int[k];
        for (int i = 0; i < k; i++) {
            a[i] = i % kStar;
        }
        return a;
    }

    /** The sd of the location (slope and intercept) noise at sample size n: locationScale · n^locationExponent. */
    public double locationSd(int n) {
        return locationScale * Math.pow(n, locationExponent);
    }

    /** The sd of the variance noise at sample size n: varianceScale · n^varianceExponent. */
    public double varianceSd(int n) {
        return varianceScale * Math.pow(n, varianceExponent);
    }

    /**
     * A start with k atoms near {@code truth} for sample size n.
     *
     * <p>Order of draws (part of the reproducibility contract): for each fitted atom i = 0..k−1 in
     * turn, d standard normals for the slope coordinates, one for the intercept, then one for the
     * variance (its absolute value is used). λ starts at λ* and g0 is the truth's.
     *
     * @param k   fitted atoms, ≥ k* = {@code truth.size()}
     * @param n   sample size, ≥ 1 (the noise scales shrink with n)
     * @param rng the INIT stream; not null
     */
    public DeviatedModel draw(DeviatedModel truth, int k, int n, UniformRandomProvider rng) {
        if (truth == null) {
            throw new IllegalArgumentException("truth: must not be null");
        }
        MixingMeasure g = truth.mixing();
        List<Expert> experts = experts(g.experts(), k, n, rng);
        int kStar = truth.size();
        int[] assigned = assignment(k, kStar);
        int[] count = new int[kStar];
        for (int j : assigned) {
            count[j]++;
        }
        double[] weights = new double[k];
        for (int i = 0; i < k; i++) {
            int j = assigned[i];
            weights[i] = g.weight(j) / count[j];
        }
        return truth.with(truth.lambda(), new MixingMeasure(weights, experts));
    }

    /**
     * The experts of {@link #draw}: fitted expert i is true expert {@link #assignment(int, int)}[i] plus the
     * noise, with {@link #draw}'s order of draws (gated starts reuse it, so both draw the experts with the
     * same code).
     *
     * @param trueExperts the k* true experts, k* ≥ 1
     * @param k           fitted atoms, ≥ k*
     * @param n           sample size, ≥ 1
     * @param rng         the INIT stream; not null
     */
    public List<Expert> experts(List<Expert> trueExperts, int k, int n, UniformRandomProvider rng) {
        if (trueExperts == null || trueExperts.isEmpty()) {
            throw new IllegalArgumentException("trueExperts: must hold at least one expert");
        }
        if (rng == null) {
            throw new IllegalArgumentException("rng: must not be null");
        }
        if (n < 1) {
            throw new InvalidParameterException("n", "must be >= 1, got " + n);
        }
        int[] assigned = assignment(k, trueExperts.size());
        double locationSd = locationSd(n);
        double varianceSd = varianceSd(n);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int d = trueExperts.get(0).dimension();
        List<Expert> experts = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            Expert e = trueExperts.get(assigned[i]);
            double[] slope = new double[d];
            for (int c = 0; c < d; c++) {
                slope[c] = e.slope(c) + locationSd * normal.sample();
            }
            double intercept = e.intercept() + locationSd * normal.sample();
            double variance = e.variance() + Math.abs(varianceSd * normal.sample());
            experts.add(new Expert(slope, intercept, variance));
        }
        return experts;
    }
}
