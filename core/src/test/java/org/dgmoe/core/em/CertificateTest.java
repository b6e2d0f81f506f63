package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimality certificate's cost ({@link FitResult#certificatePasses}) and fitting without it
 * ({@link EmFitter#fitUncertified}, {@link EmFitter#certify}); docs/convergence.md.
 */
class CertificateTest {

    private static final EmSettings PLAIN = EmSettings.DEFAULTS.withAcceleration(Acceleration.NONE)
            .withMaxIterations(50_000);

    static Stream<Arguments> fits() {
        List<Arguments> out = new ArrayList<>();
        for (Acceleration a : Acceleration.values()) {
            out.add(Arguments.of(a, Fixtures.truth(Fixtures.studentT(1), 1, 0.5), 2, 1500));
            out.add(Arguments.of(a, Fixtures.truth(Fixtures.studentT(1), 1, 0.5), 3, 3000));
            out.add(Arguments.of(a, Fixtures.none(1), 3, 2000));
            out.add(Arguments.of(a, Fixtures.truth(Fixtures.gaussianLinear(2), 2, 0.6), 3, 2500));
        }
        return out.stream();
    }

    /** r: the coordinates NewtonPolish keeps at {@code model} (λ inside (0, 1), k − 1 weights, slopes, intercepts, variances off the floor). */
    private static int freeCoordinates(DeviatedModel model, boolean lambdaEntry, double floor) {
        int k = model.size();
        int r = (lambdaEntry && model.lambda() > 1e-12 && model.lambda() < 1 - 1e-12 ? 1 : 0) + (k - 1)
                + k * (model.dimension() + 1);
        for (int i = 0; i < k; i++) {
            if (model.mixing().expert(i).variance() - floor > 1e-6 * floor) {
                r++;
            }
        }
        return r;
    }

    /**
     * Plain EM: the certificate at the end of a fit costs exactly 2r passes (the last pass left the
     * statistics at the estimate), and the fit's passes are exactly 1 (the start) + em_evaluations +
     * certificate_passes.
     */
    @Test
    void plainEmPassesAreTheStartTheEvaluationsAndTheCertificate() {
        for (int k = 2; k <= 3; k++) {
            DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
            Dataset data = Fixtures.simulate(truth, 2000, 11 + k);
            DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, k, data.size(), Fixtures.rng(5));
            EmFitter fitter = new EmFitter(PLAIN);
            EmFitter.Run run = fitter.new Run(EmData.forStart(data, start), start, null, true);
            FitResult r = run.execute();
            assertEquals(FitStatus.CONVERGED, r.status());
            assertTrue(Double.isFinite(r.certificate().newtonGain()), r::toString);
            int free = freeCoordinates(r.model(), true, PLAIN.varianceFloor());
            assertEquals(2 * free, r.certificate().passes(), "k = " + k);
            assertEquals(1 + r.emEvaluations() + r.certificate().passes(), run.passes, "k = " + k);
        }
    }

    /**
     * Every scheme: certificate_passes is 2r (computed at the end) or, with the polish, 1 (its analysis
     * reused, one pass for the score); the fit's passes are exactly 1 + em_evaluations + certificate_passes
     * for plain EM and DAAREM (which counts every pass), and for SQUAREM lie between that and that plus one
     * per three evaluations (a rejected extrapolation's extra pass).
     */
    @ParameterizedTest(name = "{0} k={2} n={3}")
    @MethodSource("fits")
    void certificatePassesAreCountedExactly(Acceleration acceleration, DeviatedModel truth, int k, int n) {
        Dataset data = Fixtures.simulate(truth, n, 23);
        DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, k, n, Fixtures.rng(3));
        EmSettings settings = PLAIN.withAcceleration(acceleration);
        EmFitter.Run run = new EmFitter(settings).new Run(EmData.forStart(data, start), start, null, true);
        FitResult r = run.execute();
        assertTrue(r.status() == FitStatus.CONVERGED || r.status() == FitStatus.MAX_ITERATIONS, r::toString);
        int free = freeCoordinates(r.model(), run.lambdaEntry, settings.varianceFloor());
        boolean polish = acceleration == Acceleration.SQUAREM_NEWTON || acceleration == Acceleration.DAAREM_NEWTON;
        assertTrue(r.certificate().passes() == 2 * free || (polish && r.certificate().passes() == 1),
                r.certificate().passes() + " passes, r = " + free);
        int counted = 1 + r.emEvaluations() + r.certificate().passes();
        boolean daarem = acceleration == Acceleration.DAAREM || acceleration == Acceleration.DAAREM_NEWTON;
        if (acceleration == Acceleration.NONE || daarem) {
            assertEquals(counted, run.passes);
        } else {
            assertTrue(run.passes >= counted && run.passes <= counted + r.emEvaluations() / 3,
                    run.passes + " passes, counted " + counted);
        }
    }

    /**
     * A fit without the certificate is the fit but for it (NaN gain, not negative definite), and
     * certifying it afterwards gives the same newtonGain bit for bit, at 2r + 1 passes (0 more when the
     * polish's analysis is reused).
     */
    @ParameterizedTest(name = "{0} k={2} n={3}")
    @MethodSource("fits")
    void certifyingAfterwardsEqualsCertifyingInline(Acceleration acceleration, DeviatedModel truth, int k, int n) {
        Dataset data = Fixtures.simulate(truth, n, 23);
        DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, k, n, Fixtures.rng(3));
        EmFitter fitter = new EmFitter(PLAIN.withAcceleration(acceleration));
        FitResult inline = fitter.fit(data, start);
        UncertifiedFit without = fitter.fitUncertified(data, start);
        FitResult bare = without.result();
        assertTrue(Double.isNaN(bare.certificate().newtonGain()));
        assertFalse(bare.certificate().hessianNegativeDefinite());
        assertSameButCertificate(inline, bare);
        FitResult after = fitter.certify(data, without);
        assertSameButCertificate(inline, after);
        assertEquals(Double.doubleToRawLongBits(inline.certificate().newtonGain()), Double.doubleToRawLongBits(after.certificate().newtonGain()),
                inline.certificate().newtonGain() + " vs " + after.certificate().newtonGain());
        assertEquals(inline.certificate().hessianNegativeDefinite(), after.certificate().hessianNegativeDefinite());
        assertTrue(Double.isFinite(after.certificate().newtonGain()), "the fixtures' fits are certified: " + after);
        int extra = inline.certificate().passes() == 1 ? 0 : 1;
        assertEquals(inline.certificate().passes() + extra, after.certificate().passes());
        assertEquals(bare.certificate().passes() + (extra == 0 ? 0 : inline.certificate().passes() + 1),
                after.certificate().passes());
    }

    /** The over-fitted fits of the default at larger n, where the polish certifies: the same bit for bit. */
    @Test
    void certifyingAfterwardsEqualsInlineForPolishedFits() {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        EmFitter fitter = new EmFitter(EmSettings.DEFAULTS);
        int reused = 0;
        for (int seed = 0; seed < 6; seed++) {
            Dataset data = Fixtures.simulate(truth, 20_000, 100 + seed);
            DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, 3, data.size(), Fixtures.rng(seed));
            FitResult inline = fitter.fit(data, start);
            FitResult after = fitter.certify(data, fitter.fitUncertified(data, start));
            assertSameButCertificate(inline, after);
            assertEquals(Double.doubleToRawLongBits(inline.certificate().newtonGain()), Double.doubleToRawLongBits(after.certificate().newtonGain()));
            assertEquals(inline.certificate().hessianNegativeDefinite(), after.certificate().hessianNegativeDefinite());
            if (inline.certificate().passes() == 1) {
                reused++;
                assertEquals(1, after.certificate().passes());
            } else {
                assertEquals(inline.certificate().passes() + 1, after.certificate().passes());
            }
        }
        assertTrue(reused > 0, "some fit should end certified by the polish");
    }

    /** Tolerance 0 (benchmarks) and failed fits get no certificate: certify returns the fit as it is. */
    @Test
    void noCertificateWithoutTolerance() {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        Dataset data = Fixtures.simulate(truth, 1000, 4);
        DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, 3, data.size(), Fixtures.rng(4));
        for (Acceleration a : Acceleration.values()) {
            EmFitter fitter = new EmFitter(EmSettings.DEFAULTS.withAcceleration(a).withTolerance(0).withMaxIterations(60));
            FitResult inline = fitter.fit(data, start);
            assertEquals(0, inline.certificate().passes());
            assertTrue(Double.isNaN(inline.certificate().newtonGain()));
            UncertifiedFit without = fitter.fitUncertified(data, start);
            assertSame(without.result(), fitter.certify(data, without));
        }
    }

    @Test
    void certifyRefusesAFitOfAnotherFitterOrData() {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        Dataset data = Fixtures.simulate(truth, 500, 4);
        DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, 2, data.size(), Fixtures.rng(4));
        EmFitter fitter = new EmFitter(EmSettings.DEFAULTS);
        UncertifiedFit without = fitter.fitUncertified(data, start);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmFitter(EmSettings.DEFAULTS.withTolerance(1e-7)).certify(data, without));
        assertTrue(e.getMessage().contains("settings"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> fitter.certify(Fixtures.simulate(truth, 400, 4), without));
        assertTrue(e.getMessage().startsWith("data:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fitter.certify(data, null));
    }

    private static void assertSameButCertificate(FitResult a, FitResult b) {
        assertEquals(a.model(), b.model());
        assertEquals(Double.doubleToRawLongBits(a.logLikelihood()), Double.doubleToRawLongBits(b.logLikelihood()));
        assertEquals(a.iterations(), b.iterations());
        assertEquals(a.status(), b.status());
        assertEquals(a.emEvaluations(), b.emEvaluations());
        assertEquals(Double.doubleToRawLongBits(a.scoreNorm()), Double.doubleToRawLongBits(b.scoreNorm()));
        assertEquals(Double.doubleToRawLongBits(a.lastChange()), Double.doubleToRawLongBits(b.lastChange()));
        assertEquals(Double.doubleToRawLongBits(a.lastStep()), Double.doubleToRawLongBits(b.lastStep()));
        assertEquals(Double.doubleToRawLongBits(a.lastRelativeChange()),
                Double.doubleToRawLongBits(b.lastRelativeChange()));
    }
}
