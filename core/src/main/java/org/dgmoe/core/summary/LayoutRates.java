package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.rate.CurvePoint;
import org.dgmoe.core.rate.FitCounts;
import org.dgmoe.core.rate.Guardrails;
import org.dgmoe.core.rate.RateEstimate;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.study.Setting;

/**
 * A setting's cell rates per <em>cell layout</em> (issue 24): a fit's layout is the number of fitted
 * atoms in each true atom's Voronoi cell, "m1,m2,…" ({@code cell{j}_size}, j = 1..k*). A cell's
 * exponent depends on its m_j (reference §5: −1/2 for one atom, −1/(2 r̄(m)) for m ≥ 2), and from
 * random starts the fits put an extra atom in different cells, so a pooled rate read against the
 * near-truth plan ({@link TheoryTable#plannedCellSizes}) mixes rates. Here the fits are grouped by
 * layout and each cell parameter metric ({@link Metrics#parameterCell}) of a layout is estimated
 * from that layout's fits and read against {@link TheoryTable#forLayout}; its curve points, from the
 * same fits, are what the report draws for the layout ({@link #curves}).
 *
 * <p>A layout gets rates only when it holds at least {@link #MIN_FITS} converged fits at every n of
 * the study: fewer per n leave the mean's bootstrap resting on a handful of values, and a layout
 * missing at some n has no curve there. The rows (rates and curves) are written only when the layouts with enough
 * fits are not just the planned one (a near-truth study, whose fits share the planned layout, keeps
 * exactly its rows over all fits, and nothing more); a setting where no layout has enough fits gets
 * no rate by layout, and its pooled cell rates say so when they would be read as slower than the
 * theory ({@link #MIXED}).
 *
 * @param layoutOf per n (study order) and fit (the order of the fits at n), the index of the fit's layout in
 *                 {@code labels}, or −1 when a cell size is missing (an int a fit, not a label: issue 26); empty
 *                 when no layout gets rates, the only case in which nothing reads it
 * @param labels   every layout's label, in the order first met
 * @param layouts  the layouts that get rates, most fits first (ties by label); empty when none does
 * @param planned  the planned layout's label
 */
record LayoutRates(int[][] layoutOf, List<String> labels, List<String> layouts, String planned) {

    /** The fewest converged fits of a layout at every n for it to get rates. */
    static final int MIN_FITS = 10;

    /** The reason of a pooled cell rate read as slower than the planned layout's exponent. */
    static final String MIXED = "inconclusive: the fits' cells differ from the theory's layout in over 5% at some "
            + "n, and the other layouts' cells can fall slower";

    /**
     * @param fits the setting's fits
     */
    static LayoutRates of(Setting setting, SettingFits fits) {
        int kStar = setting.truth().size();
        int sizes = fits.sizes();
        if (setting.fit().experts() < kStar) {
            return new LayoutRates(new int[0][], List.of(), List.of(), "");
        }
        int[][] layoutOf = new int[sizes][];
        Map<String, Integer> ids = new HashMap<>();
        List<String> labels = new ArrayList<>();
        // per layout, the converged fits at each n
        Map<String, int[]> converged = new LinkedHashMap<>();
        for (int i = 0; i < sizes; i++) {
            layoutOf[i] = new int[fits.count(i)];
            for (int f = 0; f < fits.count(i); f++) {
                String label = label(fits, i, f, kStar);
                if (label == null) {
                    layoutOf[i][f] = -1;
                    continue;
                }
                Integer id = ids.get(label);
                if (id == null) {
                    id = labels.size();
                    ids.put(label, id);
                    labels.add(label);
                }
                layoutOf[i][f] = id;
                if (fits.status(i, f) == FitStatus.CONVERGED) {
                    converged.computeIfAbsent(label, x -> new int[sizes])[i]++;
                }
            }
        }
        List<String> enough = new ArrayList<>();
        for (Map.Entry<String, int[]> e : converged.entrySet()) {
            if (Arrays.stream(e.getValue()).allMatch(c -> c >= MIN_FITS)) {
                enough.add(e.getKey());
            }
        }
        enough.sort((a, b) -> {
            int byFits = Integer.compare(Arrays.stream(converged.get(b)).sum(), Arrays.stream(converged.get(a)).sum());
            return byFits != 0 ? byFits : a.compareTo(b);
        });
        String planned = label(TheoryTable.plannedCellSizes(setting));
        List<String> layouts = enough.equals(List.of(planned)) ? List.of() : List.copyOf(enough);
        return new LayoutRates(layouts.isEmpty() ? new int[0][] : layoutOf, List.copyOf(labels), layouts, planned);
    }

