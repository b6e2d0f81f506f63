package org.dgmoe.core.em;

import java.util.Arrays;

/**
 * Buffers and the fused E-pass of one fit (reference §3). One pass over the data at parameters θ
 * returns ℓ(θ) = Σ_n log p_θ(y_n | x_n) and accumulates, per expert i, the sufficient statistics of
 * the M-step: the upper triangle of Σ_n w_in v_n v_nᵀ with v = [x_1, …, x_d, 1, y] (which holds Σw,
 * Σw·zzᵀ, Σw·zy and Σw·y² for z = [x, 1]), and Σ_n w_0n. Everything is allocated once per fit.
 *
 * <p>Two implementations of the same pass:
 * <ul>
 * <li>{@link #passFast}: blocks of {@link #BLOCK} points in structure-of-arrays buffers, simple loops
 * that C2 vectorises, {@link FastExp} for the k + 1 exponentials, statistics accumulated in per-lane
 * arrays (no floating-point reductions in the hot loops), and one {@link Math#log} per 32 points: after
 * the max is subtracted each normaliser S_n lies in [1, k + 1], so a product of 32 of them cannot
 * overflow for any k &lt; 2³² − 1, and log Π S_n = Σ log S_n up to 32 roundings.</li>
 * <li>{@link #passReference}: plain per-point log-sum-exp with {@link Math#exp}/{@link Math#log} and
 * scalar accumulation, the exact reference the fast path is tested against.</li>
 * </ul>
 */
final class EmWorkspace {
    /** Points per block: long enough for C2's vectorised main loops to run, short enough to stay in L1/L2. */
    static final int BLOCK = 256;
    /** Points per logarithm of the product of normalisers. */
    private static final int LOG_CHUNK = 32;

    final int n;
    final int d;
    final int k;
    /** Columns of v = [x_1..x_d, 1, y]. */
    final int q;
    /** Entries of the upper triangle of a q×q matrix. */
    final int pairs;
    /** pairIndex[j*q + l] for j ≤ l. */
    final int[] pairIndex;

    private final double[] x;
    private final double[] y;
    /** log g0(y_n | x_n), computed once per fit. */
    private final double[] logG0;

    /** Per expert i: the reduced statistics, pairs entries. */
    final double[][] stats;
    /** Σ_n w_0n of the last pass. */
    double sumW0;

    // Fast-path buffers.
    private final double[][] terms;
    private final double[] max;
    private final double[] norm;
    private final double[] residual;
    private final double[] rr;
    private final double[] kk;
    private final double[][][] lanes;
    private final double[] laneW0;

    // Per-expert constants of the current θ.
    private final double[] logCoefficient;
    private final double[] halfPrecision;
    private final double[][] slope;
    private final double[] intercept;

    EmWorkspace(double[] x, double[] y, int d, int k, double[] logG0) {
        this.n = y.length;
        this.d = d;
        this.k = k;
        this.q = d + 2;
        this.pairs = q * (q + 1) / 2;
        this.pairIndex = new int[q * q];
        int c = 0;
        for (int j = 0; j < q; j++) {
            for (int l = j; l < q; l++) {
                pairIndex[j * q + l] = c;
                pairIndex[l * q + j] = c;
                c++;
            }
        }
        this.x = x;
        this.y = y;
        this.logG0 = logG0;
        this.stats = new double[k][pairs];
        this.terms = new double[k + 1][BLOCK];
        this.max = new double[BLOCK];
        this.norm = new double[BLOCK];
        this.residual = new double[BLOCK];
        this.rr = new double[BLOCK];
        this.kk = new double[BLOCK];
        this.lanes = new double[k][pairs][BLOCK];
        this.laneW0 = new double[BLOCK];
        this.logCoefficient = new double[k];
        this.halfPrecision = new double[k];
        this.slope = new double[k][d];
        this.intercept = new double[k];
    }

    /** Index of statistic (j, l) in {@link #stats}; column d is the constant 1, column d + 1 is y. */
    int pair(int j, int l) {
        return pairIndex[j * q + l];
    }

