package org.dgmoe.core.em;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weighted Grams with the Vector API, blocked like a GEMM micro-kernel (issue 27): {@link WeightedGram}'s (the gated
 * models), and the statistics of {@link EmWorkspace}'s block pass at d ∈ {2, 3, 5, 6, 7, 9, 10}, or at any other d but
 * 1 and 4 when its data are not laid out as {@link BlockedColumns} ({@link #addWeighing}: at d = 8 and d ≥ 11 the pass
 * uses {@link ExpertGram}
 * on the layout, at d = 1 and 4 {@link VectorBlock}'s unrolled forms): one expert's weighted Gram Σ_e w_e v_e v_eᵀ
 * of v = [x_1, …, x_d, 1, y] over a block.
 *
 * <p>Why: the loop path ({@link LaneStatistics#general}) keeps one 256-wide lane array per statistic,
 * (d + 2)(d + 3)/2 of them per expert (1.2 MB per expert at d = 32), so every multiply-add goes
 * through memory that does not fit in cache. Here the block's columns c_0..c_{q−1} (q = d + 2, the
 * constant column a buffer of ones) are weighted, wc_j = w·c_j, and the upper triangle of
 * (wc)ᵀc is computed in tiles of {@link #TILE}×{@link #TILE} entries: each tile's 16 sums live in
 * vector registers for the whole block (each vector lane a separate partial sum over the points
 * e ≡ lane mod {@link #LANES}), so a step of LANES points loads 8 vectors for 16 multiply-adds
 * ({@link #weighBy} then {@link #accumulate}, for {@link WeightedGram}), or, in {@link #addWeighing} for
 * {@link EmWorkspace}, 9 vectors (w and 8 columns) for 4 multiplications w·c_j and 16 multiply-adds.
 * The tiles' lanes are loaded from and stored to {@code acc} once per block, and summed to the
 * statistics once per pass ({@link #reduce}). q is padded with zero columns to a multiple of TILE;
 * the padding and the below-diagonal half of the diagonal tiles are computed and discarded (at
 * d = 32, 720 products for 595 statistics).
 *
 * <p>The products are the loop path's, in its order: w = e/S, w·v_j once, (w·v_j)·v_l (the constant
 * column's products are multiplications by 1, exact), so a statistic of {@link #accumulate} differs from the loop
 * path's only by the order of the sums over points, as {@link VectorBlock#statisticsFour}'s do. {@link #addWeighing}
 * (EmWorkspace's statistics) fuses each product (w·v_j)·v_l into its sum, one rounding fewer per term: 9–10 % less
 * Gram time at d = 32 (docs/performance.md, "fuse"). A fused multiply-add is exactly rounded by definition
 * ({@link Math#fma}, which the Vector API's fallback uses), so its bits are the same in every execution mode,
 * interpreted or compiled; it needs the CPU's FMA unit to be fast (every x86-64 CPU with AVX2 or AVX-512 the
 * project runs on has one: {@code PeakRateBenchmark}).
 */
final class VectorGram {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Points per vector: 8 with AVX-512, 4 with AVX2. Divides {@link EmWorkspace#BLOCK}. */
    static final int LANES = VectorBlock.LANES;
    /** Rows and columns of a tile: 16 accumulators and 8 operands fit in AVX-512's 32 registers. */
    static final int TILE = 4;
    private static final DoubleVector ZERO = DoubleVector.zero(S);

    private VectorGram() {
    }

    /** q rounded up to a multiple of {@link #TILE}. */
    static int paddedColumns(int q) {
        return (q + TILE - 1) / TILE * TILE;
    }

    /** Accumulator doubles per expert: one tile of TILE² entries of LANES each, per tile of the upper triangle. */
    static int laneCount(int q) {
        int tiles = paddedColumns(q) / TILE;
        return tiles * (tiles + 1) / 2 * TILE * TILE * LANES;
    }

    /**
     * wc[j][e] = w[e]·c[j][e] for j &lt; q and e &lt; len rounded up to LANES (w taken as 0 past len): the weighted
     * columns that {@link #accumulate} multiplies ({@link WeightedGram}).
     *
     * @param w weights and c the block's q columns: read only; wc written (its rows q.. are left zero: padding)
     */
    static void weighBy(double[] w, double[][] c, double[][] wc, int q, int len) {
        for (int e = 0; e < len; e += LANES) {
            DoubleVector v = DoubleVector.fromArray(S, w, e);
            if (e + LANES > len) {
                v = ZERO.blend(v, S.indexInRange(e, len));
            }
            for (int j = 0; j < q; j++) {
                v.mul(DoubleVector.fromArray(S, c[j], e)).intoArray(wc[j], e);
            }
        }
    }

    /**
     * acc[o + j·LANES + lane] += Σ over the block's points e ≡ lane (mod LANES) of w[e]·c[j][e], j &lt; q (w taken
     * as 0 past len): the weighted column sums Σ_e w_e c_j[e] per lane, the gradient of a Newton step
     * ({@link WeightedGram#addSums}). Four columns per pass over w, their partial sums in registers.
     *
     * @param w weights and c columns: read only; acc read and updated
     */
    static void sums(double[] w, double[][] c, int q, double[] acc, int o, int len) {
        int j = 0;
        for (; j + 3 < q; j += 4) {
            final double[] c0 = c[j];
            final double[] c1 = c[j + 1];
            final double[] c2 = c[j + 2];
            final double[] c3 = c[j + 3];
            final int at = o + j * LANES;
            DoubleVector s0 = DoubleVector.fromArray(S, acc, at);
            DoubleVector s1 = DoubleVector.fromArray(S, acc, at + LANES);
            DoubleVector s2 = DoubleVector.fromArray(S, acc, at + 2 * LANES);
            DoubleVector s3 = DoubleVector.fromArray(S, acc, at + 3 * LANES);
            for (int e = 0; e < len; e += LANES) {
                DoubleVector v = DoubleVector.fromArray(S, w, e);
                if (e + LANES > len) {
                    v = ZERO.blend(v, S.indexInRange(e, len));
                }
                s0 = s0.add(v.mul(DoubleVector.fromArray(S, c0, e)));
                s1 = s1.add(v.mul(DoubleVector.fromArray(S, c1, e)));
                s2 = s2.add(v.mul(DoubleVector.fromArray(S, c2, e)));
                s3 = s3.add(v.mul(DoubleVector.fromArray(S, c3, e)));
            }
            s0.intoArray(acc, at);
            s1.intoArray(acc, at + LANES);
            s2.intoArray(acc, at + 2 * LANES);
            s3.intoArray(acc, at + 3 * LANES);
        }
        for (; j < q; j++) {
            final double[] cj = c[j];
            final int at = o + j * LANES;
            DoubleVector s0 = DoubleVector.fromArray(S, acc, at);
            for (int e = 0; e < len; e += LANES) {
                DoubleVector v = DoubleVector.fromArray(S, w, e);
                if (e + LANES > len) {
                    v = ZERO.blend(v, S.indexInRange(e, len));
                }
                s0 = s0.add(v.mul(DoubleVector.fromArray(S, cj, e)));
            }
            s0.intoArray(acc, at);
        }
    }

    /**
     * out[r][e] = coef[r·(d + 1) + d] + Σ_j coef[r·(d + 1) + j]·x[j][e] for r &lt; m and e &lt; len rounded up to LANES
     * (entries past len are garbage): m linear forms of the block's d columns, a (m × d)·(d × block) product with
     * the vector lanes over points ({@link LinearForms}). Rows in groups of four (then two, then one) whose partial
     * sums stay in registers over j, so each load of x_j serves four rows; each sum is formed in the plain loop's
     * order, intercept first and then j = 0, 1, …, so it is the loop's value bit for bit.
     *
     * @param coef m rows of d slopes and the intercept; x the block's d columns: read only; out written
     */
    static void linearForms(double[] coef, int m, double[][] x, int d, double[][] out, int len) {
        final int w = d + 1;
        int r = 0;
        for (; r + 3 < m; r += 4) {
            final int o0 = r * w;
            final int o1 = o0 + w;
            final int o2 = o1 + w;
            final int o3 = o2 + w;
            for (int e = 0; e < len; e += LANES) {
                DoubleVector s0 = DoubleVector.broadcast(S, coef[o0 + d]);
                DoubleVector s1 = DoubleVector.broadcast(S, coef[o1 + d]);
                DoubleVector s2 = DoubleVector.broadcast(S, coef[o2 + d]);
                DoubleVector s3 = DoubleVector.broadcast(S, coef[o3 + d]);
                for (int j = 0; j < d; j++) {
                    DoubleVector v = DoubleVector.fromArray(S, x[j], e);
                    s0 = s0.add(v.mul(coef[o0 + j]));
                    s1 = s1.add(v.mul(coef[o1 + j]));
                    s2 = s2.add(v.mul(coef[o2 + j]));
                    s3 = s3.add(v.mul(coef[o3 + j]));
                }
                s0.intoArray(out[r], e);
                s1.intoArray(out[r + 1], e);
                s2.intoArray(out[r + 2], e);
                s3.intoArray(out[r + 3], e);
            }
        }
        for (; r + 1 < m; r += 2) {
            final int o0 = r * w;
            final int o1 = o0 + w;
            for (int e = 0; e < len; e += LANES) {
                DoubleVector s0 = DoubleVector.broadcast(S, coef[o0 + d]);
                DoubleVector s1 = DoubleVector.broadcast(S, coef[o1 + d]);
                for (int j = 0; j < d; j++) {
                    DoubleVector v = DoubleVector.fromArray(S, x[j], e);
                    s0 = s0.add(v.mul(coef[o0 + j]));
                    s1 = s1.add(v.mul(coef[o1 + j]));
                }
                s0.intoArray(out[r], e);
                s1.intoArray(out[r + 1], e);
            }
        }
        for (; r < m; r++) {
            final int o0 = r * w;
            for (int e = 0; e < len; e += LANES) {
                DoubleVector s0 = DoubleVector.broadcast(S, coef[o0 + d]);
                for (int j = 0; j < d; j++) {
                    s0 = s0.add(DoubleVector.fromArray(S, x[j], e).mul(coef[o0 + j]));
                }
                s0.intoArray(out[r], e);
            }
        }
    }

    /**
     * Adds one expert's block of len points to its lanes, {@link EmWorkspace}'s statistics: w = t·inv once per point
     * (0 past len), then every tile of the upper triangle, each forming its rows' w·c_j in registers as it goes (4
     * more multiplications per 16 multiply-adds) rather than reading them from weighted columns as
     * {@link #weighBy} and {@link #accumulate} do: at d = 32 a block's 36 weighted columns are 73 KB, beyond L1, and
     * writing and re-reading them per expert cost more than the multiplications (16 % of the Gram's time at d = 32,
     * 20 % at d = 16: docs/performance.md, "the floor"). The same products in the same order as weighBy then
     * accumulate, each fused into its sum (d ∉ {1, 4}: the bits changed with branch {@code fuse}; the scalar
     * reference {@link EmWorkspace#passReference} is what the pass is tested against).
     *
     * @param t the expert's exponentials, inv 1/S, c the block's {@link #paddedColumns} columns: read only; w scratch
     *          of {@link EmWorkspace#BLOCK}; acc read and updated
     */
    static void addWeighing(double[] t, double[] inv, double[][] c, double[] w, double[] acc, int o, int len) {
        for (int e = 0; e < len; e += LANES) {
            DoubleVector v = DoubleVector.fromArray(S, t, e).mul(DoubleVector.fromArray(S, inv, e));
            if (e + LANES > len) {
                v = ZERO.blend(v, S.indexInRange(e, len));
            }
            v.intoArray(w, e);
        }
        final int qPadded = c.length;
        int at = o;
        for (int jt = 0; jt < qPadded; jt += TILE) {
            for (int lt = jt; lt < qPadded; lt += TILE) {
                weighingTile(w, c[jt], c[jt + 1], c[jt + 2], c[jt + 3], c[lt], c[lt + 1], c[lt + 2], c[lt + 3],
                        acc, at, 0, len);
                at += TILE * TILE * LANES;
            }
        }
    }

    /** {@link #tile} with its rows w·c_r formed from w and c_r at each step. */
    private static void weighingTile(double[] w, double[] r0, double[] r1, double[] r2, double[] r3, double[] c0,
            double[] c1, double[] c2, double[] c3, double[] acc, int at, int from, int to) {
        DoubleVector s00 = DoubleVector.fromArray(S, acc, at);
        DoubleVector s01 = DoubleVector.fromArray(S, acc, at + LANES);
        DoubleVector s02 = DoubleVector.fromArray(S, acc, at + 2 * LANES);
        DoubleVector s03 = DoubleVector.fromArray(S, acc, at + 3 * LANES);
        DoubleVector s10 = DoubleVector.fromArray(S, acc, at + 4 * LANES);
        DoubleVector s11 = DoubleVector.fromArray(S, acc, at + 5 * LANES);
        DoubleVector s12 = DoubleVector.fromArray(S, acc, at + 6 * LANES);
        DoubleVector s13 = DoubleVector.fromArray(S, acc, at + 7 * LANES);
        DoubleVector s20 = DoubleVector.fromArray(S, acc, at + 8 * LANES);
        DoubleVector s21 = DoubleVector.fromArray(S, acc, at + 9 * LANES);
        DoubleVector s22 = DoubleVector.fromArray(S, acc, at + 10 * LANES);
        DoubleVector s23 = DoubleVector.fromArray(S, acc, at + 11 * LANES);
        DoubleVector s30 = DoubleVector.fromArray(S, acc, at + 12 * LANES);
        DoubleVector s31 = DoubleVector.fromArray(S, acc, at + 13 * LANES);
        DoubleVector s32 = DoubleVector.fromArray(S, acc, at + 14 * LANES);
        DoubleVector s33 = DoubleVector.fromArray(S, acc, at + 15 * LANES);
        for (int e = from; e < to; e += LANES) {
            DoubleVector we = DoubleVector.fromArray(S, w, e);
            DoubleVector a0 = we.mul(DoubleVector.fromArray(S, r0, e));
            DoubleVector a1 = we.mul(DoubleVector.fromArray(S, r1, e));
            DoubleVector a2 = we.mul(DoubleVector.fromArray(S, r2, e));
            DoubleVector a3 = we.mul(DoubleVector.fromArray(S, r3, e));
            DoubleVector b0 = DoubleVector.fromArray(S, c0, e);
            DoubleVector b1 = DoubleVector.fromArray(S, c1, e);
            DoubleVector b2 = DoubleVector.fromArray(S, c2, e);
            DoubleVector b3 = DoubleVector.fromArray(S, c3, e);
            s00 = a0.fma(b0, s00);
            s01 = a0.fma(b1, s01);
            s02 = a0.fma(b2, s02);
            s03 = a0.fma(b3, s03);
            s10 = a1.fma(b0, s10);
            s11 = a1.fma(b1, s11);
            s12 = a1.fma(b2, s12);
            s13 = a1.fma(b3, s13);
            s20 = a2.fma(b0, s20);
            s21 = a2.fma(b1, s21);
            s22 = a2.fma(b2, s22);
            s23 = a2.fma(b3, s23);
            s30 = a3.fma(b0, s30);
            s31 = a3.fma(b1, s31);
            s32 = a3.fma(b2, s32);
            s33 = a3.fma(b3, s33);
        }
        s00.intoArray(acc, at);
        s01.intoArray(acc, at + LANES);
        s02.intoArray(acc, at + 2 * LANES);
        s03.intoArray(acc, at + 3 * LANES);
        s10.intoArray(acc, at + 4 * LANES);
        s11.intoArray(acc, at + 5 * LANES);
        s12.intoArray(acc, at + 6 * LANES);
        s13.intoArray(acc, at + 7 * LANES);
        s20.intoArray(acc, at + 8 * LANES);
        s21.intoArray(acc, at + 9 * LANES);
        s22.intoArray(acc, at + 10 * LANES);
        s23.intoArray(acc, at + 11 * LANES);
        s30.intoArray(acc, at + 12 * LANES);
        s31.intoArray(acc, at + 13 * LANES);
        s32.intoArray(acc, at + 14 * LANES);
        s33.intoArray(acc, at + 15 * LANES);
    }

    /**
     * Adds the block's Σ_e wc_j[e]·c_l[e] of every tile of the upper triangle to the lanes
     * acc[o + (tile·TILE² + r·TILE + s)·LANES ..], tiles numbered row by row (row tile J, column tile
     * L ≥ J). wc and c have {@link #paddedColumns} rows (zero past q).
     *
     * @param wc weighted columns, c columns: read only; acc read and updated
     */
    static void accumulate(double[][] wc, double[][] c, int qPadded, double[] acc, int o, int from, int to) {
        int at = o;
        for (int jt = 0; jt < qPadded; jt += TILE) {
            final double[] w0 = wc[jt];
            final double[] w1 = wc[jt + 1];
            final double[] w2 = wc[jt + 2];
            final double[] w3 = wc[jt + 3];
            for (int lt = jt; lt < qPadded; lt += TILE) {
                tile(w0, w1, w2, w3, c[lt], c[lt + 1], c[lt + 2], c[lt + 3], acc, at, from, to);
                at += TILE * TILE * LANES;
            }
        }
    }

    /** One tile: the 16 sums Σ w_r·c_s (r, s &lt; 4) over the block, added to acc[at + (4r + s)·LANES ..]. */
    private static void tile(double[] w0, double[] w1, double[] w2, double[] w3, double[] c0, double[] c1,
            double[] c2, double[] c3, double[] acc, int at, int from, int to) {
        DoubleVector s00 = DoubleVector.fromArray(S, acc, at);
        DoubleVector s01 = DoubleVector.fromArray(S, acc, at + LANES);
        DoubleVector s02 = DoubleVector.fromArray(S, acc, at + 2 * LANES);
        DoubleVector s03 = DoubleVector.fromArray(S, acc, at + 3 * LANES);
        DoubleVector s10 = DoubleVector.fromArray(S, acc, at + 4 * LANES);
        DoubleVector s11 = DoubleVector.fromArray(S, acc, at + 5 * LANES);
        DoubleVector s12 = DoubleVector.fromArray(S, acc, at + 6 * LANES);
        DoubleVector s13 = DoubleVector.fromArray(S, acc, at + 7 * LANES);
        DoubleVector s20 = DoubleVector.fromArray(S, acc, at + 8 * LANES);
        DoubleVector s21 = DoubleVector.fromArray(S, acc, at + 9 * LANES);
        DoubleVector s22 = DoubleVector.fromArray(S, acc, at + 10 * LANES);
        DoubleVector s23 = DoubleVector.fromArray(S, acc, at + 11 * LANES);
        DoubleVector s30 = DoubleVector.fromArray(S, acc, at + 12 * LANES);
        DoubleVector s31 = DoubleVector.fromArray(S, acc, at + 13 * LANES);
        DoubleVector s32 = DoubleVector.fromArray(S, acc, at + 14 * LANES);
        DoubleVector s33 = DoubleVector.fromArray(S, acc, at + 15 * LANES);
        for (int e = from; e < to; e += LANES) {
            DoubleVector a0 = DoubleVector.fromArray(S, w0, e);
            DoubleVector a1 = DoubleVector.fromArray(S, w1, e);
            DoubleVector a2 = DoubleVector.fromArray(S, w2, e);
            DoubleVector a3 = DoubleVector.fromArray(S, w3, e);
            DoubleVector b0 = DoubleVector.fromArray(S, c0, e);
            DoubleVector b1 = DoubleVector.fromArray(S, c1, e);
            DoubleVector b2 = DoubleVector.fromArray(S, c2, e);
            DoubleVector b3 = DoubleVector.fromArray(S, c3, e);
            s00 = s00.add(a0.mul(b0));
            s01 = s01.add(a0.mul(b1));
            s02 = s02.add(a0.mul(b2));
            s03 = s03.add(a0.mul(b3));
            s10 = s10.add(a1.mul(b0));
            s11 = s11.add(a1.mul(b1));
            s12 = s12.add(a1.mul(b2));
            s13 = s13.add(a1.mul(b3));
            s20 = s20.add(a2.mul(b0));
            s21 = s21.add(a2.mul(b1));
            s22 = s22.add(a2.mul(b2));
            s23 = s23.add(a2.mul(b3));
            s30 = s30.add(a3.mul(b0));
            s31 = s31.add(a3.mul(b1));
            s32 = s32.add(a3.mul(b2));
            s33 = s33.add(a3.mul(b3));
        }
        s00.intoArray(acc, at);
        s01.intoArray(acc, at + LANES);
        s02.intoArray(acc, at + 2 * LANES);
        s03.intoArray(acc, at + 3 * LANES);
        s10.intoArray(acc, at + 4 * LANES);
        s11.intoArray(acc, at + 5 * LANES);
        s12.intoArray(acc, at + 6 * LANES);
        s13.intoArray(acc, at + 7 * LANES);
        s20.intoArray(acc, at + 8 * LANES);
        s21.intoArray(acc, at + 9 * LANES);
        s22.intoArray(acc, at + 10 * LANES);
        s23.intoArray(acc, at + 11 * LANES);
        s30.intoArray(acc, at + 12 * LANES);
        s31.intoArray(acc, at + 13 * LANES);
        s32.intoArray(acc, at + 14 * LANES);
        s33.intoArray(acc, at + 15 * LANES);
    }

    /**
     * The statistics of one expert from its lanes: stats[pairIndex[j·q + l]] = Σ over the LANES partial sums
     * of entry (j, l), j ≤ l &lt; q, taken from the tile that holds (j, l) with j in its rows.
     *
     * @param acc read only; stats written
     */
    static void reduce(double[] acc, int o, int q, int[] pairIndex, double[] stats) {
        int tiles = paddedColumns(q) / TILE;
        int at = o;
        for (int jt = 0; jt < tiles; jt++) {
            for (int lt = jt; lt < tiles; lt++) {
                for (int r = 0; r < TILE; r++) {
                    for (int s = 0; s < TILE; s++) {
                        int j = jt * TILE + r;
                        int l = lt * TILE + s;
                        if (j <= l && l < q) {
                            double sum = 0;
                            int from = at + (r * TILE + s) * LANES;
                            for (int lane = from; lane < from + LANES; lane++) {
                                sum += acc[lane];
                            }
                            stats[pairIndex[j * q + l]] = sum;
                        }
                    }
                }
                at += TILE * TILE * LANES;
            }
        }
    }
}
