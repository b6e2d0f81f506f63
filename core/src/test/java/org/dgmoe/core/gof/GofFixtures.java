package org.dgmoe.core.gof;

import java.util.List;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;

/** Data sets and g0s of the gof tests; the small data set and g0s are those of gof_reference.py. */
final class GofFixtures {
    private GofFixtures() {
    }

    static final double[] X = {0.1, 0.35, 0.5, 0.72, 0.9, 0.05, 0.63, 0.27, 0.81, 0.44};
    static final double[] Y = {0.9, 1.1, 1.45, 2.3, 1.9, 0.2, 1.7, 1.0, 2.6, 1.3};

    /** Adaptive statistics of a null refit whose test does not look at them. */
    static final AdaptiveStatistics NO_ADAPTIVE = new AdaptiveStatistics(0, 0, 0, 1, 0, 0);

    static Dataset small() {
        return new Dataset(1, X, Y);
    }

    static final G0 LINEAR = new GaussianLinearG0(new double[] {2}, 0.5, 0.25);
    static final G0 STUDENT = new StudentTG0(new double[] {1.5}, 0.2, 0.7, 3.5);
    static final G0 SIN = new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.SIN, new double[] {1.2, 3}, 0.5);

    /** g0 = N(x, 1) on x ~ U(−1, 1), deviated by λ·N(2x + 1, 0.25) (the baseline setting of the notes). */
    static final G0 NOTES_G0 = new GaussianLinearG0(new double[] {1}, 0, 1);

    static Dataset notes(double lambda, int n, long seed) {
        DeviatedModel truth = new DeviatedModel(lambda,
                new MixingMeasure(new double[] {1}, List.of(new Expert(new double[] {2}, 1, 0.25))), NOTES_G0);
        return Simulator.simulate(new UniformCovariates(new double[] {-1}, new double[] {1}), truth, n,
                Seeds.stream(seed, Seeds.Stream.DATA));
    }
}
