package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The small least-squares solve of {@link Daarem}: its SVD and its damping. */
class DaaremTest {

    /** A p × n matrix, column c at [c·p, (c+1)·p), with entries of scale 10^(−c) (ill-conditioned on purpose). */
    private static double[] matrix(int p, int n, long seed) {
        UniformRandomProvider rng = Fixtures.rng(seed);
        double[] a = new double[p * n];
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < p; j++) {
                a[c * p + j] = (2 * rng.nextDouble() - 1) * Math.pow(10, -c);
            }
        }
        return a;
    }

    /**
     * The one-sided Jacobi SVD reconstructs A = UΣVᵀ with U's columns and V orthonormal, and its singular
     * values are those of Commons Math's SVD (Golub–Kahan) to 1e-12 relative to σ_max (both backward
     * stable; σ's here span 4 decades).
     */
    @Test
    void svdReconstructsAndMatchesCommonsMath() {
        int p = 13;
        for (int n = 1; n <= 5; n++) {
            double[] a = matrix(p, n, 11 + n);
            Daarem.Workspace w = new Daarem.Workspace(p, 5);
            w.svd(a, n);
            double[][] rows = new double[p][n];
            for (int j = 0; j < p; j++) {
                for (int c = 0; c < n; c++) {
                    rows[j][c] = a[c * p + j];
                    double v = 0;
                    for (int l = 0; l < n; l++) {
                        v += w.u[l * p + j] * w.sigma[l] * w.v[c * 5 + l];
                    }
                    assertEquals(a[c * p + j], v, 1e-14, "A = UΣVᵀ at (" + j + ", " + c + "), n = " + n);
                }
            }
            for (int c1 = 0; c1 < n; c1++) {
                for (int c2 = 0; c2 < n; c2++) {
                    double uu = 0;
                    double vv = 0;
                    for (int j = 0; j < p; j++) {
                        uu += w.u[c1 * p + j] * w.u[c2 * p + j];
                    }
                    for (int i = 0; i < n; i++) {
                        vv += w.v[i * 5 + c1] * w.v[i * 5 + c2];
                    }
                    assertEquals(c1 == c2 ? 1 : 0, uu, 1e-12, "UᵀU");
                    assertEquals(c1 == c2 ? 1 : 0, vv, 1e-12, "VᵀV");
                }
            }
            double[] reference = new SingularValueDecomposition(new Array2DRowRealMatrix(rows)).getSingularValues();
            double[] ours = w.sigma.clone();
            Arrays.sort(ours, 0, n);
            for (int c = 0; c < n; c++) {
                assertEquals(reference[n - 1 - c], ours[c], 1e-12 * reference[0], "σ, n = " + n);
            }
        }
    }

    /** A repeated column gives a zero singular value, whose U column is 0 (left out of the solve). */
    @Test
    void aRankDeficientHistoryGivesAZeroSingularValue() {
        int p = 13;
        double[] a = matrix(p, 3, 5);
        System.arraycopy(a, 0, a, 2 * p, p);
        Daarem.Workspace w = new Daarem.Workspace(p, 5);
        w.svd(a, 3);
        double smallest = Math.min(w.sigma[0], Math.min(w.sigma[1], w.sigma[2]));
        double largest = Math.max(w.sigma[0], Math.max(w.sigma[1], w.sigma[2]));
        assertTrue(smallest <= 1e-14 * largest, "σ_min " + smallest + " vs σ_max " + largest);
    }

    /**
     * The damping (the package's DampingFind) puts ‖γ(λ)‖/‖γ(0)‖ between √δ at s ± ½, the band its
     * Newton iteration stops in, for every number s of accepted steps from strong damping (s = 0,
     * √δ = 0.10) to none (s = 60, √δ ≈ 1), and λ ≥ 0.
     */
    @Test
    void dampingFindHitsTheTargetShrinkage() {
        int p = 13;
        int n = 4;
        double[] a = matrix(p, n, 3);
        double[] f = new double[p];
        UniformRandomProvider rng = Fixtures.rng(9);
        for (int j = 0; j < p; j++) {
            f[j] = 2 * rng.nextDouble() - 1;
        }
        Daarem.Workspace w = new Daarem.Workspace(p, 5);
        w.svd(a, n);
        double ftf = 0;
        double ls = 0;
        for (int c = 0; c < n; c++) {
            double uy = 0;
            for (int j = 0; j < p; j++) {
                uy += w.u[c * p + j] * f[j];
            }
            w.uy[c] = uy;
            w.uySq[c] = uy * uy;
            ftf += uy * uy * w.sigma[c] * w.sigma[c];
            ls += uy * uy / (w.sigma[c] * w.sigma[c]);
        }
        ftf = Math.sqrt(ftf);
        ls = Math.sqrt(ls);
        double lambda = 100_000;
        double r = 0;
        for (int s : new int[] {0, 1, 5, 10, 25, 40, 60}) {
            Daarem.dampingFind(w, n, s, ftf, lambda, r);
            assertTrue(w.lambda >= 0, "λ " + w.lambda);
            double norm = 0;
            for (int c = 0; c < n; c++) {
                double g = w.sigma[c] * w.uy[c] / (w.sigma[c] * w.sigma[c] + w.lambda);
                norm += g * g;
            }
            double ratio = Math.sqrt(norm) / ls;
            double low = 1 / Math.sqrt(1 + Math.pow(1.2, 25 - s + 0.5));
            double high = 1 / Math.sqrt(1 + Math.pow(1.2, 25 - s - 0.5));
            assertTrue(ratio >= low * (1 - 1e-9) && ratio <= high * (1 + 1e-9),
                    "s = " + s + ": ‖γ(λ)‖/‖γ(0)‖ = " + ratio + " outside [" + low + ", " + high + "], λ = " + w.lambda);
            lambda = w.lambda;
            r = w.r;
        }
    }
}
