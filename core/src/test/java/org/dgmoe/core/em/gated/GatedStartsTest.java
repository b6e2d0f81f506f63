package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.em.RandomStart;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.junit.jupiter.api.Test;

class GatedStartsTest {
    private static final NearTruthStart NOISE = NearTruthStart.DEFAULTS;
    /** The recipe with both noise scales 0: the start is the truth, its over-fitted cells split exactly. */
    private static final NearTruthStart NO_NOISE = new NearTruthStart(0, -0.083, 0, -0.25);
    private static final EmSettings PLAIN = EmSettings.DEFAULTS.withAcceleration(Acceleration.NONE);

    @Test
    void sameSeedSameStartBitForBitAndAnotherSeedAnother() {
        for (GatedModel truth : GatedFixtures.all()) {
            int k = truth.size() + 1;
            GatedModel a = GatedStarts.nearTruth(NOISE, truth, k, 1000, GatedFixtures.rng(3));
            assertEquals(a, GatedStarts.nearTruth(NOISE, truth, k, 1000, GatedFixtures.rng(3)), truth.toString());
            assertNotEquals(a, GatedStarts.nearTruth(NOISE, truth, k, 1000, GatedFixtures.rng(4)), truth.toString());
            Dataset data = GatedFixtures.simulate(truth, 300, 5);
            GatedModel r = GatedStarts.random(data, truth, k, EmSettings.DEFAULT_VARIANCE_FLOOR, GatedFixtures.rng(3));
            assertEquals(r, GatedStarts.random(data, truth, k, EmSettings.DEFAULT_VARIANCE_FLOOR,
                    GatedFixtures.rng(3)));
            assertNotEquals(r, GatedStarts.random(data, truth, k, EmSettings.DEFAULT_VARIANCE_FLOOR,
                    GatedFixtures.rng(4)));
        }
    }

    /** The documented order of draws, rebuilt by hand: experts as NearTruthStart, then gates atom by atom, then γ. */
    @Test
    void theDrawsComeInTheDocumentedOrder() {
        GatedModel truth = GatedFixtures.softmaxSigmoid();
        int k = 3;
        int n = 500;
        GatedModel start = GatedStarts.nearTruth(NOISE, truth, k, n, GatedFixtures.rng(8));
        UniformRandomProvider rng = GatedFixtures.rng(8);
        List<Expert> experts = NOISE.experts(truth.experts(), k, n, rng);
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        double sd = NOISE.locationSd(n);
        SoftmaxGating g = (SoftmaxGating) truth.gating();
        int[] m = {2, 1};
        double[][] slope = new double[k][1];
        double[] intercept = new double[k];
        for (int i = 0; i < k; i++) {
            int j = i % 2;
            slope[i][0] = g.slope(j, 0) + sd * z.sample();
            intercept[i] = g.intercept(j) - Math.log(m[j]) + sd * z.sample();
        }
        SigmoidDeviation s = (SigmoidDeviation) truth.deviation();
        double gamma = s.slope(0) + sd * z.sample();
        double gamma0 = s.intercept() + sd * z.sample();
        GatedModel expected = new GatedModel(new SigmoidDeviation(new double[] {gamma}, gamma0),
                new SoftmaxGating(slope, intercept), experts, truth.g0());
        assertEquals(expected, start);
        // And nothing more was drawn: the streams are at the same place.
        UniformRandomProvider again = GatedFixtures.rng(8);
        GatedStarts.nearTruth(NOISE, truth, k, n, again);
        assertEquals(rng.nextLong(), again.nextLong());
    }

