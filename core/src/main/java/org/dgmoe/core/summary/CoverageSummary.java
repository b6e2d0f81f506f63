package org.dgmoe.core.summary;

import java.util.ArrayList;
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
        return study.intervals() == null ? new ArrayList<>() : ofSettings(study, SettingFits.of(study, fits));
    }

    /**
     * The rows of the fits held in columns ({@link SettingFits}, per setting in study order), or none when the
     * study has no intervals block; a sample size without fits has no row.
     */
    public static List<CoverageRow> ofSettings(Study study, List<SettingFits> settings) {
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
        for (SettingFits fits : settings) {
            Setting setting = fits.setting();
            DeviatedModel truth = setting.deviatedTruth();
            double[] values = MatchedIntervals.layout(truth);
            for (int i : order) {
                if (fits.count(i) == 0) {
                    continue;
                }
                for (int index = 0; index < values.length; index++) {
                    if (!estimated(setting, index)) {
                        continue;
                    }
                    String name = StandardErrors.name(truth.size(), truth.dimension(), index);
                    for (int m = 0; m < plan.methods().size(); m++) {
                        out.add(row(setting, sizes[i], name, plan.methods().get(m), plan.level(), values[index],
                                fits, i, m, index));
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

    private static CoverageRow row(Setting setting, int n, String parameter, IntervalMethod method, double level,
            double truth, SettingFits fits, int i, int m, int index) {
        int covered = 0;
        int unreliable = 0;
        int unreliableCovered = 0;
        int missing = 0;
        double widths = 0;
        DeviatedModel model = setting.deviatedTruth();
        for (int f = 0; f < fits.count(i); f++) {
            List<MatchedIntervals> all = fits.intervals(i, f);
            MatchedIntervals intervals = all.size() > m ? all.get(m) : null;
            if (intervals == null || intervals.method() != method
                    || intervals.size() != ObservedInformation.size(model.size(), model.dimension())) {
                throw new IllegalArgumentException("fits: the row of " + setting.name() + "/" + n + " (fit " + f
                        + ") holds " + all.size() + " methods' intervals, not " + method
                        + " ones of the truth's parameters at position " + m);
            }
            double lo = intervals.lower()[index];
            double hi = intervals.upper()[index];
            boolean holds = lo <= truth && truth <= hi;
            boolean marked = intervals.marked(index);
            covered += holds ? 1 : 0;
            unreliable += marked ? 1 : 0;
            unreliableCovered += holds && marked ? 1 : 0;
            if (Double.isNaN(lo) || Double.isNaN(hi)) {
                missing++;
            } else {
                widths += hi - lo;
            }
        }
        int r = fits.count(i);
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
