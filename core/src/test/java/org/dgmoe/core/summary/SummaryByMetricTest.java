package org.dgmoe.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
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
import org.dgmoe.core.rate.RateSettings;
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
 * The summaries read one metric (and one group of coverage parameters) at a time give, bit for bit, what the
 * all-at-once summary gave before (issue 26): {@code summary_by_metric.out} beside this test holds the curves,
 * rates and coverage rows of this study as the all-at-once path ({@code SettingFits} holding every metric of
 * every setting, main at 8d80103) computed them, one record's {@code toString} a line ({@link Double#toString}
 * round-trips, so equal lines are equal doubles, −0.0 included). The study has three settings (an over-fitted
 * one whose fits split into two cell layouts, so rates by layout are written; one with a Student-t g0 and λ
 * free; one with a single expert and a varied value), fits that failed (no metric values), NaN and missing
 * metric values, missing cell sizes, and an intervals block of two methods with missing and marked intervals.
 * The same rows come with the smallest budget: each setting a batch of its own, each coverage parameter a pass
 * ({@link SettingFits#batches}). To record it again: {@code -Ddgmoe.summary.record=PATH} writes the file instead
 * of comparing.
 */
class SummaryByMetricTest {
    private static final int[] SIZES = {50, 100, 200};
    private static final int REPLICATES = 40;
    private static final IntervalPlan PLAN = new IntervalPlan(List.of(IntervalMethod.WALD,
            IntervalMethod.BOOTSTRAP_PERCENTILE), 0.9, 20);

    private static Setting setting(String name, DeviatedModel truth, int experts, boolean lambdaFree,
            Map<String, Double> varied) {
        FitSpec fit = new FitSpec(experts, lambdaFree, Double.NaN, InitKind.NEAR_TRUTH, 1, EmSettings.DEFAULTS,
                NearTruthStart.DEFAULTS, null);
        return new Setting(name, new UniformCovariates(new double[] {0}, new double[] {1}), truth, fit, Map.of(),
                varied, null);
    }

    static final Study STUDY = new Study("by-metric", 1L, REPLICATES, SIZES, List.of(
            setting("over", new DeviatedModel(1.0, new MixingMeasure(new double[] {0.4, 0.6}, List.of(
                    new Expert(new double[] {-1.0}, 1.0, 0.2), new Expert(new double[] {2.0}, -1.0, 0.3))),
                    new NoG0()), 3, false, Map.of()),
            setting("exact", CoverageSummaryTest.TRUTH, 2, true, Map.of()),
            setting("single", new DeviatedModel(1.0, new MixingMeasure(new double[] {1.0}, List.of(
                    new Expert(new double[] {0.5}, 0.0, 0.1))), new NoG0()), 1, false, Map.of("truth.noise", 0.1))),
            LossSettings.DEFAULTS, PLAN);

    /**
     * Per task of {@link #STUDY}, in table order: a status (about 75% converged, 10% capped, 10% degenerate and 5%
     * non-finite, the failed ones without metric values), metric values about n^(−1/2) of which 5% NaN and 5%
     * absent, cell sizes (the over-fitted setting's in layout 2,1 or 1,2, 3% without), flags, and per method
     * intervals about the truth's values, 10% missing and 15% marked.
     */
    static List<FitRow> fits() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2026L);
        List<FitRow> out = new ArrayList<>();
        for (Setting setting : STUDY.settings()) {
            DeviatedModel truth = setting.deviatedTruth();
            double[] values = MatchedIntervals.layout(truth);
            int kStar = truth.size();
            for (int n : SIZES) {
                for (int r = 0; r < REPLICATES; r++) {
                    double u = rng.nextDouble();
                    FitStatus status = u < 0.75 ? FitStatus.CONVERGED : u < 0.85 ? FitStatus.MAX_ITERATIONS
                            : u < 0.95 ? FitStatus.DEGENERATE : FitStatus.NON_FINITE;
                    boolean failed = status == FitStatus.DEGENERATE || status == FitStatus.NON_FINITE;
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    for (String m : StudyMetrics.names(setting)) {
                        double v = rng.nextDouble();
                        if (!failed && v >= 0.05) {
                            metrics.put(m, v < 0.1 ? Double.NaN : (0.5 + rng.nextDouble()) / Math.sqrt(n));
                        }
                    }
                    Map<String, Integer> cells = new LinkedHashMap<>();
                    if (rng.nextDouble() >= 0.03) {
                        boolean swapped = kStar == 2 && setting.fit().experts() == 3 && rng.nextDouble() < 0.4;
                        for (int j = 1; j <= kStar; j++) {
                            int size = setting.fit().experts() == 3 ? (j == 1) != swapped ? 2 : 1 : 1;
                            cells.put("cell" + j + "_size", size);
                        }
                    }
                    List<MatchedIntervals> intervals = new ArrayList<>();
                    for (IntervalMethod method : PLAN.methods()) {
                        double[] lo = new double[values.length];
                        double[] hi = new double[values.length];
                        String[] notes = new String[values.length];
                        for (int p = 0; p < values.length; p++) {
                            boolean missing = failed || rng.nextDouble() < 0.1;
                            double center = values[p] + 0.1 * (rng.nextDouble() - 0.5);
                            double half = 0.05 * rng.nextDouble() / Math.sqrt(n / 50.0);
                            lo[p] = missing ? Double.NaN : center - half;
                            hi[p] = missing ? Double.NaN : center + half;
                            notes[p] = missing || rng.nextDouble() < 0.15 ? "no-hessian" : "";
                        }
                        intervals.add(new MatchedIntervals(method, lo, hi, notes));
                    }
                    StartDifference check = rng.nextDouble() < 0.3 ? new StartDifference(0.1, 0.0, 0.0,
                            rng.nextDouble() < 0.3) : null;
                    out.add(new FitRow(new TaskId("by-metric", setting.name(), n, r, r),
                            new FitDiagnostics(-n, 10, status, 4, 0, 0, 0, 0, 10), 5,
                            new FittedParameters(1.0, new double[] {1.0}, new double[][] {{0}}, new double[] {0},
                                    new double[] {0.1}), new FitLosses(metrics, cells, 2),
                            new NearDegeneracy(0.3, 30, 1.0, rng.nextDouble() < 0.04), check, Certificate.NONE,
                            setting.variedColumns(), intervals));
                }
            }
        }
        return out;
    }

    /** The summaries' rows, one record a line: curves, rates, coverage. */
    static String render(StudySummary summary, List<CoverageRow> coverage) {
        StringBuilder b = new StringBuilder();
        summary.curves().forEach(c -> b.append(c).append('\n'));
        summary.rates().forEach(r -> b.append(r).append('\n'));
        coverage.forEach(c -> b.append(c).append('\n'));
        return b.toString();
    }

    @Test
    void theSummariesAreTheAllAtOnceOnesBitForBit() throws IOException {
        List<FitRow> fits = fits();
        StudySummary summary = StudySummary.of(STUDY, fits, RateSettings.DEFAULTS);
        List<CoverageRow> coverage = CoverageSummary.of(STUDY, fits);
        assertTrue(summary.rates().stream().anyMatch(r -> !r.allFits()), "the fixture has rates by layout");
        String actual = render(summary, coverage);
        String record = System.getProperty("dgmoe.summary.record");
        if (record != null) {
            Files.writeString(Path.of(record), actual, StandardCharsets.UTF_8);
            return;
        }
        String expected;
        try (InputStream in = SummaryByMetricTest.class.getResourceAsStream("summary_by_metric.out")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(Arrays.asList(expected.split("\n")), Arrays.asList(actual.split("\n")));

        // one setting a batch and one parameter a pass (the smallest budget), and the fits in another order
        // (the rows of each (setting, n) keep theirs, so each fit keeps its place): the same rows
        List<FitRow> reversed = new ArrayList<>();
        for (int s = STUDY.settings().size() - 1; s >= 0; s--) {
            String name = STUDY.settings().get(s).name();
            fits.stream().filter(f -> f.setting().equals(name)).forEach(reversed::add);
        }
        FitColumns columns = FitColumns.of(STUDY, reversed);
        assertEquals(3, SettingFits.batches(STUDY, columns, 1).size());
        String small = render(StudySummary.of(STUDY, columns, StudySummary.Estimator.of(
                new org.dgmoe.core.rate.RateEstimator(RateSettings.DEFAULTS)), 1), CoverageSummary.of(STUDY, columns, 1));
        assertEquals(Arrays.asList(expected.split("\n")), Arrays.asList(small.split("\n")));

        // one batch of all settings, two metric columns a pass (a budget of twice the study's fits): the same rows
        long all = fits.size();
        FitColumns inOrder = FitColumns.of(STUDY, fits);
        assertEquals(1, SettingFits.batches(STUDY, inOrder, 2 * all).size());
        assertEquals(2, StudySummary.metricsPerPass(STUDY, STUDY.settings(), inOrder, 2 * all));
        assertEquals(1, StudySummary.metricsPerPass(STUDY, STUDY.settings(), inOrder, 1));
        String pairs = render(StudySummary.of(STUDY, inOrder, StudySummary.Estimator.of(
                new org.dgmoe.core.rate.RateEstimator(RateSettings.DEFAULTS)), 2 * all), coverage);
        assertEquals(Arrays.asList(expected.split("\n")), Arrays.asList(pairs.split("\n")));
    }
}
