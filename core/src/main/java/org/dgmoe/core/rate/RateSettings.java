package org.dgmoe.core.rate;

import org.dgmoe.core.InvalidParameterException;

/**
 * Settings of the rate estimator.
 *
 * @param bootstrapResamples bootstrap resamples for the interval (default 1000)
 * @param confidence         nominal coverage of the interval (default 0.95)
 * @param tolerance          widening of the interval before comparing with the theory (default 0.05)
 * @param seed               bootstrap seed (fixed: the same inputs give the same interval)
 * @param includeNonConverged curves and rates use every fit with a finite loss (true) or only the
 *                           converged ones (false, default; see {@link Guardrails})
 */
public record RateSettings(int bootstrapResamples, double confidence, double tolerance, long seed,
        boolean includeNonConverged) {

    public static final RateSettings DEFAULTS = new RateSettings(1000, 0.95, 0.05, 20240207L, false);

    /** The fewest bootstrap resamples: fewer leave a 95% interval's ends resting on a handful of draws. */
    public static final int MIN_BOOTSTRAP = 100;

    public static final int MAX_BOOTSTRAP = 10_000_000;

    /** Converged fits only. */
    public RateSettings(int bootstrapResamples, double confidence, double tolerance, long seed) {
        this(bootstrapResamples, confidence, tolerance, seed, false);
    }

    // Messages name the key relative to the rates object; a config reader prefixes its path.
    public RateSettings {
        if (bootstrapResamples < MIN_BOOTSTRAP || bootstrapResamples > MAX_BOOTSTRAP) {
            throw new InvalidParameterException("bootstrap", "must be an integer in [" + MIN_BOOTSTRAP + ", "
                    + MAX_BOOTSTRAP + "], got " + bootstrapResamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new InvalidParameterException("confidence", "must be in (0, 1), got " + confidence);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new InvalidParameterException("tolerance", "must be >= 0 and finite, got " + tolerance);
        }
    }
}
