package org.dgmoe.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.em.ParameterBounds;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The standard errors' intervals, statuses and reliability notes (docs/uncertainty.md). */
class StandardErrorsTest {
    private static final EmFitter FITTER = new EmFitter(EmSettings.DEFAULTS);
    private static Dataset data;
    private static FitResult fit;
    private static ObservedInformation information;

    @BeforeAll
    static void fit() {
        data = Simulator.simulate(Quickstart.COVARIATES, Quickstart.truth(), 1000, 7L);
        fit = FITTER.fit(data, Quickstart.truth());
        information = FITTER.observedInformation(data, fit);
    }

    private static StandardErrors of(ObservedInformation info, FitStatus status, Caveats caveats) {
        return StandardErrors.of(info, status, caveats, 0.95);
    }

    @Test
    void intervalsAreWaldOnTheirScaleAndStayInTheParameterSpace() {
        StandardErrors se = of(information, fit.status(), Caveats.none(2));
        double z = 1.959963984540054; // qnorm(0.975) in R
        double[] est = se.estimate();
        double[] s = se.standardErrors();
        double[] lo = se.lower();
        double[] hi = se.upper();
        for (int i = 0; i < se.size(); i++) {
            String name = StandardErrors.name(2, 1, i);
            assertTrue(s[i] > 0 && lo[i] < est[i] && est[i] < hi[i], name);
            IntervalScale scale = IntervalScale.of(2, 1, i);
            // 1e-12 relative: the same arithmetic up to rounding of the forward and inverse maps
            double half = z * s[i] * scale.slope(est[i]);
            assertEquals(scale.forward(est[i]) - half, scale.forward(lo[i]), 1e-12 * (1 + Math.abs(half)), name);
            assertEquals(scale.forward(est[i]) + half, scale.forward(hi[i]), 1e-12 * (1 + Math.abs(half)), name);
        }
        assertEquals(IntervalScale.LOGIT, IntervalScale.of(2, 1, 0));
        assertEquals(IntervalScale.LOGIT, IntervalScale.of(2, 1, 2));
        assertEquals(IntervalScale.IDENTITY, IntervalScale.of(2, 1, 3));
        assertEquals(IntervalScale.IDENTITY, IntervalScale.of(2, 1, 4));
        assertEquals(IntervalScale.LOG, IntervalScale.of(2, 1, 5));
        assertTrue(lo[0] > 0 && hi[0] < 1 && lo[5] > 0);
        // the weights sum to 1, so their standard errors are equal (to the rounding of the delta method)
        assertEquals(s[1], s[2], 1e-12 * s[1]);
        StandardErrors narrower = StandardErrors.of(information, fit.status(), Caveats.none(2), 0.9);
        assertTrue(narrower.upper()[3] - narrower.lower()[3] < hi[3] - lo[3]);
        assertEquals("lambda", StandardErrors.name(2, 1, 0));
        assertEquals("experts[1].weight", StandardErrors.name(2, 1, 2));
        assertEquals("experts[0].slope[0]", StandardErrors.name(2, 1, 3));
        assertEquals("experts[1].intercept", StandardErrors.name(2, 1, 7));
        assertEquals("experts[1].variance", StandardErrors.name(2, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> StandardErrors.of(information, fit.status(),
                Caveats.none(2), 1.0));
    }

    @Test
    void aFixedLambdaHasNoStandardError() {
        EmFitter fixed = new EmFitter(EmSettings.DEFAULTS.withLambdaFree(false));
        FitResult f = fixed.fit(data, Quickstart.truth());
        StandardErrors se = of(fixed.observedInformation(data, f), f.status(), Caveats.none(2));
        assertTrue(Double.isNaN(se.standardErrors()[0]) && Double.isNaN(se.lower()[0]));
        assertEquals(List.of(Unreliable.NOT_ESTIMATED), se.reasons(0));
        for (int i = 1; i < se.size(); i++) {
            assertTrue(se.reliable(i) && se.standardErrors()[i] > 0, StandardErrors.name(2, 1, i));
        }
    }

    @Test
    void aSingleExpertsWeightIsNotEstimated() {
        DeviatedModel one = new DeviatedModel(0.5, new MixingMeasure(new double[] {1},
                List.of(new Expert(new double[] {0}, 0, 1))), Quickstart.truth().g0());
        FitResult f = FITTER.fit(data, one);
        StandardErrors se = of(FITTER.observedInformation(data, f), f.status(), Caveats.none(1));
        assertEquals(List.of(Unreliable.NOT_ESTIMATED), se.reasons(ObservedInformation.weightIndex(0)));
        assertTrue(se.reliable(0) && se.standardErrors()[0] > 0);
    }

    @Test
    void overFittedAndNearDegenerateMarkWithoutVoiding() {
        StandardErrors plain = of(information, fit.status(), Caveats.none(2));
        StandardErrors marked = of(information, fit.status(), new Caveats(new boolean[] {false, true},
                "its narrowest component's variance is 0.1 times the reference variance", 1));
        assertEquals(List.of(Unreliable.NEAR_DEGENERATE, Unreliable.OVER_FITTED), marked.notes().stream()
                .map(StandardErrors.Note::reason).toList());
        assertEquals(List.of(2, 6, 7, 8), marked.notes().get(0).parameters());
        assertEquals(List.of(Unreliable.OVER_FITTED), marked.reasons(0));
        assertEquals(List.of(Unreliable.NEAR_DEGENERATE, Unreliable.OVER_FITTED), marked.reasons(8));
        assertEquals(plain.standardErrors()[8], marked.standardErrors()[8]);
        assertFalse(marked.reliable(3));
    }

    @Test
    void aCappedFitIsMarkedNotConverged() {
        EmFitter capped = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(2));
        DeviatedModel far = Quickstart.truth().with(0.3, Quickstart.truth().mixing());
        FitResult f = capped.fit(data, far);
        assertEquals(FitStatus.MAX_ITERATIONS, f.status());
        StandardErrors se = of(capped.observedInformation(data, f), f.status(), Caveats.none(2));
        for (int i = 0; i < se.size(); i++) {
            assertTrue(se.reasons(i).contains(Unreliable.NOT_CONVERGED), StandardErrors.name(2, 1, i));
        }
    }

