package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.em.LinearForms;
import org.dgmoe.core.em.WeightedGram;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Gaussian gate for general d (issue 27): the E-step's block scores ({@link GaussianScores}) are
 * {@link GaussianGating#logJoint}'s doubles bit for bit (the same operations per point in the same order: no
 * tolerance); the fast pass with a Gaussian gate agrees with the scalar reference pass to {@link GatedPassTest}'s
 * tolerances; the M-step's moments by register tiles ({@link GaussianGateMoments}) agree with the solver's loops; and a
 * Gaussian-gated fit at d = 8 never lowers its objective.
 *
 * <p>Moments' tolerance: a sum Σ_n u_n a_n b_n taken in another order (lanes and tiles instead of one running sum)
 * differs by at most a few ulp per addition level of Σ_n |u_n a_n b_n|; each mean and covariance entry is held to
 * 1e−12 times that sum of absolute terms over the mass (ExpertMomentsTest's bound), ~100× the rounding, far below what
 * a lost point, a wrong column or a wrong centre changes.
 */
class GaussianGateDimensionTest {
    private static final int K = 3;

    /** k = 3 components, means in [−½, ½]^d, covariances A Aᵀ/d + 0.1·I with A ~ U[−1, 1] (correlated, SPD). */
    static GaussianGating gate(int d, long seed) {
        UniformRandomProvider rng = GatedFixtures.rng(seed);
        double[] weights = {0.5, 0.3, 0.2};
        double[][] means = new double[K][d];
        double[][][] cov = new double[K][d][d];
        for (int i = 0; i < K; i++) {
            double[][] a = new double[d][d];
            for (int j = 0; j < d; j++) {
                means[i][j] = rng.nextDouble() - 0.5;
                for (int l = 0; l < d; l++) {
                    a[j][l] = 2 * rng.nextDouble() - 1;
                }
            }
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    double s = j == l ? 0.1 : 0;
                    for (int m = 0; m < d; m++) {
                        s += a[j][m] * a[l][m] / d;
                    }
                    cov[i][j][l] = s;
                }
            }
            // Exactly symmetric: the lower triangle mirrored (the sums above agree only to rounding).
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < j; l++) {
                    cov[i][l][j] = cov[i][j][l];
                }
            }
        }
        return new GaussianGating(weights, means, cov);
    }

    @ParameterizedTest(name = "d = {0}, Vector API form {1}")
    @CsvSource({"1, false", "2, false", "5, false", "16, false", "33, false", "1, true", "2, true", "5, true",
        "16, true", "33, true"})
    void theBlockScoresAreLogJointsBitForBit(int d, boolean vectors) {
        Assumptions.assumeTrue(!vectors || LinearForms.AVAILABLE, "the Vector API form needs the module");
        GaussianGating g = gate(d, 500 + d);
        UniformRandomProvider rng = GatedFixtures.rng(600 + d);
        int block = GatedBlockPass.BLOCK;
        GaussianScores scores = new GaussianScores(d, K, vectors);
        scores.hoist(g);
        double[][] xb = new double[d][block];
        double[][] score = new double[K][block];
        double[] point = new double[d];
        // A whole block, then partial ones on the same buffers (stale values past len must not matter; 37 is not a
        // multiple of the Vector API form's 32 points).
        for (int len : new int[] {block, 37, 64}) {
            for (int j = 0; j < d; j++) {
                for (int e = 0; e < len; e++) {
                    xb[j][e] = 3 * rng.nextDouble() - 1.5;
                }
            }
            scores.block(xb, score, len);
            for (int e = 0; e < len; e++) {
                for (int j = 0; j < d; j++) {
                    point[j] = xb[j][e];
                }
                for (int i = 0; i < K; i++) {
                    double want = g.logJoint(i, point);
                    assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(score[i][e]),
                            "score " + i + " of point " + e + " (len " + len + "): " + want + " vs " + score[i][e]);
                }
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {2, 5, 16})
    void theFastPassWithAGaussianGateEqualsTheReference(int d) {
        int n = 700;
        GatedModel softmax = GeneralDimensionTest.model(d, 0, d);
        GatedModel truth = new GatedModel(new ConstantDeviation(0.7), gate(d, 700 + d), softmax.experts(),
                softmax.g0());
        Dataset data = GeneralDimensionTest.simulate(softmax, n, 800 + d);
        double[] logG0 = new double[n];
        truth.g0().logDensities(data, logG0);
        GatedPass fast = new GatedPass(data, K, logG0);
        GatedPass reference = new GatedPass(data, K, logG0);
        double want = reference.runReference(truth);
        double got = fast.run(truth);
        assertEquals(want, got, 1e-13 * Math.abs(want), "ℓ at d = " + d);
        for (int c = 0; c <= K; c++) {
            for (int p = 0; p < n; p++) {
                assertEquals(reference.r[c][p], fast.r[c][p], 1e-13, "r[" + c + "][" + p + "], d = " + d);
            }
        }
        for (int i = 0; i < K; i++) {
            for (int p = 0; p < n; p++) {
                assertEquals(reference.gate[i][p], fast.gate[i][p], 1e-13, "π[" + i + "][" + p + "], d = " + d);
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {2, 5, 16, 32})
    void theMomentTilesEqualTheLoops(int d) {
        Assumptions.assumeTrue(WeightedGram.AVAILABLE, "the tiles need the Vector API");
        int n = 1000;
        UniformRandomProvider rng = GatedFixtures.rng(900 + d);
        // Covariates off the origin (offset 5) so that centring matters; posteriors summing to 1 per point.
        double[] x = new double[n * d];
        for (int v = 0; v < x.length; v++) {
            x[v] = 5 + rng.nextDouble() + (v / n) * 0.1;
        }
        double[][] u = new double[K][n];
        for (int p = 0; p < n; p++) {
            double a = rng.nextDouble() + 0.01;
            double b = rng.nextDouble() + 0.01;
            double c = rng.nextDouble() + 0.01;
            u[0][p] = a / (a + b + c);
            u[1][p] = b / (a + b + c);
            u[2][p] = 1 - u[0][p] - u[1][p];
        }
        GaussianGating previous = gate(d, 950 + d);
        GaussianGateSolver.Result tiles = new GaussianGateSolver(n, d, K, GaussianGateSolver.DEFAULT_COVARIANCE_FLOOR,
                true).solve(x, u, previous);
        GaussianGateSolver.Result loops = new GaussianGateSolver(n, d, K, GaussianGateSolver.DEFAULT_COVARIANCE_FLOOR,
                false).solve(x, u, previous);
        assertEquals(SolverStatus.CONVERGED, loops.status());
        assertEquals(SolverStatus.CONVERGED, tiles.status());
        for (int i = 0; i < K; i++) {
            double mass = 0;
            for (int p = 0; p < n; p++) {
                mass += u[i][p];
            }
            assertEquals(loops.gating().weight(i), tiles.gating().weight(i), 0.0, "w_" + i + ": the same sums");
            double[] c = loops.gating().mean(i);
            double[] ct = tiles.gating().mean(i);
            double[][] cov = loops.gating().covariance(i);
            double[][] covt = tiles.gating().covariance(i);
            for (int j = 0; j < d; j++) {
                double abs = 0;
                for (int p = 0; p < n; p++) {
                    abs += u[i][p] * Math.abs(x[j * n + p]);
                }
                assertEquals(c[j], ct[j], 1e-12 * abs / mass, "c_" + i + "[" + j + "], d = " + d);
                for (int l = 0; l < d; l++) {
                    double sum = 0;
                    for (int p = 0; p < n; p++) {
                        sum += u[i][p] * Math.abs(x[j * n + p] - c[j]) * Math.abs(x[l * n + p] - c[l]);
                    }
                    assertEquals(cov[j][l], covt[j][l], 1e-12 * sum / mass,
                            "Γ_" + i + "[" + j + "][" + l + "], d = " + d);
                    assertEquals(covt[j][l], covt[l][j], 0.0, "Γ symmetric");
                }
            }
        }
    }

    @Test
    void aGaussianGatedFitAtEightCovariatesNeverLowersItsObjective() {
        int d = 8;
        GatedModel softmax = GeneralDimensionTest.model(d, 0, 8);
        Dataset data = GeneralDimensionTest.simulate(softmax, 2000, 408);
        GatedModel start = new GatedModel(new ConstantDeviation(0.6), gate(d, 1008), softmax.experts(), softmax.g0());
        List<Double> seen = new ArrayList<>();
        GatedFitResult fit = new GatedEmFitter(GatedEmFitterTest.TIGHT.withMaxIterations(40)).fit(data, start,
                seen::add);
        assertTrue(seen.size() > 10, "only " + seen.size() + " objectives, status " + fit.status());
        for (int t = 1; t < seen.size(); t++) {
            // The Gaussian gate's M-step is exact; rounding of a sum of 2000 logs is below 1e-12 relative.
            assertTrue(seen.get(t) >= seen.get(t - 1) - 1e-12 * Math.abs(seen.get(t - 1)),
                    "step " + t + " went from " + seen.get(t - 1) + " to " + seen.get(t));
        }
        assertTrue(seen.get(seen.size() - 1) > seen.get(0), "the fit did not move: " + seen.get(0));
    }
}
