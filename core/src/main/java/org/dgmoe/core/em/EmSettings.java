package org.dgmoe.core.em;

import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.InvalidParameterException;

/**
 * Settings of the EM fitter (reference §3, §6; docs/convergence.md). Immutable; {@code withX} return
 * new instances.
 *
 * @param maxIterations  cap on the number of EM-map evaluations (M-steps), ≥ 1; for plain EM this is
 *                       the number of iterations, SQUAREM spends up to three per iteration
 * @param tolerance      the tolerance of {@code stop}: relative change of ℓ for {@link StopRule#RELATIVE},
 *                       absolute change of ℓ (the sum over points) for {@link StopRule#ABSOLUTE}; ≥ 0, and
 *                       0 runs exactly {@code maxIterations} EM-map evaluations (benchmarks rely on it)
 * @param varianceFloor  lower bound on every fitted variance, &gt; 0 (the likelihood is unbounded as a
 *                       variance → 0, reference §1)
 * @param lambdaFree     λ is estimated; when false it stays at the start's value
 * @param stop           the stopping rule
 * @param stepTolerance  bound on the largest scaled parameter step of {@link StopRule#ABSOLUTE}, &gt; 0
 *                       (ignored by the relative rule)
 * @param acceleration   plain EM, SQUAREM (scheme S3, S1 or S2), DAAREM, or either with the Newton polish
 * @param bounds         the compact parameter space option ({@link ParameterBounds#NONE} by default)
 */
public record EmSettings(int maxIterations, double tolerance, double varianceFloor, boolean lambdaFree,
        StopRule stop, double stepTolerance, Acceleration acceleration, ParameterBounds bounds)
        implements java.io.Serializable {

    /**
     * Default variance floor 1e-6: three orders of magnitude below the smallest variance in the
     * reference-scale studies (≈ 1e-2) and far above the scale where a single point can capture a
     * component (σ² ≈ machine-epsilon · y²).
     */
    public static final double DEFAULT_VARIANCE_FLOOR = 1e-6;

    /** Tolerance of the published relative rule (reference §6). */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-6;

    /**
     * Default tolerance of the absolute rule, 1e-8 on the change of ℓ per EM step: far below the O(1)
     * sampling fluctuation of ℓ at its maximum at every n (docs/convergence.md); chosen by the
     * measurement there.
     */
    public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-8;

    /** Default bound on the largest scaled parameter step (docs/convergence.md). */
    public static final double DEFAULT_STEP_TOLERANCE = 1e-6;

    /** Default cap on EM-map evaluations under the default rule. */
    public static final int DEFAULT_MAX_ITERATIONS = 10_000;

    /**
     * The defaults: absolute rule (|Δℓ| &lt; 1e-8 and scaled step &lt; 1e-6, or a predicted Newton gain
     * below 1e-8), at most 10 000 EM-map evaluations, SQUAREM with the Newton polish, λ free.
     */
    public static final EmSettings DEFAULTS = new EmSettings(DEFAULT_MAX_ITERATIONS, DEFAULT_ABSOLUTE_TOLERANCE,
            DEFAULT_VARIANCE_FLOOR, true, StopRule.ABSOLUTE, DEFAULT_STEP_TOLERANCE, Acceleration.SQUAREM_NEWTON);

    /**
     * The published settings of reference §6: 2000 plain EM iterations, relative tolerance 1e-6, λ free.
     */
    public static final EmSettings PUBLISHED = new EmSettings(2000, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_VARIANCE_FLOOR,
            true, StopRule.RELATIVE, DEFAULT_STEP_TOLERANCE, Acceleration.NONE);

    public EmSettings {
        if (maxIterations < 1) {
            throw new InvalidParameterException("max-iterations", "must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new InvalidParameterException("tolerance", "must be >= 0 and finite, got " + tolerance);
        }
        if (!(varianceFloor > 0) || !Double.isFinite(varianceFloor)) {
            throw new InvalidParameterException("variance-floor", "must be > 0 and finite, got " + varianceFloor);
        }
        if (stop == null) {
            throw new IllegalArgumentException("stop: must be one of "
                    + String.join(", ", ConfigNamed.configNames(StopRule.class)) + ", got null");
        }
        if (!(stepTolerance > 0)) {
            throw new InvalidParameterException("step-tolerance", "must be > 0, got " + stepTolerance);
        }
        if (acceleration == null) {
            throw new IllegalArgumentException("accelerate: must be one of "
                    + String.join(", ", ConfigNamed.configNames(Acceleration.class)) + ", got null");
        }
        if (bounds == null) {
            throw new IllegalArgumentException("bounds: must not be null (ParameterBounds.NONE for none)");
        }
    }

    /** Without bounds ({@link ParameterBounds#NONE}). */
    public EmSettings(int maxIterations, double tolerance, double varianceFloor, boolean lambdaFree, StopRule stop,
            double stepTolerance, Acceleration acceleration) {
        this(maxIterations, tolerance, varianceFloor, lambdaFree, stop, stepTolerance, acceleration,
                ParameterBounds.NONE);
    }

    /** The default tolerance of a rule. */
    public static double defaultTolerance(StopRule rule) {
        return rule == StopRule.RELATIVE ? DEFAULT_RELATIVE_TOLERANCE : DEFAULT_ABSOLUTE_TOLERANCE;
    }

    public EmSettings withMaxIterations(int v) {
        return new EmSettings(v, tolerance, varianceFloor, lambdaFree, stop, stepTolerance, acceleration, bounds);
    }

    public EmSettings withTolerance(double v) {
        return new EmSettings(maxIterations, v, varianceFloor, lambdaFree, stop, stepTolerance, acceleration, bounds);
    }

    public EmSettings withVarianceFloor(double v) {
        return new EmSettings(maxIterations, tolerance, v, lambdaFree, stop, stepTolerance, acceleration, bounds);
    }

    public EmSettings withLambdaFree(boolean v) {
        return new EmSettings(maxIterations, tolerance, varianceFloor, v, stop, stepTolerance, acceleration, bounds);
    }

    public EmSettings withStop(StopRule v) {
        return new EmSettings(maxIterations, tolerance, varianceFloor, lambdaFree, v, stepTolerance, acceleration, bounds);
    }

    public EmSettings withStepTolerance(double v) {
        return new EmSettings(maxIterations, tolerance, varianceFloor, lambdaFree, stop, v, acceleration, bounds);
    }

    public EmSettings withAcceleration(Acceleration v) {
        return new EmSettings(maxIterations, tolerance, varianceFloor, lambdaFree, stop, stepTolerance, v, bounds);
    }

    public EmSettings withBounds(ParameterBounds v) {
        return new EmSettings(maxIterations, tolerance, varianceFloor, lambdaFree, stop, stepTolerance, acceleration,
                v);
    }
}