    /** With zero noise an over-fitted cell's gate weights sum to the true atom's at every x. */
    @Test
    void anOverFittedCellKeepsTheTrueGateMass() {
        for (GatedModel truth : List.of(GatedFixtures.softmax(), GatedFixtures.gaussian())) {
            int k = 5;
            int[] assigned = NearTruthStart.assignment(k, 2);
            GatedModel start = GatedStarts.nearTruth(NO_NOISE, truth, k, 1000, GatedFixtures.rng(1));
            double[] logPi = new double[k];
            double[] logPiStar = new double[2];
            for (double x = -3; x <= 3; x += 0.25) {
                start.gating().logWeights(new double[] {x}, logPi);
                truth.gating().logWeights(new double[] {x}, logPiStar);
                double[] cell = new double[2];
                for (int i = 0; i < k; i++) {
                    cell[assigned[i]] += Math.exp(logPi[i]);
                }
                // A few exp/log roundings of O(1) numbers: 1e-12 absolute on weights in [0, 1].
                assertEquals(Math.exp(logPiStar[0]), cell[0], 1e-12, "cell 0 at x = " + x);
                assertEquals(Math.exp(logPiStar[1]), cell[1], 1e-12, "cell 1 at x = " + x);
            }
            if (start.gating() instanceof SoftmaxGating s) {
                // Atoms 0, 2, 4 split true atom 0 (β_0 = 0): Σ exp(β_i0) = exp(0); 1e-15 is a few roundings.
                assertEquals(1.0, Math.exp(s.intercept(0)) + Math.exp(s.intercept(2)) + Math.exp(s.intercept(4)),
                        1e-15);
                assertEquals(0.5, s.intercept(1) + Math.log(2), 1e-15);
            } else {
                GaussianGating gg = (GaussianGating) start.gating();
                // w_j*/m_j: 0.4/3 for atoms 0, 2, 4, 0.6/2 for atoms 1, 3 (one division each).
                assertArrayEquals(new double[] {0.4 / 3, 0.6 / 2, 0.4 / 3, 0.6 / 2, 0.4 / 3}, gg.weights(), 0.0);
                assertArrayEquals(new double[][] {{0.3}}, gg.covariance(4));
            }
        }
    }

    /**
     * The same seed draws the same standard normals at every n, so each gate and deviation coordinate's offset
     * from the truth scales exactly as (n₂/n₁)^locationExponent.
     */
    @Test
    void theNoiseShrinksWithN() {
        int n1 = 100;
        int n2 = 100_000;
        double ratio = Math.pow((double) n2 / n1, NOISE.locationExponent());
        for (GatedModel truth : List.of(GatedFixtures.softmaxSigmoid(), GatedFixtures.gaussian())) {
            int k = 3;
            double[] centre = gateCoordinates(GatedStarts.nearTruth(NO_NOISE, truth, k, n1, GatedFixtures.rng(2)));
            double[] small = gateCoordinates(GatedStarts.nearTruth(NOISE, truth, k, n1, GatedFixtures.rng(2)));
            double[] large = gateCoordinates(GatedStarts.nearTruth(NOISE, truth, k, n2, GatedFixtures.rng(2)));
            for (int c = 0; c < centre.length; c++) {
                double d1 = small[c] - centre[c];
                double d2 = large[c] - centre[c];
                assertTrue(d1 != 0, "coordinate " + c + " is perturbed");
                // The offsets are sd·z ≈ 1e-3 computed next to O(1) values: their rounding is ≈ 1e-16/1e-3 = 1e-13
                // relative, so 1e-9 is safe.
                assertEquals(ratio, d2 / d1, 1e-9 * ratio, "coordinate " + c);
            }
        }
    }

    /** Softmax (β_i, β_i0) or Gaussian c_i for every atom, then sigmoid (γ, γ0). */
    private static double[] gateCoordinates(GatedModel m) {
        double[] out = new double[3 * m.size() + 2];
        int p = 0;
        for (int i = 0; i < m.size(); i++) {
            if (m.gating() instanceof SoftmaxGating s) {
                out[p++] = s.slope(i, 0);
                out[p++] = s.intercept(i);
            } else {
                out[p++] = ((GaussianGating) m.gating()).mean(i)[0];
            }
        }
        if (m.deviation() instanceof SigmoidDeviation s) {
            out[p++] = s.slope(0);
            out[p++] = s.intercept();
        }
        return Arrays.copyOf(out, p);
    }

    @Test
    void theConstantFamilysStartsAreTheDeviatedModelsBitForBit() {
        GatedModel truth = GatedFixtures.constant();
        DeviatedModel deviated = NOISE.draw(truth.asDeviated(), 3, 500, GatedFixtures.rng(6));
        GatedModel gated = GatedStarts.nearTruth(NOISE, truth, 3, 500, GatedFixtures.rng(6));
        assertEquals(GatedModel.of(deviated), gated);
        assertEquals(deviated, gated.asDeviated());
        Dataset data = GatedFixtures.simulate(truth, 400, 7);
        DeviatedModel random = RandomStart.draw(data, truth.g0(), 3, 0.5, EmSettings.DEFAULT_VARIANCE_FLOOR,
                GatedFixtures.rng(6));
        assertEquals(GatedModel.of(random),
                GatedStarts.random(data, truth, 3, EmSettings.DEFAULT_VARIANCE_FLOOR, GatedFixtures.rng(6)));
    }

