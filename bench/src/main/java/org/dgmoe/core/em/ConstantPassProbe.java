package org.dgmoe.core.em;

/**
 * Bench-only access to the constant-weight kernel's fast pass ({@link EmWorkspace#passFast}, package-private in
 * core), so that GatedKernelBenchmark times that pass alone, on the same data as the gated pass. It lives in
 * bench (same package name as core's, on the class path), not in core.
 */
public final class ConstantPassProbe {
    private final EmWorkspace workspace;

    /**
     * @param x column-major covariates, n·d; y the responses; logG0 log g0(y_n | x_n) (all read only)
     */
    public ConstantPassProbe(double[] x, double[] y, int d, int k, double[] logG0) {
        this.workspace = new EmWorkspace(x, new double[d], y, d, k, logG0, EmWorkspace.VECTOR);
    }

    /** ℓ(θ) and the M-step's statistics by the fast pass, with the g0 term. */
    public double pass(double lambda, double[] p, double[][] a, double[] b, double[] v) {
        return workspace.passFast(true, lambda, p, a, b, v);
    }

    /** Whether the pass uses the Vector API parts (EmWorkspace.VECTOR). */
    public boolean vectorised() {
        return workspace.vectorised();
    }
}
