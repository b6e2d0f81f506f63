package org.dgmoe.core.rate;

import org.dgmoe.core.em.FitStatus;

/**
 * How the fits of one (setting, n) ended, for the guardrails of {@link Guardrails}.
 *
 * @param n             sample size
 * @param fits          fits (replicates)
 * @param converged     fits with status CONVERGED
 * @param capped        fits that hit the iteration cap (MAX_ITERATIONS)
 * @param otherFailures DEGENERATE or NON_FINITE fits
 * @param startChecked  fits refitted from random starts (start-sensitivity check)
 * @param startDiffered of those, fits whose best random start reached a different maximum
 */
public record FitCounts(long n, int fits, int converged, int capped, int otherFailures, int startChecked,
        int startDiffered) {

    public FitCounts {
        if (fits < 0 || converged < 0 || capped < 0 || otherFailures < 0 || converged + capped + otherFailures != fits) {
            throw new IllegalArgumentException("fits: must be converged + capped + otherFailures, all >= 0, got " + fits
                    + " = " + converged + " + " + capped + " + " + otherFailures);
        }
        if (startChecked < 0 || startDiffered < 0 || startDiffered > startChecked || startChecked > fits) {
            throw new IllegalArgumentException("startChecked, startDiffered: must satisfy 0 <= startDiffered <= "
                    + "startChecked <= fits, got " + startDiffered + ", " + startChecked + ", " + fits);
        }
    }

    /** Counts of the statuses of one n (not modified); no start checks. */
    public static FitCounts of(long n, FitStatus[] statuses) {
        return of(n, statuses, null, null);
    }

    /**
     * Counts of one n. {@code checked[i]}: fit i was start-checked; {@code differed[i]}: its best random
     * start reached a different maximum (both may be null for none; not modified).
     */
    public static FitCounts of(long n, FitStatus[] statuses, boolean[] checked, boolean[] differed) {
        int converged = 0;
        int capped = 0;
        int other = 0;
        int c = 0;
        int dif = 0;
        for (int i = 0; i < statuses.length; i++) {
            switch (statuses[i]) {
                case CONVERGED -> converged++;
                case MAX_ITERATIONS -> capped++;
                default -> other++;
            }
            if (checked != null && checked[i]) {
                c++;
                if (differed != null && differed[i]) {
                    dif++;
                }
            }
        }
        return new FitCounts(n, statuses.length, converged, capped, other, c, dif);
    }

    /** Fits that did not converge. */
    public int nonConverged() {
        return fits - converged;
    }

    /** Share of fits that hit the iteration cap (0 when there are no fits). */
    public double cappedFraction() {
        return fits == 0 ? 0 : (double) capped / fits;
    }
}
