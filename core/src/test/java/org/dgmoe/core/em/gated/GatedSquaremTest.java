package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.SoftmaxGating;
import org.junit.jupiter.api.Test;

/** The gated fit's accelerations: {@link GatedSquarem} and {@link GatedNewtonPolish}. */
class GatedSquaremTest {
    private static final Acceleration[] ACCELERATED = {Acceleration.SQUAREM, Acceleration.SQUAREM_NEWTON};
    private static final Acceleration[] EVERY = {Acceleration.NONE, Acceleration.SQUAREM, Acceleration.SQUAREM_NEWTON,
        Acceleration.SQUAREM_S1, Acceleration.SQUAREM_S2};

    @Test
    void theAcceptedObjectiveNeverDecreasesUnderEveryAcceleration() {
        for (GatedModel truth : GatedFixtures.all()) {
            Dataset data = GatedFixtures.simulate(truth, 1500, 12);
            for (Acceleration a : EVERY) {
                List<Double> seen = new ArrayList<>();
                GatedFitResult fit = new GatedEmFitter(GatedEmFitterTest.TIGHT.withAcceleration(a)).fit(data,
                        GatedEmFitterTest.perturbed(truth), seen::add);
                assertEquals(FitStatus.CONVERGED, fit.status(), a + " " + truth);
                assertMonotone(seen, fit, a + " " + truth);
            }
        }
        // The over-fitted case, where extrapolations are rejected and the polish takes steps and probes.
        OverFitted o = new OverFitted();
        for (Acceleration a : ACCELERATED) {
            List<Double> seen = new ArrayList<>();
            GatedFitResult fit = new GatedEmFitter(EmSettings.DEFAULTS.withAcceleration(a)).fit(o.data, o.start,
                    seen::add);
            assertMonotone(seen, fit, a + " over-fitted");
        }
    }

    /** The listener heard the start and every accepted iterate, never a decrease, and last the result's. */
    private static void assertMonotone(List<Double> seen, GatedFitResult fit, String what) {
        assertEquals(fit.iterations() + 1, seen.size(), what);
        assertEquals(fit.objective(), seen.get(seen.size() - 1), 0.0, what);
        for (int t = 1; t < seen.size(); t++) {
            // Accepted iterates never lower the objective (GEM steps, extrapolations accepted only when not below
            // the cycle's start, Armijo steps); the only slack is the rounding of a sum of ≤ 3000 logs, below
            // 1e-12 relative.
            assertTrue(seen.get(t) >= seen.get(t - 1) - 1e-12 * Math.abs(seen.get(t - 1)),
                    what + ": iterate " + t + " went from " + seen.get(t - 1) + " to " + seen.get(t));
        }
    }

    @Test
    void acceleratedFitsReachThePlainEmMaximum() {
        for (GatedModel truth : GatedFixtures.all()) {
            Dataset data = GatedFixtures.simulate(truth, 2000, 14);
            GatedModel start = GatedEmFitterTest.perturbed(truth);
            GatedFitResult plain = new GatedEmFitter(GatedEmFitterTest.TIGHT).fit(data, start);
            assertEquals(FitStatus.CONVERGED, plain.status(), truth.toString());
            GatedCoordinates u = new GatedCoordinates(truth, true);
            double[] want = u.pack(plain.model());
            for (Acceleration a : ACCELERATED) {
                GatedFitResult fit = new GatedEmFitter(GatedEmFitterTest.TIGHT.withAcceleration(a)).fit(data, start);
                String what = a + " " + truth;
                assertEquals(FitStatus.CONVERGED, fit.status(), what);
                // Both stop at |Δ objective| < 1e-10 with k = k* (EM's rate well below 1), so they are ~1e-10 from
                // the same maximum: 1e-7 absolute on ℓ (a sum over 2000 points) leaves a 1000× margin and still
                // tells a neighbouring stationary point apart.
                assertEquals(plain.logLikelihood(), fit.logLikelihood(), 1e-7, what);
                assertEquals(plain.objective(), fit.objective(), 1e-7, what);
                // Parameters, in u (log variances, i.e. relative; gates with expert 1 at zero): their error is of
                // order sqrt(ℓ gap / curvature) ≲ 1e-5, so 1e-4.
                double[] got = u.pack(fit.model());
                for (int m = 0; m < want.length; m++) {
                    assertEquals(want[m], got[m], 1e-4, what + ": coordinate " + m);
                }
            }
        }
    }

    /** The authors' over-fitted setting: k = 3 atoms near a k* = 2 softmax truth, n = 3000 (GatedStartsTest's). */
    private static final class OverFitted {
        final GatedModel truth = GatedFixtures.softmax();
        final Dataset data = GatedFixtures.simulate(truth, 3000, 43);
        final GatedModel start = GatedStarts.nearTruth(NearTruthStart.DEFAULTS, truth, 3, data.size(),
                GatedFixtures.rng(44));
    }

