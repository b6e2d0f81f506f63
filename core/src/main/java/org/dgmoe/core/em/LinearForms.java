package org.dgmoe.core.em;

/**
 * m linear forms of a block of points, out[r][e] = c_r0 + Σ_j c_rj x_j[e], by {@link VectorGram#linearForms}: the
 * gated E-step's expert means a_iᵀx + b_i, softmax gate scores β_iᵀx + β_i0 and sigmoid score γᵀx + γ0 for all of
 * them in one sweep of the block's columns, with the vector lanes over points and four rows' partial sums in
 * registers (issue 27), instead of one loop per row and column that loads and stores its sum at every column. Each
 * form is summed in the plain loop's order (intercept, then j = 0, 1, …), so it equals that loop's value bit for
 * bit.
 *
 * <p>Only with the Vector API ({@link #AVAILABLE}): {@link #compute} loads {@link VectorGram}, which needs the module
 * {@code jdk.incubator.vector}; callers keep their loops for a JVM without it.
 */
public final class LinearForms {
    /** Whether the Vector API path is on in this JVM ({@link EmWorkspace#VECTOR}). */
    public static final boolean AVAILABLE = EmWorkspace.VECTOR;

    private LinearForms() {
    }

    /**
     * out[r][e] for r &lt; m and e &lt; len (entries up to len rounded up to the lane count are overwritten).
     *
     * @param coef m rows of d + 1: the d slopes, then the intercept; read only
     * @param x    the block's d columns, each of length ≥ {@link BlockLogs#BLOCK}; read only
     * @param out  m rows of length ≥ {@link BlockLogs#BLOCK}; written
     * @param len  points in the block, ≤ {@link BlockLogs#BLOCK}
     */
    public static void compute(double[] coef, int m, double[][] x, int d, double[][] out, int len) {
        VectorGram.linearForms(coef, m, x, d, out, len);
    }
}
