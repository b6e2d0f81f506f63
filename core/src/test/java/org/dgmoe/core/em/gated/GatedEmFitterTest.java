package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.StopRule;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;

class GatedEmFitterTest {

    /** Tight absolute rule: |Δ objective| < 1e-10 and scaled step < 1e-8, plain EM, up to 50 000 steps. */
    static final EmSettings TIGHT = new EmSettings(50_000, 1e-10, EmSettings.DEFAULT_VARIANCE_FLOOR, true,
            StopRule.ABSOLUTE, 1e-8, Acceleration.NONE);

    @Test
    void thePassIsTheModelsLogLikelihoodAndItsResponsibilitiesSumToOne() {
        for (GatedModel truth : GatedFixtures.all()) {
            Dataset data = GatedFixtures.simulate(truth, 700, 11);
            double[] logG0 = null;
            if (!truth.g0().isNone()) {
                logG0 = new double[data.size()];
                truth.g0().logDensities(data, logG0);
            }
            GatedPass pass = new GatedPass(data, truth.size(), logG0);
            double ll = pass.run(truth);
            // Same formula, different summation order of the same terms: 1e-12 relative.
            assertEquals(truth.logLikelihood(data), ll, 1e-12 * Math.abs(ll), truth.toString());
            for (int p = 0; p < data.size(); p++) {
                double s = 0;
                for (double[] column : pass.r) {
                    s += column[p];
                }
                assertEquals(1.0, s, 1e-13, "point " + p + " of " + truth);
            }
        }
    }

    @Test
    void theObjectiveNeverDecreases() {
        for (GatedModel truth : GatedFixtures.all()) {
            Dataset data = GatedFixtures.simulate(truth, 1500, 12);
            List<Double> seen = new ArrayList<>();
            GatedEmFitter fitter = new GatedEmFitter(TIGHT.withMaxIterations(400));
            GatedFitResult fit = fitter.fit(data, perturbed(truth), seen::add);
            assertTrue(seen.size() > 2, truth + ": " + fit.status());
            for (int t = 1; t < seen.size(); t++) {
                // A GEM step never lowers the objective; rounding of a sum of 1500 logs is below 1e-12 relative.
                assertTrue(seen.get(t) >= seen.get(t - 1) - 1e-12 * Math.abs(seen.get(t - 1)),
                        truth + ": step " + t + " went from " + seen.get(t - 1) + " to " + seen.get(t));
            }
        }
    }

    @Test
    void theConstantFamilyReachesTheMaximumOfTheDeviatedFitter() {
        GatedModel truth = GatedFixtures.constant();
        Dataset data = GatedFixtures.simulate(truth, 3000, 13);
        GatedModel start = perturbed(truth);
        GatedFitResult gated = new GatedEmFitter(TIGHT).fit(data, start);
        FitResult plain = new EmFitter(EmSettings.DEFAULTS.withTolerance(1e-11)).fit(data, start.asDeviated());
        assertEquals(FitStatus.CONVERGED, gated.status());
        assertEquals(FitStatus.CONVERGED, plain.status());
        // Both stop within ~1e-10 of the same maximum in ℓ (a sum over 3000 points, ≈ −4·10³): 1e-8 absolute
        // leaves room for plain EM's linear tail; parameters, whose error is ~ sqrt(ℓ gap / curvature), to 1e-4.
        assertEquals(plain.logLikelihood(), gated.logLikelihood(), 1e-8);
        DeviatedModel g = gated.model().asDeviated();
        DeviatedModel p = plain.model();
        assertEquals(p.lambda(), g.lambda(), 1e-4);
        assertArrayEquals(p.mixing().weights(), g.mixing().weights(), 1e-4);
        for (int i = 0; i < truth.size(); i++) {
            Expert a = g.mixing().expert(i);
            Expert b = p.mixing().expert(i);
            assertArrayEquals(b.slope(), a.slope(), 1e-4);
            assertEquals(b.intercept(), a.intercept(), 1e-4);
            assertEquals(b.variance(), a.variance(), 1e-4);
        }
    }

    @Test
    void aConstantGatedModelDrawsTheDeviatedModelsData() {
        GatedModel truth = GatedFixtures.constant();
        UniformCovariates law = new UniformCovariates(new double[] {-2.0}, new double[] {2.0});
        Dataset a = Simulator.simulate(law, truth, 500, GatedFixtures.rng(5));
        Dataset b = Simulator.simulate(law, truth.asDeviated(), 500, GatedFixtures.rng(5));
        assertArrayEquals(b.ys(), a.ys(), 0.0);
        assertArrayEquals(b.column(0), a.column(0), 0.0);
    }

