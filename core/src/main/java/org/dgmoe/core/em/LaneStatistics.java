package org.dgmoe.core.em;

/**
 * The pure-Java statistics of {@link EmWorkspace}'s block pass (the fallback when
 * {@code jdk.incubator.vector} is absent, and d ∉ {1, 4}): per-lane sums in 256-wide lane arrays,
 * lane[s][e] += …, loops C2's superword pass vectorises. w = e_i/S is written back into the
 * expert's term array.
 *
 * <p>Arrays: {@code w} (the expert's exponentials, overwritten by w = e/S), {@code inv} (1/S) and
 * the block's columns are indexed from 0 like the lanes (see {@link EmWorkspace} on why); lanes are
 * read and updated; everything else is read only.
 */
final class LaneStatistics {
    private LaneStatistics() {
    }

    /**
     * d = 1: w = e_i / S, and the six per-lane sums Σw, Σw·x, Σw·x², Σw·y, Σw·xy, Σw·y² in two
     * loops of three (short enough for C2 to unroll and vectorise).
     */
    static void one(EmWorkspace ws, double[] w, double[] inv, double[] xv, double[] yv, double[][] lane, int len) {
        final double[] l11 = lane[ws.pair(1, 1)];
        final double[] l01 = lane[ws.pair(0, 1)];
        final double[] l00 = lane[ws.pair(0, 0)];
        final double[] l21 = lane[ws.pair(2, 1)];
        final double[] l02 = lane[ws.pair(0, 2)];
        final double[] l22 = lane[ws.pair(2, 2)];
        for (int e = 0; e < len; e++) {
            double we = w[e] * inv[e];
            double wx = we * xv[e];
            w[e] = we;
            l11[e] += we;
            l01[e] += wx;
            l00[e] += wx * xv[e];
        }
        for (int e = 0; e < len; e++) {
            double wy = w[e] * yv[e];
            l21[e] += wy;
            l02[e] += wy * xv[e];
            l22[e] += wy * yv[e];
        }
    }

    /**
     * General d: w = e_i / S; for each column j ≠ 1 of v, (w·v_j) once, added to lane (j, 1), and
     * Σ (w·v_j)·v_l for l ≥ j, l ≠ 1.
     */
    static void general(EmWorkspace ws, double[] w, double[] inv, double[][] xb, double[] yb, double[] wv,
            double[][] lane, int len) {
        final int d = ws.d;
        final int q = ws.q;
        final int one = d;
        final double[] l11 = lane[ws.pair(one, one)];
        for (int e = 0; e < len; e++) {
            double we = w[e] * inv[e];
            w[e] = we;
            l11[e] += we;
        }
        for (int j = 0; j < q; j++) {
            if (j == one) {
                continue;
            }
            final double[] cj = j < d ? xb[j] : yb;
            final double[] lj1 = lane[ws.pair(j, one)];
            for (int e = 0; e < len; e++) {
                double we = w[e] * cj[e];
                wv[e] = we;
                lj1[e] += we;
            }
            for (int l = j; l < q; l++) {
                if (l == one) {
                    continue;
                }
                final double[] cl = l < d ? xb[l] : yb;
                final double[] ljl = lane[ws.pair(j, l)];
                for (int e = 0; e < len; e++) {
                    ljl[e] += wv[e] * cl[e];
                }
            }
        }
    }

}
