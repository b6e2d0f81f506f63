package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.em.ExpertLeastSquares;
import org.junit.jupiter.api.Test;

/**
 * The lane form of the experts' moments ({@link ExpertMoments#accumulate}) against the plain one
 * ({@link ExpertMoments#accumulateReference}, the previous GatedMStep.accumulate), at d = 1, 2 and 5.
 *
 * <p>Tolerance: the two sum the same products (w·z_j)·z_l in different orders. A recursive sum of n terms is
 * within (n − 1)u·Σ|t| of the exact sum (u = 2⁻⁵³, Higham, Accuracy and Stability, §4.2); the lanes sum about
 * n/256 terms each and then 256 lanes, so |fast − reference| ≤ (n + 256 + n/256)u·Σ|t| ≈ 3.6e−13·Σ|t| at
 * n = 3000. The test allows 1e−12·Σ|t|, with Σ|t| = Σ_n |w_n z_nj z_nl| computed alongside.
 */
class ExpertMomentsTest {

    static final int N = 3000;

    @Test
    void theLaneMomentsEqualThePlainOnes() {
        for (int d : new int[] {1, 2, 5}) {
            UniformRandomProvider rng = GatedFixtures.rng(50 + d);
            double[] xc = new double[N * d];
            double[] yc = new double[N];
            double[] w = new double[N];
            for (int i = 0; i < xc.length; i++) {
                xc[i] = 4 * rng.nextDouble() - 2;
            }
            for (int p = 0; p < N; p++) {
                yc[p] = 6 * rng.nextDouble() - 3;
                w[p] = rng.nextDouble();
            }
            ExpertMoments moments = new ExpertMoments(xc, yc, d);
            int q = d + 2;
            int[] pair = ExpertLeastSquares.pairIndex(q);
            double[] fast = new double[q * (q + 1) / 2];
            double[] reference = new double[fast.length];
            // Twice, so the second call runs on lanes the first has filled.
            moments.accumulate(w, fast);
            moments.accumulate(w, fast);
            moments.accumulateReference(w, reference);
            for (int j = 0; j < q; j++) {
                for (int l = j; l < q; l++) {
                    double absolute = 0;
                    for (int p = 0; p < N; p++) {
                        absolute += Math.abs(w[p] * column(xc, yc, d, j, p) * column(xc, yc, d, l, p));
                    }
                    int s = pair[j * q + l];
                    assertEquals(reference[s], fast[s], 1e-12 * absolute, "d = " + d + ", moment (" + j + ", " + l + ")");
                }
            }
            // The comparison can fail: other weights give other moments.
            w[7] += 1;
            double[] other = new double[fast.length];
            moments.accumulate(w, other);
            assertTrue(Math.abs(other[pair[d * q + d]] - fast[pair[d * q + d]] - 1) < 1e-9);
        }
    }

    private static double column(double[] xc, double[] yc, int d, int j, int p) {
        return j < d ? xc[j * N + p] : j == d ? 1 : yc[p];
    }
}
