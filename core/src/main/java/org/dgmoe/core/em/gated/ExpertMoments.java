package org.dgmoe.core.em.gated;

import java.util.Arrays;
import org.dgmoe.core.em.BlockLogs;
import org.dgmoe.core.em.BlockedGram;
import org.dgmoe.core.em.ExpertLeastSquares;

/**
 * The experts' weighted moments of the gated M-step (M1): the packed Σ_n w_n z_n z_nᵀ, z = [x̃, 1, ỹ] with the
 * data centred at their means (ExpertLeastSquares' layout), for one expert's responsibilities w.
 *
 * <p>Fast form of the plain triple loop ({@link #accumulateReference}): the centred columns are stored once per
 * fit block by block ({@link #BLOCK} points of each column contiguous, indexed from 0), each block's weights are
 * copied to a buffer indexed from 0, and the sums run per lane in BLOCK-wide lane arrays (as the constant-weight
 * kernel's LaneStatistics does), so C2 vectorises every loop and no loop carries a floating-point reduction; the
 * lanes are summed once at the end. For d ≥ 2 with the Vector API ({@link BlockedGram#AVAILABLE}) the sums are
 * the constant pass's register tiles on its cache-aligned layout instead ({@link BlockedGram}; issue 27:
 * (d + 2)(d + 3)/2 lane arrays of 256 are 1.2 MB at d = 32, out of cache; {@link org.dgmoe.core.em.WeightedGram}'s
 * tiles before, docs/performance.md, "the gated moments on the layout"); d = 1 keeps the lane arrays, so the d = 1
 * gated studies' numbers do not change. Either result differs from the reference only in summation order and, with
 * the tiles, one rounding per product fused into its sum (tolerance in ExpertMomentsTest). Buffers are allocated once
 * per fit; not thread-safe.
 */
final class ExpertMoments {
    /** Points per block: {@link BlockLogs#BLOCK}. */
    static final int BLOCK = BlockLogs.BLOCK;

    private final int n;
    private final int d;
    /** Columns of z: d centred covariates, the constant 1 (index d), centred y (index d + 1). */
    private final int q;
    private final int[] pairIndex;
    /**
     * blocks[b][c][e]: column c of z (c ≠ d) at point b·BLOCK + e; c = d holds ỹ (the constant needs no column).
     * The lanes' form only (null with {@link #gram}).
     */
    private final double[][][] blocks;
    private final double[] wb;
    private final double[] wv;
    /** lanes[s][e]: lane e of packed moment s (the lanes' form only). */
    private final double[][] lanes;
    // The centred data, column-major, for the reference.
    private final double[] xc;
    private final double[] yc;
    /** The Vector API tiles on the layout (d ≥ 2 and {@link BlockedGram#AVAILABLE}), else null. */
    private final BlockedGram gram;
    /** {@link #accumulate}'s one weight row and output, handed to {@link #gram}. */
    private final double[][] oneWeights = new double[1][];
    private final double[][] oneOut = new double[1][];

    /**
     * @param xc centred covariates, column-major n·d (kept, read only)
     * @param yc centred responses (kept, read only)
     */
    ExpertMoments(double[] xc, double[] yc, int d) {
        this(xc, yc, d, d >= 2 && BlockedGram.AVAILABLE && BlockedGram.fits(yc.length, d));
    }

    /** With {@code tiles}: {@link BlockedGram}'s tiles (needs {@link BlockedGram#AVAILABLE}), else the lane arrays. */
    ExpertMoments(double[] xc, double[] yc, int d, boolean tiles) {
        this.n = yc.length;
        this.d = d;
        this.q = d + 2;
        this.pairIndex = ExpertLeastSquares.pairIndex(q);
        this.xc = xc;
        this.yc = yc;
        if (tiles) {
            gram = new BlockedGram(xc, yc, d);
            blocks = null;
            wb = null;
            wv = null;
            lanes = null;
            return;
        }
        gram = null;
        int count = (n + BLOCK - 1) / BLOCK;
        blocks = new double[count][d + 1][BLOCK];
        for (int b = 0; b < count; b++) {
            int start = b * BLOCK;
            int len = Math.min(BLOCK, n - start);
            for (int j = 0; j < d; j++) {
                System.arraycopy(xc, j * n + start, blocks[b][j], 0, len);
            }
            System.arraycopy(yc, start, blocks[b][d], 0, len);
        }
        wb = new double[BLOCK];
        wv = new double[BLOCK];
        lanes = new double[q * (q + 1) / 2][BLOCK];
    }

    /** {@code out}[pair(j, l)] = Σ_n w_n z_nj z_nl, by lanes. */
    void accumulate(double[] w, double[] out) {
        if (gram != null) {
            oneWeights[0] = w;
            oneOut[0] = out;
            gram.accumulate(oneWeights, 1, oneOut);
            return;
        }
        for (double[] lane : lanes) {
            Arrays.fill(lane, 0);
        }
        final int one = d;
        final double[] mass = lanes[pairIndex[one * q + one]];
        for (int b = 0; b < blocks.length; b++) {
            final int start = b * BLOCK;
            final int len = Math.min(BLOCK, n - start);
            System.arraycopy(w, start, wb, 0, len);
            addTo(mass, wb, len);
            final double[][] cols = blocks[b];
            for (int j = 0; j < q; j++) {
                if (j == one) {
                    continue;
                }
                // w·z_j once, added to moment (j, 1), then (w·z_j)·z_l for l ≥ j.
                final double[] cj = cols[j < d ? j : d];
                weighted(wb, cj, wv, lanes[pairIndex[j * q + one]], len);
                for (int l = j; l < q; l++) {
                    if (l == one) {
                        continue;
                    }
                    addProductTo(lanes[pairIndex[j * q + l]], wv, cols[l < d ? l : d], len);
                }
            }
        }
        for (int s = 0; s < lanes.length; s++) {
            double sum = 0;
            for (double v : lanes[s]) {
                sum += v;
            }
            out[s] = sum;
        }
    }

    /**
     * {@code out[i]} = {@link #accumulate}({@code w[i]}) for every expert i, in one pass over the data when the tiles
     * are on (each block's columns read once for all experts, not once per expert: at d = 32 they are 13 MB per
     * 5·10⁴ points, past every cache); the same sums in the same order as {@link #accumulate}'s.
     */
    void accumulateAll(double[][] w, double[][] out) {
        if (gram == null) {
            for (int i = 0; i < w.length; i++) {
                accumulate(w[i], out[i]);
            }
            return;
        }
        gram.accumulate(w, w.length, out);
    }

    /** The plain form: one pass over the data per moment, a scalar sum each. */
    void accumulateReference(double[] w, double[] out) {
        for (int j = 0; j < q; j++) {
            for (int l = j; l < q; l++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += w[p] * column(j, p) * column(l, p);
                }
                out[pairIndex[j * q + l]] = s;
            }
        }
    }

    private double column(int j, int p) {
        return j < d ? xc[j * n + p] : j == d ? 1 : yc[p];
    }

    private static void addTo(double[] acc, double[] v, int len) {
        for (int e = 0; e < len; e++) {
            acc[e] += v[e];
        }
    }

    /** out = w·c and acc += out. */
    private static void weighted(double[] w, double[] c, double[] out, double[] acc, int len) {
        for (int e = 0; e < len; e++) {
            double v = w[e] * c[e];
            out[e] = v;
            acc[e] += v;
        }
    }

    /** acc += a·b. */
    private static void addProductTo(double[] acc, double[] a, double[] b, int len) {
        for (int e = 0; e < len; e++) {
            acc[e] += a[e] * b[e];
        }
    }
}
