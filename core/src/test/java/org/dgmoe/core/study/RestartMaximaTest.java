package org.dgmoe.core.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Grouping the starts' log-likelihoods into distinct maxima ({@link RestartMaxima}). */
class RestartMaximaTest {

    /**
     * The tone data: two maxima 145.417 and 141.198. Starts within 1e-3 of a maximum's top count as
     * reaching it (5e-4 apart: one maximum; 2e-3 apart: two); a failed start is counted apart.
     */
    @Test
    void groupsStartsWithinTheToleranceOfAMaximumsTop() {
        double[] l = {141.198, 145.417, 145.4165, Double.NaN, 145.417, 141.1982, 145.415};
        RestartMaxima m = RestartMaxima.of(l);
        // 145.415 is 2e-3 below 145.417: a third maximum, not the first
        assertArrayEquals(new double[] {145.417, 145.415, 141.1982}, m.values(), 0.0);
        assertArrayEquals(new int[] {3, 1, 2}, m.starts());
        assertEquals(1, m.failed());
        assertEquals(3, m.reachedBest());
        assertEquals(3, m.count());
        assertEquals(7, m.total());
    }

    /** Groups are anchored at their top: a chain of values each 6e-4 below the last does not merge into one. */
    @Test
    void aChainOfCloseValuesDoesNotDrift() {
        RestartMaxima m = RestartMaxima.of(new double[] {-10.0, -10.0006, -10.0012, -10.0018});
        assertArrayEquals(new double[] {-10.0, -10.0012}, m.values(), 0.0);
        assertArrayEquals(new int[] {2, 2}, m.starts());
    }

    @Test
    void everyStartFailedLeavesNoMaximum() {
        RestartMaxima m = RestartMaxima.of(new double[] {Double.NaN, Double.NEGATIVE_INFINITY});
        assertEquals(0, m.count());
        assertEquals(0, m.reachedBest());
        assertEquals(2, m.failed());
        assertThrows(IllegalArgumentException.class, () -> new RestartMaxima(new double[1], new int[2], 0));
    }
}
