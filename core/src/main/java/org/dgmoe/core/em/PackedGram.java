package org.dgmoe.core.em;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link EmWorkspace}'s statistics for general d (every d but 1 and 4, which keep {@link VectorBlock}'s unrolled
 * forms) with the Vector API: one expert's weighted Gram G = Σ_e w_e v_e v_eᵀ of v = [x_1, …, x_d, 1, y] over a
 * block, as the rank-1 updates of a GEMM micro-kernel (issue 27, branch {@code fuse}).
 *
 * <p>The block is packed point-major, z[e·qp + j] = v_j of point e ({@link #pack}; q = d + 2 padded with zeros to
 * qp, a multiple of the vector width {@link #LANES}), so one point's entries are contiguous. Per sub-block of
 * {@link #SUB} points an expert's rows are weighted once, a[e·qp + r] = w_e·z_er ({@link #weigh}), and each tile of
 * the upper triangle, up to two vectors of rows (2·LANES rows) by eight columns, keeps its 16 sums in registers
 * while it runs over the points: per point two vector loads of a, one broadcast of z_ec per column and one
 * multiply-add per sum. The sums are the Gram's entries themselves (rows along the vector lanes), so nothing is
 * summed across lanes; they are loaded from and stored to g once per tile and sub-block. Why this form: the lane
 * tiles before it ({@link VectorGram}, lanes over points) loaded 9 vectors per 16 multiply-adds from the block's
 * columns, 73 KB at d = 32 and so from L2; here the packed block (at most {@link EmWorkspace#BLOCK}·qp doubles), a
 * sub-block's weighted rows ({@link #SUB}·qp) and g stay in L1 and a tile loads 10 values per 16 multiply-adds.
 * Column tiles cover the columns c &lt; q rounded up to even, each with the rows r &lt; its last column rounded up to
 * LANES, so at d = 32 (q = 34, qp = 40) 720 products for the 595 statistics, as before.
 *
 * <p>The products are the scalar reference's: (w·v_r)·v_c for r ≤ c, and every entry is summed over the points
 * in their order (across sub-blocks and blocks: g holds the running sums), so given the same weights w the
 * statistics are those of {@link EmWorkspace#passReference}'s loop bit for bit (no fused multiply-add; the
 * weights themselves differ from the reference's by the fast exponentials). This changed the bits of every
 * d ∉ {1, 4} against the lane tiles, whose sums ran per lane (docs/performance.md, "fuse").
 */
final class PackedGram {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Rows per vector: 8 with AVX-512, 4 with AVX2. */
    static final int LANES = VectorBlock.LANES;
    /** Points per sub-block: its weighted rows, SUB·qp doubles (20 KB at d = 32), stay in L1 beside the block. */
    static final int SUB = 64;
    /** Columns per tile. */
    private static final int COLUMNS = 8;

    private PackedGram() {
    }

    /** qp: q rounded up to a multiple of {@link #LANES}, the stride of the packed points and of g's columns. */
    static int rowStride(int q) {
        return (q + LANES - 1) / LANES * LANES;
    }

    /** Doubles of one expert's g: columns c &lt; q rounded up to even, qp rows each. */
    static int gramSize(int q) {
        return (q + 1) / 2 * 2 * rowStride(q);
    }

    /**
     * A sub-block's packed buffer: {@link #SUB} points of qp entries, the constant column d already 1 and the padding
     * 0 (neither is written again by {@link #addBlock}).
     */
    static double[] packedBuffer(int d) {
        int qp = rowStride(d + 2);
        double[] z = new double[SUB * qp];
        for (int e = 0; e < SUB; e++) {
            z[e * qp + d] = 1.0;
        }
        return z;
    }

    /**
     * Adds a block of len points to the k experts' running sums: for each sub-block of {@link #SUB} points, packs
     * it, z[(e − from)·qp + j] = v_j of point e (xb's columns, the constant 1, yb), then for each expert i weighs
     * its rows by w_e = terms[i + 1][e]·inv[e] ({@link #weigh}) and adds them,
     * g[i·{@link #gramSize} + c·qp + r] += Σ_e (w_e·z_er)·z_ec, to every tile of the upper triangle (entries
     * below the diagonal and in the padding are computed too and never read: {@link #reduce}). The sub-block's
     * z, the weighted rows and the tiles' sums stay in L1.
     *
     * @param terms the experts' exponentials (rows 1..k), inv 1/S, xb the block's d columns and yb its y: read
     *              only; z a {@link #packedBuffer} and a a scratch of {@link #SUB}·qp doubles; g read and updated
     */
    static void addBlock(double[][] terms, double[] inv, double[][] xb, double[] yb, int d, int k, double[] z,
            double[] a, double[] g, int len) {
        final int q = d + 2;
        final int qp = rowStride(q);
        final int size = gramSize(q);
        for (int from = 0; from < len; from += SUB) {
            final int count = Math.min(len, from + SUB) - from;
            // Point by point, so that the stores run along z.
            for (int e = 0; e < count; e++) {
                final int o = e * qp;
                for (int j = 0; j < d; j++) {
                    z[o + j] = xb[j][from + e];
                }
                z[o + d + 1] = yb[from + e];
            }
            for (int i = 0; i < k; i++) {
                weigh(terms[i + 1], inv, from, z, qp, a, count);
                tiles(z, q, a, g, i * size, count);
            }
        }
    }

    /** Every tile of the upper triangle over the sub-block's count points: g[o + c·qp + r] += Σ_e a_er·z_ec. */
    private static void tiles(double[] z, int q, double[] a, double[] g, int o, int count) {
        final int qp = rowStride(q);
        final int even = (q + 1) / 2 * 2;
        int c0 = 0;
        for (; c0 + COLUMNS <= even; c0 += COLUMNS) {
            final int vectors = (c0 + COLUMNS - 1) / LANES + 1;
            int r = 0;
            for (; r + 1 < vectors; r += 2) {
                tile2x8(a, z, g, qp, o, r * LANES, c0, 0, count);
            }
            if (r < vectors) {
                tile1x8(a, z, g, qp, o, r * LANES, c0, 0, count);
            }
        }
        for (; c0 < even; c0 += 2) {
            final int vectors = (c0 + 1) / LANES + 1;
            int r = 0;
            for (; r + 1 < vectors; r += 2) {
                tile2x2(a, z, g, qp, o, r * LANES, c0, 0, count);
            }
            if (r < vectors) {
                tile1x2(a, z, g, qp, o, r * LANES, c0, 0, count);
            }
        }
    }

    /** a[e·qp + r] = (t[from + e]·inv[from + e])·z[e·qp + r] for e &lt; count and r &lt; qp: the weighted rows. */
    private static void weigh(double[] t, double[] inv, int from, double[] z, int qp, double[] a, int count) {
        for (int e = 0; e < count; e++) {
            final DoubleVector w = DoubleVector.broadcast(S, t[from + e] * inv[from + e]);
            final int o = e * qp;
            for (int r = 0; r < qp; r += LANES) {
                w.mul(DoubleVector.fromArray(S, z, o + r)).intoArray(a, o + r);
            }
        }
    }

    /**
     * One expert's statistics from its sums: stats[pairIndex[r·q + c]] = g[o + c·qp + r] for r ≤ c &lt; q.
     *
     * @param g read only; stats written
     */
    static void reduce(double[] g, int o, int q, int[] pairIndex, double[] stats) {
        final int qp = rowStride(q);
        for (int c = 0; c < q; c++) {
            for (int r = 0; r <= c; r++) {
                stats[pairIndex[r * q + c]] = g[o + c * qp + r];
            }
        }
    }

    /** 2 row vectors × 8 columns: 16 sums in registers. */
    private static void tile2x8(double[] a, double[] z, double[] g, int qp, int o, int r0, int c0, int from,
            int to) {
        final int at = o + c0 * qp + r0;
        DoubleVector s00 = DoubleVector.fromArray(S, g, at);
        DoubleVector s10 = DoubleVector.fromArray(S, g, at + LANES);
        DoubleVector s01 = DoubleVector.fromArray(S, g, at + 1 * qp);
        DoubleVector s11 = DoubleVector.fromArray(S, g, at + 1 * qp + LANES);
        DoubleVector s02 = DoubleVector.fromArray(S, g, at + 2 * qp);
        DoubleVector s12 = DoubleVector.fromArray(S, g, at + 2 * qp + LANES);
        DoubleVector s03 = DoubleVector.fromArray(S, g, at + 3 * qp);
        DoubleVector s13 = DoubleVector.fromArray(S, g, at + 3 * qp + LANES);
        DoubleVector s04 = DoubleVector.fromArray(S, g, at + 4 * qp);
        DoubleVector s14 = DoubleVector.fromArray(S, g, at + 4 * qp + LANES);
        DoubleVector s05 = DoubleVector.fromArray(S, g, at + 5 * qp);
        DoubleVector s15 = DoubleVector.fromArray(S, g, at + 5 * qp + LANES);
        DoubleVector s06 = DoubleVector.fromArray(S, g, at + 6 * qp);
        DoubleVector s16 = DoubleVector.fromArray(S, g, at + 6 * qp + LANES);
        DoubleVector s07 = DoubleVector.fromArray(S, g, at + 7 * qp);
        DoubleVector s17 = DoubleVector.fromArray(S, g, at + 7 * qp + LANES);
        int ao;
        int zo;
        DoubleVector a0;
        DoubleVector a1;
        DoubleVector b;
        int e = from;
        for (; e < to; e++) {
            ao = (e - from) * qp + r0;
            zo = e * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            a1 = DoubleVector.fromArray(S, a, ao + LANES);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            s10 = s10.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
            s11 = s11.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 2]);
            s02 = s02.add(a0.mul(b));
            s12 = s12.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 3]);
            s03 = s03.add(a0.mul(b));
            s13 = s13.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 4]);
            s04 = s04.add(a0.mul(b));
            s14 = s14.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 5]);
            s05 = s05.add(a0.mul(b));
            s15 = s15.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 6]);
            s06 = s06.add(a0.mul(b));
            s16 = s16.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 7]);
            s07 = s07.add(a0.mul(b));
            s17 = s17.add(a1.mul(b));
        }
        s00.intoArray(g, at);
        s10.intoArray(g, at + LANES);
        s01.intoArray(g, at + 1 * qp);
        s11.intoArray(g, at + 1 * qp + LANES);
        s02.intoArray(g, at + 2 * qp);
        s12.intoArray(g, at + 2 * qp + LANES);
        s03.intoArray(g, at + 3 * qp);
        s13.intoArray(g, at + 3 * qp + LANES);
        s04.intoArray(g, at + 4 * qp);
        s14.intoArray(g, at + 4 * qp + LANES);
        s05.intoArray(g, at + 5 * qp);
        s15.intoArray(g, at + 5 * qp + LANES);
        s06.intoArray(g, at + 6 * qp);
        s16.intoArray(g, at + 6 * qp + LANES);
        s07.intoArray(g, at + 7 * qp);
        s17.intoArray(g, at + 7 * qp + LANES);
    }

    /** 1 row vector × 8 columns: 8 sums in registers. */
    private static void tile1x8(double[] a, double[] z, double[] g, int qp, int o, int r0, int c0, int from,
            int to) {
        final int at = o + c0 * qp + r0;
        DoubleVector s00 = DoubleVector.fromArray(S, g, at);
        DoubleVector s01 = DoubleVector.fromArray(S, g, at + 1 * qp);
        DoubleVector s02 = DoubleVector.fromArray(S, g, at + 2 * qp);
        DoubleVector s03 = DoubleVector.fromArray(S, g, at + 3 * qp);
        DoubleVector s04 = DoubleVector.fromArray(S, g, at + 4 * qp);
        DoubleVector s05 = DoubleVector.fromArray(S, g, at + 5 * qp);
        DoubleVector s06 = DoubleVector.fromArray(S, g, at + 6 * qp);
        DoubleVector s07 = DoubleVector.fromArray(S, g, at + 7 * qp);
        int ao;
        int zo;
        DoubleVector a0;
        DoubleVector b;
        int e = from;
        for (; e < to; e++) {
            ao = (e - from) * qp + r0;
            zo = e * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 2]);
            s02 = s02.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 3]);
            s03 = s03.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 4]);
            s04 = s04.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 5]);
            s05 = s05.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 6]);
            s06 = s06.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 7]);
            s07 = s07.add(a0.mul(b));
        }
        s00.intoArray(g, at);
        s01.intoArray(g, at + 1 * qp);
        s02.intoArray(g, at + 2 * qp);
        s03.intoArray(g, at + 3 * qp);
        s04.intoArray(g, at + 4 * qp);
        s05.intoArray(g, at + 5 * qp);
        s06.intoArray(g, at + 6 * qp);
        s07.intoArray(g, at + 7 * qp);
    }

    /** 2 row vectors × 2 columns: 4 sums in registers; 2 points per step. */
    private static void tile2x2(double[] a, double[] z, double[] g, int qp, int o, int r0, int c0, int from,
            int to) {
        final int at = o + c0 * qp + r0;
        DoubleVector s00 = DoubleVector.fromArray(S, g, at);
        DoubleVector s10 = DoubleVector.fromArray(S, g, at + LANES);
        DoubleVector s01 = DoubleVector.fromArray(S, g, at + 1 * qp);
        DoubleVector s11 = DoubleVector.fromArray(S, g, at + 1 * qp + LANES);
        int ao;
        int zo;
        DoubleVector a0;
        DoubleVector a1;
        DoubleVector b;
        int e = from;
        for (; e + 1 < to; e += 2) {
            ao = (e - from) * qp + r0;
            zo = e * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            a1 = DoubleVector.fromArray(S, a, ao + LANES);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            s10 = s10.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
            s11 = s11.add(a1.mul(b));
            ao = (e + 1 - from) * qp + r0;
            zo = (e + 1) * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            a1 = DoubleVector.fromArray(S, a, ao + LANES);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            s10 = s10.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
            s11 = s11.add(a1.mul(b));
        }
        for (; e < to; e++) {
            ao = (e - from) * qp + r0;
            zo = e * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            a1 = DoubleVector.fromArray(S, a, ao + LANES);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            s10 = s10.add(a1.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
            s11 = s11.add(a1.mul(b));
        }
        s00.intoArray(g, at);
        s10.intoArray(g, at + LANES);
        s01.intoArray(g, at + 1 * qp);
        s11.intoArray(g, at + 1 * qp + LANES);
    }

    /** 1 row vector × 2 columns: 2 sums in registers; 4 points per step. */
    private static void tile1x2(double[] a, double[] z, double[] g, int qp, int o, int r0, int c0, int from,
            int to) {
        final int at = o + c0 * qp + r0;
        DoubleVector s00 = DoubleVector.fromArray(S, g, at);
        DoubleVector s01 = DoubleVector.fromArray(S, g, at + 1 * qp);
        int ao;
        int zo;
        DoubleVector a0;
        DoubleVector b;
        int e = from;
        for (; e + 3 < to; e += 4) {
            ao = (e - from) * qp + r0;
            zo = e * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
            ao = (e + 1 - from) * qp + r0;
            zo = (e + 1) * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
            ao = (e + 2 - from) * qp + r0;
            zo = (e + 2) * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
            ao = (e + 3 - from) * qp + r0;
            zo = (e + 3) * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
        }
        for (; e < to; e++) {
            ao = (e - from) * qp + r0;
            zo = e * qp + c0;
            a0 = DoubleVector.fromArray(S, a, ao);
            b = DoubleVector.broadcast(S, z[zo]);
            s00 = s00.add(a0.mul(b));
            b = DoubleVector.broadcast(S, z[zo + 1]);
            s01 = s01.add(a0.mul(b));
        }
        s00.intoArray(g, at);
        s01.intoArray(g, at + 1 * qp);
    }

}
