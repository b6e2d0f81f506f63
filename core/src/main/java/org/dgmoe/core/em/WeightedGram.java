package org.dgmoe.core.em;

import java.util.Arrays;

/**
 * {@link VectorGram}'s tiles for the other weighted Grams of the EM (issue 27, the gated EM for general d): a set
 * of {@code count} accumulators, each the upper triangle of Σ_n w_n c_n c_nᵀ over q columns (the Gaussian gate's
 * covariances; the gated experts' moments and the Newton solvers' derivatives moved to {@link BlockedGram}, which
 * reads a cache-aligned layout made once instead of block columns), and of {@code count} weighted column sums
 * Σ_n w_n c_n (the Gaussian gate's means), all kept per vector lane over blocks of at most {@link BlockLogs#BLOCK}
 * points and summed once at the end ({@link #reduce}, {@link #reduceSums}). The products are those of a plain
 * loop, w·c_j once and then (w·c_j)·c_l, so a sum differs from a point-by-point scalar sum only in the order of the
 * additions over points (no fused multiply-add). Buffers are allocated once; not thread-safe.
 *
 * <p>Only with the Vector API ({@link #AVAILABLE}): this class's methods load {@link VectorGram}, which needs the
 * module {@code jdk.incubator.vector}; callers keep their loop path for a JVM without it.
 */
public final class WeightedGram {
    /** Whether the Vector API path is on in this JVM ({@link EmWorkspace#VECTOR}). */
    public static final boolean AVAILABLE = EmWorkspace.VECTOR;

    private final int q;
    private final int laneCount;
    private final int[] pairIndex;
    /** The columns of the current {@link #add}: the caller's q rows, then zero padding to a multiple of TILE. */
    private final double[][] columns;
    private final double[][] weighted;
    private final double[] lanes;
    private final double[] sumLanes;

    /**
     * @param q     columns
     * @param count accumulators (and column sums), numbered from 0
     */
    public WeightedGram(int q, int count) {
        if (!AVAILABLE) {
            throw new IllegalStateException("WeightedGram needs the module jdk.incubator.vector (WeightedGram.AVAILABLE)");
        }
        this.q = q;
        this.laneCount = VectorGram.laneCount(q);
        this.pairIndex = ExpertLeastSquares.pairIndex(q);
        int padded = VectorGram.paddedColumns(q);
        this.columns = new double[padded][];
        double[] zero = new double[BlockLogs.BLOCK];
        for (int j = q; j < padded; j++) {
            columns[j] = zero;
        }
        this.weighted = new double[padded][BlockLogs.BLOCK];
        this.lanes = new double[count * laneCount];
        this.sumLanes = new double[count * q * VectorGram.LANES];
    }

    /** Sets every accumulator and column sum to zero. */
    public void reset() {
        Arrays.fill(lanes, 0);
        Arrays.fill(sumLanes, 0);
    }

    /**
     * Adds Σ_e w[e]·c_j[e]·c_l[e], e &lt; len, to accumulator {@code which}.
     *
     * @param w the block's weights (length ≥ BLOCK), c its q columns (each of length ≥ BLOCK, finite past len,
     *          where they are multiplied by 0); read only
     * @param len points in the block, ≤ {@link BlockLogs#BLOCK}
     */
    public void add(int which, double[] w, double[][] c, int len) {
        System.arraycopy(c, 0, columns, 0, q);
        VectorGram.weighBy(w, columns, weighted, q, len);
        VectorGram.accumulate(weighted, columns, columns.length, lanes, which * laneCount, 0, len);
    }

    /** Adds Σ_e w[e]·c_j[e], e &lt; len, to column sums {@code which} (arguments as {@link #add}). */
    public void addSums(int which, double[] w, double[][] c, int len) {
        VectorGram.sums(w, c, q, sumLanes, which * q * VectorGram.LANES, len);
    }

    /** out[pairIndex(q)[j·q + l]] = accumulator {@code which}'s entry (j, l), j ≤ l ({@link ExpertLeastSquares#pairIndex}). */
    public void reduce(int which, double[] out) {
        VectorGram.reduce(lanes, which * laneCount, q, pairIndex, out);
    }

    /** out[j] = column sum {@code which}'s entry j, j &lt; q. */
    public void reduceSums(int which, double[] out) {
        int o = which * q * VectorGram.LANES;
        for (int j = 0; j < q; j++) {
            double s = 0;
            for (int lane = 0; lane < VectorGram.LANES; lane++) {
                s += sumLanes[o + j * VectorGram.LANES + lane];
            }
            out[j] = s;
        }
    }
}
