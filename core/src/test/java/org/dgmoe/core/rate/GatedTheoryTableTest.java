package org.dgmoe.core.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.rate.GatedTheoryTable.Exponent;
import org.dgmoe.core.rate.GatedTheoryTable.Quantity;
import org.junit.jupiter.api.Test;

class GatedTheoryTableTest {
    private static final LossSettings L = LossSettings.DEFAULTS; // r̄(2) = 4, r̄(3) = 6

    // Exponents are exact binary fractions or 1/r̄ computed the same way: compared exactly.
    @Test
    void softmaxExponentsFollowD1AndD2() {
        for (Quantity q : new Quantity[] {Quantity.GATE_LOCATION, Quantity.SLOPE, Quantity.INTERCEPT,
            Quantity.VARIANCE, Quantity.MASS, Quantity.VORONOI}) {
            assertEquals(-0.5, GatedTheoryTable.softmax(q, 1, L).value(), 0.0, q.name());
        }
        assertEquals(-1.0 / 8, GatedTheoryTable.softmax(Quantity.GATE_LOCATION, 2, L).value(), 0.0);
        assertEquals(-1.0 / 8, GatedTheoryTable.softmax(Quantity.INTERCEPT, 2, L).value(), 0.0);
        assertEquals(-1.0 / 4, GatedTheoryTable.softmax(Quantity.SLOPE, 2, L).value(), 0.0);
        assertEquals(-1.0 / 6, GatedTheoryTable.softmax(Quantity.VARIANCE, 3, L).value(), 0.0);
        assertEquals(-0.5, GatedTheoryTable.softmax(Quantity.MASS, 3, L).value(), 0.0);
        assertFalse(GatedTheoryTable.softmax(Quantity.SLOPE, 4, L).known(), "r̄(4) is not configured");
        assertFalse(GatedTheoryTable.softmax(Quantity.GATE_COVARIANCE, 1, L).known());
        assertTrue(GatedTheoryTable.softmax(Quantity.SLOPE, 2, L).source().contains("2305.03288"));
    }

    @Test
    void gaussianSlopeExponentDependsOnTheGateMean() {
        assertEquals(-0.25, GatedTheoryTable.gaussian(Quantity.SLOPE, 3, false, L).value(), 0.0);
        assertEquals(-1.0 / 6, GatedTheoryTable.gaussian(Quantity.SLOPE, 3, true, L).value(), 0.0);
        assertEquals(-1.0 / 12, GatedTheoryTable.gaussian(Quantity.GATE_LOCATION, 3, false, L).value(), 0.0);
        assertEquals(-1.0 / 4, GatedTheoryTable.gaussian(Quantity.GATE_COVARIANCE, 2, true, L).value(), 0.0);
        assertEquals(-0.5, GatedTheoryTable.gaussian(Quantity.GATE_COVARIANCE, 1, true, L).value(), 0.0);
        assertFalse(GatedTheoryTable.gaussian(Quantity.LAMBDA_SLOPE, 1, false, L).known());
        LossSettings none = new LossSettings(Map.of(), 0, 1, 64);
        assertFalse(GatedTheoryTable.gaussian(Quantity.INTERCEPT, 2, false, none).known());
        // Type I's power 2 on a does not need r̄.
        assertEquals(-0.25, GatedTheoryTable.gaussian(Quantity.SLOPE, 2, false, none).value(), 0.0);
    }

    @Test
    void gaussianWassersteinFollowsTheDeviatedModelsRule() {
        // Default order r̄(k − k* + 1): W̃_1 at k = k* decays like its scale term's square root, n^{-1/4}; over-fitted
        // W̃_r̄ like n^{-1/(2r̄)}.
        assertEquals(-0.25, GatedTheoryTable.generalizedWasserstein(3, 3, L).value(), 0.0);
        assertEquals(-1.0 / 8, GatedTheoryTable.generalizedWasserstein(4, 3, L).value(), 0.0);
        assertEquals(-1.0 / 12, GatedTheoryTable.generalizedWasserstein(5, 3, L).value(), 0.0);
        assertTrue(GatedTheoryTable.generalizedWasserstein(4, 3, L).source().contains("Ho & Nguyen"));
        assertFalse(GatedTheoryTable.generalizedWasserstein(6, 3, L).known(), "r̄(4) is not configured");
        assertFalse(GatedTheoryTable.generalizedWasserstein(4, 3, new LossSettings(L.rbar(), 2, 1, 64)).known(),
                "another configured order");
    }

    @Test
    void sigmoidDeviationIsParametricOnlyWhenDistinguishable() {
        assertEquals(-0.5, GatedTheoryTable.sigmoidDeviation(Quantity.LAMBDA_INTERCEPT, true, 1).value(), 0.0);
        assertEquals(-0.5, GatedTheoryTable.sigmoidDeviation(Quantity.VARIANCE, true, 1).value(), 0.0);
        assertFalse(GatedTheoryTable.sigmoidDeviation(Quantity.LAMBDA_SLOPE, false, 1).known());
        assertFalse(GatedTheoryTable.sigmoidDeviation(Quantity.LAMBDA_SLOPE, true, 2).known());
        assertFalse(GatedTheoryTable.sigmoidDeviation(Quantity.VORONOI, true, 1).known());
    }

    @Test
    void anExponentNamesItsSourceAndIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new Exponent(-0.5, " "));
        assertThrows(IllegalArgumentException.class, () -> new Exponent(0.5, "x"));
    }
}
