package org.dgmoe.core.em.gated;

import java.util.Arrays;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.em.FastExp;
import org.dgmoe.core.model.SigmoidDeviation;

/**
 * The deviation weight's M-step of the gated EM: maximises
 * <pre>
 *   Q(γ) = Σ_n [ρ_n log λ(x_n) + (1 − ρ_n) log(1 − λ(x_n))],   λ(x) = 1/(1 + exp(−(γᵀx + γ0))),
 * </pre>
 * with ρ_n ∈ [0, 1] the posterior that point n came from the experts rather than g0: a logistic
 * regression with soft targets (McCullagh &amp; Nelder, Generalized Linear Models, §4.4; R's
 * {@code glm(family = quasibinomial)} fits the same estimating equations). In log space:
 * log λ = −softplus(−η), log(1 − λ) = −softplus(η) ({@link SigmoidDeviation#softplus}), so
 * Q = Σ_n [ρ_n η_n − softplus(η_n)].
 *
 * <p>Newton/IRLS with gradient Σ_n (ρ_n − λ_n) x̃_n and negative Hessian Σ_n λ_n(1 − λ_n) x̃_n x̃_nᵀ,
 * x̃ = [x, 1], on standardised covariates, with step halving ({@link NewtonAscent}); statuses and the
 * returned iterate as in {@link SoftmaxGateSolver} (SEPARATED when the targets are separable, or all ρ
 * are 0 or all 1, so γ runs off), the decrement tolerance relative to n. Buffers are allocated once in
 * the constructor. For d ≥ 2 with the Vector API ({@link NewtonTiles#available}) the Hessian (a weighted Gram) and
 * the gradient are summed by {@link NewtonTiles}' register tiles on a cache-aligned layout of the standardised
 * columns instead of point by point (issue 27); the two differ in the order of the sums over points and by the
 * tiles' fused products (SigmoidDeviationSolverTest), and d = 1 keeps the loop. Not thread-safe.
 */
final class SigmoidDeviationSolver {

    /**
     * @param deviation the maximiser
     * @param steps     Newton steps taken
     * @param objective Q at {@code deviation} (on the standardised covariates; equal to {@link #objective}
     *                  up to rounding)
     */
    public record Result(SigmoidDeviation deviation, SolverStatus status, int steps, double objective) {
    }

    /** Points per block of the Newton passes, as {@link SoftmaxGateSolver#BLOCK}. */
    static final int BLOCK = SoftmaxGateSolver.BLOCK;

    private final int n;
    private final int d;
    private final StandardisedCovariates z;
    /** Per block of points: η, then e = exp(−|η|); zeros (the block exponential's offset); its scratch. */
    private final double[] blockEta = new double[BLOCK];
    private final double[] blockExp = new double[BLOCK];
    private final double[] zeros = new double[BLOCK];
    private final double[] scratchR = new double[BLOCK];
    private final double[] scratchK = new double[BLOCK];
    private final Ascent ascent;
    /** The targets of the current {@link #solve} (not owned). */
    private double[] rho;
    /** The covariates {@link #z} holds, standardised, after a {@link #step}: loaded again only for another array. */
    private double[] loaded;
    /** The Hessian's Gram and the gradient's sums (d ≥ 2 with the Vector API), else null. */
    private final NewtonTiles tiles;
    /** Per block: the Hessian's weights λ(1 − λ) and the gradient's residuals ρ − λ (tiles only). */
    private final double[] blockWeight = new double[BLOCK];
    private final double[] blockResidual = new double[BLOCK];

    SigmoidDeviationSolver(int n, int d) {
        this(n, d, NewtonAscent.DEFAULT_MAX_STEPS);
    }

    /** With a step cap other than {@link NewtonAscent#DEFAULT_MAX_STEPS} (tests follow Q step by step). */
    SigmoidDeviationSolver(int n, int d, int maxSteps) {
        this(n, d, maxSteps, NewtonTiles.available(n, d));
    }

