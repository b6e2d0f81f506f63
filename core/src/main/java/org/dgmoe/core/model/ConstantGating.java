package org.dgmoe.core.model;

import java.util.Arrays;
import org.dgmoe.core.InvalidParameterException;

/**
 * π_i(x) = p_i for every x: the experts' weights of the deviated model (reference §1), the same
 * numbers as {@link MixingMeasure#weights()}.
 */
public record ConstantGating(double[] weights) implements Gating {

    public ConstantGating {
        if (weights == null || weights.length == 0) {
            throw new InvalidParameterException("experts", "must have at least one expert, got none");
        }
        weights = weights.clone();
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0) || !(weights[i] <= 1)) {
                throw new InvalidParameterException("experts[" + i + "].weight", "must be in (0, 1], got " + weights[i]);
            }
            sum += weights[i];
        }
        if (!(Math.abs(sum - 1) <= MixingMeasure.WEIGHT_SUM_TOLERANCE)) {
            throw new InvalidParameterException("weights", "must sum to 1, got " + sum);
        }
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    public double weight(int i) {
        return weights[i];
    }

    @Override
    public Type type() {
        return Type.CONSTANT;
    }

    @Override
    public int size() {
        return weights.length;
    }

    /** Any: constant weights do not look at x. */
    @Override
    public int dimension() {
        return 0;
    }

    @Override
    public void logWeights(double[] x, double[] out) {
        for (int i = 0; i < weights.length; i++) {
            out[i] = Math.log(weights[i]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstantGating g && Arrays.equals(weights, g.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "ConstantGating[weights=" + Arrays.toString(weights) + "]";
    }
}
