package org.dgmoe.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.rate.CurvePoint;
import org.dgmoe.core.rate.Guardrails;
import org.dgmoe.core.rate.RateEstimate;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;

/**
 * The study summary's own assembly, with an estimator that only records what it is given: the order of
 * curves and rates, the counts of unplanned cells and their flag, and the disagreements.
 */
class StudySummaryTest {
    private static final int[] SIZES = {100, 200};
    private static final int REPLICATES = 20;

    /** Slope −0.5 ± 0.1; slower than the theory exactly when it is −0.9, faster when −0.1; flags nothing itself. */
    private static final StudySummary.Estimator RECORDING = new StudySummary.Estimator() {
        @Override
        public CurvePoint point(long n, double[] values, FitStatus[] statuses) {
            int finite = (int) java.util.Arrays.stream(values).filter(Double::isFinite).count();
            return new CurvePoint(n, finite, values.length - finite, 1, 1, 0, 1, 1);
        }

        @Override
        public RateEstimate estimate(long[] n, double[][] values, FitStatus[][] statuses, double theory) {
            Verdict v = Double.isNaN(theory) ? Verdict.NO_THEORY : theory == -0.9 ? Verdict.SLOWER_THAN_THEORY
                    : theory == -0.1 ? Verdict.FASTER_THAN_THEORY : Verdict.AGREES;
            return new RateEstimate(-0.5, 0, -0.6, -0.4, theory, v);
        }
    };

    /** Two true atoms fitted with three (over-fitted), without g0. */
    private static Setting overFitted(Map<String, Double> theory) {
        DeviatedModel truth = new DeviatedModel(1.0, new MixingMeasure(new double[] {0.4, 0.6},
                List.of(new Expert(new double[] {-1.0}, 1.0, 0.2), new Expert(new double[] {2.0}, -1.0, 0.3))),
                new NoG0());
        FitSpec fit = new FitSpec(3, false, Double.NaN, InitKind.NEAR_TRUTH, 1, EmSettings.DEFAULTS,
                NearTruthStart.DEFAULTS, null);
        return new Setting("over", new UniformCovariates(new double[] {0}, new double[] {1}), truth, fit, theory);
    }

    private static Study study(Setting setting) {
        return new Study("summary", 1L, REPLICATES, SIZES, List.of(setting), LossSettings.DEFAULTS);
    }

    private static final NearDegeneracy REGULAR = new NearDegeneracy(0.3, 30, 1.0, false);
    private static final NearDegeneracy SPURIOUS = new NearDegeneracy(0.01, 1, 0.05, true);

    private static FitRow fit(Setting setting, int n, int replicate, int cell1, int cell2) {
        return fit(setting, n, replicate, cell1, cell2, REGULAR);
    }