    /**
     * Hoists the per-expert constants of θ: log(λ p_i) − ½ log(2π σ_i) and 1/(2σ_i).
     *
     * @param a slopes, read only; p, b, v read only
     */
    private void hoist(double lambda, double[] p, double[][] a, double[] b, double[] v) {
        double logLambda = Math.log(lambda);
        for (int i = 0; i < k; i++) {
            logCoefficient[i] = logLambda + Math.log(p[i]) - 0.5 * Math.log(2 * Math.PI * v[i]);
            halfPrecision[i] = 0.5 / v[i];
            System.arraycopy(a[i], 0, slope[i], 0, d);
            intercept[i] = b[i];
        }
    }

    /**
     * The fast fused pass at θ = (λ, p, a, b, v); {@code useG0} false drops the g0 term (g0 none, or
     * λ = 1 where w_0 ≡ 0). Fills {@link #stats} and {@link #sumW0}; returns ℓ(θ) (NaN or ±∞ on
     * numerical failure, never an exception).
     */
    double passFast(boolean useG0, double lambda, double[] p, double[][] a, double[] b, double[] v) {
        hoist(lambda, p, a, b, v);
        double logOneMinusLambda = useG0 ? Math.log1p(-lambda) : 0;
        for (int i = 0; i < k; i++) {
            for (int s = 0; s < pairs; s++) {
                Arrays.fill(lanes[i][s], 0);
            }
        }
        Arrays.fill(laneW0, 0);
        final int one = d;
        final int yc = d + 1;
        double sumMax = 0;
        double sumLogNorm = 0;
        for (int start = 0; start < n; start += BLOCK) {
            final int len = Math.min(BLOCK, n - start);
            // Log-weights of the experts: t_i = log(λ p_i) − ½ log(2πσ_i) − (y − aᵀx − b)²/(2σ_i).
            for (int i = 0; i < k; i++) {
                final double[] t = terms[i + 1];
                final double c = logCoefficient[i];
                final double h = halfPrecision[i];
                final double bi = intercept[i];
                final double a0 = slope[i][0];
                if (d == 1) {
                    for (int e = 0; e < len; e++) {
                        double r = y[start + e] - a0 * x[start + e] - bi;
                        t[e] = c - h * r * r;
                    }
                } else {
                    final double[] res = residual;
                    for (int e = 0; e < len; e++) {
                        res[e] = y[start + e] - a0 * x[start + e] - bi;
                    }
                    for (int j = 1; j < d; j++) {
                        final double aj = slope[i][j];
                        final int off = j * n + start;
                        for (int e = 0; e < len; e++) {
                            res[e] -= aj * x[off + e];
                        }
                    }
                    for (int e = 0; e < len; e++) {
                        t[e] = c - h * res[e] * res[e];
                    }
                }
            }
            final double[] m = max;
            if (useG0) {
                final double[] t0 = terms[0];
                for (int e = 0; e < len; e++) {
                    t0[e] = logOneMinusLambda + logG0[start + e];
                }
                System.arraycopy(t0, 0, m, 0, len);
            } else {
                System.arraycopy(terms[1], 0, m, 0, len);
            }
            for (int i = useG0 ? 1 : 2; i <= k; i++) {
                final double[] t = terms[i];
                for (int e = 0; e < len; e++) {
                    m[e] = Math.max(m[e], t[e]);
                }
            }
            final int first = useG0 ? 0 : 1;
            for (int i = first; i <= k; i++) {
                FastExp.expDiffInPlace(terms[i], m, rr, kk, len);
            }
            final double[] sNorm = norm;
            System.arraycopy(terms[first], 0, sNorm, 0, len);
            for (int i = first + 1; i <= k; i++) {
                final double[] t = terms[i];
                for (int e = 0; e < len; e++) {
                    sNorm[e] += t[e];
                }
            }
            // ℓ: Σ max + Σ log S, one log per LOG_CHUNK points, four independent chains.
            for (int c0 = 0; c0 < len; c0 += LOG_CHUNK) {
                int end = Math.min(len, c0 + LOG_CHUNK);
                double p0 = 1;
                double p1 = 1;
                double m0 = 0;
                double m1 = 0;
                int e = c0;
                for (; e + 1 < end; e += 2) {
                    p0 *= sNorm[e];
                    p1 *= sNorm[e + 1];
                    m0 += m[e];
                    m1 += m[e + 1];
                }
                if (e < end) {
                    p0 *= sNorm[e];
                    m0 += m[e];
                }
                sumLogNorm += Math.log(p0 * p1);
                sumMax += m0 + m1;
            }
            // Responsibilities w_i = e_i / S (reusing norm for 1/S).
            for (int e = 0; e < len; e++) {
                sNorm[e] = 1.0 / sNorm[e];
            }
            for (int i = first; i <= k; i++) {
                final double[] t = terms[i];
                for (int e = 0; e < len; e++) {
                    t[e] *= sNorm[e];
                }
            }
            if (useG0) {
                final double[] t0 = terms[0];
                final double[] lw = laneW0;
                for (int e = 0; e < len; e++) {
                    lw[e] += t0[e];
                }
            }
            // Per-lane statistics Σ w v_j v_l.
            for (int i = 0; i < k; i++) {
                final double[] w = terms[i + 1];
                final double[][] lane = lanes[i];
                final double[] l11 = lane[pair(one, one)];
                for (int e = 0; e < len; e++) {
                    l11[e] += w[e];
                }
                for (int j = 0; j < q; j++) {
                    if (j == one) {
                        continue;
                    }
                    final double[] colJ = j == yc ? y : x;
                    final int bj = j == yc ? start : j * n + start;
                    final double[] lj = lane[pair(j, one)];
                    for (int e = 0; e < len; e++) {
                        lj[e] += w[e] * colJ[bj + e];
                    }
                    for (int l = j; l < q; l++) {
                        if (l == one) {
                            continue;
                        }
                        final double[] colL = l == yc ? y : x;
                        final int bl = l == yc ? start : l * n + start;
                        final double[] ljl = lane[pair(j, l)];
                        for (int e = 0; e < len; e++) {
                            ljl[e] += w[e] * colJ[bj + e] * colL[bl + e];
                        }
                    }
                }
            }
        }
        for (int i = 0; i < k; i++) {
            for (int s = 0; s < pairs; s++) {
                stats[i][s] = sumLanes(lanes[i][s]);
            }
        }
        sumW0 = useG0 ? sumLanes(laneW0) : 0;
        return sumMax + sumLogNorm;
    }

