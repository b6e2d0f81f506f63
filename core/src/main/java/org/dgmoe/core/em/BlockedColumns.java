package org.dgmoe.core.em;

import java.util.Arrays;

/**
 * The covariates and responses of a data set laid out once in the blocks that {@link EmWorkspace}'s general-d pass
 * reads ({@link ExpertGram} statistics: {@link EmWorkspace#readsBlocks}), in ONE array {@link #values}: after
 * {@link #LEAD} unused doubles, block b (points b·{@link EmWorkspace#BLOCK} onwards) is d + 1 columns of BLOCK
 * doubles from {@link #base}(b), x_j − shift_j
 * at base + j·BLOCK (j &lt; d) and y at base + d·BLOCK; after the last block one column of zeros ({@link #zeros}, the
 * padding of x to {@link ExpertGram#paddedX}) and one of ones ({@link #ones}, the constant). Points past n in the
 * last block are zero. {@link #offsets} gives a block's p + 2 column offsets in the order ExpertGram reads them.
 *
 * <p>Why: the pass used to copy each block's d + 1 columns to block buffers (and subtract the shift) in every pass
 * of every EM iteration, ≈ 5 ns per point per component at d = 32 (12 % of the pass: docs/performance.md, "the
 * floor"); laid out here once per data set ({@link EmData}) every pass reads them in place. The doubles are those
 * the copies made, x − shift by the same subtraction, so the pass computes the same bits. Costs n·(d + 1) doubles
 * (rounded up to whole blocks), as much again as the data. One array, not one per block and column (branch
 * {@code pack}: ≈ 13 000 arrays of 2 KB at n = 10⁵, d = 32, which the young collections of a fit copied, up to 30 ns
 * per value laid out): a large array is allocated outside the young generation (G1: humongous) and never copied
 * (docs/performance.md, "layout").
 *
 * <p>Every column starts at a 64-byte boundary when the array does where G1 puts a large one ({@link #LEAD}).
 *
 * <p>Immutable once made: the array is never written after {@link #of}.
 */
final class BlockedColumns {
    /** Bytes from a double[]'s start to its element 0 in a 64-bit HotSpot with compressed class pointers. */
    private static final int ARRAY_HEADER_BYTES = 16;
    /**
     * Doubles before block 0, so that every column (all at offsets ≡ LEAD mod 8: a column is {@link
     * EmWorkspace#BLOCK} = 256 doubles, 2 048 bytes) starts on a 64-byte cache line when the array's header does.
     * Why: the pass reads the columns as vectors of 8 doubles (AVX-512), and a 64-byte load that straddles two cache
     * lines costs this CPU about two loads; with the columns at the header's natural offset every load straddled.
     * When it holds: G1 (the JVM's default collector on any machine of two or more cores and 2 GB) allocates an
     * array of at least half a heap region (regions are 1–32 MB, 4 MB with the 6 GB default heap of a 24 GB
     * machine) as a humongous object starting at a region boundary, and never moves it; with compressed class
     * pointers (the default) a double[]'s elements start 16 bytes after the header, so element LEAD = 6 is 64
     * bytes in. With 4 MB regions that is every layout the pass uses at n = 10⁵, and at d = 32 from n ≈ 8 000. A
     * smaller array, or another collector, gets no guarantee: its columns straddle lines as before. The doubles,
     * and so the pass's bits, are the same either way. Measured: docs/performance.md, "aligned columns".
     */
    static final int LEAD = (64 - ARRAY_HEADER_BYTES % 64) % 64 / Double.BYTES;
    /** Points. */
    final int n;
    /** Covariates. */
    final int d;
    /** The blocks, then the zero and the ones column (see the class comment). */
    final double[] values;

    private BlockedColumns(int n, int d, double[] values) {
        this.n = n;
        this.d = d;
        this.values = values;
    }

    /** Doubles of the layout of n points in d dimensions: whole blocks of d + 1 columns, and two shared columns. */
    private static long size(int n, int d) {
        final long blocks = (n + (long) EmWorkspace.BLOCK - 1) / EmWorkspace.BLOCK;
        return LEAD + (blocks * (d + 1) + 2) * EmWorkspace.BLOCK;
    }

    /** Whether the layout of n points in d dimensions fits in one Java array (else the pass copies its blocks). */
    static boolean fits(int n, int d) {
        return size(n, d) <= Integer.MAX_VALUE - 8;
    }

    /** The offset in {@link #values} of block b's first column (x_1). */
    int base(int b) {
        return LEAD + b * (d + 1) * EmWorkspace.BLOCK;
    }

    /** The offset of the column of zeros. */
    int zeros() {
        return values.length - 2 * EmWorkspace.BLOCK;
    }

    /** The offset of the column of ones. */
    int ones() {
        return values.length - EmWorkspace.BLOCK;
    }

    /**
     * Block b's column offsets as {@link ExpertGram} reads them: out[j] for x_j (j &lt; d), the zero column for
     * d ≤ j &lt; p = {@link ExpertGram#paddedX}(d), ones at p, y at p + 1.
     *
     * @param out p + 2 entries, written
     */
    void offsets(int b, int[] out) {
        final int base = base(b);
        final int p = ExpertGram.paddedX(d);
        for (int j = 0; j < d; j++) {
            out[j] = base + j * EmWorkspace.BLOCK;
        }
        for (int j = d; j < p; j++) {
            out[j] = zeros();
        }
        out[p] = ones();
        out[p + 1] = base + d * EmWorkspace.BLOCK;
    }

    /**
     * The blocks of column-major x (n·d, x_j of point e at x[j·n + e]) less {@code xShift}, and y.
     *
     * @param x, xShift, y read only
     * @throws IllegalArgumentException when the layout does not fit in one array ({@link #fits})
     */
    static BlockedColumns of(double[] x, double[] xShift, double[] y, int d) {
        final int n = y.length;
        if (!fits(n, d)) {
            throw new IllegalArgumentException("data: " + n + " points in " + d + " dimensions do not fit the blocked"
                    + " layout (one array of at most 2^31 − 9 doubles)");
        }
        final int block = EmWorkspace.BLOCK;
        final double[] values = new double[(int) size(n, d)];
        final BlockedColumns layout = new BlockedColumns(n, d, values);
        for (int b = 0, start = 0; start < n; b++, start += block) {
            final int len = Math.min(block, n - start);
            final int base = layout.base(b);
            for (int j = 0; j < d; j++) {
                final double shift = xShift[j];
                final int from = j * n + start;
                final int to = base + j * block;
                // The copy and subtraction EmWorkspace's block loop made: the same doubles.
                for (int e = 0; e < len; e++) {
                    values[to + e] = x[from + e] - shift;
                }
            }
            System.arraycopy(y, start, values, base + d * block, len);
        }
        Arrays.fill(values, layout.ones(), values.length, 1.0);
        return layout;
    }
}