    @Test
    void aFitFromAPerturbedStartRecoversTheTruth() {
        for (GatedModel truth : GatedFixtures.all()) {
            Dataset data = GatedFixtures.simulate(truth, 20_000, 21);
            GatedFitResult fit = new GatedEmFitter(TIGHT.withMaxIterations(5000)).fit(data, perturbed(truth));
            assertEquals(FitStatus.CONVERGED, fit.status(), truth.toString());
            GatedCoordinates u = new GatedCoordinates(truth, true);
            double[] want = u.pack(truth);
            double[] got = u.pack(fit.model());
            double[] from = u.pack(perturbed(truth));
            for (int m = 0; m < want.length; m++) {
                // Every coordinate of the start is at least 0.2 from the truth (perturbed()); at n = 2·10⁴ the
                // largest error seen is 0.14 (the softmax gate's slope beside a sigmoid λ, the coordinate with the
                // largest standard error, ≈ 0.05), so 0.18 separates "recovered" from "stayed at the start".
                assertTrue(Math.abs(from[m] - want[m]) >= 0.2 - 1e-12 || from[m] == want[m],
                        "start coordinate " + m);
                assertEquals(want[m], got[m], 0.18, truth + ": coordinate " + m + " of " + fit.model());
            }
        }
    }

    @Test
    void aGateThatRunsOffToInfinityIsARecordedStatus() {
        // Far-apart lines with tiny noise, and a step at x = 0 for a gate: the responsibilities are 0/1 and split
        // by the sign of x, so Σ r log π grows without bound as β → ∞ (no maximum). The fit must end with a
        // status and finite numbers, not an exception or a hang.
        GatedModel step = new GatedModel(new ConstantDeviation(1),
                new SoftmaxGating(new double[][] {{0.0}, {400.0}}, new double[] {0.0, 0.0}),
                List.of(new Expert(new double[] {0.0}, 10.0, 1e-4), new Expert(new double[] {0.0}, -10.0, 1e-4)),
                org.dgmoe.core.model.NoG0.INSTANCE);
        Dataset data = GatedFixtures.simulate(step, 2000, 31);
        GatedModel start = new GatedModel(step.deviation(),
                new SoftmaxGating(new double[][] {{0.0}, {2.0}}, new double[] {0.0, 0.0}), step.experts(), step.g0());
        GatedFitResult fit = new GatedEmFitter(TIGHT.withMaxIterations(2000)).fit(data, start);
        assertEquals(FitStatus.DEGENERATE, fit.status(), fit.toString());
        assertTrue(Double.isFinite(fit.logLikelihood()));
        assertEquals(fit.model().logLikelihood(data), fit.logLikelihood(), 1e-9 * Math.abs(fit.logLikelihood()));
    }

    /**
     * The truth with every parameter moved by at least 0.2 in its unconstrained coordinate: slopes and intercepts
     * by 0.2, variances ×1.3; constant λ to 0.6; a softmax gate and a sigmoid λ halved (scores 3 → 1.5, the
     * intercepts by ≥ 0.2); a Gaussian gate's means by 0.3, covariances ×1.5, weights to (0.5, 0.5).
     */
    static GatedModel perturbed(GatedModel truth) {
        List<Expert> experts = new ArrayList<>();
        for (Expert e : truth.experts()) {
            double[] a = e.slope();
            for (int j = 0; j < a.length; j++) {
                a[j] += 0.2;
            }
            experts.add(new Expert(a, e.intercept() - 0.2, e.variance() * 1.3));
        }
        Deviation deviation = truth.deviation();
        if (deviation instanceof ConstantDeviation c && !c.isOne()) {
            deviation = new ConstantDeviation(0.6);
        } else if (deviation instanceof SigmoidDeviation s) {
            deviation = new SigmoidDeviation(new double[] {s.slope(0) / 2}, s.intercept() + 0.3);
        }
        Gating gating = truth.gating();
        if (gating instanceof SoftmaxGating s) {
            double[][] slope = s.slope();
            double[] intercept = s.intercept();
            for (int i = 0; i < slope.length; i++) {
                slope[i][0] /= 2;
                intercept[i] = i == 0 ? 0 : intercept[i] - 0.3;
            }
            gating = new SoftmaxGating(slope, intercept);
        } else if (gating instanceof GaussianGating g) {
            int k = g.size();
            double[][] means = new double[k][];
            double[][][] cov = new double[k][][];
            double[] w = new double[k];
            for (int i = 0; i < k; i++) {
                means[i] = g.mean(i);
                means[i][0] += i % 2 == 0 ? 0.3 : -0.3;
                cov[i] = g.covariance(i);
                cov[i][0][0] *= 1.5;
                w[i] = 1.0 / k;
            }
            gating = new GaussianGating(w, means, cov);
        }
        return new GatedModel(deviation, gating, experts, truth.g0());
    }
}
