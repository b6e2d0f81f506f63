package org.dgmoe.core.em;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.G0;

/** A data-driven start for users fitting real data (reference §6: "offer data-driven starts too"). */
public final class RandomStart {
    private RandomStart() {
    }

    /**
     * A random start with k experts for {@code data}, in the family of {@code g0}; λ starts at
     * {@code lambda} (ignored and 1 for g0 none).
     */
    public static DeviatedModel draw(Dataset data, G0 g0, int k, double lambda, UniformRandomProvider rng) {
        throw new UnsupportedOperationException("RandomStart.draw: being implemented (issue 2)");
    }
}
