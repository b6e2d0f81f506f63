package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.rate.CurvePoint;
import org.dgmoe.core.rate.FitCounts;
import org.dgmoe.core.rate.Guardrails;
import org.dgmoe.core.rate.RateEstimate;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * The curves and rates of a study, from its fits: per (setting, metric, n) a {@link CurveRow}, per
 * (setting, metric) a {@link RateRow} (and so per layout below), settings in study order, metrics in {@link StudyMetrics#names}
 * order, n ascending.
 *
 * <p>Per (setting, metric, n) the estimator receives every fit's value (NaN where the fit has none)
 * and status; the guardrails ({@link Guardrails}) select the converged fits (unless
 * {@code rates.include-non-converged}), count non-converged and capped fits per n, mark a rate
 * {@code unreliable} when more than 5% of the fits at some n hit the cap, and flag rates steeper than
 * parametric. Curves also count the start-sensitivity checks per n and the fits whose Voronoi cell
 * sizes differ from those the theory table assumes ({@code cellsUnplanned}); a cell's parameter rates
 * with a theory are flagged when that happens to more than 5% of the fits at some n
 * ({@link Guardrails#cellsDiffer}). Curves count the spurious fits per n ({@code spurious}:
 * {@link org.dgmoe.core.study.NearDegeneracy}), and every rate with a theory of a setting whose fits
 * are spurious in more than 5% at some n is flagged ({@link Guardrails#spurious}). A pooled cell rate
 * whose cells differ so and which would read {@code slower-than-theory} is {@code inconclusive} instead
 * ({@link LayoutRates#MIXED}): the other layouts' cells may be the slow ones. After a setting's curves
 * and rates over all fits ({@code layout} {@link RateRow#ALL_FITS}) come its cell curves and rates by
 * layout where the fits' layouts call for them ({@link LayoutRates}), per layout, metric and n.
 *
 * @param curves the curve points
 * @param rates  the rates
 */
public record StudySummary(List<CurveRow> curves, List<RateRow> rates) {

    public StudySummary {
        curves = List.copyOf(curves);
        rates = List.copyOf(rates);
    }

    /** The two calls a summary makes of the rate estimator; production is {@link #of(RateEstimator)}. */
    public interface Estimator {
        CurvePoint point(long n, double[] values, FitStatus[] statuses);

        RateEstimate estimate(long[] n, double[][] values, FitStatus[][] statuses, double theory);

        static Estimator of(RateEstimator rates) {
            return new Estimator() {
                @Override
                public CurvePoint point(long n, double[] values, FitStatus[] statuses) {
                    return rates.point(n, values, statuses);
                }

                @Override
                public RateEstimate estimate(long[] n, double[][] values, FitStatus[][] statuses, double theory) {
                    return rates.estimate(n, values, statuses, theory);
                }
            };
        }
    }

    /**
     * The rates that contradict the theory: verdict {@link Verdict#SLOWER_THAN_THEORY}. A rate faster
     * than the theory's exponent is not counted: the exponents are bounds (docs/rates.md).
     */
    public long disagreements() {
        return rates.stream().filter(r -> r.verdict().contradictsTheory()).count();
    }

    /** The rates whose verdict is {@code v}. */
    public long count(Verdict v) {
        return rates.stream().filter(r -> r.verdict() == v).count();
    }

    /** The rates that carry a guardrail flag (whatever their verdict). */
    public long flagged() {
        return rates.stream().filter(r -> !r.flag().isEmpty()).count();
    }

    /** The summary with core's {@link RateEstimator} of {@code settings}. */
    public static StudySummary of(Study study, List<FitRow> fits, RateSettings settings) {
        return of(study, fits, Estimator.of(new RateEstimator(settings)));
    }

    /**
     * @param study the study
     * @param fits  its fits, one per task, in table order (not modified)
     * @param rates the estimator
     */
    public static StudySummary of(Study study, List<FitRow> fits, Estimator rates) {
        return ofSettings(study, SettingFits.of(study, fits), rates);
    }

    /**
     * The summary of fits held in columns, one setting at a time ({@link SettingFits}): the same numbers as
     * from the rows they hold, read in the same order.
     *
     * @param study    the study
     * @param settings per setting of the study, in study order, its fits
     * @param rates    the estimator
     */
    public static StudySummary ofSettings(Study study, List<SettingFits> settings, Estimator rates) {
        if (settings.size() != study.settings().size()) {
            throw new IllegalArgumentException("settings: need the fits of " + study.settings().size()
                    + " settings, got " + settings.size());
        }
        List<CurveRow> curves = new ArrayList<>();
        List<RateRow> rateRows = new ArrayList<>();
        for (SettingFits fits : settings) {
            add(study, fits, rates, curves, rateRows);
        }
        return new StudySummary(curves, rateRows);
    }

    /** One setting's curves and rates, appended to {@code curves} and {@code rateRows}. */
    private static void add(Study study, SettingFits fits, Estimator rates, List<CurveRow> curves,
            List<RateRow> rateRows) {
        Setting setting = fits.setting();
        int[] sizes = study.sampleSizes();
        long[] ns = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            ns[i] = sizes[i];
        }
        Map<String, Double> theory = TheoryTable.forSetting(setting, study.losses());
        CellCounts cells = CellCounts.of(setting, sizes, fits);
        int[] spurious = new int[sizes.length];
        int[] fitsAtN = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            for (int f = 0; f < fits.count(i); f++) {
                fitsAtN[i]++;
                spurious[i] += fits.spurious(i, f) ? 1 : 0;
            }
        }
        LayoutRates layouts = LayoutRates.of(setting, fits);
        for (String metric : StudyMetrics.names(setting)) {
            double[][] values = new double[sizes.length][];
            FitStatus[][] statuses = new FitStatus[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                int count = fits.count(i);
                double[] v = fits.metric(i, metric);
                FitStatus[] st = fits.statuses(i);
                boolean[] checked = new boolean[count];
                boolean[] differed = new boolean[count];
                for (int j = 0; j < count; j++) {
                    checked[j] = fits.startChecked(i, j);
                    differed[j] = fits.startDiffered(i, j);
                }
                values[i] = v;
                statuses[i] = st;
                CurvePoint p = rates.point(sizes[i], v, st);
                FitCounts c = FitCounts.of(sizes[i], st, checked, differed);
                curves.add(CurveRow.of(setting.name(), metric, sizes[i], p, c, cells.anyCell()[i], spurious[i],
                        setting.variedColumns()));
            }
            RateEstimate e = rates.estimate(ns, values, statuses, theory.getOrDefault(metric, Double.NaN));
            int j = Metrics.parameterCell(metric);
            if (j >= 1 && j < cells.unplanned().length && !Double.isNaN(e.theory())) {
                RateEstimate pooled = e;
                e = Guardrails.cellsDiffer(e, cells.unplanned()[j], cells.known()[j]);
                if (e != pooled && e.verdict() == Verdict.SLOWER_THAN_THEORY) {
                    // fits of other layouts pooled in: a slower mean is theirs as likely as the theory's
                    e = e.withVerdict(Verdict.INCONCLUSIVE, LayoutRates.MIXED + (layouts.layouts().isEmpty()
                            ? "; no layout holds " + LayoutRates.MIN_FITS + " converged fits at every n, so none "
                                    + "has a verdict of its own" : "; see the rates by layout"));
                }
            }
            if (!Double.isNaN(e.theory())) {
                e = Guardrails.spurious(e, spurious, fitsAtN);
            }
            rateRows.add(RateRow.of(setting.name(), metric, e, setting.variedColumns()));
        }
        curves.addAll(layouts.curves(setting, study.losses(), sizes, fits, rates));
        rateRows.addAll(layouts.rates(setting, study.losses(), ns, fits, rates));
    }
}