    @Test
    void randomStartsHaveTheDocumentedGatesAndDeviations() {
        GatedModel family = GatedFixtures.gaussianDeviated();
        Dataset data = GatedFixtures.simulate(family, 500, 9);
        int k = 4;
        GatedModel start = GatedStarts.random(data, family, k, EmSettings.DEFAULT_VARIANCE_FLOOR, GatedFixtures.rng(1));
        assertEquals(new ConstantDeviation(0.5), start.deviation());
        GaussianGating g = (GaussianGating) start.gating();
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, g.weights(), 0.0);
        double[] x = data.column(0);
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length;
        Set<Double> points = new HashSet<>();
        for (double v : x) {
            points.add(v);
        }
        Set<Double> means = new HashSet<>();
        for (int i = 0; i < k; i++) {
            assertTrue(points.contains(g.mean(i)[0]), "mean " + i + " is a data point");
            means.add(g.mean(i)[0]);
            // Same two-pass sum in the same order: exact.
            assertEquals(var + GaussianGateSolver.DEFAULT_COVARIANCE_FLOOR, g.covariance(i)[0][0], 0.0);
        }
        assertEquals(k, means.size(), "distinct points");
        GatedModel soft = GatedStarts.random(data, GatedFixtures.softmaxSigmoid(), k,
                EmSettings.DEFAULT_VARIANCE_FLOOR, GatedFixtures.rng(1));
        assertEquals(new SoftmaxGating(new double[k][1], new double[k]), soft.gating());
        assertEquals(new SigmoidDeviation(new double[1], 0.0), soft.deviation());
        // The experts are RandomStart's: the same first k permutations of the stream.
        assertEquals(start.experts(), soft.experts());
        assertEquals(new ConstantDeviation(1), GatedStarts.random(data, GatedFixtures.softmax(), k,
                EmSettings.DEFAULT_VARIANCE_FLOOR, GatedFixtures.rng(1)).deviation());
        Dataset tiny = GatedFixtures.simulate(family, 3, 9);
        assertThrows(IllegalArgumentException.class, () -> GatedStarts.random(tiny, family, 4,
                EmSettings.DEFAULT_VARIANCE_FLOOR, GatedFixtures.rng(1)));
        assertThrows(IllegalArgumentException.class, () -> GatedStarts.nearTruth(NOISE, family, 1, 100,
                GatedFixtures.rng(1)));
    }

    /** A random start of every family's own size reaches a converged fit of plain EM. */
    @Test
    void aRandomStartOfEveryFamilyConverges() {
        GatedEmFitter fitter = new GatedEmFitter(PLAIN);
        for (GatedModel truth : GatedFixtures.all()) {
            Dataset data = GatedFixtures.simulate(truth, 3000, 41);
            GatedModel start = GatedStarts.random(data, truth, truth.size(), EmSettings.DEFAULT_VARIANCE_FLOOR,
                    GatedFixtures.rng(42));
            GatedFitResult fit = fitter.fit(data, start);
            assertEquals(FitStatus.CONVERGED, fit.status(), truth + " → " + fit);
            assertTrue(fit.logLikelihood() > start.logLikelihood(data), "the fit improves on its start");
        }
    }

    /** The authors' over-fitted setting: k = 3 atoms started near a k* = 2 softmax-gated truth. */
    @Test
    void anOverFittedNearTruthStartConverges() {
        GatedModel truth = GatedFixtures.softmax();
        Dataset data = GatedFixtures.simulate(truth, 3000, 43);
        GatedModel start = GatedStarts.nearTruth(NOISE, truth, 3, data.size(), GatedFixtures.rng(44));
        GatedFitResult fit = new GatedEmFitter(PLAIN).fit(data, start);
        assertEquals(FitStatus.CONVERGED, fit.status(), fit.toString());
        assertEquals(3, fit.model().size());
    }
}
