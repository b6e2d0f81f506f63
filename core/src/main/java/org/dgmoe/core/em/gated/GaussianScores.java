package org.dgmoe.core.em.gated;

import org.dgmoe.core.model.GaussianGating;

/**
 * The Gaussian gate's E-step scores for a block of points (issue 27, the gated EM for general d):
 * score_i[e] = log w_i N(x_e; c_i, Γ_i) = ℓ_i − ½ |L_i⁻¹(x_e − c_i)|², ℓ_i = {@link GaussianGating#logNormaliser},
 * by the forward substitution {@link GaussianGating#logJoint} performs point by point,
 * <pre>
 *   s = x_j − c_ij;  s −= L_i[j][m]·u_m for m = 0, …, j − 1;  u_j = s / L_i[j][j];  q += u_j²   (j = 0, …, d − 1),
 * </pre>
 * each step applied to the whole block before the next. Per point the same multiplications, subtractions,
 * divisions and additions in the same order, so **the same doubles as logJoint** (GaussianScoresTest, bit for bit):
 * only the nesting of the loops changed. Why: point by point the d(d − 1)/2 multiply-subtracts of a point wait on
 * one another (each s −= … on the last) and nothing is vectorised, ≈ 320 ns per point and component for the pass
 * at d = 32 (docs/performance.md, "Gaussian gate"); over the block each step is one loop over independent points,
 * which C2 vectorises (each loop its own method, as {@link BlockLoops} explains).
 *
 * <p>Buffers (d + 2 rows of {@link GatedBlockPass#BLOCK}) are allocated once; {@link #hoist} copies θ's factors
 * once per pass. Not thread-safe.
 */
final class GaussianScores {
    private final int d;
    private final int k;
    /** factor[i][j·(j + 1)/2 + m] = L_i[j][m], m ≤ j: the lower triangles, row by row. */
    private final double[][] factor;
    private final double[][] mean;
    private final double[] logNormaliser;
    /** u[j][e] = (L_i⁻¹(x_e − c_i))_j of the expert in hand. */
    private final double[][] u;
    private final double[] s;
    private final double[] q;

    GaussianScores(int d, int k) {
        this.d = d;
        this.k = k;
        this.factor = new double[k][d * (d + 1) / 2];
        this.mean = new double[k][d];
        this.logNormaliser = new double[k];
        this.u = new double[d][GatedBlockPass.BLOCK];
        this.s = new double[GatedBlockPass.BLOCK];
        this.q = new double[GatedBlockPass.BLOCK];
    }

    /** Copies g's Cholesky factors, means and log-normalisers (g has k components in dimension d). */
    void hoist(GaussianGating g) {
        for (int i = 0; i < k; i++) {
            double[][] l = g.choleskyFactor(i);
            for (int j = 0; j < d; j++) {
                System.arraycopy(l[j], 0, factor[i], j * (j + 1) / 2, j + 1);
            }
            mean[i] = g.mean(i);
            logNormaliser[i] = g.logNormaliser(i);
        }
    }

    /**
     * score[i][e] = log w_i N(x_e; c_i, Γ_i) for e &lt; len, i &lt; k, of the gate last {@link #hoist}ed.
     *
     * @param xb the block's d columns (read only); score written
     */
    void block(double[][] xb, double[][] score, int len) {
        for (int i = 0; i < k; i++) {
            final double[] l = factor[i];
            for (int j = 0; j < d; j++) {
                final int row = j * (j + 1) / 2;
                centre(xb[j], mean[i][j], s, len);
                for (int m = 0; m < j; m++) {
                    subtractScaled(s, l[row + m], u[m], len);
                }
                if (j == 0) {
                    divideAndSquare(s, l[row + j], u[j], q, len);
                } else {
                    divideAndAddSquare(s, l[row + j], u[j], q, len);
                }
            }
            finish(logNormaliser[i], q, score[i], len);
        }
    }

    /** s = x − c. */
    private static void centre(double[] x, double c, double[] s, int len) {
        for (int e = 0; e < len; e++) {
            s[e] = x[e] - c;
        }
    }

    /** s −= l·u (the product rounded, then the difference: logJoint's s −= l[j][m]·scratch[m]). */
    private static void subtractScaled(double[] s, double l, double[] u, int len) {
        for (int e = 0; e < len; e++) {
            s[e] -= l * u[e];
        }
    }

    /** u = s / l, q = u² (logJoint's first q += u·u from q = 0: 0 + u² is u² exactly). */
    private static void divideAndSquare(double[] s, double l, double[] u, double[] q, int len) {
        for (int e = 0; e < len; e++) {
            double v = s[e] / l;
            u[e] = v;
            q[e] = v * v;
        }
    }

    /** u = s / l, q += u². */
    private static void divideAndAddSquare(double[] s, double l, double[] u, double[] q, int len) {
        for (int e = 0; e < len; e++) {
            double v = s[e] / l;
            u[e] = v;
            q[e] += v * v;
        }
    }

    /** score = ℓ − ½ q. */
    private static void finish(double logNormaliser, double[] q, double[] score, int len) {
        for (int e = 0; e < len; e++) {
            score[e] = logNormaliser - 0.5 * q[e];
        }
    }
}
