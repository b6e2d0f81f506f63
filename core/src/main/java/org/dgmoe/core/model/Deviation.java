package org.dgmoe.core.model;

import org.dgmoe.core.ConfigNamed;

/**
 * The deviation weight λ(x) ∈ [0, 1] of the gated model: the probability that y comes from the experts
 * rather than from g0 ({@link GatedModel}). Immutable values.
 */
public sealed interface Deviation extends java.io.Serializable permits ConstantDeviation, SigmoidDeviation {

    /** The deviation families; {@code deviation.type} names one ({@link ConfigNamed}). */
    enum Type implements ConfigNamed {
        /** {@link ConstantDeviation}: λ(x) = λ, reference §1. */
        CONSTANT,
        /** {@link SigmoidDeviation}: λ(x) = 1/(1 + exp(−(γᵀx + γ0))). */
        SIGMOID
    }

    /** This deviation's family. */
    Type type();

    /** Covariate dimension d, or 0 when λ does not look at x. */
    int dimension();

    /** log λ(x) (−∞ where λ(x) = 0). */
    double logWeight(double[] x);

    /** log(1 − λ(x)) (−∞ where λ(x) = 1). */
    double logComplement(double[] x);

    /** λ(x). */
    default double weight(double[] x) {
        return Math.exp(logWeight(x));
    }

    /** True when λ(x) = 1 for every x: g0 never generates. */
    boolean isOne();
}
