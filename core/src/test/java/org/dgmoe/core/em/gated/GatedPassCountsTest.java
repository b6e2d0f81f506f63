package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.junit.jupiter.api.Test;

/**
 * The gated fit's pass counters ({@link GatedFitResult#likelihoodPasses()}, {@link GatedFitResult#solverPasses()}):
 * what each fit does, counted exactly where the iteration fixes the number, bounded where acceleration decides it.
 */
class GatedPassCountsTest {

    /**
     * Plain EM: one E-step pass at the start and one per M-step, exactly; each Newton solver (softmax gate, sigmoid λ
     * with a g0 term) makes per M-step its derivatives' pass and 1 to 1 + {@link NewtonAscent#MAX_HALVINGS} trial
     * passes; closed-form M-steps make none. The certificate's passes are its own, not in the E-step count.
     */
    @Test
    void plainEmMakesOnePassPerMStepAndTwoPerNewtonSolver() {
        for (GatedModel truth : GatedFixtures.all()) {
            Dataset data = GatedFixtures.simulate(truth, 1500, 12);
            GatedFitResult fit = new GatedEmFitter(GatedEmFitterTest.TIGHT.withMaxIterations(400))
                    .fit(data, GatedEmFitterTest.perturbed(truth));
            assertTrue(fit.status() == FitStatus.CONVERGED || fit.status() == FitStatus.MAX_ITERATIONS,
                    truth + ": " + fit.status());
            assertEquals(1 + fit.evaluations(), fit.likelihoodPasses(), truth.toString());
            int solvers = (truth.gating() instanceof SoftmaxGating ? 1 : 0)
                    + (truth.deviation() instanceof SigmoidDeviation && !truth.g0().isNone() ? 1 : 0);
            int steps = solvers * fit.evaluations();
            assertTrue(fit.solverPasses() >= 2 * steps, truth + ": " + fit.solverPasses() + " < 2·" + steps);
            assertTrue(fit.solverPasses() <= (2 + NewtonAscent.MAX_HALVINGS) * steps,
                    truth + ": " + fit.solverPasses() + " for " + steps + " solver steps");
            assertTrue(fit.certificate().passes() > 0, truth + ": a certified fit's certificate made passes");
        }
    }

    /**
     * SQUAREM with the Newton polish (the default): every M-step and every polish evaluation is one E-step pass, and
     * on top of the start's a cycle of 3 M-steps makes at most one more (the extrapolation's own pass, rejected or
     * not), so 1 + evaluations ≤ passes ≤ 1 + evaluations + evaluations/3, as the constant fit's count
     * (CertificateTest).
     */
    @Test
    void squaremPassesAreBoundedByItsEvaluations() {
        GatedModel truth = GatedFixtures.softmax();
        for (long seed = 21; seed <= 23; seed++) {
            Dataset data = GatedFixtures.simulate(truth, 2000, seed);
            GatedFitResult fit = new GatedEmFitter(EmSettings.DEFAULTS).fit(data, GatedEmFitterTest.perturbed(truth));
            assertEquals(FitStatus.CONVERGED, fit.status(), "seed " + seed);
            int e = fit.evaluations();
            assertTrue(fit.likelihoodPasses() >= 1 + e && fit.likelihoodPasses() <= 1 + e + e / 3,
                    "seed " + seed + ": " + fit.likelihoodPasses() + " passes for " + e + " evaluations");
            assertTrue(fit.solverPasses() >= 2, "seed " + seed + ": " + fit.solverPasses());
        }
    }
}
