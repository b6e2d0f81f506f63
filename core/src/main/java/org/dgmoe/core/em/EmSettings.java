package org.dgmoe.core.em;

/**
 * Settings of the EM fitter (reference §3, §6). Immutable; {@code withX} return new instances.
 *
 * @param maxIterations  iteration cap, ≥ 1
 * @param tolerance      stop when |ℓ_t − ℓ_{t−1}| / |ℓ_{t−1}| < tolerance (the published relative rule);
 *                       0 runs exactly {@code maxIterations} iterations (benchmarks rely on it)
 * @param varianceFloor  lower bound on every fitted variance, &gt; 0 (the likelihood is unbounded as a
 *                       variance → 0, reference §1)
 * @param lambdaFree     λ is estimated; when false it stays at the start's value
 */
public record EmSettings(int maxIterations, double tolerance, double varianceFloor, boolean lambdaFree) {

    /**
     * Default variance floor 1e-6: three orders of magnitude below the smallest variance in the
     * reference-scale studies (≈ 1e-2) and far above the scale where a single point can capture a
     * component (σ² ≈ machine-epsilon · y²).
     */
    public static final double DEFAULT_VARIANCE_FLOOR = 1e-6;

    /** The reference's defaults: 2000 iterations, relative tolerance 1e-6, λ free. */
    public static final EmSettings DEFAULTS = new EmSettings(2000, 1e-6, DEFAULT_VARIANCE_FLOOR, true);

    public EmSettings {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max-iterations: must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance: must be >= 0 and finite, got " + tolerance);
        }
        if (!(varianceFloor > 0) || !Double.isFinite(varianceFloor)) {
            throw new IllegalArgumentException("variance-floor: must be > 0 and finite, got " + varianceFloor);
        }
    }

    public EmSettings withMaxIterations(int v) {
        return new EmSettings(v, tolerance, varianceFloor, lambdaFree);
    }

    public EmSettings withTolerance(double v) {
        return new EmSettings(maxIterations, v, varianceFloor, lambdaFree);
    }

    public EmSettings withVarianceFloor(double v) {
        return new EmSettings(maxIterations, tolerance, v, lambdaFree);
    }

    public EmSettings withLambdaFree(boolean v) {
        return new EmSettings(maxIterations, tolerance, varianceFloor, v);
    }
}
