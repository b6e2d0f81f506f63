package org.dgmoe.core.loss;

import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the losses (reference §4).
 *
 * @param rbar                     r̄(m) per cell size m ≥ 2 (defaults {2 = 4, 3 = 6}); a cell size with no
 *                                 entry is an error, never a guess
 * @param wassersteinOrder         order r of W̃_r; 0 means r̄(k − k* + 1) (1 when k = k*)
 * @param hellingerCovariatePoints Monte Carlo points over x for the expected Hellinger distance
 * @param hellingerQuadratureNodes the adaptive quadrature's budget over y per covariate point: at most this many
 *                                 Gauss–Kronrod (15-node) panel bisections beyond the initial panels (docs/losses.md;
 *                                 with the default 64 the tested near-truth fits reach 1e-13 relative accuracy)
 */
public record LossSettings(Map<Integer, Integer> rbar, int wassersteinOrder, int hellingerCovariatePoints,
        int hellingerQuadratureNodes) {

    public static final LossSettings DEFAULTS = new LossSettings(Map.of(2, 4, 3, 6), 0, 256, 64);

    public LossSettings {
        if (rbar == null) {
            throw new IllegalArgumentException("losses.voronoi.rbar: must not be null");
        }
        rbar = Map.copyOf(new TreeMap<>(rbar));
        for (Map.Entry<Integer, Integer> e : rbar.entrySet()) {
            if (e.getKey() < 2) {
                throw new IllegalArgumentException("losses.voronoi.rbar: keys are cell sizes >= 2, got " + e.getKey());
            }
            if (e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException("losses.voronoi.rbar." + e.getKey() + ": must be >= 1, got " + e.getValue());
            }
        }
        if (wassersteinOrder < 0) {
            throw new IllegalArgumentException("losses.wasserstein.order: must be >= 1, or 0 for r̄(k − k* + 1), got "
                    + wassersteinOrder);
        }
        if (hellingerCovariatePoints < 1) {
            throw new IllegalArgumentException("losses.hellinger.covariate-points: must be >= 1, got "
                    + hellingerCovariatePoints);
        }
        if (hellingerQuadratureNodes < 8) {
            throw new IllegalArgumentException("losses.hellinger.quadrature-nodes: must be >= 8, got "
                    + hellingerQuadratureNodes);
        }
    }
}
