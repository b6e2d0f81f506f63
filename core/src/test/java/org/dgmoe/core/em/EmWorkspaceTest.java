package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One pass of the fast kernel against the exact scalar reference, statistic by statistic, at sizes
 * that exercise the block logic: fewer points than a block, exactly one block, and a partial last
 * block; with and without the g0 term; k = 1 (where the normaliser is a single term) and k = 3.
 * Each case runs both fast paths: the Vector API one ({@link VectorBlock}'s exponentials; its
 * statistics at d = 1 and 4, {@link VectorGram}'s tiles at other d, including d = 30 and 32, whose
 * q = d + 2 is and is not a multiple of the tile) and the pure-Java loops, the fallback of a JVM
 * without {@code jdk.incubator.vector}.
 */
class EmWorkspaceTest {

    /**
     * Each responsibility differs by the fast exp's ≤ 1e−15 relative error and the lane sums add in
     * another order, so a statistic Σ_n w v_j v_l differs by a few ulp of Σ_n |v_j v_l| ≤ n·max|v|²:
     * 1e−13·n·max|v|² is ~100× that and still catches a lost point or a wrong column.
     */
    private static final double STAT_TOLERANCE = 1e-13;

    @ParameterizedTest(name = "n={0}, d={1}, k={2}, g0={3}")
    @CsvSource({
        "1, 1, 3, true", "100, 1, 3, true", "256, 1, 3, true", "1001, 1, 3, true", "1001, 1, 3, false",
        "1001, 1, 1, false", "1001, 1, 1, true", "777, 2, 3, true", "777, 4, 3, true", "777, 4, 2, false",
        "3000, 3, 3, true", "3001, 4, 3, true", "5, 4, 1, true", "263, 1, 2, true", "777, 5, 3, true",
        "1001, 8, 3, true", "300, 16, 2, false", "513, 32, 3, true", "37, 30, 1, true"})
    void fastPassMatchesReferencePass(int n, int d, int k, boolean useG0) {
        if (EmWorkspace.VECTOR) {
            fastPassMatchesReferencePass(n, d, k, useG0, true);
        }
        fastPassMatchesReferencePass(n, d, k, useG0, false);
    }

    /**
     * Every JVM of the project runs with the module (spark.jvm.opens), so on x86-64 the vector path
     * is the one tested here and run in fits.
     */
    @org.junit.jupiter.api.Test
    void theVectorPathIsOnInTheTestJvm() {
        org.junit.jupiter.api.Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")), "x86-64 only");
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "jdk.incubator.vector missing: the surefire argLine lost spark.jvm.opens?");
        assertTrue(EmWorkspace.VECTOR, "-Ddgmoe.em.vector=false in the test JVM?");
        assertTrue(new EmWorkspace(new double[] {0.5}, new double[1], new double[] {1}, 1, 1, null,
                EmWorkspace.VECTOR).vectorised());
    }

    private void fastPassMatchesReferencePass(int n, int d, int k, boolean useG0, boolean vector) {
        UniformRandomProvider rng = Fixtures.rng(1000L * n + 10L * d + k);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] logG0 = new double[n];
        double maxV2 = 1;
        for (int i = 0; i < n * d; i++) {
            x[i] = rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            y[i] = 4 * rng.nextDouble() - 2;
            logG0[i] = -1 - 3 * rng.nextDouble();
            maxV2 = Math.max(maxV2, y[i] * y[i]);
        }
        double lambda = 0.6;
        double[] p = new double[k];
        double[][] a = new double[k][d];
        double[] b = new double[k];
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = 1.0 / k;
            for (int j = 0; j < d; j++) {
                a[i][j] = 2 * rng.nextDouble() - 1;
            }
            b[i] = i - 1.0;
            // Small variances put many terms far below the max (exp of −100s), large ones near it.
            v[i] = i == 0 ? 0.002 : 0.3 * i;
        }
        EmWorkspace ws = new EmWorkspace(x, new double[d], y, d, k, logG0, vector);
        double llRef = ws.passReference(useG0, lambda, p, a, b, v);
        double[][] statsRef = new double[k][];
        for (int i = 0; i < k; i++) {
            statsRef[i] = ws.stats[i].clone();
            // So that a statistic the fast pass fails to write cannot pass as the reference's value.
            java.util.Arrays.fill(ws.stats[i], Double.NaN);
        }
        double w0Ref = ws.sumW0;
        double llFast = ws.passFast(useG0, lambda, p, a, b, v);
        assertEquals(llRef, llFast, 1e-13 * Math.abs(llRef), "ℓ");
        double tol = STAT_TOLERANCE * n * maxV2;
        for (int i = 0; i < k; i++) {
            for (int s = 0; s < ws.pairs; s++) {
                assertEquals(statsRef[i][s], ws.stats[i][s], tol, "expert " + i + ", statistic " + s);
            }
        }
        assertEquals(w0Ref, ws.sumW0, STAT_TOLERANCE * n, "Σ w0");

        // The ℓ-only pass: the same value bit for bit, and the statistics left alone.
        double[][] statsFast = new double[k][];
        for (int i = 0; i < k; i++) {
            statsFast[i] = ws.stats[i].clone();
        }
        double w0Fast = ws.sumW0;
        double[] otherB = b.clone();
        otherB[0] += 0.5;
        ws.logLikelihoodFast(useG0, lambda, p, a, otherB, v);
        assertEquals(llFast, ws.logLikelihoodFast(useG0, lambda, p, a, b, v), 0.0, "ℓ-only pass");
        for (int i = 0; i < k; i++) {
            for (int s = 0; s < ws.pairs; s++) {
                assertEquals(statsFast[i][s], ws.stats[i][s], 0.0, "ℓ-only pass must not touch the statistics");
            }
        }
        assertEquals(w0Fast, ws.sumW0, 0.0);
    }
}
