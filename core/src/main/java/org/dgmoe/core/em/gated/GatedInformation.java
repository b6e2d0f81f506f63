package org.dgmoe.core.em.gated;

import java.util.Arrays;
import java.util.List;
import org.dgmoe.core.em.Information;
import org.dgmoe.core.em.ObservedInformation.Coordinate;
import org.dgmoe.core.em.ReportedParameter;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * The observed information of a gated fit at its estimate (docs/uncertainty.md, "Gated fits"): −H =
 * −∂²F/∂u∂uᵀ of the fit's objective F (ℓ; under Gaussian gating the joint Σ_n log h(x_n) + ℓ the fitter
 * maximises) in the unconstrained coordinates u of {@link GatedCoordinates}, by the certificate's own Hessian
 * ({@link GatedCertificate#hessian}: central differences of the analytic score {@link GatedScore}, 2r passes,
 * symmetrised), and J = ∂θ/∂u to the reported parameters of {@link GatedParameters}, analytic:
 * <pre>
 *   ∂σ_i/∂log σ_i = σ_i;  slopes, intercepts, λ(x)'s and the softmax contrasts' coefficients: 1
 *   ∂λ/∂logit λ = λ(1 − λ)
 *   ∂p_l/∂(log p_i − log p_1) = p_l(δ_li − p_i)            (constant weights and Gaussian gate weights, i ≥ 2)
 *   ∂Γ_ab/∂L_jq = δ_aj L_bq + δ_bj L_aq,  times L_jj for the diagonal, stored as log L_jj   (Γ = LLᵀ)
 * </pre>
 * A coordinate at a bound is not among the r kept: a variance within 10⁻⁶ relative of the variance floor, λ within
 * 1e−12 of 0 or 1 (as {@code ObservedInformation}). Expert 1's softmax gate (the reference) and a constant λ the fit
 * does not estimate are {@link Coordinate#FIXED}. Immutable; arrays are copied out.
 */
public final class GatedInformation implements Information {
    /** A variance this close to the floor, relatively, is at it (the M-step floors it exactly). */
    static final double AT_FLOOR = 1e-6;

    private final int k;
    private final int d;
    private final List<ReportedParameter> parameters;
    private final double[] estimate;
    private final Coordinate[] coordinates;
    private final double[][] information;
    private final double[][] jacobian;
    private final int lambdaParameter;
    private final double[] deviationShare;

    private GatedInformation(GatedModel model, List<ReportedParameter> parameters, Coordinate[] coordinates,
            double[][] information, double[][] jacobian, double[] deviationShare) {
        this.k = model.size();
        this.d = model.dimension();
        this.parameters = List.copyOf(parameters);
        this.estimate = GatedParameters.values(model, identity(k));
        this.coordinates = coordinates;
        this.information = information;
        this.jacobian = jacobian;
        this.lambdaParameter = model.deviation() instanceof ConstantDeviation ? 0 : -1;
        this.deviationShare = deviationShare;
    }

    /**
     * The information at {@code model}, a gated fit to {@code data} whose constant λ was estimated when
     * {@code lambdaFree} (the fitter's own rule: and a g0), its variances floored at {@code varianceFloor}.
     */
    static GatedInformation at(Dataset data, GatedModel model, boolean lambdaFree, double varianceFloor) {
        boolean hasG0 = !model.g0().isNone() && !model.deviation().isOne();
        double[] logG0 = null;
        if (hasG0) {
            logG0 = new double[data.size()];
            model.g0().logDensities(data, logG0);
        }
        GatedModel theta = model.gating() instanceof SoftmaxGating s
                ? new GatedModel(model.deviation(), s.normalised(), model.experts(), model.g0()) : model;
        GatedCoordinates u = new GatedCoordinates(theta, hasG0 && lambdaFree);
        List<ReportedParameter> parameters = GatedParameters.of(theta);
        int p = parameters.size();
        int size = u.size();
        double[][] full = new double[p][size];
        Coordinate[] coordinate = new Coordinate[p];
        Arrays.fill(coordinate, Coordinate.FREE);
        boolean[] kept = new boolean[size];
        Arrays.fill(kept, true);
        jacobian(theta, u.lambdaFree(), varianceFloor, full, coordinate, kept);

        GatedPass pass = new GatedPass(data, theta.size(), logG0);
        double[][] info = null;
        if (Double.isFinite(pass.run(theta))) {
            GatedCertificate.Differences h = GatedCertificate.hessian(pass, u, u.pack(theta));
            info = h.hessian() == null ? null : symmetricNegative(h.hessian(), kept);
        }
        int r = 0;
        int[] index = new int[size];
        for (int m = 0; m < size; m++) {
            index[m] = kept[m] ? r++ : -1;
        }
        double[][] jac = new double[p][info == null ? 0 : r];
        for (int a = 0; a < p && info != null; a++) {
            for (int m = 0; m < size; m++) {
                if (kept[m]) {
                    jac[a][index[m]] = full[a][m];
                }
            }
        }
        double[] share = null;
        if (theta.deviation() instanceof SigmoidDeviation s && info != null) {
            share = share(data, s, theta.dimension(), theta.size(), index, r);
        }
        return new GatedInformation(theta, parameters, coordinate, info, jac, share);
    }

    /**
     * Fills J over all coordinates of u (layout of {@link GatedCoordinates}) in the reported layout of
     * {@link GatedParameters}, the reported parameters' coordinates, and which coordinates are kept.
     */
    private static void jacobian(GatedModel m, boolean lambdaFree, double floor, double[][] jac, Coordinate[] coordinate,
            boolean[] kept) {
        int k = m.size();
        int d = m.dimension();
        int deviation = k * (d + 2);
        int gate = deviation + (m.deviation() instanceof SigmoidDeviation ? d + 1 : lambdaFree ? 1 : 0);
        int o = 0;
        if (m.deviation() instanceof SigmoidDeviation) {
            for (int j = 0; j <= d; j++) {
                jac[o++][deviation + j] = 1;
            }
        } else {
            double lambda = ((ConstantDeviation) m.deviation()).lambda();
            if (!lambdaFree) {
                coordinate[o] = Coordinate.FIXED;
            } else if (lambda < 1e-12 || lambda > 1 - 1e-12) {
                coordinate[o] = Coordinate.AT_BOUND;
                kept[deviation] = false;
            } else {
                jac[o][deviation] = lambda * (1 - lambda);
            }
            o++;
        }
        GaussianGating gauss = m.gating() instanceof GaussianGating g ? g : null;
        int gaussBlock = gate + k - 1; // per expert: mean (d), then the Cholesky factor's d(d + 1)/2
        int chol = d * (d + 1) / 2;
        for (int i = 0; i < k; i++) {
            if (m.gating() instanceof ConstantGating c) {
                o = weights(jac, coordinate, o, c.weights(), i, gate);
            } else if (m.gating() instanceof SoftmaxGating) {
                for (int j = 0; j <= d; j++) {
                    if (i == 0) {
                        coordinate[o++] = Coordinate.FIXED;
                    } else {
                        jac[o++][gate + (i - 1) * (d + 1) + j] = 1;
                    }
                }
            } else {
                o = weights(jac, coordinate, o, gauss.weights(), i, gate);
                int base = gaussBlock + i * (d + chol);
                for (int j = 0; j < d; j++) {
                    jac[o++][base + j] = 1;
                }
                double[][] l = gauss.choleskyFactor(i);
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        int c = base + d;
                        for (int j = 0; j < d; j++) {
                            for (int q = 0; q <= j; q++) {
                                double v = (a == j ? (q <= b ? l[b][q] : 0) : 0) + (b == j ? (q <= a ? l[a][q] : 0) : 0);
                                jac[o][c++] = q == j ? v * l[j][j] : v;
                            }
                        }
                        o++;
                    }
                }
            }
            int e = i * (d + 2);
            for (int j = 0; j <= d; j++) {
                jac[o++][e + j] = 1;
            }
            double v = m.expert(i).variance();
            if (v <= floor * (1 + AT_FLOOR)) {
                coordinate[o] = Coordinate.AT_BOUND;
                kept[e + d + 1] = false;
            } else {
                jac[o][e + d + 1] = v;
            }
            o++;
        }
    }

    /** Weight i's row: ∂p_i/∂(log p_l − log p_1) = p_i(δ_il − p_l), l ≥ 2; a single expert's weight is FIXED. */
    private static int weights(double[][] jac, Coordinate[] coordinate, int o, double[] p, int i, int gate) {
        if (p.length == 1) {
            coordinate[o] = Coordinate.FIXED;
        }
        for (int l = 1; l < p.length; l++) {
            jac[o][gate + l - 1] = p[i] * ((i == l ? 1 : 0) - p[l]);
        }
        return o + 1;
    }

    /** −(H + Hᵀ)/2 over the kept coordinates. */
    private static double[][] symmetricNegative(double[][] h, boolean[] kept) {
        int size = h.length;
        int r = 0;
        for (boolean b : kept) {
            r += b ? 1 : 0;
        }
        double[][] out = new double[r][r];
        int a2 = 0;
        for (int a = 0; a < size; a++) {
            if (!kept[a]) {
                continue;
            }
            int b2 = 0;
            for (int b = 0; b < size; b++) {
                if (kept[b]) {
                    out[a2][b2++] = -(h[a][b] + h[b][a]) / 2;
                }
            }
            a2++;
        }
        return out;
    }

    /** {λ̄, ∂λ̄/∂u over the kept coordinates}: λ̄ = (1/N) Σ_n λ(x_n), ∂λ̄/∂(γ, γ0) = (1/N) Σ_n λ(1 − λ)[x_n, 1]. */
    private static double[] share(Dataset data, SigmoidDeviation s, int d, int k, int[] index, int r) {
        int n = data.size();
        double[] x = new double[d];
        double mean = 0;
        double[] grad = new double[d + 1];
        for (int p = 0; p < n; p++) {
            data.copyX(p, x);
            double lambda = s.weight(x);
            mean += lambda;
            double w = lambda * (1 - lambda);
            for (int j = 0; j < d; j++) {
                grad[j] += w * x[j];
            }
            grad[d] += w;
        }
        double[] out = new double[1 + r];
        out[0] = mean / n;
        int deviation = k * (d + 2);
        for (int j = 0; j <= d; j++) {
            if (index[deviation + j] >= 0) {
                out[1 + index[deviation + j]] = grad[j] / n;
            }
        }
        return out;
    }

    private static int[] identity(int k) {
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        return order;
    }

    @Override
    public int experts() {
        return k;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int size() {
        return estimate.length;
    }

    @Override
    public ReportedParameter parameter(int index) {
        return parameters.get(index);
    }

    @Override
    public List<ReportedParameter> parameters() {
        return parameters;
    }

    @Override
    public int lambdaParameter() {
        return lambdaParameter;
    }

    @Override
    public boolean computed() {
        return information != null;
    }

    @Override
    public double[] estimate() {
        return estimate.clone();
    }

    @Override
    public Coordinate coordinate(int index) {
        return coordinates[index];
    }

    @Override
    public double[][] information() {
        if (information == null) {
            return null;
        }
        double[][] out = new double[information.length][];
        for (int a = 0; a < information.length; a++) {
            out[a] = information[a].clone();
        }
        return out;
    }

    @Override
    public double[][] jacobian() {
        double[][] out = new double[jacobian.length][];
        for (int a = 0; a < jacobian.length; a++) {
            out[a] = jacobian[a].clone();
        }
        return out;
    }

    @Override
    public double[] deviationShare() {
        return deviationShare == null ? null : deviationShare.clone();
    }
}
