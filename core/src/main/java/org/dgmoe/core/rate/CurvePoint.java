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
 * @param nonConverged fits that did not converge (whether or not they were summarised); −1 when unknown
 * @param capped       fits that hit the iteration cap; −1 when unknown
 */
public record CurvePoint(long n, int count, int failed, double mean, double median, double sd, double q10, double q90,
        int nonConverged, int capped) {

    /** Without convergence counts (−1: unknown). */
    public CurvePoint(long n, int count, int failed, double mean, double median, double sd, double q10, double q90) {
        this(n, count, failed, mean, median, sd, q10, q90, -1, -1);
    }
}
