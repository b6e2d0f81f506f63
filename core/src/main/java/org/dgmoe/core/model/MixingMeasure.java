package org.dgmoe.core.model;

import java.util.Arrays;
import java.util.List;
import org.dgmoe.core.InvalidParameterException;

/**
 * The mixing measure {@code G = Σ_i p_i δ_(a_i, b_i, σ_i)} of the experts (reference §1): weights
 * {@code p_i > 0} summing to 1 and one expert per weight, all of the same dimension.
 *
 * <p>Weights must sum to 1 within {@link #WEIGHT_SUM_TOLERANCE}; they are stored as given
 * (not renormalised) so that a fitted measure round-trips exactly through JSON.
 */
public record MixingMeasure(double[] weights, List<Expert> experts) implements java.io.Serializable {

    /** Allowed deviation of Σ p_i from 1: wide enough for sums of 17-digit decimals, tight enough to catch errors. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    public MixingMeasure {
        if (weights == null || experts == null) {
            throw new IllegalArgumentException("weights and experts: must not be null");
        }
        if (weights.length == 0) {
            throw new InvalidParameterException("experts", "must have at least one expert, got none");
        }
        if (weights.length != experts.size()) {
            throw new InvalidParameterException("weights", "must have one entry per expert (" + experts.size()
                    + "), got " + weights.length);
        }
        weights = weights.clone();
        experts = List.copyOf(experts);
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0) || !(weights[i] <= 1)) {
                throw new InvalidParameterException("experts[" + i + "].weight",
                        "must be in (0, 1], got " + weights[i]);
            }
            sum += weights[i];
        }
        if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE)) {
            throw new InvalidParameterException("weights", "must sum to 1, got " + sum);
        }
        int d = experts.get(0).dimension();
        for (int i = 1; i < experts.size(); i++) {
            if (experts.get(i).dimension() != d) {
                throw new InvalidParameterException("experts[" + i + "].slope", "must have dimension " + d
                        + " like experts[0], got " + experts.get(i).dimension());
            }
        }
    }

    /** A copy of the weights. */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    public double weight(int i) {
        return weights[i];
    }

    public Expert expert(int i) {
        return experts.get(i);
    }

    /** Number of atoms k. */
    public int size() {
        return weights.length;
    }

    /** Covariate dimension d. */
    public int dimension() {
        return experts.get(0).dimension();
    }

    /** log Σ_i p_i φ(y; a_iᵀx + b_i, σ_i), by log-sum-exp. */
    public double logDensity(double[] x, double y) {
        double[] terms = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            terms[i] = Math.log(weights[i]) + experts.get(i).logDensity(x, y);
        }
        return LogSumExp.of(terms, terms.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixingMeasure m && Arrays.equals(weights, m.weights) && experts.equals(m.experts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + experts.hashCode();
    }

    @Override
    public String toString() {
        return "MixingMeasure[weights=" + Arrays.toString(weights) + ", experts=" + experts + "]";
    }
}
