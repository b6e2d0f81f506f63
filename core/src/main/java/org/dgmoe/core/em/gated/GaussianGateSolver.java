package org.dgmoe.core.em.gated;

import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.WeightedGram;
import org.dgmoe.core.model.GaussianGating;

/**
 * The Gaussian gate's M-step of the gated EM, in closed form (the GLLiM M-step, Deleforge, Forbes &amp;
 * Horaud 2015, Statistics and Computing 25, eqs. 37–39): with u_in ≥ 0, Σ_i u_in = 1, the posterior that
 * point n belongs to component i,
 * <pre>
 *   w_i = Σ_n u_in / n,   c_i = Σ_n u_in x_n / Σ_n u_in,   Γ_i = Σ_n u_in (x_n − c_i)(x_n − c_i)ᵀ / Σ_n u_in,
 * </pre>
 * (w_i is divided by Σ_i Σ_n u_in, which is n when the u sum to 1 per point, so the weights sum to 1
 * exactly). The moments are two-pass (means, then centred products), so a covariate's offset costs no digits.
 *
 * <h2>Eigenvalue floor</h2>
 * Γ_i is replaced by V max(Λ, f) Vᵀ, its eigenvalues raised to the floor f = max(covarianceFloor,
 * {@link #RELATIVE_FLOOR}·λ_max) (Jacobi eigen-decomposition). This is the maximiser of the Gaussian
 * log-likelihood term over covariances with every eigenvalue ≥ f (Won, Lim, Kim &amp; Rajaratnam 2013,
 * JRSS-B 75, Prop. 1 with no upper bound), so the floored M-step still maximises its constrained Q: the
 * multivariate form of the EM's variance floor σ² ≥ {@link org.dgmoe.core.em.EmSettings#DEFAULT_VARIANCE_FLOOR}.
 * A Γ_i with no eigenvalue below f is kept as computed. The relative part keeps the condition number
 * at most 10¹⁰, so the Cholesky factor {@link GaussianGating} takes keeps six digits.
 *
 * <h2>Statuses</h2>
 * {@link SolverStatus#CONVERGED}: done. {@link SolverStatus#DEGENERATE}: some Σ_n u_in ≤
 * {@link EmFitter#MIN_COMPONENT_MASS}·n (or NaN), so that component's mean and covariance are undetermined;
 * the previous gating is returned unchanged. {@link SolverStatus#SINGULAR}: a floored covariance still failed
 * its Cholesky (rounding); the previous gating is returned. Buffers are allocated once in the constructor;
 * {@link #solve} allocates only the result. Not thread-safe.
 */
final class GaussianGateSolver {

    /**
     * The covariance floor the gated EM passes, 1e−6 in x's units squared: the same idea and value as
     * {@link org.dgmoe.core.em.EmSettings#DEFAULT_VARIANCE_FLOOR}, four to six orders of magnitude below
     * the spread of the studies' covariates (uniform on unit intervals, variance 1/12, or standard normal)
     * and far above the scale where a component collapses onto one point or a line.
     */
    static final double DEFAULT_COVARIANCE_FLOOR = 1e-6;

    /** Smallest eigenvalue relative to the largest after flooring: a condition number of at most 10¹⁰. */
    static final double RELATIVE_FLOOR = 1e-10;

    /** Jacobi sweeps cap; cyclic Jacobi converges quadratically, a handful of sweeps for d ≤ 10. */
    private static final int MAX_SWEEPS = 50;

    /** @param gating the new gate, or the previous one when status is not CONVERGED */
    public record Result(GaussianGating gating, SolverStatus status) {
    }

    private final int n;
    private final int d;
    private final int k;
    private final double covarianceFloor;
    private final double[] weights;
    /** Σ_n u_in per component. */
    private final double[] mass;
    private final double[][] means;
    private final double[][][] covariances;
    /** Jacobi scratch: the matrix being diagonalised and its eigenvectors (columns), d×d row-major. */
    private final double[] work;
    private final double[] vectors;
    /** The moments by register tiles (d ≥ 2 with the Vector API), else null: the loops below. */
    private final GaussianGateMoments moments;

