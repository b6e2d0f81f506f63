package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.em.ExpertLeastSquares;
import org.dgmoe.core.em.WeightedGram;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gated EM's kernels for general d (issue 27) against their scalar references at d = 5, 8, 16 and 32 (and 7,
 * where the Newton gradients' constant column falls in a group of four): the E-step ({@link GatedPass#run} against
 * {@link GatedPass#runReference}), the experts' moments ({@link ExpertMoments}' tiles, BlockedGram, against
 * {@link ExpertMoments#accumulateReference}), and the softmax gate's and the sigmoid λ's Newton derivatives (tiles
 * against the loops); then a whole softmax-gated, sigmoid-deviated fit at
 * d = 16 whose objective never decreases.
 *
 * <p>Tolerances: the E-step's are {@link GatedPassTest}'s (ℓ 1e−13 relative, each responsibility and π 1e−13
 * absolute: the fast exponential's 1e−15 and the normalisers' few roundings). A sum over points Σ_n w_n a_n b_n
 * computed in another order (lanes, tiles) differs by a few ulp of Σ_n |w_n a_n b_n| per addition level; as
 * EmWorkspaceTest's statistics, each is held to 1e−13 times that sum of absolute terms (for the moments 1e−12, as
 * ExpertMomentsTest), ~100× the rounding, still far below what a lost point or a wrong column changes.
 */
class GeneralDimensionTest {
    private static final int N = 1000;
    private static final int K = 3;
    private static final double SUM_TOLERANCE = 1e-13;

    /** k = 3, softmax gate, sigmoid λ(x), Gaussian-linear g0, slopes of size ~1/√d so every term stays O(1). */
    static GatedModel model(int d, double shift, long seed) {
        UniformRandomProvider rng = GatedFixtures.rng(seed);
        List<Expert> experts = new ArrayList<>();
        double[][] gateSlope = new double[K][d];
        double[] gateIntercept = new double[K];
        for (int i = 0; i < K; i++) {
            double[] a = new double[d];
            for (int j = 0; j < d; j++) {
                a[j] = (2 * rng.nextDouble() - 1) * 3 / Math.sqrt(d) + shift;
                gateSlope[i][j] = i == 0 ? 0 : (2 * rng.nextDouble() - 1) * 4 / Math.sqrt(d) + shift;
            }
            experts.add(new Expert(a, i - 1.0 + shift, 0.05 * (i + 1) * (1 + shift)));
            gateIntercept[i] = i == 0 ? 0 : 0.2 * i + shift;
        }
        double[] g0Slope = new double[d];
        Arrays.fill(g0Slope, 0.5 / Math.sqrt(d));
        double[] devSlope = new double[d];
        devSlope[0] = 1 - shift;
        devSlope[d - 1] = -0.5;
        return new GatedModel(new SigmoidDeviation(devSlope, 0.8 + shift), new SoftmaxGating(gateSlope, gateIntercept),
                experts, new GaussianLinearG0(g0Slope, -2.5, 0.4));
    }