    /** With {@code tiles}: {@link NewtonTiles} for g and A (needs {@link NewtonTiles#available}), else loops. */
    SigmoidDeviationSolver(int n, int d, int maxSteps, boolean tiles) {
        if (n < 1 || d < 1) {
            throw new InvalidParameterException("n, d", "must be >= 1, got " + n + ", " + d);
        }
        this.n = n;
        this.d = d;
        z = new StandardisedCovariates(n, d);
        ascent = new Ascent(d + 1, maxSteps);
        this.tiles = tiles ? new NewtonTiles(z, 1) : null;
    }

    /** g and the lower triangle of A at {@code at} on x's standardised columns (tests: the tiles against the loop). */
    void derivatives(double[] x, double[] rho, SigmoidDeviation at, double[] grad, double[] negHess) {
        check(x, rho, at);
        z.load(x);
        loaded = null;
        this.rho = rho;
        double[] theta = ascent.theta;
        double intercept = at.intercept();
        for (int j = 0; j < d; j++) {
            theta[j] = at.slope(j) * z.scale[j];
            intercept += at.slope(j) * z.mean[j];
        }
        theta[d] = intercept;
        Arrays.fill(grad, 0);
        Arrays.fill(negHess, 0);
        ascent.derivatives(theta, grad, negHess);
        this.rho = null;
    }

    /** Passes over the data of every {@link #solve} so far ({@link NewtonAscent#passes}). */
    int passes() {
        return ascent.passes;
    }

    /**
     * Maximises Q from {@code start}.
     *
     * @param x   column-major covariates, n·d
     * @param rho n targets in [0, 1]
     */
    Result solve(double[] x, double[] rho, SigmoidDeviation start) {
        return run(x, rho, start, false);
    }

    /**
     * {@link #solve} (with this solver's step cap: one generalised-EM step in a fit) on covariates standardised once
     * per array {@code x}: a fit passes the same, unchanging, array every M-step, and at d = 32 standardising it
     * again cost as much as the step's two passes (three passes over n·d values). The same arithmetic as
     * {@link #solve}, so the same result.
     */
    Result step(double[] x, double[] rho, SigmoidDeviation current) {
        return run(x, rho, current, true);
    }

    private Result run(double[] x, double[] rho, SigmoidDeviation start, boolean sameCovariates) {
        check(x, rho, start);
        if (!sameCovariates || x != loaded) {
            z.load(x);
        }
        loaded = sameCovariates ? x : null;
        this.rho = rho;
        double[] theta = ascent.theta;
        double intercept = start.intercept();
        for (int j = 0; j < d; j++) {
            theta[j] = start.slope(j) * z.scale[j];
            intercept += start.slope(j) * z.mean[j];
        }
        theta[d] = intercept;
        SolverStatus status = ascent.ascend(n);
        this.rho = null;
        if (status == SolverStatus.NON_FINITE) {
            return new Result(start, status, 0, Double.NaN);
        }
        double[] slope = new double[d];
        double c = theta[d];
        for (int j = 0; j < d; j++) {
            slope[j] = theta[j] / z.scale[j];
            c -= slope[j] * z.mean[j];
        }
        return new Result(new SigmoidDeviation(slope, c), status, ascent.steps, ascent.value);
    }

    /** Q(γ) = Σ_n [ρ_n η_n − softplus(η_n)] in x's units. */
    double objective(double[] x, double[] rho, SigmoidDeviation g) {
        check(x, rho, g);
        double q = 0;
        for (int m = 0; m < n; m++) {
            double eta = g.intercept();
            for (int j = 0; j < d; j++) {
                eta += g.slope(j) * x[j * n + m];
            }
            q += rho[m] * eta - SigmoidDeviation.softplus(eta);
        }
        return q;
    }

    private void check(double[] x, double[] rho, SigmoidDeviation g) {
        if (x == null || x.length != n * d) {
            throw new InvalidParameterException("x", "must hold n·d = " + n * d + " values, got "
                    + (x == null ? "null" : x.length));
        }
        if (rho == null || rho.length != n) {
            throw new InvalidParameterException("rho", "must have n = " + n + " entries, got "
                    + (rho == null ? "null" : rho.length));
        }
        if (g == null || g.dimension() != d) {
            throw new InvalidParameterException("deviation", "must have dimension " + d + ", got "
                    + (g == null ? "null" : g.dimension()));
        }
    }

