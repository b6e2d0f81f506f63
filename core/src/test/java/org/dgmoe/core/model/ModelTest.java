package org.dgmoe.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void expertRejectsNonPositiveOrNaNVarianceNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Expert(new double[] {1}, 0, -0.2));
        assertEquals("variance: must be > 0 and finite, got -0.2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Expert(new double[] {1}, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Expert(new double[] {Double.NaN}, 0, 1));
    }

    @Test
    void expertCopiesItsSlope() {
        double[] a = {1, 2};
        Expert e = new Expert(a, 0, 1);
        a[0] = 99;
        assertEquals(1, e.slope()[0]);
        e.slope()[1] = 99;
        assertEquals(2, e.slope(1));
    }

    @Test
    void mixingMeasureChecksWeights() {
        Expert e = new Expert(new double[] {1}, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> new MixingMeasure(new double[] {0.5, 0.6}, List.of(e, e)));
        assertThrows(IllegalArgumentException.class, () -> new MixingMeasure(new double[] {1.0, 0.0}, List.of(e, e)));
        assertThrows(IllegalArgumentException.class, () -> new MixingMeasure(new double[] {1.0}, List.of(e, e)));
        assertThrows(IllegalArgumentException.class, () -> new MixingMeasure(new double[] {0.5, 0.5},
                List.of(e, new Expert(new double[] {1, 2}, 0, 1))));
    }

    @Test
    void deviatedModelChecksLambdaAndG0() {
        MixingMeasure g = new MixingMeasure(new double[] {1}, List.of(new Expert(new double[] {1}, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> new DeviatedModel(1.1, g, NoG0.INSTANCE));
        assertThrows(IllegalArgumentException.class, () -> new DeviatedModel(0.5, g, NoG0.INSTANCE));
        assertThrows(IllegalArgumentException.class,
                () -> new DeviatedModel(0.5, g, new GaussianLinearG0(new double[] {1, 2}, 0, 1)));
    }

    @Test
    void logDensityIsTheMixtureOfTheParts() {
        // p(y|x) = (1 − λ) t_3((y − 0.5x)/0.5)/0.5 + λ Σ p_i φ(y; a_i x + b_i, σ_i), computed directly.
        StudentTG0 g0 = new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3);
        MixingMeasure g = new MixingMeasure(new double[] {0.4, 0.6}, List.of(
                new Expert(new double[] {-2.0}, 1.0, 0.09), new Expert(new double[] {2.0}, -1.0, 0.16)));
        DeviatedModel m = new DeviatedModel(0.3, g, g0);
        double x = 0.7;
        TDistribution t = new TDistribution(3);
        for (double y : new double[] {-3, -0.5, 0, 0.4, 2.5, 40}) {
            double direct = 0.7 * t.density((y - 0.35) / 0.5) / 0.5
                    + 0.3 * (0.4 * new NormalDistribution(-2 * x + 1, 0.3).density(y)
                            + 0.6 * new NormalDistribution(2 * x - 1, 0.4).density(y));
            assertEquals(Math.log(direct), m.logDensity(new double[] {x}, y), 1e-12);
            assertEquals(0.7 * t.cumulativeProbability((y - 0.35) / 0.5)
                    + 0.3 * (0.4 * new NormalDistribution(-2 * x + 1, 0.3).cumulativeProbability(y)
                            + 0.6 * new NormalDistribution(2 * x - 1, 0.4).cumulativeProbability(y)),
                    m.cdf(new double[] {x}, y), 1e-12);
        }
    }

    @Test
    void logDensityStaysFiniteFarInTheTail() {
        // Far from every expert the Gaussian terms underflow; log-space keeps the value finite.
        MixingMeasure g = new MixingMeasure(new double[] {1}, List.of(new Expert(new double[] {0}, 0, 1e-4)));
        DeviatedModel m = new DeviatedModel(1, g, NoG0.INSTANCE);
        double v = m.logDensity(new double[] {0}, 10);
        assertEquals(-0.5 * (Math.log(2 * Math.PI * 1e-4) + 100 / 1e-4), v, 1e-9);
    }

    @Test
    void everyG0DensityIntegratesToOneAndMatchesItsCdf() {
        double[] x = {0.3};
        List<G0> g0s = List.of(new StudentTG0(new double[] {0.5}, 0.1, 0.5, 3),
                new GaussianLinearG0(new double[] {1.5}, -0.2, 0.3),
                new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.SIN, new double[] {1, 6}, 0.04),
                new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.QUADRATIC, new double[] {1, -1, 2}, 0.2),
                new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.EXP, new double[] {0.5, 1}, 0.1));
        SimpsonIntegrator simpson = new SimpsonIntegrator(1e-10, 1e-10, 3, 30);
        for (G0 g0 : g0s) {
            // ∫_{-2}^{1.5} g0 dy must equal F(1.5) − F(−2): checks density and cdf against each other.
            double integral = simpson.integrate(10_000_000, y -> Math.exp(g0.logDensity(x, y)), -2, 1.5);
            assertEquals(g0.cdf(x, 1.5) - g0.cdf(x, -2), integral, 1e-7, g0.type());
            assertTrue(g0.cdf(x, 1e6) > 1 - 1e-9, g0.type());
        }
    }

    @Test
    void nonlinearMeanFunctions() {
        double[] x = {0.2, 0.3}; // s = 0.5
        assertEquals(2 * Math.sin(3 * 0.5), new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.SIN,
                new double[] {2, 3}, 1).mean(x), 1e-15);
        assertEquals(1 - 0.5 + 2 * 0.25, new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.QUADRATIC,
                new double[] {1, -1, 2}, 1).mean(x), 1e-15);
        assertEquals(0.5 * Math.exp(0.5), new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.EXP,
                new double[] {0.5, 1}, 1).mean(x), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.SIN, new double[] {1}, 1));
        assertEquals("coefficients: function 'sin' takes 2 coefficients, got 1", e.getMessage());
    }

    @Test
    void logSumExp() {
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), LogSumExp.of(new double[] {1, 2, 3}, 3), 1e-15);
        assertEquals(1000 + Math.log(2), LogSumExp.of(new double[] {1000, 1000}, 2), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExp.of(new double[] {Double.NEGATIVE_INFINITY}, 1));
        assertTrue(Double.isNaN(LogSumExp.of(new double[] {1, Double.NaN}, 2)));
        assertEquals(Math.log(Math.exp(-1) + Math.exp(-3)), LogSumExp.of(-3, -1), 1e-15);
    }

    @Test
    void datasetIsColumnMajorAndImmutable() {
        Dataset d = Dataset.ofRows(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {7, 8, 9});
        assertEquals(3, d.size());
        assertEquals(2, d.dimension());
        assertEquals(4, d.x(1, 1));
        assertEquals(5, d.columnView()[2]);
        d.column(0)[0] = 99;
        d.ys()[0] = 99;
        assertEquals(1, d.x(0, 0));
        assertEquals(7, d.y(0));
    }
}
