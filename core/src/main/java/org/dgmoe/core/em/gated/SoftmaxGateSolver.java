package org.dgmoe.core.em.gated;

import java.util.Arrays;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.em.FastExp;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * The softmax gate's M-step of the gated EM: maximises
 * <pre>
 *   Q(β) = Σ_n Σ_i r_in log π_i(x_n; β),   π_i(x) = exp(β_iᵀx + β_i0) / Σ_j exp(β_jᵀx + β_j0),
 * </pre>
 * a multinomial logistic regression with soft labels r_in (the posterior that point n came from expert i).
 * The rows need not sum to 1 per point: ρ_n = Σ_i r_in ∈ [0, 1] is the part of point n the experts
 * (rather than g0) own. Expert 0's gate is held at zero (the gates are identified only up to a common
 * shift, {@link SoftmaxGating#normalised()}), leaving (k−1)(d+1) free parameters.
 *
 * <h2>Newton/IRLS</h2>
 * With x̃ = [x, 1] the gradient is g_i = Σ_n (r_in − ρ_n π_in) x̃_n and the Hessian block (i, j) is
 * −Σ_n ρ_n π_in (δ_ij − π_jn) x̃_n x̃_nᵀ (Böhning 1992, Ann. Inst. Statist. Math. 44: the multinomial
 * logistic Hessian, here with weights ρ_n); {@link NewtonAscent} steps with step halving so Q never
 * decreases, on covariates standardised per column ({@link StandardisedCovariates}), and the gate is mapped
 * back to x's units: β_ij = θ_ij / s_j, β_i0 = θ_i0 − Σ_j β_ij m_j.
 *
 * <h2>Statuses</h2>
 * {@link SolverStatus#CONVERGED} when the Newton decrement is at most
 * {@link NewtonAscent#DECREMENT_TOLERANCE}·Σ_n ρ_n; {@link SolverStatus#MAX_STEPS} when the step cap is reached (with
 * no further convergence test: a capped GEM step skips that pass);
 * {@link SolverStatus#SEPARATED} when a standardised gate parameter would pass
 * {@link NewtonAscent#SEPARATION_BOUND} (perfectly separable labels, or an expert with no responsibility);
 * {@link SolverStatus#SINGULAR} when the Hessian's Cholesky fails (a constant covariate, or Σρ = 0);
 * {@link SolverStatus#STALLED} when no halving increases Q. On every status the returned gate is the last
 * accepted iterate, whose Q is not below the (normalised) start's: a GEM step stays valid. Only
 * {@link SolverStatus#NON_FINITE} (NaN in x or r) returns the normalised start unchecked.
 *
 * <h2>The derivatives' sums for general d (issue 27)</h2>
 * Every Hessian block is a weighted Gram Σ_n h_n x̃_n x̃_nᵀ (h_n = ρ_n π_in (δ_ij − π_jn)), (k − 1)k/2 of them with
 * (d + 1)(d + 2)/2 entries each. The loop form computes each entry as one scalar dot product over a block, a sum
 * whose additions wait on one another; for d ≥ 2 with the Vector API ({@link NewtonTiles#available}) the blocks
 * are {@link NewtonTiles}' register tiles and the gradient their per-lane column sums, on a cache-aligned layout of
 * the standardised columns. The two differ in the order of the sums over points and, in the tiles, one rounding
 * per product fused into its sum (SoftmaxGateSolverTest holds them to 1e−13·Σ|terms|); d = 1 keeps the loops, so
 * the d = 1 gated studies' numbers do not change.
 *
 * <p>Buffers (the standardised covariates, the Newton system, per-point scratch) are allocated once in
 * the constructor; {@link #solve} allocates only its result. Not thread-safe.
 */
final class SoftmaxGateSolver {

    /**
     * @param gating    the maximiser (normalised: expert 0's gate is zero)
     * @param steps     Newton steps taken
     * @param objective Q at {@code gating} (computed on the standardised covariates; equal to
     *                  {@link #objective} up to rounding); NaN from {@link #step}, which computes only increases
     */
    public record Result(SoftmaxGating gating, SolverStatus status, int steps, double objective) {
    }

    /** Points per block of the Newton passes: as {@link GatedBlockPass#BLOCK}, a few kB per row, in L1. */
    static final int BLOCK = GatedBlockPass.BLOCK;

    private final int n;
    private final int d;
    private final int k;
    /** Parameters per free gate: d slopes and the intercept (last). */
    private final int p;
    private final StandardisedCovariates z;
    /**
     * Per block of points (k rows of {@link #BLOCK}): the scores η_i, then e_i = exp(η_i − m), then (in the
     * derivatives' pass, rows 1..k−1) π_i = e_i / S.
     */
    private final double[][] block;
    /** Per block of points: m = max_i η_i, S = Σ_i e_i (1/S after the derivatives' pass), Σ_i r_i η_i, ρ = Σ_i r_i. */
    private final double[] blockMax;
    private final double[] blockSum;
    private final double[] blockLin;
    private final double[] blockRho;
    /** Per block of points: the gradient's residuals r_i − ρπ_i (rows 1..k−1) and one Hessian block's weights. */
    private final double[][] residual;
    private final double[] hessianWeight;
    /** {@link FastExp}'s scratch. */
    private final double[] scratchR;
    private final double[] scratchK;
    private final Ascent ascent;
    /** The responsibilities of the current {@link #solve} or {@link #step} (not owned). */
    private double[][] r;
    /** π_i(x_n) at the start of the current {@link #step}, k columns (not owned); null in {@link #solve}. */
    private double[][] gate;
    /** The covariates {@link #z} holds, standardised: loaded again only for another array. */
    private double[] loaded;
    /** The step of each free gate, trial − θ, in {@link Ascent#increase}. */
    private final double[] move;
    /** The Hessian blocks' Grams and the gradients' sums (d ≥ 2 with the Vector API), else null. */
    private final NewtonTiles tiles;

    SoftmaxGateSolver(int n, int d, int k) {
        this(n, d, k, NewtonAscent.DEFAULT_MAX_STEPS);
    }

    /** With a step cap other than {@link NewtonAscent#DEFAULT_MAX_STEPS} (tests follow Q step by step). */
    SoftmaxGateSolver(int n, int d, int k, int maxSteps) {
        this(n, d, k, maxSteps, NewtonTiles.available(n, d));
    }

    /** With {@code tiles}: {@link NewtonTiles} for g and A (needs {@link NewtonTiles#available}), else loops. */
    SoftmaxGateSolver(int n, int d, int k, int maxSteps, boolean tiles) {
        if (n < 1 || d < 1 || k < 1) {
            throw new InvalidParameterException("n, d, k", "must be >= 1, got " + n + ", " + d + ", " + k);
        }
        this.n = n;
        this.d = d;
        this.k = k;
        this.p = d + 1;
        z = new StandardisedCovariates(n, d);
        block = new double[k][BLOCK];
        blockMax = new double[BLOCK];
        blockSum = new double[BLOCK];
        blockLin = new double[BLOCK];
        blockRho = new double[BLOCK];
        residual = new double[k][BLOCK];
        hessianWeight = new double[BLOCK];
        scratchR = new double[BLOCK];
        scratchK = new double[BLOCK];
        move = new double[(k - 1) * p];
        ascent = new Ascent((k - 1) * p, maxSteps);
        this.tiles = tiles && k > 1 ? new NewtonTiles(z, k * (k - 1) / 2) : null;
    }

    /**
     * g and the lower triangle of A at {@code at} (any representative, normalised first) from the E-step's
     * {@code gate} at it, as {@link #step}'s derivatives' pass computes them (tests: the tiles against the loops).
     */
    void derivatives(double[] x, double[][] r, SoftmaxGating at, double[][] gate, double[] grad, double[] negHess) {
        check(x, r, at);
        loaded = null;
        prepare(x, r, at.normalised(), gate);
        Arrays.fill(grad, 0);
        Arrays.fill(negHess, 0);
        ascent.derivatives(ascent.theta, grad, negHess);
        this.r = null;
        this.gate = null;
    }

    /** Passes over the data of every {@link #solve} so far ({@link NewtonAscent#passes}). */
    int passes() {
        return ascent.passes;
    }

    /**
     * Maximises Q from {@code start} (any representative; it is normalised first, which leaves π unchanged).
     *
     * @param x column-major covariates, n·d
     * @param r k rows of n non-negative responsibilities
     */
    Result solve(double[] x, double[][] r, SoftmaxGating start) {
        return run(x, r, start, null);
    }

    /**
     * One generalised-EM step from {@code current} ({@link NewtonAscent#stepByIncrease}: the ascent capped at one
     * Newton step, whatever this solver's cap), given the gate's values π_i(x_n) at {@code current}, which the E-step
     * has just computed ({@link GatedPass#gate}): the derivatives' pass reads them instead of computing exponentials
     * and Q, and each trial gate θ + tδ is tested by its increase
     * <pre>
     *   Q(θ + tδ) − Q(θ) = Σ_n [Σ_i r_in Δη_in − ρ_n log Σ_i π_in exp(Δη_in)],   Δη_in = t δ_iᵀx̃_n (Δη_0n = 0),
     * </pre>
     * since log Σ_j exp η'_j − log Σ_j exp η_j = log Σ_j π_j exp(η'_j − η_j): one pass without the scores at θ.
     * The result's objective is NaN (Q itself is not computed). Covariates are standardised once per array
     * {@code x} (a fit passes the same, unchanging, array every M-step).
     *
     * @param gate k columns of π_i(x_n) at {@code current} (each point's column summing to 1)
     */
    Result step(double[] x, double[][] r, SoftmaxGating current, double[][] gate) {
        if (gate == null || gate.length != k) {
            throw new InvalidParameterException("gate", "must have k = " + k + " rows, got "
                    + (gate == null ? "null" : gate.length));
        }
        return run(x, r, current, gate);
    }

    private Result run(double[] x, double[][] r, SoftmaxGating start, double[][] known) {
        check(x, r, start);
        SoftmaxGating from = start.normalised();
        if (k == 1) {
            // One expert: π_0 ≡ 1 whatever the gate; its normalised gate is zero and Q = 0.
            return new Result(from, SolverStatus.CONVERGED, 0, 0);
        }
        prepare(x, r, from, known);
        double[] theta = ascent.theta;
        double weight = 0;
        for (int i = 0; i < k; i++) {
            for (int m = 0; m < n; m++) {
                weight += r[i][m];
            }
        }
        SolverStatus status = known == null ? ascent.ascend(weight) : ascent.stepByIncrease(weight);
        this.r = null;
        this.gate = null;
        if (status == SolverStatus.NON_FINITE) {
            return new Result(from, status, 0, Double.NaN);
        }
        double[][] slope = new double[k][d];
        double[] intercept = new double[k];
        for (int i = 1; i < k; i++) {
            int off = (i - 1) * p;
            double c = theta[off + d];
            for (int j = 0; j < d; j++) {
                slope[i][j] = theta[off + j] / z.scale[j];
                c -= slope[i][j] * z.mean[j];
            }
            intercept[i] = c;
        }
        return new Result(new SoftmaxGating(slope, intercept), status, ascent.steps, ascent.value);
    }

    /**
     * Standardises x unless a step's array is loaded already (a full solve standardises its x every call: tests reuse
     * arrays; a step, once per covariate array), takes r and the gate values, and sets θ to {@code from} (normalised)
     * in the standardised coordinates.
     */
    private void prepare(double[] x, double[][] r, SoftmaxGating from, double[][] known) {
        if (known == null || x != loaded) {
            z.load(x);
            loaded = known == null ? null : x;
        }
        this.r = r;
        this.gate = known;
        double[] theta = ascent.theta;
        for (int i = 1; i < k; i++) {
            int off = (i - 1) * p;
            double intercept = from.intercept(i);
            for (int j = 0; j < d; j++) {
                theta[off + j] = from.slope(i, j) * z.scale[j];
                intercept += from.slope(i, j) * z.mean[j];
            }
            theta[off + d] = intercept;
        }
    }

    /** Q(β) = Σ_n Σ_i r_in log π_i(x_n; β) of any gate (not necessarily normalised), in x's units. */
    double objective(double[] x, double[][] r, SoftmaxGating g) {
        check(x, r, g);
        return SoftmaxObjective.of(x, n, r, g);
    }

    private void check(double[] x, double[][] r, SoftmaxGating g) {
        if (x == null || x.length != n * d) {
            throw new InvalidParameterException("x", "must hold n·d = " + n * d + " values, got "
                    + (x == null ? "null" : x.length));
        }
        if (r == null || r.length != k) {
            throw new InvalidParameterException("r", "must have k = " + k + " rows, got "
                    + (r == null ? "null" : r.length));
        }
        for (int i = 0; i < k; i++) {
            if (r[i] == null || r[i].length != n) {
                throw new InvalidParameterException("r[" + i + "]", "must have n = " + n + " entries, got "
                        + (r[i] == null ? "null" : r[i].length));
            }
        }
        if (g == null || g.size() != k || g.dimension() != d) {
            throw new InvalidParameterException("gating", "must have " + k + " experts of dimension " + d + ", got "
                    + (g == null ? "null" : g.size() + " of dimension " + g.dimension()));
        }
    }

    /**
     * Q over the points [s, s + len) at θ = {@code at}, in blocks as the E-step's pass ({@link GatedBlockPass}):
     * the scores η_i column by column, their max m (≥ 0, expert 0's score), e_i = exp(η_i − m) by the block
     * exponential {@link FastExp#expDiffInPlaceBest} (relative error &lt; 1e−15), S = Σ_i e_i, and
     * Q = Σ_n [Σ_i r_in η_in − ρ_n (m_n + log S_n)] (the same sum as {@link SoftmaxObjective}, with the r = 0 terms
     * exactly 0 because η is finite). Leaves e_i in {@link #block}, S in {@link #blockSum}, ρ in {@link #blockRho}.
     */
    private double blockObjective(double[] at, int s, int len) {
        linearScores(at, s, len);
        for (int i = 0; i < k; i++) {
            FastExp.expDiffInPlaceBest(block[i], blockMax, scratchR, scratchK, len);
        }
        double q = 0;
        for (int b = 0; b < len; b++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += block[i][b];
            }
            blockSum[b] = sum;
            q += blockLin[b] - blockRho[b] * (blockMax[b] + Math.log(sum));
        }
        return q;
    }

    /**
     * Over the points [s, s + len), for free gates {@code coef} (in the layout of θ): the linear scores
     * c_iᵀx̃ in block[i] (block[0] = 0, expert 0's), their max (≥ 0) in {@link #blockMax}, Σ_i r_i·score in
     * {@link #blockLin} and ρ = Σ_i r_i in {@link #blockRho}.
     */
    private void linearScores(double[] coef, int s, int len) {
        Arrays.fill(block[0], 0, len, 0);
        Arrays.fill(blockMax, 0, len, 0);
        Arrays.fill(blockLin, 0, len, 0);
        Arrays.fill(blockRho, 0, len, 0);
        for (int i = 1; i < k; i++) {
            double[] e = block[i];
            int off = (i - 1) * p;
            Arrays.fill(e, 0, len, coef[off + d]);
            for (int j = 0; j < d; j++) {
                double t = coef[off + j];
                int col = j * n + s;
                for (int b = 0; b < len; b++) {
                    e[b] += t * z.z[col + b];
                }
            }
            for (int b = 0; b < len; b++) {
                blockMax[b] = Math.max(blockMax[b], e[b]);
            }
        }
        for (int i = 0; i < k; i++) {
            double[] e = block[i];
            double[] ri = r[i];
            for (int b = 0; b < len; b++) {
                double w = ri[s + b];
                blockLin[b] += w * e[b];
                blockRho[b] += w;
            }
        }
    }

    /** Q, g and A on the standardised covariates, θ = the free gates 1..k−1, each [slopes, intercept]. */
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
                // Column by column over the block (Böhning's g and A, class comment): π_i in block[i] (the E-step's
                // for a step, else e_i / S in place), the residuals r_i − ρπ_i, then each entry of g and A one dot
                // product over the block.
                if (gate != null) {
                    value = Double.NaN;
                    knownBlock(s, len);
                } else {
                    value += blockObjective(at, s, len);
                    for (int b = 0; b < len; b++) {
                        blockSum[b] = 1 / blockSum[b];
                    }
                    for (int i = 1; i < k; i++) {
                        double[] pi = block[i];
                        for (int b = 0; b < len; b++) {
                            pi[b] *= blockSum[b];
                        }
                    }
                }
                for (int i = 1; i < k; i++) {
                    double[] pi = block[i];
                    double[] ri = r[i];
                    double[] res = residual[i];
                    for (int b = 0; b < len; b++) {
                        res[b] = ri[s + b] - blockRho[b] * pi[b];
                    }
                }
                if (tiles != null) {
                    blockTiles(s, len);
                    continue;
                }
                for (int i = 1; i < k; i++) {
                    double[] pi = block[i];
                    int row0 = (i - 1) * p;
                    for (int a = 0; a < p; a++) {
                        grad[row0 + a] += z.dot(residual[i], a, s, len);
                    }
                    // Lower triangle of A: blocks j ≤ i, and within the diagonal block c ≤ a.
                    for (int j = 1; j <= i; j++) {
                        double[] pj = block[j];
                        double delta = i == j ? 1 : 0;
                        for (int b = 0; b < len; b++) {
                            hessianWeight[b] = blockRho[b] * pi[b] * (delta - pj[b]);
                        }
                        int col0 = (j - 1) * p;
                        for (int a = 0; a < p; a++) {
                            int rowOff = (row0 + a) * q + col0;
                            int last = i == j ? a : p - 1;
                            for (int c = 0; c <= last; c++) {
                                negHess[rowOff + c] += z.dot2(hessianWeight, a, c, s, len);
                            }
                        }
                    }
                }
            }
            for (int i = 1; i < k && tiles != null; i++) {
                tiles.gradientInto(i - 1, grad, (i - 1) * p);
                for (int j = 1; j <= i; j++) {
                    tiles.hessianInto((i - 1) * i / 2 + j - 1, negHess, q, (i - 1) * p, (j - 1) * p, i == j);
                }
            }
            return value;
        }

        /** {@link SoftmaxGateSolver#step}'s increase Q(trial) − Q(θ), over the blocks. */
        @Override
        double increase(double[] trial) {
            for (int m = 0; m < q; m++) {
                move[m] = trial[m] - theta[m];
            }
            double sum = 0;
            for (int s = 0; s < n; s += BLOCK) {
                sum += blockIncrease(s, Math.min(BLOCK, n - s));
            }
            return sum;
        }
    }

    /**
     * The block's part of g and A by {@link #tiles}: Hessian block (i, j), 1 ≤ j ≤ i &lt; k, is its number
     * (i − 1)i/2 + j − 1, gate i's gradient number i − 1; π_i in block[i] and the residuals already computed.
     */
    private void blockTiles(int s, int len) {
        tiles.load(s, len);
        for (int i = 1; i < k; i++) {
            double[] pi = block[i];
            tiles.addGradient(i - 1, residual[i], len);
            for (int j = 1; j <= i; j++) {
                double[] pj = block[j];
                double delta = i == j ? 1 : 0;
                for (int b = 0; b < len; b++) {
                    hessianWeight[b] = blockRho[b] * pi[b] * (delta - pj[b]);
                }
                tiles.addHessian((i - 1) * i / 2 + j - 1, hessianWeight, len);
            }
        }
    }

    /** block[i] = π_i (i ≥ 1) from {@link #gate} and blockRho = ρ = Σ_i r_i over the block at s. */
    private void knownBlock(int s, int len) {
        for (int i = 1; i < k; i++) {
            System.arraycopy(gate[i], s, block[i], 0, len);
        }
        Arrays.fill(blockRho, 0, len, 0);
        for (int i = 0; i < k; i++) {
            double[] ri = r[i];
            for (int b = 0; b < len; b++) {
                blockRho[b] += ri[s + b];
            }
        }
    }

    /**
     * The increase of Q over the points [s, s + len) for the gates' move Δθ = {@link #move} ({@link #step}'s
     * formula): Δη_i column by column (block[i], Δη_0 = 0), M = max_i Δη_i ≥ 0, e_i = exp(Δη_i − M) by the block
     * exponential, A = Σ_i π_i e_i (≥ π at the max's index, so no underflow to 0 but where π itself is 0) and
     * Σ_b [Σ_i r_i Δη_i − ρ (M + log A)].
     */
    private double blockIncrease(int s, int len) {
        linearScores(move, s, len);
        Arrays.fill(blockSum, 0, len, 0);
        for (int i = 0; i < k; i++) {
            FastExp.expDiffInPlaceBest(block[i], blockMax, scratchR, scratchK, len);
            double[] e = block[i];
            double[] pi = gate[i];
            for (int b = 0; b < len; b++) {
                blockSum[b] += pi[s + b] * e[b];
            }
        }
        double q = 0;
        for (int b = 0; b < len; b++) {
            q += blockLin[b] - blockRho[b] * (blockMax[b] + Math.log(blockSum[b]));
        }
        // +∞ only from A = 0 (π underflowed where the move points): no evidence of an increase, so no acceptance.
        return q < Double.POSITIVE_INFINITY ? q : Double.NaN;
    }
}
