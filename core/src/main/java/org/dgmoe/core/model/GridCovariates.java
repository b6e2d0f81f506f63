package org.dgmoe.core.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.InvalidParameterException;

/**
 * d = 1, n equally spaced points on [min, max]: x_i = min + (max − min)·i/(n − 1) (x_0 = min when
 * n = 1). Deterministic: draws nothing from the generator (reference §6, "an equally spaced grid").
 */
public record GridCovariates(double min, double max) implements Covariates {

    public GridCovariates {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new InvalidParameterException("max", "must be finite and > min = " + min + ", got " + max);
        }
    }

    @Override
    public Distribution distribution() {
        return Distribution.GRID;
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public void fill(int n, UniformRandomProvider rng, double[] out) {
        if (n == 1) {
            out[0] = min;
            return;
        }
        for (int i = 0; i < n; i++) {
            out[i] = min + (max - min) * i / (n - 1);
        }
    }
}
