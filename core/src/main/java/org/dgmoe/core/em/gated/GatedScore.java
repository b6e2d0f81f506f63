package org.dgmoe.core.em.gated;

import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * The analytic gradient of the fit's objective in the unconstrained coordinates u ({@link GatedCoordinates}, same
 * order), from the responsibilities a {@link GatedPass} left at θ (Fisher's identity: the score of the observed
 * likelihood is the expected complete-data score). With r_in, ρ_n = Σ_i r_in, residual e_in = y_n − a_iᵀx_n − b_i:
 * <ul>
 * <li>expert i: ∂/∂a_i = Σ_n r_in e_in x_n / σ_i, ∂/∂b_i = Σ_n r_in e_in / σ_i,
 * ∂/∂log σ_i = Σ_n r_in (e_in²/σ_i − 1)/2;</li>
 * <li>constant λ (logit): Σ_n (ρ_n − λ); sigmoid λ(x): Σ_n (ρ_n − λ(x_n)) [x_n, 1];</li>
 * <li>constant gate (log p_i − log p_1): Σ_n (r_in − ρ_n p_i); softmax (β_i − β_1, i ≥ 2):
 * Σ_n (r_in − ρ_n π_i(x_n)) [x_n, 1];</li>
 * <li>Gaussian gate, on the joint objective, with u_in = r_in + r_0n π_i(x_n) and S_i = Σ_n u_in (x_n − c_i)(x_n − c_i)ᵀ,
 * U_i = Σ_n u_in: log w_i − log w_1: U_i − N w_i; c_i: Γ_i⁻¹ Σ_n u_in (x_n − c_i); the Cholesky factor L_i of Γ_i:
 * (A_i L_i) on its lower triangle with A_i = Γ_i⁻¹ S_i Γ_i⁻¹ − U_i Γ_i⁻¹ (since d log N = ½ tr(A dΓ) and
 * dΓ = dL Lᵀ + L dLᵀ), times L_jj on the diagonal, which is stored as log L_jj.</li>
 * </ul>
 * A test holds every entry to central differences of the objective.
 */
final class GatedScore {
    private GatedScore() {
    }

