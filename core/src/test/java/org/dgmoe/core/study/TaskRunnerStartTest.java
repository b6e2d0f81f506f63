package org.dgmoe.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;

/** Near-truth starts when λ* lies on the boundary of [0, 1], where EM's λ update cannot move. */
class TaskRunnerStartTest {

    private static Setting withLambda(double lambdaStar, boolean lambdaFree) {
        Setting base = Overfit.setting(EmSettings.DEFAULTS);
        DeviatedModel truth = base.deviatedTruth().with(lambdaStar, base.deviatedTruth().mixing());
        FitSpec f = base.fit();
        FitSpec spec = new FitSpec(f.experts(), lambdaFree, Double.NaN, InitKind.NEAR_TRUTH, 1, f.em(),
                NearTruthStart.DEFAULTS, null);
        return new Setting("boundary", base.covariates(), truth, spec, Map.of());
    }

    private static DeviatedModel start(Setting s, int n) {
        long seed = Seeds.taskSeed(7L, s.name(), n, 0);
        var data = Simulator.simulate(s.covariates(), s.truth(), n, seed);
        return TaskRunner.start(s, data, Seeds.stream(seed, Seeds.Stream.INIT));
    }

    @Test
    void aFreeLambdaStartsInsideTheIntervalWhenTheTruthIsOnItsBoundary() {
        assertEquals(TaskRunner.BOUNDARY_LAMBDA_MARGIN, start(withLambda(0.0, true), 500).lambda(), 0.0);
        assertEquals(1 - TaskRunner.BOUNDARY_LAMBDA_MARGIN, start(withLambda(1.0, true), 500).lambda(), 0.0);
        // Inside the interval the start is λ* itself, even close to the boundary.
        assertEquals(0.99, start(withLambda(0.99, true), 500).lambda(), 0.0);
        assertEquals(0.01, start(withLambda(0.01, true), 500).lambda(), 0.0);
        // A fixed λ is held where the study says, boundary or not.
        assertEquals(1.0, start(withLambda(1.0, false), 500).lambda(), 0.0);
    }

    @Test
    void dataFromG0AloneGiveAFitThatEstimatesLambda() {
        // λ* = 0 (H0: the data come from g0). Started at λ = 0, EM would be degenerate at once.
        Setting s = withLambda(0.0, true);
        TaskOutcome outcome = new TaskRunner(new Study("h0", 7L, 1, new int[] {2000}, java.util.List.of(s),
                org.dgmoe.core.loss.LossSettings.DEFAULTS)).run(s, 2000, 0);
        assertNotEquals(FitStatus.DEGENERATE, outcome.fit().status());
        assertTrue(outcome.fit().model().lambda() < TaskRunner.BOUNDARY_LAMBDA_MARGIN,
                "λ̂ moved towards λ* = 0 from the start: " + outcome.fit().model().lambda());
    }
}
