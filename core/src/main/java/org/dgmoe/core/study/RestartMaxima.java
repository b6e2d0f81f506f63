package org.dgmoe.core.study;

import java.util.Arrays;

/**
 * The distinct maxima the starts of one fit reached ({@code dgmoe fit}'s summary): the starts' final
 * log-likelihoods grouped so that starts within {@link #TOLERANCE} of a group's highest ℓ count as one
 * maximum. EM from several starts reaches several local maxima of the likelihood of a mixture; how many
 * starts found the kept one, and how far below it the others lie, tells a reader whether more starts
 * could find a better one (few starts reaching the best is a warning sign).
 *
 * @param values the maxima, highest first: each group's highest ℓ (copied in and out)
 * @param starts how many starts reached each maximum, in the order of {@code values}
 * @param failed how many starts ended with a non-finite ℓ (in no group)
 */
public record RestartMaxima(double[] values, int[] starts, int failed) {
    /**
     * Starts whose ℓ lie within this of a maximum's highest count as reaching it: the threshold of
     * {@link StartCheck#DIFFERENT_MAXIMUM} (1e-3 in ℓ, the sum over points), far above what the default stop
     * rule leaves to converge (about 1e-8 per step) and far below the O(1) sampling fluctuation of ℓ.
     * Under the relative rule on large data (ℓ in the 1e5s, steps of 1e-6 · |ℓ|) one maximum can show as
     * several close ones.
     */
    public static final double TOLERANCE = StartCheck.DIFFERENT_MAXIMUM;

    public RestartMaxima {
        values = values.clone();
        starts = starts.clone();
        if (values.length != starts.length || failed < 0) {
            throw new IllegalArgumentException("values, starts: must have one count per maximum, failed >= 0; got "
                    + values.length + " values, " + starts.length + " counts, " + failed + " failed");
        }
    }

    /**
     * The maxima of {@code logLikelihoods} (one per start, NaN or infinite for a failed start): sorted
     * highest first, each group opened by the highest ℓ not yet grouped and holding every lower ℓ within
     * {@link #TOLERANCE} of it (anchored at the group's top, so a chain of close values cannot drift).
     */
    public static RestartMaxima of(double[] logLikelihoods) {
        double[] finite = Arrays.stream(logLikelihoods).filter(Double::isFinite).sorted().toArray();
        int failed = logLikelihoods.length - finite.length;
        double[] values = new double[finite.length];
        int[] starts = new int[finite.length];
        int groups = 0;
        for (int i = finite.length - 1; i >= 0; i--) { // highest first
            if (groups > 0 && values[groups - 1] - finite[i] <= TOLERANCE) {
                starts[groups - 1]++;
            } else {
                values[groups] = finite[i];
                starts[groups] = 1;
                groups++;
            }
        }
        return new RestartMaxima(Arrays.copyOf(values, groups), Arrays.copyOf(starts, groups), failed);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public int[] starts() {
        return starts.clone();
    }

    /** The number of distinct maxima found. */
    public int count() {
        return values.length;
    }

    /** How many starts reached the best maximum (0 when every start failed). */
    public int reachedBest() {
        return starts.length == 0 ? 0 : starts[0];
    }

    /** Every start: those in a group and the failed ones. */
    public int total() {
        return Arrays.stream(starts).sum() + failed;
    }
}
