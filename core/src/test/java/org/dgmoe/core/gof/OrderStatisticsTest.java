package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class OrderStatisticsTest {

    /** The grid's ranks ⌈(q + ½)n/10⌉ − 1 (non-decreasing; repeated for n &lt; 10). */
    private static int[] gridRanks(int n) {
        int[] ranks = new int[DeviationGrid.QUANTILES];
        for (int q = 0; q < ranks.length; q++) {
            ranks[q] = (int) Math.ceil((q + 0.5) / DeviationGrid.QUANTILES * n) - 1;
        }
        return ranks;
    }

    /** Every selected entry equals the sorted array's (exactly: an order statistic is one value). */
    private static void assertSelectsAsSortWould(double[] values, int[] ranks) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] selected = values.clone();
        OrderStatistics.select(selected, selected.length, ranks);
        for (int rank : ranks) {
            assertEquals(sorted[rank], selected[rank], 0, "rank " + rank + " of " + values.length);
        }
        // a permutation: nothing lost or duplicated
        Arrays.sort(selected);
        assertEquals(0, Arrays.compare(sorted, selected));
    }

    @Test
    void theGridsQuantilesAreTheSortedEntriesAtEverySize() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261208L);
        for (int n = 1; n <= 300; n++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextDouble() * 2 - 1;
            }
            assertSelectsAsSortWould(v, gridRanks(n));
        }
    }

    @Test
    void tiesOrderedInputAndEveryRankAtOnce() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int n = 1000;
        double[] fewValues = new double[n];
        double[] ascending = new double[n];
        double[] descending = new double[n];
        double[] constant = new double[n];
        for (int i = 0; i < n; i++) {
            fewValues[i] = rng.nextInt(3);
            ascending[i] = i;
            descending[i] = n - i;
            constant[i] = 0.25;
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (double[] v : new double[][] {fewValues, ascending, descending, constant}) {
            assertSelectsAsSortWould(v, gridRanks(n));
            assertSelectsAsSortWould(v, all);
            assertSelectsAsSortWould(v, new int[] {0});
            assertSelectsAsSortWould(v, new int[] {n - 1});
        }
    }

    @Test
    void anAdversarialPivotSequenceEndsInTheSortFallback() {
        // Organ-pipe input (rising then falling) makes median-of-three pivots poor for many levels; the depth guard
        // must still return the right values (and does so in O(n log n)).
        int n = 4096;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.min(i, n - i);
        }
        assertSelectsAsSortWould(v, gridRanks(n));
        assertSelectsAsSortWould(v, new int[] {n / 2});
    }
}
