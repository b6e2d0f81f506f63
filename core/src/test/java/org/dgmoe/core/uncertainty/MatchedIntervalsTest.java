package org.dgmoe.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.loss.CellError;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * Wald intervals matched to the truth's atoms by the Voronoi cells (docs/uncertainty.md, "Coverage"): a cell of
 * one atom gives that atom's intervals, an over-fitted cell its nearest atom's location and variance and the
 * delta-method interval of its mass, an empty cell none. Data of the quickstart's truth, n = 2000, fixed seeds.
 */
class MatchedIntervalsTest {
    static final int N = 2000;
    static final EmFitter FITTER = new EmFitter(EmSettings.DEFAULTS);
    static final LossCalculator LOSSES = new LossCalculator(LossSettings.DEFAULTS);

    static Dataset data(long replicate) {
        return Simulator.simulate(Quickstart.COVARIATES, Quickstart.truth(), N, Seeds.taskSeed(7, "matched", N,
                (int) replicate));
    }

    @Test
    void anExactFitsCellsGiveItsOwnIntervals() {
        DeviatedModel truth = Quickstart.truth();
        // the start lists the experts in the other order, so atom j of the truth is fitted expert 1 − j
        DeviatedModel start = truth.with(0.5, new MixingMeasure(new double[] {0.5, 0.5},
                List.of(truth.mixing().expert(1), truth.mixing().expert(0))));
        Dataset data = data(1);
        FitResult fit = FITTER.fit(data, start);
        assertEquals(FitStatus.CONVERGED, fit.status());
        StandardErrors se = StandardErrors.of(FITTER.observedInformation(data, fit), fit.status(), new Caveats(
                new boolean[2], "", 2), 0.95);
        LossReport cells = LOSSES.compute(fit.model(), truth, Quickstart.COVARIATES);
        MatchedIntervals m = MatchedIntervals.wald(se, fit.model(), truth, cells);
        assertEquals(ObservedInformation.size(2, 1), m.size());
        double[] lo = se.lower();
        double[] hi = se.upper();
        int[] fittedOf = {0, 2, 1, 6, 7, 8, 3, 4, 5}; // λ, the weights swapped, then atom 1 ← expert 2's a, b, σ
        for (int t = 0; t < m.size(); t++) {
            assertEquals(lo[fittedOf[t]], m.lower()[t], 0.0, "parameter " + t);
            assertEquals(hi[fittedOf[t]], m.upper()[t], 0.0, "parameter " + t);
            assertEquals("", m.notes()[t], "parameter " + t);
        }
    }

    @Test
    void anOverFittedCellGivesItsNearestAtomAndTheIntervalOfItsMass() {
        DeviatedModel truth = Quickstart.truth();
        Expert a = truth.mixing().expert(0);
        // true atom 1 split in two, a little apart, so EM keeps them apart (the quickstart's over-fit start)
        DeviatedModel start = truth.with(0.5, new MixingMeasure(new double[] {0.25, 0.25, 0.5}, List.of(
                new Expert(new double[] {-2.1}, 1.05, 0.08), new Expert(new double[] {-1.9}, 0.95, 0.1),
                truth.mixing().expert(1))));
        Dataset data = data(2);
        FitResult fit = FITTER.fit(data, start);
        StandardErrors se = StandardErrors.of(FITTER.observedInformation(data, fit), fit.status(), new Caveats(
                new boolean[3], "", 2), 0.95);
        assertEquals(StandardErrors.Status.COMPUTED, se.status(), "the information must be invertible here");
        LossReport cells = LOSSES.compute(fit.model(), truth, Quickstart.COVARIATES);
        assertArrayEquals(new int[] {0, 1}, cells.cells().get(0).members());
        MatchedIntervals m = MatchedIntervals.wald(se, fit.model(), truth, cells);
        int nearest = LossCalculator.atomDistance(fit.model().mixing().expert(0), a)
                <= LossCalculator.atomDistance(fit.model().mixing().expert(1), a) ? 0 : 1;
        for (int c = 0; c < 3; c++) { // a, b, σ of atom 1 ← the nearest member's
            int t = ObservedInformation.slopeIndex(2, 1, 0, 0) + c;
            int f = ObservedInformation.slopeIndex(3, 1, nearest, 0) + c;
            assertEquals(se.lower()[f], m.lower()[t], 0.0);
            assertEquals(se.upper()[f], m.upper()[t], 0.0);
            assertEquals("over-fitted+shared-cell", m.notes()[t]);
        }
        double[] mass = se.weightSumInterval(new int[] {1, 2});
        assertEquals(mass[2], m.lower()[1], 0.0);
        assertEquals(mass[3], m.upper()[1], 0.0);
        assertEquals(fit.model().mixing().weight(0) + fit.model().mixing().weight(1), mass[0], 1e-15);
        assertTrue(mass[2] < mass[0] && mass[0] < mass[3], "the interval holds the cell's mass");
        // atom 2's cell has one atom: its own intervals, marked by the over-fitted model only
        assertEquals(se.lower()[ObservedInformation.varianceIndex(3, 1, 2)], m.lower()[8], 0.0);
        assertEquals("over-fitted", m.notes()[8]);
        // The weights sum to 1, so the delta method must give their sum no variance: Σ_ab Cov(p_a, p_b) = 0 up to
        // rounding (the Jacobian's weight rows sum to 0 exactly, the covariance entries are O(1e-3)).
        assertEquals(0, se.weightSumInterval(new int[] {1, 2, 3})[1], 1e-7);
        // and a pair's variance is the sum of its entries: Var(p1 + p2) = Var(p3) here
        assertEquals(se.standardErrors()[3], mass[1], 1e-9);
    }

    @Test
    void anEmptyCellHasNoIntervalAndIsMarked() {
        DeviatedModel truth = Quickstart.truth();
        Dataset data = data(3);
        FitResult fit = FITTER.fit(data, truth);
        StandardErrors se = StandardErrors.of(FITTER.observedInformation(data, fit), fit.status(), new Caveats(
                new boolean[2], "", 2), 0.95);
        // cells as if both fitted atoms sat in atom 2's cell
        LossReport cells = new LossReport(0, 0, 1, 0, 0, List.of(new CellError(1, new int[0], 0.25, 0, 0, 0),
                new CellError(2, new int[] {0, 1}, 0, 0, 0, 0)), null);
        MatchedIntervals m = MatchedIntervals.wald(se, fit.model(), truth, cells);
        for (int t : new int[] {1, 3, 4, 5}) {
            assertTrue(Double.isNaN(m.lower()[t]) && Double.isNaN(m.upper()[t]), "parameter " + t);
            assertEquals(MatchedIntervals.EMPTY_CELL, m.notes()[t]);
        }
        // atom 2 gets expert 2 (its own, the nearer) and the mass of both, which is 1 with no variance
        assertEquals(se.lower()[ObservedInformation.slopeIndex(2, 1, 1, 0)], m.lower()[6], 0.0);
        assertEquals(MatchedIntervals.SHARED_CELL, m.notes()[6]);
        assertEquals(se.lower()[0], m.lower()[0], 0.0);
        assertEquals("", m.notes()[0]);
    }
}
