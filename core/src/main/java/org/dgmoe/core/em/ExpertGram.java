package org.dgmoe.core.em;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The statistics of {@link EmWorkspace}'s block pass for general d (d = 8 and d ≥ 11: {@link EmWorkspace#readsBlocks})
 * with the Vector API, and of {@link BlockedGram} (the gated experts' moments and Newton derivatives, any d ≥ 2): per
 * expert the upper triangle of the weighted Gram Σ_e w_e v_e v_eᵀ of v = [x_1, …, x_d, 1, y] over a block, read
 * from {@link BlockedColumns} in place (issue 27); {@link #sums} the weighted column sums of the same layout. Three kinds of tiles, each keeping its sums in vector registers
 * over the points (each vector lane a partial sum over the points e ≡ lane mod {@link #LANES}) and loading them from
 * and storing them to the lanes once per block:
 * <ul>
 * <li>the x part, entries (j, l) with j ≤ l &lt; d, in tiles of 4 rows × 4 columns of {@link VectorGram}'s form
 * (the rows' w·x_r formed in registers, 9 loads, 4 multiplications and 16 fused multiply-adds per step), but
 * the diagonal tiles compute only their upper triangle (10 products), and x is padded only to a multiple of
 * 4 (not q = d + 2): at d = 32, 528 products where main's 4×4 tiles over q = 34 padded to 36 computed 720
 * (its padding and the diagonal tiles' lower halves were 18 % of them);</li>
 * <li>the border, entries (j, d) and (j, d + 1), as two rows (the constant, weighted w; y, weighted w·y) against
 * 8 (or 4) x columns per step: 10 loads, 1 multiplication, 16 fused multiply-adds;</li>
 * <li>the corner Σw, Σw·y, Σw·y².</li>
 * </ul>
 * In all 595 products per point at d = 32, the triangle's count.
 *
 * <p>The x part's products are main's (branch {@code fuse}), (w·x_j)·x_l fused into its sum, in the same order
 * per lane, so the same bits. The border's are the reference's up to one rounding: Σ w·x_j by fma(w, x_j, s) (one
 * rounding where the reference rounds w·x_j and the sum), Σ (w·x_j)·y as (w·y)·x_j; within the tolerance
 * EmWorkspaceTest derives against {@link EmWorkspace#passReference}.
 *
 * <p>Tried and not kept (docs/performance.md, "pack"): sub-blocks of 128 or 64 points, each expert's tiles in turn
 * per sub-block so the columns serve all k experts from L1 (the tiles' sums are then loaded and stored 2 or 4 times
 * as often: slower); the k experts' tiles one after the other per tile (no faster in the pass); each row of tiles'
 * w·x_r written once to scratch (slower than forming them in registers).
 */
final class ExpertGram {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Points per vector: 8 with AVX-512, 4 with AVX2. Divides {@link EmWorkspace#BLOCK}. */
    static final int LANES = VectorBlock.LANES;
    private static final int TILE = 4;
    private static final DoubleVector ZERO = DoubleVector.zero(S);
    /**
     * Responsibilities below 2⁻⁶⁰⁰ ≈ 2.4e−181 enter the Gram as 0. Why: in a real fit most points lie hundreds of
     * log units from most experts (at d = 32 often beyond the exponential's clamp e⁻⁷⁰⁸, so w = e/S ≈ 1e−308), and
     * then w, w·x_j and (w·x_j)·x_l are subnormal doubles, whose arithmetic this CPU does far more slowly: whole fits
     * at d = 32 spent twice the synthetic pass's time in the tiles (docs/performance.md, "layout"). A statistic
     * Σ w·v_j·v_l moves by at most n·2⁻⁶⁰⁰·max|v|², far below the rounding bound the pass is tested to (1e−13·n·max|v|²,
     * EmWorkspaceTest) and below {@link EmFitter#MIN_COMPONENT_MASS}; the products of a kept w stay normal while
     * |v_j|, |v_l| ≥ 2⁻²¹¹ ≈ 3e−64 (a centred covariate that close to 0 is 0 in all but name).
     */
    static final double NEGLIGIBLE = 0x1p-600;

    private ExpertGram() {
    }

    /** d rounded up to a multiple of 4: the x columns of {@link BlockedColumns}, zero past d. */
    static int paddedX(int d) {
        return (d + TILE - 1) / TILE * TILE;
    }

    /** The border's columns per row: paddedX(d) rounded up to a multiple of 8 (its tiles' width). */
    private static int borderWidth(int d) {
        return (d + 7) / 8 * 8;
    }

    /**
     * Lanes of one expert: the x part's tiles (16 slots each, row tile by row tile), the border's two rows of
     * {@link #borderWidth} sums, the corner's 3.
     */
    static int laneCount(int d) {
        int tiles = paddedX(d) / TILE;
        return (tiles * (tiles + 1) / 2 * TILE * TILE + 2 * borderWidth(d) + 3) * LANES;
    }

    /**
     * w[e] = t[e]·inv[e] for e &lt; len, 0 from len to len rounded up to LANES: one expert's responsibilities, with
     * those below {@link #NEGLIGIBLE} set to 0.
     *
     * @param t the expert's exponentials, inv 1/S: read only; w written
     */
    static void weights(double[] t, double[] inv, double[] w, int len) {
        for (int e = 0; e < len; e += LANES) {
            DoubleVector v = DoubleVector.fromArray(S, t, e).mul(DoubleVector.fromArray(S, inv, e));
            v = v.blend(ZERO, v.compare(VectorOperators.LT, NEGLIGIBLE));
            if (e + LANES > len) {
                v = ZERO.blend(v, S.indexInRange(e, len));
            }
            v.intoArray(w, e);
        }
    }

    /**
     * Adds the block's len points to the lanes of k experts, expert i's at acc[i·{@link #laneCount}(d) ..]: for each
     * expert every tile once over the block (each tile's sums loaded and stored once per block).
     *
     * @param w the experts' {@link #weights}; c the data ({@link BlockedColumns#values}) and at the block's column
     *          offsets ({@link BlockedColumns#offsets}): read only; acc read and updated
     */
    static void add(double[][] w, int k, double[] c, int[] at, int d, double[] acc, int len) {
        final int count = laneCount(d);
        for (int i = 0; i < k; i++) {
            addRow(w[i], c, at, d, acc, i * count, len);
        }
    }

    /**
     * Adds the block's len points with the weights w (indexed from 0, zero past len up to a vector) to the
     * {@link #laneCount}(d) lanes at acc[base ..]: {@link #add} for one weight row.
     */
    static void addRow(double[] w, double[] c, int[] at, int d, double[] acc, int base, int len) {
        final int xp = paddedX(d);
        final int ones = at[xp];
        final int y = at[xp + 1];
        final int bw = borderWidth(d);
        int o = base;
        for (int jt = 0; jt < xp; jt += TILE) {
            triangleTile(w, c, at[jt], at[jt + 1], at[jt + 2], at[jt + 3], acc, o, len);
            o += TILE * TILE * LANES;
            for (int lt = jt + TILE; lt < xp; lt += TILE) {
                squareTile(w, c, at[jt], at[jt + 1], at[jt + 2], at[jt + 3], at[lt], at[lt + 1], at[lt + 2],
                        at[lt + 3], acc, o, len);
                o += TILE * TILE * LANES;
            }
        }
        final int border = o;
        int j = 0;
        for (; j + 7 < xp; j += 8) {
            borderTile(w, c, y, at[j], at[j + 1], at[j + 2], at[j + 3], at[j + 4], at[j + 5], at[j + 6],
                    at[j + 7], acc, border + j * LANES, border + (bw + j) * LANES, len);
        }
        if (j < xp) {
            // Four x columns left: the tile's other four sums (of the ones column) are never read.
            borderTile(w, c, y, at[j], at[j + 1], at[j + 2], at[j + 3], ones, ones, ones, ones, acc,
                    border + j * LANES, border + (bw + j) * LANES, len);
        }
        corner(w, c, y, acc, border + 2 * bw * LANES, len);
    }

    /** Lanes of {@link #sums}: LANES for each of the d x columns and the constant. */
    static int sumLaneCount(int d) {
        return (d + 1) * LANES;
    }

    /**
     * acc[o + j·LANES + lane] += Σ over the block's points e ≡ lane (mod LANES) of w[e]·x_j[e] for j &lt; d, and at
     * j = d of w[e]·1: the weighted column sums of a Newton gradient, {@link VectorGram#sums}'s products (w·c, not
     * fused) added in its order, read from the layout at offsets (x_j at at[j], the ones column at
     * at[{@link #paddedX}(d)]). w is zero past len up to a vector (the caller's).
     */
    static void sums(double[] w, double[] c, int[] at, int d, double[] acc, int o, int len) {
        final int ones = at[paddedX(d)];
        int j = 0;
        for (; j + 3 <= d; j += 4) {
            final int c0 = at[j];
            final int c1 = at[j + 1];
            final int c2 = at[j + 2];
            final int c3 = j + 3 < d ? at[j + 3] : ones;
            final int to = o + j * LANES;
            DoubleVector s0 = DoubleVector.fromArray(S, acc, to);
            DoubleVector s1 = DoubleVector.fromArray(S, acc, to + LANES);
            DoubleVector s2 = DoubleVector.fromArray(S, acc, to + 2 * LANES);
            DoubleVector s3 = DoubleVector.fromArray(S, acc, to + 3 * LANES);
            for (int e = 0; e < len; e += LANES) {
                DoubleVector v = DoubleVector.fromArray(S, w, e);
                s0 = s0.add(v.mul(DoubleVector.fromArray(S, c, c0 + e)));
                s1 = s1.add(v.mul(DoubleVector.fromArray(S, c, c1 + e)));
                s2 = s2.add(v.mul(DoubleVector.fromArray(S, c, c2 + e)));
                s3 = s3.add(v.mul(DoubleVector.fromArray(S, c, c3 + e)));
            }
            s0.intoArray(acc, to);
            s1.intoArray(acc, to + LANES);
            s2.intoArray(acc, to + 2 * LANES);
            s3.intoArray(acc, to + 3 * LANES);
        }
        for (; j <= d; j++) {
            final int cj = j < d ? at[j] : ones;
            final int to = o + j * LANES;
            DoubleVector s0 = DoubleVector.fromArray(S, acc, to);
            for (int e = 0; e < len; e += LANES) {
                s0 = s0.add(DoubleVector.fromArray(S, w, e).mul(DoubleVector.fromArray(S, c, cj + e)));
            }
            s0.intoArray(acc, to);
        }
    }

    /** A diagonal tile of the x part: the 10 sums (w·r_a)·r_b, a ≤ b &lt; 4, at acc[at + (4a + b)·LANES ..]. */
    private static void triangleTile(double[] w, double[] c, int r0, int r1, int r2, int r3, double[] acc, int at,
            int len) {
        DoubleVector s00 = DoubleVector.fromArray(S, acc, at);
        DoubleVector s01 = DoubleVector.fromArray(S, acc, at + LANES);
        DoubleVector s02 = DoubleVector.fromArray(S, acc, at + 2 * LANES);
        DoubleVector s03 = DoubleVector.fromArray(S, acc, at + 3 * LANES);
        DoubleVector s11 = DoubleVector.fromArray(S, acc, at + 5 * LANES);
        DoubleVector s12 = DoubleVector.fromArray(S, acc, at + 6 * LANES);
        DoubleVector s13 = DoubleVector.fromArray(S, acc, at + 7 * LANES);
        DoubleVector s22 = DoubleVector.fromArray(S, acc, at + 10 * LANES);
        DoubleVector s23 = DoubleVector.fromArray(S, acc, at + 11 * LANES);
        DoubleVector s33 = DoubleVector.fromArray(S, acc, at + 15 * LANES);
        for (int e = 0; e < len; e += LANES) {
            DoubleVector we = DoubleVector.fromArray(S, w, e);
            DoubleVector b0 = DoubleVector.fromArray(S, c, r0 + e);
            DoubleVector b1 = DoubleVector.fromArray(S, c, r1 + e);
            DoubleVector b2 = DoubleVector.fromArray(S, c, r2 + e);
            DoubleVector b3 = DoubleVector.fromArray(S, c, r3 + e);
            DoubleVector a0 = we.mul(b0);
            DoubleVector a1 = we.mul(b1);
            DoubleVector a2 = we.mul(b2);
            DoubleVector a3 = we.mul(b3);
            s00 = a0.fma(b0, s00);
            s01 = a0.fma(b1, s01);
            s02 = a0.fma(b2, s02);
            s03 = a0.fma(b3, s03);
            s11 = a1.fma(b1, s11);
            s12 = a1.fma(b2, s12);
            s13 = a1.fma(b3, s13);
            s22 = a2.fma(b2, s22);
            s23 = a2.fma(b3, s23);
            s33 = a3.fma(b3, s33);
        }
        s00.intoArray(acc, at);
        s01.intoArray(acc, at + LANES);
        s02.intoArray(acc, at + 2 * LANES);
        s03.intoArray(acc, at + 3 * LANES);
        s11.intoArray(acc, at + 5 * LANES);
        s12.intoArray(acc, at + 6 * LANES);
        s13.intoArray(acc, at + 7 * LANES);
        s22.intoArray(acc, at + 10 * LANES);
        s23.intoArray(acc, at + 11 * LANES);
        s33.intoArray(acc, at + 15 * LANES);
    }

    /**
     * An off-diagonal tile of the x part: the 16 sums (w·r_a)·c_b at acc[at + (4a + b)·LANES ..], the rows' w·r_a
     * formed in registers at each step and each product fused into its sum: {@link VectorGram}'s tile for
     * {@link EmWorkspace} (branch {@code fuse}) reading one array at offsets, the same products in the same order.
     */
    private static void squareTile(double[] w, double[] c, int r0, int r1, int r2, int r3, int c0, int c1, int c2,
            int c3, double[] acc, int at, int len) {
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
        for (int e = 0; e < len; e += LANES) {
            DoubleVector we = DoubleVector.fromArray(S, w, e);
            DoubleVector a0 = we.mul(DoubleVector.fromArray(S, c, r0 + e));
            DoubleVector a1 = we.mul(DoubleVector.fromArray(S, c, r1 + e));
            DoubleVector a2 = we.mul(DoubleVector.fromArray(S, c, r2 + e));
            DoubleVector a3 = we.mul(DoubleVector.fromArray(S, c, r3 + e));
            DoubleVector b0 = DoubleVector.fromArray(S, c, c0 + e);
            DoubleVector b1 = DoubleVector.fromArray(S, c, c1 + e);
            DoubleVector b2 = DoubleVector.fromArray(S, c, c2 + e);
            DoubleVector b3 = DoubleVector.fromArray(S, c, c3 + e);
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
     * A border tile: Σ w·c_m at acc[one + m·LANES ..] and Σ (w·y)·c_m at acc[wy + m·LANES ..] for 8 columns c_m.
     */
    private static void borderTile(double[] w, double[] c, int y, int c0, int c1, int c2, int c3, int c4, int c5,
            int c6, int c7, double[] acc, int one, int wy, int len) {
        DoubleVector u0 = DoubleVector.fromArray(S, acc, one);
        DoubleVector u1 = DoubleVector.fromArray(S, acc, one + LANES);
        DoubleVector u2 = DoubleVector.fromArray(S, acc, one + 2 * LANES);
        DoubleVector u3 = DoubleVector.fromArray(S, acc, one + 3 * LANES);
        DoubleVector u4 = DoubleVector.fromArray(S, acc, one + 4 * LANES);
        DoubleVector u5 = DoubleVector.fromArray(S, acc, one + 5 * LANES);
        DoubleVector u6 = DoubleVector.fromArray(S, acc, one + 6 * LANES);
        DoubleVector u7 = DoubleVector.fromArray(S, acc, one + 7 * LANES);
        DoubleVector v0 = DoubleVector.fromArray(S, acc, wy);
        DoubleVector v1 = DoubleVector.fromArray(S, acc, wy + LANES);
        DoubleVector v2 = DoubleVector.fromArray(S, acc, wy + 2 * LANES);
        DoubleVector v3 = DoubleVector.fromArray(S, acc, wy + 3 * LANES);
        DoubleVector v4 = DoubleVector.fromArray(S, acc, wy + 4 * LANES);
        DoubleVector v5 = DoubleVector.fromArray(S, acc, wy + 5 * LANES);
        DoubleVector v6 = DoubleVector.fromArray(S, acc, wy + 6 * LANES);
        DoubleVector v7 = DoubleVector.fromArray(S, acc, wy + 7 * LANES);
        for (int e = 0; e < len; e += LANES) {
            DoubleVector we = DoubleVector.fromArray(S, w, e);
            DoubleVector wye = we.mul(DoubleVector.fromArray(S, c, y + e));
            DoubleVector b0 = DoubleVector.fromArray(S, c, c0 + e);
            DoubleVector b1 = DoubleVector.fromArray(S, c, c1 + e);
            DoubleVector b2 = DoubleVector.fromArray(S, c, c2 + e);
            DoubleVector b3 = DoubleVector.fromArray(S, c, c3 + e);
            u0 = we.fma(b0, u0);
            v0 = wye.fma(b0, v0);
            u1 = we.fma(b1, u1);
            v1 = wye.fma(b1, v1);
            u2 = we.fma(b2, u2);
            v2 = wye.fma(b2, v2);
            u3 = we.fma(b3, u3);
            v3 = wye.fma(b3, v3);
            DoubleVector b4 = DoubleVector.fromArray(S, c, c4 + e);
            DoubleVector b5 = DoubleVector.fromArray(S, c, c5 + e);
            DoubleVector b6 = DoubleVector.fromArray(S, c, c6 + e);
            DoubleVector b7 = DoubleVector.fromArray(S, c, c7 + e);
            u4 = we.fma(b4, u4);
            v4 = wye.fma(b4, v4);
            u5 = we.fma(b5, u5);
            v5 = wye.fma(b5, v5);
            u6 = we.fma(b6, u6);
            v6 = wye.fma(b6, v6);
            u7 = we.fma(b7, u7);
            v7 = wye.fma(b7, v7);
        }
        u0.intoArray(acc, one);
        u1.intoArray(acc, one + LANES);
        u2.intoArray(acc, one + 2 * LANES);
        u3.intoArray(acc, one + 3 * LANES);
        u4.intoArray(acc, one + 4 * LANES);
        u5.intoArray(acc, one + 5 * LANES);
        u6.intoArray(acc, one + 6 * LANES);
        u7.intoArray(acc, one + 7 * LANES);
        v0.intoArray(acc, wy);
        v1.intoArray(acc, wy + LANES);
        v2.intoArray(acc, wy + 2 * LANES);
        v3.intoArray(acc, wy + 3 * LANES);
        v4.intoArray(acc, wy + 4 * LANES);
        v5.intoArray(acc, wy + 5 * LANES);
        v6.intoArray(acc, wy + 6 * LANES);
        v7.intoArray(acc, wy + 7 * LANES);
    }

    /** The corner: Σ w, Σ w·y and Σ (w·y)·y at acc[at ..], acc[at + LANES ..], acc[at + 2·LANES ..]. */
    private static void corner(double[] w, double[] c, int y, double[] acc, int at, int len) {
        DoubleVector s0 = DoubleVector.fromArray(S, acc, at);
        DoubleVector s1 = DoubleVector.fromArray(S, acc, at + LANES);
        DoubleVector s2 = DoubleVector.fromArray(S, acc, at + 2 * LANES);
        for (int e = 0; e < len; e += LANES) {
            DoubleVector we = DoubleVector.fromArray(S, w, e);
            DoubleVector ye = DoubleVector.fromArray(S, c, y + e);
            DoubleVector wye = we.mul(ye);
            s0 = s0.add(we);
            s1 = s1.add(wye);
            s2 = wye.fma(ye, s2);
        }
        s0.intoArray(acc, at);
        s1.intoArray(acc, at + LANES);
        s2.intoArray(acc, at + 2 * LANES);
    }

    /**
     * The statistics of one expert from its lanes at acc[o ..]: stats[pairIndex[j·q + l]] (q = d + 2, column d the
     * constant, d + 1 y) = the sum of the LANES partial sums of entry (j, l), j ≤ l &lt; q.
     *
     * @param acc read only; stats written
     */
    static void reduce(double[] acc, int o, int d, int[] pairIndex, double[] stats) {
        final int q = d + 2;
        final int xp = paddedX(d);
        int at = o;
        for (int jt = 0; jt < xp; jt += TILE) {
            for (int lt = jt; lt < xp; lt += TILE) {
                for (int r = 0; r < TILE; r++) {
                    for (int s = 0; s < TILE; s++) {
                        int j = jt + r;
                        int l = lt + s;
                        if (j <= l && l < d) {
                            stats[pairIndex[j * q + l]] = sumLanes(acc, at + (r * TILE + s) * LANES);
                        }
                    }
                }
                at += TILE * TILE * LANES;
            }
        }
        final int bw = borderWidth(d);
        for (int j = 0; j < d; j++) {
            stats[pairIndex[j * q + d]] = sumLanes(acc, at + j * LANES);
            stats[pairIndex[j * q + d + 1]] = sumLanes(acc, at + (bw + j) * LANES);
        }
        at += 2 * bw * LANES;
        stats[pairIndex[d * q + d]] = sumLanes(acc, at);
        stats[pairIndex[d * q + d + 1]] = sumLanes(acc, at + LANES);
        stats[pairIndex[(d + 1) * q + d + 1]] = sumLanes(acc, at + 2 * LANES);
    }

    /** acc[from] + … + acc[from + LANES − 1], in lane order (as {@link VectorGram#reduce}). */
    private static double sumLanes(double[] acc, int from) {
        double sum = 0;
        for (int lane = from; lane < from + LANES; lane++) {
            sum += acc[lane];
        }
        return sum;
    }
}
