package org.dgmoe.core.model;

import org.dgmoe.core.ConfigNamed;

/**
 * How the experts share a point x: the gating weights π_i(x) ≥ 0, Σ_i π_i(x) = 1, of the gated model
 * {@code p(y|x) = (1 − λ(x)) g0(y|x) + λ(x) Σ_i π_i(x) φ(y; a_iᵀx + b_i, σ_i)} ({@link GatedModel}).
 * Immutable values; the fitter that estimates them lives in {@code core.em.gated}.
 */
public sealed interface Gating extends java.io.Serializable permits ConstantGating, SoftmaxGating, GaussianGating {

    /** The gating families; {@code gating.type} names one ({@link ConfigNamed}). */
    enum Type implements ConfigNamed {
        /** {@link ConstantGating}: π_i(x) = p_i, the deviated model of reference §1. */
        CONSTANT,
        /** {@link SoftmaxGating}: π_i(x) ∝ exp(β_iᵀx + β_i0). */
        SOFTMAX,
        /** {@link GaussianGating}: π_i(x) ∝ w_i N(x; c_i, Γ_i). */
        GAUSSIAN
    }

    /** This gating's family. */
    Type type();

    /** Number of experts k. */
    int size();

    /** Covariate dimension d. */
    int dimension();

    /**
     * Fills {@code out[i] = log π_i(x)} for i &lt; k (normalised: log Σ_i π_i(x) = 0 up to rounding).
     *
     * @param out written, length ≥ k
     */
    void logWeights(double[] x, double[] out);
}
