package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.model.SoftmaxGating;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The softmax gate's M-step: recovery, stationarity, monotone ascent, gauge, separation, and nnet::multinom. */
class SoftmaxGateSolverTest {
    private static final int N = 5000;
    private static final int K = 3;

    /** True gates of the simulation: expert 0 at zero, experts 1 and 2 with slopes of either sign. */
    private static SoftmaxGating truth(int d) {
        double[][] slope = new double[K][d];
        slope[1][0] = 1.5;
        slope[2][0] = -1.0;
        if (d > 1) {
            slope[1][1] = -0.5;
            slope[2][1] = 0.8;
        }
        return new SoftmaxGating(slope, new double[] {0, 0.3, -0.2});
    }

    private static SoftmaxGating zero(int k, int d) {
        return new SoftmaxGating(new double[k][d], new double[k]);
    }

    /** Hard labels drawn from π(x_n) of the truth: r[i][n] = 1 for the drawn expert. */
    private static double[][] hardLabels(double[] x, int d, SoftmaxGating g, UniformRandomProvider rng) {
        int n = x.length / d;
        double[][] r = new double[g.size()][n];
        double[] point = new double[d];
        double[] logPi = new double[g.size()];
        for (int m = 0; m < n; m++) {
            for (int j = 0; j < d; j++) {
                point[j] = x[j * n + m];
            }
            g.logWeights(point, logPi);
            double v = rng.nextDouble();
            int i = 0;
            double acc = Math.exp(logPi[0]);
            while (i < g.size() - 1 && v >= acc) {
                i++;
                acc += Math.exp(logPi[i]);
            }
            r[i][m] = 1;
        }
        return r;
    }

    /**
     * n = 5000 hard labels from the true gate, x standard normal: the MLE's standard errors are about
     * 1/√(n·Var(π)) ≈ 0.03–0.05, so 0.2 is four or more standard errors; Newton from zero converges.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void recoversTheSimulatedGate(int d) {
        UniformRandomProvider rng = SolverFixtures.rng(2100 + d);
        double[] x = SolverFixtures.normalCovariates(N, d, rng);
        SoftmaxGating truth = truth(d);
        double[][] r = hardLabels(x, d, truth, rng);
        SoftmaxGateSolver solver = new SoftmaxGateSolver(N, d, K);
        SoftmaxGateSolver.Result fit = solver.solve(x, r, zero(K, d));
        assertEquals(SolverStatus.CONVERGED, fit.status());
        for (int i = 0; i < K; i++) {
            assertEquals(truth.intercept(i), fit.gating().intercept(i), 0.2, "intercept " + i);
            for (int j = 0; j < d; j++) {
                assertEquals(truth.slope(i, j), fit.gating().slope(i, j), 0.2, "slope " + i + "," + j);
            }
        }
        assertEquals(solver.objective(x, r, fit.gating()), fit.objective(), 1e-9 * N);
    }

    /**
     * At the solution every partial derivative of Q, by central differences of {@link SoftmaxGateSolver#objective}
     * with h = 1e−5 in x's units, is ~0: Q ≈ −5000 rounds at ~1e−12, so the difference quotient carries
     * ~1e−7 of rounding and ~h²·|Q'''| ≈ 1e−6 of truncation; 1e−3 is far below the gradient a 0.001 error
     * in any parameter would leave (≈ 0.001·n·Var(π) ≈ 1).
     */
    @Test
    void gradientVanishesAtTheSolutionByFiniteDifferences() {
        int d = 2;
        UniformRandomProvider rng = SolverFixtures.rng(2203);
        double[] x = SolverFixtures.normalCovariates(N, d, rng);
        double[][] r = hardLabels(x, d, truth(d), rng);
        SoftmaxGateSolver solver = new SoftmaxGateSolver(N, d, K);
        SoftmaxGating fit = solver.solve(x, r, zero(K, d)).gating();
        double h = 1e-5;
        for (int i = 0; i < K; i++) {
            for (int j = 0; j <= d; j++) {
                double up = solver.objective(x, r, shifted(fit, i, j, h));
                double down = solver.objective(x, r, shifted(fit, i, j, -h));
                assertEquals(0, (up - down) / (2 * h), 1e-3, "dQ/dβ[" + i + "][" + j + "]");
            }
            // The check can fail: 0.01 off in one slope leaves a gradient far above the tolerance.
        }
        SoftmaxGating off = shifted(fit, 1, 0, 0.01);
        double slope = (solver.objective(x, r, shifted(off, 1, 0, h)) - solver.objective(x, r, shifted(off, 1, 0, -h)))
                / (2 * h);
        assertTrue(Math.abs(slope) > 1, "a perturbed gate's gradient " + slope + " must be visible");
    }

