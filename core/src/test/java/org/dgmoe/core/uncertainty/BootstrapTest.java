package org.dgmoe.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.ObservedInformation;
import org.junit.jupiter.api.Test;

/**
 * {@link Bootstrap}: percentile and basic intervals from given refits, failures counted and kept out of the
 * quantiles, the note beyond 10% failed, carried notes, order independence. k = 1, d = 1: parameters λ, p, a, b, σ.
 */
class BootstrapTest {
    private static final int K = 1;
    private static final int D = 1;
    private static final int P = ObservedInformation.size(K, D);
    private static final double[] ESTIMATE = {0.5, 1, 2, 1, 0.25};

    /** Refit b: λ = 0.3 + 0.4·b/(B − 1) (evenly spread), slope 2 + b/100, the rest the estimate's. */
    private static BootstrapFit refit(int b, int count, FitStatus status) {
        double[] v = ESTIMATE.clone();
        v[0] = 0.3 + 0.4 * b / (count - 1);
        v[2] = 2 + b / 100.0;
        return new BootstrapFit(b, status, v);
    }

    private static BootstrapFit failed(int b) {
        double[] v = new double[P];
        Arrays.fill(v, Double.NaN);
        return new BootstrapFit(b, FitStatus.DEGENERATE, v);
    }

