package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dgmoe.core.model.GaussianGating;
import org.junit.jupiter.api.Test;

/** The Gaussian gate's closed-form M-step: weighted moments, the eigenvalue floor, degeneracy. */
class GaussianGateSolverTest {
    private static final double FLOOR = GaussianGateSolver.DEFAULT_COVARIANCE_FLOOR;

    private static GaussianGating unit(int k, int d) {
        double[] w = new double[k];
        double[][] c = new double[k][d];
        double[][][] g = new double[k][d][d];
        for (int i = 0; i < k; i++) {
            w[i] = 1.0 / k;
            for (int j = 0; j < d; j++) {
                g[i][j][j] = 1;
            }
        }
        return new GaussianGating(w, c, g);
    }

    /**
     * Against numpy (gaussian_gate_reference.py, recorded in gaussian_gate_reference.out): np.average and
     * np.cov(aweights, bias=True) on 40 deterministic points. Both are two-pass sums of 40 O(1) terms, so
     * they agree to a few ulps; 1e−13 relative is a margin of ~100 over that rounding (no eigenvalue is
     * near the floor, so Γ is kept as computed).
     */
    @Test
    void weightedMomentsMatchNumpy() {
        int n = 40;
        double[] x = new double[2 * n];
        double[][] u = new double[2][n];
        for (int m = 0; m < n; m++) {
            x[m] = 3 * Math.sin(0.9 * m) + 1;
            x[n + m] = Math.cos(0.4 * m) + 0.5 * x[m];
            u[0][m] = 0.5 + 0.5 * Math.sin(1.3 * m + 0.2);
            u[1][m] = 1 - u[0][m];
        }
        GaussianGateSolver.Result fit = new GaussianGateSolver(n, 2, 2, FLOOR).solve(x, u, unit(2, 2));
        assertEquals(SolverStatus.CONVERGED, fit.status());
        Map<String, double[]> ref = SolverFixtures.reference("gaussian_gate_reference.out");
        for (int i = 0; i < 2; i++) {
            GaussianGating g = fit.gating();
            assertClose(ref.get("w" + i)[0], g.weight(i));
            double[] c = ref.get("c" + i);
            assertClose(c[0], g.mean(i)[0]);
            assertClose(c[1], g.mean(i)[1]);
            double[] gamma = ref.get("G" + i);
            double[][] cov = g.covariance(i);
            assertClose(gamma[0], cov[0][0]);
            assertClose(gamma[1], cov[0][1]);
            assertClose(gamma[1], cov[1][0]);
            assertClose(gamma[2], cov[1][1]);
        }
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-13 * Math.abs(expected), "numpy " + expected);
    }

    /**
     * A hand example: u = 1 on the four corners of [0, 2]² for component 0 (mean (1, 1), covariance I) and
     * 1 on the centre (1, 1) twice for component 1, a point mass whose covariance 0 is floored to f·I.
     */
    @Test
    void handExampleAndAPointMassFlooredToTheFloor() {
        double[][] pts = {{0, 0}, {2, 0}, {0, 2}, {2, 2}, {1, 1}, {1, 1}};
        int n = pts.length;
        double[] x = new double[2 * n];
        double[][] u = new double[2][n];
        for (int m = 0; m < n; m++) {
            x[m] = pts[m][0];
            x[n + m] = pts[m][1];
            u[m < 4 ? 0 : 1][m] = 1;
        }
        GaussianGating g = new GaussianGateSolver(n, 2, 2, FLOOR).solve(x, u, unit(2, 2)).gating();
        assertEquals(4.0 / 6, g.weight(0), 1e-15);
        assertEquals(2.0 / 6, g.weight(1), 1e-15);
        assertEquals(1, g.mean(0)[0], 1e-15);
        assertEquals(1, g.mean(1)[1], 1e-15);
        assertEquals(1, g.covariance(0)[0][0], 1e-15);
        assertEquals(0, g.covariance(0)[0][1], 1e-15);
        assertEquals(1, g.covariance(0)[1][1], 1e-15);
        assertEquals(FLOOR, g.covariance(1)[0][0], 1e-15 * FLOOR);
        assertEquals(0, g.covariance(1)[0][1], 1e-15 * FLOOR);
        assertEquals(FLOOR, g.covariance(1)[1][1], 1e-15 * FLOOR);
    }

    /**
     * d = 2, a component on the line x2 = 2·x1 + 1: its covariance has rank one. The floor raises only the
     * zero eigenvalue, along the line's normal v = (2, −1)/√5: Γv = f·v to rounding of the large eigenvalue
     * (≈ 1e−16·5·Var(x1) ≈ 1e−15, so 1e−12 absolute), the line's variance is unchanged, and GaussianGating
     * accepts Γ (positive definite).
     */
    @Test
    void aComponentOnALineStaysPositiveDefinite() {
        int n = 200;
        double[] x = new double[2 * n];
        double[][] u = new double[2][n];
        for (int m = 0; m < n; m++) {
            double t = Math.sin(0.37 * m);
            boolean onLine = m % 2 == 0;
            x[m] = onLine ? t : Math.cos(1.1 * m);
            x[n + m] = onLine ? 2 * t + 1 : Math.sin(2.3 * m + 0.5);
            u[0][m] = onLine ? 1 : 0;
            u[1][m] = onLine ? 0 : 1;
        }
        GaussianGateSolver.Result fit = new GaussianGateSolver(n, 2, 2, FLOOR).solve(x, u, unit(2, 2));
        assertEquals(SolverStatus.CONVERGED, fit.status());
        double[][] g = fit.gating().covariance(0);
        double[] v = {2 / Math.sqrt(5), -1 / Math.sqrt(5)};
        for (int j = 0; j < 2; j++) {
            assertEquals(FLOOR * v[j], g[j][0] * v[0] + g[j][1] * v[1], 1e-12, "Γv = f v, row " + j);
        }
        double det = g[0][0] * g[1][1] - g[0][1] * g[1][0];
        assertTrue(det > 0, "det " + det);
        // The variance along the line, (1, 2)ᵀΓ(1, 2)/5, is 5·Var(x1) as computed, untouched by the floor.
        double mean = 0;
        for (int m = 0; m < n; m += 2) {
            mean += x[m];
        }
        mean /= n / 2;
        double var = 0;
        for (int m = 0; m < n; m += 2) {
            var += (x[m] - mean) * (x[m] - mean);
        }
        var /= n / 2;
        double along = (g[0][0] + 4 * g[0][1] + 4 * g[1][1]) / 5;
        assertEquals(5 * var, along, 1e-12);
    }

    /**
     * d = 3, points on the plane x3 = x1 + x2: the floor acts along the normal (1, 1, −1)/√3 only, which
     * the Jacobi rotations must find among three axes: Γv = f·v to 1e−12, and Γ is positive definite.
     */
    @Test
    void aComponentOnAPlaneInThreeDimensionsIsFlooredAlongItsNormal() {
        int n = 120;
        double[] x = new double[3 * n];
        double[][] u = {new double[n]};
        for (int m = 0; m < n; m++) {
            double a = Math.sin(0.7 * m) + 2;
            double b = Math.cos(1.9 * m) - 0.5 * a;
            x[m] = a;
            x[n + m] = b;
            x[2 * n + m] = a + b;
            u[0][m] = 0.2 + 0.8 * Math.abs(Math.sin(m));
        }
        GaussianGateSolver.Result fit = new GaussianGateSolver(n, 3, 1, FLOOR).solve(x, u, unit(1, 3));
        assertEquals(SolverStatus.CONVERGED, fit.status());
        double[][] g = fit.gating().covariance(0);
        double s = 1 / Math.sqrt(3);
        double[] v = {s, s, -s};
        for (int j = 0; j < 3; j++) {
            double gv = g[j][0] * v[0] + g[j][1] * v[1] + g[j][2] * v[2];
            assertEquals(FLOOR * v[j], gv, 1e-12, "Γv = f v, row " + j);
        }
    }

    /**
     * A component with no mass (Σ_n u_in = 0 ≤ 1e−10·n): DEGENERATE and the previous gating unchanged
     * (the same instance).
     */
    @Test
    void zeroMassIsDegenerateAndKeepsThePrevious() {
        int n = 30;
        double[] x = SolverFixtures.normalCovariates(n, 2, SolverFixtures.rng(4113));
        double[][] u = new double[3][n];
        for (int m = 0; m < n; m++) {
            u[m % 2][m] = 1;
        }
        GaussianGating previous = unit(3, 2);
        GaussianGateSolver.Result fit = new GaussianGateSolver(n, 2, 3, FLOOR).solve(x, u, previous);
        assertEquals(SolverStatus.DEGENERATE, fit.status());
        assertSame(previous, fit.gating());
    }
}
