package org.dgmoe.core.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.Quantiles;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.random.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Several metrics' rates in one call share the bootstrap's draws ({@link RateBootstrap}) and still give, bit for
 * bit, each metric's rate alone, and that rate is the percentile bootstrap of docs/rates.md drawn in its documented
 * order (the loop the estimator ran before draws were shared, written out below). Exact equality throughout: the
 * same additions in the same order give the same bits, and any other order would differ in the last places.
 */
class RateBootstrapTest {
    private static final long[] N = {50, 100, 200};
    private static final RateSettings SETTINGS = new RateSettings(200, 0.95, 0.05, 7L, false);
    private static final RateEstimator ESTIMATOR = new RateEstimator(SETTINGS);

    /** Lognormal-ish values decaying like n^(-1/2), 40 replicates a size, from a fixed seed. */
    private static double[][] metric(long seed, double scale) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] v = new double[N.length][40];
        for (int i = 0; i < N.length; i++) {
            for (int r = 0; r < v[i].length; r++) {
                v[i][r] = scale * Math.exp(rng.nextDouble() - 0.5) / Math.sqrt(N[i]);
            }
        }
        return v;
    }

    /**
     * Metrics A, B, E (equal counts: one group, E = 2A), C (a NaN at the middle size: its own group), D (all
     * zero: no slope, no interval), in an order that interleaves the groups.
     */
    private static double[][][] metrics() {
        double[][] a = metric(1, 1.0);
        double[][] b = metric(2, 3.0);
        double[][] c = metric(3, 0.5);
        c[1][7] = Double.NaN;
        double[][] d = new double[N.length][40];
        double[][] e = new double[N.length][];
        for (int i = 0; i < N.length; i++) {
            e[i] = a[i].clone();
            for (int r = 0; r < e[i].length; r++) {
                e[i][r] *= 2;
            }
        }
        return new double[][][] {a, c, b, d, e};
    }

    @Test
    void sharedDrawsGiveEachMetricsOwnRate() {
        double[][][] values = metrics();
        double[][][] before = deepCopy(values);
        double[] theory = {-0.5, -0.5, Double.NaN, -0.5, -0.25};
        RateEstimate[] together = ESTIMATOR.estimate(N, values, theory);
        for (int m = 0; m < values.length; m++) {
            assertEquals(ESTIMATOR.estimate(N, values[m], theory[m]), together[m], "metric " + m);
        }
        assertEquals(Double.NaN, together[3].ciLow()); // no slope, no interval
        assertEquals(before.length, values.length);
        for (int m = 0; m < values.length; m++) {
            for (int i = 0; i < N.length; i++) {
                assertEquals(Arrays.toString(before[m][i]), Arrays.toString(values[m][i]), "inputs not modified");
            }
        }
    }

    @Test
    void eachRateIsTheDocumentedBootstrapDrawForDraw() {
        double[][][] values = metrics();
        for (int m : new int[] {0, 1, 4}) {
            RateEstimate r = ESTIMATOR.estimate(N, values, new double[] {-0.5, -0.5, -0.5, -0.5, -0.5})[m];
            double[] interval = referenceInterval(values[m]);
            assertEquals(interval[0], r.ciLow(), 0.0, "metric " + m);
            assertEquals(interval[1], r.ciHigh(), 0.0, "metric " + m);
        }
        // the test can tell: E = 2A has the same draws, so the same slopes (log 2 cancels up to rounding) but
        // C, with its own counts, does not share A's draws
        assertNotEquals(referenceInterval(values[0])[0], referenceInterval(values[1])[0]);
    }

    @Test
    void guardedRatesShareTooAndSelectAsAlone() {
        double[][][] values = metrics();
        FitStatus[][] statuses = new FitStatus[N.length][40];
        for (FitStatus[] s : statuses) {
            Arrays.fill(s, FitStatus.CONVERGED);
        }
        statuses[2][3] = FitStatus.MAX_ITERATIONS; // left out of every metric: the counts still agree
        FitStatus[][][] all = {statuses, statuses, statuses, statuses, statuses};
        double[] theory = {-0.5, -0.5, -0.5, -0.5, -0.5};
        RateEstimate[] together = ESTIMATOR.estimate(N, values, all, theory);
        for (int m = 0; m < values.length; m++) {
            assertEquals(ESTIMATOR.estimate(N, values[m], statuses, theory[m]), together[m], "metric " + m);
        }
    }

    /** The estimator's loop before draws were shared: a fresh stream, per resample per size c_i draws in order. */
    private static double[] referenceInterval(double[][] values) {
        double[][] clean = new double[N.length][];
        double[] logN = new double[N.length];
        for (int i = 0; i < N.length; i++) {
            clean[i] = Arrays.stream(values[i]).filter(Double::isFinite).toArray();
            logN[i] = Math.log(N[i]);
        }
        UniformRandomProvider rng = Seeds.stream(SETTINGS.seed(), Seeds.Stream.BOOTSTRAP);
        double[] slopes = new double[SETTINGS.bootstrapResamples()];
        int kept = 0;
        double[] logMean = new double[N.length];
        for (int r = 0; r < slopes.length; r++) {
            for (int i = 0; i < N.length; i++) {
                double s = 0;
                for (int t = 0; t < clean[i].length; t++) {
                    s += clean[i][rng.nextInt(clean[i].length)];
                }
                logMean[i] = Math.log(s / clean[i].length);
            }
            double slope = RateEstimator.leastSquares(logN, logMean)[0];
            if (!Double.isNaN(slope)) {
                slopes[kept++] = slope;
            }
        }
        double[] sorted = Arrays.copyOf(slopes, kept);
        Arrays.sort(sorted);
        return new double[] {Quantiles.typeSevenSorted(sorted, 0.025), Quantiles.typeSevenSorted(sorted, 0.975)};
    }

    private static double[][][] deepCopy(double[][][] v) {
        double[][][] out = new double[v.length][][];
        for (int m = 0; m < v.length; m++) {
            out[m] = new double[v[m].length][];
            for (int i = 0; i < v[m].length; i++) {
                out[m][i] = v[m][i].clone();
            }
        }
        return out;
    }
}
