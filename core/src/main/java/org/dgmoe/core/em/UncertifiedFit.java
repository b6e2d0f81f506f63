package org.dgmoe.core.em;

import org.dgmoe.core.model.DeviatedModel;

/**
 * A fit made without its optimality certificate ({@link EmFitter#fitUncertified}): its result, and what
 * {@link EmFitter#certify} needs to add the certificate {@link EmFitter#fit} would have reported, bit for
 * bit (the estimate in the fit's centred frame: its value in data units does not round-trip exactly).
 * Immutable.
 */
public final class UncertifiedFit {
    private final FitResult result;
    final EmSettings settings;
    final EmFitter.Kernel kernel;
    final DeviatedModel start;
    final int n;
    /** The estimate in the fit's centred frame, bit for bit; null when {@code fit} would not certify it. */
    final Iterate estimate;
    /** Whether the polish's last analysis was at the estimate (its certificate below costs nothing). */
    final boolean reused;
    final double reusedGain;
    final boolean reusedNegativeDefinite;

    UncertifiedFit(FitResult result, EmSettings settings, EmFitter.Kernel kernel, DeviatedModel start, int n,
            Iterate estimate, boolean reused, double reusedGain, boolean reusedNegativeDefinite) {
        this.result = result;
        this.settings = settings;
        this.kernel = kernel;
        this.start = start;
        this.n = n;
        this.estimate = estimate;
        this.reused = reused;
        this.reusedGain = reusedGain;
        this.reusedNegativeDefinite = reusedNegativeDefinite;
    }

    /** The fit without its certificate (newtonGain NaN, not negative definite). */
    public FitResult result() {
        return result;
    }

    /** {@link FitResult#betterThan} of the results: the rule that picks the fit to certify. */
    public boolean betterThan(UncertifiedFit other) {
        return result.betterThan(other.result);
    }
}
