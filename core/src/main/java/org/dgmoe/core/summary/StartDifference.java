package org.dgmoe.core.summary;

import org.dgmoe.core.study.StartComparison;

/**
 * What a fit's row keeps of its start-sensitivity check ({@link StartComparison}): the best random
 * refit minus the kept fit. The refit's own log-likelihood and status are not kept, so a row read
 * back equals the row written.
 *
 * @param deltaLogLikelihood    ℓ(best random) − ℓ(kept fit)
 * @param voronoiDifference     Voronoi loss of the best random fit minus the kept fit's
 * @param wassersteinDifference the same for the generalized Wasserstein loss
 * @param differentMaximum      |Δℓ| &gt; {@link org.dgmoe.core.study.StartCheck#DIFFERENT_MAXIMUM}
 */
public record StartDifference(double deltaLogLikelihood, double voronoiDifference, double wassersteinDifference,
        boolean differentMaximum) {

    /** The recorded part of a comparison, or null when the task was not checked. */
    public static StartDifference of(StartComparison comparison) {
        return comparison == null ? null : new StartDifference(comparison.deltaLogLikelihood(),
                comparison.voronoiDifference(), comparison.wassersteinDifference(), comparison.differentMaximum());
    }
}
