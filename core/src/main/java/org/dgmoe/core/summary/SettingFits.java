package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.uncertainty.MatchedIntervals;

/**
 * One setting's fits in columns, what its curves, rates, cell counts and coverage read of them and nothing
 * more: per sample size of the study (study order) and per fit (table order: replicate ascending) the status,
 * the start check, the near-degeneracy verdict, the Voronoi cell sizes of the true atoms 1..k*, the value of
 * each of the setting's metrics ({@link StudyMetrics#names}; NaN where the fit has none) and, in a study with
 * an {@code intervals} block, the matched intervals. A fit costs about 8 bytes a metric here instead of a
 * decoded {@link FitRow}, so a driver holds a study of 10⁶ fits (issue 26); the summaries read the same values
 * in the same order as from the rows, so their numbers do not change.
 */
public final class SettingFits {
    /** A cell size the fit has not (its row holds null there). */
    static final int MISSING = Integer.MIN_VALUE;

    private final Setting setting;
    private final List<String> metrics;
    private final FitStatus[][] status;
    private final boolean[][] checked;
    private final boolean[][] differed;
    private final boolean[][] spurious;
    /** [n index][true atom j − 1][fit]. */
    private final int[][][] cells;
    /** [n index][metric][fit]. */
    private final double[][][] values;
    /** [n index][fit], null without an intervals block. */
    private final List<List<MatchedIntervals>>[] intervals;

    private SettingFits(Builder b) {
        this.setting = b.setting;
        this.metrics = b.metrics;
        this.status = b.status;
        this.checked = b.checked;
        this.differed = b.differed;
        this.spurious = b.spurious;
        this.cells = b.cells;
        this.values = b.values;
        this.intervals = b.intervals;
    }

