package org.dgmoe.bench.polish;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Mean negative log-likelihood of a Gaussian mixture of k linear regressions in dimension d,
 * f(θ) = −(1/n) Σ_n log Σ_i p_i N(y_n; a_iᵀx_n + b_i, v_i), in unconstrained coordinates:
 * softmax logits η_1..η_{k−1} (η_k = 0, so the minimum is a point, not a line), then per expert
 * a_i1..a_id, b_i, s_i = log v_i. The gradient comes from the responsibilities w_ni of one pass:
 * ∂f/∂η_j = −(1/n) Σ (w_nj − p_j), ∂f/∂β_i = −(1/n) Σ w_ni r_ni z_n / v_i,
 * ∂f/∂s_i = −(1/n) Σ w_ni (r_ni² / (2 v_i) − 1/2), with z = [x, 1], r = y − β_iᵀz.
 */
public final class MixtureRegressionNll extends SmoothFunction {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int k;
    private final int d;
    private final int n;
    private final double[] x; // n·d, row-major
    private final double[] y;
    private final double[] truth;
    // scratch
    private final double[] logTerm;
    private final double[] logP;
    private final double[] invV;
    private final double[] logV;

    private MixtureRegressionNll(int k, int d, double[] x, double[] y, double[] truth) {
        this.k = k;
        this.d = d;
        this.n = y.length;
        this.x = x;
        this.y = y;
        this.truth = truth;
        logTerm = new double[k];
        logP = new double[k];
        invV = new double[k];
        logV = new double[k];
    }

    /**
     * The benchmark's problem: k = 3 experts, x ~ U[0,1]^d, weights (0.3, 0.3, 0.4), slopes 1.5(i − 1)
     * in every coordinate, intercepts i − 1, variances 0.05 + 0.05 i (the truth of EmKernelBenchmark
     * without the g0), n points from the given seed.
     */
    public static MixtureRegressionNll simulate(int d, int n, long seed) {
        int k = 3;
        double[] weights = {0.3, 0.3, 0.4};
        double[] truth = new double[k - 1 + k * (d + 2)];
        for (int j = 0; j < k - 1; j++) {
            truth[j] = Math.log(weights[j] / weights[k - 1]);
        }
        for (int i = 0; i < k; i++) {
            int o = k - 1 + i * (d + 2);
            for (int c = 0; c < d; c++) {
                truth[o + c] = 1.5 * (i - 1);
            }
            truth[o + d] = i - 1.0;
            truth[o + d + 1] = Math.log(0.05 + 0.05 * i);
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] xs = new double[n * d];
        double[] ys = new double[n];
        for (int p = 0; p < n; p++) {
            double u = rng.nextDouble();
            int i = u < 0.3 ? 0 : u < 0.6 ? 1 : 2;
            int o = k - 1 + i * (d + 2);
            double mean = truth[o + d];
            for (int c = 0; c < d; c++) {
                xs[p * d + c] = rng.nextDouble();
                mean += truth[o + c] * xs[p * d + c];
            }
            ys[p] = mean + Math.sqrt(Math.exp(truth[o + d + 1])) * gauss.sample();
        }
        return new MixtureRegressionNll(k, d, xs, ys, truth);
    }

    /** The simulating parameters in this function's coordinates. */
    public double[] truth() {
        return truth.clone();
    }

    /**
     * A start near the MLE, as EM would leave it: the truth with every logit +0.2, slope −0.1,
     * intercept +0.1 and log-variance +0.3.
     */
    public double[] perturbedTruth() {
        double[] t = truth();
        for (int j = 0; j < k - 1; j++) {
            t[j] += 0.2;
        }
        for (int i = 0; i < k; i++) {
            int o = k - 1 + i * (d + 2);
            for (int c = 0; c < d; c++) {
                t[o + c] -= 0.1;
            }
            t[o + d] += 0.1;
            t[o + d + 1] += 0.3;
        }
        return t;
    }

    @Override
    public int dimension() {
        return k - 1 + k * (d + 2);
    }

    private void prepare(double[] theta) {
        double max = 0;
        for (int j = 0; j < k - 1; j++) {
            max = Math.max(max, theta[j]);
        }
        double z = Math.exp(-max); // η_k = 0
        for (int j = 0; j < k - 1; j++) {
            z += Math.exp(theta[j] - max);
        }
        double logZ = max + Math.log(z);
        for (int i = 0; i < k; i++) {
            logP[i] = (i < k - 1 ? theta[i] : 0) - logZ;
            double s = theta[k - 1 + i * (d + 2) + d + 1];
            logV[i] = s;
            invV[i] = Math.exp(-s);
        }
    }

    private double logTerms(double[] theta, int p, double[] r) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            int o = k - 1 + i * (d + 2);
            double mean = theta[o + d];
            for (int c = 0; c < d; c++) {
                mean += theta[o + c] * x[p * d + c];
            }
            double res = y[p] - mean;
            r[i] = res;
            double lt = logP[i] - HALF_LOG_2PI - 0.5 * logV[i] - 0.5 * res * res * invV[i];
            logTerm[i] = lt;
            max = Math.max(max, lt);
        }
        return max;
    }

    @Override
    protected double computeValue(double[] theta) {
        prepare(theta);
        double[] r = new double[k];
        double sum = 0;
        for (int p = 0; p < n; p++) {
            double max = logTerms(theta, p, r);
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += Math.exp(logTerm[i] - max);
            }
            sum += max + Math.log(s);
        }
        return -sum / n;
    }

    @Override
    protected double computeValueAndGradient(double[] theta, double[] g) {
        prepare(theta);
        java.util.Arrays.fill(g, 0);
        double[] r = new double[k];
        double[] w = new double[k];
        double sum = 0;
        for (int p = 0; p < n; p++) {
            double max = logTerms(theta, p, r);
            double s = 0;
            for (int i = 0; i < k; i++) {
                w[i] = Math.exp(logTerm[i] - max);
                s += w[i];
            }
            sum += max + Math.log(s);
            double inv = 1 / s;
            for (int i = 0; i < k; i++) {
                double wi = w[i] * inv;
                if (i < k - 1) {
                    g[i] += wi;
                }
                int o = k - 1 + i * (d + 2);
                double c0 = wi * r[i] * invV[i];
                for (int c = 0; c < d; c++) {
                    g[o + c] += c0 * x[p * d + c];
                }
                g[o + d] += c0;
                g[o + d + 1] += wi * (0.5 * r[i] * r[i] * invV[i] - 0.5);
            }
        }
        // g holds Σ w (logits), Σ w r z / v, Σ w (r²/2v − 1/2): the ascent direction of Σ log-likelihood.
        for (int j = 0; j < k - 1; j++) {
            g[j] -= n * Math.exp(logP[j]);
        }
        double scale = -1.0 / n;
        for (int j = 0; j < g.length; j++) {
            g[j] *= scale;
        }
        return -sum / n;
    }
}
