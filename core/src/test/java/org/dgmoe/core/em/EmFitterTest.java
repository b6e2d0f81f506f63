package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.NoG0;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EmFitterTest {

    /**
     * ℓ reported vs ℓ recomputed by the independent scalar {@link DeviatedModel#logLikelihood}:
     * both sum n log-densities; the fast kernel's exp is within 1e−15 relative and its block logs
     * add ≤ 32 roundings per 32 points, so 1e−12 relative is ~100× the expected error yet catches
     * any off-by-one-iterate (consecutive iterates differ by ≥ 1e−9 relative in these fits until convergence).
     */
    private static final double LL_CONTRACT = 1e-12;

    private static void assertLogLikelihoodOfModel(FitResult r, Dataset data) {
        double expected = r.model().logLikelihood(data);
        assertEquals(expected, r.logLikelihood(), LL_CONTRACT * Math.abs(expected),
                "logLikelihood must be ℓ of exactly the returned model");
    }

    static Stream<Arguments> monotoneSettings() {
        return Stream.of(
                Arguments.of("student-t g0, k=k*=2", Fixtures.truth(Fixtures.studentT(1), 1, 0.5), 2),
                Arguments.of("gaussian-nonlinear g0, k=2", Fixtures.truth(Fixtures.nonlinear(), 1, 0.6), 2),
                Arguments.of("gaussian-linear g0 (non-distinguishable), k=2",
                        Fixtures.truth(Fixtures.gaussianLinear(1), 1, 0.5), 2),
                Arguments.of("g0 none, k=2", Fixtures.none(1), 2),
                Arguments.of("student-t g0, over-fitted k=3 vs k*=2", Fixtures.truth(Fixtures.studentT(1), 1, 0.5), 3),
                Arguments.of("student-t g0, d=3, k=3", Fixtures.truth(Fixtures.studentT(3), 3, 0.5), 3),
                // d = 8: the statistics by VectorGram's fused multiply-adds (docs/performance.md, "fuse"), as at d = 3.
                Arguments.of("student-t g0, d=8, k=3", Fixtures.truth(Fixtures.studentT(8), 8, 0.5), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("monotoneSettings")
    void logLikelihoodNeverDecreases(String name, DeviatedModel truth, int k) {
        Dataset data = Fixtures.simulate(truth, 2000, 101);
        for (EmFitter.Kernel kernel : EmFitter.Kernel.values()) {
            for (long seed = 1; seed <= 3; seed++) {
              for (Acceleration acceleration : Acceleration.values()) {
                DeviatedModel start = RandomStart.draw(data, truth.g0(), k, truth.g0().isNone() ? 1 : 0.5,
                        Fixtures.rng(seed));
                List<Double> trace = new ArrayList<>();
                FitResult r = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(300).withTolerance(0)
                        .withAcceleration(acceleration), kernel).fit(data, start, (it, ll) -> trace.add(ll));
                assertTrue(trace.size() >= 2, name + ": at least one M-step, status " + r.status());
                for (int t = 1; t < trace.size(); t++) {
                    // A genuine EM decrease (wrong formula, wrong floor) is ≥ 1e−6 relative; rounding of a sum
                    // of 2000 log-densities is ~1e−14 relative. 1e−11 separates the two.
                    double prev = trace.get(t - 1);
                    assertTrue(trace.get(t) >= prev - 1e-11 * Math.abs(prev),
                            name + " " + kernel + " seed " + seed + ": ℓ decreased at iteration " + t + ": " + prev
                                    + " -> " + trace.get(t));
                }
                assertEquals(trace.get(trace.size() - 1), r.logLikelihood(), 0.0);
                assertLogLikelihoodOfModel(r, data);
              }
            }
        }
    }

    /** OLS by Commons Math (QR decomposition) on the same data; the EM fit with k = 1, λ = 1. */
    @ParameterizedTest
    @EnumSource(EmFitter.Kernel.class)
    void oneExpertWithoutG0IsOls(EmFitter.Kernel kernel) {
        for (int d : new int[] {1, 3}) {
            int n = 500;
            UniformRandomProvider rng = Fixtures.rng(7 + d);
            double[][] rows = new double[n][d];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double mean = 1.25;
                for (int j = 0; j < d; j++) {
                    rows[i][j] = 4 * rng.nextDouble() - 1;
                    mean += (j + 1) * 0.75 * rows[i][j];
                }
                y[i] = mean + 0.3 * (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5);
            }
            Dataset data = Dataset.ofRows(rows, y);
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(y, rows);
            double[] beta = ols.estimateRegressionParameters(); // [intercept, slope_1..slope_d]
            double rss = ols.calculateResidualSumOfSquares();

            DeviatedModel start = new DeviatedModel(1.0, new MixingMeasure(new double[] {1.0},
                    List.of(new Expert(Fixtures.repeat(0.0, d), 0.0, 1.0))), NoG0.INSTANCE);
            FitResult r = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(3).withTolerance(0), kernel).fit(data, start);
            Expert e = r.model().mixing().expert(0);
            // 1e−10: both are direct solves of a well-conditioned 2×2 / 4×4 least-squares problem
            // (condition number < 100), so they agree to ~1e−14; 1e−10 leaves room for the normal-equation
            // route (squares the condition number) without hiding a wrong weight or a missing term.
            assertEquals(beta[0], e.intercept(), 1e-10, "intercept, d=" + d);
            for (int j = 0; j < d; j++) {
                assertEquals(beta[j + 1], e.slope(j), 1e-10, "slope " + j + ", d=" + d);
            }
            assertEquals(rss / n, e.variance(), 1e-10 * rss / n, "variance = RSS/n, d=" + d);
            assertEquals(1.0, r.model().lambda(), 0.0);
            assertEquals(FitStatus.MAX_ITERATIONS, r.status());
            assertLogLikelihoodOfModel(r, data);
        }
    }

    @Test
    void recoversParametersAtLargeN() {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        int n = 100_000;
        Dataset data = Fixtures.simulate(truth, n, 2024);
        DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, 2, n, Fixtures.rng(5));
        FitResult r = new EmFitter(EmSettings.DEFAULTS).fit(data, start);
        assertEquals(FitStatus.CONVERGED, r.status());
        DeviatedModel m = r.model();
        // Tolerances ≈ 6–10 asymptotic standard errors c/√n. Each expert holds ≈ λ p n = 20 000–30 000
        // points; x ~ U[0,1] (var 1/12); residual sd √σ ≤ 0.32:
        //   λ: SE ≈ √(λ(1−λ)/n)·2 (mixture inflation) ≈ 0.003          → 0.02
        //   p_i: SE ≈ √(p(1−p)/(λn)) ≈ 0.0022                          → 0.02
        //   slope: SE ≈ √σ / √(λ p n /12) ≤ 0.32/41 ≈ 0.008            → 0.06
        //   intercept: SE ≈ 2√σ/√(λ p n) ≤ 0.0045                      → 0.035
        //   variance: SE ≈ σ √(2/(λ p n)) ≤ 0.1·0.01 = 0.001           → 0.008
        assertEquals(0.5, m.lambda(), 0.02, "lambda");
        for (int i = 0; i < 2; i++) {
            Expert t = truth.mixing().expert(i);
            Expert e = m.mixing().expert(i);
            assertEquals(truth.mixing().weight(i), m.mixing().weight(i), 0.02, "weight " + i);
            assertEquals(t.slope(0), e.slope(0), 0.06, "slope " + i);
            assertEquals(t.intercept(), e.intercept(), 0.035, "intercept " + i);
            assertEquals(t.variance(), e.variance(), 0.008, "variance " + i);
        }
        assertLogLikelihoodOfModel(r, data);
    }

    /**
     * The fast kernel against the exact scalar path. Per iterate ℓ agrees to 1e−11 relative: each
     * term differs by the fast exp's ≤ 1e−15 relative error and 32-point block logs (≤ 32 ulp of
     * log S ≤ log(k+1)); the statistics then differ by ~1e−15 relative, so parameters after one
     * step differ by ~1e−13. After 50 iterations the EM map (a contraction near its fixed point,
     * locally of norm ≤ 1) has not amplified that beyond 1e−9 absolute on any parameter.
     */
    @Test
    void fastKernelMatchesReference() {
        for (int d : new int[] {1, 3}) {
            DeviatedModel truth = Fixtures.truth(Fixtures.studentT(d), d, 0.5);
            Dataset data = Fixtures.simulate(truth, 3000, 77 + d);
            DeviatedModel start = RandomStart.draw(data, truth.g0(), 3, 0.5, Fixtures.rng(3));
            EmSettings s = EmSettings.DEFAULTS.withMaxIterations(50).withTolerance(0).withAcceleration(Acceleration.NONE);
            List<Double> fastTrace = new ArrayList<>();
            List<Double> refTrace = new ArrayList<>();
            FitResult fast = new EmFitter(s, EmFitter.Kernel.FAST).fit(data, start, (t, ll) -> fastTrace.add(ll));
            FitResult ref = new EmFitter(s, EmFitter.Kernel.REFERENCE).fit(data, start, (t, ll) -> refTrace.add(ll));
            assertEquals(ref.status(), fast.status());
            assertEquals(ref.iterations(), fast.iterations());
            assertEquals(refTrace.size(), fastTrace.size());
            for (int t = 0; t < refTrace.size(); t++) {
                assertEquals(refTrace.get(t), fastTrace.get(t), 1e-11 * Math.abs(refTrace.get(t)), "ℓ at iterate " + t);
            }
            assertModelsClose(ref.model(), fast.model(), 1e-9);
            // One iteration: the iterates themselves, to 1e−12.
            EmSettings one = s.withMaxIterations(1);
            assertModelsClose(new EmFitter(one, EmFitter.Kernel.REFERENCE).fit(data, start).model(),
                    new EmFitter(one, EmFitter.Kernel.FAST).fit(data, start).model(), 1e-12);
        }
    }

    private static void assertModelsClose(DeviatedModel a, DeviatedModel b, double tol) {
        assertEquals(a.lambda(), b.lambda(), tol, "lambda");
        for (int i = 0; i < a.size(); i++) {
            Expert ea = a.mixing().expert(i);
            Expert eb = b.mixing().expert(i);
            assertEquals(a.mixing().weight(i), b.mixing().weight(i), tol, "weight " + i);
            assertEquals(ea.intercept(), eb.intercept(), tol, "intercept " + i);
            assertEquals(ea.variance(), eb.variance(), tol, "variance " + i);
            for (int j = 0; j < ea.dimension(); j++) {
                assertEquals(ea.slope(j), eb.slope(j), tol, "slope " + i + "," + j);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EmFitter.Kernel.class)
    void toleranceZeroRunsExactlyMaxIterations(EmFitter.Kernel kernel) {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        Dataset data = Fixtures.simulate(truth, 1000, 3);
        DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, 2, 1000, Fixtures.rng(1));
        List<Integer> seen = new ArrayList<>();
        FitResult r = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(17).withTolerance(0)
                .withAcceleration(Acceleration.NONE), kernel)
                .fit(data, start, (t, ll) -> seen.add(t));
        assertEquals(17, r.iterations());
        assertEquals(FitStatus.MAX_ITERATIONS, r.status());
        assertEquals(18, seen.size(), "start plus 17 iterates");
        assertEquals(17, seen.get(17));
    }

    @Test
    void convergesWithTheRelativeRule() {
        DeviatedModel truth = Fixtures.truth(Fixtures.nonlinear(), 1, 0.6);
        Dataset data = Fixtures.simulate(truth, 2000, 8);
        DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, 2, 2000, Fixtures.rng(2));
        FitResult r = new EmFitter(EmSettings.PUBLISHED).fit(data, start);
        assertEquals(FitStatus.CONVERGED, r.status());
        assertTrue(r.lastRelativeChange() < 1e-6);
        assertTrue(r.iterations() < 2000);
        assertTrue(r.millis() >= 0);
        assertLogLikelihoodOfModel(r, data);
    }

    @Test
    void lambdaFixedStaysAtStart() {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        Dataset data = Fixtures.simulate(truth, 1000, 4);
        DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, 2, 1000, Fixtures.rng(1)).with(0.3,
                truth.mixing());
        FitResult r = new EmFitter(EmSettings.DEFAULTS.withLambdaFree(false)).fit(data, start);
        assertEquals(0.3, r.model().lambda(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(EmFitter.Kernel.class)
    void componentFarFromTheDataIsDegenerate(EmFitter.Kernel kernel) {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        Dataset data = Fixtures.simulate(truth, 500, 5);
        MixingMeasure g = new MixingMeasure(new double[] {0.5, 0.5},
                List.of(truth.mixing().expert(0), new Expert(new double[] {0.0}, 1e4, 0.01)));
        DeviatedModel start = truth.with(0.5, g);
        FitResult r = new EmFitter(EmSettings.DEFAULTS, kernel).fit(data, start);
        assertEquals(FitStatus.DEGENERATE, r.status());
        assertEquals(0, r.iterations());
        assertSame(start.g0(), r.model().g0());
        assertEquals(start, r.model());
        assertLogLikelihoodOfModel(r, data);
    }

    @ParameterizedTest
    @EnumSource(EmFitter.Kernel.class)
    void singularDesignIsDegenerate(EmFitter.Kernel kernel) {
        // All covariates equal: the normal matrix of [x, 1] is singular.
        double[] x = new double[50];
        double[] y = new double[50];
        UniformRandomProvider rng = Fixtures.rng(9);
        for (int i = 0; i < 50; i++) {
            x[i] = 0.25;
            y[i] = rng.nextDouble();
        }
        Dataset data = new Dataset(1, x, y);
        DeviatedModel start = RandomStart.draw(data, NoG0.INSTANCE, 1, 1, Fixtures.rng(1));
        FitResult r = new EmFitter(EmSettings.DEFAULTS, kernel).fit(data, start);
        assertEquals(FitStatus.DEGENERATE, r.status());
        assertLogLikelihoodOfModel(r, data);
    }

    @ParameterizedTest
    @EnumSource(EmFitter.Kernel.class)
    void nonFiniteDataGivesNonFiniteStatus(EmFitter.Kernel kernel) {
        DeviatedModel truth = Fixtures.none(1);
        Dataset clean = Fixtures.simulate(truth, 300, 6);
        double[] y = clean.ys();
        y[17] = Double.NaN;
        Dataset data = new Dataset(1, clean.columnView(), y);
        FitResult r = new EmFitter(EmSettings.DEFAULTS, kernel).fit(data, truth);
        assertEquals(FitStatus.NON_FINITE, r.status());
        assertEquals(truth, r.model());
        assertEquals(0, r.iterations());
        assertTrue(Double.isNaN(r.logLikelihood()));
    }

    @Test
    void misuseThrowsNamingTheArgument() {
        DeviatedModel truth = Fixtures.none(1);
        Dataset data3 = Fixtures.simulate(Fixtures.none(3), 50, 1);
        EmFitter f = new EmFitter(EmSettings.DEFAULTS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.fit(data3, truth));
        assertTrue(e.getMessage().startsWith("start:") && e.getMessage().contains("3") && e.getMessage().contains("1"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.fit((Dataset) null, truth));
        assertThrows(IllegalArgumentException.class, () -> f.fit(data3, null));
        assertThrows(IllegalArgumentException.class, () -> new EmFitter(EmSettings.DEFAULTS, null));
    }

}
