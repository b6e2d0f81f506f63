package org.dgmoe.core.em;

import org.dgmoe.core.model.Dataset;

/**
 * The closed-form M-step of EM (reference §3) from the sufficient statistics of one pass: λ' from
 * Σw_0, p' from the component masses, and per expert the weighted least squares of y on z = [x, 1]
 * with its residual variance. Scratch is allocated once per fit; not thread-safe.
 *
 * <h2>Centred and scaled, so that offsets cost no digits</h2>
 * Raw moments lose the digits of the data's offset: with x ∈ [1000, 1001] and y ≈ 5·10⁵, Σw·y² is
 * ~10¹¹ per point while the residual variance is ~1, so (Σw y² − βᵀΣw z y)/Σw keeps about 5 of
 * 16 digits (the variance came out 8·10⁻⁴ off OLS). Two measures, each exact in its own step:
 * <ol>
 * <li>The fit runs in the data's centred frame ({@link Frame}): x̃ = x − x̄, ỹ = y − ȳ with the
 * data's means, for the whole fit, so the pass accumulates moments of O(spread) numbers. The
 * subtraction is exact wherever x̄/2 ≤ x ≤ 2x̄ (Sterbenz), i.e. exactly when the offset is large; the
 * model is the same (only the intercept moves: b̃ = b + aᵀx̄ − ȳ; slopes, variances, ℓ are
 * unchanged), and the result is mapped back to the data's units.</li>
 * <li>Each expert's normal equations are centred at its weighted means m = Σw x/Σw, m_y = Σw y/Σw and
 * scaled to unit diagonal (D = diag(C)^½): with C = Σw (x−m)(x−m)ᵀ = Σw x xᵀ − W m mᵀ,
 * c = Σw (x−m)(y−m_y), C_yy = Σw (y−m_y)², the slopes solve (D⁻¹CD⁻¹)(D a) = D⁻¹c by Cholesky, the
 * intercept is b = m_y − aᵀm and σ = (C_yy − aᵀc)/W: the same solution as the normal equations of
 * [x, 1] in exact arithmetic, with the pivots of a correlation matrix. (Scaling by D changes no
 * rounding of the data; it makes the singularity test {@link EmFitter#SINGULAR_PIVOT} a test of
 * collinearity, independent of the covariates' units.)</li>
 * </ol>
 */
final class WeightedLeastSquares {

    private final boolean lambdaFree;
    private final double minWeight;
    private final ExpertLeastSquares expert;
    private final double[] interceptAndVariance = new double[2];

    /**
     * @param varianceFloor lower bound of every variance (the settings' floor, or the larger bound of
     *                      {@link ParameterBounds})
     * @param minWeight     lower bound of every mixing weight (0: none), below 1/k
     */
    WeightedLeastSquares(int d, boolean lambdaFree, double varianceFloor, double minWeight) {
        this.lambdaFree = lambdaFree;
        this.minWeight = minWeight;
        this.expert = new ExpertLeastSquares(d, varianceFloor);
    }

    /**
     * Writes θ_{t+1} into {@code next} from the statistics in {@code ws} (accumulated at {@code cur});
     * returns null, or the failure status (then next is garbage).
     */
    FitStatus apply(EmWorkspace ws, Iterate cur, Iterate next, boolean useG0) {
        int n = ws.n;
        int d = ws.d;
        int k = ws.k;
        if (useG0 && lambdaFree) {
            double lambda = 1 - ws.sumW0 / n;
            next.lambda = Math.min(1, Math.max(0, lambda));
        } else {
            next.lambda = cur.lambda;
        }
        double total = 0;
        for (int i = 0; i < k; i++) {
            double mass = ws.stats[i][ws.pair(d, d)];
            if (Double.isNaN(mass)) {
                return FitStatus.NON_FINITE;
            }
            if (!(mass > EmFitter.MIN_COMPONENT_MASS * n)) {
                return FitStatus.DEGENERATE;
            }
            total += mass;
        }
        for (int i = 0; i < k; i++) {
            double[] st = ws.stats[i];
            next.weight[i] = st[ws.pair(d, d)] / total;
            FitStatus failed = expert.solve(st, next.slope[i], interceptAndVariance);
            if (failed != null) {
                return failed;
            }
            if (!Double.isFinite(next.weight[i])) {
                return FitStatus.NON_FINITE;
            }
            next.intercept[i] = interceptAndVariance[0];
            next.variance[i] = interceptAndVariance[1];
        }
        if (minWeight > 0) {
            boundWeights(next.weight);
        }
        return null;
    }

