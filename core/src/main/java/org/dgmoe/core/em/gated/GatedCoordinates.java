package org.dgmoe.core.em.gated;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * The unconstrained coordinates u = U(θ) of a gated model, one vector: what the stopping rule's step, the
 * extrapolation and the certificate work in. Every constraint is mapped away, every gauge fixed:
 * <ul>
 * <li>expert i: a_i (d entries), b_i, log σ_i;</li>
 * <li>deviation: constant λ, when it is free, as logit λ; sigmoid: γ (d), γ0;</li>
 * <li>gating: constant, log p_i − log p_1 for i ≥ 2; softmax, (β_i, β_i0) − (β_1, β_10) for i ≥ 2 (expert
 * 1's gate fixed at zero); Gaussian, log w_i − log w_1 for i ≥ 2, then per expert c_i (d) and the Cholesky
 * factor of Γ_i by rows, its diagonal as logs (d(d + 1)/2).</li>
 * </ul>
 * {@link #unpack} is the inverse map onto a model of the template's family and g0. Immutable.
 */
final class GatedCoordinates {
    private final GatedModel template;
    private final boolean lambdaFree;
    private final int k;
    private final int d;

    /**
     * @param template   gives the families, k, d and g0 of every model packed or unpacked
     * @param lambdaFree whether a constant λ is a coordinate (else it stays at the template's); ignored without a g0
     *                   or with λ = 1
     */
    GatedCoordinates(GatedModel template, boolean lambdaFree) {
        this.template = template;
        // λ is a coordinate only where it is estimated: a constant λ beside a g0 (with no g0 it is the constant 1).
        this.lambdaFree = lambdaFree && template.deviation() instanceof ConstantDeviation
                && !template.g0().isNone() && !template.deviation().isOne();
        this.k = template.size();
        this.d = template.dimension();
    }

    /** Whether a constant λ is one of the coordinates. */
    boolean lambdaFree() {
        return lambdaFree;
    }

    /** Length of u. */
    int size() {
        int s = k * (d + 2);
        if (template.deviation() instanceof SigmoidDeviation) {
            s += d + 1;
        } else if (lambdaFree) {
            s += 1;
        }
        Gating g = template.gating();
        if (g instanceof SoftmaxGating) {
            s += (k - 1) * (d + 1);
        } else if (g instanceof GaussianGating) {
            s += (k - 1) + k * (d + d * (d + 1) / 2);
        } else {
            s += k - 1;
        }
        return s;
    }

    /** u = U(θ). */
    double[] pack(GatedModel m) {
        double[] u = new double[size()];
        int o = 0;
        for (int i = 0; i < k; i++) {
            Expert e = m.expert(i);
            for (int j = 0; j < d; j++) {
                u[o++] = e.slope(j);
            }
            u[o++] = e.intercept();
            u[o++] = Math.log(e.variance());
        }
        if (m.deviation() instanceof SigmoidDeviation g) {
            for (int j = 0; j < d; j++) {
                u[o++] = g.slope(j);
            }
            u[o++] = g.intercept();
        } else if (lambdaFree) {
            double lambda = ((ConstantDeviation) m.deviation()).lambda();
            u[o++] = Math.log(lambda) - Math.log1p(-lambda);
        }
        if (m.gating() instanceof ConstantGating c) {
            for (int i = 1; i < k; i++) {
                u[o++] = Math.log(c.weight(i)) - Math.log(c.weight(0));
            }
        } else if (m.gating() instanceof SoftmaxGating g) {
            for (int i = 1; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    u[o++] = g.slope(i, j) - g.slope(0, j);
                }
                u[o++] = g.intercept(i) - g.intercept(0);
            }
        } else {
            GaussianGating g = (GaussianGating) m.gating();
            for (int i = 1; i < k; i++) {
                u[o++] = Math.log(g.weight(i)) - Math.log(g.weight(0));
            }
            for (int i = 0; i < k; i++) {
                double[] c = g.mean(i);
                for (int j = 0; j < d; j++) {
                    u[o++] = c[j];
                }
                double[][] l = g.choleskyFactor(i);
                for (int j = 0; j < d; j++) {
                    for (int q = 0; q <= j; q++) {
                        u[o++] = q == j ? Math.log(l[j][j]) : l[j][q];
                    }
                }
            }
        }
        return u;
    }

    /**
     * θ = U⁻¹(u) on the template's families and g0.
     *
     * @throws IllegalArgumentException (from the values' constructors) when u maps outside the parameter space
     *                                  numerically (a variance overflowing to ∞, say); callers treat it as a
     *                                  non-finite iterate
     */
    GatedModel unpack(double[] u) {
        int o = 0;
        List<Expert> experts = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            double[] a = new double[d];
            for (int j = 0; j < d; j++) {
                a[j] = u[o++];
            }
            double b = u[o++];
            experts.add(new Expert(a, b, Math.exp(u[o++])));
        }
        Deviation deviation = template.deviation();
        if (deviation instanceof SigmoidDeviation) {
            double[] g = new double[d];
            for (int j = 0; j < d; j++) {
                g[j] = u[o++];
            }
            deviation = new SigmoidDeviation(g, u[o++]);
        } else if (lambdaFree) {
            double logit = u[o++];
            deviation = new ConstantDeviation(1 / (1 + Math.exp(-logit)));
        }
        Gating gating;
        if (template.gating() instanceof ConstantGating) {
            gating = new ConstantGating(softmax(u, o));
        } else if (template.gating() instanceof SoftmaxGating) {
            double[][] slope = new double[k][d];
            double[] intercept = new double[k];
            for (int i = 1; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    slope[i][j] = u[o++];
                }
                intercept[i] = u[o++];
            }
            gating = new SoftmaxGating(slope, intercept);
        } else {
            double[] w = softmax(u, o);
            o += k - 1;
            double[][] means = new double[k][d];
            double[][][] cov = new double[k][d][d];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    means[i][j] = u[o++];
                }
                double[][] l = new double[d][d];
                for (int j = 0; j < d; j++) {
                    for (int q = 0; q <= j; q++) {
                        l[j][q] = q == j ? Math.exp(u[o++]) : u[o++];
                    }
                }
                for (int j = 0; j < d; j++) {
                    for (int q = 0; q <= j; q++) {
                        double s = 0;
                        for (int m = 0; m <= q; m++) {
                            s += l[j][m] * l[q][m];
                        }
                        cov[i][j][q] = s;
                        cov[i][q][j] = s;
                    }
                }
            }
            gating = new GaussianGating(w, means, cov);
        }
        return new GatedModel(deviation, gating, experts, template.g0());
    }

    /** Weights from the k − 1 log-ratios at u[o..]: p_1 ∝ 1, p_i ∝ exp(u), by a shifted log-sum-exp. */
    private double[] softmax(double[] u, int o) {
        double m = 0;
        for (int i = 1; i < k; i++) {
            m = Math.max(m, u[o + i - 1]);
        }
        double[] p = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp((i == 0 ? 0 : u[o + i - 1]) - m);
            s += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= s;
        }
        // Exact unit sum for MixingMeasure's check: put the rounding on the largest weight.
        int largest = 0;
        double rest = 0;
        for (int i = 0; i < k; i++) {
            if (p[i] > p[largest]) {
                largest = i;
            }
        }
        for (int i = 0; i < k; i++) {
            if (i != largest) {
                rest += p[i];
            }
        }
        p[largest] = 1 - rest;
        return p;
    }
}
