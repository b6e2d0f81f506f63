package org.dgmoe.core.rate;

import org.dgmoe.core.em.FitStatus;

/**
 * Guardrails that keep a Monte Carlo study from reporting rates its fits cannot support
 * (docs/convergence.md, docs/rates.md):
 * <ul>
 * <li><b>Selection.</b> Curves and rates use converged fits only, unless
 * {@link RateSettings#includeNonConverged()}: an estimate EM stopped short of is a point of the
 * optimisation path, not of the sampling distribution of the MLE.</li>
 * <li><b>Unreliable.</b> The verdict is {@link Verdict#UNRELIABLE} when at some n more than
 * {@link #MAX_CAPPED_FRACTION} of the fits hit the iteration cap: then the cap, not the data, decides
 * where those fits end, and dropping them biases the curve toward the easy replicates.</li>
 * <li><b>Faster than parametric.</b> No loss measured here can decrease faster than n^{-1/2}: every one
 * of them is bounded below by a constant times the error of a regular parameter (cell masses, λ) or
 * of the density, whose minimax rate is n^{-1/2}. A slope whose whole interval lies below −1/2
 * (ciHigh &lt; −1/2) is therefore an artifact, typically of early stopping from a near-truth start
 * (the estimate inherits the start's n-dependent noise) — it gets {@link #FASTER_THAN_PARAMETRIC}.</li>
 * </ul>
 */
public final class Guardrails {
    /** Largest share of capped fits at any n for a rate to be trusted. */
    public static final double MAX_CAPPED_FRACTION = 0.05;
    /** The parametric exponent. */
    public static final double PARAMETRIC = -0.5;
    /** The flag of a rate steeper than parametric beyond its interval. */
    public static final String FASTER_THAN_PARAMETRIC = "faster-than-parametric: early stopping or start leakage?";

    private Guardrails() {
    }

    /** Whether fit {@code status} enters curves and rates. */
    public static boolean selected(FitStatus status, boolean includeNonConverged) {
        return includeNonConverged || status == FitStatus.CONVERGED;
    }

    /**
     * {@code values} with the entries of unselected fits replaced by NaN (a new array; inputs not
     * modified), so that the estimator's non-finite handling excludes them.
     */
    public static double[] select(double[] values, FitStatus[] statuses, boolean includeNonConverged) {
        if (values.length != statuses.length) {
            throw new IllegalArgumentException("values, statuses: must have equal length, got " + values.length
                    + " and " + statuses.length);
        }
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!selected(statuses[i], includeNonConverged)) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /** The largest capped share over {@code counts}. */
    public static double maxCappedFraction(FitCounts[] counts) {
        double m = 0;
        for (FitCounts c : counts) {
            m = Math.max(m, c.cappedFraction());
        }
        return m;
    }

    /** The flag of an interval: {@link #FASTER_THAN_PARAMETRIC} when ciHigh &lt; −1/2, else "". */
    public static String flag(double ciHigh) {
        return ciHigh < PARAMETRIC ? FASTER_THAN_PARAMETRIC : "";
    }

    /** The flag of a cell metric whose cell sizes differ from the theory's too often. */
    public static final String CELLS_DIFFER = "cells differ from the theory's in over 5% of fits at some n";

    /** The largest share of fits, at any n, whose cell differs from the planned size the theory assumes. */
    public static final double MAX_UNPLANNED_CELL_FRACTION = 0.05;

    /**
     * {@code r} with {@link #CELLS_DIFFER} added to its flag when, at some n, more than
     * {@link #MAX_UNPLANNED_CELL_FRACTION} of the fits had a cell size other than the one its
     * theory exponent assumes ({@link TheoryTable#plannedCellSizes}); such fits are pooled into the
     * mean with another rate, which can bend the curve (an over-fitted cell decays like n^{-1/8}, so
     * a few of them dominate the mean of a one-atom cell at large n). Only a flag: the verdict stands.
     *
     * @param unplanned per n, the fits whose cell size differed (not modified)
     * @param fits      per n, the fits with a known cell size (not modified)
     */
    public static RateEstimate cellsDiffer(RateEstimate r, int[] unplanned, int[] fits) {
        if (unplanned.length != fits.length) {
            throw new IllegalArgumentException("unplanned, fits: must have one entry per n, got " + unplanned.length
                    + " and " + fits.length);
        }
        boolean often = false;
        for (int i = 0; i < fits.length; i++) {
            if (unplanned[i] < 0 || unplanned[i] > fits[i]) {
                throw new IllegalArgumentException("unplanned[" + i + "]: must be in [0, fits], got " + unplanned[i]
                        + " of " + fits[i]);
            }
            often |= fits[i] > 0 && unplanned[i] > MAX_UNPLANNED_CELL_FRACTION * fits[i];
        }
        if (!often) {
            return r;
        }
        String flag = r.flag().isEmpty() ? CELLS_DIFFER : r.flag() + "; " + CELLS_DIFFER;
        return new RateEstimate(r.slope(), r.intercept(), r.ciLow(), r.ciHigh(), r.theory(), r.verdict(), flag);
    }

    /** {@code r} with the guardrails applied: verdict UNRELIABLE when too many fits are capped, and the flag. */
    public static RateEstimate apply(RateEstimate r, FitCounts[] counts) {
        Verdict v = maxCappedFraction(counts) > MAX_CAPPED_FRACTION ? Verdict.UNRELIABLE : r.verdict();
        return new RateEstimate(r.slope(), r.intercept(), r.ciLow(), r.ciHigh(), r.theory(), v, flag(r.ciHigh()));
    }
}
