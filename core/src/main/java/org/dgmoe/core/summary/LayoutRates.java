package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.loss.Metrics;
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
 * from that layout's fits and read against {@link TheoryTable#forLayout}.
 *
 * <p>A layout gets rates only when it holds at least {@link #MIN_FITS} converged fits at every n of
 * the study: fewer per n leave the mean's bootstrap resting on a handful of values, and a layout
 * missing at some n has no curve there. The rows are written only when the layouts with enough
 * fits are not just the planned one (a near-truth study, whose fits share the planned layout, keeps
 * exactly its rows over all fits, and nothing more); a setting where no layout has enough fits gets
 * no rate by layout, and its pooled cell rates say so when they would be read as slower than the
 * theory ({@link #MIXED}).
 *
 * @param layoutOf per n (study order) and fit (the order of the fits at n), the fit's layout, or
 *                 null when a cell size is missing
 * @param layouts  the layouts that get rates, most fits first (ties by label); empty when none does
 * @param planned  the planned layout's label
 */
record LayoutRates(String[][] layoutOf, List<String> layouts, String planned) {

    /** The fewest converged fits of a layout at every n for it to get rates. */
    static final int MIN_FITS = 10;

    /** The reason of a pooled cell rate read as slower than the planned layout's exponent. */
    static final String MIXED = "inconclusive: the fits' cells differ from the theory's layout in over 5% at some "
            + "n, and the other layouts' cells can fall slower";

    /**
     * @param rows per n (study order), the setting's fits at n (not modified)
     */
    static LayoutRates of(Setting setting, List<List<FitRow>> rows) {
        int kStar = setting.truth().size();
        String[][] layoutOf = new String[rows.size()][];
        if (setting.fit().experts() < kStar) {
            for (int i = 0; i < rows.size(); i++) {
                layoutOf[i] = new String[rows.get(i).size()];
            }
            return new LayoutRates(layoutOf, List.of(), "");
        }
        // per layout, the converged fits at each n
        Map<String, int[]> converged = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<FitRow> at = rows.get(i);
            layoutOf[i] = new String[at.size()];
            for (int f = 0; f < at.size(); f++) {
                String label = label(at.get(f), kStar);
                layoutOf[i][f] = label;
                if (label != null && at.get(f).status() == FitStatus.CONVERGED) {
                    converged.computeIfAbsent(label, x -> new int[rows.size()])[i]++;
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
        return new LayoutRates(layoutOf, layouts, planned);
    }

    /**
     * The rates by layout: per layout of {@link #layouts}, per cell parameter metric of the setting
     * with an exponent in that layout, the guarded rate of the layout's fits, flagged as spurious
     * when over 5% of the layout's fits at some n are ({@link Guardrails#spurious}).
     *
     * @param rows per n, the setting's fits (the lists {@link #of} was given; not modified)
     */
    List<RateRow> rates(Setting setting, LossSettings losses, long[] ns, List<List<FitRow>> rows,
            StudySummary.Estimator estimator) {
        List<RateRow> out = new ArrayList<>();
        for (String layout : layouts) {
            Map<String, Double> theory = TheoryTable.forLayout(setting, losses, sizes(layout));
            int[] spurious = new int[ns.length];
            int[] fits = new int[ns.length];
            for (int i = 0; i < ns.length; i++) {
                for (int f = 0; f < rows.get(i).size(); f++) {
                    if (layout.equals(layoutOf[i][f])) {
                        fits[i]++;
                        spurious[i] += rows.get(i).get(f).spurious() ? 1 : 0;
                    }
                }
            }
            for (String metric : StudyMetrics.names(setting)) {
                double exponent = theory.getOrDefault(metric, Double.NaN);
                if (Metrics.parameterCell(metric) < 1 || Double.isNaN(exponent)) {
                    continue;
                }
                double[][] values = new double[ns.length][];
                FitStatus[][] statuses = new FitStatus[ns.length][];
                for (int i = 0; i < ns.length; i++) {
                    values[i] = new double[fits[i]];
                    statuses[i] = new FitStatus[fits[i]];
                    int c = 0;
                    for (int f = 0; f < rows.get(i).size(); f++) {
                        if (layout.equals(layoutOf[i][f])) {
                            values[i][c] = rows.get(i).get(f).metric(metric);
                            statuses[i][c++] = rows.get(i).get(f).status();
                        }
                    }
                }
                RateEstimate e = Guardrails.spurious(estimator.estimate(ns, values, statuses, exponent), spurious, fits);
                out.add(RateRow.of(setting.name(), metric, e, setting.variedColumns(), layout));
            }
        }
        return out;
    }

    /** "m1,m2,…" of a fit's cells 1..k*, or null when one is missing. */
    static String label(FitRow r, int kStar) {
        int[] sizes = new int[kStar + 1];
        for (int j = 1; j <= kStar; j++) {
            Integer m = r.losses().cellSizes().get(Metrics.cellSize(j));
            if (m == null) {
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

    /** The sizes of a label, index 0 unused. */
    static int[] sizes(String label) {
        String[] parts = label.split(",");
        int[] out = new int[parts.length + 1];
        for (int j = 0; j < parts.length; j++) {
            out[j + 1] = Integer.parseInt(parts[j]);
        }
        return out;
    }
}
