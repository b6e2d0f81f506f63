package org.dgmoe.core.em;

/**
 * The closed-form M-step of EM (reference §3) from the sufficient statistics of one pass: λ' from
 * Σw_0, p' from the component masses, and per expert the weighted least squares of y on z = [x, 1]
 * with its residual variance. Scratch is allocated once per fit; not thread-safe.
 */
final class WeightedLeastSquares {

    private final boolean lambdaFree;
    private final double varianceFloor;
    private final int p;
    private final double[] chol;
    private final double[] rhs;
    private final double[] beta;

    WeightedLeastSquares(int d, boolean lambdaFree, double varianceFloor) {
        this.lambdaFree = lambdaFree;
        this.varianceFloor = varianceFloor;
        p = d + 1;
        chol = new double[p * p];
        rhs = new double[p];
        beta = new double[p];
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
            for (int j = 0; j < p; j++) {
                for (int l = 0; l <= j; l++) {
                    chol[j * p + l] = st[ws.pair(j, l)];
                }
                rhs[j] = st[ws.pair(j, yc)];
            }
            if (!solve()) {
                return FitStatus.DEGENERATE;
            }
            double fitted = 0;
            for (int j = 0; j < p; j++) {
                fitted += beta[j] * rhs[j];
            }
            double variance = (st[ws.pair(yc, yc)] - fitted) / mass;
            if (Double.isNaN(variance)) {
                return FitStatus.NON_FINITE;
            }
            variance = Math.max(variance, varianceFloor);
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(beta[j])) {
                    return FitStatus.NON_FINITE;
                }
                next.slope[i][j] = beta[j];
            }
            if (!Double.isFinite(beta[d]) || !Double.isFinite(variance) || !Double.isFinite(next.weight[i])) {
                return FitStatus.NON_FINITE;
            }
            next.intercept[i] = beta[d];
            next.variance[i] = variance;
        }
        return null;
    }

    /**
     * Solves (lower triangle of chol)·β = rhs by Cholesky LLᵀ in place; false when a pivot is not
     * above {@link EmFitter#SINGULAR_PIVOT} times its diagonal entry (or is NaN).
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
}