    @Test
    void aSaddlePointHasNoStandardErrors() {
        // Two identical experts stay identical under EM (equal responsibilities, equal M-steps): a saddle of ℓ
        // whose −H has a direction of non-positive curvature (separating the two), so no Cholesky factor.
        MixingMeasure twins = new MixingMeasure(new double[] {0.5, 0.5}, List.of(
                new Expert(new double[] {0}, 0, 1), new Expert(new double[] {0}, 0, 1)));
        FitResult f = FITTER.fit(data, Quickstart.truth().with(0.5, twins));
        StandardErrors se = of(FITTER.observedInformation(data, f), f.status(), Caveats.none(2));
        assertEquals(StandardErrors.Status.NOT_POSITIVE_DEFINITE, se.status(), () -> f + " " + se.notes());
        assertEquals(Unreliable.HESSIAN_NOT_NEGATIVE_DEFINITE, se.notes().get(0).reason());
        for (double s : se.standardErrors()) {
            assertTrue(Double.isNaN(s));
        }
    }

    /** A fit of λ* to {@code n} points of seed {@code seed}, started at λ = {@code start}; its standard errors. */
    private static StandardErrors lambdaFit(double lambdaStar, double start, int n, long seed) {
        DeviatedModel truth = Quickstart.truth().with(lambdaStar, Quickstart.truth().mixing());
        Dataset d = Simulator.simulate(Quickstart.COVARIATES, truth, n, seed);
        FitResult f = FITTER.fit(d, Quickstart.truth().with(start, Quickstart.truth().mixing()));
        assertEquals(FitStatus.CONVERGED, f.status());
        return of(FITTER.observedInformation(d, f), f.status(), Caveats.none(2));
    }

    @Test
    void lambdaNearZeroMarksEveryParameter() {
        // Data from g0 alone (λ* = 0), n = 1000, seed 1: λ̂ = 0.085 with a standard error of 0.072
        StandardErrors se = lambdaFit(0, 0.05, 1000, 1);
        double lambda = se.estimate()[0];
        double s = se.standardErrors()[0];
        assertTrue(lambda - 1.96 * s <= 0, lambda + " " + s);
        for (int i = 0; i < se.size(); i++) {
            assertEquals(List.of(Unreliable.LAMBDA_NEAR_BOUNDARY), se.reasons(i), StandardErrors.name(2, 1, i));
        }
        assertTrue(se.lower()[0] > 0, "the logit-scale interval stays inside (0, 1)");
        assertTrue(of(information, fit.status(), Caveats.none(2)).notes().isEmpty(), "λ̂ = 0.5: no note");
    }

    @Test
    void lambdaNearOneMarksLambdaAlone() {
        // λ* = 0.97, n = 1000, seed 1: λ̂ = 0.970 with a standard error of 0.024
        StandardErrors se = lambdaFit(0.97, 0.95, 1000, 1);
        assertTrue(se.estimate()[0] + 1.96 * se.standardErrors()[0] >= 1);
        assertEquals(List.of(Unreliable.LAMBDA_NEAR_BOUNDARY), se.reasons(0));
        assertEquals(List.of(0), se.notes().get(0).parameters());
        assertTrue(se.upper()[0] < 1);
    }

    @Test
    void aVarianceAtItsBoundHasNoStandardError() {
        // every variance at least 0.3 of the responses' sample variance: above the true variances (0.09, 0.16), so
        // expert 1's fitted variance ends at the bound, where the certificate holds it fixed (expert 2, which
        // absorbs more of g0's tails, ends above it)
        EmFitter bounded = new EmFitter(EmSettings.DEFAULTS.withBounds(new ParameterBounds(0.3, 0)));
        FitResult f = bounded.fit(data, Quickstart.truth());
        StandardErrors se = of(bounded.observedInformation(data, f), f.status(), Caveats.none(2));
        assertEquals(List.of(Unreliable.AT_BOUND), se.notes().stream().map(StandardErrors.Note::reason).toList());
        assertEquals(List.of(5), se.notes().get(0).parameters());
        assertTrue(Double.isNaN(se.standardErrors()[5]) && Double.isNaN(se.upper()[5]));
        assertTrue(se.estimate()[8] > se.estimate()[5] && se.standardErrors()[8] > 0);
        assertTrue(se.standardErrors()[0] > 0 && se.standardErrors()[4] > 0);
    }

    @Test
    void aFailedFitHasNoStandardErrors() {
        StandardErrors se = of(information, FitStatus.DEGENERATE, Caveats.none(2));
        assertEquals(StandardErrors.Status.NO_HESSIAN, se.status());
        assertEquals(List.of(Unreliable.NO_HESSIAN), se.reasons(3));
        for (double s : se.standardErrors()) {
            assertTrue(Double.isNaN(s));
        }
    }
}
