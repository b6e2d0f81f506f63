package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.model.SigmoidDeviation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** λ(x)'s M-step: recovery from hard and soft targets, stationarity, monotone ascent, separation, and R's glm. */
class SigmoidDeviationSolverTest {
    private static final int N = 5000;

    private static SigmoidDeviation truth(int d) {
        double[] slope = new double[d];
        slope[0] = 1.2;
        if (d > 1) {
            slope[1] = -0.7;
        }
        return new SigmoidDeviation(slope, 0.8);
    }

    private static SigmoidDeviation zero(int d) {
        return new SigmoidDeviation(new double[d], 0);
    }

    /** λ(x_n) of g at every point. */
    private static double[] lambda(double[] x, int d, SigmoidDeviation g) {
        int n = x.length / d;
        double[] out = new double[n];
        double[] point = new double[d];
        for (int m = 0; m < n; m++) {
            for (int j = 0; j < d; j++) {
                point[j] = x[j * n + m];
            }
            out[m] = g.weight(point);
        }
        return out;
    }

    /**
     * Hard targets ρ_n ~ Bernoulli(λ(x_n)), n = 5000, x standard normal: standard errors ≈ 0.04–0.06, so
     * 0.25 is four or more of them.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void recoversTheSimulatedDeviationFromHardTargets(int d) {
        UniformRandomProvider rng = SolverFixtures.rng(3100 + d);
        double[] x = SolverFixtures.normalCovariates(N, d, rng);
        double[] rho = lambda(x, d, truth(d));
        for (int m = 0; m < N; m++) {
            rho[m] = rng.nextDouble() < rho[m] ? 1 : 0;
        }
        SigmoidDeviationSolver solver = new SigmoidDeviationSolver(N, d);
        SigmoidDeviationSolver.Result fit = solver.solve(x, rho, zero(d));
        assertEquals(SolverStatus.CONVERGED, fit.status());
        assertEquals(truth(d).intercept(), fit.deviation().intercept(), 0.25);
        for (int j = 0; j < d; j++) {
            assertEquals(truth(d).slope(j), fit.deviation().slope(j), 0.25, "slope " + j);
        }
        assertEquals(solver.objective(x, rho, fit.deviation()), fit.objective(), 1e-9 * N);
    }

    /**
     * Soft targets ρ_n = λ(x_n) exactly: the score Σ(ρ_n − λ(x_n)) x̃_n vanishes at the truth, which is
     * therefore the maximiser (Q is strictly concave), whatever n. Newton stops at decrement 1e−12·n and
     * polishes, so the truth comes back to ~1e−10; 1e−8 allows for the rounding of ρ.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void softTargetsEqualToLambdaGiveTheTruthExactly(int d) {
        double[] x = SolverFixtures.normalCovariates(N, d, SolverFixtures.rng(3200 + d));
        double[] rho = lambda(x, d, truth(d));
        SigmoidDeviationSolver.Result fit = new SigmoidDeviationSolver(N, d).solve(x, rho, zero(d));
        assertEquals(SolverStatus.CONVERGED, fit.status());
        assertEquals(truth(d).intercept(), fit.deviation().intercept(), 1e-8);
        for (int j = 0; j < d; j++) {
            assertEquals(truth(d).slope(j), fit.deviation().slope(j), 1e-8, "slope " + j);
        }
    }

    /**
     * Central differences (h = 1e−5) of {@link SigmoidDeviationSolver#objective} at the solution: ~0 within
     * 1e−3 (Q ≈ −3000 rounds at ~1e−12: ~1e−7 of rounding, ~1e−6 of truncation in the quotient), while a
     * 0.01 error in the slope leaves a gradient above 1.
     */
    @Test
    void gradientVanishesAtTheSolutionByFiniteDifferences() {
        int d = 2;
        UniformRandomProvider rng = SolverFixtures.rng(3303);
        double[] x = SolverFixtures.normalCovariates(N, d, rng);
        double[] rho = lambda(x, d, truth(d));
        for (int m = 0; m < N; m++) {
            // Soft targets off the model: λ blended with a coin, so the truth is not the solution.
            rho[m] = 0.5 * rho[m] + 0.5 * rng.nextDouble();
        }
        SigmoidDeviationSolver solver = new SigmoidDeviationSolver(N, d);
        SigmoidDeviation fit = solver.solve(x, rho, zero(d)).deviation();
        double h = 1e-5;
        for (int j = 0; j <= d; j++) {
            double g = (solver.objective(x, rho, shifted(fit, j, h)) - solver.objective(x, rho, shifted(fit, j, -h)))
                    / (2 * h);
            assertEquals(0, g, 1e-3, "dQ/dγ[" + j + "]");
        }
        SigmoidDeviation off = shifted(fit, 0, 0.01);
        double g = (solver.objective(x, rho, shifted(off, 0, h)) - solver.objective(x, rho, shifted(off, 0, -h)))
                / (2 * h);
        assertTrue(Math.abs(g) > 1, "a perturbed slope's gradient " + g + " must be visible");
    }

    /** Parameter j (j = d: the intercept) moved by h. */
    private static SigmoidDeviation shifted(SigmoidDeviation g, int j, double h) {
        double[] s = g.slope();
        double c = g.intercept();
        if (j == s.length) {
            c += h;
        } else {
            s[j] += h;
        }
        return new SigmoidDeviation(s, c);
    }

