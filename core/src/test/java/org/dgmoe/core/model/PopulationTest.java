package org.dgmoe.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.random.Seeds;
import org.junit.jupiter.api.Test;

/** A population's keyed subsample: a permutation prefix without replacement, rows copied as they are. */
class PopulationTest {
    private static final int N = 50;

    /** N rows, d = 2: row i has x = (i, 100 + i) and y = −i, so a sampled row names its index. */
    private static Population population(Population.Sampling sampling) {
        double[][] rows = new double[N][];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            rows[i] = new double[] {i, 100 + i};
            y[i] = -i;
        }
        return new Population(Dataset.ofRows(rows, y), "rows.csv", "hash", sampling);
    }

    @Test
    void withoutReplacementTheRowsAreAPermutationPrefix() {
        for (int n : new int[] {1, 7, 25, N - 1}) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1000L + n);
            int[] index = Population.rowIndices(N, n, Population.Sampling.WITHOUT_REPLACEMENT, rng);
            assertEquals(n, index.length);
            assertEquals(n, Arrays.stream(index).distinct().count(), "no row twice at n = " + n);
            assertTrue(Arrays.stream(index).allMatch(i -> i >= 0 && i < N), "every index a row at n = " + n);
        }
        // Over many draws every row comes first about equally often: a shuffle, not a fixed order. Each of the N
        // rows is first with probability 1/N, so in 5000 draws it is first 100 times on average (sd ≈ 9.9); 60..140
        // is ±4 sd, which a correct shuffle misses with probability below 1e-3 for all 50 rows together.
        int[] first = new int[N];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        for (int t = 0; t < 5000; t++) {
            first[Population.rowIndices(N, 3, Population.Sampling.WITHOUT_REPLACEMENT, rng)[0]]++;
        }
        assertTrue(Arrays.stream(first).allMatch(c -> c >= 60 && c <= 140), Arrays.toString(first));
    }

    @Test
    void aSampleIsTheChosenRowsInOrderAndDependsOnlyOnTheStream() {
        Population p = population(Population.Sampling.WITHOUT_REPLACEMENT);
        long taskSeed = Seeds.taskSeed(20261207L, "population", 20, 3);
        Dataset a = p.sample(20, Seeds.stream(taskSeed, Seeds.Stream.SUBSAMPLE));
        Dataset b = p.sample(20, Seeds.stream(taskSeed, Seeds.Stream.SUBSAMPLE));
        int[] index = Population.rowIndices(N, 20, Population.Sampling.WITHOUT_REPLACEMENT,
                Seeds.stream(taskSeed, Seeds.Stream.SUBSAMPLE));
        assertArrayEquals(a.columnView(), b.columnView());
        assertArrayEquals(a.yView(), b.yView());
        for (int i = 0; i < 20; i++) {
            // row r carries x = (r, 100 + r), y = −r: exactly the chosen row, coordinates kept together
            assertEquals(index[i], a.x(i, 0));
            assertEquals(100 + index[i], a.x(i, 1));
            assertEquals(-index[i], a.y(i));
        }
        Dataset other = p.sample(20, Seeds.stream(Seeds.taskSeed(20261207L, "population", 20, 4),
                Seeds.Stream.SUBSAMPLE));
        assertFalse(Arrays.equals(a.yView(), other.yView()), "another replicate draws other rows");
    }

    @Test
    void withoutReplacementRefusesNAtOrAboveN() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        assertThrows(IllegalArgumentException.class,
                () -> Population.rowIndices(N, N, Population.Sampling.WITHOUT_REPLACEMENT, rng));
        assertEquals(3 * N, Population.rowIndices(N, 3 * N, Population.Sampling.WITH_REPLACEMENT, rng).length);
    }

    @Test
    void withReplacementDrawsRowsIndependently() {
        int[] index = Population.rowIndices(N, 40, Population.Sampling.WITH_REPLACEMENT,
                RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        assertTrue(Arrays.stream(index).allMatch(i -> i >= 0 && i < N));
        // 40 draws of 50 rows repeat one with probability 1 − Π(1 − i/50) > 0.9999: with replacement means repeats
        assertTrue(Arrays.stream(index).distinct().count() < 40);
    }

    @Test
    void theCovariateLawIsTheRowsAndTheOverlapWarningStartsAboveATenth() {
        Population p = population(Population.Sampling.WITHOUT_REPLACEMENT);
        double[] x = new double[2 * 30];
        p.fill(30, RandomSource.XO_RO_SHI_RO_128_PP.create(5L), x);
        for (int i = 0; i < 30; i++) {
            assertEquals(x[i] + 100, x[30 + i], "a drawn point is one row's x, coordinates together");
        }
        assertFalse(p.overlaps(N / 10));
        assertTrue(p.overlaps(N / 10 + 1));
        assertFalse(population(Population.Sampling.WITH_REPLACEMENT).overlaps(N - 1));
    }
}