    /**
     * The gradient at θ; {@code pass} must hold θ's responsibilities (its last {@link GatedPass#run} was at θ).
     *
     */
    static double[] of(GatedPass pass, GatedModel theta, GatedCoordinates coordinates) {
        int n = pass.n;
        int d = pass.d;
        int k = pass.k;
        double[] x = pass.x;
        double[] y = pass.y;
        double[] g = new double[coordinates.size()];
        int o = 0;
        for (int i = 0; i < k; i++) {
            Expert e = theta.expert(i);
            double v = e.variance();
            double[] r = pass.r[i + 1];
            double ga = 0;
            double gv = 0;
            int slopes = o;
            o += d;
            for (int p = 0; p < n; p++) {
                double mean = e.intercept();
                for (int j = 0; j < d; j++) {
                    mean += e.slope(j) * x[j * n + p];
                }
                double res = y[p] - mean;
                double w = r[p] * res / v;
                for (int j = 0; j < d; j++) {
                    g[slopes + j] += w * x[j * n + p];
                }
                ga += w;
                gv += r[p] * (res * res / v - 1) / 2;
            }
            g[o++] = ga;
            g[o++] = gv;
        }
        boolean hasG0 = pass.hasG0();
        if (theta.deviation() instanceof SigmoidDeviation s) {
            double[] point = new double[d];
            for (int p = 0; p < n; p++) {
                for (int j = 0; j < d; j++) {
                    point[j] = x[j * n + p];
                }
                double rho = hasG0 ? 1 - pass.r[0][p] : 1;
                double diff = rho - s.weight(point);
                for (int j = 0; j < d; j++) {
                    g[o + j] += diff * point[j];
                }
                g[o + d] += diff;
            }
            o += d + 1;
        } else if (coordinates.lambdaFree()) {
            double lambda = ((ConstantDeviation) theta.deviation()).lambda();
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += (1 - pass.r[0][p]) - lambda;
            }
            g[o++] = s;
        }
        if (theta.gating() instanceof ConstantGating c) {
            for (int i = 1; i < k; i++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    double rho = hasG0 ? 1 - pass.r[0][p] : 1;
                    s += pass.r[i + 1][p] - rho * c.weight(i);
                }
                g[o++] = s;
            }
        } else if (theta.gating() instanceof SoftmaxGating s) {
            // π_i(x_n) recomputed here (the fast pass never normalises the gate): η_i = β_iᵀx + β_i0, a stable softmax.
            double[] pi = new double[k];
            for (int p = 0; p < n; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    double eta = s.intercept(i);
                    for (int j = 0; j < d; j++) {
                        eta += s.slope(i, j) * x[j * n + p];
                    }
                    pi[i] = eta;
                    max = Math.max(max, eta);
                }
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    pi[i] = Math.exp(pi[i] - max);
                    sum += pi[i];
                }
                double rho = hasG0 ? 1 - pass.r[0][p] : 1;
                for (int i = 1; i < k; i++) {
                    double diff = pass.r[i + 1][p] - rho * pi[i] / sum;
                    int oi = o + (i - 1) * (d + 1);
                    for (int j = 0; j < d; j++) {
                        g[oi + j] += diff * x[j * n + p];
                    }
                    g[oi + d] += diff;
                }
            }
            o += (k - 1) * (d + 1);
        } else {
            gaussian((GaussianGating) theta.gating(), pass, g, o);
        }
        return g;
    }

    private static void gaussian(GaussianGating gate, GatedPass pass, double[] g, int o) {
        int n = pass.n;
        int d = pass.d;
        int k = pass.k;
        double[] x = pass.x;
        double[] mass = new double[k];
        double[][] first = new double[k][d];
        double[][][] second = new double[k][d][d];
        for (int i = 0; i < k; i++) {
            double[] c = gate.mean(i);
            for (int p = 0; p < n; p++) {
                double u = pass.r[i + 1][p] + (pass.hasG0() ? pass.r[0][p] * pass.gate[i][p] : 0);
                mass[i] += u;
                for (int j = 0; j < d; j++) {
                    double dj = x[j * n + p] - c[j];
                    first[i][j] += u * dj;
                    for (int l = 0; l < d; l++) {
                        second[i][j][l] += u * dj * (x[l * n + p] - c[l]);
                    }
                }
            }
        }
        for (int i = 1; i < k; i++) {
            g[o++] = mass[i] - n * gate.weight(i);
        }
        for (int i = 0; i < k; i++) {
            double[][] inv = inverse(gate.covariance(i));
            double[][] l = gate.choleskyFactor(i);
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int m = 0; m < d; m++) {
                    s += inv[j][m] * first[i][m];
                }
                g[o++] = s;
            }
            // A = Γ⁻¹ S Γ⁻¹ − U Γ⁻¹, then (A L) on the lower triangle.
            double[][] a = new double[d][d];
            for (int j = 0; j < d; j++) {
                for (int m = 0; m < d; m++) {
                    double s = 0;
                    for (int p = 0; p < d; p++) {
                        for (int q = 0; q < d; q++) {
                            s += inv[j][p] * second[i][p][q] * inv[q][m];
                        }
                    }
                    a[j][m] = s - mass[i] * inv[j][m];
                }
            }
            for (int j = 0; j < d; j++) {
                for (int q = 0; q <= j; q++) {
                    double s = 0;
                    for (int m = 0; m < d; m++) {
                        s += a[j][m] * l[m][q];
                    }
                    g[o++] = q == j ? s * l[j][j] : s;
                }
            }
        }
    }

    /** The inverse of a small symmetric positive definite matrix, by Gauss–Jordan with partial pivoting. */
    static double[][] inverse(double[][] a) {
        int d = a.length;
        double[][] m = new double[d][2 * d];
        for (int j = 0; j < d; j++) {
            System.arraycopy(a[j], 0, m[j], 0, d);
            m[j][d + j] = 1;
        }
        for (int c = 0; c < d; c++) {
            int piv = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            double pv = m[c][c];
            for (int j = 0; j < 2 * d; j++) {
                m[c][j] /= pv;
            }
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * d; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] out = new double[d][d];
        for (int j = 0; j < d; j++) {
            System.arraycopy(m[j], d, out[j], 0, d);
        }
        return out;
    }
}
