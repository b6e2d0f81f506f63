package org.dgmoe.core.em.gated;

import org.dgmoe.core.em.BlockLogs;
import org.dgmoe.core.em.ExpertLeastSquares;
import org.dgmoe.core.em.WeightedGram;

/**
 * The Gaussian gate's M-step moments by {@link WeightedGram}'s register tiles (issue 27, the gated EM for general d):
 * per component i, with posteriors u_in and mass M_i = Σ_n u_in,
 * <pre>
 *   c_i = Σ_n u_in x_n / M_i,    Γ_i = Σ_n u_in (x_n − c_i)(x_n − c_i)ᵀ / M_i,
 * </pre>
 * two passes, as {@link GaussianGateSolver}'s loops (the means first, then the products of the centred
 * covariates, so that a covariate's offset costs no digits). The loops make k·d(d + 3)/2 sums over n points, each
 * a chain of dependent additions (≈ 1 ns per point each: at d = 32 and k = 3, ≈ 600 ns per point and component
 * per M-step); here each block of {@link BlockLogs#BLOCK} points is copied once (x) or centred once per component,
 * and the sums run per vector lane, 16 of them in registers per tile. The products are the loops',
 * u·(x_j − c_j) and then ·(x_l − c_l), and u·x_j; a sum differs from the loops' only in the order of its
 * additions over points (GaussianGateMomentsTest: to 1e−13 of Σ_n u_n |x_j − c_j||x_l − c_l|).
 *
 * <p>Only with the Vector API ({@link WeightedGram#AVAILABLE}) and d ≥ 2: d = 1 keeps the loops, so the d = 1
 * Gaussian-gated studies' numbers do not change. Buffers are allocated once; not thread-safe.
 */
final class GaussianGateMoments {
    private static final int BLOCK = BlockLogs.BLOCK;

    private final int n;
    private final int d;
    private final int k;
    private final int[] pairIndex;
    private final WeightedGram gram;
    /** The block's x_j, j &lt; d. */
    private final double[][] columns;
    /** The block's x_j − c_ij of the component in hand. */
    private final double[][] centred;
    /** The block's posteriors of one component. */
    private final double[] weights;
    private final double[] sums;
    private final double[] packed;

    GaussianGateMoments(int n, int d, int k) {
        this.n = n;
        this.d = d;
        this.k = k;
        this.pairIndex = ExpertLeastSquares.pairIndex(d);
        this.gram = new WeightedGram(d, k);
        this.columns = new double[d][BLOCK];
        this.centred = new double[d][BLOCK];
        this.weights = new double[BLOCK];
        this.sums = new double[d];
        this.packed = new double[d * (d + 1) / 2];
    }

    /**
     * means[i][j] = Σ_n u[i][n]·x_nj / mass[i].
     *
     * @param x column-major n·d, u k rows of n, mass k: read only; means k×d written
     */
    void means(double[] x, double[][] u, double[] mass, double[][] means) {
        gram.reset();
        for (int start = 0; start < n; start += BLOCK) {
            final int len = Math.min(BLOCK, n - start);
            copyBlock(x, start, len);
            for (int i = 0; i < k; i++) {
                System.arraycopy(u[i], start, weights, 0, len);
                gram.addSums(i, weights, columns, len);
            }
        }
        for (int i = 0; i < k; i++) {
            gram.reduceSums(i, sums);
            for (int j = 0; j < d; j++) {
                means[i][j] = sums[j] / mass[i];
            }
        }
    }

    /**
     * cov[i][j][l] = cov[i][l][j] = Σ_n u[i][n]·(x_nj − c_ij)(x_nl − c_il) / mass[i].
     *
     * @param x, u, mass, means read only; cov k×d×d written
     */
    void covariances(double[] x, double[][] u, double[] mass, double[][] means, double[][][] cov) {
        gram.reset();
        for (int start = 0; start < n; start += BLOCK) {
            final int len = Math.min(BLOCK, n - start);
            copyBlock(x, start, len);
            for (int i = 0; i < k; i++) {
                final double[] c = means[i];
                for (int j = 0; j < d; j++) {
                    centre(columns[j], c[j], centred[j], len);
                }
                System.arraycopy(u[i], start, weights, 0, len);
                gram.add(i, weights, centred, len);
            }
        }
        for (int i = 0; i < k; i++) {
            gram.reduce(i, packed);
            for (int j = 0; j < d; j++) {
                for (int l = 0; l <= j; l++) {
                    double v = packed[pairIndex[l * d + j]] / mass[i];
                    cov[i][j][l] = v;
                    cov[i][l][j] = v;
                }
            }
        }
    }

    /** {@link #columns}[j][e] = x_j of point start + e, e &lt; len. */
    private void copyBlock(double[] x, int start, int len) {
        for (int j = 0; j < d; j++) {
            System.arraycopy(x, j * n + start, columns[j], 0, len);
        }
    }

    /**
     * out[e] = x[e] − c, e &lt; len; past len out keeps earlier values, finite (zeros or an earlier block's), whose
     * weights {@link WeightedGram} takes as 0. Both arrays indexed from 0, so C2 vectorises the loop.
     */
    private static void centre(double[] x, double c, double[] out, int len) {
        for (int e = 0; e < len; e++) {
            out[e] = x[e] - c;
        }
    }
}
