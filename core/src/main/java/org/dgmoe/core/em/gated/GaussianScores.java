package org.dgmoe.core.em.gated;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.dgmoe.core.em.LinearForms;
import org.dgmoe.core.model.GaussianGating;

/**
 * The Gaussian gate's E-step scores for a block of points (issue 27, the gated EM for general d):
 * score_i[e] = log w_i N(x_e; c_i, Γ_i) = ℓ_i − ½ |L_i⁻¹(x_e − c_i)|², ℓ_i = {@link GaussianGating#logNormaliser},
 * by the forward substitution {@link GaussianGating#logJoint} performs point by point,
 * <pre>
 *   s = x_j − c_ij;  s −= L_i[j][m]·u_m for m = 0, …, j − 1;  u_j = s / L_i[j][j];  q += u_j²   (j = 0, …, d − 1),
 * </pre>
 * each step applied to the whole block before the next. Per point the same multiplications, subtractions,
 * divisions and additions in the same order, so **the same doubles as logJoint** (GaussianGateDimensionTest, bit for
 * bit): only the nesting of the loops changed. Why: point by point the d(d − 1)/2 multiply-subtracts of a point wait
 * on one another (each s −= … on the last) and nothing is vectorised, ≈ 320 ns per point and component for the pass
 * at d = 32 (docs/performance.md, "Gaussian gate"); over the block each step runs over independent points: with the
 * Vector API by {@link Vectors} (32 points at a time, s in registers), else by plain loops that C2 vectorises (each
 * loop its own method, as {@link BlockLoops} explains).
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
    private final boolean vectors;

    GaussianScores(int d, int k) {
        this(d, k, LinearForms.AVAILABLE);
    }

    /** With {@code vectors}: {@link Vectors}' form (needs the Vector API: {@link LinearForms#AVAILABLE}). */
    GaussianScores(int d, int k, boolean vectors) {
        this.vectors = vectors;
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
        if (vectors) {
            for (int i = 0; i < k; i++) {
                Vectors.expert(factor[i], mean[i], logNormaliser[i], d, xb, u, score[i], len);
            }
            return;
        }
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

    /**
     * The same steps with the Vector API, 32 points at a time: the four vectors' s stay in registers over m (the
     * loops load and store s at every m), the same operations in the same order per point, so the same doubles.
     * Used when the Vector API is on (loaded only then). Measured: docs/performance.md, "Gaussian gate".
     */
    static final class Vectors {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
        private static final int LANES = S.length();

        private Vectors() {
        }

        /**
         * score[e] = ℓ − ½ Σ_j u_j[e]² of one component, e &lt; len rounded up to 32 (the buffers hold BLOCK points:
         * past len the columns hold finite stale values whose scores are never read).
         *
         * @param l the packed lower factor, c the mean, xb the block's columns: read only; u and score written
         */
        static void expert(double[] l, double[] c, double logNorm, int d, double[][] xb, double[][] u, double[] score,
                int len) {
            for (int e = 0; e < len; e += 4 * LANES) {
                DoubleVector s0 = DoubleVector.fromArray(S, xb[0], e + 0 * LANES).sub(c[0]).div(l[0]);
                DoubleVector s1 = DoubleVector.fromArray(S, xb[0], e + 1 * LANES).sub(c[0]).div(l[0]);
                DoubleVector s2 = DoubleVector.fromArray(S, xb[0], e + 2 * LANES).sub(c[0]).div(l[0]);
                DoubleVector s3 = DoubleVector.fromArray(S, xb[0], e + 3 * LANES).sub(c[0]).div(l[0]);
                s0.intoArray(u[0], e + 0 * LANES);
                s1.intoArray(u[0], e + 1 * LANES);
                s2.intoArray(u[0], e + 2 * LANES);
                s3.intoArray(u[0], e + 3 * LANES);
                DoubleVector q0 = s0.mul(s0);
                DoubleVector q1 = s1.mul(s1);
                DoubleVector q2 = s2.mul(s2);
                DoubleVector q3 = s3.mul(s3);
                for (int j = 1; j < d; j++) {
                    final int row = j * (j + 1) / 2;
                    final double cj = c[j];
                    final double[] xj = xb[j];
                    DoubleVector t0 = DoubleVector.fromArray(S, xj, e + 0 * LANES).sub(cj);
                    DoubleVector t1 = DoubleVector.fromArray(S, xj, e + 1 * LANES).sub(cj);
                    DoubleVector t2 = DoubleVector.fromArray(S, xj, e + 2 * LANES).sub(cj);
                    DoubleVector t3 = DoubleVector.fromArray(S, xj, e + 3 * LANES).sub(cj);
                    for (int m = 0; m < j; m++) {
                        final double lm = l[row + m];
                        final double[] um = u[m];
                        t0 = t0.sub(DoubleVector.fromArray(S, um, e + 0 * LANES).mul(lm));
                        t1 = t1.sub(DoubleVector.fromArray(S, um, e + 1 * LANES).mul(lm));
                        t2 = t2.sub(DoubleVector.fromArray(S, um, e + 2 * LANES).mul(lm));
                        t3 = t3.sub(DoubleVector.fromArray(S, um, e + 3 * LANES).mul(lm));
                    }
                    final double ljj = l[row + j];
                    t0 = t0.div(ljj);
                    t1 = t1.div(ljj);
                    t2 = t2.div(ljj);
                    t3 = t3.div(ljj);
                    t0.intoArray(u[j], e + 0 * LANES);
                    t1.intoArray(u[j], e + 1 * LANES);
                    t2.intoArray(u[j], e + 2 * LANES);
                    t3.intoArray(u[j], e + 3 * LANES);
                    q0 = q0.add(t0.mul(t0));
                    q1 = q1.add(t1.mul(t1));
                    q2 = q2.add(t2.mul(t2));
                    q3 = q3.add(t3.mul(t3));
                }
                DoubleVector.broadcast(S, logNorm).sub(q0.mul(0.5)).intoArray(score, e + 0 * LANES);
                DoubleVector.broadcast(S, logNorm).sub(q1.mul(0.5)).intoArray(score, e + 1 * LANES);
                DoubleVector.broadcast(S, logNorm).sub(q2.mul(0.5)).intoArray(score, e + 2 * LANES);
                DoubleVector.broadcast(S, logNorm).sub(q3.mul(0.5)).intoArray(score, e + 3 * LANES);
            }
        }
    }
}