    static Dataset simulate(GatedModel truth, int n, long seed) {
        int d = truth.dimension();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, -1);
        Arrays.fill(hi, 1);
        return Simulator.simulate(new UniformCovariates(lo, hi), truth, n, GatedFixtures.rng(seed));
    }

    private static double[] logG0(GatedModel truth, Dataset data) {
        double[] logG0 = new double[data.size()];
        truth.g0().logDensities(data, logG0);
        return logG0;
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {5, 8, 16, 32})
    void theFastPassEqualsTheReference(int d) {
        GatedModel truth = model(d, 0, d);
        Dataset data = simulate(truth, N, 100 + d);
        for (GatedModel theta : List.of(truth, model(d, 0.1, d))) {
            GatedPass fast = new GatedPass(data, K, logG0(truth, data));
            GatedPass reference = new GatedPass(data, K, logG0(truth, data));
            double want = reference.runReference(theta);
            fast.run(theta);
            double got = fast.run(theta);
            assertEquals(want, got, 1e-13 * Math.abs(want), "ℓ at d = " + d);
            for (int c = 0; c <= K; c++) {
                for (int p = 0; p < N; p++) {
                    assertEquals(reference.r[c][p], fast.r[c][p], 1e-13, "r[" + c + "][" + p + "], d = " + d);
                }
            }
            for (int i = 0; i < K; i++) {
                for (int p = 0; p < N; p++) {
                    assertEquals(reference.gate[i][p], fast.gate[i][p], 1e-13, "π[" + i + "][" + p + "], d = " + d);
                }
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {5, 7, 8, 16, 32})
    void theMomentTilesEqualThePlainSums(int d) {
        UniformRandomProvider rng = GatedFixtures.rng(70 + d);
        double[] xc = new double[N * d];
        double[] yc = new double[N];
        double[] w = new double[N];
        for (int i = 0; i < xc.length; i++) {
            xc[i] = 4 * rng.nextDouble() - 2;
        }
        for (int p = 0; p < N; p++) {
            yc[p] = 6 * rng.nextDouble() - 3;
            w[p] = rng.nextDouble();
        }
        int q = d + 2;
        int[] pair = ExpertLeastSquares.pairIndex(q);
        double[] reference = new double[q * (q + 1) / 2];
        new ExpertMoments(xc, yc, d, false).accumulateReference(w, reference);
        List<Boolean> forms = WeightedGram.AVAILABLE ? List.of(true, false) : List.of(false);
        for (boolean tiles : forms) {
            ExpertMoments moments = new ExpertMoments(xc, yc, d, tiles);
            double[] fast = new double[reference.length];
            // Twice, so the second call runs on accumulators the first has filled.
            moments.accumulate(w, fast);
            Arrays.fill(fast, Double.NaN);
            moments.accumulate(w, fast);
            for (int j = 0; j < q; j++) {
                for (int l = j; l < q; l++) {
                    double absolute = 0;
                    for (int p = 0; p < N; p++) {
                        absolute += Math.abs(w[p] * column(xc, yc, d, j, p) * column(xc, yc, d, l, p));
                    }
                    int s = pair[j * q + l];
                    assertEquals(reference[s], fast[s], 1e-12 * absolute,
                            "tiles = " + tiles + ", d = " + d + ", moment (" + j + ", " + l + ")");
                }
            }
            // Every expert's moments in one pass: the same sums in the same order, so the same bits.
            double[][] each = new double[3][reference.length];
            moments.accumulateAll(new double[][] {w, Arrays.copyOf(yc, N), w}, each);
            double[] second = new double[reference.length];
            moments.accumulate(Arrays.copyOf(yc, N), second);
            assertEquals(0, Arrays.compare(fast, each[0]), "accumulateAll, expert 0, tiles = " + tiles);
            assertEquals(0, Arrays.compare(second, each[1]), "accumulateAll, expert 1, tiles = " + tiles);
            assertEquals(0, Arrays.compare(fast, each[2]), "accumulateAll, expert 2, tiles = " + tiles);
            assertTrue(Arrays.compare(fast, second) != 0, "the experts' weights differ");
        }
    }

    private static double column(double[] xc, double[] yc, int d, int j, int p) {
        return j < d ? xc[j * N + p] : j == d ? 1 : yc[p];
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {5, 7, 8, 16, 32})
    void theSoftmaxDerivativeTilesEqualTheLoops(int d) {
        Assumptions.assumeTrue(WeightedGram.AVAILABLE, "the tiles need jdk.incubator.vector");
        GatedModel truth = model(d, 0, d);
        Dataset data = simulate(truth, N, 200 + d);
        SoftmaxGating at = (SoftmaxGating) model(d, 0.1, d).gating();
        // Responsibilities from a pass (g0 keeps ρ below 1) and the pass's π at the gate, as a GEM step reads them.
        GatedPass pass = new GatedPass(data, K, logG0(truth, data));
        pass.run(new GatedModel(truth.deviation(), at, truth.experts(), truth.g0()));
        double[][] r = Arrays.copyOfRange(pass.r, 1, K + 1);
        int q = (K - 1) * (d + 1);
        double[] gradTiles = new double[q];
        double[] hessTiles = new double[q * q];
        double[] gradLoops = new double[q];
        double[] hessLoops = new double[q * q];
        new SoftmaxGateSolver(N, d, K, 1, true).derivatives(data.columnView(), r, at, pass.gate, gradTiles, hessTiles);
        new SoftmaxGateSolver(N, d, K, 1, false).derivatives(data.columnView(), r, at, pass.gate, gradLoops, hessLoops);
        // |r − ρπ| ≤ 1 and |ρπ_i(δ − π_j)| ≤ 1, so Σ_n (1 + max_a z_a²) bounds every entry's Σ|terms|.
        double bound = SUM_TOLERANCE * standardisedSquareSum(data.columnView(), N, d);
        for (int a = 0; a < q; a++) {
            assertEquals(gradLoops[a], gradTiles[a], bound, "g[" + a + "], d = " + d);
            for (int c = 0; c <= a; c++) {
                assertEquals(hessLoops[a * q + c], hessTiles[a * q + c], bound, "A[" + a + "][" + c + "], d = " + d);
            }
        }
        // The comparison can fail: A's diagonal is of order n/k, far above the bound.
        assertTrue(hessTiles[0] > 1e6 * bound, "A[0][0] = " + hessTiles[0]);
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {5, 7, 8, 16, 32})
    void theSigmoidDerivativeTilesEqualTheLoop(int d) {
        Assumptions.assumeTrue(WeightedGram.AVAILABLE, "the tiles need jdk.incubator.vector");
        GatedModel truth = model(d, 0, d);
        Dataset data = simulate(truth, N, 300 + d);
        GatedPass pass = new GatedPass(data, K, logG0(truth, data));
        pass.run(truth);
        double[] rho = new double[N];
        for (int p = 0; p < N; p++) {
            rho[p] = 1 - pass.r[0][p];
        }
        SigmoidDeviation at = (SigmoidDeviation) model(d, 0.1, d).deviation();
        int q = d + 1;
        double[] gradTiles = new double[q];
        double[] hessTiles = new double[q * q];
        double[] gradLoop = new double[q];
        double[] hessLoop = new double[q * q];
        new SigmoidDeviationSolver(N, d, 1, true).derivatives(data.columnView(), rho, at, gradTiles, hessTiles);
        new SigmoidDeviationSolver(N, d, 1, false).derivatives(data.columnView(), rho, at, gradLoop, hessLoop);
        // |ρ − λ| ≤ 1 and λ(1 − λ) ≤ 1/4: the same bound as the softmax gate's.
        double bound = SUM_TOLERANCE * standardisedSquareSum(data.columnView(), N, d);
        for (int a = 0; a < q; a++) {
            assertEquals(gradLoop[a], gradTiles[a], bound, "g[" + a + "], d = " + d);
            for (int c = 0; c <= a; c++) {
                assertEquals(hessLoop[a * q + c], hessTiles[a * q + c], bound, "A[" + a + "][" + c + "], d = " + d);
            }
        }
        assertTrue(hessTiles[q * q - 1] > 1e6 * bound, "A[d][d] = " + hessTiles[q * q - 1]);
    }

    @Test
    void aSigmoidStepOnTheSameCovariatesIsTheSolve() {
        int d = 8;
        GatedModel truth = model(d, 0, d);
        Dataset data = simulate(truth, N, 400);
        Dataset other = simulate(truth, N, 401);
        double[] rho = new double[N];
        UniformRandomProvider rng = GatedFixtures.rng(402);
        for (int p = 0; p < N; p++) {
            rho[p] = rng.nextDouble();
        }
        SigmoidDeviation start = (SigmoidDeviation) truth.deviation();
        SigmoidDeviationSolver stepper = new SigmoidDeviationSolver(N, d, 1);
        SigmoidDeviationSolver solver = new SigmoidDeviationSolver(N, d, 1);
        // Covariates kept from the first step, then another array (standardised again), then the first again.
        for (Dataset x : List.of(data, data, other, data)) {
            SigmoidDeviation a = stepper.step(x.columnView(), rho, start).deviation();
            SigmoidDeviation b = solver.solve(x.columnView(), rho, start).deviation();
            assertEquals(0, Arrays.compare(b.slope(), a.slope()), "slopes");
            assertEquals(b.intercept(), a.intercept(), 0.0, "intercept");
        }
    }

    /** Σ_n (1 + max_j z_nj²) for x's standardised columns z. */
    private static double standardisedSquareSum(double[] x, int n, int d) {
        StandardisedCovariates z = new StandardisedCovariates(n, d);
        z.load(x);
        double s = 0;
        for (int p = 0; p < n; p++) {
            double m = 1;
            for (int j = 0; j < d; j++) {
                m = Math.max(m, z.z[j * n + p] * z.z[j * n + p]);
            }
            s += 1 + m;
        }
        return s;
    }

    @Test
    void aSoftmaxGatedFitAtSixteenCovariatesNeverLowersItsObjective() {
        int d = 16;
        GatedModel truth = model(d, 0, 16);
        Dataset data = simulate(truth, 2000, 416);
        // Plain (generalised) EM from every parameter moved: 40 iterations, each with both Newton solvers' steps.
        List<Double> seen = new ArrayList<>();
        GatedFitResult fit = new GatedEmFitter(GatedEmFitterTest.TIGHT.withMaxIterations(40))
                .fit(data, model(d, 0.05, 16), seen::add);
        assertTrue(seen.size() > 10, "only " + seen.size() + " objectives, status " + fit.status());
        for (int t = 1; t < seen.size(); t++) {
            // A GEM step never lowers the objective; rounding of a sum of 2000 logs is below 1e-12 relative.
            assertTrue(seen.get(t) >= seen.get(t - 1) - 1e-12 * Math.abs(seen.get(t - 1)),
                    "step " + t + " went from " + seen.get(t - 1) + " to " + seen.get(t));
        }
        assertTrue(seen.get(seen.size() - 1) > seen.get(0), "the fit did not move: " + seen.get(0));
    }
}
