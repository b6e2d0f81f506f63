package org.dgmoe.core.gof;

import org.dgmoe.core.InvalidParameterException;

/**
 * Weighted least-squares isotonic regression: the non-decreasing f minimising Σᵢ wᵢ (yᵢ − fᵢ)², by
 * pool-adjacent-violators (Barlow, Bartholomew, Bremner &amp; Brunk 1972, ch. 1): O(m) for m values, the
 * blocks kept on a stack. An instance owns its workspace (no allocation per fit) and is not thread-safe.
 */
public final class IsotonicRegression {
    private final double[] blockMean;
    private final double[] blockWeight;
    private final int[] blockEnd;

    /** A workspace for up to {@code capacity} values. */
    public IsotonicRegression(int capacity) {
        if (capacity < 1) {
            throw new InvalidParameterException("capacity", "must be >= 1, got " + capacity);
        }
        blockMean = new double[capacity];
        blockWeight = new double[capacity];
        blockEnd = new int[capacity];
    }

    /**
     * Writes into {@code fit[0..m)} the non-decreasing fit of {@code y[0..m)} with weights {@code w[0..m)}
     * (positive; not checked here, the caller's invariant). {@code fit} may be {@code y}.
     */
    public void nonDecreasing(double[] y, double[] w, int m, double[] fit) {
        if (m < 1 || m > blockMean.length) {
            throw new InvalidParameterException("m", "must be in [1, " + blockMean.length + "], got " + m);
        }
        int top = -1;
        for (int i = 0; i < m; i++) {
            top++;
            blockMean[top] = y[i];
            blockWeight[top] = w[i];
            blockEnd[top] = i;
            // Pool while the last two blocks violate the order: their weighted mean is the best constant.
            while (top > 0 && blockMean[top - 1] > blockMean[top]) {
                double weight = blockWeight[top - 1] + blockWeight[top];
                blockMean[top - 1] = (blockWeight[top - 1] * blockMean[top - 1] + blockWeight[top] * blockMean[top])
                        / weight;
                blockWeight[top - 1] = weight;
                blockEnd[top - 1] = blockEnd[top];
                top--;
            }
        }
        int start = 0;
        for (int b = 0; b <= top; b++) {
            for (int i = start; i <= blockEnd[b]; i++) {
                fit[i] = blockMean[b];
            }
            start = blockEnd[b] + 1;
        }
    }
}
