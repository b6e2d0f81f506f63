package org.dgmoe.core.rate;

/**
 * Summary of one metric at one sample size over replicates.
 *
 * @param n      sample size
 * @param count  replicates summarised (finite values)
 * @param failed replicates excluded (not converged, or a non-finite value)
 * @param mean   mean
 * @param median median
 * @param sd     sample standard deviation (n − 1 denominator; 0 when count = 1)
 * @param q10    10% quantile
 * @param q90    90% quantile
 */
public record CurvePoint(long n, int count, int failed, double mean, double median, double sd, double q10, double q90) {
}
