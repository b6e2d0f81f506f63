package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The Vector API exponential ({@link VectorBlock#expDiffInPlace}, SVML on x86) against
 * {@link StrictMath#exp}: the kernel relies on it to the same bound as {@link FastExp} (1e−15
 * relative, {@code FastExpTest}); measured worst case on the development machine 2.2e−16 (1 ulp).
 */
class VectorBlockTest {

    private static double maxRelativeError(double[] x) {
        int len = x.length;
        double[] t = x.clone();
        double[] zero = new double[len];
        VectorBlock.expDiffInPlace(t, zero, len);
        double worst = 0;
        for (int i = 0; i < len; i++) {
            double ref = StrictMath.exp(x[i]);
            worst = Math.max(worst, Math.abs(t[i] - ref) / ref);
        }
        return worst;
    }

    @Test
    void relativeErrorBelow1e15OverTheKernelsDomain() {
        UniformRandomProvider rng = Fixtures.rng(12);
        double[] x = new double[1 << 20];
        for (int i = 0; i < x.length; i++) {
            x[i] = -708 * rng.nextDouble();
        }
        assertTrue(maxRelativeError(x) <= 1e-15, "uniform on [-708, 0]: " + maxRelativeError(x));
        for (int i = 0; i < x.length; i++) {
            x[i] = -Math.pow(10, -12 + 14.85 * rng.nextDouble());
        }
        assertTrue(maxRelativeError(x) <= 1e-15, "log-uniform magnitudes: " + maxRelativeError(x));
    }

    @Test
    void differencesAndEdges() {
        // t − m with m the max: 0 gives exactly 1; −∞ (a term of zero weight) gives 0, not NaN.
        double[] t = new double[EmWorkspace.BLOCK];
        double[] m = new double[EmWorkspace.BLOCK];
        t[0] = 3.5;
        m[0] = 3.5;
        t[1] = Double.NEGATIVE_INFINITY;
        m[1] = 2;
        t[2] = -1;
        m[2] = 1;
        VectorBlock.expDiffInPlace(t, m, 3);
        assertEquals(1.0, t[0], 0.0);
        assertEquals(0.0, t[1], 0.0);
        assertEquals(Math.exp(-2), t[2], 2e-16 * Math.exp(-2));
    }
}