    /**
     * Q over the points [s, s + len) at θ = {@code at}, in blocks: η column by column, e = exp(−|η|) by the block
     * exponential {@link FastExp#expDiffInPlaceBest} (relative error &lt; 1e−15), softplus(η) = max(η, 0) + log1p(e)
     * (as {@link SigmoidDeviation#softplus}, no overflow for any η) and Q = Σ_n [ρ_n η_n − softplus(η_n)]. Leaves η
     * in {@link #blockEta} and e in {@link #blockExp}.
     */
    private double blockObjective(double[] at, int s, int len) {
        double c = at[d];
        for (int b = 0; b < len; b++) {
            blockEta[b] = c;
        }
        for (int j = 0; j < d; j++) {
            double t = at[j];
            int col = j * n + s;
            for (int b = 0; b < len; b++) {
                blockEta[b] += t * z.z[col + b];
            }
        }
        for (int b = 0; b < len; b++) {
            blockExp[b] = -Math.abs(blockEta[b]);
        }
        FastExp.expDiffInPlaceBest(blockExp, zeros, scratchR, scratchK, len);
        double q = 0;
        for (int b = 0; b < len; b++) {
            double eta = blockEta[b];
            q += rho[s + b] * eta - (Math.max(eta, 0) + Math.log1p(blockExp[b]));
        }
        return q;
    }

    /** Q, g and A on the standardised covariates; θ = [slopes, intercept]. */
    private final class Ascent extends NewtonAscent {
        Ascent(int q, int maxSteps) {
            super(q, maxSteps);
        }

        @Override
        double objective(double[] at) {
            double q = 0;
            for (int s = 0; s < n; s += BLOCK) {
                q += blockObjective(at, s, Math.min(BLOCK, n - s));
            }
            return q;
        }

        @Override
        double derivatives(double[] at, double[] grad, double[] negHess) {
            int q = this.q;
            double value = 0;
            if (tiles != null) {
                tiles.reset();
            }
            for (int s = 0; s < n; s += BLOCK) {
                int len = Math.min(BLOCK, n - s);
                value += blockObjective(at, s, len);
                if (tiles != null) {
                    blockTiles(s, len);
                    continue;
                }
                for (int b = 0; b < len; b++) {
                    int m = s + b;
                    // With e = exp(−|η|): λ = 1/(1 + e) for η ≥ 0, e/(1 + e) below, and λ(1 − λ) = e/(1 + e)².
                    double e = blockExp[b];
                    double inv = 1 / (1 + e);
                    double lambda = blockEta[b] >= 0 ? inv : e * inv;
                    double w = e * inv * inv;
                    double residual = rho[m] - lambda;
                    for (int a = 0; a < q; a++) {
                        double xa = a == d ? 1 : z.z[a * n + m];
                        grad[a] += residual * xa;
                        double wa = w * xa;
                        for (int c = 0; c <= a; c++) {
                            double xc = c == d ? 1 : z.z[c * n + m];
                            negHess[a * q + c] += wa * xc;
                        }
                    }
                }
            }
            if (tiles != null) {
                tiles.gradientInto(0, grad, 0);
                tiles.hessianInto(0, negHess, q, 0, 0, true);
            }
            return value;
        }
    }

    /** The block's part of g and A by {@link #tiles}, from {@link #blockObjective}'s η and e (the loop's arithmetic). */
    private void blockTiles(int s, int len) {
        tiles.load(s, len);
        for (int b = 0; b < len; b++) {
            double e = blockExp[b];
            double inv = 1 / (1 + e);
            double lambda = blockEta[b] >= 0 ? inv : e * inv;
            blockWeight[b] = e * inv * inv;
            blockResidual[b] = rho[s + b] - lambda;
        }
        tiles.addHessian(0, blockWeight, len);
        tiles.addGradient(0, blockResidual, len);
    }
}