    GaussianGateSolver(int n, int d, int k, double covarianceFloor) {
        this(n, d, k, covarianceFloor, d >= 2 && WeightedGram.AVAILABLE);
    }

    /** With {@code tiles}: the moments by {@link GaussianGateMoments} (needs {@link WeightedGram#AVAILABLE}). */
    GaussianGateSolver(int n, int d, int k, double covarianceFloor, boolean tiles) {
        if (n < 1 || d < 1 || k < 1) {
            throw new InvalidParameterException("n, d, k", "must be >= 1, got " + n + ", " + d + ", " + k);
        }
        if (!(covarianceFloor > 0) || !Double.isFinite(covarianceFloor)) {
            throw new InvalidParameterException("covarianceFloor", "must be finite and > 0, got " + covarianceFloor);
        }
        this.n = n;
        this.d = d;
        this.k = k;
        this.covarianceFloor = covarianceFloor;
        weights = new double[k];
        mass = new double[k];
        means = new double[k][d];
        covariances = new double[k][d][d];
        work = new double[d * d];
        vectors = new double[d * d];
        moments = tiles ? new GaussianGateMoments(n, d, k) : null;
    }

    /**
     * @param x        column-major covariates, n·d
     * @param u        k rows of n posteriors, each column summing to 1
     * @param previous returned when a component has no mass
     */
    Result solve(double[] x, double[][] u, GaussianGating previous) {
        check(x, u, previous);
        double total = 0;
        for (int i = 0; i < k; i++) {
            double m = 0;
            for (int p = 0; p < n; p++) {
                m += u[i][p];
            }
            if (!(m > EmFitter.MIN_COMPONENT_MASS * n)) {
                return new Result(previous, SolverStatus.DEGENERATE);
            }
            mass[i] = m;
            total += m;
        }
        if (moments != null) {
            moments.means(x, u, mass, means);
            moments.covariances(x, u, mass, means, covariances);
        } else {
            meansAndCovariances(x, u);
        }
        for (int i = 0; i < k; i++) {
            if (!floor(covariances[i])) {
                return new Result(previous, SolverStatus.SINGULAR);
            }
            weights[i] = mass[i] / total;
        }
        return new Result(new GaussianGating(weights, means, covariances), SolverStatus.CONVERGED);
    }

