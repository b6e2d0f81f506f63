package org.dgmoe.core.em;

/**
 * One expert's M-step from its weighted moments: the weighted least squares of y on z = [x, 1] and its
 * residual variance, centred at the expert's weighted means and scaled to unit diagonal
 * ({@link WeightedLeastSquares} explains why). The moments are Σw·z_j z_l over the q = d + 2 columns
 * (x_0..x_{d−1}, the constant 1, y), packed symmetric in the order of {@link #pairIndex}. Scratch is
 * allocated once; not thread-safe. Both the constant-weight EM and the gated EM call it.
 *
 * <h2>Conditioning (issue 27)</h2>
 * The normal equations are solved by Cholesky of the unit-diagonal centred Gram, whose rounding error in the
 * slopes is of order cond·ε·max|β| (cond its condition number). When a pivot is not above
 * {@link EmFitter#SINGULAR_PIVOT} = 1e−12 (cond ≳ 10¹²: covariates collinear within 10⁻⁶ in the component's
 * weights, or a component carrying fewer points than d + 1) the slopes are not determined by the data and
 * the fallback is the status {@link FitStatus#DEGENERATE}: the fit stops at its last valid iterate, whose
 * ℓ and parameters are finite, and the status is recorded with the fit. Not a regularised or minimum-norm
 * solve: that would let the fit go on with an arbitrary split of the collinear slopes, which a study would
 * then read as estimates. Below the bound the solve proceeds; ExpertLeastSquaresCollinearTest checks it at
 * d = 16 against numpy's SVD-based lstsq at cond 3.5·10⁹ and 2·10¹⁰, and the DEGENERATE status of
 * exactly collinear covariates, in the solve and in a fit.
 */
public final class ExpertLeastSquares {

    private final int d;
    private final double varianceFloor;
    private final int[] pairIndex;
    private final double[] chol;
    private final double[] rhs;
    private final double[] beta;
    private final double[] mean;
    private final double[] scale;

    /**
     * @param d             covariate dimension
     * @param varianceFloor lower bound of the variance, &gt; 0
     */
    public ExpertLeastSquares(int d, double varianceFloor) {
        this.d = d;
        this.varianceFloor = varianceFloor;
        this.pairIndex = pairIndex(d + 2);
        chol = new double[d * d];
        rhs = new double[d];
        beta = new double[d];
        mean = new double[d];
        scale = new double[d];
    }

    /**
     * The packing of a symmetric q×q moment matrix: entry (j, l) is at {@code index[j·q + l]}, the upper
     * triangle row by row (q(q + 1)/2 entries).
     */
    public static int[] pairIndex(int q) {
        int[] index = new int[q * q];
        int c = 0;
        for (int j = 0; j < q; j++) {
            for (int l = j; l < q; l++) {
                index[j * q + l] = c;
                index[l * q + j] = c;
                c++;
            }
        }
        return index;
    }

    /** Number of packed moments of dimension d: (d + 2)(d + 3)/2. */
    public int moments() {
        return (d + 2) * (d + 3) / 2;
    }

    /** Index of moment (j, l) in a packed array; column d is the constant 1, column d + 1 is y. */
    public int pair(int j, int l) {
        return pairIndex[j * (d + 2) + l];
    }

    /**
     * Writes the expert's slopes into {@code slope} and {intercept, variance} into
     * {@code interceptAndVariance} from its packed moments {@code st}; returns null, or the failure
     * status ({@link FitStatus#DEGENERATE} when the weighted design is collinear within
     * {@link EmFitter#SINGULAR_PIVOT}, {@link FitStatus#NON_FINITE} on NaN or overflow; the outputs are
     * garbage then). The mass Σw = st[pair(d, d)] must be positive (the caller tests it against
     * {@link EmFitter#MIN_COMPONENT_MASS}).
     */
    public FitStatus solve(double[] st, double[] slope, double[] interceptAndVariance) {
        int yc = d + 1;
        double mass = st[pair(d, d)];
        // Weighted means, then the centred moments C, c, C_yy (WeightedLeastSquares' class comment).
        double meanY = st[pair(d, yc)] / mass;
        for (int j = 0; j < d; j++) {
            mean[j] = st[pair(j, d)] / mass;
        }
        for (int j = 0; j < d; j++) {
            double cjj = st[pair(j, j)] - mass * mean[j] * mean[j];
            // Collinear with the constant: the spread of x_j is rounding of its raw second moment.
            if (!(cjj > EmFitter.SINGULAR_PIVOT * st[pair(j, j)])) {
                return cjj != cjj ? FitStatus.NON_FINITE : FitStatus.DEGENERATE;
            }
            scale[j] = Math.sqrt(cjj);
        }
        for (int j = 0; j < d; j++) {
            for (int l = 0; l <= j; l++) {
                double cjl = st[pair(j, l)] - mass * mean[j] * mean[l];
                chol[j * d + l] = cjl / (scale[j] * scale[l]);
            }
            rhs[j] = (st[pair(j, yc)] - mass * mean[j] * meanY) / scale[j];
        }
        if (!choleskySolve()) {
            return FitStatus.DEGENERATE;
        }
        double cyy = st[pair(yc, yc)] - mass * meanY * meanY;
        double fitted = 0;
        double intercept = meanY;
        for (int j = 0; j < d; j++) {
            double a = beta[j] / scale[j];
            fitted += beta[j] * rhs[j];
            intercept -= a * mean[j];
            if (!Double.isFinite(a)) {
                return FitStatus.NON_FINITE;
            }
            slope[j] = a;
        }
        double variance = (cyy - fitted) / mass;
        if (Double.isNaN(variance)) {
            return FitStatus.NON_FINITE;
        }
        variance = Math.max(variance, varianceFloor);
        if (!Double.isFinite(intercept) || !Double.isFinite(variance)) {
            return FitStatus.NON_FINITE;
        }
        interceptAndVariance[0] = intercept;
        interceptAndVariance[1] = variance;
        return null;
    }

    /**
     * Solves (lower triangle of chol)·β = rhs (the scaled centred normal equations, d×d, unit diagonal)
     * by Cholesky LLᵀ in place; false when a pivot is not above {@link EmFitter#SINGULAR_PIVOT} times
     * its diagonal entry (or is NaN).
     */
    private boolean choleskySolve() {
        int p = d;
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
