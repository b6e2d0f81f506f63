package org.dgmoe.core.em;

import java.util.Arrays;

/**
 * The covariates and responses of a data set laid out once in the blocks that {@link EmWorkspace}'s general-d pass
 * reads ({@link ExpertGram} statistics, every d but 1 and 4): block b holds points b·{@link EmWorkspace#BLOCK}
 * onwards, as p + 2 columns of BLOCK doubles each, indexed from 0, p = {@link ExpertGram#paddedX}(d) (d rounded up to
 * a multiple of 4): x_j − shift_j (j &lt; d), zero columns (d ≤ j &lt; p), ones (j = p, {@link #ones}), y (j = p + 1,
 * {@link #y}). Points past n in the last block are zero.
 *
 * <p>Why: the pass used to copy each block's d + 1 columns to block buffers (and subtract the shift) in every pass
 * of every EM iteration, ≈ 5 ns per point per component at d = 32 (12 % of the pass: docs/performance.md, "the
 * floor"); laid out here once per data set ({@link EmData}) every pass reads them in place. The doubles are those
 * the copies made, x − shift by the same subtraction, so the pass computes the same bits. Costs n·(d + 1) doubles,
 * as much again as the data.
 *
 * <p>Immutable once made: the arrays are never written after {@link #of}. The ones and the zero padding are one
 * shared array each.
 */
final class BlockedColumns {
    /** Points. */
    final int n;
    /** Covariates. */
    final int d;
    /** columns[b][j]: column j of block b (see the class comment). */
    final double[][][] columns;

    private BlockedColumns(int n, int d, double[][][] columns) {
        this.n = n;
        this.d = d;
        this.columns = columns;
    }

    /** The index of the column of ones in a block of dimension d. */
    static int ones(int d) {
        return ExpertGram.paddedX(d);
    }

    /** The index of y's column in a block of dimension d. */
    static int y(int d) {
        return ExpertGram.paddedX(d) + 1;
    }

    /**
     * The blocks of column-major x (n·d, x_j of point e at x[j·n + e]) less {@code xShift}, and y.
     *
     * @param x, xShift, y read only
     */
    static BlockedColumns of(double[] x, double[] xShift, double[] y, int d) {
        final int n = y.length;
        final int block = EmWorkspace.BLOCK;
        final int padded = y(d) + 1;
        final double[] ones = new double[block];
        Arrays.fill(ones, 1.0);
        final double[] zeros = new double[block];
        final int blocks = (n + block - 1) / block;
        final double[][][] columns = new double[blocks][padded][];
        for (int b = 0; b < blocks; b++) {
            final int start = b * block;
            final int len = Math.min(block, n - start);
            final double[][] c = columns[b];
            for (int j = 0; j < d; j++) {
                final double[] cj = new double[block];
                final double shift = xShift[j];
                // The copy and subtraction EmWorkspace's block loop made: the same doubles.
                for (int e = 0; e < len; e++) {
                    cj[e] = x[j * n + start + e] - shift;
                }
                c[j] = cj;
            }
            for (int j = d; j < ones(d); j++) {
                c[j] = zeros;
            }
            c[ones(d)] = ones;
            c[y(d)] = Arrays.copyOfRange(y, start, start + block); // zero past n
        }
        return new BlockedColumns(n, d, columns);
    }
}
