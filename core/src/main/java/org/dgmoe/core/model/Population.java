package org.dgmoe.core.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.InvalidParameterException;

/**
 * A real data set as the population of a rate study (a setting's {@code population} block): a task (setting, n,
 * replicate) does not simulate its data but draws n of the N rows, and the truth it is measured against is the
 * full-data MLE of the setting's model ({@code core.study.PopulationTruth}; docs/population.md).
 *
 * <p>As a law of x it is the empirical law of the rows' covariates ({@link #fill}: rows drawn uniformly with
 * replacement), which is what the expected Hellinger distance averages over.
 *
 * <p>The rows are shared, never copied per task: a population is read once per JVM (the app caches it by path
 * and content hash) and a task's sample is a new {@link Dataset} of n rows.
 *
 * @param rows        the N rows, x and y
 * @param source      where the rows came from (the data file, as the study names it after resolution)
 * @param contentHash SHA-256 (hex) of the file's bytes: part of the config hash, so a changed file is never
 *                    resumed into
 * @param sampling    how a task draws its rows
 */
public record Population(Dataset rows, String source, String contentHash, Sampling sampling) implements Covariates {

    /**
     * Without replacement, a sample larger than this fraction of N ({@value}) overlaps the other replicates'
     * samples so much that the replicates are no longer close to independent draws from the population: two
     * samples of n rows share n²/N rows on average, so at n = N/10 a tenth of every sample is shared with every
     * other. The sweep warns beyond it (one line per setting); n ≥ N is refused.
     */
    public static final double INDEPENDENT_FRACTION = 0.1;

    /** How a task draws its n rows from the N; {@code population.sample} names one. */
    public enum Sampling implements ConfigNamed {
        /** n distinct rows: the first n of a keyed random permutation (a partial Fisher–Yates shuffle); n &lt; N. */
        WITHOUT_REPLACEMENT,
        /** n rows drawn uniformly and independently (a bootstrap sample of the population); any n. */
        WITH_REPLACEMENT
    }

    public Population {
        if (rows == null || sampling == null || source == null || contentHash == null) {
            throw new IllegalArgumentException("rows, source, contentHash, sampling: must not be null");
        }
        if (rows.size() < 2) {
            throw new InvalidParameterException("data", "a population needs at least 2 rows, got " + rows.size());
        }
    }

    @Override
    public Distribution distribution() {
        return Distribution.POPULATION;
    }

    @Override
    public int dimension() {
        return rows.dimension();
    }

    /** N, the population's size. */
    public int size() {
        return rows.size();
    }

    /** The covariates of n rows drawn uniformly with replacement (one {@code nextInt(N)} per point, in order). */
    @Override
    public void fill(int n, UniformRandomProvider rng, double[] out) {
        int d = rows.dimension();
        int size = rows.size();
        double[] x = rows.columnView();
        for (int i = 0; i < n; i++) {
            int r = rng.nextInt(size);
            for (int j = 0; j < d; j++) {
                out[j * n + i] = x[j * size + r];
            }
        }
    }

    /**
     * The data set of a task: the rows {@link #rowIndices} picks, in that order. The indices, and so the rows, depend
     * only on the generator's stream (the task's {@code Seeds.Stream.SUBSAMPLE}), never on partitioning.
     *
     * @throws IllegalArgumentException when n &lt; 1, or n ≥ N without replacement (the study file refuses both)
     */
    public Dataset sample(int n, UniformRandomProvider rng) {
        int[] index = rowIndices(size(), n, sampling, rng);
        int d = rows.dimension();
        int size = rows.size();
        double[] x = rows.columnView();
        double[] y = rows.yView();
        double[] sx = new double[n * d];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            int r = index[i];
            sy[i] = y[r];
            for (int j = 0; j < d; j++) {
                sx[j * n + i] = x[j * size + r];
            }
        }
        return new Dataset(d, sx, sy);
    }

    /**
     * n row indices out of 0..N−1. Without replacement: the first n entries of a permutation, by a partial
     * Fisher–Yates shuffle (Durstenfeld 1964: for i = 0..n−1 swap entry i with a uniform entry of i..N−1, one
     * {@code nextInt(N − i)} each), so no row repeats and a larger n extends a smaller one's prefix only when the
     * stream is the same. With replacement: one {@code nextInt(N)} per index.
     */
    public static int[] rowIndices(int size, int n, Sampling sampling, UniformRandomProvider rng) {
        if (n < 1) {
            throw new IllegalArgumentException("n: must be >= 1, got " + n);
        }
        int[] out = new int[n];
        if (sampling == Sampling.WITH_REPLACEMENT) {
            for (int i = 0; i < n; i++) {
                out[i] = rng.nextInt(size);
            }
            return out;
        }
        if (n >= size) {
            throw new IllegalArgumentException("n: must be < N = " + size + " without replacement, got " + n);
        }
        int[] permutation = new int[size];
        for (int i = 0; i < size; i++) {
            permutation[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(size - i);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
            out[i] = permutation[i];
        }
        return out;
    }

    /** Whether n rows drawn without replacement overlap the other replicates' too much ({@link #INDEPENDENT_FRACTION}). */
    public boolean overlaps(int n) {
        return sampling == Sampling.WITHOUT_REPLACEMENT && n > INDEPENDENT_FRACTION * size();
    }
}
