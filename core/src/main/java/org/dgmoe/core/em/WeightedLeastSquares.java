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
    private final double varianceFloor;
    private final double minWeight;
    private final int p;
    private final double[] chol;
    private final double[] rhs;
    private final double[] beta;
    private final double[] mean;
    private final double[] scale;

    /**
     * @param varianceFloor lower bound of every variance (the settings' floor, or the larger bound of
     *                      {@link ParameterBounds})
     * @param minWeight     lower bound of every mixing weight (0: none), below 1/k
     */
    WeightedLeastSquares(int d, boolean lambdaFree, double varianceFloor, double minWeight) {
        this.lambdaFree = lambdaFree;
        this.varianceFloor = varianceFloor;
        this.minWeight = minWeight;
        p = d;
        chol = new double[p * p];
        rhs = new double[p];
        beta = new double[p];
        mean = new double[d];
        scale = new double[d];
    }

    /**
     * Writes θ_{t+1} into {@code next} from the statistics in {@code ws} (accumulated at {@code cur});
     * returns null, or the failure status (then next is garbage).
     */
    FitStatus apply(EmWorkspace ws, Iterate cur, Iterate next, boolean useG0) {
        int n = ws.n;
        int d = ws.d;
        int k = ws.k;
        int yc = d + 1;
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
            double mass = st[ws.pair(d, d)];
            next.weight[i] = mass / total;
            // Weighted means, then the centred moments C, c, C_yy (class comment).
            double meanY = st[ws.pair(d, yc)] / mass;
            for (int j = 0; j < d; j++) {
                mean[j] = st[ws.pair(j, d)] / mass;
            }
            for (int j = 0; j < d; j++) {
                double cjj = st[ws.pair(j, j)] - mass * mean[j] * mean[j];
                // Collinear with the constant: the spread of x_j is rounding of its raw second moment.
                if (!(cjj > EmFitter.SINGULAR_PIVOT * st[ws.pair(j, j)])) {
                    return cjj != cjj ? FitStatus.NON_FINITE : FitStatus.DEGENERATE;
                }
                scale[j] = Math.sqrt(cjj);
            }
            for (int j = 0; j < d; j++) {
                for (int l = 0; l <= j; l++) {
                    double cjl = st[ws.pair(j, l)] - mass * mean[j] * mean[l];
                    chol[j * p + l] = cjl / (scale[j] * scale[l]);
                }
                rhs[j] = (st[ws.pair(j, yc)] - mass * mean[j] * meanY) / scale[j];
            }
            if (!solve()) {
                return FitStatus.DEGENERATE;
            }
            double cyy = st[ws.pair(yc, yc)] - mass * meanY * meanY;
            double fitted = 0;
            double intercept = meanY;
            for (int j = 0; j < d; j++) {
                double a = beta[j] / scale[j];
                fitted += beta[j] * rhs[j];
                intercept -= a * mean[j];
                if (!Double.isFinite(a)) {
                    return FitStatus.NON_FINITE;
                }
                next.slope[i][j] = a;
            }
            double variance = (cyy - fitted) / mass;
            if (Double.isNaN(variance)) {
                return FitStatus.NON_FINITE;
            }
            variance = Math.max(variance, varianceFloor);
            if (!Double.isFinite(intercept) || !Double.isFinite(variance) || !Double.isFinite(next.weight[i])) {
                return FitStatus.NON_FINITE;
            }
            next.intercept[i] = intercept;
            next.variance[i] = variance;
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
     * Solves (lower triangle of chol)·β = rhs (the scaled centred normal equations, d×d, unit diagonal)
     * by Cholesky LLᵀ in place; false when a pivot is not above {@link EmFitter#SINGULAR_PIVOT} times
     * its diagonal entry (or is NaN).
     */
    private boolean solve() {
        for (int j = 0; j < p; j++) {
            double diag = chol[j * p + j];
            double s = diag;
            for (int m = 0; m < j; m++) {
                s -= chol[j * p + m] * chol[j * p + m];
            }
            if (!(s > EmFitter.SINGULAR_PIVOT * diag)) {
                return false;
            }
            double lj = Math.sqrt(s);
            chol[j * p + j] = lj;
            for (int i = j + 1; i < p; i++) {
                double v = chol[i * p + j];
                for (int m = 0; m < j; m++) {
                    v -= chol[i * p + m] * chol[j * p + m];
                }
                chol[i * p + j] = v / lj;
            }
        }
        for (int i = 0; i < p; i++) {
            double v = rhs[i];
            for (int m = 0; m < i; m++) {
                v -= chol[i * p + m] * beta[m];
            }
            beta[i] = v / chol[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double v = beta[i];
            for (int m = i + 1; m < p; m++) {
                v -= chol[m * p + i] * beta[m];
            }
            beta[i] = v / chol[i * p + i];
        }
        return true;
    }

    /**
     * The data's centred frame x̃ = x − x̄, ỹ = y − ȳ (class comment, item 1): the centred copies the
     * pass reads, and the map of an iterate between data units and the frame. Only intercepts
     * change: b̃ = b + aᵀx̄ − ȳ.
     */
    static final class Frame {
        final double[] xShift;
        /** Standard deviation of each covariate (1 when it is 0 or not finite): a natural unit of slopes. */
        final double[] xScale;
        final double yShift;
        /** The responses' sample variance Σ(y − ȳ)²/n (the data's scale, {@link ParameterBounds}). */
        final double yVariance;
        /** Centred covariates, column-major like {@link Dataset#columnView}. */
        final double[] x;
        /** Centred responses. */
        final double[] y;

        private Frame(double[] xShift, double[] xScale, double yShift, double yVariance, double[] x, double[] y) {
            this.yVariance = yVariance;
            this.xShift = xShift;
            this.xScale = xScale;
            this.yShift = yShift;
            this.x = x;
            this.y = y;
        }

        static Frame of(Dataset data) {
            int n = data.size();
            int d = data.dimension();
            double[] xs = data.columnView();
            double[] ys = data.yView();
            double[] xShift = new double[d];
            double[] xScale = new double[d];
            double[] x = new double[n * d];
            for (int j = 0; j < d; j++) {
                xShift[j] = mean(xs, j * n, n);
                double ss = 0;
                for (int e = 0; e < n; e++) {
                    double v = xs[j * n + e] - xShift[j];
                    x[j * n + e] = v;
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
            return new Frame(xShift, xScale, yShift, ss / n, x, y);
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
