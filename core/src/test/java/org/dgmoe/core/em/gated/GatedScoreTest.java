package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;

class GatedScoreTest {

    static List<GatedModel> models() {
        List<GatedModel> all = new ArrayList<>(GatedFixtures.all());
        all.add(gaussianInTwoDimensions());
        return all;
    }

    static GatedModel gaussianInTwoDimensions() {
        return new GatedModel(new ConstantDeviation(1),
                new GaussianGating(new double[] {0.3, 0.7}, new double[][] {{0, 1}, {2, -1}},
                        new double[][][] {{{1.0, 0.3}, {0.3, 0.5}}, {{0.4, -0.1}, {-0.1, 2.0}}}),
                List.of(new Expert(new double[] {1, 2}, 0.5, 0.3), new Expert(new double[] {-1, 0}, 1.5, 0.2)),
                NoG0.INSTANCE);
    }

    static Dataset data(GatedModel m, int n, long seed) {
        if (m.gating() instanceof GaussianGating g) {
            return Simulator.simulate(g, m, n, GatedFixtures.rng(seed));
        }
        return GatedFixtures.simulate(m, n, seed);
    }

    static GatedPass pass(GatedModel m, Dataset data) {
        double[] logG0 = null;
        if (!m.g0().isNone() && !m.deviation().isOne()) {
            logG0 = new double[data.size()];
            m.g0().logDensities(data, logG0);
        }
        return new GatedPass(data, m.size(), logG0);
    }

    @Test
    void theScoreIsTheObjectivesGradient() {
        for (GatedModel truth : models()) {
            Dataset data = data(truth, 400, 41);
            // Away from the maximum, so that the score is far from zero.
            GatedModel at = GatedEmFitterTest.perturbed(truth);
            GatedCoordinates c = new GatedCoordinates(at, true);
            GatedPass pass = pass(at, data);
            pass.run(at);
            double[] g = GatedScore.of(pass, at, c);
            double[] u = c.pack(at);
            for (int m = 0; m < u.length; m++) {
                double h = 1e-6 * (1 + Math.abs(u[m]));
                double[] plus = u.clone();
                plus[m] += h;
                double[] minus = u.clone();
                minus[m] -= h;
                GatedModel a = c.unpack(plus);
                double fp = pass.run(a) + pass.covariateLogDensity;
                GatedModel b = c.unpack(minus);
                double fm = pass.run(b) + pass.covariateLogDensity;
                double numeric = (fp - fm) / (2 * h);
                // Central difference: truncation O(h²)·f''' and rounding ε·|f|/h ≈ 1e-16·10³/1e-6 ≈ 1e-7; 1e-5
                // absolute plus 1e-6 relative covers both with room.
                assertEquals(numeric, g[m], 1e-5 + 1e-6 * Math.abs(numeric), truth + ": coordinate " + m);
            }
        }
    }

    @Test
    void aConvergedFitIsCertifiedAndAPerturbedPointIsNot() {
        for (GatedModel truth : models()) {
            Dataset data = data(truth, 3000, 42);
            GatedFitResult fit = new GatedEmFitter(GatedEmFitterTest.TIGHT).fit(data,
                    GatedEmFitterTest.perturbed(truth));
            assertEquals(FitStatus.CONVERGED, fit.status(), truth.toString());
            Certificate cert = fit.certificate();
            assertTrue(cert.hessianNegativeDefinite(), truth + ": " + cert);
            // Stopped with |Δ objective| < 1e-10: a Newton step predicts almost nothing left (1e-6 leaves room for the
            // slow linear tail of EM on a gate).
            assertTrue(cert.newtonGain() < 1e-6, truth + ": " + cert);
            GatedCoordinates c = new GatedCoordinates(truth, true);
            assertEquals(2 * c.size() + 1, cert.passes());
            GatedModel away = GatedEmFitterTest.perturbed(fit.model());
            GatedPass pass = pass(away, data);
            pass.run(away);
            Certificate far = GatedCertificate.at(pass, away, new GatedCoordinates(away, true));
            // Every coordinate 0.2 away from the maximum on 3000 points: the predicted gain is of order n·0.2².
            assertTrue(!(far.newtonGain() < 1), truth + ": " + far);
        }
    }
}
