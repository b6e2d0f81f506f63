package org.dgmoe.core.em;

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
}
