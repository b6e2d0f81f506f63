package org.dgmoe.core.em;

import org.dgmoe.core.model.DeviatedModel;

/**
 * A fit made without its optimality certificate ({@link EmFitter#fitUncertified}): its result, and what
 * {@link EmFitter#certify} needs to add the certificate {@link EmFitter#fit} would have reported, bit for
 * bit. Immutable.
 */
public final class UncertifiedFit {
    private final FitResult result;
    /** The fitter that made it: only the same settings and kernel reproduce its certificate. */
    private final EmFitter fitter;
    private final DeviatedModel start;
    /** The number of points it was fitted to. */
    private final int n;
    /** What is left to certify; null when {@code fit} would not certify this result. */
    private final Pending pending;

    /**
     * The certificate {@code fit} would have added, not yet added: the estimate in the fit's centred frame,
     * bit for bit (its value in data units does not round-trip exactly), and the certificate the Newton
     * polish left there (its last analysis was at the estimate, so adding it costs nothing), or null when
     * it has to be computed.
     */
    record Pending(Iterate estimate, Certificate polished) {
        Pending {
            if (estimate == null) {
                throw new IllegalArgumentException("estimate: must not be null");
            }
        }
    }

    UncertifiedFit(FitResult result, EmFitter fitter, DeviatedModel start, int n, Pending pending) {
        this.result = result;
        this.fitter = fitter;
        this.start = start;
        this.n = n;
        this.pending = pending;
    }

    /** The fit without its certificate (newtonGain NaN, not negative definite). */
    public FitResult result() {
        return result;
    }

    /** {@link FitResult#betterThan} of the results: the rule that picks the fit to certify. */
    public boolean betterThan(UncertifiedFit other) {
        return result.betterThan(other.result);
    }

    EmFitter fitter() {
        return fitter;
    }

    DeviatedModel start() {
        return start;
    }

    int size() {
        return n;
    }

    /** What is left to certify; null when nothing is (tolerance 0, DEGENERATE, NON_FINITE). */
    Pending pending() {
        return pending;
    }
}
