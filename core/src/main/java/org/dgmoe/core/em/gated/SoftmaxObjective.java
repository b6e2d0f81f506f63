package org.dgmoe.core.em.gated;

import org.dgmoe.core.model.SoftmaxGating;

/**
 * The softmax gate's M-step objective by its definition, point by point with {@link Math#exp} and {@link Math#log}:
 * Q(β) = Σ_n Σ_i r_in log π_i(x_n; β) ({@link SoftmaxGateSolver}'s class comment), what the solver's blocked passes
 * are tested against.
 */
final class SoftmaxObjective {
    private SoftmaxObjective() {
    }

    /**
     * Q of any gate g (not necessarily normalised), in x's units.
     *
     * @param x column-major covariates, n·d; r k rows of n responsibilities (both read only, sizes checked by the
     *          caller)
     */
    static double of(double[] x, int n, double[][] r, SoftmaxGating g) {
        int k = g.size();
        int d = g.dimension();
        double[] eta = new double[k];
        double q = 0;
        for (int m = 0; m < n; m++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                double s = g.intercept(i);
                for (int j = 0; j < d; j++) {
                    s += g.slope(i, j) * x[j * n + m];
                }
                eta[i] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += Math.exp(eta[i] - max);
            }
            double lse = max + Math.log(sum);
            double point = 0;
            for (int i = 0; i < k; i++) {
                double w = r[i][m];
                // r = 0 contributes nothing even where log π rounds to −∞ (0·(−∞) would be NaN).
                if (w != 0) {
                    point += w * (eta[i] - lse);
                }
            }
            q += point;
        }
        return q;
    }
}