    /**
     * The rate of one layout of {@link #layouts} and one cell parameter metric with an exponent in that layout
     * ({@link #exponents}): the guarded rate of the layout's fits, flagged as spurious when over 5% of the
     * layout's fits at some n are ({@link Guardrails#spurious}).
     *
     * @param fits   the setting's fits ({@link #of} was given them)
     * @param values per n, the metric's values of every fit of the setting (not modified)
     */
    RateRow rate(Setting setting, long[] ns, SettingFits fits, String layout, String metric, double exponent,
            double[][] values, StudySummary.Estimator estimator) {
        int[][] of = fitsOf(layout);
        int[] spurious = new int[ns.length];
        int[] fitsAtN = new int[ns.length];
        for (int i = 0; i < ns.length; i++) {
            fitsAtN[i] = of[i].length;
            for (int f : of[i]) {
                spurious[i] += fits.spurious(i, f) ? 1 : 0;
            }
        }
        double[][] own = new double[ns.length][];
        FitStatus[][] statuses = new FitStatus[ns.length][];
        for (int i = 0; i < ns.length; i++) {
            own[i] = values(values[i], of[i]);
            statuses[i] = statuses(fits, i, of[i]);
        }
        RateEstimate e = Guardrails.spurious(estimator.estimate(ns, own, statuses, exponent), spurious, fitsAtN);
        return RateRow.of(setting.name(), metric, e, setting.variedColumns(), layout);
    }

    /**
     * The curve points of one layout of {@link #layouts} and one metric of its rates ({@link #exponents}), those
     * its rate is fitted to: per n, the point of the layout's fits only ({@code estimator.point}, as the points
     * over all fits) with the counts of those fits; {@code cellsUnplanned} is 0, every fit having the layout whose
     * theory the point's rate is read against.
     *
     * @param sizes  the study's sample sizes
     * @param fits   the setting's fits ({@link #of} was given them)
     * @param values per n, the metric's values of every fit of the setting (not modified)
     */
    List<CurveRow> curves(Setting setting, int[] sizes, SettingFits fits, String layout, String metric,
            double[][] values, StudySummary.Estimator estimator) {
        List<CurveRow> out = new ArrayList<>();
        int[][] of = fitsOf(layout);
        for (int i = 0; i < sizes.length; i++) {
            FitStatus[] st = statuses(fits, i, of[i]);
            boolean[] checked = new boolean[of[i].length];
            boolean[] differed = new boolean[of[i].length];
            int spurious = 0;
            for (int c = 0; c < of[i].length; c++) {
                int f = of[i][c];
                checked[c] = fits.startChecked(i, f);
                differed[c] = fits.startDiffered(i, f);
                spurious += fits.spurious(i, f) ? 1 : 0;
            }
            CurvePoint p = estimator.point(sizes[i], values(values[i], of[i]), st);
            out.add(CurveRow.of(setting.name(), metric, sizes[i], p, FitCounts.of(sizes[i], st, checked,
                    differed), 0, spurious, setting.variedColumns(), layout));
        }
        return out;
    }

    /**
     * The metrics a layout gets rates and curves for, with their exponents in that layout
     * ({@link TheoryTable#forLayout}): the cell parameter metrics ({@link Metrics#parameterCell} ≥ 1)
     * of the setting that have one, in {@link StudyMetrics#names} order.
     */
    static Map<String, Double> exponents(Setting setting, LossSettings losses, String layout) {
        Map<String, Double> theory = TheoryTable.forLayout(setting, losses, RateRow.cellSizes(layout));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String metric : StudyMetrics.names(setting)) {
            double exponent = theory.getOrDefault(metric, Double.NaN);
            if (Metrics.parameterCell(metric) >= 1 && !Double.isNaN(exponent)) {
                out.put(metric, exponent);
            }
        }
        return out;
    }

    /** Per n, the indices (in the order of the fits at n) of the fits of {@code layout}. */
    private int[][] fitsOf(String layout) {
        int id = labels.indexOf(layout);
        int[][] out = new int[layoutOf.length][];
        for (int i = 0; i < layoutOf.length; i++) {
            int count = 0;
            for (int l : layoutOf[i]) {
                count += l == id ? 1 : 0;
            }
            out[i] = new int[count];
            int c = 0;
            for (int f = 0; f < layoutOf[i].length; f++) {
                if (layoutOf[i][f] == id) {
                    out[i][c++] = f;
                }
            }
        }
        return out;
    }

    private static double[] values(double[] all, int[] of) {
        double[] out = new double[of.length];
        for (int c = 0; c < of.length; c++) {
            out[c] = all[of[c]];
        }
        return out;
    }

    private static FitStatus[] statuses(SettingFits fits, int i, int[] of) {
        FitStatus[] out = new FitStatus[of.length];
        for (int c = 0; c < of.length; c++) {
            out[c] = fits.status(i, of[c]);
        }
        return out;
    }

    /** "m1,m2,…" of fit f's cells 1..k* at the i-th n, or null when one is missing. */
    static String label(SettingFits fits, int i, int f, int kStar) {
        int[] sizes = new int[kStar + 1];
        for (int j = 1; j <= kStar; j++) {
            int m = fits.cellSize(i, j, f);
            if (m == SettingFits.MISSING) {
                return null;
            }
            sizes[j] = m;
        }
        return label(sizes);
    }

    /** "m1,m2,…" of sizes[1..] (index 0 unused). */
    static String label(int[] sizes) {
        StringBuilder b = new StringBuilder();
        for (int j = 1; j < sizes.length; j++) {
            b.append(j > 1 ? "," : "").append(sizes[j]);
        }
        return b.toString();
    }
}