    private static FitRow fit(Setting setting, int n, int replicate, int cell1, int cell2, NearDegeneracy degeneracy) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String m : StudyMetrics.names(setting)) {
            metrics.put(m, 1.0 / n);
        }
        return new FitRow(new TaskId("summary", setting.name(), n, replicate, replicate),
                new FitDiagnostics(-n, 10, FitStatus.CONVERGED, 4, 0, 0, 0, 0, 10), 5,
                new FittedParameters(1.0, new double[] {0.3, 0.3, 0.4}, new double[][] {{-1}, {-1}, {2}},
                        new double[] {1, 1, -1}, new double[] {0.2, 0.2, 0.3}),
                new FitLosses(metrics, Map.of("cell1_size", cell1, "cell2_size", cell2), 2), degeneracy, null,
                Certificate.NONE, Map.of());
    }

    /** Every replicate at every n with the planned cells, but {@code unplannedAt100} replicates at n = 100. */
    private static List<FitRow> fits(Setting setting, int unplannedAt100) {
        int[] planned = TheoryTable.plannedCellSizes(setting);
        List<FitRow> out = new ArrayList<>();
        for (int n : SIZES) {
            for (int r = 0; r < REPLICATES; r++) {
                boolean unplanned = n == 100 && r < unplannedAt100;
                out.add(unplanned ? fit(setting, n, r, planned[2], planned[1])
                        : fit(setting, n, r, planned[1], planned[2]));
            }
        }
        return out;
    }

    @Test
    void curvesAndRatesComeInSettingMetricAndSampleSizeOrder() {
        Setting setting = overFitted(Map.of());
        StudySummary s = StudySummary.of(study(setting), fits(setting, 0), RECORDING);
        List<String> metrics = StudyMetrics.names(setting);
        assertEquals(metrics, s.rates().stream().map(RateRow::metric).toList());
        assertEquals(metrics.size() * SIZES.length, s.curves().size());
        for (int i = 0; i < s.curves().size(); i++) {
            CurveRow c = s.curves().get(i);
            assertEquals(metrics.get(i / SIZES.length), c.metric());
            assertEquals(SIZES[i % SIZES.length], c.n());
            assertEquals(REPLICATES, c.count());
            assertEquals(0, c.cellsUnplanned());
            assertEquals(0, c.spurious());
        }
    }

    @Test
    void spuriousFitsInOverFivePercentAtSomeNFlagEveryRateWithATheory() {
        Setting setting = overFitted(Map.of("hellinger", Double.NaN));
        int[] planned = TheoryTable.plannedCellSizes(setting);
        for (int spuriousAt200 : new int[] {1, 2}) {
            List<FitRow> fits = new ArrayList<>();
            for (int n : SIZES) {
                for (int r = 0; r < REPLICATES; r++) {
                    boolean spurious = n == 200 && r < spuriousAt200;
                    fits.add(fit(setting, n, r, planned[1], planned[2], spurious ? SPURIOUS : REGULAR));
                }
            }
            StudySummary s = StudySummary.of(study(setting), fits, RECORDING);
            for (CurveRow c : s.curves()) {
                assertEquals(c.n() == 200 ? spuriousAt200 : 0, c.spurious(), c.toString());
            }
            // 1 of 20 (5%) is counted, not flagged; 2 of 20 (10%) flags every rate with a theory
            for (RateRow r : s.rates()) {
                boolean flagged = spuriousAt200 == 2 && !Double.isNaN(r.theory());
                assertEquals(flagged ? Guardrails.SPURIOUS : "", r.flag(), r.toString());
            }
            assertTrue(s.rates().stream().anyMatch(r -> r.metric().equals("hellinger") && r.flag().isEmpty()));
        }
    }

    @Test
    void cellsUnplannedInOverFivePercentOfTheFitsAtSomeNFlagTheCellParameterRates() {
        Setting setting = overFitted(Map.of());
        assertTrue(TheoryTable.plannedCellSizes(setting)[1] != TheoryTable.plannedCellSizes(setting)[2],
                "the swapped sizes are unplanned");
        StudySummary s = StudySummary.of(study(setting), fits(setting, 2), RECORDING);
        for (CurveRow c : s.curves()) {
            assertEquals(c.n() == 100 ? 2 : 0, c.cellsUnplanned(), c.toString());
        }
        for (RateRow r : s.rates()) {
            boolean cellParameter = r.metric().matches("cell[12]_(slope|intercept|variance)");
            assertEquals(cellParameter ? Guardrails.CELLS_DIFFER : "", r.flag(), r.toString());
        }
        // one of 20 (5%) is not over 5%: counted, not flagged
        StudySummary once = StudySummary.of(study(setting), fits(setting, 1), RECORDING);
        assertEquals(1, once.curves().get(0).cellsUnplanned());
        assertTrue(once.rates().stream().allMatch(r -> r.flag().isEmpty()), once.rates().toString());
    }

    @Test
    void countsOnlyTheRatesSlowerThanTheirTheory() {
        Setting setting = overFitted(Map.of("voronoi", -0.9, "hellinger", -0.1));
        StudySummary s = StudySummary.of(study(setting), fits(setting, 0), RECORDING);
        assertEquals(1, s.disagreements());
        assertEquals(List.of("voronoi"), s.rates().stream().filter(r -> r.verdict() == Verdict.SLOWER_THAN_THEORY)
                .map(RateRow::metric).toList());
        assertEquals(List.of("hellinger"), s.rates().stream().filter(r -> r.verdict() == Verdict.FASTER_THAN_THEORY)
                .map(RateRow::metric).toList());
        assertEquals(0, StudySummary.of(study(overFitted(Map.of("hellinger", -0.1))), fits(setting, 0), RECORDING)
                .disagreements());
        assertEquals(0, StudySummary.of(study(overFitted(Map.of())), fits(setting, 0), RECORDING).disagreements());
    }

    @Test
    void aMissingMetricReachesTheEstimatorAsNaN() {
        Setting setting = overFitted(Map.of());
        List<FitRow> fits = new ArrayList<>(fits(setting, 0));
        FitRow first = fits.get(0);
        Map<String, Double> without = new LinkedHashMap<>(first.losses().metrics());
        without.remove("hellinger");
        fits.set(0, new FitRow(first.task(), first.diagnostics(), first.taskMillis(), first.parameters(),
                new FitLosses(without, first.losses().cellSizes(), first.losses().wassersteinOrder()),
                first.nearDegeneracy(), first.startCheck(), first.certificate(), first.varied()));
        CurveRow hellinger100 = StudySummary.of(study(setting), fits, RECORDING).curves().stream()
                .filter(c -> c.metric().equals("hellinger") && c.n() == 100).findFirst().orElseThrow();
        assertEquals(REPLICATES - 1, hellinger100.count());
        assertEquals(1, hellinger100.failed());
    }
}