    /** {@link #means} and {@link #covariances} by plain loops over the points (the reference; d = 1's path). */
    private void meansAndCovariances(double[] x, double[][] u) {
        for (int i = 0; i < k; i++) {
            double[] ui = u[i];
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int m = 0; m < n; m++) {
                    s += ui[m] * x[j * n + m];
                }
                means[i][j] = s / mass[i];
            }
            for (int j = 0; j < d; j++) {
                double cj = means[i][j];
                for (int l = 0; l <= j; l++) {
                    double cl = means[i][l];
                    double s = 0;
                    for (int m = 0; m < n; m++) {
                        s += ui[m] * (x[j * n + m] - cj) * (x[l * n + m] - cl);
                    }
                    covariances[i][j][l] = s / mass[i];
                    covariances[i][l][j] = s / mass[i];
                }
            }
        }
    }

    /**
     * Raises Γ's eigenvalues to the floor in place (class comment); false when the result is not positive
     * definite by Cholesky, or not finite.
     */
    private boolean floor(double[][] gamma) {
        for (int j = 0; j < d; j++) {
            for (int l = 0; l < d; l++) {
                work[j * d + l] = gamma[j][l];
            }
        }
        if (!jacobi()) {
            return false;
        }
        double largest = 0;
        for (int j = 0; j < d; j++) {
            largest = Math.max(largest, work[j * d + j]);
        }
        double f = Math.max(covarianceFloor, RELATIVE_FLOOR * largest);
        boolean raised = false;
        for (int j = 0; j < d; j++) {
            if (!(work[j * d + j] >= f)) {
                work[j * d + j] = f;
                raised = true;
            }
        }
        if (raised) {
            // Γ = V diag(λ) Vᵀ, lower triangle mirrored so that Γ is exactly symmetric.
            for (int j = 0; j < d; j++) {
                for (int l = 0; l <= j; l++) {
                    double s = 0;
                    for (int e = 0; e < d; e++) {
                        s += vectors[j * d + e] * work[e * d + e] * vectors[l * d + e];
                    }
                    gamma[j][l] = s;
                    gamma[l][j] = s;
                }
            }
        }
        return positiveDefinite(gamma);
    }

    /**
     * Cyclic Jacobi on {@link #work} (Golub &amp; Van Loan, Matrix Computations, §8.5): on return its diagonal
     * holds the eigenvalues and {@link #vectors}' columns the eigenvectors. False when not finite.
     */
    private boolean jacobi() {
        double norm = 0;
        for (int e = 0; e < d * d; e++) {
            vectors[e] = 0;
            norm += work[e] * work[e];
        }
        if (!Double.isFinite(norm)) {
            return false;
        }
        for (int j = 0; j < d; j++) {
            vectors[j * d + j] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    off += work[a * d + b] * work[a * d + b];
                }
            }
            // Off-diagonal mass at rounding of the matrix's norm: the diagonal is the spectrum to ~1e−16.
            if (off <= 1e-32 * norm) {
                return true;
            }
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    rotate(a, b);
                }
            }
        }
        return true;
    }

    /** One Jacobi rotation zeroing work[a][b]: A ← JᵀAJ, V ← VJ (Golub &amp; Van Loan Alg. 8.5.1). */
    private void rotate(int a, int b) {
        double apq = work[a * d + b];
        if (apq == 0) {
            return;
        }
        double tau = (work[b * d + b] - work[a * d + a]) / (2 * apq);
        double t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        double c = 1 / Math.sqrt(1 + t * t);
        double s = t * c;
        for (int r = 0; r < d; r++) {
            double ra = work[r * d + a];
            double rb = work[r * d + b];
            work[r * d + a] = c * ra - s * rb;
            work[r * d + b] = s * ra + c * rb;
        }
        for (int r = 0; r < d; r++) {
            double ar = work[a * d + r];
            double br = work[b * d + r];
            work[a * d + r] = c * ar - s * br;
            work[b * d + r] = s * ar + c * br;
        }
        for (int r = 0; r < d; r++) {
            double ra = vectors[r * d + a];
            double rb = vectors[r * d + b];
            vectors[r * d + a] = c * ra - s * rb;
            vectors[r * d + b] = s * ra + c * rb;
        }
    }

    /** Cholesky pivots all positive: what {@link GaussianGating}'s constructor demands. */
    private boolean positiveDefinite(double[][] a) {
        double[] l = work;
        for (int j = 0; j < d; j++) {
            double s = a[j][j];
            for (int m = 0; m < j; m++) {
                s -= l[j * d + m] * l[j * d + m];
            }
            if (!(s > 0) || !Double.isFinite(s)) {
                return false;
            }
            l[j * d + j] = Math.sqrt(s);
            for (int r = j + 1; r < d; r++) {
                double t = a[r][j];
                for (int m = 0; m < j; m++) {
                    t -= l[r * d + m] * l[j * d + m];
                }
                l[r * d + j] = t / l[j * d + j];
            }
        }
        return true;
    }

    private void check(double[] x, double[][] u, GaussianGating previous) {
        if (x == null || x.length != n * d) {
            throw new InvalidParameterException("x", "must hold n·d = " + n * d + " values, got "
                    + (x == null ? "null" : x.length));
        }
        if (u == null || u.length != k) {
            throw new InvalidParameterException("u", "must have k = " + k + " rows, got "
                    + (u == null ? "null" : u.length));
        }
        for (int i = 0; i < k; i++) {
            if (u[i] == null || u[i].length != n) {
                throw new InvalidParameterException("u[" + i + "]", "must have n = " + n + " entries, got "
                        + (u[i] == null ? "null" : u[i].length));
            }
        }
        if (previous == null || previous.size() != k || previous.dimension() != d) {
            throw new InvalidParameterException("previous", "must have " + k + " experts of dimension " + d
                    + ", got " + (previous == null ? "null" : previous.size() + " of dimension " + previous.dimension()));
        }
    }
}
