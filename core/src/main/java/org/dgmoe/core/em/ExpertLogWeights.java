package org.dgmoe.core.em;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The E-step's log-weights of {@link EmWorkspace}'s passes (reference §3): the per-expert constants of θ, hoisted
 * once per pass, and for a block of points t_i = log(λ p_i) − ½ log(2π σ_i) − (y − a_iᵀx − b_i)²/(2σ_i) of every
 * expert with their running maximum. The residual is formed by plain loops, r = y − a_1x_1 − b − a_2x_2 − …, three
 * columns per loop: the order every recorded figure was computed in. (The k means by {@link LinearForms} in one sweep
 * of the block's columns, as the gated E-step takes them, measured no faster here: at d = 8, 16 and 32 with k = 3
 * it took 1.0–1.2× the loops' CPU time: docs/performance.md, "the floor".)
 */
final class ExpertLogWeights {
    private final int d;
    private final int k;
    /** log(λ p_i) − ½ log(2π σ_i) per expert. */
    final double[] logCoefficient;
    /** 1/(2σ_i) per expert. */
    final double[] halfPrecision;
    /** a_i per expert, d entries. */
    final double[][] slope;
    /** b_i per expert. */
    final double[] intercept;
    /** The block's residual of one expert (loop form). */
    private final double[] residual;

    ExpertLogWeights(int d, int k) {
        this.d = d;
        this.k = k;
        this.logCoefficient = new double[k];
        this.halfPrecision = new double[k];
        this.slope = new double[k][d];
        this.intercept = new double[k];
        this.residual = new double[BlockLogs.BLOCK];
    }

    /**
     * Hoists the per-expert constants of θ: log(λ p_i) − ½ log(2π σ_i) and 1/(2σ_i), and copies a and b.
     *
     * @param p, a, b, v read only
     */
    void hoist(double lambda, double[] p, double[][] a, double[] b, double[] v) {
        double logLambda = Math.log(lambda);
        for (int i = 0; i < k; i++) {
            logCoefficient[i] = logLambda + Math.log(p[i]) - 0.5 * Math.log(2 * Math.PI * v[i]);
            halfPrecision[i] = 0.5 / v[i];
            System.arraycopy(a[i], 0, slope[i], 0, d);
            intercept[i] = b[i];
        }
    }

    /**
     * terms[i + 1][e] = t_i for every expert and the block's e &lt; len, and max[e] = max over them, also over the
     * max[e] already there (t_0) when {@code maxSoFar}.
     *
     * @param xb the block's d (shifted) columns, yb its y: read only; terms rows 1..k and max written
     */
    void block(double[][] xb, double[] yb, double[][] terms, double[] max, int len, boolean maxSoFar) {
        for (int i = 0; i < k; i++) {
            byColumns(i, xb, yb, terms[i + 1], max, len, maxSoFar || i > 0);
        }
    }

    /**
     * The same as {@link #block} for a block of {@link BlockedColumns} read in place: x_j at c[at[j] ..], y at
     * c[yAt ..]. The residuals are {@link #byColumns}'s, operation for operation ({@link InPlace}), so the same bits.
     *
     * @param c, at read only; terms rows 1..k and max written
     */
    void block(double[] c, int[] at, int yAt, double[][] terms, double[] max, int len, boolean maxSoFar) {
        for (int i = 0; i < k; i++) {
            InPlace.residuals(slope[i], intercept[i], d, c, at, yAt, residual, len);
            fromResiduals(i, residual, terms[i + 1], max, len, maxSoFar || i > 0);
        }
    }

    /** t[e] and the max for expert i, the residual by plain loops over the columns. */
    private void byColumns(int i, double[][] xb, double[] yv, double[] t, double[] m, int len, boolean maxSoFar) {
        final double[] x0 = xb[0];
        final double c = logCoefficient[i];
        final double h = halfPrecision[i];
        final double bi = intercept[i];
        final double a0 = slope[i][0];
        if (d == 1) {
            if (maxSoFar) {
                for (int e = 0; e < len; e++) {
                    double r = yv[e] - a0 * x0[e] - bi;
                    double te = c - h * r * r;
                    t[e] = te;
                    m[e] = Math.max(m[e], te);
                }
            } else {
                for (int e = 0; e < len; e++) {
                    double r = yv[e] - a0 * x0[e] - bi;
                    double te = c - h * r * r;
                    t[e] = te;
                    m[e] = te;
                }
            }
            return;
        }
        final double[] res = residual;
        for (int e = 0; e < len; e++) {
            res[e] = yv[e] - a0 * x0[e] - bi;
        }
        // aᵀx by three columns per loop (one load and store of the residual per three columns), each
        // subtraction in the same order as one column per loop, so the same bits.
        int j = 1;
        for (; j + 2 < d; j += 3) {
            final double a1 = slope[i][j];
            final double a2 = slope[i][j + 1];
            final double a3 = slope[i][j + 2];
            final double[] x1 = xb[j];
            final double[] x2 = xb[j + 1];
            final double[] x3 = xb[j + 2];
            for (int e = 0; e < len; e++) {
                res[e] = res[e] - a1 * x1[e] - a2 * x2[e] - a3 * x3[e];
            }
        }
        for (; j < d; j++) {
            final double aj = slope[i][j];
            final double[] xj = xb[j];
            for (int e = 0; e < len; e++) {
                res[e] -= aj * xj[e];
            }
        }
        fromResiduals(i, res, t, m, len, maxSoFar);
    }

    /** t[e] = c − h·r² and the max, for expert i from its residuals r. */
    private void fromResiduals(int i, double[] res, double[] t, double[] m, int len, boolean maxSoFar) {
        final double c = logCoefficient[i];
        final double h = halfPrecision[i];
        if (maxSoFar) {
            for (int e = 0; e < len; e++) {
                double r = res[e];
                double te = c - h * r * r;
                t[e] = te;
                m[e] = Math.max(m[e], te);
            }
        } else {
            for (int e = 0; e < len; e++) {
                double r = res[e];
                double te = c - h * r * r;
                t[e] = te;
                m[e] = te;
            }
        }
    }

    /**
     * {@link #byColumns}'s residual loops on one array at offsets, written with the Vector API (used only with it:
     * {@link EmWorkspace#readsBlocks}): C2's superword pass on JDK 17 does not vectorise a loop whose accesses sit at
     * offsets it cannot prove aligned with each other (EmWorkspace's comment on its block loops), and the columns of
     * {@link BlockedColumns} are all in one array. The same operations in the same order per point (a multiply and
     * a subtraction, each rounded), so the same doubles; points past len up to a multiple of LANES are computed from
     * the layout's zeros and not used.
     */
    static final class InPlace {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
        private static final int LANES = S.length();

        private InPlace() {
        }

        /** res[e] = y − a_1x_1 − b − a_2x_2 − … − a_dx_d, three columns per sweep after the first, as byColumns. */
        static void residuals(double[] a, double b, int d, double[] c, int[] at, int yAt, double[] res, int len) {
            final double a0 = a[0];
            final int x0 = at[0];
            for (int e = 0; e < len; e += LANES) {
                DoubleVector.fromArray(S, c, yAt + e).sub(DoubleVector.fromArray(S, c, x0 + e).mul(a0)).sub(b)
                        .intoArray(res, e);
            }
            int j = 1;
            for (; j + 2 < d; j += 3) {
                final double a1 = a[j];
                final double a2 = a[j + 1];
                final double a3 = a[j + 2];
                final int x1 = at[j];
                final int x2 = at[j + 1];
                final int x3 = at[j + 2];
                for (int e = 0; e < len; e += LANES) {
                    DoubleVector.fromArray(S, res, e).sub(DoubleVector.fromArray(S, c, x1 + e).mul(a1))
                            .sub(DoubleVector.fromArray(S, c, x2 + e).mul(a2))
                            .sub(DoubleVector.fromArray(S, c, x3 + e).mul(a3)).intoArray(res, e);
                }
            }
            for (; j < d; j++) {
                final double aj = a[j];
                final int xj = at[j];
                for (int e = 0; e < len; e += LANES) {
                    DoubleVector.fromArray(S, res, e).sub(DoubleVector.fromArray(S, c, xj + e).mul(aj))
                            .intoArray(res, e);
                }
            }
        }
    }
}
