package org.dgmoe.core.loss;

import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.DeviatedModel;

/** Computes every loss of reference §4 of a fitted model against the truth. Immutable, thread-safe. */
public final class LossCalculator {
    private final LossSettings settings;

    public LossCalculator(LossSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: must not be null");
        }
        this.settings = settings;
    }

    public LossSettings settings() {
        return settings;
    }

    /**
     * Every loss of {@code fitted} against {@code truth}; the expected Hellinger distance averages
     * over {@code covariates} with a fixed-seed Monte Carlo sample (the same x points for every fit).
     */
    public LossReport compute(DeviatedModel fitted, DeviatedModel truth, Covariates covariates) {
        throw new UnsupportedOperationException("LossCalculator.compute: being implemented (issue 3)");
    }
}
