package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
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

    /**
     * The calls a summary makes of the rate estimator; production is {@link #of(RateEstimator)}. An estimator
     * must not modify the arrays it is given: they are the summary's columns, read again for the layouts' rates.
     */
    public interface Estimator {
        CurvePoint point(long n, double[] values, FitStatus[] statuses);

        RateEstimate estimate(long[] n, double[][] values, FitStatus[][] statuses, double theory);

        /** The rates of several metrics (values[m], statuses[m], theory[m]): each as {@link #estimate} gives it. */
        default RateEstimate[] estimate(long[] n, double[][][] values, FitStatus[][][] statuses, double[] theory) {
            RateEstimate[] out = new RateEstimate[values.length];
            for (int m = 0; m < out.length; m++) {
                out[m] = estimate(n, values[m], statuses[m], theory[m]);
            }
            return out;
        }

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

                @Override
                public RateEstimate[] estimate(long[] n, double[][][] values, FitStatus[][][] statuses,
                        double[] theory) {
                    return rates.estimate(n, values, statuses, theory); // the metrics share their draws
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
        return of(study, FitColumns.of(study, fits), rates);
    }

    /**
     * The summary of a study's fits read one metric at a time ({@link FitColumns}): per batch of settings
     * ({@link SettingFits#batches}) one pass for the flags, then one pass per group of metrics whose columns
     * together stay within the budget ({@link #metricsPerPass}); each column is summarised (curves, rate, and the
     * curves and rates by layout of that metric) and dropped before the next. Every
     * estimator call gets the values and statuses it got when all metrics were held at once, in table order, so
     * the numbers are the same bit for bit; the rows are assembled in the order of {@link StudySummary}.
     *
     * @param study the study
     * @param fits  its fits
     * @param rates the estimator
     */
    public static StudySummary of(Study study, FitColumns fits, Estimator rates) {
        return of(study, fits, rates, SettingFits.FITS_PER_PASS);
    }

    /** {@link #of(Study, FitColumns, Estimator)} with batches of at most {@code fitsPerPass} fits. */
    static StudySummary of(Study study, FitColumns fits, Estimator rates, long fitsPerPass) {
        List<CurveRow> curves = new ArrayList<>();
        List<RateRow> rateRows = new ArrayList<>();
        for (List<Setting> batch : SettingFits.batches(study, fits, fitsPerPass)) {
            List<SettingFits> flags = SettingFits.read(study, batch, fits);
            List<SettingRows> rows = new ArrayList<>();
            LinkedHashSet<String> metrics = new LinkedHashSet<>();
            for (SettingFits f : flags) {
                rows.add(new SettingRows(study, f));
                metrics.addAll(StudyMetrics.names(f.setting()));
            }
            List<String> names = new ArrayList<>(metrics);
            int perPass = metricsPerPass(study, batch, fits, fitsPerPass);
            for (int from = 0; from < names.size(); from += perPass) {
                List<String> pass = names.subList(from, Math.min(names.size(), from + perPass));
                SettingFits.Column[] columns = readColumns(study, batch, flags, fits, pass);
                for (int s = 0; s < rows.size(); s++) {
                    rows.get(s).add(pass, columns, s, rates);
                }
                Arrays.fill(columns, null); // summarised: their memory is free for the next pass
            }
            for (SettingRows r : rows) {
                r.emit(curves, rateRows);
            }
        }
        return new StudySummary(curves, rateRows);
    }

    /**
     * How many metric columns one pass over a batch may hold: as many as keep the pass's columns together within
     * {@code fitsPerPass} doubles (at least one). Fewer passes cost less (each pass reads every part), and
     * small studies read all their metrics in one.
     */
    static int metricsPerPass(Study study, List<Setting> batch, FitColumns fits, long fitsPerPass) {
        long held = 0;
        for (Setting s : batch) {
            for (int n : study.sampleSizes()) {
                held += fits.count(s, n);
            }
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, fitsPerPass / Math.max(1, held)));
    }

    /** Some metrics' values of a batch's fits, one pass, each at its place. */
    private static SettingFits.Column[] readColumns(Study study, List<Setting> batch, List<SettingFits> flags,
            FitColumns fits, List<String> metrics) {
        SettingFits.Column[] columns = new SettingFits.Column[metrics.size()];
        for (int m = 0; m < columns.length; m++) {
            columns[m] = new SettingFits.Column(flags);
        }
        SettingFits.Places places = new SettingFits.Places(study, batch, fits);
        fits.metrics(metrics, (setting, n, position, values) -> {
            int[] at = places.place(setting, n, position);
            if (at != null) {
                for (int m = 0; m < columns.length; m++) {
                    columns[m].set(at, position, values[m]);
                }
            }
        });
        places.requireAll();
        return columns;
    }

    /**
     * One setting's curves and rates, gathered a metric at a time and emitted in the summary's order: its curves
     * over all fits (metric, then n), its curves by layout (layout, metric, n); its rates over all fits (metric),
     * its rates by layout (layout, metric).
     */
    private static final class SettingRows {
        private final Study study;
        private final SettingFits fits;
        private final Setting setting;
        private final List<String> metrics;
        private final int[] sizes;
        private final long[] ns;
        private final Map<String, Double> theory;
        private final CellCounts cells;
        private final int[] spurious;
        private final int[] fitsAtN;
        private final LayoutRates layouts;
        private final Map<String, List<CurveRow>> curves = new HashMap<>();
        private final Map<String, RateRow> rates = new HashMap<>();
        /** Per layout, per metric. */
        private final Map<String, Map<String, List<CurveRow>>> layoutCurves = new HashMap<>();
        private final Map<String, Map<String, RateRow>> layoutRates = new HashMap<>();

        SettingRows(Study study, SettingFits fits) {
            this.study = study;
            this.fits = fits;
            this.setting = fits.setting();
            this.metrics = StudyMetrics.names(setting);
            this.sizes = study.sampleSizes();
            this.ns = new long[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                ns[i] = sizes[i];
            }
            this.theory = TheoryTable.forSetting(setting, study.losses());
            this.cells = CellCounts.of(setting, sizes, fits);
            this.spurious = new int[sizes.length];
            this.fitsAtN = new int[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                for (int f = 0; f < fits.count(i); f++) {
                    fitsAtN[i]++;
                    spurious[i] += fits.spurious(i, f) ? 1 : 0;
                }
            }
            this.layouts = LayoutRates.of(setting, fits);
        }

        /**
         * The curves and rates of those of {@code pass}'s metrics this setting has, whose values are the
         * {@code s}-th setting's of {@code columns} (parallel to {@code pass}): the rates of all of them in one
         * estimator call (they share the bootstrap's draws), the rest metric by metric.
         */
        void add(List<String> pass, SettingFits.Column[] columns, int s, Estimator rates) {
            List<String> mine = new ArrayList<>();
            List<double[][]> values = new ArrayList<>();
            for (int m = 0; m < pass.size(); m++) {
                if (metrics.contains(pass.get(m))) {
                    mine.add(pass.get(m));
                    double[][] held = new double[sizes.length][];
                    for (int i = 0; i < sizes.length; i++) {
                        held[i] = columns[m].at(s, i);
                    }
                    values.add(held);
                }
            }
            if (mine.isEmpty()) {
                return;
            }
            FitStatus[][] statuses = new FitStatus[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                statuses[i] = fits.statuses(i);
            }
            for (int m = 0; m < mine.size(); m++) {
                curves.put(mine.get(m), curve(mine.get(m), values.get(m), statuses, rates));
            }
            double[] theories = new double[mine.size()];
            FitStatus[][][] sameStatuses = new FitStatus[mine.size()][][];
            for (int m = 0; m < mine.size(); m++) {
                theories[m] = theory.getOrDefault(mine.get(m), Double.NaN);
                sameStatuses[m] = statuses;
            }
            RateEstimate[] estimates = rates.estimate(ns, values.toArray(new double[0][][]), sameStatuses, theories);
            for (int m = 0; m < mine.size(); m++) {
                rate(mine.get(m), estimates[m], values.get(m), rates);
            }
        }

        /** The curve of one metric over all fits: a point per n. */
        private List<CurveRow> curve(String metric, double[][] values, FitStatus[][] statuses, Estimator rates) {
            List<CurveRow> points = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                int count = fits.count(i);
                boolean[] checked = new boolean[count];
                boolean[] differed = new boolean[count];
                for (int j = 0; j < count; j++) {
                    checked[j] = fits.startChecked(i, j);
                    differed[j] = fits.startDiffered(i, j);
                }
                CurvePoint p = rates.point(sizes[i], values[i], statuses[i]);
                FitCounts c = FitCounts.of(sizes[i], statuses[i], checked, differed);
                points.add(CurveRow.of(setting.name(), metric, sizes[i], p, c, cells.anyCell()[i], spurious[i],
                        setting.variedColumns()));
            }
            return points;
        }

        /** The guardrails on one metric's rate over all fits, then its curves and rates by layout. */
        private void rate(String metric, RateEstimate estimate, double[][] held, Estimator rates) {
            RateEstimate e = estimate;
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
            this.rates.put(metric, RateRow.of(setting.name(), metric, e, setting.variedColumns()));
            for (String layout : layouts.layouts()) {
                Double exponent = LayoutRates.exponents(setting, study.losses(), layout).get(metric);
                if (exponent != null) {
                    layoutCurves.computeIfAbsent(layout, l -> new HashMap<>()).put(metric,
                            layouts.curves(setting, sizes, fits, layout, metric, held, rates));
                    layoutRates.computeIfAbsent(layout, l -> new HashMap<>()).put(metric,
                            layouts.rate(setting, ns, fits, layout, metric, exponent, held, rates));
                }
            }
        }

        /** Appends the setting's rows, in the summary's order. */
        void emit(List<CurveRow> curveRows, List<RateRow> rateRows) {
            for (String metric : metrics) {
                curveRows.addAll(curves.get(metric));
                rateRows.add(rates.get(metric));
            }
            for (String layout : layouts.layouts()) {
                for (String metric : LayoutRates.exponents(setting, study.losses(), layout).keySet()) {
                    curveRows.addAll(layoutCurves.get(layout).get(metric));
                    rateRows.add(layoutRates.get(layout).get(metric));
                }
            }
        }
    }
}
