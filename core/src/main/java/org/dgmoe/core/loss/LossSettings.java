package org.dgmoe.core.loss;

import java.util.Map;
import java.util.TreeMap;
import org.dgmoe.core.InvalidParameterException;

/**
 * Settings of the losses (reference §4).
 *
 * @param rbar                     r̄(m) per cell size m ≥ 2 (defaults {2 = 4, 3 = 6}); a cell size with no
 *                                 entry is an error, never a guess
 * @param wassersteinOrder         order r of W̃_r; 0 means r̄(k − k* + 1) (1 when k = k*)
 * @param hellingerCovariatePoints Monte Carlo points over x for the expected Hellinger distance
 * @param hellingerQuadratureNodes the adaptive quadrature's budget over y per covariate point: at most this many
 *                                 Gauss–Kronrod (15-node) panel bisections beyond the initial panels (docs/losses.md;
 *                                 the default 64 is never reached at the default tolerance in the tested fits)
 * @param hellingerRelativeTolerance the quadrature stops once its estimated error of H² at a covariate point is
 *                                 below this fraction of H² ({@link #DEFAULT_HELLINGER_RELATIVE_TOLERANCE})
 */
public record LossSettings(Map<Integer, Integer> rbar, int wassersteinOrder, int hellingerCovariatePoints,
        int hellingerQuadratureNodes, double hellingerRelativeTolerance) implements java.io.Serializable {

    /**
     * 1e-6 relative in H² at each point, so at most about 5e-7 relative in E_x H (H = √H²). The loss is
     * used through means over replicates, whose Monte Carlo standard error is at least ~5e-4 relative
     * even with a million replicates (H varies by tens of percent between replicates), and through
     * the fixed 256-point design over x, which differs from E_x by a few percent (docs/losses.md):
     * quadrature error a thousand times below the smallest of these cannot move a mean, a curve or a
     * slope, and 1e-10 (the former default) cost twice to three times the evaluations. The
     * quadrature's error estimate is conservative: measured errors are 1e-9 relative or less
     * (docs/losses.md, "Measured accuracy"; {@code ExpectedHellingerToleranceTest}).
     */
    public static final double DEFAULT_HELLINGER_RELATIVE_TOLERANCE = 1e-6;

    public static final LossSettings DEFAULTS = new LossSettings(Map.of(2, 4, 3, 6), 0, 256, 64,
            DEFAULT_HELLINGER_RELATIVE_TOLERANCE);

    /** The bounds of {@code hellingerRelativeTolerance}: below 1e-12 the rounding floor of the error estimate (50 ulp per panel) is near. */
    public static final double MIN_RELATIVE_TOLERANCE = 1e-12;

    public static final double MAX_RELATIVE_TOLERANCE = 1e-2;

    /** The largest r̄(m) and Wasserstein order: the loss raises distances to this power. */
    public static final int MAX_ORDER = 1000;

    /** The most Monte Carlo covariate points of the Hellinger distance (each costs a quadrature). */
    public static final int MAX_COVARIATE_POINTS = 10_000_000;

    /** The bounds of the quadrature's budget (see {@code hellingerQuadratureNodes}). */
    public static final int MIN_QUADRATURE_NODES = 8;

    public static final int MAX_QUADRATURE_NODES = 100_000;

    // Messages name the key relative to the losses object; a config reader prefixes its path.
    public LossSettings {
        if (rbar == null) {
            throw new IllegalArgumentException("voronoi.rbar: must not be null");
        }
        rbar = Map.copyOf(new TreeMap<>(rbar));
        for (Map.Entry<Integer, Integer> e : rbar.entrySet()) {
            if (e.getKey() < 2) {
                throw new InvalidParameterException("voronoi.rbar", "keys are cell sizes >= 2, got " + e.getKey());
            }
            if (e.getValue() == null || e.getValue() < 1 || e.getValue() > MAX_ORDER) {
                throw new InvalidParameterException("voronoi.rbar." + e.getKey(), "must be an integer in [1, "
                        + MAX_ORDER + "], got " + e.getValue());
            }
        }
        if (wassersteinOrder < 0 || wassersteinOrder > MAX_ORDER) {
            throw new InvalidParameterException("wasserstein.order", "must be an integer in [0, " + MAX_ORDER
                    + "] (0 for r̄(k − k* + 1)), got " + wassersteinOrder);
        }
        if (hellingerCovariatePoints < 1 || hellingerCovariatePoints > MAX_COVARIATE_POINTS) {
            throw new InvalidParameterException("hellinger.covariate-points", "must be an integer in [1, "
                    + MAX_COVARIATE_POINTS + "], got " + hellingerCovariatePoints);
        }
        if (hellingerQuadratureNodes < MIN_QUADRATURE_NODES || hellingerQuadratureNodes > MAX_QUADRATURE_NODES) {
            throw new InvalidParameterException("hellinger.quadrature-nodes", "must be an integer in ["
                    + MIN_QUADRATURE_NODES + ", " + MAX_QUADRATURE_NODES + "], got " + hellingerQuadratureNodes);
        }
        if (!(hellingerRelativeTolerance >= MIN_RELATIVE_TOLERANCE && hellingerRelativeTolerance <= MAX_RELATIVE_TOLERANCE)) {
            throw new InvalidParameterException("hellinger.relative-tolerance", "must be a number in ["
                    + MIN_RELATIVE_TOLERANCE + ", " + MAX_RELATIVE_TOLERANCE + "], got " + hellingerRelativeTolerance);
        }
    }

    /** These settings with the default Hellinger tolerance. */
    public LossSettings(Map<Integer, Integer> rbar, int wassersteinOrder, int hellingerCovariatePoints,
            int hellingerQuadratureNodes) {
        this(rbar, wassersteinOrder, hellingerCovariatePoints, hellingerQuadratureNodes,
                DEFAULT_HELLINGER_RELATIVE_TOLERANCE);
    }
}
