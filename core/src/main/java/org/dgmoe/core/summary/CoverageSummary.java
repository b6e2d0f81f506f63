package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.gof.PowerSummary;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.study.IntervalPlan;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.uncertainty.IntervalMethod;
import org.dgmoe.core.uncertainty.MatchedIntervals;
import org.dgmoe.core.uncertainty.StandardErrors;

/**
 * The {@code coverage/} table of a study with an {@code intervals} block, counted from its fits' matched intervals
 * ({@link FitRow#intervals()}, carried in {@code fits/} so a resumed run counts the fits of every run alike): per
 * (setting, n, parameter, method) the replicates, those whose interval holds the true value, the share and its
 * 95% Clopper–Pearson interval ({@link PowerSummary#clopperPearson}: Beta quantiles), the binomial band of the
 * nominal level, the mean width, and the marked and missing intervals (docs/uncertainty.md, "Coverage"). Rows in
 * study order of settings, then n, the truth's parameter layout, and the plan's methods. Parameters the study's
 * fit does not estimate have no row: λ when {@code fit.lambda} holds it or g0 is {@code none}, the weight of a
 * single true expert (always 1).
 */
public final class CoverageSummary {
    /** The band holds the central share of Binomial(R, level) that leaves this much in each tail. */
    static final double BAND_TAIL = 0.025;

    private CoverageSummary() {
    }

    /** The rows of {@code fits} (any order), or none when the study has no intervals block. */
    public static List<CoverageRow> of(Study study, List<FitRow> fits) {
        return of(study, FitColumns.of(study, fits));
    }

    /**
     * The rows of a study's fits read a group of parameters at a time ({@link FitColumns}), or none when the study
     * has no intervals block; a sample size without fits has no row. Per batch of settings
     * ({@link SettingFits#batches}), per method, per group of parameter indices (as many as keep one double a fit
     * and parameter under {@link SettingFits#FITS_PER_PASS}), one pass: the counts are tallied as the fits come,
     * the widths held at the fits' places and summed in table order, so the means are those of the rows bit for
     * bit.
     */
    public static List<CoverageRow> of(Study study, FitColumns fits) {
        return of(study, fits, SettingFits.FITS_PER_PASS);
    }

