package org.dgmoe.core.em.gated;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;

/** Gated truths of every family, and their data (all fixed seeds). */
final class GatedFixtures {
    private GatedFixtures() {
    }

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** Two experts, d = 1, well separated: y ≈ −2x + 1 and y ≈ 2x − 1. */
    static List<Expert> twoExperts() {
        return List.of(new Expert(new double[] {-2.0}, 1.0, 0.1), new Expert(new double[] {2.0}, -1.0, 0.2));
    }

    static GaussianLinearG0 g0() {
        return new GaussianLinearG0(new double[] {0.5}, -2.5, 0.2);
    }

    /** Softmax gate: expert 2 takes over as x grows (π_2(x) = 1/(1 + e^−(3x + 0.5))). */
    static SoftmaxGating softmaxGate() {
        return new SoftmaxGating(new double[][] {{0.0}, {3.0}}, new double[] {0.0, 0.5});
    }

    static GaussianGating gaussianGate() {
        return new GaussianGating(new double[] {0.4, 0.6}, new double[][] {{-1.0}, {1.0}},
                new double[][][] {{{0.3}}, {{0.5}}});
    }

    /** The softmax-gated MoE, no g0. */
    static GatedModel softmax() {
        return new GatedModel(new ConstantDeviation(1), softmaxGate(), twoExperts(), NoG0.INSTANCE);
    }

    /** Softmax gate, sigmoid λ(x) = 1/(1 + e^−(1.5x + 0.3)), a Gaussian linear g0. */
    static GatedModel softmaxSigmoid() {
        return new GatedModel(new SigmoidDeviation(new double[] {1.5}, 0.3), softmaxGate(), twoExperts(), g0());
    }

    /** The softmax-contaminated MoE: one prompt expert, sigmoid λ(x), g0 the frozen expert. */
    static GatedModel contaminated() {
        return new GatedModel(new SigmoidDeviation(new double[] {2.0}, 0.0), new ConstantGating(new double[] {1.0}),
                List.of(new Expert(new double[] {1.0}, 2.0, 0.3)), g0());
    }

    /** Gaussian gate, no g0. */
    static GatedModel gaussian() {
        return new GatedModel(new ConstantDeviation(1), gaussianGate(), twoExperts(), NoG0.INSTANCE);
    }

    /** Gaussian gate, constant λ = 0.7, a Gaussian linear g0. */
    static GatedModel gaussianDeviated() {
        return new GatedModel(new ConstantDeviation(0.7), gaussianGate(), twoExperts(), g0());
    }

    /** Constant weights (0.4, 0.6), λ = 0.7, a Gaussian linear g0: the deviated model of reference §1. */
    static GatedModel constant() {
        return new GatedModel(new ConstantDeviation(0.7), new ConstantGating(new double[] {0.4, 0.6}), twoExperts(),
                g0());
    }

    static List<GatedModel> all() {
        return List.of(constant(), softmax(), softmaxSigmoid(), contaminated(), gaussian(), gaussianDeviated());
    }

    /** n points from {@code truth}: x ~ U(−2, 2), or the Gaussian gate's own law of x. */
    static Dataset simulate(GatedModel truth, int n, long seed) {
        if (truth.gating() instanceof GaussianGating g) {
            return Simulator.simulate(g, truth, n, rng(seed));
        }
        return Simulator.simulate(new UniformCovariates(new double[] {-2.0}, new double[] {2.0}), truth, n, rng(seed));
    }
}
