package org.dgmoe.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.junit.jupiter.api.Test;

/** The expected Hellinger distance of gated models: each covariate point's conditional law, as a deviated model. */
class GatedHellingerTest {
    static final List<Expert> EXPERTS = List.of(new Expert(new double[] {-2.0}, 1.0, 0.1),
            new Expert(new double[] {2.0}, -1.0, 0.2));
    static final GaussianLinearG0 G0 = new GaussianLinearG0(new double[] {0.5}, -2.5, 0.2);

    static List<GatedModel> models() {
        SoftmaxGating softmax = new SoftmaxGating(new double[][] {{0.0}, {3.0}}, new double[] {0.0, 0.5});
        GaussianGating gaussian = new GaussianGating(new double[] {0.4, 0.6}, new double[][] {{-1.0}, {1.0}},
                new double[][][] {{{0.3}}, {{0.5}}});
        return List.of(
                new GatedModel(new ConstantDeviation(1), softmax, EXPERTS, NoG0.INSTANCE),
                new GatedModel(new SigmoidDeviation(new double[] {1.5}, 0.3), softmax, EXPERTS, G0),
                new GatedModel(new ConstantDeviation(0.7), gaussian, EXPERTS, G0),
                new GatedModel(new SigmoidDeviation(new double[] {2.0}, 0.0), new ConstantGating(new double[] {1.0}),
                        List.of(EXPERTS.get(0)), G0));
    }

    /** The same model with every expert's intercept moved by {@code by}. */
    static GatedModel moved(GatedModel m, double by) {
        List<Expert> experts = m.experts().stream().map(e -> new Expert(e.slope(), e.intercept() + by, e.variance()))
                .toList();
        return new GatedModel(m.deviation(), m.gating(), experts, m.g0());
    }

    static ExpectedHellinger design(int points) {
        double[] xs = new double[points];
        new UniformCovariates(new double[] {-2.0}, new double[] {2.0}).fill(points,
                RandomSource.XO_RO_SHI_RO_128_PP.create(3), xs);
        return new ExpectedHellinger(xs, points, 1, LossSettings.DEFAULTS.hellingerQuadratureNodes(),
                LossSettings.DEFAULTS.hellingerRelativeTolerance());
    }

    @Test
    void theConditionalLawAtAPointIsTheModelsDensityThere() {
        for (GatedModel m : models()) {
            for (double x : new double[] {-1.7, 0.0, 0.4, 1.9}) {
                double[] point = {x};
                for (double y : new double[] {-3.0, -0.5, 1.0, 2.5}) {
                    // Two log-sum-exps of the same terms, the weights exponentiated once more: a few ulps of ℓ.
                    assertEquals(m.logDensity(point, y), m.at(point).logDensity(point, y), 1e-13, m + " at " + x);
                }
            }
        }
    }

    @Test
    void zeroAtTheTruthPositiveAndSymmetricAway() {
        ExpectedHellinger h = design(16);
        for (GatedModel m : models()) {
            assertEquals(0.0, h.distance(m, m), 0.0, m.toString());
            GatedModel away = moved(m, 0.3);
            double d = h.distance(away, m);
            assertTrue(d > 1e-3 && d < 1, m + ": " + d);
            // Quadrature to the settings' relative tolerance on each side: symmetric to well below it.
            assertEquals(d, h.distance(m, away), 1e-9 * d, m.toString());
            assertTrue(h.distance(moved(m, 0.1), m) < d, "nearer is smaller: " + m);
        }
    }

    @Test
    void aConstantGatedModelIsMeasuredAsTheDeviatedModel() {
        ExpectedHellinger h = design(16);
        DeviatedModel p = new DeviatedModel(0.7, new MixingMeasure(new double[] {0.4, 0.6}, EXPERTS), G0);
        DeviatedModel q = moved(GatedModel.of(p), 0.2).asDeviated();
        // The same conditional laws, the same quadrature: bit for bit.
        assertEquals(h.distance(p, q), h.distance(GatedModel.of(p), GatedModel.of(q)), 0.0);
    }
}
