package org.dgmoe.core.em;

import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;

/**
 * The analytic score ∇ℓ(θ) of the deviated model (docs/convergence.md), from the responsibilities
 * of one pass over the data. Parametrisation: θ = (λ, η, a, b, σ) with the weights as softmax logits,
 * p_i = e^{η_i} / Σ_j e^{η_j} (so Σp = 1 holds for every η and no Lagrange term appears), σ_i a
 * variance. With w_0n, w_in the responsibilities at θ, W_0 = Σ_n w_0n, W_i = Σ_n w_in, N the number of
 * points, z = [x, 1], β_i = [a_i, b_i] and r_in = y_n − β_iᵀz_n:
 * <pre>
 *   ∂ℓ/∂λ   = (N − W_0)/λ − W_0/(1 − λ)
 *   ∂ℓ/∂η_i = W_i − p_i (N − W_0)
 *   ∂ℓ/∂β_i = Σ_n w_in r_in z_n / σ_i = (Σ w z y − (Σ w z zᵀ) β_i) / σ_i
 *   ∂ℓ/∂σ_i = Σ_n w_in (r_in² − σ_i) / (2σ_i²) = (Σ w r² − W_i σ_i) / (2σ_i²)
 * </pre>
 * (each from ∂ log p_θ(y|x) = Σ_j w_j ∂ log(term_j)), all of them functions of the M-step's sufficient
 * statistics Σw, Σw·zzᵀ, Σw·zy, Σw·y², so the score costs no extra pass. The score is <em>projected</em>
 * onto the feasible set: the λ entry is absent when λ is held fixed or g0 is absent (and set to 0 at
 * λ = 1 when it points outside [0, 1]); a variance at the floor with a negative derivative gets 0.
 *
 * <p>Vector layout: [λ (when estimated)], η_1..η_k, then per expert i: a_i1..a_id, b_i, σ_i.
 */
public final class Score {
    private Score() {
    }

    /** Number of entries of the score vector of a model with k experts in dimension d. */
    public static int size(int k, int d, boolean lambdaEntry) {
        return (lambdaEntry ? 1 : 0) + k + k * (d + 2);
    }

    /**
     * The projected score of {@code model} on {@code data} (exact scalar pass). The λ entry is present
     * when {@code lambdaFree} and the model has a g0.
     */
    public static double[] of(Dataset data, DeviatedModel model, boolean lambdaFree, double varianceFloor) {
        int k = model.size();
        int d = model.dimension();
        int n = data.size();
        boolean hasG0 = !model.g0().isNone();
        double[] logG0 = null;
        if (hasG0) {
            logG0 = new double[n];
            model.g0().logDensities(data, logG0);
        }
        EmWorkspace ws = new EmWorkspace(data.columnView(), new double[d], data.yView(), d, k, logG0,
                EmWorkspace.VECTOR);
        double[] p = model.mixing().weights();
        double[][] a = new double[k][];
        double[] b = new double[k];
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            Expert e = model.mixing().expert(i);
            a[i] = e.slope();
            b[i] = e.intercept();
            v[i] = e.variance();
        }
        boolean useG0 = hasG0 && model.lambda() < 1;
        ws.passReference(useG0, model.lambda(), p, a, b, v);
        double[] out = new double[size(k, d, lambdaFree && hasG0)];
        fromStatistics(ws, lambdaFree && hasG0, useG0, model.lambda(), p, a, b, v, varianceFloor, out);
        return out;
    }

    /** Euclidean norm. */
    public static double norm(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * Writes the projected score at θ into {@code out} from the statistics the last pass of
     * {@code ws} accumulated at θ. Arrays are read only except {@code out}.
     *
     * @param lambdaEntry whether out has a λ entry (λ estimated and g0 present)
     * @param useG0       whether the pass included the g0 term (false at λ = 1)
     */
    static void fromStatistics(EmWorkspace ws, boolean lambdaEntry, boolean useG0, double lambda, double[] p,
            double[][] a, double[] b, double[] v, double varianceFloor, double[] out) {
        int n = ws.n;
        int d = ws.d;
        int k = ws.k;
        int yc = d + 1;
        int o = 0;
        double w0 = useG0 ? ws.sumW0 : 0;
        if (lambdaEntry) {
            double g = lambda < 1 ? (n - w0) / lambda - w0 / (1 - lambda) : 0;
            if (lambda >= 1 && g > 0 || lambda <= 0 && g < 0) {
                g = 0;
            }
            out[o++] = g;
        }
        double expertMass = 0;
        for (int i = 0; i < k; i++) {
            expertMass += ws.stats[i][ws.pair(d, d)];
        }
        for (int i = 0; i < k; i++) {
            out[o++] = ws.stats[i][ws.pair(d, d)] - p[i] * expertMass;
        }
        double[] beta = new double[d + 1];
        for (int i = 0; i < k; i++) {
            double[] st = ws.stats[i];
            System.arraycopy(a[i], 0, beta, 0, d);
            beta[d] = b[i];
            double mass = st[ws.pair(d, d)];
            // Σ w r² = Σwy² − 2βᵀΣwzy + βᵀ(Σwzzᵀ)β.
            double rss = st[ws.pair(yc, yc)];
            for (int j = 0; j <= d; j++) {
                double hb = 0;
                for (int l = 0; l <= d; l++) {
                    hb += st[ws.pair(j, l)] * beta[l];
                }
                double c = st[ws.pair(j, yc)];
                out[o++] = (c - hb) / v[i];
                rss += beta[j] * hb - 2 * beta[j] * c;
            }
            double g = (rss - mass * v[i]) / (2 * v[i] * v[i]);
            if (v[i] <= varianceFloor && g < 0) {
                g = 0;
            }
            out[o++] = g;
        }
    }
}
