package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * The fast E-step ({@link GatedPass#run}, {@link GatedBlockPass}) against the scalar reference
 * ({@link GatedPass#runReference}) for every family, at the truth and at a perturbed θ.
 *
 * <p>Tolerances: ℓ to 1e−13 relative and every responsibility (and π for a Gaussian gate) to 1e−13 absolute, the
 * issue's. FastExp is within 1e−15 relative of Math.exp (FastExpTest), a normaliser sums at most 2k such terms,
 * and Σ log S by logs of products of 32 normalisers differs from the sum of 32 logs by at most ~32 roundings of
 * the product (≈ 7e−15 absolute per 32 points, far below 1e−13·|ℓ| with |ℓ| ≳ 0.1 per point); a responsibility
 * is a ratio of such sums, so its error is a few 1e−16.
 */
class GatedPassTest {

    /** n = 3000 is not a multiple of the block (256): the last, partial block is exercised. */
    static final int N = 3000;

    @Test
    void theFastPassEqualsTheReferenceForEveryFamily() {
        List<GatedModel> models = new ArrayList<>(GatedFixtures.all());
        models.add(threeExpertsTwoCovariates(0));
        for (GatedModel truth : models) {
            Dataset data = simulate(truth);
            GatedModel away = truth.dimension() == 1 ? GatedEmFitterTest.perturbed(truth)
                    : threeExpertsTwoCovariates(0.3);
            for (GatedModel theta : List.of(truth, away)) {
                compare(truth, theta, data);
            }
        }
    }

    @Test
    void aPassThatCanFailDoes() {
        // The comparison must be able to fail: a different θ gives a different ℓ (by far more than 1e−13).
        GatedModel truth = GatedFixtures.softmaxSigmoid();
        Dataset data = simulate(truth);
        GatedPass fast = new GatedPass(data, truth.size(), logG0(truth, data));
        GatedPass reference = new GatedPass(data, truth.size(), logG0(truth, data));
        double a = fast.run(GatedEmFitterTest.perturbed(truth));
        double b = reference.runReference(truth);
        assertTrue(Math.abs(a - b) > 1e-6 * Math.abs(b), a + " vs " + b);
    }

    private static void compare(GatedModel truth, GatedModel theta, Dataset data) {
        GatedPass fast = new GatedPass(data, theta.size(), logG0(truth, data));
        GatedPass reference = new GatedPass(data, theta.size(), logG0(truth, data));
        double want = reference.runReference(theta);
        double got = fast.run(theta);
        // Twice, so the second pass runs on buffers a previous pass has dirtied.
        got = fast.run(theta);
        assertEquals(want, got, 1e-13 * Math.abs(want), theta.toString());
        assertEquals(reference.covariateLogDensity, fast.covariateLogDensity,
                1e-13 * Math.abs(reference.covariateLogDensity), theta.toString());
        for (int c = 0; c <= theta.size(); c++) {
            for (int p = 0; p < data.size(); p++) {
                assertEquals(reference.r[c][p], fast.r[c][p], 1e-13, "r[" + c + "][" + p + "] of " + theta);
            }
        }
        if (reference.gate != null) {
            for (int i = 0; i < theta.size(); i++) {
                for (int p = 0; p < data.size(); p++) {
                    assertEquals(reference.gate[i][p], fast.gate[i][p], 1e-13, "π[" + i + "][" + p + "] of " + theta);
                }
            }
        }
    }

    /** As the fitter: log g0 only when there is a g0 term. */
    private static double[] logG0(GatedModel truth, Dataset data) {
        if (truth.g0().isNone() || truth.deviation().isOne()) {
            return null;
        }
        double[] logG0 = new double[data.size()];
        truth.g0().logDensities(data, logG0);
        return logG0;
    }

    private static Dataset simulate(GatedModel truth) {
        if (truth.dimension() == 1) {
            return GatedFixtures.simulate(truth, N, 41);
        }
        return Simulator.simulate(new UniformCovariates(new double[] {-2.0, -1.0}, new double[] {2.0, 1.0}), truth, N,
                GatedFixtures.rng(42));
    }

    /**
     * k = 3, d = 2: softmax gate, sigmoid λ(x), Gaussian linear g0 (the d > 1 loops and k > 2 normalisers);
     * {@code shift} moves every parameter (0: the truth).
     */
    static GatedModel threeExpertsTwoCovariates(double shift) {
        double s = shift;
        List<Expert> experts = List.of(new Expert(new double[] {-1.0 + s, 0.5}, 1.0 - s, 0.1 + s),
                new Expert(new double[] {1.0, -0.5 + s}, 0.0 + s, 0.2), new Expert(new double[] {0.0, 2.0 - s}, -1.0,
                        0.15 * (1 + s)));
        SoftmaxGating gate = new SoftmaxGating(new double[][] {{0.0, 0.0}, {2.0 - s, -1.0}, {-1.5, 1.0 + s}},
                new double[] {0.0, 0.3 + s, -0.2});
        return new GatedModel(new SigmoidDeviation(new double[] {1.0 - s, -0.5}, 0.4 + s), gate, experts,
                new GaussianLinearG0(new double[] {0.5, 0.5}, -2.5, 0.2));
    }
}