    @Test
    void percentileAndBasicIntervalsAreTheQuantilesAndTheirReflectionOnTheParametersScale() {
        int count = 101;
        List<BootstrapFit> fits = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            fits.add(refit(b, count, FitStatus.CONVERGED));
        }
        Bootstrap boot = Bootstrap.of(K, D, ESTIMATE, 0.9, BootstrapKind.PARAMETRIC, fits, List.of());
        // λ*_b = 0.3 + 0.004 b: the type-7 quantile at 0.05 of 101 values is value 5, at 0.95 value 95 (exact)
        assertEquals(0.3 + 0.4 * 5 / 100, boot.percentileLower()[0], 1e-15);
        assertEquals(0.3 + 0.4 * 95 / 100, boot.percentileUpper()[0], 1e-15);
        // basic on the logit scale: logit⁻¹(2 logit(0.5) − logit(q)) = 1 − q for λ̂ = 1/2
        assertEquals(1 - (0.3 + 0.4 * 95 / 100), boot.basicLower()[0], 1e-15);
        assertEquals(1 - (0.3 + 0.4 * 5 / 100), boot.basicUpper()[0], 1e-15);
        // the slope's scale is the identity: basic = [2·2 − q_hi, 2·2 − q_lo] with q = 2 + 0.05, 2 + 0.95
        assertEquals(4 - 2.95, boot.basicLower()[2], 1e-14);
        assertEquals(4 - 2.05, boot.basicUpper()[2], 1e-14);
        assertEquals(2.05, boot.percentileLower()[2], 1e-14);
        // a parameter no refit moved has the point interval at the estimate
        assertEquals(0.25, boot.percentileLower()[4], 0);
        assertEquals(0.25, boot.basicUpper()[4], 1e-16);
        assertEquals(0, boot.failures());
        assertEquals(List.of(), boot.notes());
        // the order the refits arrive in (Spark's partitions) changes nothing
        List<BootstrapFit> shuffled = new ArrayList<>(fits);
        Collections.shuffle(shuffled, new java.util.Random(3));
        Bootstrap again = Bootstrap.of(K, D, ESTIMATE, 0.9, BootstrapKind.PARAMETRIC, shuffled, List.of());
        assertArrayEquals(boot.percentileLower(), again.percentileLower());
        assertArrayEquals(boot.basicUpper(), again.basicUpper());
    }

    /**
     * A sum of weights (an over-fitted cell's mass): the quantiles of the refits' sums, not the sum of the weights'
     * quantiles, and the basic interval reflected on the logit scale about the estimate's sum; failed refits stay
     * out. k = 3, d = 1: parameters λ, p1, p2, p3, then (a, b, σ) three times.
     */
    @Test
    void aSumOfWeightsGetsTheQuantilesOfTheRefitsSums() {
        int k = 3;
        int p = ObservedInformation.size(k, D);
        double[] estimate = new double[p];
        estimate[0] = 0.5;
        estimate[1] = 0.2;
        estimate[2] = 0.3;
        estimate[3] = 0.5;
        for (int i = 4; i < p; i++) {
            estimate[i] = 1;
        }
        int count = 102;
        List<BootstrapFit> fits = new ArrayList<>();
        double[] sums = new double[count - 1];
        for (int b = 0; b < count - 1; b++) {
            double[] v = estimate.clone();
            // p1 and p2 move against each other (their sum varies less than either): p1 + p2 = 0.4 + 0.002 b
            v[1] = 0.1 + 0.003 * b;
            v[2] = 0.3 - 0.001 * b;
            v[3] = 1 - v[1] - v[2];
            sums[b] = v[1] + v[2];
            fits.add(new BootstrapFit(b, FitStatus.CONVERGED, v));
        }
        fits.add(failed(count - 1, p));
        Bootstrap boot = Bootstrap.of(k, D, estimate, 0.9, BootstrapKind.PARAMETRIC, fits, List.of());
        double[] sum = boot.weightSumInterval(new int[] {1, 2});
        // 101 kept sums 0.4 + 0.002 b: the type-7 quantiles at 0.05 and 0.95 are sums 5 and 95 (1e-15: one rounding
        // of the sums)
        assertEquals(0.5, sum[0], 1e-15);
        assertEquals(sums[5], sum[1], 1e-15);
        assertEquals(sums[95], sum[2], 1e-15);
        // basic: logit⁻¹(2 logit(0.5) − logit(q)) = 1 − q for an estimated sum of 1/2
        assertEquals(1 - sums[95], sum[3], 1e-15);
        assertEquals(1 - sums[5], sum[4], 1e-15);
        // a single weight's sum is its own interval
        double[] one = boot.weightSumInterval(new int[] {1});
        assertEquals(boot.percentileLower()[1], one[1], 0);
        assertEquals(boot.basicUpper()[1], one[4], 0);
        assertThrows(IllegalArgumentException.class, () -> boot.weightSumInterval(new int[] {4}));
    }

    private static BootstrapFit failed(int b, int p) {
        double[] v = new double[p];
        Arrays.fill(v, Double.NaN);
        return new BootstrapFit(b, FitStatus.DEGENERATE, v);
    }

    @Test
    void failedRefitsAreCountedKeptOutOfTheQuantilesAndBeyondATenthMarkEveryInterval() {
        int count = 20;
        List<BootstrapFit> fits = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            fits.add(b == 3 || b == 7 ? failed(b) : refit(b, count, b == 5 ? FitStatus.MAX_ITERATIONS
                    : FitStatus.CONVERGED));
        }
        // 2 of 20 failed: exactly 10%, not more, so no note; the quantiles are those of the other 18
        Bootstrap two = Bootstrap.of(K, D, ESTIMATE, 0.95, BootstrapKind.NONPARAMETRIC, fits, List.of());
        assertEquals(2, two.failures());
        assertEquals(1, two.capped());
        assertEquals(20, two.refits());
        assertEquals(List.of(), two.notes());
        assertEquals(0.3, two.percentileLower()[0], 0.4 / 19 * 0.5, "the smallest λ* is b = 0's, 0.3, and the "
                + "0.025 quantile of 18 values lies within half a spacing of it");
        assertTrue(Double.isFinite(two.basicLower()[0]));
        // a third failure: 3 of 20 > 10%
        fits.set(11, failed(11));
        Bootstrap three = Bootstrap.of(K, D, ESTIMATE, 0.95, BootstrapKind.NONPARAMETRIC, fits, List.of());
        assertEquals(3, three.failures());
        assertEquals(1, three.notes().size());
        StandardErrors.Note note = three.notes().get(0);
        assertEquals(Unreliable.REFITS_FAILED, note.reason());
        assertEquals(P, note.parameters().size());
        assertTrue(note.text().startsWith("3 of 20 bootstrap refits failed"), note.text());
        assertTrue(Double.isFinite(three.percentileUpper()[0]), "marked, not voided");
        // every refit failed: no interval, and the note says so
        List<BootstrapFit> none = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            none.add(failed(b));
        }
        Bootstrap all = Bootstrap.of(K, D, ESTIMATE, 0.95, BootstrapKind.PARAMETRIC, none, List.of());
        assertEquals(4, all.failures());
        assertTrue(Double.isNaN(all.percentileLower()[0]) && Double.isNaN(all.basicUpper()[2]));
        assertEquals(Unreliable.REFITS_FAILED, all.notes().get(0).reason());
    }

    @Test
    void carriedNotesMarkAndAVoidingOneLeavesNoInterval() {
        List<BootstrapFit> fits = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            fits.add(refit(b, 10, FitStatus.CONVERGED));
        }
        List<StandardErrors.Note> carried = List.of(
                new StandardErrors.Note(Unreliable.OVER_FITTED, List.of(0, 1, 2, 3, 4), "over"),
                new StandardErrors.Note(Unreliable.NOT_ESTIMATED, List.of(1), "a single expert's weight is 1"));
        Bootstrap boot = Bootstrap.of(K, D, ESTIMATE, 0.95, BootstrapKind.PARAMETRIC, fits, carried);
        assertTrue(Double.isNaN(boot.percentileLower()[1]) && Double.isNaN(boot.basicUpper()[1]));
        assertTrue(Double.isFinite(boot.percentileLower()[0]));
        assertEquals(List.of(Unreliable.NOT_ESTIMATED, Unreliable.OVER_FITTED),
                boot.notes().stream().map(StandardErrors.Note::reason).toList(), "in the order of Unreliable");
    }

    @Test
    void refitIndicesMustBeZeroToBMinusOneEachOnce() {
        List<BootstrapFit> fits = List.of(refit(0, 3, FitStatus.CONVERGED), refit(2, 3, FitStatus.CONVERGED));
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.of(K, D, ESTIMATE, 0.95, BootstrapKind.PARAMETRIC, fits, List.of()));
    }
}
