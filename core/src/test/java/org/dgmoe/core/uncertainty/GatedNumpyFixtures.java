package org.dgmoe.core.uncertainty;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;

/**
 * The two gated truths of {@link GatedStandardErrorsNumpyTest} and the data written once from them (fixed seeds):
 * two experts y ≈ −2x + 1 and y ≈ 2x − 1 (variances 0.1, 0.2) beside the Gaussian linear g0 N(0.5x − 2.5, 0.2).
 */
final class GatedNumpyFixtures {
    private GatedNumpyFixtures() {
    }

    static List<Expert> experts() {
        return List.of(new Expert(new double[] {-2.0}, 1.0, 0.1), new Expert(new double[] {2.0}, -1.0, 0.2));
    }

    static GaussianLinearG0 g0() {
        return new GaussianLinearG0(new double[] {0.5}, -2.5, 0.2);
    }

    /** Softmax gate π_2(x) = 1/(1 + e^−(3x + 0.5)), sigmoid λ(x) = 1/(1 + e^−(1.5x + 0.3)). */
    static GatedModel softmax() {
        return new GatedModel(new SigmoidDeviation(new double[] {1.5}, 0.3),
                new SoftmaxGating(new double[][] {{0.0}, {3.0}}, new double[] {0.0, 0.5}), experts(), g0());
    }

    /** Gaussian gates w = (0.4, 0.6), c = (−1, 1), Γ = (0.3, 0.5); constant λ = 0.7. */
    static GatedModel gaussian() {
        return new GatedModel(new ConstantDeviation(0.7), new GaussianGating(new double[] {0.4, 0.6},
                new double[][] {{-1.0}, {1.0}}, new double[][][] {{{0.3}}, {{0.5}}}), experts(), g0());
    }

    /** The data of the softmax truth (x ~ U(−2, 2)) or the Gaussian one (x from its gates' law), n = 600. */
    static Dataset simulate(GatedModel truth, long seed) {
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        if (truth.gating() instanceof GaussianGating g) {
            return Simulator.simulate(g, truth, 600, rng);
        }
        return Simulator.simulate(new UniformCovariates(new double[] {-2.0}, new double[] {2.0}), truth, 600, rng);
    }
}
