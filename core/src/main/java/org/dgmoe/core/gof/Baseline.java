package org.dgmoe.core.gof;

/**
 * A test statistic with its p-value.
 *
 * @param statistic the statistic
 * @param pValue    its p-value in (0, 1]
 */
public record Baseline(double statistic, double pValue) {
    public Baseline {
        if (Double.isNaN(statistic)) {
            throw new IllegalArgumentException("statistic: must not be NaN");
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("pValue: must be in [0, 1], got " + pValue);
        }
    }
}
