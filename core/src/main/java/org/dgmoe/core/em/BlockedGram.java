package org.dgmoe.core.em;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link EmWorkspace}'s general-d statistics for other callers (issue 27: the gated M-step's experts' moments by
 * {@link #accumulate}, the gated Newton solvers' Hessian blocks and gradients by {@link #reset}, {@link #add} and
 * {@link #addSums}): per weight row or slot the upper triangle of Σ_n w_n v_n v_nᵀ, v = [x_1, …, x_d, 1, y], packed by
 * {@link ExpertLeastSquares#pairIndex}(d + 2), computed by {@link ExpertGram}'s tiles on a {@link BlockedColumns}
 * layout of the data made once by the constructor (every column on a 64-byte line when G1 holds it as a humongous
 * array). {@link WeightedGram}, the other public face of the tiles, weighs every column of a block into scratch and
 * runs 4×4 tiles over all q = d + 2 columns padded to a multiple of 4; here the rows are weighted in registers, the
 * diagonal tiles compute their upper triangle only and the constant and y are a border: 595 products per point at
 * d = 32 against 720, each fused into its sum (docs/performance.md, "layout" and "the gated moments on the layout").
 *
 * <p>Weights of magnitude below {@link ExpertGram#NEGLIGIBLE} enter as 0 (no subnormal products, as in the pass).
 * A sum differs from a point-by-point scalar sum only in the order of its additions and, at the border, one
 * rounding per term (ExpertGram's class comment). Only with the Vector API ({@link #AVAILABLE}) and d ≥ 2. Buffers
 * allocated once (the weight rows' on the first call that needs them); not thread-safe.
 */
public final class BlockedGram {
    /** Whether this JVM has the Vector API ({@link EmWorkspace#VECTOR}). */
    public static final boolean AVAILABLE = EmWorkspace.VECTOR;

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int BLOCK = EmWorkspace.BLOCK;

    private final int n;
    private final int d;
    private final BlockedColumns blocks;
    private final int[] pairIndex;
    private final int[] at;
    /** The block's weights and the tiles' lanes of {@link #weights}.length rows (grown by {@link #accumulate}). */
    private double[][] weights;
    private double[] lanes;
    /** The slots' Gram and column-sum lanes of {@link #reset}/{@link #add}/{@link #addSums} (grown by reset). */
    private double[] slotLanes;
    private double[] slotSums;
    private int slots;
    private final double[] blockWeights;

    /**
     * @param x    column-major n·d covariates (copied into the layout; not kept)
     * @param y    n responses (copied; not kept)
     * @throws IllegalArgumentException when d &lt; 2, the layout does not fit one array, or the Vector API is off
     */
    public BlockedGram(double[] x, double[] y, int d) {
        if (!AVAILABLE) {
            throw new IllegalArgumentException("BlockedGram needs the module jdk.incubator.vector (BlockedGram.AVAILABLE)");
        }
        if (d < 2 || x.length != (long) y.length * d) {
            throw new IllegalArgumentException("d: needs d >= 2 and x of n·d values, got d = " + d + ", " + x.length
                    + " values for n = " + y.length);
        }
        this.n = y.length;
        this.d = d;
        this.blocks = BlockedColumns.of(x, new double[d], y, d);
        this.pairIndex = ExpertLeastSquares.pairIndex(d + 2);
        this.at = new int[ExpertGram.paddedX(d) + 2];
        this.weights = new double[0][];
        this.lanes = new double[0];
        this.slotLanes = new double[0];
        this.slotSums = new double[0];
        this.blockWeights = new double[BLOCK];
    }

    /** Whether a layout of n points in d dimensions fits one array ({@link BlockedColumns#fits}). */
    public static boolean fits(int n, int d) {
        return BlockedColumns.fits(n, d);
    }

    /**
     * out[i][pairIndex(d + 2)[j·(d + 2) + l]] = Σ_n w[i][n]·v_nj·v_nl, j ≤ l, for i &lt; count: every row's sums in
     * one pass over the layout.
     *
     * @param w count rows of n weights: read only; out count rows of (d + 2)(d + 3)/2, written
     */
    public void accumulate(double[][] w, int count, double[][] out) {
        if (count > weights.length) {
            weights = new double[count][BLOCK];
            lanes = new double[count * ExpertGram.laneCount(d)];
        }
        Arrays.fill(lanes, 0, count * ExpertGram.laneCount(d), 0.0);
        for (int start = 0, b = 0; start < n; start += BLOCK, b++) {
            final int len = Math.min(BLOCK, n - start);
            blocks.offsets(b, at);
            for (int i = 0; i < count; i++) {
                copyWeights(w[i], start, weights[i], len);
            }
            ExpertGram.add(weights, count, blocks.values, at, d, lanes, len);
        }
        final int laneCount = ExpertGram.laneCount(d);
        for (int i = 0; i < count; i++) {
            ExpertGram.reduce(lanes, i * laneCount, d, pairIndex, out[i]);
        }
    }

    /**
     * Zeroes the sums of slots 0 … count − 1 (allocating them on first need): before a pass of {@link #add} and
     * {@link #addSums} calls, block by block, whose sums {@link #reduce} and {@link #reduceSums} then read.
     */
    public void reset(int count) {
        final int gram = count * ExpertGram.laneCount(d);
        final int sums = count * ExpertGram.sumLaneCount(d);
        if (slotLanes.length < gram) {
            slotLanes = new double[gram];
            slotSums = new double[sums];
        }
        Arrays.fill(slotLanes, 0, gram, 0.0);
        Arrays.fill(slotSums, 0, sums, 0.0);
        slots = count;
    }

    /**
     * Adds Σ_e w[e]·v_e v_eᵀ over block b's len points (points b·BLOCK + e; w indexed from 0, of magnitude below
     * {@link ExpertGram#NEGLIGIBLE} taken as 0) to slot {@code slot}'s Gram.
     *
     * @param w read only (length ≥ len)
     */
    public void add(int slot, double[] w, int b, int len) {
        checkSlot(slot);
        copyWeights(w, 0, blockWeights, len);
        blocks.offsets(b, at);
        ExpertGram.addRow(blockWeights, blocks.values, at, d, slotLanes, slot * ExpertGram.laneCount(d), len);
    }

    /**
     * Adds Σ_e w[e]·x_je (j &lt; d) and Σ_e w[e] over block b's len points to slot {@code slot}'s column sums: the
     * products w·x_j, not fused, in each lane's order of points (as {@link WeightedGram#addSums}); w as {@link #add}.
     */
    public void addSums(int slot, double[] w, int b, int len) {
        checkSlot(slot);
        copyWeights(w, 0, blockWeights, len);
        blocks.offsets(b, at);
        ExpertGram.sums(blockWeights, blocks.values, at, d, slotSums, slot * ExpertGram.sumLaneCount(d), len);
    }

    /** out[pairIndex(d + 2)[j·(d + 2) + l]] = slot's Gram entry (j, l), j ≤ l (columns: x, the constant, y). */
    public void reduce(int slot, double[] out) {
        checkSlot(slot);
        ExpertGram.reduce(slotLanes, slot * ExpertGram.laneCount(d), d, pairIndex, out);
    }

    /** out[j] = slot's column sum j: Σ w·x_j for j &lt; d, Σ w at j = d (each lane's sums added in lane order). */
    public void reduceSums(int slot, double[] out) {
        checkSlot(slot);
        final int lanesPer = ExpertGram.sumLaneCount(d) / (d + 1);
        int o = slot * ExpertGram.sumLaneCount(d);
        for (int j = 0; j <= d; j++) {
            double sum = 0;
            for (int lane = 0; lane < lanesPer; lane++) {
                sum += slotSums[o + j * lanesPer + lane];
            }
            out[j] = sum;
        }
    }

    private void checkSlot(int slot) {
        if (slot < 0 || slot >= slots) {
            throw new IllegalArgumentException("slot: must be in [0, " + slots + ") after reset(" + slots + "), got "
                    + slot);
        }
    }

    /**
     * out[e] = src[from + e] for e &lt; len, 0 where |src| &lt; {@link ExpertGram#NEGLIGIBLE}, and 0 from len to len
     * rounded up to a vector (the tiles read whole vectors).
     */
    private static void copyWeights(double[] src, int from, double[] out, int len) {
        System.arraycopy(src, from, out, 0, len);
        final int lanes = S.length();
        final int end = (len + lanes - 1) / lanes * lanes;
        Arrays.fill(out, len, end, 0.0);
        for (int e = 0; e < end; e += lanes) {
            DoubleVector v = DoubleVector.fromArray(S, out, e);
            v.blend(0.0, v.abs().compare(VectorOperators.LT, ExpertGram.NEGLIGIBLE)).intoArray(out, e);
        }
    }
}
