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
 * bit. Drawing is the cost (issue 26: a rate over 10⁶ fits and 1 000 resamples is 10⁹ draws, most of a tiny-task
 * sweep's summary), so k metrics sharing their draws cost little more than one.
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

    /** The slopes of the metrics group[0 .. size), which share their counts, from one stream. */
    private static double[][] group(double[] logN, double[][][] values, int[] group, int size, int resamples,
            UniformRandomProvider rng) {
        int sizes = logN.length;
        // per size, the group's values interleaved (draw t's values side by side: one cache line serves the
        // group); one metric alone is read in place
        double[][] at = new double[sizes][];
        for (int i = 0; i < sizes; i++) {
            if (size == 1) {
                at[i] = values[group[0]][i];
                continue;
            }
            int count = values[group[0]][i].length;
            double[] v = new double[count * size];
            for (int k = 0; k < size; k++) {
                double[] x = values[group[k]][i];
                for (int t = 0; t < count; t++) {
                    v[t * size + k] = x[t];
                }
            }
            at[i] = v;
        }
        double[][] slopes = new double[size][resamples];
        int[] kept = new int[size];
        double[][] resampledLogMean = new double[size][sizes];
        double[] sums = new double[size];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < sizes; i++) {
                double[] v = at[i];
                int count = v.length / size;
                if (count == 0) {
                    for (int k = 0; k < size; k++) {
                        resampledLogMean[k][i] = Double.NaN;
                    }
                    continue;
                }
                if (size == 1) {
                    double s = 0;
                    for (int t = 0; t < count; t++) {
                        s += v[rng.nextInt(count)];
                    }
                    resampledLogMean[0][i] = Math.log(s / count);
                    continue;
                }
                Arrays.fill(sums, 0);
                for (int t = 0; t < count; t++) {
                    int base = rng.nextInt(count) * size;
                    for (int k = 0; k < size; k++) {
                        sums[k] += v[base + k];
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
