package org.dgmoe.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void parameterCellNamesTheCellOfSlopeInterceptAndVarianceMetricsOnly() {
        assertEquals(1, Metrics.parameterCell(Metrics.cellSlope(1)));
        assertEquals(2, Metrics.parameterCell(Metrics.cellIntercept(2)));
        assertEquals(12, Metrics.parameterCell(Metrics.cellVariance(12)));
        assertEquals(0, Metrics.parameterCell(Metrics.cellMass(1)), "a mass's rate does not depend on |A_j|");
        assertEquals(0, Metrics.parameterCell(Metrics.cellSlope(0)), "cell 0 has no planned size");
        assertEquals(0, Metrics.parameterCell(Metrics.cellSize(1)));
        assertEquals(0, Metrics.parameterCell(Metrics.VORONOI));
        assertEquals(0, Metrics.parameterCell(Metrics.HELLINGER));
        assertEquals(0, Metrics.parameterCell("cellx_slope"));
        assertEquals(0, Metrics.parameterCell("cell_slope"));
    }
}
