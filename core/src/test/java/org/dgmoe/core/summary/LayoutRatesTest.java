package org.dgmoe.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.rate.FitCounts;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;

/**
 * Rates by cell layout (issue 24), with the real estimator on synthetic fits: k* = 2 true atoms fitted
 * with k = 3, so the near-truth plan puts two atoms in cell 1 ("2,1") and random starts may put them in
 * cell 2 ("1,2"). Each fit's cell errors follow the exponent of the atoms its own cell holds (r̄(2) = 4:
 * −1/8 for slope and intercept, −1/4 for the variance, −1/2 for one atom), times a log-normal factor.
 */
class LayoutRatesTest {
    private static final int[] SIZES = {200, 400, 800, 1600, 3200, 6400};
    private static final long SEED = 20261207L;
    /** SD of the log-normal noise of every value: at 20 to 30 replicates per n it leaves intervals about ±0.02 wide. */
    private static final double NOISE = 0.1;

    private static final Setting SETTING = setting();

    private static Setting setting() {
        DeviatedModel truth = new DeviatedModel(1.0, new MixingMeasure(new double[] {0.4, 0.6},
                List.of(new Expert(new double[] {-1.0}, 1.0, 0.2), new Expert(new double[] {2.0}, -1.0, 0.3))),
                new NoG0());
        FitSpec fit = new FitSpec(3, false, Double.NaN, InitKind.NEAR_TRUTH, 1, EmSettings.DEFAULTS,
                NearTruthStart.DEFAULTS, null);
        return new Setting("over", new UniformCovariates(new double[] {0}, new double[] {1}), truth, fit, Map.of());
    }

    private static Study study(int replicates) {
        return new Study("layouts", 1L, replicates, SIZES, List.of(SETTING), LossSettings.DEFAULTS);
    }

    /** The exponent of a cell metric's loss when its cell holds {@code atoms} fitted atoms (reference §5). */
    private static double exponent(String metric, int atoms) {
        if (atoms == 1 || metric.endsWith("_mass")) {
            return -0.5;
        }
        return metric.endsWith("_variance") ? -0.25 : -0.125;
    }

