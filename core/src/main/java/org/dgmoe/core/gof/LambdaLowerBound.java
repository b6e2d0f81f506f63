package org.dgmoe.core.gof;

import org.dgmoe.core.InvalidParameterException;

/**
 * A lower confidence bound for the share of the data that does not come from g0: with confidence
 * {@code level}, at least {@code value} of the data deviate from g0, and so λ ≥ {@code value}.
 *
 * @param value  the bound, in [0, 1)
 * @param level  its confidence level, in (0, 1)
 * @param n      the data points it was computed from
 * @param method how it was computed ({@link PatraSen#METHOD})
 * @param grid   the resolution of the γ grid it was read on (the bound is a multiple of 1/grid)
 */
public record LambdaLowerBound(double value, double level, int n, String method, int grid) {
    public LambdaLowerBound {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidParameterException("value", "must be in [0, 1), got " + value);
        }
        if (!(level > 0 && level < 1)) {
            throw new InvalidParameterException("level", "must be in (0, 1), got " + level);
        }
        if (n < 1) {
            throw new InvalidParameterException("n", "must be >= 1, got " + n);
        }
        if (method == null || method.isEmpty()) {
            throw new InvalidParameterException("method", "must be given");
        }
        if (grid < 1) {
            throw new InvalidParameterException("grid", "must be >= 1, got " + grid);
        }
    }
}
