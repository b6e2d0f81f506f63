package org.dgmoe.core.study;

import org.dgmoe.core.InvalidParameterException;

/**
 * Start-sensitivity check (docs/convergence.md): a deterministic share of the replicates is refitted
 * from {@code restarts} random starts, and the best of them is compared with the configured fit.
 *
 * @param fraction share of replicates checked, in [0, 1]; 0 is off. A replicate is checked when the
 *                 first draw u of its {@code Seeds.Stream.REFIT} stream satisfies u &lt; fraction, so the
 *                 choice depends only on the task seed
 * @param restarts random starts of a check, ≥ 1
 */
public record StartCheck(double fraction, int restarts) implements java.io.Serializable {

    /** Default number of random starts of a check. */
    public static final int DEFAULT_RESTARTS = 5;

    /** The most random starts of a check (each costs a whole fit). */
    public static final int MAX_RESTARTS = 10_000;

    /** No check. */
    public static final StartCheck OFF = new StartCheck(0, DEFAULT_RESTARTS);

    /**
     * Two maxima are "different" when their log-likelihoods differ by more than 1e-3: the default stop
     * rule leaves ℓ within ~1e-8 × (iterations to go) of its limit, so a gap of 1e-3 is not a matter of
     * convergence, and it is far below the O(1) sampling fluctuation of ℓ, so smaller gaps are
     * statistically irrelevant.
     */
    public static final double DIFFERENT_MAXIMUM = 1e-3;

    // Messages name the key relative to the fit.start-check object; a config reader prefixes its path.
    public StartCheck {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new InvalidParameterException("fraction", "must be in [0, 1], got " + fraction);
        }
        if (restarts < 1 || restarts > MAX_RESTARTS) {
            throw new InvalidParameterException("restarts", "must be an integer in [1, " + MAX_RESTARTS + "], got "
                    + restarts);
        }
    }

    public boolean enabled() {
        return fraction > 0;
    }
}
