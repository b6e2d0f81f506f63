package org.dgmoe.core.rate;

import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The percentile bootstrap's resampled log-log slopes of {@link RateEstimator} (docs/rates.md), for several
 * metrics at once. A resample redraws, within every size i, as many values as it has, c_i, with replacement,
 * from a fresh stream of the estimator's seed; the log of each size's resampled mean then gives a
 * least-squares slope. The draws depend on nothing but the counts c_i: metrics whose counts agree at every size
 * draw the same indices, so those are drawn once and each draw adds every such metric's value. Each metric's sum
 * still adds its own values in draw order, so its slopes are those of a bootstrap of that metric alone, bit for
 * bit. The cost is the gathers (issue 26: a rate over 10⁶ fits and 1 000 resamples is 10⁹ random reads of arrays
 * larger than the cache, most of a tiny-task sweep's summary); the draws are taken ahead ({@link #DRAWS_AHEAD}) so
 * that the reads overlap, 1.5–2× faster than a draw then its read (docs/performance.md, RateBootstrapBenchmark).
 */
final class RateBootstrap {
    private RateBootstrap() {
    }

    /**
     * The resampled slopes of every metric m with {@code bootstrap[m]}, the NaN slopes left out (a resample whose
     * means leave fewer than two sizes); null for the others.
     *
     * @param logN      log n per size
     * @param values    values[m][i]: metric m's finite values at size i (not modified)
     * @param bootstrap which metrics to resample
     * @param resamples B
     * @param streams   a fresh generator of the estimator's seed per call, each starting the same sequence
     */
    static double[][] slopes(double[] logN, double[][][] values, boolean[] bootstrap, int resamples,
            Supplier<UniformRandomProvider> streams) {
        int metrics = values.length;
        double[][] out = new double[metrics][];
        boolean[] done = new boolean[metrics];
        int[] group = new int[metrics];
        for (int first = 0; first < metrics; first++) {
            if (!bootstrap[first] || done[first]) {
                continue;
            }
            int size = 0;
            for (int m = first; m < metrics; m++) {
                if (bootstrap[m] && !done[m] && sameCounts(values[first], values[m])) {
                    group[size++] = m;
                    done[m] = true;
                }
            }
            double[][] slopes = group(logN, values, group, size, resamples, streams.get());
            for (int k = 0; k < size; k++) {
                out[group[k]] = slopes[k];
            }
        }
        return out;
    }

    private static boolean sameCounts(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                return false;
            }
        }
        return true;
    }

    /** Indices drawn ahead, then added metric by metric: 8 KB, in L1 beside the values' cache lines. */
    private static final int DRAWS_AHEAD = 2048;

    /**
     * The slopes of the metrics group[0 .. size), which share their counts, from one stream. The draws of a size
     * are taken {@link #DRAWS_AHEAD} at a time and then added to each metric's sum in turn, so each metric's inner
     * loop is the lone bootstrap's (one sum in a register, one array) without its draws; interleaving the metrics'
     * values instead (one index, then each metric's value) was 2–3× slower than one metric at a time: k× the
     * array no longer fits the cache, and the sums live in memory.
     */
    private static double[][] group(double[] logN, double[][][] values, int[] group, int size, int resamples,
            UniformRandomProvider rng) {
        int sizes = logN.length;
        double[][] slopes = new double[size][resamples];
        int[] kept = new int[size];
        double[][] resampledLogMean = new double[size][sizes];
        double[] sums = new double[size];
        int[] drawn = new int[DRAWS_AHEAD];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < sizes; i++) {
                int count = values[group[0]][i].length;
                if (count == 0) {
                    for (int k = 0; k < size; k++) {
                        resampledLogMean[k][i] = Double.NaN;
                    }
                    continue;
                }
                Arrays.fill(sums, 0);
                for (int from = 0; from < count; from += DRAWS_AHEAD) {
                    int ahead = Math.min(DRAWS_AHEAD, count - from);
                    for (int t = 0; t < ahead; t++) {
                        drawn[t] = rng.nextInt(count);
                    }
                    for (int k = 0; k < size; k++) {
                        double[] x = values[group[k]][i];
                        double s = sums[k];
                        for (int t = 0; t < ahead; t++) {
                            s += x[drawn[t]];
                        }
                        sums[k] = s;
                    }
                }
                for (int k = 0; k < size; k++) {
                    resampledLogMean[k][i] = Math.log(sums[k] / count);
                }
            }
            for (int k = 0; k < size; k++) {
                double slope = RateEstimator.leastSquares(logN, resampledLogMean[k])[0];
                if (!Double.isNaN(slope)) {
                    slopes[k][kept[k]++] = slope;
                }
            }
        }
        for (int k = 0; k < size; k++) {
            slopes[k] = Arrays.copyOf(slopes[k], kept[k]);
        }
        return slopes;
    }
}
