package org.dgmoe.core.em;

import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;

/**
 * Maximum-likelihood fitting of a deviated Gaussian mixture of experts by EM (reference §3).
 * The fitter is separate from the model it fits; it is immutable and thread-safe, and every call
 * allocates its own buffers once.
 */
public final class EmFitter {
    private final EmSettings settings;

    public EmFitter(EmSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: must not be null");
        }
        this.settings = settings;
    }

    public EmSettings settings() {
        return settings;
    }

    /**
     * Fits the family of {@code start} (its g0, its number of experts) to {@code data}, starting
     * from {@code start}. λ stays at the start's value when {@link EmSettings#lambdaFree()} is false.
     */
    public FitResult fit(Dataset data, DeviatedModel start) {
        throw new UnsupportedOperationException("EmFitter.fit: being implemented (issue 2)");
    }
}
