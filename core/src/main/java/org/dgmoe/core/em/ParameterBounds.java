package org.dgmoe.core.em;

import org.dgmoe.core.InvalidParameterException;

/**
 * The compact parameter space of the theory (reference §1: Θ compact, variances bounded away from 0,
 * weights bounded away from 0), as an option of the fit: every fitted variance at least
 * {@code variance}·s²_y (s²_y the sample variance of the data's responses, so the bound follows the
 * data's scale and needs no truth) and every mixing weight p_i at least {@code weight}. Enforced in the
 * M-step, which then maximises the expected complete log-likelihood over the bounded set: variances are
 * floored (the objective is unimodal in σ), weights are the constrained maximiser
 * p_i = max(weight, W_i/ν) with ν making them sum to 1 (the KKT solution of max Σ W_i log p_i over
 * {p ≥ weight, Σp = 1}), so EM stays monotone from its first M-step on (a start outside the bounded set is mapped into it
 * by that step, which may lower ℓ). {@link #NONE} (both 0) is the default: the fit is then
 * bounded only by {@link EmSettings#varianceFloor()}.
 *
 * @param variance lower bound of every variance relative to the responses' sample variance, in [0, 1)
 * @param weight   lower bound of every mixing weight, in [0, 1); with k experts it must be below 1/k
 */
public record ParameterBounds(double variance, double weight) implements java.io.Serializable {
    /** No bounds beyond the variance floor. */
    public static final ParameterBounds NONE = new ParameterBounds(0, 0);

    public ParameterBounds {
        if (!(variance >= 0 && variance < 1)) {
            throw new InvalidParameterException("bounds.variance", "must be in [0, 1), got " + variance);
        }
        if (!(weight >= 0 && weight < 1)) {
            throw new InvalidParameterException("bounds.weight", "must be in [0, 1), got " + weight);
        }
    }

    /** Whether any bound is set. */
    public boolean active() {
        return variance > 0 || weight > 0;
    }
}