    /** Parameter j of expert i (j = d: the intercept) moved by h. */
    static SoftmaxGating shifted(SoftmaxGating g, int i, int j, double h) {
        double[][] s = g.slope();
        double[] c = g.intercept();
        if (j == g.dimension()) {
            c[i] += h;
        } else {
            s[i][j] += h;
        }
        return new SoftmaxGating(s, c);
    }

    /**
     * From a poor start (gates of the wrong sign, an eighth of the data's log-odds scale away), Q along
     * the steps never decreases: solvers capped at 0, 1, 2, … steps replay the same path. The reported Q
     * (the one the step rule compares) must not drop at all; Q recomputed in x's units agrees to 1e−9·n.
     */
    @Test
    void objectiveNeverDecreasesAlongTheSteps() {
        int d = 2;
        UniformRandomProvider rng = SolverFixtures.rng(2305);
        double[] x = SolverFixtures.normalCovariates(N, d, rng);
        double[][] r = hardLabels(x, d, truth(d), rng);
        SoftmaxGating start = new SoftmaxGating(new double[][] {{0, 0}, {-6, 4}, {5, -7}}, new double[] {0, 3, -4});
        double previous = new SoftmaxGateSolver(N, d, K).objective(x, r, start);
        SoftmaxGateSolver.Result solved = new SoftmaxGateSolver(N, d, K).solve(x, r, start);
        int full = solved.steps();
        assertTrue(full >= 3, "a poor start takes several steps, took " + full);
        for (int cap = 0; cap <= full; cap++) {
            SoftmaxGateSolver solver = new SoftmaxGateSolver(N, d, K, cap);
            SoftmaxGateSolver.Result fit = solver.solve(x, r, start);
            assertTrue(fit.objective() >= previous - 1e-9 * N, "step " + cap + ": " + fit.objective() + " < " + previous);
            assertEquals(solver.objective(x, r, fit.gating()), fit.objective(), 1e-9 * N);
            // Capped before the decrement test passes: MAX_STEPS; the last step may be the polish of a converged ascent.
            if (cap < full - 1) {
                assertEquals(SolverStatus.MAX_STEPS, fit.status(), "cap " + cap);
            } else if (cap == full) {
                // A capped ascent stops at the cap without the convergence test (a GEM step skips that pass), so
                // when the full run's polish was rejected the cap ends it first: MAX_STEPS at the same iterate,
                // reached by the same arithmetic, so its Q equals the full run's exactly.
                assertTrue(fit.status() == SolverStatus.CONVERGED || fit.status() == SolverStatus.MAX_STEPS,
                        "cap " + cap + ": " + fit.status());
                assertEquals(solved.objective(), fit.objective(), 0.0, "cap " + cap);
            }
            previous = Math.max(previous, fit.objective());
        }
    }

