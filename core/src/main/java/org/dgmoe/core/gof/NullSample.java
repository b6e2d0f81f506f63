package org.dgmoe.core.gof;

import java.util.Arrays;
import java.util.Collection;

/**
 * The B null refits of a test, indexed 0..B−1: the Monte Carlo null distribution of T and of the PIT
 * statistics W² and A², and of the adaptive statistics ({@link #statistics(TestKind)}). One null sample may serve several observed statistics computed with the same g0,
 * recipe and sample size (every replicate of a simulation study's (setting, n)): each p-value is then
 * exact marginally, and they share the null sample's error (docs/gof.md).
 *
 * <p>Serializable so that a sweep broadcasts it to the executors that test against it; a deserialized one is
 * rebuilt through {@link #of} ({@link #readResolve}).
 */
public final class NullSample implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final NullFit[] fits;
    /** {@link #atLeast}'s counts by component ordinal, computed on first use (not serialized). */
    private transient int[][] atLeast;

    private NullSample(NullFit[] fits) {
        this.fits = fits;
    }

    /**
     * The null sample of {@code fits}, in any order; their indices must be exactly 0..B−1 (a refit lost or
     * computed twice is a bug of the caller, never silently repaired).
     */
    public static NullSample of(Collection<NullFit> fits) {
        if (fits == null || fits.isEmpty()) {
            throw new IllegalArgumentException("fits: must hold at least one null refit");
        }
        NullFit[] byIndex = new NullFit[fits.size()];
        for (NullFit f : fits) {
            if (f.index() >= byIndex.length) {
                throw new IllegalArgumentException("fits: index " + f.index() + " out of 0.." + (byIndex.length - 1));
            }
            if (byIndex[f.index()] != null) {
                throw new IllegalArgumentException("fits: index " + f.index() + " given twice");
            }
            byIndex[f.index()] = f;
        }
        return new NullSample(byIndex);
    }

    /** B. */
    public int size() {
        return fits.length;
    }

    /** Refit b. */
    public NullFit fit(int b) {
        return fits[b];
    }

    /** T*_b for b = 0..B−1. */
    public double[] statistics() {
        double[] t = new double[fits.length];
        for (int b = 0; b < t.length; b++) {
            t[b] = fits[b].statistic();
        }
        return t;
    }

    /** W²*_b for b = 0..B−1. */
    public double[] cramerVonMises() {
        double[] t = new double[fits.length];
        for (int b = 0; b < t.length; b++) {
            t[b] = fits[b].cramerVonMises();
        }
        return t;
    }

    /** A²*_b for b = 0..B−1. */
    public double[] andersonDarling() {
        double[] t = new double[fits.length];
        for (int b = 0; b < t.length; b++) {
            t[b] = fits[b].andersonDarling();
        }
        return t;
    }

    /** The null statistics of {@code kind} for b = 0..B−1 ({@link NullFit#statistic(TestKind)}). */
    public double[] statistics(TestKind kind) {
        double[] t = new double[fits.length];
        for (int b = 0; b < t.length; b++) {
            t[b] = fits[b].statistic(kind);
        }
        return t;
    }

    /**
     * For each null data set b, #{i : S*_i ≥ S*_b} over the B null statistics of the component {@code kind}
     * (b itself counted): the part of null set b's leave-one-out p-value that does not depend on the observed
     * data ({@link Combination}). One sort per component and sample, O(B log B), kept for every later observed
     * data set (a sweep tests R replicates against one sample); the comparison is the primitive ≥ of
     * {@link PValue#of}, so −0.0 and 0.0 tie as they do there.
     *
     * @throws IllegalArgumentException when a null statistic of {@code kind} is NaN (a table written before it existed)
     */
    public synchronized int[] atLeast(TestKind kind) {
        if (!kind.component() || kind == TestKind.KS) {
            throw new IllegalArgumentException("kind: " + kind.label() + " has no Monte Carlo null statistics");
        }
        if (atLeast == null) {
            atLeast = new int[TestKind.values().length][];
        }
        int[] counts = atLeast[kind.ordinal()];
        if (counts == null) {
            double[] v = statistics(kind);
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            counts = new int[v.length];
            for (int b = 0; b < v.length; b++) {
                if (Double.isNaN(v[b])) {
                    throw new IllegalArgumentException("nulls: the " + kind.label() + " statistic of null set " + b
                            + " is NaN");
                }
                counts[b] = v.length - firstAtLeast(sorted, v[b]);
            }
            atLeast[kind.ordinal()] = counts;
        }
        return counts;
    }

    /**
     * The first index i of {@code sorted} (ascending, no NaN) with sorted[i] ≥ t, by bisection. The predicate is
     * monotone along the array even across −0.0 and 0.0, which Arrays.sort puts side by side.
     */
    static int firstAtLeast(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] >= t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Null refits whose recipe found no finite alternative (kept in the sample with T* = 0). */
    public int failed() {
        int c = 0;
        for (NullFit f : fits) {
            if (f.failed()) {
                c++;
            }
        }
        return c;
    }

    /** The Monte Carlo p-value of an observed T. */
    public PValue pValue(double t) {
        return PValue.of(t, statistics());
    }

    /** Deserialization goes through {@link #of}, so a stream cannot make a sample it would refuse. */
    private Object readResolve() throws java.io.InvalidObjectException {
        try {
            return of(Arrays.asList(fits));
        } catch (IllegalArgumentException e) {
            throw new java.io.InvalidObjectException(e.getMessage());
        }
    }
}
