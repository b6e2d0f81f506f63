package org.dgmoe.core.study;

import org.dgmoe.core.em.FitStatus;

/**
 * The outcome of a start-sensitivity check of one task ({@link StartCheck}): the configured fit
 * against the best of the random-start refits (largest finite log-likelihood).
 *
 * @param randomLogLikelihood   ℓ of the best random-start fit
 * @param randomStatus          its status
 * @param deltaLogLikelihood    ℓ(best random) − ℓ(configured fit): positive when a random start found a
 *                              higher maximum
 * @param voronoiDifference     Voronoi loss of the best random fit minus that of the configured fit
 * @param wassersteinDifference the same for the generalized Wasserstein loss
 * @param differentMaximum      |Δℓ| &gt; {@link StartCheck#DIFFERENT_MAXIMUM}
 */
public record StartComparison(double randomLogLikelihood, FitStatus randomStatus, double deltaLogLikelihood,
        double voronoiDifference, double wassersteinDifference, boolean differentMaximum)
        implements java.io.Serializable {
}
