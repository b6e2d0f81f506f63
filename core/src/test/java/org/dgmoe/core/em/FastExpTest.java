package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class FastExpTest {

    private static double maxRelativeError(double[] x) {
        int len = x.length;
        double[] out = new double[len];
        FastExp.exp(x, out, new double[len], new double[len], len);
        double worst = 0;
        for (int i = 0; i < len; i++) {
            double ref = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(out[i] - ref) / ref);
        }
        return worst;
    }

    @Test
    void relativeErrorBelow1e15OverTheWholeDomain() {
        // Claimed bound (FastExp Javadoc): 1e−15 relative; Math.exp itself is within 1 ulp (1.1e−16),
        // so a measured worst case above 1e−15 means the reduction or polynomial is wrong.
        UniformRandomProvider rng = Fixtures.rng(11);
        double[] x = new double[1_000_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = -708 * rng.nextDouble();
        }
        assertTrue(maxRelativeError(x) <= 1e-15, "uniform on [-708, 0]: " + maxRelativeError(x));
        // Every decade of magnitude from 1e−12 to 708, where the reduced argument is tiny or near ±ln2/2.
        for (int i = 0; i < x.length; i++) {
            x[i] = -Math.pow(10, -12 + 14.85 * rng.nextDouble());
        }
        assertTrue(maxRelativeError(x) <= 1e-15, "log-uniform magnitudes: " + maxRelativeError(x));
        // Half-integer multiples of ln 2, where rounding of n switches.
        double[] edges = new double[2000];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = -(i * 0.5 + 0.25) * Math.log(2) * 0.5;
        }
        assertTrue(maxRelativeError(edges) <= 1e-15);
    }

    @Test
    void exactAtZeroAndClampedBelow() {
        double[] x = {0.0, -0.0, Double.NEGATIVE_INFINITY, -800, Double.NaN};
        double[] out = new double[x.length];
        FastExp.exp(x, out, new double[x.length], new double[x.length], x.length);
        // exp(0) must be exactly 1: the kernel relies on S ≥ 1 (the max term is exactly 1).
        assertEquals(1.0, out[0], 0.0);
        assertEquals(1.0, out[1], 0.0);
        // Documented clamp: e^−708 (≈ 3.3e−308) for arguments below −708.
        assertEquals(Math.exp(-708), out[2], 1e-15 * Math.exp(-708));
        assertEquals(Math.exp(-708), out[3], 1e-15 * Math.exp(-708));
        assertTrue(Double.isNaN(out[4]));
    }
}
