package org.dgmoe.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
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
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;

/**
 * A setting's fits in columns (issue 26): fits placed by replicate in any order (as a sweep's staged parts give
 * them, {@link FitColumns}) give the summary of the rows in table order, bit for bit, with the real rate
 * estimator (its means are sequential sums and its bootstrap draws replicates by index, so an order change would
 * show); a place given twice, a missing one and a fit not of the study are refused.
 */
class SettingFitsTest {
    private static final int[] SIZES = {100, 200, 400};
    private static final int REPLICATES = 60;

    /** Two true atoms fitted with three (over-fitted): layouts, cell counts and cell rates all take part. */
    private static Setting setting() {
        DeviatedModel truth = new DeviatedModel(1.0, new MixingMeasure(new double[] {0.4, 0.6},
                List.of(new Expert(new double[] {-1.0}, 1.0, 0.2), new Expert(new double[] {2.0}, -1.0, 0.3))),
                new NoG0());
        FitSpec fit = new FitSpec(3, false, Double.NaN, InitKind.NEAR_TRUTH, 1, EmSettings.DEFAULTS,
                NearTruthStart.DEFAULTS, null);
        return new Setting("over", new UniformCovariates(new double[] {0}, new double[] {1}), truth, fit, Map.of());
    }

    private static final Setting SETTING = setting();
    private static final Study STUDY = new Study("columns", 1L, REPLICATES, SIZES, List.of(SETTING),
            LossSettings.DEFAULTS);

    /** Per task, random metric values about n^(-1/2), a random layout of the two cells, a status and flags. */
    private static List<FitRow> fits() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(26L);
        List<FitRow> out = new ArrayList<>();
        for (int n : SIZES) {
            for (int r = 0; r < REPLICATES; r++) {
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (String m : StudyMetrics.names(SETTING)) {
                    metrics.put(m, (0.5 + rng.nextDouble()) / Math.sqrt(n));
                }
                boolean swapped = rng.nextDouble() < 0.4;
                FitStatus status = rng.nextDouble() < 0.1 ? FitStatus.MAX_ITERATIONS : FitStatus.CONVERGED;
                NearDegeneracy degeneracy = new NearDegeneracy(0.3, 30, 1.0, rng.nextDouble() < 0.05);
                out.add(new FitRow(new TaskId("columns", SETTING.name(), n, r, r),
                        new FitDiagnostics(-n, 10, status, 4, 0, 0, 0, 0, 10), 5,
                        new FittedParameters(1.0, new double[] {0.3, 0.3, 0.4}, new double[][] {{-1}, {-1}, {2}},
                                new double[] {1, 1, -1}, new double[] {0.2, 0.2, 0.3}),
                        new FitLosses(metrics, Map.of("cell1_size", swapped ? 1 : 2, "cell2_size", swapped ? 2 : 1),
                                2), degeneracy, null, Certificate.NONE, Map.of()));
            }
        }
        return out;
    }

    /** The fits given in {@code order}, each at its replicate, as a sweep's staged parts give them. */
    private static FitColumns byReplicate(List<FitRow> order) {
        FitColumns rows = FitColumns.of(STUDY, order);
        return new FitColumns() {
            @Override
            public int count(Setting setting, int n) {
                return REPLICATES;
            }

            @Override
            public void flags(FlagsSink sink) {
                int[] cells = new int[2];
                for (FitRow f : order) {
                    for (int j = 1; j <= 2; j++) {
                        Integer size = f.losses().cellSizes().get("cell" + j + "_size");
                        cells[j - 1] = size == null ? SettingFits.MISSING : size;
                    }
                    sink.fit(f.setting(), f.n(), f.replicate(), f.status(), f.startChecked(), f.startDiffered(),
                            f.spurious(), cells);
                }
            }

            @Override
            public void metrics(List<String> metrics, ValuesSink sink) {
                double[] values = new double[metrics.size()];
                order.forEach(f -> {
                    for (int m = 0; m < values.length; m++) {
                        values[m] = f.metric(metrics.get(m));
                    }
                    sink.fit(f.setting(), f.n(), f.replicate(), values);
                });
            }

            @Override
            public void intervals(org.dgmoe.core.uncertainty.IntervalMethod method, IntervalSink sink) {
                rows.intervals(method, sink);
            }
        };
    }

    @Test
    void fitsPlacedByReplicateInAnyOrderSummariseAsTheRowsInTableOrder() {
        List<FitRow> fits = fits();
        StudySummary rows = StudySummary.of(STUDY, fits, RateSettings.DEFAULTS);
        assertTrue(rows.rates().stream().anyMatch(r -> !r.allFits()), "the fixture has rates by layout");

        List<FitRow> shuffled = new ArrayList<>(fits);
        Collections.shuffle(shuffled, new java.util.Random(7));
        StudySummary.Estimator estimator = StudySummary.Estimator.of(new org.dgmoe.core.rate.RateEstimator(
                RateSettings.DEFAULTS));
        StudySummary columns = StudySummary.of(STUDY, byReplicate(shuffled), estimator);
        // records compare their doubles with Double.equals: bit for bit
        assertEquals(rows.curves(), columns.curves());
        assertEquals(rows.rates(), columns.rates());
        List<SettingFits> flags = SettingFits.read(STUDY, STUDY.settings(), byReplicate(shuffled));
        FitRow first = fits.get(0);
        assertEquals(first.status(), flags.get(0).status(0, 0), "replicate 0 of n = 100 at its place");
        assertEquals(first.losses().cellSizes().get("cell2_size"), flags.get(0).cellSize(0, 2, 0));
    }

    @Test
    void aPlaceGivenTwiceOrMissingOrNotOfTheStudyIsRefused() {
        List<FitRow> fits = fits();
        List<FitRow> twice = new ArrayList<>(fits);
        twice.add(fits.get(5));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SettingFits.read(STUDY, STUDY.settings(), byReplicate(twice)));
        assertTrue(e.getMessage().contains("over/100/5 twice"), e.getMessage());

        List<FitRow> holes = new ArrayList<>(fits.subList(1, fits.size()));
        e = assertThrows(IllegalStateException.class,
                () -> SettingFits.read(STUDY, STUDY.settings(), byReplicate(holes)));
        assertTrue(e.getMessage().contains("lack 1 tasks of the study (the first: over/100/0)"), e.getMessage());

        FitRow last = fits.get(fits.size() - 1);
        FitRow beyond = new FitRow(new TaskId("columns", SETTING.name(), 400, REPLICATES, 0), last.diagnostics(),
                5, last.parameters(), last.losses(), last.nearDegeneracy(), null, Certificate.NONE, Map.of());
        List<FitRow> extra = new ArrayList<>(fits);
        extra.add(beyond);
        e = assertThrows(IllegalStateException.class, () -> StudySummary.of(STUDY, byReplicate(extra),
                StudySummary.Estimator.of(new org.dgmoe.core.rate.RateEstimator(RateSettings.DEFAULTS))));
        assertTrue(e.getMessage().contains("over/400/" + REPLICATES + ", which is not of this study"), e.getMessage());
    }
}
