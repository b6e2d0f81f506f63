package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The Vector API exponential ({@link VectorBlock#expDiffInPlace}): bit for bit {@link FastExp}'s
 * (so the vector and loop paths exponentiate identically, and a fit's result cannot depend on
 * whether C2 has compiled the vector code yet), and within FastExp's bound of 1e−15 relative to
 * {@link StrictMath#exp}.
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
    void equalsFastExpBitForBit() {
        UniformRandomProvider rng = Fixtures.rng(13);
        int len = EmWorkspace.BLOCK;
        for (int round = 0; round < 400; round++) {
            double[] t = new double[len];
            double[] m = new double[len];
            for (int i = 0; i < len; i++) {
                m[i] = 10 * rng.nextDouble() - 5;
                // Differences from 0 down to below the clamp, every magnitude.
                t[i] = m[i] - (round % 2 == 0 ? 750 * rng.nextDouble() : Math.pow(10, -14 + 16.9 * rng.nextDouble()));
            }
            t[0] = m[0];
            double[] fast = t.clone();
            FastExp.expDiffInPlace(fast, m, new double[len], new double[len], len);
            double[] vector = t.clone();
            VectorBlock.expDiffInPlace(vector, m, len);
            for (int i = 0; i < len; i++) {
                assertEquals(Double.doubleToRawLongBits(fast[i]), Double.doubleToRawLongBits(vector[i]),
                        "exp(" + t[i] + " - " + m[i] + "): FastExp " + fast[i] + ", vector " + vector[i]);
            }
        }
    }

    @Test
    void differencesAndEdges() {
        // t − m with m the max: 0 gives exactly 1; −∞ (a term of zero weight) gives FastExp's floor e^−708.
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
        assertEquals(Math.exp(FastExp.LOW), t[1], 1e-15 * Math.exp(FastExp.LOW));
        assertEquals(Math.exp(-2), t[2], 2e-16 * Math.exp(-2));
    }
}