    /** From a poor start, Q never decreases along the steps (solvers capped at 0, 1, … steps replay the path). */
    @Test
    void objectiveNeverDecreasesAlongTheSteps() {
        int d = 2;
        UniformRandomProvider rng = SolverFixtures.rng(3405);
        double[] x = SolverFixtures.normalCovariates(N, d, rng);
        double[] rho = lambda(x, d, truth(d));
        for (int m = 0; m < N; m++) {
            rho[m] = rng.nextDouble() < rho[m] ? 1 : 0;
        }
        SigmoidDeviation start = new SigmoidDeviation(new double[] {-6, 5}, -4);
        SigmoidDeviationSolver probe = new SigmoidDeviationSolver(N, d);
        double previous = probe.objective(x, rho, start);
        SigmoidDeviationSolver.Result solved = probe.solve(x, rho, start);
        int full = solved.steps();
        assertTrue(full >= 3, "a poor start takes several steps, took " + full);
        for (int cap = 0; cap <= full; cap++) {
            SigmoidDeviationSolver solver = new SigmoidDeviationSolver(N, d, cap);
            SigmoidDeviationSolver.Result fit = solver.solve(x, rho, start);
            assertTrue(fit.objective() >= previous - 1e-9 * N, "step " + cap + ": " + fit.objective() + " < " + previous);
            assertEquals(solver.objective(x, rho, fit.deviation()), fit.objective(), 1e-9 * N);
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

    /** Targets 1 for x &gt; 0, else 0: separable, γ runs off; a status, finite numbers, Q not below the start's. */
    @Test
    void separableTargetsEndSeparated() {
        int n = 1000;
        double[] x = SolverFixtures.normalCovariates(n, 1, SolverFixtures.rng(3507));
        double[] rho = new double[n];
        for (int m = 0; m < n; m++) {
            rho[m] = x[m] > 0 ? 1 : 0;
        }
        SigmoidDeviationSolver solver = new SigmoidDeviationSolver(n, 1);
        SigmoidDeviationSolver.Result fit = solver.solve(x, rho, zero(1));
        assertTrue(fit.status() == SolverStatus.SEPARATED || fit.status() == SolverStatus.MAX_STEPS,
                "status " + fit.status());
        assertTrue(Double.isFinite(fit.deviation().slope(0)) && fit.deviation().slope(0) > 10, fit.toString());
        assertTrue(fit.objective() >= solver.objective(x, rho, zero(1)) && fit.objective() <= 0);
    }

    /** ρ ≡ 1 (g0 owns nothing): λ's supremum 1 is at γ0 = +∞, reported SEPARATED with a large finite γ0. */
    @Test
    void allTargetsOneEndSeparated() {
        int n = 200;
        double[] x = SolverFixtures.normalCovariates(n, 2, SolverFixtures.rng(3609));
        double[] rho = new double[n];
        Arrays.fill(rho, 1);
        SigmoidDeviationSolver.Result fit = new SigmoidDeviationSolver(n, 2).solve(x, rho, zero(2));
        assertEquals(SolverStatus.SEPARATED, fit.status());
        assertTrue(fit.deviation().intercept() > 10 && Double.isFinite(fit.deviation().intercept()), fit.toString());
    }

    /**
     * Against R's glm(family = quasibinomial) on the soft targets of gate_reference.R (IRLS to a relative
     * deviance change of 1e−14, recorded in gate_reference.out): IRLS converges quadratically, so both fits
     * are the maximiser to ~1e−10; 1e−8 allows for R's and Java's sin/exp differing in the last bit.
     */
    @Test
    void matchesRGlmQuasibinomial() {
        Map<String, double[]> ref = SolverFixtures.reference("gate_reference.out");
        int n = SolverFixtures.REFERENCE_N;
        double[] x = SolverFixtures.referenceX();
        double[] t = SolverFixtures.referenceTargets();
        SigmoidDeviationSolver.Result fit = new SigmoidDeviationSolver(n, 2).solve(x, t, zero(2));
        assertEquals(SolverStatus.CONVERGED, fit.status());
        assertEquals(ref.get("sigmoid.intercept")[0], fit.deviation().intercept(), 1e-8);
        assertEquals(ref.get("sigmoid.slope")[0], fit.deviation().slope(0), 1e-8);
        assertEquals(ref.get("sigmoid.slope")[1], fit.deviation().slope(1), 1e-8);
        double q = ref.get("sigmoid.objective")[0];
        assertEquals(q, fit.objective(), 1e-10 * Math.abs(q));
    }

    /** NaN in the targets: a status, the start back, no exception. */
    @Test
    void nanTargetsAreNonFinite() {
        int n = 50;
        double[] x = SolverFixtures.normalCovariates(n, 1, SolverFixtures.rng(3711));
        double[] rho = new double[n];
        Arrays.fill(rho, 0.5);
        rho[7] = Double.NaN;
        SigmoidDeviationSolver.Result fit = new SigmoidDeviationSolver(n, 1).solve(x, rho, zero(1));
        assertEquals(SolverStatus.NON_FINITE, fit.status());
        assertEquals(zero(1), fit.deviation());
    }
}
