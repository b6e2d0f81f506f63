package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class InterleavedSumsTest {

    @Test
    void sumsAgreeWithExactArithmeticAndMaximaWithASimpleLoop() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261208L);
        for (int n = 0; n <= 67; n++) {
            double[] v = new double[n + 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextDouble() * 10 - 5;
            }
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal squares = BigDecimal.ZERO;
            BigDecimal deviations = BigDecimal.ZERO;
            double c = 0.75;
            double max = Double.NEGATIVE_INFINITY;
            double absolute = 0;
            for (int i = 0; i < n; i++) {
                BigDecimal x = new BigDecimal(v[i]);
                sum = sum.add(x);
                squares = squares.add(x.multiply(x));
                BigDecimal e = x.subtract(new BigDecimal(c));
                deviations = deviations.add(e.multiply(e));
                max = Math.max(max, v[i]);
                absolute += Math.abs(v[i]) + 25;
            }
            // Any order of n additions errs by at most (n − 1)·2⁻⁵³·Σ|terms| (Higham, Accuracy and Stability of
            // Numerical Algorithms, §4.2); each square or deviation adds one more rounding per term. 4n ulps of the
            // sum of magnitudes (bounded here by Σ(|vᵢ| + 25) ≥ Σ vᵢ² / 5 + … for |vᵢ| ≤ 5) covers both.
            double tolerance = 4 * (n + 1) * Math.ulp(1.0) * absolute * 5;
            assertEquals(sum.doubleValue(), InterleavedSums.sum(v, n), tolerance, "sum, n = " + n);
            assertEquals(squares.doubleValue(), InterleavedSums.squares(v, n), tolerance, "squares, n = " + n);
            assertEquals(deviations.doubleValue(), InterleavedSums.squaredDeviations(v, c, n), tolerance,
                    "deviations, n = " + n);
            assertEquals(max, InterleavedSums.max(v, n), 0, "max, n = " + n);
        }
    }

    @Test
    void theOrderIsTheDocumentedOne() {
        // Terms chosen so that the documented order ((s0 + s1) + (s2 + s3)), s_j = Σ_{i ≡ j mod 4} vᵢ, gives a
        // different double than a running sum would: left to right, 1e16 + 1 rounds back to 1e16 and only the last 1
        // survives (1); in this order s0 = 1e16 − 1e16 = 0 holds both large terms and s1 = 1 + 1 = 2.
        double[] v = {1e16, 1, 0, 0, -1e16, 1, 0, 0};
        assertEquals(2, InterleavedSums.sum(v, 8), 0);
        double running = 0;
        for (double x : v) {
            running += x;
        }
        assertEquals(1, running, 0);
    }
}