    private static FitRow fit(int n, int replicate, int cell1, int cell2, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String m : StudyMetrics.names(SETTING)) {
            int j = Metrics.cellOf(m);
            double e = j == 1 ? exponent(m, cell1) : j == 2 ? exponent(m, cell2) : -0.5;
            metrics.put(m, Math.pow(n, e) * Math.exp(NOISE * z.sample()));
        }
        return new FitRow(new TaskId("layouts", SETTING.name(), n, replicate, replicate),
                new FitDiagnostics(-n, 10, FitStatus.CONVERGED, 4, 0, 0, 0, 0, 10), 5,
                new FittedParameters(1.0, new double[] {0.3, 0.3, 0.4}, new double[][] {{-1}, {-1}, {2}},
                        new double[] {1, 1, -1}, new double[] {0.2, 0.2, 0.3}),
                new FitLosses(metrics, Map.of("cell1_size", cell1, "cell2_size", cell2), 2),
                new NearDegeneracy(0.3, 30, 1.0, false), null, Certificate.NONE, Map.of());
    }

    /** At every n, {@code swapped[i]} fits with layout "1,2" and {@code planned} with the planned "2,1". */
    private static List<FitRow> fits(int[] swapped, int planned) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
        List<FitRow> out = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            int r = 0;
            for (; r < swapped[i]; r++) {
                out.add(fit(SIZES[i], r, 1, 2, rng));
            }
            for (int p = 0; p < planned; p++, r++) {
                out.add(fit(SIZES[i], r, 2, 1, rng));
            }
        }
        return out;
    }

    private static int[] everyN(int count) {
        int[] out = new int[SIZES.length];
        java.util.Arrays.fill(out, count);
        return out;
    }

    @Test
    void eachLayoutIsReadAgainstTheExponentOfItsOwnCells() {
        assertEquals("2,1", LayoutRates.label(TheoryTable.plannedCellSizes(SETTING)), "the near-truth plan");
        // issue 24's setting: 30 of 50 fits put the extra atom in cell 2
        StudySummary s = StudySummary.of(study(50), fits(everyN(30), 20), RateSettings.DEFAULTS);
        for (String layout : List.of("1,2", "2,1")) {
            int[] sizes = RateRow.cellSizes(layout);
            List<RateRow> rows = s.rates().stream().filter(r -> r.layout().equals(layout)).toList();
            // every cell parameter metric of both cells, nothing else
            assertEquals(List.of("cell1_slope", "cell1_intercept", "cell1_variance", "cell2_slope", "cell2_intercept",
                    "cell2_variance"), rows.stream().map(RateRow::metric).toList(), layout);
            for (RateRow r : rows) {
                double own = exponent(r.metric(), sizes[Metrics.cellOf(r.metric())]);
                assertEquals(own, r.theory(), 0, r.toString());
                // the data follow that exponent: the slope lies within 0.05 of it (the verdicts' tolerance)
                assertEquals(own, r.slope(), 0.05, r.toString());
                assertEquals(Verdict.AGREES, r.verdict(), r.toString());
            }
        }
        // the pooled rows keep the planned theory: cell 2 is −1/2 there, but 60% of its fits hold two atoms,
        // whose n^(-1/8) dominates the mean; that is not read as a contradiction
        for (String metric : List.of("cell2_slope", "cell2_intercept", "cell2_variance")) {
            RateRow pooled = s.rates().stream().filter(r -> r.allFits() && r.metric().equals(metric)).findFirst()
                    .orElseThrow();
            assertEquals(-0.5, pooled.theory(), 0, pooled.toString());
            assertTrue(pooled.slope() > -0.4, "the pooled mean falls slower than the planned exponent: " + pooled);
            assertEquals(Verdict.INCONCLUSIVE, pooled.verdict(), pooled.toString());
            assertTrue(pooled.reason().startsWith(LayoutRates.MIXED) && pooled.reason().endsWith("by layout"),
                    pooled.reason());
        }
        assertEquals(0, s.disagreements(), s.rates().toString());
        assertEquals(3, s.count(Verdict.INCONCLUSIVE), "only the three pooled cell-2 rates");
    }

    @Test
    void eachLayoutsCurvePointsAreThoseOfItsOwnFits() {
        List<FitRow> fits = fits(everyN(30), 20);
        StudySummary s = StudySummary.of(study(50), fits, RateSettings.DEFAULTS);
        RateEstimator estimator = new RateEstimator(RateSettings.DEFAULTS);
        // the rows over all fits come first, one per metric and n, each the point of all 50 fits at n
        List<CurveRow> pooled = s.curves().stream().filter(CurveRow::allFits).toList();
        assertEquals(StudyMetrics.names(SETTING).size() * SIZES.length, pooled.size());
        assertEquals(pooled, s.curves().subList(0, pooled.size()));
        for (CurveRow c : pooled) {
            assertEquals(point(estimator, c, fits.stream().filter(f -> f.n() == c.n()).toList()), c);
        }
        for (String layout : List.of("2,1", "1,2")) {
            List<CurveRow> rows = s.curves().stream().filter(c -> c.layout().equals(layout)).toList();
            // the metrics of the layout's rates, each at every n
            List<String> metrics = s.rates().stream().filter(r -> r.layout().equals(layout)).map(RateRow::metric)
                    .toList();
            assertEquals(metrics.size() * SIZES.length, rows.size(), layout);
            for (int m = 0; m < metrics.size(); m++) {
                for (int i = 0; i < SIZES.length; i++) {
                    CurveRow c = rows.get(m * SIZES.length + i);
                    assertEquals(metrics.get(m), c.metric());
                    assertEquals(SIZES[i], c.n());
                    // the layout's own fits, told apart here by their cell sizes
                    List<FitRow> own = fits.stream().filter(f -> f.n() == c.n() && layout.equals(
                            f.losses().cellSizes().get("cell1_size") + "," + f.losses().cellSizes().get("cell2_size")))
                            .toList();
                    assertEquals(layout.equals("1,2") ? 30 : 20, own.size());
                    // the same estimator on exactly those fits: every double bit for bit
                    assertEquals(point(estimator, c, own), c, layout);
                    assertEquals(0, c.cellsUnplanned(), "every fit has the layout its point is read against");
                }
            }
        }
        assertEquals(s.curves().size(), pooled.size() + s.curves().stream().filter(c -> !c.allFits()).count());
    }

    /** The curve row of {@code c}'s setting, metric, n and layout computed from {@code fits} alone. */
    private static CurveRow point(RateEstimator estimator, CurveRow c, List<FitRow> fits) {
        double[] values = new double[fits.size()];
        FitStatus[] statuses = new FitStatus[fits.size()];
        boolean[] checked = new boolean[fits.size()];
        boolean[] differed = new boolean[fits.size()];
        int spurious = 0;
        int unplanned = 0;
        for (int f = 0; f < fits.size(); f++) {
            values[f] = fits.get(f).metric(c.metric());
            statuses[f] = fits.get(f).status();
            checked[f] = fits.get(f).startChecked();
            differed[f] = fits.get(f).startDiffered();
            spurious += fits.get(f).spurious() ? 1 : 0;
            unplanned += c.allFits() && fits.get(f).losses().cellSizes().get("cell1_size") != 2 ? 1 : 0;
        }
        return CurveRow.of(c.setting(), c.metric(), c.n(), estimator.point(c.n(), values, statuses),
                FitCounts.of(c.n(), statuses, checked, differed), unplanned, spurious, Map.of(), c.layout());
    }

    @Test
    void aNearTruthStudyWithOneLayoutGetsExactlyItsRowsOverAllFits() {
        StudySummary one = StudySummary.of(study(20), fits(everyN(0), 20), RateSettings.DEFAULTS);
        assertEquals(StudyMetrics.names(SETTING), one.rates().stream().map(RateRow::metric).toList());
        assertTrue(one.rates().stream().allMatch(RateRow::allFits));
        assertEquals(StudyMetrics.names(SETTING).size() * SIZES.length, one.curves().size());
        assertTrue(one.curves().stream().allMatch(CurveRow::allFits));
        assertTrue(one.rates().stream().noneMatch(r -> r.verdict() == Verdict.SLOWER_THAN_THEORY), one.rates().toString());
        // a few swapped fits (9 at one n, below the 10 a layout needs at every n) add no rows by layout
        int[] few = everyN(12);
        few[2] = LayoutRates.MIN_FITS - 1;
        StudySummary some = StudySummary.of(study(40), fits(few, 28), RateSettings.DEFAULTS);
        assertEquals(StudyMetrics.names(SETTING), some.rates().stream().map(RateRow::metric).toList());
    }

    @Test
    void aLayoutNeedsEnoughFitsAtEveryN() {
        // "1,2" holds 12 fits at every n but one, where it holds 9: it gets no rates; the planned "2,1" alone
        // has enough, and alone it is what the rates over all fits already read: no rates by layout at all
        int[] swapped = everyN(12);
        swapped[0] = LayoutRates.MIN_FITS - 1;
        LayoutRates none = LayoutRates.of(SETTING, byN(fits(swapped, 28)));
        assertEquals(List.of(), none.layouts());
        // with 10 at that n as well, both layouts get rates, the one with more fits first
        swapped[0] = LayoutRates.MIN_FITS;
        assertEquals(List.of("2,1", "1,2"), LayoutRates.of(SETTING, byN(fits(swapped, 28))).layouts());
        // a layout with enough fits that is not the planned one gets rates even when it is the only one
        assertEquals(List.of("1,2"), LayoutRates.of(SETTING, byN(fits(everyN(20), 0))).layouts());
    }

    @Test
    void theTheoryOfALayoutWithTheDefaultSizesIsTheSettingsOwn() {
        assertEquals(TheoryTable.forSetting(SETTING), TheoryTable.forLayout(SETTING, LossSettings.DEFAULTS,
                TheoryTable.plannedCellSizes(SETTING)));
        Map<String, Double> swapped = TheoryTable.forLayout(SETTING, LossSettings.DEFAULTS, new int[] {0, 1, 2});
        assertEquals(-0.5, swapped.get("cell1_slope"), 0);
        assertEquals(-0.125, swapped.get("cell2_slope"), 0);
        assertEquals(-0.25, swapped.get("cell2_variance"), 0);
        // a missed atom (no fitted atom in its cell) has no exponent, nor has the Voronoi loss then
        Map<String, Double> missed = TheoryTable.forLayout(SETTING, LossSettings.DEFAULTS, new int[] {0, 3, 0});
        assertTrue(Double.isNaN(missed.get("cell2_slope")) && Double.isNaN(missed.get("cell2_mass")));
        assertTrue(Double.isNaN(missed.get("voronoi")));
        assertEquals(-1.0 / 12, missed.get("cell1_slope"), 1e-15); // r̄(3) = 6
    }

    /** The setting's fits in columns, per n in the given order. */
    private static SettingFits byN(List<FitRow> fits) {
        Study study = study(1);
        return SettingFits.read(study, study.settings(), FitColumns.of(study, fits)).get(0);
    }
}
