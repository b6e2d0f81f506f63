package org.dgmoe.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.NoG0;
import org.junit.jupiter.api.Test;

/** Known answers of the near-degeneracy diagnostics, and the residual scale against numpy. */
class NearDegeneracyTest {

    private static DeviatedModel model(double lambda, double[] weights, double... variances) {
        List<Expert> experts = new java.util.ArrayList<>();
        for (int i = 0; i < variances.length; i++) {
            experts.add(new Expert(new double[] {i}, -i, variances[i]));
        }
        return new DeviatedModel(lambda, new MixingMeasure(weights, experts),
                lambda == 1 ? NoG0.INSTANCE : new GaussianLinearG0(new double[] {0.5}, 0, 1.0));
    }

    @Test
    void smallestWeightItsPointsAndTheSmallestVarianceRatio() {
        DeviatedModel fit = model(0.5, new double[] {0.7, 0.25, 0.05}, 0.1, 0.09, 0.0045);
        NearDegeneracy d = NearDegeneracy.of(fit, 1000, 0.09);
        assertEquals(0.05, d.minWeight(), 0);
        assertEquals(0.05 * 0.5 * 1000, d.minPoints(), 1e-12); // 25 points: enough
        assertEquals(0.05, d.minVarianceRatio(), 1e-15); // 0.0045 / 0.09: far narrower than the truth
        assertTrue(d.spurious());
        // the same shape with a variance at the truth's scale carries enough points: regular
        NearDegeneracy regular = NearDegeneracy.of(model(0.5, new double[] {0.7, 0.25, 0.05}, 0.1, 0.09, 0.08), 1000,
                0.09);
        assertFalse(regular.spurious());
        // ... until n is so small that the smallest component rests on 2.5 points
        NearDegeneracy few = NearDegeneracy.of(model(0.5, new double[] {0.7, 0.25, 0.05}, 0.1, 0.09, 0.08), 100, 0.09);
        assertEquals(2.5, few.minPoints(), 1e-12);
        assertTrue(few.spurious());
    }

    @Test
    void theExpertsTheRuleMarks() {
        // expert 3 too narrow (0.0045 / 0.09 = 0.05 of the reference); expert 2 carries 0.01 · 0.5 · 1000 = 5 points
        DeviatedModel fit = model(0.5, new double[] {0.79, 0.01, 0.2}, 0.1, 0.09, 0.0045);
        NearDegeneracy d = NearDegeneracy.of(fit, 1000, 0.09);
        assertTrue(java.util.Arrays.equals(new boolean[] {false, true, true}, d.experts(fit, 1000)));
        DeviatedModel regular = model(0.5, new double[] {0.7, 0.25, 0.05}, 0.1, 0.09, 0.08);
        assertTrue(java.util.Arrays.equals(new boolean[3], NearDegeneracy.of(regular, 1000, 0.09).experts(regular,
                1000)));
    }

    @Test
    void theThresholdsAreStrict() {
        // exactly MIN_POINTS points and exactly MIN_VARIANCE_RATIO: not below either
        double ratio = NearDegeneracy.MIN_VARIANCE_RATIO;
        NearDegeneracy edge = NearDegeneracy.of(model(1, new double[] {0.5, 0.5}, 1.0, ratio), 20, 1.0);
        assertEquals(NearDegeneracy.MIN_POINTS, edge.minPoints(), 0);
        assertFalse(edge.spurious(), edge.toString());
        assertTrue(NearDegeneracy.of(model(1, new double[] {0.5, 0.5}, 1.0, ratio), 19, 1.0).spurious());
        assertTrue(NearDegeneracy.of(model(1, new double[] {0.5, 0.5}, 1.0, Math.nextDown(ratio)), 20, 1.0)
                .spurious());
    }

    @Test
    void referenceVarianceIsTheTruthsSmallestIncludingAGaussianG0() {
        assertEquals(0.09, NearDegeneracy.referenceVariance(GatedModel.of(model(1, new double[] {0.5, 0.5}, 0.16, 0.09))), 0);
        DeviatedModel narrowG0 = new DeviatedModel(0.5, new MixingMeasure(new double[] {1},
                List.of(new Expert(new double[] {1}, 0, 0.2))), new GaussianLinearG0(new double[] {0}, 0, 0.05));
        assertEquals(0.05, NearDegeneracy.referenceVariance(GatedModel.of(narrowG0)), 0);
    }

