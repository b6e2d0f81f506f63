package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The block log-weights t_i of {@link ExpertLogWeights} against {@link EmWorkspace#passReference}'s formula (mean =
 * b + a_1x_1 + a_2x_2 + …, r = y − mean), which subtracts in another order than the loops, so they agree to rounding;
 * the max over t_0 (when given) and the t_i exactly. At d = 1, 2, 4 (the loops' special and short cases), 5, 16, 32
 * and 33, k = 1 to 6, whole and partial blocks.
 */
class ExpertLogWeightsTest {

    @ParameterizedTest(name = "d={0}, k={1}, len={2}, maxSoFar={3}")
    @CsvSource({"1, 3, 256, true", "2, 2, 100, false", "4, 3, 7, true", "5, 3, 256, true", "8, 1, 100, false",
        "16, 2, 256, true", "30, 5, 37, true", "32, 3, 256, false", "33, 6, 255, true"})
    void theLoopsAgreeWithTheReferenceFormulaToRounding(int d, int k, int len, boolean maxSoFar) {
        UniformRandomProvider rng = Fixtures.rng(97L * d + k);
        int block = BlockLogs.BLOCK;
        double[][] xb = new double[d][block];
        double[] yb = new double[block];
        for (int e = 0; e < len; e++) {
            for (int j = 0; j < d; j++) {
                xb[j][e] = rng.nextDouble() - 0.5;
            }
            yb[e] = 4 * rng.nextDouble() - 2;
        }
        double[] p = new double[k];
        double[][] a = new double[k][d];
        double[] b = new double[k];
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = 1.0 / k;
            for (int j = 0; j < d; j++) {
                a[i][j] = 2 * rng.nextDouble() - 1;
            }
            b[i] = i - 1.0;
            v[i] = 0.1 + 0.3 * i;
        }
        double[] t0 = new double[block];
        for (int e = 0; e < len; e++) {
            t0[e] = -3 * rng.nextDouble();
        }
        double[][] loops = logWeights(new ExpertLogWeights(d, k), xb, yb, t0, len, maxSoFar, p, a, b, v);
        ExpertLogWeights scalar = new ExpertLogWeights(d, k);
        scalar.hoist(0.6, p, a, b, v);
        // The loops against the reference formula: every partial sum of r is at most Σ|terms| ≤ |y| + |b| + Σ|a_j x_j|
        // ≤ 2 + 5 + 33/2 < 25 here, so the two orders' r differ by ≤ (d + 2)·ε·25 < 2e−13 and t = c − h·r² by
        // ≤ 2h|r|·that < 2·5·25·2e−13 = 5e−11 (h ≤ 5). 1e−10 absolute; a wrong column or expert moves t by O(0.1).
        for (int e = 0; e < len; e++) {
            for (int i = 0; i < k; i++) {
                assertEquals(reference(scalar, xb, yb, i, e), loops[i + 1][e], 1e-10,
                        "loops: t_" + i + " at point " + e);
            }
        }
        for (int e = 0; e < len; e++) {
            double max = maxSoFar ? t0[e] : Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                max = Math.max(max, loops[i + 1][e]);
            }
            assertEquals(max, loops[0][e], 0.0, "max at point " + e);
        }
    }

    /**
     * The in-place form on {@link BlockedColumns} (the pass at d = 8 and d ≥ 11, Vector API) gives the loops' t_i and
     * max bit for bit: the same multiplications and subtractions in the same order per point. No tolerance.
     */
    @ParameterizedTest(name = "in place: d={0}, k={1}, len={2}, maxSoFar={3}")
    @CsvSource({"1, 3, 256, true", "2, 2, 100, false", "3, 3, 7, true", "5, 3, 256, true", "8, 1, 100, false",
        "16, 2, 256, true", "30, 5, 37, true", "32, 3, 256, false", "33, 6, 255, true", "12, 4, 129, false",
        "11, 7, 9, true"})
    void theInPlaceFormGivesTheLoopsBits(int d, int k, int len, boolean maxSoFar) {
        org.junit.jupiter.api.Assumptions.assumeTrue(EmWorkspace.VECTOR, "the in-place form needs the Vector API");
        UniformRandomProvider rng = Fixtures.rng(89L * d + k);
        int block = BlockLogs.BLOCK;
        double[][] xb = new double[d][block];
        double[] yb = new double[block];
        double[] x = new double[d * len];
        for (int e = 0; e < len; e++) {
            for (int j = 0; j < d; j++) {
                xb[j][e] = rng.nextDouble() - 0.5;
                x[j * len + e] = xb[j][e];
            }
            yb[e] = 4 * rng.nextDouble() - 2;
        }
        double[] p = new double[k];
        double[][] a = new double[k][d];
        double[] b = new double[k];
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = 1.0 / k;
            for (int j = 0; j < d; j++) {
                a[i][j] = 2 * rng.nextDouble() - 1;
            }
            b[i] = i - 1.0;
            v[i] = 0.1 + 0.3 * i;
        }
        double[] t0 = new double[block];
        for (int e = 0; e < len; e++) {
            t0[e] = -3 * rng.nextDouble();
        }
        double[][] loops = logWeights(new ExpertLogWeights(d, k), xb, yb, t0, len, maxSoFar, p, a, b, v);
        BlockedColumns layout = BlockedColumns.of(x, new double[d], java.util.Arrays.copyOf(yb, len), d);
        int[] at = new int[ExpertGram.paddedX(d) + 2];
        layout.offsets(0, at);
        ExpertLogWeights w = new ExpertLogWeights(d, k);
        w.hoist(0.6, p, a, b, v);
        double[][] terms = new double[k + 1][block];
        double[] max = t0.clone();
        w.block(layout.values, at, at[at.length - 1], terms, max, len, maxSoFar);
        for (int e = 0; e < len; e++) {
            for (int i = 0; i < k; i++) {
                assertEquals(loops[i + 1][e], terms[i + 1][e], 0.0, "t_" + i + " at point " + e);
            }
            assertEquals(loops[0][e], max[e], 0.0, "max at point " + e);
        }
    }

    /** t_i at point e by passReference's formula, operation by operation. */
    private static double reference(ExpertLogWeights hoisted, double[][] xb, double[] yb, int i, int e) {
        double mean = hoisted.intercept[i];
        for (int j = 0; j < xb.length; j++) {
            mean += hoisted.slope[i][j] * xb[j][e];
        }
        double r = yb[e] - mean;
        return hoisted.logCoefficient[i] - hoisted.halfPrecision[i] * r * r;
    }

    /** Rows 1..k: t_i; row 0: the max (started from t0 when maxSoFar). */
    private static double[][] logWeights(ExpertLogWeights w, double[][] xb, double[] yb, double[] t0, int len,
            boolean maxSoFar, double[] p, double[][] a, double[] b, double[] v) {
        int k = p.length;
        double[][] terms = new double[k + 1][BlockLogs.BLOCK];
        double[] max = t0.clone();
        w.hoist(0.6, p, a, b, v);
        w.block(xb, yb, terms, max, len, maxSoFar);
        terms[0] = max;
        return terms;
    }
}
