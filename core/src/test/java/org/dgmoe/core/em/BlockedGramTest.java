package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockedGram}, the tiles' public face for the gated moments (the sums themselves are checked against the
 * plain triple loop by ExpertMomentsTest and GeneralDimensionTest): weights of magnitude below
 * {@link ExpertGram#NEGLIGIBLE} add exactly nothing, negative weights are kept (a sum of signed weights is still
 * Σ w v vᵀ), rows are independent of how many are asked for at once, and bad shapes are refused.
 */
class BlockedGramTest {
    private static final int N = 300;
    private static final int D = 5;
    private double[] x;
    private double[] y;

    @BeforeEach
    void data() {
        Assumptions.assumeTrue(BlockedGram.AVAILABLE, "the tiles need the Vector API");
        UniformRandomProvider rng = Fixtures.rng(4242L);
        x = new double[N * D];
        y = new double[N];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 4 - 2;
        }
        for (int p = 0; p < N; p++) {
            y[p] = rng.nextDouble() - 0.5;
        }
    }

    @Test
    void negligibleWeightsAddExactlyNothingAndSignedWeightsAreKept() {
        BlockedGram gram = new BlockedGram(x, y, D);
        int size = (D + 2) * (D + 3) / 2;
        double[] w = new double[N];
        double[] tiny = new double[N];
        for (int p = 0; p < N; p++) {
            w[p] = p % 3 == 0 ? -0.5 : 1.0 / (1 + p % 7);
            tiny[p] = 0x1p-700 * (p % 2 == 0 ? 1 : -1);
        }
        double[][] out = new double[3][size];
        gram.accumulate(new double[][] {w, tiny, new double[N]}, 3, out);
        for (int s = 0; s < size; s++) {
            assertEquals(0.0, out[1][s], 0.0, "a weight below 2^-600 in magnitude enters as 0, statistic " + s);
            assertEquals(0.0, out[2][s], 0.0, "zero weights, statistic " + s);
        }
        // Σ w (the constant's diagonal entry) with signed weights, by a plain sum: the same to rounding (with the
        // negative weights dropped it would be ≈ 50 more).
        double mass = 0;
        for (double v : w) {
            mass += v;
        }
        int constant = ExpertLeastSquares.pairIndex(D + 2)[D * (D + 2) + D];
        assertEquals(mass, out[0][constant], 1e-13 * N);
        // One row alone gives the same doubles as the same row among three.
        double[][] alone = new double[1][size];
        gram.accumulate(new double[][] {w}, 1, alone);
        assertEquals(0, Arrays.compare(out[0], alone[0]));
    }

    @Test
    void badShapesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BlockedGram(new double[N], y, 1));
        assertTrue(e.getMessage().startsWith("d:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockedGram(new double[N * D - 1], y, D));
    }
}
