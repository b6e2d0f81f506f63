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
 * of the density, whose minimax rate is n^{-1/2}. A slope whose whole interval lies below −1/2 by more
 * than the verdicts' tolerance (ciHigh &lt; −1/2 − tol) is therefore an artifact, typically of early
 * stopping from a near-truth start (the estimate inherits the start's n-dependent noise) — it gets
 * {@link #FASTER_THAN_PARAMETRIC}. The tolerance is the one the verdict grants the theory's exponent:
 * an interval that agrees with −1/2 is not flagged for lying just below it.</li>
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

    /**
     * The flag of an interval: {@link #FASTER_THAN_PARAMETRIC} when ciHigh &lt; −1/2 − tolerance, else "".
     *
     * @param tolerance the verdicts' widening of the interval ({@link RateSettings#tolerance()}), ≥ 0
     */
    public static String flag(double ciHigh, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance: must be >= 0, got " + tolerance);
        }
        return ciHigh + tolerance < PARAMETRIC ? FASTER_THAN_PARAMETRIC : "";
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
        return flagWhenOften(r, unplanned, fits, MAX_UNPLANNED_CELL_FRACTION, CELLS_DIFFER, "unplanned");
    }

    /** The flag of a rate whose fits are too often spurious. */
    public static final String SPURIOUS = "spurious maxima (a near-degenerate component) in over 5% of fits at some n";

    /** The largest share of spurious fits at any n for a rate to go unflagged. */
    public static final double MAX_SPURIOUS_FRACTION = 0.05;

    /**
     * {@code r} with {@link #SPURIOUS} added to its flag when, at some n, more than
     * {@link #MAX_SPURIOUS_FRACTION} of the fits are spurious ({@code NearDegeneracy}: a component
     * carrying a handful of points, or far narrower than the truth). Such a maximum puts a small
     * component far from every true atom in parameter space; its weighted error enters the mean of its
     * cell and of the aggregate losses, and how often EM finds one changes with n (docs/convergence.md,
     * "Near-degenerate components"). Only a flag: the verdict stands.
     *
     * @param spurious per n, the spurious fits (not modified)
     * @param fits     per n, all fits (not modified)
     */
    public static RateEstimate spurious(RateEstimate r, int[] spurious, int[] fits) {
        return flagWhenOften(r, spurious, fits, MAX_SPURIOUS_FRACTION, SPURIOUS, "spurious");
    }

    /** {@code r} with {@code flag} added when some {@code hits[i] > maxFraction · fits[i]}. */
    private static RateEstimate flagWhenOften(RateEstimate r, int[] hits, int[] fits, double maxFraction, String flag,
            String name) {
        if (hits.length != fits.length) {
            throw new IllegalArgumentException(name + ", fits: must have one entry per n, got " + hits.length
                    + " and " + fits.length);
        }
        boolean often = false;
        for (int i = 0; i < fits.length; i++) {
            if (hits[i] < 0 || hits[i] > fits[i]) {
                throw new IllegalArgumentException(name + "[" + i + "]: must be in [0, fits], got " + hits[i]
                        + " of " + fits[i]);
            }
            often |= fits[i] > 0 && hits[i] > maxFraction * fits[i];
        }
        if (!often) {
            return r;
        }
        return r.withFlag(r.flag().isEmpty() ? flag : r.flag() + "; " + flag);
    }

    /**
     * {@code r} with the guardrails applied: verdict UNRELIABLE when too many fits are capped, and the
     * faster-than-parametric flag at {@code tolerance} ({@link #flag(double, double)}).
     */
    public static RateEstimate apply(RateEstimate r, FitCounts[] counts, double tolerance) {
        RateEstimate flagged = r.withFlag(flag(r.ciHigh(), tolerance));
        return maxCappedFraction(counts) > MAX_CAPPED_FRACTION ? flagged.withVerdict(Verdict.UNRELIABLE, "") : flagged;
    }
}
