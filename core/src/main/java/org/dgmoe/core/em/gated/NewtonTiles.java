package org.dgmoe.core.em.gated;

import java.util.Arrays;
import org.dgmoe.core.em.ExpertLeastSquares;
import org.dgmoe.core.em.WeightedGram;

/**
 * The Newton solvers' derivative sums for d ≥ 2 with the Vector API (issue 27): their Hessian blocks, each a weighted
 * Gram Σ_n h_n x̃_n x̃_nᵀ of x̃ = [z, 1] (z the standardised covariates), and their gradients Σ_n g_n x̃_n, by
 * {@link WeightedGram}'s register tiles and per-lane column sums on block copies of z's columns (indexed from 0,
 * then a column of ones). Used by {@link SoftmaxGateSolver} ((k − 1)k/2 Hessian blocks, k − 1 gradients) and
 * {@link SigmoidDeviationSolver} (one of each); their loops stay as the reference (GeneralDimensionTest).
 * Buffers are allocated once; not thread-safe.
 */
final class NewtonTiles {
    private final StandardisedCovariates z;
    /** Columns of x̃: d + 1. */
    private final int p;
    private final WeightedGram gram;
    private final double[][] zb;
    private final int[] pairIndex;
    private final double[] packed;

    /**
     * @param z     the solver's standardised covariates (read at each {@link #load})
     * @param count Hessian blocks (and gradients), numbered from 0
     */
    NewtonTiles(StandardisedCovariates z, int count) {
        this.z = z;
        this.p = z.d + 1;
        this.gram = new WeightedGram(p, count);
        this.zb = new double[p][SoftmaxGateSolver.BLOCK];
        Arrays.fill(zb[z.d], 1.0);
        this.pairIndex = ExpertLeastSquares.pairIndex(p);
        this.packed = new double[p * (p + 1) / 2];
    }

    /** Zeroes every sum: at the start of a derivatives' pass. */
    void reset() {
        gram.reset();
    }

    /** Copies the block's standardised columns [s, s + len). */
    void load(int s, int len) {
        for (int j = 0; j < z.d; j++) {
            System.arraycopy(z.z, j * z.n + s, zb[j], 0, len);
        }
    }

    /** Adds Σ_e h[e] x̃_e x̃_eᵀ over the loaded block to Hessian block {@code which}. */
    void addHessian(int which, double[] h, int len) {
        gram.add(which, h, zb, len);
    }

    /** Adds Σ_e g[e] x̃_e over the loaded block to gradient {@code which}. */
    void addGradient(int which, double[] g, int len) {
        gram.addSums(which, g, zb, len);
    }

    /** grad[off + a] += gradient {@code which}'s entry a, a ≤ d. */
    void gradientInto(int which, double[] grad, int off) {
        gram.reduceSums(which, packed);
        for (int a = 0; a < p; a++) {
            grad[off + a] += packed[a];
        }
    }

    /**
     * negHess[(row0 + a)·q + col0 + c] += Hessian block {@code which}'s entry (a, c), for c ≤ a on a diagonal block
     * (the lower triangle), every c otherwise: the solvers' layout of A.
     */
    void hessianInto(int which, double[] negHess, int q, int row0, int col0, boolean diagonal) {
        gram.reduce(which, packed);
        for (int a = 0; a < p; a++) {
            int last = diagonal ? a : p - 1;
            for (int c = 0; c <= last; c++) {
                negHess[(row0 + a) * q + col0 + c] += packed[pairIndex[a * p + c]];
            }
        }
    }
}
