package org.dgmoe.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.Information;
import org.dgmoe.core.em.ObservedInformation.Coordinate;
import org.dgmoe.core.em.ReportedParameter;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.em.gated.GatedInformation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.GatedModel;
import org.junit.jupiter.api.Test;

/**
 * The reliability notes of a gated fit's standard errors (docs/uncertainty.md, "Gated fits"): the spurious rule
 * and the over-fitted note mark an expert's gate with its atom; λ(x)'s boundary note from its share λ̄ = (1/N) Σ
 * λ̂(x_n) marks every parameter near 0 and the deviation's coefficients near 1; a variance at the floor has no
 * standard error.
 */
class GatedStandardErrorsTest {
    @Test
    void theSpuriousRuleMarksAnExpertsGateWithItsAtomAndOverFittingMarksEverything() throws Exception {
        Dataset data = GatedStandardErrorsNumpyTest.data("softmax");
        GatedEmFitter fitter = new GatedEmFitter(EmSettings.DEFAULTS);
        GatedFitResult fit = fitter.fit(data, GatedNumpyFixtures.softmax());
        GatedInformation info = fitter.observedInformation(data, fit);
        StandardErrors se = StandardErrors.of(info, fit.status(), new Caveats(new boolean[] {false, true}, "why", 0),
                0.95);
        List<Integer> expert2 = new ArrayList<>();
        for (int i = 0; i < se.size(); i++) {
            if (se.parameter(i).expert() == 1) {
                expert2.add(i);
            }
        }
        // expert 2's gate contrast (slope, intercept), slope, intercept, variance
        assertEquals(5, expert2.size());
        StandardErrors.Note near = se.notes().stream().filter(n -> n.reason() == Unreliable.NEAR_DEGENERATE)
                .findFirst().orElseThrow();
        assertEquals(expert2, near.parameters());
        assertEquals("experts[1].gate.slope[0]", se.name(expert2.get(0)));
        StandardErrors over = StandardErrors.of(info, fit.status(), new Caveats(new boolean[2], "", 1), 0.95);
        assertEquals(se.size(), over.notes().stream().filter(n -> n.reason() == Unreliable.OVER_FITTED)
                .findFirst().orElseThrow().parameters().size());
    }

    /** A λ(x) by x with one coefficient, no expert: −H = 1, J = 1, and λ̄ with ∂λ̄/∂u = g. */
    private record Share(double share, double g) implements Information {
        @Override
        public int experts() {
            return 1;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public int size() {
            return 2;
        }

        @Override
        public ReportedParameter parameter(int index) {
            return parameters().get(index);
        }

        @Override
        public List<ReportedParameter> parameters() {
            return List.of(new ReportedParameter("lambda.intercept", ReportedParameter.Range.REAL, -1, "λ(x) intercept",
                    new int[0]), new ReportedParameter("experts[0].intercept", ReportedParameter.Range.REAL, 0,
                    "intercept", new int[0]));
        }

        @Override
        public int lambdaParameter() {
            return -1;
        }

        @Override
        public boolean computed() {
            return true;
        }

        @Override
        public double[] estimate() {
            return new double[] {0.0, 1.0};
        }

        @Override
        public Coordinate coordinate(int index) {
            return Coordinate.FREE;
        }

        @Override
        public double[][] information() {
            return new double[][] {{1, 0}, {0, 1}};
        }

        @Override
        public double[][] jacobian() {
            return new double[][] {{1, 0}, {0, 1}};
        }

        @Override
        public double[] deviationShare() {
            return new double[] {share, g, 0};
        }
    }

    @Test
    void aShareOfDeviatingDataWithinZStandardErrorsOf0MarksEverythingAndOf1TheDeviation() {
        // se(λ̄) = |g| = 0.1; z = 1.96: λ̄ = 0.15 is within 0.196 of 0, 0.85 of 1, 0.5 of neither
        StandardErrors low = StandardErrors.of(new Share(0.15, 0.1), FitStatus.CONVERGED, Caveats.none(1), 0.95);
        assertEquals(List.of(Unreliable.LAMBDA_NEAR_BOUNDARY), low.reasons(1));
        StandardErrors high = StandardErrors.of(new Share(0.85, 0.1), FitStatus.CONVERGED, Caveats.none(1), 0.95);
        assertEquals(List.of(Unreliable.LAMBDA_NEAR_BOUNDARY), high.reasons(0));
        assertTrue(high.reliable(1));
        StandardErrors middle = StandardErrors.of(new Share(0.5, 0.1), FitStatus.CONVERGED, Caveats.none(1), 0.95);
        assertTrue(middle.notes().isEmpty(), middle.notes()::toString);
    }

    @Test
    void aVarianceAtTheFloorHasNoStandardErrorAndTheRestKeepTheirs() throws Exception {
        Dataset data = GatedStandardErrorsNumpyTest.data("gaussian");
        GatedEmFitter fitter = new GatedEmFitter(EmSettings.DEFAULTS);
        GatedFitResult fit = fitter.fit(data, GatedNumpyFixtures.gaussian());
        // a floor at expert 1's fitted variance: the information drops that coordinate
        double floor = fit.model().expert(0).variance();
        GatedEmFitter floored = new GatedEmFitter(EmSettings.DEFAULTS.withVarianceFloor(floor));
        StandardErrors se = StandardErrors.of(floored.observedInformation(data, fit), FitStatus.CONVERGED,
                Caveats.none(2), 0.95);
        GatedModel m = fit.model();
        int variance = se.parameters().indexOf(se.parameters().stream()
                .filter(p -> p.path().equals("experts[0].variance")).findFirst().orElseThrow());
        assertEquals(List.of(Unreliable.AT_BOUND), se.reasons(variance));
        assertTrue(Double.isNaN(se.standardErrors()[variance]));
        assertEquals("experts[1].gate.weight", se.name(variance + 1));
        assertTrue(se.standardErrors()[variance + 1] > 0, "expert 2's gate weight keeps its standard error");
        assertEquals(2, m.size());
    }
}