    /**
     * Every setting's fits of {@code fits} (one per task, any order of settings and n; per (setting, n) in the
     * order given, which is the order the summaries read them in), settings in study order.
     */
    public static List<SettingFits> of(Study study, List<FitRow> fits) {
        Map<String, Integer> index = new HashMap<>();
        for (int s = 0; s < study.settings().size(); s++) {
            index.put(study.settings().get(s).name(), s);
        }
        int[] sizes = study.sampleSizes();
        Map<Integer, Integer> sizeIndex = new HashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            sizeIndex.put(sizes[i], i);
        }
        int[][] counts = new int[study.settings().size()][sizes.length];
        for (FitRow f : fits) {
            Integer s = index.get(f.setting());
            Integer i = sizeIndex.get(f.n());
            if (s != null && i != null) {
                counts[s][i]++;
            }
        }
        List<Builder> builders = new ArrayList<>();
        for (int s = 0; s < counts.length; s++) {
            builders.add(new Builder(study.settings().get(s), counts[s], study.intervals() != null));
        }
        int[][] next = new int[counts.length][sizes.length];
        for (FitRow f : fits) {
            Integer s = index.get(f.setting());
            Integer i = sizeIndex.get(f.n());
            if (s != null && i != null) {
                builders.get(s).put(i, next[s][i]++, f);
            }
        }
        return builders.stream().map(Builder::build).toList();
    }

    /** The setting. */
    public Setting setting() {
        return setting;
    }

    /** The number of sample sizes (the study's). */
    public int sizes() {
        return status.length;
    }

    /** The number of fits at the {@code i}-th sample size. */
    public int count(int i) {
        return status[i].length;
    }

    /** The status of fit {@code f} at the {@code i}-th sample size. */
    public FitStatus status(int i, int f) {
        return status[i][f];
    }

    /** The statuses at the {@code i}-th sample size, a copy. */
    public FitStatus[] statuses(int i) {
        return status[i].clone();
    }

    /** Whether fit {@code f} at the {@code i}-th sample size was start-checked. */
    public boolean startChecked(int i, int f) {
        return checked[i][f];
    }

    /** Whether its start check found a different maximum. */
    public boolean startDiffered(int i, int f) {
        return differed[i][f];
    }

    /** Whether the fit is spurious ({@link FitRow#spurious}). */
    public boolean spurious(int i, int f) {
        return spurious[i][f];
    }

    /** The size of true atom {@code j}'s Voronoi cell (1 ≤ j ≤ k*), or {@link #MISSING}. */
    int cellSize(int i, int j, int f) {
        return cells[i][j - 1][f];
    }

    /** The value of {@code metric} of fit {@code f} at the {@code i}-th sample size (NaN where none). */
    public double metric(int i, String metric, int f) {
        int m = metrics.indexOf(metric);
        return m < 0 ? Double.NaN : values[i][m][f];
    }

    /** The values of {@code metric} at the {@code i}-th sample size, in fit order, a copy. */
    public double[] metric(int i, String metric) {
        int m = metrics.indexOf(metric);
        if (m < 0) {
            double[] none = new double[count(i)];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
        return values[i][m].clone();
    }

    /** The matched intervals of fit {@code f} at the {@code i}-th sample size (empty without an intervals block). */
    public List<MatchedIntervals> intervals(int i, int f) {
        return intervals == null ? List.of() : intervals[i].get(f);
    }

    /** The fits of each status, over every n. */
    public long[] statusCounts() {
        long[] counts = new long[FitStatus.values().length];
        for (FitStatus[] at : status) {
            for (FitStatus s : at) {
                counts[s.ordinal()]++;
            }
        }
        return counts;
    }

    /**
     * Collects one setting's fits into their places: {@code put(i, position, fit)} for each, then
     * {@link #build}. A sweep places fit r of the i-th sample size at position r (its replicate), so the
     * order is the table's whatever order the rows arrive in.
     */
    public static final class Builder {
        private final Setting setting;
        private final List<String> metrics;
        private final int kStar;
        private final FitStatus[][] status;
        private final boolean[][] checked;
        private final boolean[][] differed;
        private final boolean[][] spurious;
        private final int[][][] cells;
        private final double[][][] values;
        private final List<List<MatchedIntervals>>[] intervals;
        private final boolean[][] filled;

        /**
         * @param counts    per sample size of the study, the number of fits
         * @param intervals whether the study has an intervals block (the fits' intervals are kept)
         */
        @SuppressWarnings("unchecked")
        public Builder(Setting setting, int[] counts, boolean intervals) {
            this.setting = setting;
            this.metrics = StudyMetrics.names(setting);
            this.kStar = setting.truth().size();
            int sizes = counts.length;
            this.status = new FitStatus[sizes][];
            this.checked = new boolean[sizes][];
            this.differed = new boolean[sizes][];
            this.spurious = new boolean[sizes][];
            this.cells = new int[sizes][kStar][];
            this.values = new double[sizes][metrics.size()][];
            this.filled = new boolean[sizes][];
            this.intervals = intervals ? new List[sizes] : null;
            for (int i = 0; i < sizes; i++) {
                status[i] = new FitStatus[counts[i]];
                checked[i] = new boolean[counts[i]];
                differed[i] = new boolean[counts[i]];
                spurious[i] = new boolean[counts[i]];
                filled[i] = new boolean[counts[i]];
                for (int j = 0; j < kStar; j++) {
                    cells[i][j] = new int[counts[i]];
                }
                for (int m = 0; m < metrics.size(); m++) {
                    values[i][m] = new double[counts[i]];
                }
                if (intervals) {
                    this.intervals[i] = new ArrayList<>(java.util.Collections.nCopies(counts[i], null));
                }
            }
        }

        /**
         * Places {@code fit} at {@code position} of the {@code i}-th sample size.
         *
         * @return false when that place was filled already (the place keeps its first fit)
         * @throws IllegalArgumentException when the fit is of another setting or the position is out of range
         */
        public boolean put(int i, int position, FitRow fit) {
            if (!fit.setting().equals(setting.name())) {
                throw new IllegalArgumentException("fit: " + fit.task() + " is not of setting " + setting.name());
            }
            if (position < 0 || position >= status[i].length) {
                throw new IllegalArgumentException("position: " + fit.task() + " at " + position + " of "
                        + status[i].length);
            }
            if (filled[i][position]) {
                return false;
            }
            filled[i][position] = true;
            status[i][position] = fit.status();
            checked[i][position] = fit.startChecked();
            differed[i][position] = fit.startDiffered();
            spurious[i][position] = fit.spurious();
            for (int j = 1; j <= kStar; j++) {
                Integer size = fit.losses().cellSizes().get(Metrics.cellSize(j));
                cells[i][j - 1][position] = size == null ? MISSING : size;
            }
            for (int m = 0; m < metrics.size(); m++) {
                values[i][m][position] = fit.metric(metrics.get(m));
            }
            if (intervals != null) {
                intervals[i].set(position, List.copyOf(fit.intervals()));
            }
            return true;
        }

        /** The places not filled yet, over every n. */
        public long missing() {
            long missing = 0;
            for (boolean[] at : filled) {
                for (boolean f : at) {
                    missing += f ? 0 : 1;
                }
            }
            return missing;
        }

        /**
         * The setting's fits.
         *
         * @throws IllegalStateException when a place is not filled
         */
        public SettingFits build() {
            long missing = missing();
            if (missing > 0) {
                throw new IllegalStateException("setting " + setting.name() + ": " + missing + " fits missing");
            }
            return new SettingFits(this);
        }
    }
}