    /**
     * {@link SoftmaxGateSolver#step}, given π at the start (as the E-step gives it), takes the step the ascent capped
     * at one Newton step takes: the same direction from the same derivatives (π computed in x's units instead of the
     * standardised ones: rounding, 1e−15 relative) and the same halvings, so the same gate to 1e−9 and the same
     * status, from a poor start (several halvings) and from the solution (the decrement test); and Q does not drop.
     */
    @Test
    void aStepFromTheGatesValuesIsTheOneStepSolve() {
        int d = 2;
        UniformRandomProvider rng = SolverFixtures.rng(2306);
        double[] x = SolverFixtures.normalCovariates(N, d, rng);
        double[][] r = hardLabels(x, d, truth(d), rng);
        SoftmaxGating poor = new SoftmaxGating(new double[][] {{0, 0}, {-6, 4}, {5, -7}}, new double[] {0, 3, -4});
        SoftmaxGating solved = new SoftmaxGateSolver(N, d, K).solve(x, r, poor).gating();
        SoftmaxGateSolver stepper = new SoftmaxGateSolver(N, d, K);
        for (SoftmaxGating start : new SoftmaxGating[] {poor, truth(d), solved}) {
            SoftmaxGateSolver.Result capped = new SoftmaxGateSolver(N, d, K, 1).solve(x, r, start);
            SoftmaxGateSolver.Result step = stepper.step(x, r, start, gateValues(x, d, start));
            assertEquals(capped.status(), step.status(), start.toString());
            assertTrue(Double.isNaN(step.objective()), "a step does not compute Q");
            for (int i = 0; i < K; i++) {
                assertEquals(capped.gating().intercept(i), step.gating().intercept(i), 1e-9, start + ", gate " + i);
                for (int j = 0; j < d; j++) {
                    assertEquals(capped.gating().slope(i, j), step.gating().slope(i, j), 1e-9, start + ", gate " + i);
                }
            }
            assertTrue(stepper.objective(x, r, step.gating()) >= stepper.objective(x, r, start) - 1e-9 * N,
                    start.toString());
        }
    }

    /** π_i(x_n) of {@code g}, k columns. */
    private static double[][] gateValues(double[] x, int d, SoftmaxGating g) {
        int n = x.length / d;
        double[][] pi = new double[g.size()][n];
        double[] point = new double[d];
        double[] logPi = new double[g.size()];
        for (int m = 0; m < n; m++) {
            for (int j = 0; j < d; j++) {
                point[j] = x[j * n + m];
            }
            g.logWeights(point, logPi);
            for (int i = 0; i < g.size(); i++) {
                pi[i][m] = Math.exp(logPi[i]);
            }
        }
        return pi;
    }

    /**
     * The gates are identified up to a common shift: a start with expert 0's gate non-zero (every gate
     * moved by the same (δ, δ0)) reaches the same normalised solution. Both runs end at the decrement
     * tolerance after the polish step, so they agree far below 1e−8.
     */
    @Test
    void aShiftedStartGivesTheSameSolution() {
        int d = 2;
        UniformRandomProvider rng = SolverFixtures.rng(2407);
        double[] x = SolverFixtures.normalCovariates(N, d, rng);
        double[][] r = hardLabels(x, d, truth(d), rng);
        SoftmaxGateSolver solver = new SoftmaxGateSolver(N, d, K);
        SoftmaxGating a = solver.solve(x, r, zero(K, d)).gating();
        SoftmaxGating shifted = new SoftmaxGating(new double[][] {{2, -1}, {2, -1}, {2, -1}}, new double[] {0.7, 0.7, 0.7});
        SoftmaxGateSolver.Result b = solver.solve(x, r, shifted);
        assertEquals(SolverStatus.CONVERGED, b.status());
        for (int i = 0; i < K; i++) {
            assertEquals(a.intercept(i), b.gating().intercept(i), 1e-8);
            for (int j = 0; j < d; j++) {
                assertEquals(a.slope(i, j), b.gating().slope(i, j), 1e-8);
            }
        }
        assertEquals(0, b.gating().intercept(0));
        assertEquals(0, b.gating().slope(0, 0));
    }

    /**
     * Labels x &gt; 0 (hard, k = 2): the data are separable, Q's supremum 0 is not attained and the slope runs
     * to +∞. The solver stops on its separation bound or its step cap with finite numbers, a gate pointing
     * the right way, and Q not below the start's.
     */
    @Test
    void separableLabelsEndSeparatedWithFiniteNumbers() {
        int n = 1000;
        UniformRandomProvider rng = SolverFixtures.rng(2509);
        double[] x = SolverFixtures.normalCovariates(n, 1, rng);
        double[][] r = new double[2][n];
        for (int m = 0; m < n; m++) {
            r[x[m] > 0 ? 1 : 0][m] = 1;
        }
        SoftmaxGateSolver solver = new SoftmaxGateSolver(n, 1, 2);
        SoftmaxGating start = zero(2, 1);
        SoftmaxGateSolver.Result fit = solver.solve(x, r, start);
        assertTrue(fit.status() == SolverStatus.SEPARATED || fit.status() == SolverStatus.MAX_STEPS,
                "status " + fit.status());
        assertTrue(Double.isFinite(fit.gating().slope(1, 0)) && Double.isFinite(fit.gating().intercept(1)));
        assertTrue(fit.gating().slope(1, 0) > 10, "slope " + fit.gating().slope(1, 0));
        assertTrue(fit.objective() >= solver.objective(x, r, start));
        assertTrue(Double.isFinite(fit.objective()) && fit.objective() <= 0);
    }

