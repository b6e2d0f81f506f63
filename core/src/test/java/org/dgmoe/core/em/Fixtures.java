package org.dgmoe.core.em;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;

/** Shared truths and data for the EM tests (all fixed seeds). */
final class Fixtures {
    private Fixtures() {
    }

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    static double[] repeat(double v, int d) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** k* = 2 well-separated experts on x ∈ [0, 1]^d. */
    static MixingMeasure twoExperts(int d) {
        return new MixingMeasure(new double[] {0.4, 0.6}, List.of(
                new Expert(repeat(2.0, d), 1.0, 0.05),
                new Expert(repeat(-1.5, d), -0.5, 0.1)));
    }

    static G0 studentT(int d) {
        return new StudentTG0(repeat(0.5, d), -2.5, 0.4, 3);
    }

    static G0 nonlinear() {
        return new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.SIN, new double[] {1.0, 6.0}, 0.1);
    }

    static G0 gaussianLinear(int d) {
        return new GaussianLinearG0(repeat(0.5, d), -2.5, 0.2);
    }

    static DeviatedModel truth(G0 g0, int d, double lambda) {
        return new DeviatedModel(g0.isNone() ? 1.0 : lambda, twoExperts(d), g0);
    }

    static DeviatedModel none(int d) {
        return truth(NoG0.INSTANCE, d, 1.0);
    }

    static Dataset simulate(DeviatedModel truth, int n, long seed) {
        int d = truth.dimension();
        return Simulator.simulate(new UniformCovariates(new double[d], repeat(1.0, d)), truth, n, rng(seed));
    }
}
