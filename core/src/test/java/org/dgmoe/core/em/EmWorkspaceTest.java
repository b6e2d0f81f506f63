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
 * statistics at d = 1 and 4, {@link VectorGram#addWeighing}'s tiles at d = 2, 3, 5, 6, 9 (main's path),
 * {@link ExpertGram}'s at d = 8 and d ≥ 11: d a multiple of 8, of 4 but not 8 (d = 12, 28: the border's last tile of 4
 * columns) or of neither (x padded with the zero column: d = 30, 33), read in place from {@link BlockedColumns}) and the
 * pure-Java loops, the fallback of a JVM without {@code jdk.incubator.vector}.
 */
class EmWorkspaceTest {

    /**
     * Each responsibility differs by the fast exp's ≤ 1e−15 relative error, the lane sums add in another order
     * (each lane's partial sum over n/LANES points, then the LANES partial sums: at most (n/LANES + LANES)·ε
     * relative to Σ_n |w v_j v_l|, recursive summation's bound) and at d ∉ {1, 4} each product is fused into its sum
     * (one rounding fewer per term, within the same bound; ExpertGram's border forms Σ (w·x_j)·y as (w·y)·x_j, again
     * one rounding of the product per term), so a statistic Σ_n w v_j v_l differs by at most
     * ≈ (2e−15 + (n/8 + 8)·1.1e−16)·Σ_n |v_j v_l| ≤ (2e−15 + 1.4e−17·n + 1e−15)·n·max|v|² — for n ≤ 3001 at most
     * 4.5e−14·n·max|v|². 1e−13·n·max|v|² is above that and still catches a lost point or a wrong column (an error
     * of order max|v|², ≥ 1/n ≥ 3e−4 relative to the bound's scale). At d = 8 and d ≥ 11 responsibilities below
     * {@link ExpertGram#NEGLIGIBLE} = 2⁻⁶⁰⁰ count as 0: at most n·2⁻⁶⁰⁰·max|v|² more, nothing against this bound.
     */
    private static final double STAT_TOLERANCE = 1e-13;

    /**
     * An expert hundreds of standard deviations from every point (b = 40, σ = 0.01, y ∈ [−2, 2]: t − max ≈ −8·10⁴,
     * clamped by the exponential to e⁻⁷⁰⁸, so every w ≈ 1e−308, a subnormal at the Gram's products) contributes
     * exactly 0 to the statistics on the blocked path (its weights flushed, no subnormal arithmetic), and the other
     * experts still match the reference within the bound above. Without the flush the far expert's Σw is about
     * n·8e−309, not 0: the first assertion fails.
     */
    @ParameterizedTest(name = "far expert: n={0}, d={1}")
    @CsvSource({"777, 12", "1001, 8", "513, 33"})
    void anExpertFarFromEveryPointAddsExactlyNothing(int n, int d) {
        org.junit.jupiter.api.Assumptions.assumeTrue(EmWorkspace.VECTOR, "the blocked path needs the Vector API");
        UniformRandomProvider rng = Fixtures.rng(7L * n + d);
        int k = 3;
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] logG0 = new double[n];
        for (int i = 0; i < n * d; i++) {
            x[i] = rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            y[i] = 4 * rng.nextDouble() - 2;
            logG0[i] = -1 - 3 * rng.nextDouble();
        }
        double[] p = {0.3, 0.3, 0.4};
        double[][] a = new double[k][d];
        double[] b = {-0.5, 0.5, 40};
        double[] v = {0.3, 0.5, 1e-4};
        EmWorkspace ws = new EmWorkspace(x, new double[d], y, d, k, logG0, true);
        assertTrue(EmWorkspace.readsBlocks(n, d, true), "the blocked path");
        double llRef = ws.passReference(true, 0.6, p, a, b, v);
        double[][] statsRef = new double[k][];
        for (int i = 0; i < k; i++) {
            statsRef[i] = ws.stats[i].clone();
        }
        double llFast = ws.passFast(true, 0.6, p, a, b, v);
        assertEquals(llRef, llFast, 1e-13 * Math.abs(llRef), "ℓ");
        for (int s = 0; s < ws.pairs; s++) {
            assertEquals(0.0, ws.stats[2][s], 0.0, "far expert, statistic " + s);
        }
        double tol = STAT_TOLERANCE * n * 4; // max|v|² = max(1, y²) ≤ 4
        for (int i = 0; i < 2; i++) {
            for (int s = 0; s < ws.pairs; s++) {
                assertEquals(statsRef[i][s], ws.stats[i][s], tol, "expert " + i + ", statistic " + s);
            }
        }
    }

    @ParameterizedTest(name = "n={0}, d={1}, k={2}, g0={3}")
    @CsvSource({
        "1, 1, 3, true", "100, 1, 3, true", "256, 1, 3, true", "1001, 1, 3, true", "1001, 1, 3, false",
        "1001, 1, 1, false", "1001, 1, 1, true", "777, 2, 3, true", "777, 4, 3, true", "777, 4, 2, false",
        "3000, 3, 3, true", "3001, 4, 3, true", "5, 4, 1, true", "263, 1, 2, true", "777, 5, 3, true",
        "1001, 8, 3, true", "300, 16, 2, false", "513, 32, 3, true", "37, 30, 1, true", "777, 33, 3, true",
        "513, 5, 6, true", "300, 8, 4, false", "1001, 16, 5, true", "37, 33, 6, false", "3001, 32, 2, true",
        "513, 12, 3, true", "300, 28, 2, false", "777, 9, 3, true", "300, 6, 2, false"})
    void fastPassMatchesReferencePass(int n, int d, int k, boolean useG0) {
        if (EmWorkspace.VECTOR) {
            fastPassMatchesReferencePass(n, d, k, useG0, true, false);
        }
        fastPassMatchesReferencePass(n, d, k, useG0, false, false);
    }

    /**
     * The same with correlated covariates, x_j = u + 0.01·e_j (u, e_j ~ U[0, 1]: pairwise correlation ≈ 0.9999),
     * where the Gram is nearly singular and its entries nearly equal: the kernel's sums must still match the
     * reference entry by entry (the tolerance is the same bound as above, which does not depend on conditioning).
     */
    @ParameterizedTest(name = "correlated: n={0}, d={1}, k={2}")
    @CsvSource({"777, 5, 1", "513, 8, 2", "1001, 16, 3", "300, 32, 4", "777, 33, 5", "37, 33, 6", "256, 6, 6",
        "513, 12, 3"})
    void fastPassMatchesReferencePassWithCorrelatedCovariates(int n, int d, int k) {
        if (EmWorkspace.VECTOR) {
            fastPassMatchesReferencePass(n, d, k, true, true, true);
        }
        fastPassMatchesReferencePass(n, d, k, true, false, true);
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

    private void fastPassMatchesReferencePass(int n, int d, int k, boolean useG0, boolean vector, boolean correlated) {
        UniformRandomProvider rng = Fixtures.rng(1000L * n + 10L * d + k);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] logG0 = new double[n];
        double maxV2 = 1;
        for (int i = 0; i < n * d; i++) {
            x[i] = rng.nextDouble();
        }
        for (int e = 0; correlated && e < n; e++) {
            double u = rng.nextDouble();
            for (int j = 0; j < d; j++) {
                x[j * n + e] = u + 0.01 * x[j * n + e];
                maxV2 = Math.max(maxV2, x[j * n + e] * x[j * n + e]);
            }
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