    private static double sumLanes(double[] lane) {
        double s = 0;
        for (double v : lane) {
            s += v;
        }
        return s;
    }

    /**
     * The exact scalar reference pass: per point, log-sum-exp with {@link Math#exp} and
     * {@link Math#log}, responsibilities exp(t_i − log Σ exp t), plain scalar accumulation. Same
     * contract as {@link #passFast}.
     */
    double passReference(boolean useG0, double lambda, double[] p, double[][] a, double[] b, double[] v) {
        hoist(lambda, p, a, b, v);
        double logOneMinusLambda = useG0 ? Math.log1p(-lambda) : 0;
        for (int i = 0; i < k; i++) {
            Arrays.fill(stats[i], 0);
        }
        double w0Sum = 0;
        double ll = 0;
        double[] t = new double[k + 1];
        double[] vv = new double[q];
        for (int nIdx = 0; nIdx < n; nIdx++) {
            for (int j = 0; j < d; j++) {
                vv[j] = x[j * n + nIdx];
            }
            vv[d] = 1;
            vv[d + 1] = y[nIdx];
            double mx = Double.NEGATIVE_INFINITY;
            t[0] = useG0 ? logOneMinusLambda + logG0[nIdx] : Double.NEGATIVE_INFINITY;
            mx = Math.max(mx, t[0]);
            for (int i = 0; i < k; i++) {
                double mean = intercept[i];
                for (int j = 0; j < d; j++) {
                    mean += slope[i][j] * vv[j];
                }
                double r = y[nIdx] - mean;
                t[i + 1] = logCoefficient[i] - halfPrecision[i] * r * r;
                mx = Math.max(mx, t[i + 1]);
            }
            double s = 0;
            for (int i = 0; i <= k; i++) {
                s += Math.exp(t[i] - mx);
            }
            double lse = mx + Math.log(s);
            ll += lse;
            if (useG0) {
                w0Sum += Math.exp(t[0] - lse);
            }
            for (int i = 0; i < k; i++) {
                double w = Math.exp(t[i + 1] - lse);
                double[] st = stats[i];
                for (int j = 0; j < q; j++) {
                    double wj = w * vv[j];
                    for (int l = j; l < q; l++) {
                        st[pairIndex[j * q + l]] += wj * vv[l];
                    }
                }
            }
        }
        sumW0 = w0Sum;
        return ll;
    }
}