    @Test
    void anOverFittedSoftmaxFitTakesFiveTimesFewerEvaluations() {
        OverFitted o = new OverFitted();
        EmSettings defaults = EmSettings.DEFAULTS;
        GatedFitResult plain = new GatedEmFitter(defaults.withAcceleration(Acceleration.NONE)).fit(o.data, o.start);
        assertEquals(FitStatus.CONVERGED, plain.status());
        assertEquals(plain.iterations(), plain.evaluations(), "plain EM: one M-step per iteration");
        for (Acceleration a : ACCELERATED) {
            GatedFitResult fit = new GatedEmFitter(defaults.withAcceleration(a)).fit(o.data, o.start);
            assertEquals(FitStatus.CONVERGED, fit.status(), a.toString());
            // Counts, not time: plain EM crawls along the over-fitted valley (≈ 2200 M-steps here).
            assertTrue(5L * fit.evaluations() <= plain.evaluations(),
                    a + ": " + fit.evaluations() + " evaluations against plain EM's " + plain.evaluations());
            // The default rule (|Δℓ| < 1e-8 per step) stops plain EM on the valley with a predicted gain of ~1e-7
            // left (its certificate); 1e-6 absolute says "the same maximum" with that slack.
            assertEquals(plain.logLikelihood(), fit.logLikelihood(), 1e-6, a.toString());
        }
    }

    @Test
    void aCertifiedPolishReportsTheCertificateOfTheEstimate() {
        OverFitted o = new OverFitted();
        GatedFitResult fit = new GatedEmFitter(EmSettings.DEFAULTS).fit(o.data, o.start);
        assertEquals(FitStatus.CONVERGED, fit.status());
        Certificate c = fit.certificate();
        // Ended by the polish: its last analysis was at the estimate, reused with no pass after the iteration.
        assertEquals(0, c.passes(), c.toString());
        assertTrue(c.hessianNegativeDefinite() && c.newtonGain() <= EmSettings.DEFAULT_ABSOLUTE_TOLERANCE, c.toString());
        // The same analysis GatedCertificate makes at the estimate, bit for bit (the same code on the same pass).
        GatedModel template = new GatedModel(o.start.deviation(), ((SoftmaxGating) o.start.gating()).normalised(),
                o.start.experts(), o.start.g0());
        Certificate at = GatedCertificate.at(new GatedPass(o.data, 3, null), fit.model(),
                new GatedCoordinates(template, true));
        assertEquals(at.newtonGain(), c.newtonGain(), 0.0);
        assertEquals(at.hessianNegativeDefinite(), c.hessianNegativeDefinite());
    }

    @Test
    void noAccelerationIsPlainEmStepByStep() {
        GatedModel truth = GatedFixtures.softmaxSigmoid();
        Dataset data = GatedFixtures.simulate(truth, 1000, 15);
        GatedModel start = GatedEmFitterTest.perturbed(truth);
        GatedFitResult fit = new GatedEmFitter(GatedEmFitterTest.TIGHT).fit(data, start);
        double[] logG0 = new double[data.size()];
        truth.g0().logDensities(data, logG0);
        GatedPass pass = new GatedPass(data, truth.size(), logG0);
        GatedModel theta = new GatedModel(start.deviation(), ((SoftmaxGating) start.gating()).normalised(),
                start.experts(), start.g0());
        GatedMStep mstep = new GatedMStep(pass, theta, true, EmSettings.DEFAULT_VARIANCE_FLOOR);
        double ll = pass.run(theta);
        for (int t = 0; t < fit.iterations(); t++) {
            theta = mstep.apply(theta);
            ll = pass.run(theta);
        }
        // The M-step and the pass themselves, iteration for iteration: equal to the last bit.
        assertEquals(theta, fit.model());
        assertEquals(ll, fit.logLikelihood(), 0.0);
        assertEquals(fit.iterations(), fit.evaluations());
    }

    @Test
    void theCapBoundsEvaluationsAndTheResultIsItsModel() {
        OverFitted o = new OverFitted();
        for (Acceleration a : ACCELERATED) {
            // 7: inside the first cycles; 60: SQUAREM mid-run; 135: the first polish (from 8·13 = 104 evaluations,
            // with room for its 2·13 + 1 passes) runs into the cap or certifies just before it.
            for (int cap : new int[] {7, 60, 135}) {
                GatedFitResult fit = new GatedEmFitter(EmSettings.DEFAULTS.withAcceleration(a).withMaxIterations(cap))
                        .fit(o.data, o.start);
                String what = a + " cap " + cap;
                assertTrue(fit.evaluations() <= cap, what + ": " + fit.evaluations());
                assertTrue(fit.status() == FitStatus.MAX_ITERATIONS
                        || cap == 135 && a == Acceleration.SQUAREM_NEWTON && fit.status() == FitStatus.CONVERGED, what);
                // ℓ is exactly the reported model's (the same pass formula summed in another order: 1e-12 relative).
                assertEquals(fit.model().logLikelihood(o.data), fit.logLikelihood(),
                        1e-12 * Math.abs(fit.logLikelihood()), what);
            }
        }
    }

    @Test
    void daaremIsRefusedNamingTheKey() {
        for (Acceleration a : new Acceleration[] {Acceleration.DAAREM, Acceleration.DAAREM_NEWTON}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> new GatedEmFitter(EmSettings.DEFAULTS.withAcceleration(a)));
            assertEquals("accelerate", e.parameter());
            assertTrue(e.getMessage().contains(a.configName()), e.getMessage());
        }
    }
}