    /** An expert with no responsibility anywhere: its gate heads to −∞ (SEPARATED), no exception. */
    @Test
    void anExpertWithoutResponsibilityEndsSeparated() {
        int n = 500;
        double[] x = SolverFixtures.normalCovariates(n, 1, SolverFixtures.rng(2611));
        double[][] r = new double[3][n];
        for (int m = 0; m < n; m++) {
            r[m % 2][m] = 0.8;
        }
        SoftmaxGateSolver.Result fit = new SoftmaxGateSolver(n, 1, 3).solve(x, r, zero(3, 1));
        assertEquals(SolverStatus.SEPARATED, fit.status());
        assertTrue(fit.gating().intercept(2) < -10, "gate 2 " + fit.gating());
    }

    /** A constant covariate column: its slope is not identified, the Hessian is singular; the start comes back. */
    @Test
    void aConstantCovariateIsSingular() {
        int n = 400;
        UniformRandomProvider rng = SolverFixtures.rng(2713);
        double[] x = SolverFixtures.normalCovariates(n, 2, rng);
        Arrays.fill(x, n, 2 * n, 3.0);
        double[][] r = hardLabels(x, 2, truth(2), rng);
        SoftmaxGateSolver.Result fit = new SoftmaxGateSolver(n, 2, K).solve(x, r, zero(K, 2));
        assertEquals(SolverStatus.SINGULAR, fit.status());
        assertEquals(0, fit.steps());
        assertEquals(zero(K, 2), fit.gating());
    }

    /** k = 1: π ≡ 1, the zero gate, Q = 0. */
    @Test
    void oneExpertIsTheZeroGate() {
        int n = 10;
        double[] x = SolverFixtures.normalCovariates(n, 2, SolverFixtures.rng(2815));
        double[][] r = {new double[n]};
        Arrays.fill(r[0], 0.5);
        SoftmaxGateSolver.Result fit = new SoftmaxGateSolver(n, 2, 1)
                .solve(x, r, new SoftmaxGating(new double[][] {{3, 4}}, new double[] {5}));
        assertEquals(SolverStatus.CONVERGED, fit.status());
        assertEquals(zero(1, 2), fit.gating());
        assertEquals(0, fit.objective());
    }

    /**
     * Against nnet::multinom (gate_reference.R, recorded in gate_reference.out): soft labels whose rows sum
     * to ρ_n &lt; 1, k = 3, d = 2, n = 300. multinom's BFGS stopped with |∇Q| ≈ 1.4e−7 (recorded) on a
     * Hessian of eigenvalues ≳ 1, so its coefficients are within ~1e−7 of the maximiser; 1e−6 leaves a
     * margin of ten. Q agrees to 1e−9 relative.
     */
    @Test
    void matchesNnetMultinom() {
        Map<String, double[]> ref = SolverFixtures.reference("gate_reference.out");
        int n = SolverFixtures.REFERENCE_N;
        double[] x = SolverFixtures.referenceX();
        double[][] r = SolverFixtures.referenceResponsibilities();
        SoftmaxGateSolver.Result fit = new SoftmaxGateSolver(n, 2, 3).solve(x, r, zero(3, 2));
        assertEquals(SolverStatus.CONVERGED, fit.status());
        double[] intercept = ref.get("softmax.intercept");
        for (int i = 1; i < 3; i++) {
            double[] slope = ref.get("softmax.slope" + i);
            assertEquals(intercept[i - 1], fit.gating().intercept(i), 1e-6, "intercept " + i);
            assertEquals(slope[0], fit.gating().slope(i, 0), 1e-6, "slope " + i + ",0");
            assertEquals(slope[1], fit.gating().slope(i, 1), 1e-6, "slope " + i + ",1");
        }
        double q = ref.get("softmax.objective")[0];
        assertEquals(q, fit.objective(), 1e-9 * Math.abs(q));
    }
}