    /** {@link #of(Study, FitColumns)} with batches and parameter groups of at most {@code fitsPerPass} values. */
    static List<CoverageRow> of(Study study, FitColumns fits, long fitsPerPass) {
        IntervalPlan plan = study.intervals();
        List<CoverageRow> out = new ArrayList<>();
        if (plan == null) {
            return out;
        }
        int[] sizes = study.sampleSizes();
        Integer[] order = new Integer[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            order[i] = i;
        }
        // n ascending, as the rows have always been written
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(sizes[a], sizes[b]));
        int methods = plan.methods().size();
        for (List<Setting> batch : SettingFits.batches(study, fits, fitsPerPass)) {
            long held = 0;
            int parameters = 0;
            int[][] counts = new int[batch.size()][];
            for (int s = 0; s < batch.size(); s++) {
                counts[s] = new int[sizes.length];
                for (int i = 0; i < sizes.length; i++) {
                    counts[s][i] = fits.count(batch.get(s), sizes[i]);
                    held += counts[s][i];
                }
                parameters = Math.max(parameters, MatchedIntervals.layout(batch.get(s).deviatedTruth()).length);
            }
            int group = (int) Math.max(1, Math.min(parameters, fitsPerPass / Math.max(1, held)));
            // [setting of the batch][n index][parameter index][method]
            CoverageRow[][][][] rows = new CoverageRow[batch.size()][sizes.length][parameters][methods];
            for (int m = 0; m < methods; m++) {
                for (int from = 0; from < parameters; from += group) {
                    tally(study, batch, fits, m, from, Math.min(parameters, from + group), counts, rows);
                }
            }
            for (int s = 0; s < batch.size(); s++) {
                for (int i : order) {
                    for (CoverageRow[] byMethod : rows[s][i]) {
                        for (CoverageRow row : byMethod) {
                            if (row != null) {
                                out.add(row);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Whether the study's fit of {@code setting} estimates the truth's parameter {@code index}. */
    static boolean estimated(Setting setting, int index) {
        DeviatedModel truth = setting.deviatedTruth();
        if (index == ObservedInformation.lambdaIndex()) {
            return setting.fit().lambdaFree() && !truth.g0().isNone();
        }
        return index > truth.size() || truth.size() >= 2;
    }

    /**
     * One pass: the rows of method {@code m} and parameter indices {@code from} .. {@code to} − 1 of a batch's
     * settings, into {@code rows}.
     */
    private static void tally(Study study, List<Setting> batch, FitColumns fits, int m, int from, int to,
            int[][] counts, CoverageRow[][][][] rows) {
        IntervalPlan plan = study.intervals();
        IntervalMethod method = plan.methods().get(m);
        int sizes = study.sampleSizes().length;
        int group = to - from;
        // [setting][n index][parameter − from]: the tallies, and the widths at the fits' places
        int[][][] covered = new int[batch.size()][sizes][group];
        int[][][] unreliable = new int[batch.size()][sizes][group];
        int[][][] unreliableCovered = new int[batch.size()][sizes][group];
        int[][][] missing = new int[batch.size()][sizes][group];
        double[][][][] widths = new double[batch.size()][sizes][group][];
        BitSet[][][] hasWidth = new BitSet[batch.size()][sizes][group];
        double[][] truths = new double[batch.size()][];
        for (int s = 0; s < batch.size(); s++) {
            truths[s] = MatchedIntervals.layout(batch.get(s).deviatedTruth());
            for (int i = 0; i < sizes; i++) {
                for (int p = 0; p < group; p++) {
                    widths[s][i][p] = new double[counts[s][i]];
                    hasWidth[s][i][p] = new BitSet(counts[s][i]);
                }
            }
        }
        SettingFits.Places places = new SettingFits.Places(study, batch, fits);
        fits.intervals(method, (name, n, position, intervals) -> {
            int[] at = places.place(name, n, position);
            if (at == null) {
                return;
            }
            int s = at[0];
            int i = at[1];
            Setting setting = batch.get(s);
            DeviatedModel model = setting.deviatedTruth();
            if (intervals == null || intervals.method() != method
                    || intervals.size() != ObservedInformation.size(model.size(), model.dimension())) {
                throw new IllegalArgumentException("fits: the row of " + setting.name() + "/" + n + " (fit "
                        + position + ") holds no " + method + " intervals of the truth's parameters at position " + m);
            }
            double[] lower = intervals.lower();
            double[] upper = intervals.upper();
            for (int index = from; index < Math.min(to, truths[s].length); index++) {
                int p = index - from;
                double truth = truths[s][index];
                double lo = lower[index];
                double hi = upper[index];
                boolean holds = lo <= truth && truth <= hi;
                boolean marked = intervals.marked(index);
                covered[s][i][p] += holds ? 1 : 0;
                unreliable[s][i][p] += marked ? 1 : 0;
                unreliableCovered[s][i][p] += holds && marked ? 1 : 0;
                if (Double.isNaN(lo) || Double.isNaN(hi)) {
                    missing[s][i][p]++;
                } else {
                    widths[s][i][p][position] = hi - lo;
                    hasWidth[s][i][p].set(position);
                }
            }
        });
        places.requireAll();
        for (int s = 0; s < batch.size(); s++) {
            Setting setting = batch.get(s);
            DeviatedModel truth = setting.deviatedTruth();
            for (int i = 0; i < sizes; i++) {
                int r = counts[s][i];
                if (r == 0) {
                    continue;
                }
                for (int index = from; index < Math.min(to, truths[s].length); index++) {
                    if (!estimated(setting, index)) {
                        continue;
                    }
                    int p = index - from;
                    // summed in table order, as the rows were
                    double sum = 0;
                    for (int f = 0; f < r; f++) {
                        if (hasWidth[s][i][p].get(f)) {
                            sum += widths[s][i][p][f];
                        }
                    }
                    rows[s][i][index][m] = row(setting, study.sampleSizes()[i], StandardErrors.name(truth.size(),
                            truth.dimension(), index), method, plan.level(), truths[s][index], r, covered[s][i][p],
                            unreliable[s][i][p], unreliableCovered[s][i][p], missing[s][i][p], sum);
                }
            }
        }
    }

    private static CoverageRow row(Setting setting, int n, String parameter, IntervalMethod method, double level,
            double truth, int r, int covered, int unreliable, int unreliableCovered, int missing, double widths) {
        double[] ci = PowerSummary.clopperPearson(covered, r);
        double[] band = band(r, level);
        int withInterval = r - missing;
        return new CoverageRow(setting.name(), n, parameter, method, level, truth, r, covered, covered / (double) r,
                ci[0], ci[1], band[0], band[1], withInterval == 0 ? Double.NaN : widths / withInterval, unreliable,
                unreliableCovered, missing, new LinkedHashMap<>(setting.variedColumns()));
    }

    /**
     * The binomial band of {@code level} over {@code replicates}: the {@value #BAND_TAIL} and 1 − {@value #BAND_TAIL}
     * quantiles of Binomial(R, level), over R. A procedure that covers at exactly its level lands outside it with
     * probability at most 5% (the binomial is discrete, so a little less).
     */
    static double[] band(int replicates, double level) {
        BinomialDistribution nominal = BinomialDistribution.of(replicates, level);
        return new double[] {nominal.inverseCumulativeProbability(BAND_TAIL) / (double) replicates,
            nominal.inverseCumulativeProbability(1 - BAND_TAIL) / (double) replicates};
    }
}
