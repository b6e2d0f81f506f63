package org.dgmoe.core.gof;

import java.util.Arrays;

/**
 * A few order statistics of an array without sorting it: {@link DeviationGrid} needs 10 quantiles of n residuals
 * per slope, and sorting all n to read ten of them is O(n log n) work for O(n) worth of answer (docs/performance.md,
 * "The grid's sums"). Quickselect for several ranks at once (Hoare's FIND, with the ranks split between the two sides of each
 * partition), a three-way partition around a median-of-three pivot so that ties cost nothing, and a sort of what is
 * left once a range is short or the partitions have been unlucky too often (introselect's guard: O(n log n) at
 * worst, O(n log k) expected for k ranks). The k-th smallest value is one number whatever the algorithm, so the
 * result is the sorted array's entry bit for bit (±0 aside, which compare equal).
 */
final class OrderStatistics {
    /** Ranges this short are sorted: insertion sort beats partitioning there. */
    private static final int SHORT = 16;

    private OrderStatistics() {
    }

    /**
     * Permutes v[0..n) so that v[ranks[j]] is its ranks[j]-th smallest value (0-based) for every j. The values must
     * not be NaN.
     *
     * @param ranks non-decreasing, each in [0, n) (read only)
     */
    static void select(double[] v, int n, int[] ranks) {
        int depth = 2 * (32 - Integer.numberOfLeadingZeros(Math.max(n, 1)));
        select(v, 0, n, ranks, 0, ranks.length, depth);
    }

    /** The ranks ranks[rlo..rhi), all in [lo, hi), placed within v[lo..hi). */
    private static void select(double[] v, int lo, int hi, int[] ranks, int rlo, int rhi, int depth) {
        while (rlo < rhi) {
            if (hi - lo <= SHORT || depth-- == 0) {
                Arrays.sort(v, lo, hi);
                return;
            }
            double pivot = medianOfThree(v[lo], v[(lo + hi) >>> 1], v[hi - 1]);
            // Dijkstra's three-way partition: v[lo..lt) < pivot, v[lt..gt) == pivot, v[gt..hi) > pivot
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i < gt) {
                double x = v[i];
                if (x < pivot) {
                    v[i++] = v[lt];
                    v[lt++] = x;
                } else if (x > pivot) {
                    v[i] = v[--gt];
                    v[gt] = x;
                } else {
                    i++;
                }
            }
            int left = rlo;
            while (left < rhi && ranks[left] < lt) {
                left++;
            }
            int right = left;
            while (right < rhi && ranks[right] < gt) {
                right++;
            }
            // ranks[left..right) fall on the pivot's run: placed
            if (left - rlo < rhi - right) {
                select(v, lo, lt, ranks, rlo, left, depth);
                lo = gt;
                rlo = right;
            } else {
                select(v, gt, hi, ranks, right, rhi, depth);
                hi = lt;
                rhi = left;
            }
        }
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
