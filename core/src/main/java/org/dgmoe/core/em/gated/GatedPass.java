package org.dgmoe.core.em.gated;

import java.util.Arrays;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * The E-step of the gated EM: one pass over the data at θ that evaluates the log-likelihood and keeps every
 * point's responsibilities, which the gating M-step needs point by point (it has no sufficient statistics).
 *
 * <p>For point n (eq. numbers of {@link GatedEmFitter}'s class comment): t_0n = log(1 − λ(x_n)) + log g0(y_n|x_n),
 * t_in = log λ(x_n) + log π_i(x_n) + log φ(y_n; a_iᵀx_n + b_i, σ_i), LSE_n = log Σ_j exp t_jn = log p(y_n|x_n),
 * r_jn = exp(t_jn − LSE_n). Two implementations: {@link #run}, the blocked fast pass ({@link GatedBlockPass}:
 * FastExp, no normalised gate and no logarithm per point), and {@link #runReference}, the scalar pass with
 * {@link Math#exp}/{@link Math#log} per point and component that the fast one is tested against (ℓ to 1e−13
 * relative, r to 1e−13 absolute). Buffers are allocated once per fit; not thread-safe.
 */
final class GatedPass {
    final int n;
    final int d;
    final int k;
    /** Column-major covariates (the data's own, read only). */
    final double[] x;
    final double[] y;
    /** log g0(y_n | x_n), or null when the model has no g0 term. */
    private final double[] logG0;
    /** r[0] = g0's responsibilities (0 without a g0 term), r[i + 1] = expert i's; written by every pass. */
    final double[][] r;
    /**
     * π_i(x_n) at the last pass, k columns, written only for a Gaussian or softmax gate (the M-steps that read it:
     * {@link GatedMStep}'s component posteriors, {@link SoftmaxGateSolver#step}); null until the first such pass.
     */
    double[][] gate;
    /** Σ_n log h(x_n), the covariates' log-density under a Gaussian gate's law, at the last pass (else 0). */
    double covariateLogDensity;
    /** Passes made so far ({@link #run} and {@link #runReference} calls): the fit's E-step counter. */
    int passes;
    private final GatedBlockPass fast;
    // The reference pass's buffers, allocated on its first call.
    private double[][] logGate;
    private double[] logLambda;
    private double[] logComplement;
    private double[] point;
    private double[] scratch;
    private double[] t;

    GatedPass(Dataset data, int k, double[] logG0) {
        this.n = data.size();
        this.d = data.dimension();
        this.k = k;
        this.x = data.columnView();
        this.y = data.yView();
        this.logG0 = logG0;
        this.r = new double[k + 1][n];
        this.fast = new GatedBlockPass(this);
    }

    /** log g0(y_n | x_n) (read only), or null. */
    double[] logG0() {
        return logG0;
    }

    /** {@link #gate}, allocated on first use. */
    double[][] gateColumns() {
        if (gate == null) {
            gate = new double[k][n];
        }
        return gate;
    }

    /** Whether the pass has a g0 term (a g0, and λ not the constant 1). */
    boolean hasG0() {
        return logG0 != null;
    }

    /**
     * The pass at θ: fills {@link #r}, {@link #gate} (Gaussian gate), {@link #covariateLogDensity} and returns
     * ℓ(θ) = Σ_n LSE_n (NaN or ±∞ on numerical failure, never an exception). The fast pass.
     */
    double run(GatedModel theta) {
        passes++;
        return fast.run(theta);
    }

    /** {@link #run} by the scalar reference pass: Math.exp and Math.log per point and component. */
    double runReference(GatedModel theta) {
        passes++;
        if (t == null) {
            logGate = new double[k][n];
            logLambda = new double[n];
            logComplement = new double[n];
            point = new double[d];
            scratch = new double[d];
            t = new double[k + 1];
        }
        logGateColumns(theta.gating());
        deviationColumns(theta.deviation());
        int kk = k;
        double[] lp = new double[kk];
        double[] h = new double[kk];
        for (int i = 0; i < kk; i++) {
            Expert e = theta.expert(i);
            lp[i] = -0.5 * Math.log(2 * Math.PI * e.variance());
            h[i] = 0.5 / e.variance();
        }
        double ll = 0;
        for (int p = 0; p < n; p++) {
            double m = Double.NEGATIVE_INFINITY;
            t[0] = logG0 == null ? Double.NEGATIVE_INFINITY : logComplement[p] + logG0[p];
            m = Math.max(m, t[0]);
            for (int i = 0; i < kk; i++) {
                Expert e = theta.expert(i);
                double mean = e.intercept();
                for (int j = 0; j < d; j++) {
                    mean += e.slope(j) * x[j * n + p];
                }
                double res = y[p] - mean;
                double ti = logLambda[p] + logGate[i][p] + lp[i] - h[i] * res * res;
                t[i + 1] = ti;
                m = Math.max(m, ti);
            }
            double s = 0;
            for (int i = 0; i <= kk; i++) {
                s += Math.exp(t[i] - m);
            }
            double lse = m + Math.log(s);
            ll += lse;
            for (int i = 0; i <= kk; i++) {
                r[i][p] = Math.exp(t[i] - lse);
            }
        }
        return ll;
    }

    /** logGate[i][n] = log π_i(x_n) for the whole data set (and {@link #gate} for a Gaussian gate). */
    private void logGateColumns(Gating gating) {
        covariateLogDensity = 0;
        if (gating instanceof ConstantGating c) {
            for (int i = 0; i < k; i++) {
                Arrays.fill(logGate[i], Math.log(c.weight(i)));
            }
        } else if (gating instanceof SoftmaxGating s) {
            // η_in = β_iᵀx_n + β_i0 column by column, then log π_in = η_in − log Σ_j exp η_jn.
            for (int i = 0; i < k; i++) {
                double[] col = logGate[i];
                Arrays.fill(col, s.intercept(i));
                for (int j = 0; j < d; j++) {
                    double b = s.slope(i, j);
                    int o = j * n;
                    for (int p = 0; p < n; p++) {
                        col[p] += b * x[o + p];
                    }
                }
            }
            normaliseGateColumns(false);
            double[][] pi = gateColumns();
            for (int i = 0; i < k; i++) {
                for (int p = 0; p < n; p++) {
                    pi[i][p] = Math.exp(logGate[i][p]);
                }
            }
        } else {
            GaussianGating g = (GaussianGating) gating;
            for (int p = 0; p < n; p++) {
                for (int j = 0; j < d; j++) {
                    point[j] = x[j * n + p];
                }
                for (int i = 0; i < k; i++) {
                    logGate[i][p] = g.logJoint(i, point, scratch);
                }
            }
            normaliseGateColumns(true);
            double[][] pi = gateColumns();
            for (int i = 0; i < k; i++) {
                for (int p = 0; p < n; p++) {
                    pi[i][p] = Math.exp(logGate[i][p]);
                }
            }
        }
    }

    /** Subtracts log Σ_j exp(column_j) per point; when {@code covariates}, also sums it into {@link #covariateLogDensity}. */
    private void normaliseGateColumns(boolean covariates) {
        double total = 0;
        for (int p = 0; p < n; p++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                m = Math.max(m, logGate[i][p]);
            }
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += Math.exp(logGate[i][p] - m);
            }
            double z = m + Math.log(s);
            for (int i = 0; i < k; i++) {
                logGate[i][p] -= z;
            }
            total += z;
        }
        if (covariates) {
            covariateLogDensity = total;
        }
    }

    /** log λ(x_n) and log(1 − λ(x_n)) for the whole data set. */
    private void deviationColumns(Deviation deviation) {
        if (deviation instanceof ConstantDeviation c) {
            Arrays.fill(logLambda, Math.log(c.lambda()));
            Arrays.fill(logComplement, Math.log1p(-c.lambda()));
        } else {
            SigmoidDeviation s = (SigmoidDeviation) deviation;
            for (int p = 0; p < n; p++) {
                double eta = s.intercept();
                for (int j = 0; j < d; j++) {
                    eta += s.slope(j) * x[j * n + p];
                }
                logLambda[p] = -SigmoidDeviation.softplus(-eta);
                logComplement[p] = -SigmoidDeviation.softplus(eta);
            }
        }
    }
}
