package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.uncertainty.IntervalMethod;
import org.dgmoe.core.uncertainty.MatchedIntervals;

/**
 * A study's fits as the summaries read them: one projection at a time, each a pass over every fit (issue 26). A
 * pass gives each fit with its place, (setting, n, position), position in 0 .. {@link #count} − 1 and the same
 * for a fit in every pass, so a summary can hold one column (one metric's values, one method's intervals) of the
 * fits it summarises, place each value where the fit's row would be in table order, and drop the column before
 * the next pass. A sweep's source reads its staged Parquet parts with only the pass's columns, position = the
 * replicate ({@code StagedFits}); {@link #of} reads rows held in memory.
 */
public interface FitColumns {

    /** The number of fits of {@code setting} at sample size {@code n}: the positions 0 .. count − 1. */
    int count(Setting setting, int n);

    /** Visits every fit with its status, flags and cell sizes. */
    void flags(FlagsSink sink);

    /**
     * Visits every fit with its values of {@code metrics}, in that order (NaN where it has none, as
     * {@link FitRow#metric}): one pass for several metrics when their columns fit the memory budget together.
     */
    void metrics(List<String> metrics, ValuesSink sink);

    /** Visits every fit with its intervals of {@code method}. */
    void intervals(IntervalMethod method, IntervalSink sink);

    /** A fit's status and flags. */
    interface FlagsSink {
        /**
         * @param cellSizes per true atom j = 1, 2, … (index j − 1; the study's largest k* of them), the size of
         *                  its Voronoi cell, or {@link SettingFits#MISSING}; valid only during the call
         */
        void fit(String setting, int n, int position, FitStatus status, boolean startChecked, boolean startDiffered,
                boolean spurious, int[] cellSizes);
    }

    /** A fit's values of the pass's metrics. */
    interface ValuesSink {
        /** @param values the pass's metrics' values, in their order; valid only during the call */
        void fit(String setting, int n, int position, double[] values);
    }

    /** A fit's intervals of one method. */
    interface IntervalSink {
        void fit(String setting, int n, int position, MatchedIntervals intervals);
    }

    /**
     * The fits of {@code fits} held in memory: those of the study's settings and sample sizes (others are
     * skipped), each at its place in the order given among the fits of its (setting, n).
     */
    static FitColumns of(Study study, List<FitRow> fits) {
        Map<String, Setting> settings = new HashMap<>();
        study.settings().forEach(s -> settings.put(s.name(), s));
        Set<Integer> sizes = new HashSet<>();
        for (int n : study.sampleSizes()) {
            sizes.add(n);
        }
        List<FitRow> kept = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (FitRow f : fits) {
            if (settings.containsKey(f.setting()) && sizes.contains(f.n())) {
                kept.add(f);
                positions.add(counts.merge(f.setting() + "\n" + f.n(), 1, Integer::sum) - 1);
            }
        }
        int kStar = largestTruth(study);
        return new FitColumns() {
            @Override
            public int count(Setting setting, int n) {
                return counts.getOrDefault(setting.name() + "\n" + n, 0);
            }

            @Override
            public void flags(FlagsSink sink) {
                int[] sizesOf = new int[kStar];
                for (int k = 0; k < kept.size(); k++) {
                    FitRow f = kept.get(k);
                    for (int j = 1; j <= kStar; j++) {
                        Integer size = f.losses().cellSizes().get(Metrics.cellSize(j));
                        sizesOf[j - 1] = size == null ? SettingFits.MISSING : size;
                    }
                    sink.fit(f.setting(), f.n(), positions.get(k), f.status(), f.startChecked(), f.startDiffered(),
                            f.spurious(), sizesOf);
                }
            }

            @Override
            public void metrics(List<String> metrics, ValuesSink sink) {
                double[] values = new double[metrics.size()];
                for (int k = 0; k < kept.size(); k++) {
                    FitRow f = kept.get(k);
                    for (int m = 0; m < values.length; m++) {
                        values[m] = f.metric(metrics.get(m));
                    }
                    sink.fit(f.setting(), f.n(), positions.get(k), values);
                }
            }

            @Override
            public void intervals(IntervalMethod method, IntervalSink sink) {
                int m = study.intervals() == null ? -1 : study.intervals().methods().indexOf(method);
                for (int k = 0; k < kept.size(); k++) {
                    FitRow f = kept.get(k);
                    List<MatchedIntervals> all = f.intervals();
                    sink.fit(f.setting(), f.n(), positions.get(k), m >= 0 && m < all.size() ? all.get(m) : null);
                }
            }
        };
    }

    /** The study's largest k* (true atoms): how many cell sizes a flags pass gives per fit. */
    static int largestTruth(Study study) {
        int cells = 0;
        for (Setting s : study.settings()) {
            cells = Math.max(cells, s.truth().size());
        }
        return cells;
    }
}