    /** x_i = (i/7, sin i), y_i = 1.5 − 2 x_i1 + 0.5 x_i2 + cos(3i)/4, i = 0..11. */
    private static Dataset data(int d) {
        int n = 12;
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i / 7.0;
            if (d == 2) {
                x[n + i] = Math.sin(i);
            }
            y[i] = 1.5 - 2.0 * (i / 7.0) + 0.5 * Math.sin(i) + Math.cos(3.0 * i) / 4.0;
        }
        return new Dataset(d, x, y);
    }

    @Test
    void residualVarianceMatchesNumpy() {
        // python3 core/src/test/python/near_degeneracy_reference.py (numpy.linalg.lstsq, an SVD); both
        // computations are backward stable on 12 well-conditioned points, so 1e-12 relative is ample.
        assertEquals(0.041103645684078954, NearDegeneracy.residualVariance(data(2)), 1e-12 * 0.0411);
        assertEquals(0.16040767053346944, NearDegeneracy.residualVariance(data(1)), 1e-12 * 0.160);
    }

    @Test
    void withoutATruthTheReferenceIsTheDatasResidualVariance() {
        DeviatedModel one = model(1, new double[] {1}, 0.5);
        // y on (1, x): 1, 3, 2, 7 at x = 0..3 has RSS 6.3 on 2 degrees of freedom (numpy.linalg.lstsq)
        Dataset scattered = new Dataset(1, new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 7});
        NearDegeneracy d = NearDegeneracy.ofData(one, scattered, 1e-6);
        assertEquals(0.5 / (6.3 / 2), d.minVarianceRatio(), 1e-12);
        assertEquals(NearDegeneracy.of(one, 4, NearDegeneracy.residualVariance(scattered)), d);
        // a constant covariate: y on 1 alone, the sample variance of 1, 3, 2, 7 (= 6.916666...)
        Dataset constantX = new Dataset(1, new double[] {2, 2, 2, 2}, new double[] {1, 3, 2, 7});
        assertEquals(0.5 / (83.0 / 12), NearDegeneracy.ofData(one, constantX, 1e-6).minVarianceRatio(), 1e-12);
    }

    @Test
    void dataOnOneLineMakeEveryFitSpuriousWithoutARatio() {
        DeviatedModel atFloor = model(1, new double[] {0.5, 0.5}, 1e-6, 1e-6);
        double[] x = new double[40];
        double[] flat = new double[40];
        double[] line = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1 * i;
            flat[i] = 0.1; // its mean is not exactly 0.1 in floating point: RSS is tiny, not 0
            line[i] = 1 + 3 * x[i];
        }
        for (Dataset data : List.of(new Dataset(1, x, flat), new Dataset(1, x, line),
                new Dataset(1, new double[] {0, 1}, new double[] {1, 2}))) {
            NearDegeneracy d = NearDegeneracy.ofData(atFloor, data, 1e-6);
            assertTrue(d.spurious(), d.toString());
            assertTrue(Double.isNaN(d.minVarianceRatio()), d.toString());
            assertEquals(0.5 * data.size(), d.minPoints(), 1e-12);
            assertTrue(d.why().startsWith("the data lie on one line"), d.why());
        }
        // a scatter the floor cannot resolve is the same case
        double[] tiny = new double[40];
        for (int i = 0; i < tiny.length; i++) {
            tiny[i] = 1e-4 * (i % 2);
        }
        assertTrue(Double.isNaN(NearDegeneracy.ofData(atFloor, new Dataset(1, x, tiny), 1e-6).minVarianceRatio()));
        assertTrue(NearDegeneracy.ofData(atFloor, new Dataset(1, x, tiny), 1e-9).minVarianceRatio() > 0);
        // NaN is a ratio only of a spurious fit
        assertThrows(IllegalArgumentException.class, () -> new NearDegeneracy(0.5, 20, Double.NaN, false));
        assertEquals("", NearDegeneracy.of(model(1, new double[] {1}, 1.0), 100, 1.0).why());
    }

    @Test
    void misuseIsRefusedWithTheArgumentNamed() {
        assertThrows(IllegalArgumentException.class, () -> NearDegeneracy.of(model(1, new double[] {1}, 1.0), 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> NearDegeneracy.of(model(1, new double[] {1}, 1.0), 10, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> NearDegeneracy.residualVariance(new Dataset(1, new double[] {0, 1}, new double[] {1, 2})));
        // y exactly linear in x
        IllegalArgumentException exact = assertThrows(IllegalArgumentException.class,
                () -> NearDegeneracy.residualVariance(new Dataset(1, new double[] {0, 1, 2, 3},
                        new double[] {1, 3, 5, 7})));
        assertTrue(exact.getMessage().startsWith("data:"), exact.getMessage());
        // a constant covariate is collinear with the intercept
        assertThrows(IllegalArgumentException.class, () -> NearDegeneracy.residualVariance(
                new Dataset(1, new double[] {2, 2, 2, 2}, new double[] {1, 3, 2, 7})));
    }
}
