package org.dgmoe.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.gof.PowerSummary;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.IntervalPlan;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.uncertainty.IntervalMethod;
import org.dgmoe.core.uncertainty.MatchedIntervals;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of {@code coverage/} against hand counts, and its Clopper–Pearson interval and binomial band
 * against scipy: {@code coverage_reference.py} beside this test computes them from scipy's beta and binomial
 * quantiles ({@code beta.ppf}, {@code binom.ppf}) and records them in {@code coverage_reference.out}. Tolerance
 * 1e-10 on the interval (Commons Statistics' and scipy's beta quantiles agree to a few ulps: measured 3e-17);
 * the band's quantiles are integers over R and must agree exactly.
 */
class CoverageSummaryTest {
    /** The quickstart's truth: λ* = 0.5, experts (−2, 1, 0.09) and (2, −1, 0.16) of weight 1/2, Student-t g0. */
    static final DeviatedModel TRUTH = new DeviatedModel(0.5, new MixingMeasure(new double[] {0.5, 0.5}, List.of(
            new Expert(new double[] {-2.0}, 1.0, 0.09), new Expert(new double[] {2.0}, -1.0, 0.16))),
            new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3));
    static final double[] VALUES = {0.5, 0.5, 0.5, -2.0, 1.0, 0.09, 2.0, -1.0, 0.16};

    static Setting setting(boolean lambdaFree, DeviatedModel truth) {
        FitSpec fit = new FitSpec(truth.size(), lambdaFree, Double.NaN, InitKind.NEAR_TRUTH, 1, EmSettings.DEFAULTS,
                NearTruthStart.DEFAULTS, null);
        return new Setting("exact", new UniformCovariates(new double[] {0}, new double[] {1}), truth, fit, Map.of());
    }

    static Study study(Setting setting, IntervalPlan plan) {
        return new Study("coverage", 1L, 5, new int[] {100}, List.of(setting), LossSettings.DEFAULTS, plan);
    }

    static final IntervalPlan WALD = new IntervalPlan(List.of(IntervalMethod.WALD), 0.95, 0);

    static FitRow fit(int replicate, MatchedIntervals intervals) {
        return new FitRow(new TaskId("coverage", "exact", 100, replicate, replicate),
                new FitDiagnostics(-100, 10, FitStatus.CONVERGED, 4, 0, 0, 0, 0, 10), 5,
                new FittedParameters(0.5, new double[] {0.5, 0.5}, new double[][] {{-2}, {2}}, new double[] {1, -1},
                        new double[] {0.09, 0.16}), FitLosses.NONE, new NearDegeneracy(0.5, 25, 1.0, false), null,
                Certificate.NONE, Map.of(), List.of(intervals));
    }

    /**
     * Five replicates. λ: replicates 0–2 hold 0.5 in [0.4, 0.6] (0 marked over-fitted), 3 misses it ([0.6, 0.7]),
     * 4 has no interval (marked no-hessian). Every other parameter: its value ± 0.05, unmarked, but the last
     * variance, whose interval misses in replicate 1 and is an empty cell's (NaN, marked) in replicate 2.
     */
    static List<FitRow> fits() {
        List<FitRow> out = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            double[] lo = new double[9];
            double[] hi = new double[9];
            String[] notes = new String[9];
            Arrays.fill(notes, "");
            for (int i = 0; i < 9; i++) {
                lo[i] = VALUES[i] - 0.05;
                hi[i] = VALUES[i] + 0.05;
            }
            lo[0] = r < 3 ? 0.4 : r == 3 ? 0.6 : Double.NaN;
            hi[0] = r < 3 ? 0.6 : r == 3 ? 0.7 : Double.NaN;
            notes[0] = r == 0 ? "over-fitted" : r == 4 ? "no-hessian" : "";
            if (r == 1) {
                lo[8] = 0.2;
                hi[8] = 0.3;
            } else if (r == 2) {
                lo[8] = Double.NaN;
                hi[8] = Double.NaN;
                notes[8] = MatchedIntervals.EMPTY_CELL;
            }
            out.add(fit(r, new MatchedIntervals(IntervalMethod.WALD, lo, hi, notes)));
        }
        return out;
    }

    @Test
    void rowsCountCoveredMarkedAndMissingIntervalsPerParameter() {
        Setting setting = setting(true, TRUTH);
        List<CoverageRow> rows = CoverageSummary.of(study(setting, WALD), fits());
        assertEquals(List.of("lambda", "experts[0].weight", "experts[1].weight", "experts[0].slope[0]",
                "experts[0].intercept", "experts[0].variance", "experts[1].slope[0]", "experts[1].intercept",
                "experts[1].variance"), rows.stream().map(CoverageRow::parameter).toList());
        CoverageRow lambda = rows.get(0);
        assertEquals(0.5, lambda.truth(), 0.0);
        assertEquals(5, lambda.replicates());
        assertEquals(3, lambda.covered());
        assertEquals(0.6, lambda.coverage(), 0.0);
        assertEquals(2, lambda.unreliable());
        assertEquals(1, lambda.unreliableCovered());
        assertEquals(1, lambda.noInterval());
        // widths 0.2, 0.2, 0.2 and 0.1 over the 4 intervals (rounding of 0.6 − 0.4 etc.: 1e-15)
        assertEquals((0.2 * 3 + 0.1) / 4, lambda.meanWidth(), 1e-15);
        CoverageRow variance = rows.get(8);
        assertEquals(3, variance.covered());
        assertEquals(1, variance.unreliable());
        assertEquals(0, variance.unreliableCovered());
        assertEquals(1, variance.noInterval());
        for (CoverageRow row : rows.subList(1, 8)) {
            assertEquals(5, row.covered(), row.parameter());
            assertEquals(0, row.unreliable() + row.noInterval(), row.parameter());
            assertEquals(1.0, row.ciHigh(), 0.0);
            assertEquals(0.1, row.meanWidth(), 1e-12);
        }
        assertEquals(0.8, lambda.bandLow(), 0.0);
        assertEquals(1.0, lambda.bandHigh(), 0.0);
        assertEquals(IntervalMethod.WALD, lambda.method());
        assertEquals(0.95, lambda.level(), 0.0);
    }

    @Test
    void parametersTheFitDoesNotEstimateHaveNoRow() {
        // λ held by fit.lambda: no λ row
        List<CoverageRow> held = CoverageSummary.of(study(setting(false, TRUTH), WALD), fits());
        assertEquals(8, held.size());
        assertTrue(held.stream().noneMatch(r -> r.parameter().equals("lambda")));
        // one true expert: its weight is 1, no row
        DeviatedModel one = new DeviatedModel(0.5, new MixingMeasure(new double[] {1.0}, List.of(
                new Expert(new double[] {-2.0}, 1.0, 0.09))), TRUTH.g0());
        MatchedIntervals five = new MatchedIntervals(IntervalMethod.WALD, new double[5], new double[5], new String[] {
            "", "", "", "", ""});
        List<CoverageRow> single = CoverageSummary.of(study(setting(true, one), WALD), List.of(fit(0, five)));
        assertEquals(List.of("lambda", "experts[0].slope[0]", "experts[0].intercept", "experts[0].variance"),
                single.stream().map(CoverageRow::parameter).toList());
        // a study without intervals has no rows; fits without the study's intervals are refused
        assertEquals(List.of(), CoverageSummary.of(new Study("coverage", 1L, 5, new int[] {100},
                List.of(setting(true, TRUTH)), LossSettings.DEFAULTS), fits()));
        assertThrows(IllegalArgumentException.class, () -> CoverageSummary.of(study(setting(true, one), WALD), fits()));
    }

    @Test
    void theClopperPearsonIntervalAndTheBandAreScipys() throws IOException {
        String text;
        try (InputStream in = CoverageSummaryTest.class.getResourceAsStream("coverage_reference.out")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int cases = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            int x = Integer.parseInt(f[0]);
            int n = Integer.parseInt(f[1]);
            double[] ci = PowerSummary.clopperPearson(x, n);
            assertEquals(Double.parseDouble(f[2]), ci[0], 1e-10, line);
            assertEquals(Double.parseDouble(f[3]), ci[1], 1e-10, line);
            double[] band = CoverageSummary.band(n, 0.95);
            assertEquals(Double.parseDouble(f[4]), band[0], 0.0, line);
            assertEquals(Double.parseDouble(f[5]), band[1], 0.0, line);
            cases++;
        }
        assertEquals(11, cases);
        // and a row carries them: 3 of 5 covered
        CoverageRow lambda = CoverageSummary.of(study(setting(true, TRUTH), WALD), fits()).get(0);
        assertEquals(0.14663279963467313, lambda.ciLow(), 1e-10);
        assertEquals(0.9472550494736831, lambda.ciHigh(), 1e-10);
    }
}
