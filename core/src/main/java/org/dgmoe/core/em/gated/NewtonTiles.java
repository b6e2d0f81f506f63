package org.dgmoe.core.em.gated;

import org.dgmoe.core.em.BlockedGram;
import org.dgmoe.core.em.ExpertLeastSquares;

/**
 * The Newton solvers' derivative sums for d ≥ 2 with the Vector API (issue 27): their Hessian blocks, each a weighted
 * Gram Σ_n h_n x̃_n x̃_nᵀ of x̃ = [z, 1] (z the standardised covariates), and their gradients Σ_n g_n x̃_n, by the
 * constant pass's register tiles and per-lane column sums ({@link BlockedGram}) on a cache-aligned layout of z,
 * made again whenever {@link StandardisedCovariates#load} has overwritten z (once per covariate array). The
 * layout's response column is zeros: the tiles' y border is computed and not read (34 of 629 products per point at
 * d = 32). Used by {@link SoftmaxGateSolver} ((k − 1)k/2 Hessian blocks, k − 1 gradients) and
 * {@link SigmoidDeviationSolver} (one of each); their loops stay as the reference (GeneralDimensionTest). Hessian
 * weights of magnitude below 2⁻⁶⁰⁰ enter as 0 (BlockedGram). Buffers are allocated once per layout; not thread-safe.
 */
final class NewtonTiles {
    private final StandardisedCovariates z;
    /** Columns of x̃: d + 1. */
    private final int p;
    private final int count;
    private final int[] pairIndex;
    private final double[] packed;
    private final double[] sums;
    private BlockedGram gram;
    /** {@link StandardisedCovariates#loads} when {@link #gram} was laid out. */
    private int laidOut = -1;
    /** The block {@link #load} named. */
    private int block;

    /**
     * @param z     the solver's standardised covariates (read at each {@link #reset} after a load)
     * @param count Hessian blocks (and gradients), numbered from 0
     */
    NewtonTiles(StandardisedCovariates z, int count) {
        this.z = z;
        this.p = z.d + 1;
        this.count = count;
        this.pairIndex = ExpertLeastSquares.pairIndex(z.d + 2);
        this.packed = new double[(z.d + 2) * (z.d + 3) / 2];
        this.sums = new double[p];
    }

    /** Whether the tiles can take n points in d dimensions (d ≥ 2, the Vector API, a layout in one array). */
    static boolean available(int n, int d) {
        return d >= 2 && BlockedGram.AVAILABLE && BlockedGram.fits(n, d);
    }

    /** Zeroes every sum, laying z out again if it was reloaded: at the start of a derivatives' pass. */
    void reset() {
        if (gram == null || laidOut != z.loads) {
            gram = new BlockedGram(z.z, new double[z.n], z.d);
            laidOut = z.loads;
        }
        gram.reset(count);
    }

    /** Names the block of the points [s, s + len): s a multiple of the block size, as the solvers step. */
    void load(int s, int len) {
        block = s / SoftmaxGateSolver.BLOCK;
    }

    /** Adds Σ_e h[e] x̃_e x̃_eᵀ over the loaded block to Hessian block {@code which}. */
    void addHessian(int which, double[] h, int len) {
        gram.add(which, h, block, len);
    }

    /** Adds Σ_e g[e] x̃_e over the loaded block to gradient {@code which}. */
    void addGradient(int which, double[] g, int len) {
        gram.addSums(which, g, block, len);
    }

    /** grad[off + a] += gradient {@code which}'s entry a, a ≤ d. */
    void gradientInto(int which, double[] grad, int off) {
        gram.reduceSums(which, sums);
        for (int a = 0; a < p; a++) {
            grad[off + a] += sums[a];
        }
    }

    /**
     * negHess[(row0 + a)·q + col0 + c] += Hessian block {@code which}'s entry (a, c), for c ≤ a on a diagonal block
     * (the lower triangle), every c otherwise: the solvers' layout of A.
     */
    void hessianInto(int which, double[] negHess, int q, int row0, int col0, boolean diagonal) {
        gram.reduce(which, packed);
        final int width = z.d + 2;
        for (int a = 0; a < p; a++) {
            int last = diagonal ? a : p - 1;
            for (int c = 0; c <= last; c++) {
                negHess[(row0 + a) * q + col0 + c] += packed[pairIndex[a * width + c]];
            }
        }
    }
}