    /**
     * The maximiser of Σ W_i log p_i over {p_i ≥ minWeight, Σp = 1} from the unconstrained p_i = W_i/ΣW in
     * place: p_i = max(minWeight, W_i/ν). Components below the bound are pinned at it one round at a time
     * and the rest share what is left in proportion to W_i; pinning only lowers the others, so at most k
     * rounds reach the fixed point, which satisfies the KKT conditions.
     */
    private void boundWeights(double[] p) {
        int k = p.length;
        boolean changed = true;
        while (changed) {
            changed = false;
            double free = 0;
            int pinned = 0;
            for (int i = 0; i < k; i++) {
                if (p[i] == minWeight) {
                    pinned++;
                } else {
                    free += p[i];
                }
            }
            double scale = (1 - pinned * minWeight) / free;
            for (int i = 0; i < k; i++) {
                if (p[i] != minWeight) {
                    p[i] *= scale;
                    if (p[i] < minWeight) {
                        p[i] = minWeight;
                        changed = true;
                    }
                }
            }
        }
    }

    /**
     * The data's centred frame x̃ = x − x̄, ỹ = y − ȳ (class comment, item 1): the shifts (the pass
     * subtracts x̄ as it reads x, {@link EmWorkspace}), the centred responses, and the map of an iterate
     * between data units and the frame. Only intercepts change: b̃ = b + aᵀx̄ − ȳ.
     */
    static final class Frame {
        final double[] xShift;
        /** Standard deviation of each covariate (1 when it is 0 or not finite): a natural unit of slopes. */
        final double[] xScale;
        final double yShift;
        /** The responses' sample variance Σ(y − ȳ)²/n (the data's scale, {@link ParameterBounds}). */
        final double yVariance;
        /** Centred responses. */
        final double[] y;

        private Frame(double[] xShift, double[] xScale, double yShift, double yVariance, double[] y) {
            this.yVariance = yVariance;
            this.xShift = xShift;
            this.xScale = xScale;
            this.yShift = yShift;
            this.y = y;
        }

        static Frame of(Dataset data) {
            int n = data.size();
            int d = data.dimension();
            double[] xs = data.columnView();
            double[] ys = data.yView();
            double[] xShift = new double[d];
            double[] xScale = new double[d];
            for (int j = 0; j < d; j++) {
                xShift[j] = mean(xs, j * n, n);
                double ss = 0;
                for (int e = 0; e < n; e++) {
                    double v = xs[j * n + e] - xShift[j];
                    ss += v * v;
                }
                double sd = Math.sqrt(ss / n);
                xScale[j] = sd > 0 && Double.isFinite(sd) ? sd : 1;
            }
            double yShift = mean(ys, 0, n);
            double[] y = new double[n];
            double ss = 0;
            for (int e = 0; e < n; e++) {
                y[e] = ys[e] - yShift;
                ss += y[e] * y[e];
            }
            return new Frame(xShift, xScale, yShift, ss / n, y);
        }

        private static double mean(double[] v, int from, int n) {
            double s = 0;
            for (int e = from; e < from + n; e++) {
                s += v[e];
            }
            double m = s / n;
            return Double.isFinite(m) ? m : 0;
        }

        /** θ in data units → the frame, in place. */
        void enter(Iterate th) {
            for (int i = 0; i < th.intercept.length; i++) {
                th.intercept[i] = th.intercept[i] + (dot(th.slope[i]) - yShift);
            }
        }

        /** θ in the frame → data units, in place. */
        void leave(Iterate th) {
            for (int i = 0; i < th.intercept.length; i++) {
                th.intercept[i] = (yShift - dot(th.slope[i])) + th.intercept[i];
            }
        }

        /**
         * A score (layout of {@link Score}) in the frame → data units, in place: ∂ℓ/∂a_j = ∂ℓ/∂a_j|_b̃ +
         * x̄_j ∂ℓ/∂b̃ (chain rule through b̃ = b + aᵀx̄ − ȳ); every other entry is unchanged.
         */
        void scoreToData(boolean lambdaEntry, int k, double[] g) {
            int d = xShift.length;
            int o = (lambdaEntry ? 1 : 0) + k;
            for (int i = 0; i < k; i++) {
                double gb = g[o + d];
                for (int j = 0; j < d; j++) {
                    g[o + j] += xShift[j] * gb;
                }
                o += d + 2;
            }
        }

        private double dot(double[] a) {
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                s += a[j] * xShift[j];
            }
            return s;
        }
    }
}
