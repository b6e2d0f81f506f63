package org.dgmoe.core.loss;

import java.util.List;

/**
 * Every loss of a fitted model against the truth (reference §4).
 *
 * @param voronoi                the Voronoi loss D
 * @param generalizedWasserstein W̃_r
 * @param wassersteinOrder       the order r used
 * @param hellinger              expected Hellinger distance between fitted and true conditional densities
 * @param lambdaError            |λ̂ − λ*|
 * @param cells                  one entry per true atom j = 1..k*, in order
 * @param g0Cell                 "cell 0" (non-distinguishable g0 only), or null
 */
public record LossReport(double voronoi, double generalizedWasserstein, int wassersteinOrder, double hellinger,
        double lambdaError, List<CellError> cells, CellError g0Cell) implements java.io.Serializable {

    public LossReport {
        cells = List.copyOf(cells);
    }
}
