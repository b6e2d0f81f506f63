package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * One setting's fits in columns, what every curve and rate of the setting reads of them and nothing more: per
 * sample size of the study (study order) and per fit (its position: table order) the status, the start check,
 * the near-degeneracy verdict and the Voronoi cell sizes of the true atoms 1..k*. A metric's values are not
 * here: the summaries read them a few metrics at a time into columns of their own ({@link Column}, issue 26), so
 * the driver holds about 8 bytes a fit here plus the pass's columns, at most {@link #FITS_PER_PASS} doubles
 * together (one metric's column when a batch alone is that large), not one double per fit and metric.
 *
 * <p>Why the driver, and not Spark SQL, summarises: the curves and rates must be core's arithmetic on the values
 * in table order, bit for bit as before (sequential sums, R's type-7 quantiles of the sorted values, a bootstrap
 * that draws replicates by index); Spark's {@code avg} and {@code percentile} sum and order otherwise, and its
 * shuffle would hold the same rows on the driver's heap in local mode. So the passes stream the parts, and the
 * settings are taken in batches ({@link #batches}) small enough that one metric's column of a batch stays under
 * {@link #FITS_PER_PASS} doubles, and a pass reads as many metrics as keep its columns under that together.
 */
public final class SettingFits {
    /** A cell size the fit has not (its row holds null there). */
    public static final int MISSING = Integer.MIN_VALUE;

    /**
     * The most fits a batch of settings holds (one setting more when a single setting has more), and the most
     * doubles a pass's metric columns hold together: 16 MiB, the flags about as much again. 2²¹ and not more: at
     * 10⁶ fits of one setting a pass of 2 metrics keeps the driver's live heap within 2× of a 10⁵-fit study's
     * (issue 26; 4 metrics a pass, 2²², gave 2.2–2.4×), and passes are cheap since the parts' readers share one
     * configuration (about 2 s a pass at 10⁶ fits, docs/performance.md).
     */
    static final long FITS_PER_PASS = 1L << 21;

    private final Setting setting;
    private final byte[][] status;
    private final boolean[][] checked;
    private final boolean[][] differed;
    private final boolean[][] spurious;
    /** [n index][true atom j − 1][fit]. */
    private final int[][][] cells;

    private SettingFits(Setting setting, int[] counts) {
        this.setting = setting;
        int kStar = setting.truth().size();
        int sizes = counts.length;
        this.status = new byte[sizes][];
        this.checked = new boolean[sizes][];
        this.differed = new boolean[sizes][];
        this.spurious = new boolean[sizes][];
        this.cells = new int[sizes][kStar][];
        for (int i = 0; i < sizes; i++) {
            status[i] = new byte[counts[i]];
            checked[i] = new boolean[counts[i]];
            differed[i] = new boolean[counts[i]];
            spurious[i] = new boolean[counts[i]];
            for (int j = 0; j < kStar; j++) {
                cells[i][j] = new int[counts[i]];
            }
        }
    }

    /**
     * The study's settings in batches, in study order: consecutive settings whose fits together are at most
     * {@link #FITS_PER_PASS} (a setting with more is a batch of its own).
     */
    static List<List<Setting>> batches(Study study, FitColumns fits, long fitsPerPass) {
        List<List<Setting>> out = new ArrayList<>();
        List<Setting> batch = new ArrayList<>();
        long held = 0;
        for (Setting s : study.settings()) {
            long count = 0;
            for (int n : study.sampleSizes()) {
                count += fits.count(s, n);
            }
            if (!batch.isEmpty() && held + count > fitsPerPass) {
                out.add(batch);
                batch = new ArrayList<>();
                held = 0;
            }
            batch.add(s);
            held += count;
        }
        if (!batch.isEmpty()) {
            out.add(batch);
        }
        return out;
    }

    /**
     * The flags of a batch's settings, one pass over {@code fits}, in the batch's order.
     *
     * @throws IllegalStateException when a fit is not of the study, a place is given twice, or a place is missing
     */
    static List<SettingFits> read(Study study, List<Setting> batch, FitColumns fits) {
        Places places = new Places(study, batch, fits);
        List<SettingFits> out = new ArrayList<>();
        for (Setting s : batch) {
            out.add(new SettingFits(s, places.counts(s)));
        }
        fits.flags((setting, n, position, status, checked, differed, spurious, cellSizes) -> {
            int[] at = places.place(setting, n, position);
            if (at == null) {
                return;
            }
            SettingFits f = out.get(at[0]);
            int i = at[1];
            f.status[i][position] = (byte) status.ordinal();
            f.checked[i][position] = checked;
            f.differed[i][position] = differed;
            f.spurious[i][position] = spurious;
            for (int j = 0; j < f.cells[i].length; j++) {
                f.cells[i][j][position] = j < cellSizes.length ? cellSizes[j] : MISSING;
            }
        });
        places.requireAll();
        return out;
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
        return FitStatus.values()[status[i][f]];
    }

    /** The statuses at the {@code i}-th sample size, a new array. */
    public FitStatus[] statuses(int i) {
        FitStatus[] all = FitStatus.values();
        FitStatus[] out = new FitStatus[status[i].length];
        for (int f = 0; f < out.length; f++) {
            out[f] = all[status[i][f]];
        }
        return out;
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

    /**
     * One column of a batch's fits (a metric's values, or one parameter's interval widths): per setting of the
     * batch, per sample size, per position, a double, filled by one pass.
     */
    static final class Column {
        private final double[][][] values;

        Column(List<SettingFits> batch) {
            values = new double[batch.size()][][];
            for (int s = 0; s < batch.size(); s++) {
                SettingFits f = batch.get(s);
                values[s] = new double[f.sizes()][];
                for (int i = 0; i < f.sizes(); i++) {
                    values[s][i] = new double[f.count(i)];
                }
            }
        }

        /** The values of the {@code s}-th setting of the batch at its {@code i}-th sample size (not a copy). */
        double[] at(int s, int i) {
            return values[s][i];
        }

        void set(int[] place, int position, double value) {
            values[place[0]][place[1]][position] = value;
        }
    }

    /**
     * Where each fit of a pass goes: its setting's index in the batch and its sample size's index in the study,
     * each place once, every place of the batch by the end of the pass.
     */
    static final class Places {
        private final Map<String, Integer> settingIndex = new HashMap<>();
        private final Map<Integer, Integer> sizeIndex = new HashMap<>();
        private final Map<String, Boolean> ofStudy = new HashMap<>();
        private final int[][] counts;
        private final BitSet[][] filled;
        private final List<Setting> batch;
        private final int[] sizes;
        /** The last place returned, reused: a pass allocates nothing per fit. */
        private final int[] at = new int[2];

        Places(Study study, List<Setting> batch, FitColumns fits) {
            this.batch = batch;
            this.sizes = study.sampleSizes();
            for (Setting s : study.settings()) {
                ofStudy.put(s.name(), true);
            }
            for (int i = 0; i < sizes.length; i++) {
                sizeIndex.put(sizes[i], i);
            }
            counts = new int[batch.size()][sizes.length];
            filled = new BitSet[batch.size()][sizes.length];
            for (int s = 0; s < batch.size(); s++) {
                settingIndex.put(batch.get(s).name(), s);
                for (int i = 0; i < sizes.length; i++) {
                    counts[s][i] = fits.count(batch.get(s), sizes[i]);
                    filled[s][i] = new BitSet(counts[s][i]);
                }
            }
        }

        /** Per sample size of the study, the fits of {@code setting} (of the batch). */
        int[] counts(Setting setting) {
            return counts[settingIndex.get(setting.name())].clone();
        }

        /**
         * The place {@code {setting index in the batch, n index}} of a fit, marked filled, or null when its setting
         * is of the study but not of the batch.
         *
         * @throws IllegalStateException when the fit is not of the study or its place is filled already
         */
        int[] place(String setting, int n, int position) {
            Integer s = settingIndex.get(setting);
            Integer i = sizeIndex.get(n);
            if (s == null && ofStudy.containsKey(setting) && i != null) {
                return null;
            }
            if (s == null || i == null || position < 0 || position >= counts[s][i]) {
                throw new IllegalStateException("the fits hold the task " + setting + "/" + n + "/" + position
                        + ", which is not of this study");
            }
            if (filled[s][i].get(position)) {
                throw new IllegalStateException("the fits hold the task " + setting + "/" + n + "/" + position
                        + " twice");
            }
            filled[s][i].set(position);
            at[0] = s;
            at[1] = i;
            return at;
        }

        /** @throws IllegalStateException when a place of the batch was not filled */
        void requireAll() {
            long missing = 0;
            String first = null;
            for (int s = 0; s < counts.length; s++) {
                for (int i = 0; i < counts[s].length; i++) {
                    int lacking = counts[s][i] - filled[s][i].cardinality();
                    if (lacking > 0 && first == null) {
                        first = batch.get(s).name() + "/" + sizes[i] + "/" + filled[s][i].nextClearBit(0);
                    }
                    missing += lacking;
                }
            }
            if (missing > 0) {
                throw new IllegalStateException("the fits lack " + missing + " tasks of the study (the first: "
                        + first + ")");
            }
        }
    }
}
