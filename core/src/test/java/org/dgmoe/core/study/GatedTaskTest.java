package org.dgmoe.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GateCovariates;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GridCovariates;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.StudyMetrics;
import org.junit.jupiter.api.Test;

/** A gated setting runs as a task: data, the gated fit, its losses, its row, its theory. */
class GatedTaskTest {

    static final EmSettings EM = EmSettings.DEFAULTS.withAcceleration(Acceleration.NONE);

    static Setting softmax(int k) {
        GatedModel truth = new GatedModel(new ConstantDeviation(1),
                new SoftmaxGating(new double[][] {{0.0}, {8.0}}, new double[] {0.0, -4.0}),
                List.of(new Expert(new double[] {-2.0}, 1.0, 0.05), new Expert(new double[] {2.0}, -1.0, 0.05)),
                NoG0.INSTANCE);
        FitSpec fit = new FitSpec(k, true, Double.NaN, InitKind.NEAR_TRUTH, 1, EM, NearTruthStart.DEFAULTS, null);
        return new Setting("softmax-k" + k, new GridCovariates(0, 1), truth, fit, Map.of());
    }

    static Setting contaminated() {
        GatedModel truth = new GatedModel(new SigmoidDeviation(new double[] {2.0}, 0.0),
                new ConstantGating(new double[] {1.0}), List.of(new Expert(new double[] {1.0}, 2.0, 0.3)),
                new GaussianLinearG0(new double[] {0.5}, -2.5, 0.2));
        FitSpec fit = new FitSpec(1, true, Double.NaN, InitKind.NEAR_TRUTH, 1, EM, NearTruthStart.DEFAULTS, null);
        return new Setting("contaminated", new GridCovariates(-2, 2), truth, fit, Map.of());
    }

    @Test
    void aGatedTaskFitsAndMeasuresItsFit() {
        Study study = new Study("gated", 7L, 2, new int[] {400}, List.of(softmax(2), softmax(3), contaminated()),
                LossSettings.DEFAULTS);
        TaskRunner runner = new TaskRunner(study);
        for (Setting s : study.settings()) {
            TaskOutcome o = runner.run(s, 400, 1);
            assertTrue(o.gated());
            assertEquals(FitStatus.CONVERGED, o.status(), s.name());
            FitRow row = FitRow.of(study, o, 1);
            assertEquals(Metrics.names(s.truth()), List.copyOf(row.losses().metrics().keySet()), s.name());
            row.losses().metrics().forEach((name, v) -> assertTrue(Double.isFinite(v), s.name() + " " + name));
            // The same key gives the same task, bit for bit (timing aside).
            TaskOutcome again = runner.run(s, 400, 1);
            assertEquals(o.gatedFit().model(), again.gatedFit().model());
            assertEquals(o.gatedLosses(), again.gatedLosses());
        }
        assertTrue(StudyMetrics.columns(study).containsAll(Metrics.names(softmax(2).truth())));
        assertTrue(StudyMetrics.columns(study).contains(Metrics.LAMBDA_SLOPE_ERROR));
        assertFalse(StudyMetrics.columns(study).contains(Metrics.GENERALIZED_WASSERSTEIN),
                "a study of gated settings only has their metrics");
    }

    @Test
    void theTheoryOfAGatedSettingComesFromItsPaper() {
        Map<String, Double> exact = TheoryTable.forSetting(softmax(2));
        assertEquals(-0.5, exact.get(Metrics.VORONOI));
        assertEquals(-0.5, exact.get(Metrics.VORONOI_SHIFT_MIN), "the paper's D1 is the infimum over translations");
        assertEquals(-0.5, TheoryTable.forSetting(softmax(3)).get(Metrics.VORONOI_SHIFT_MIN));
        assertEquals(-0.5, exact.get(Metrics.HELLINGER));
        assertEquals(-0.5, TheoryTable.forSetting(softmax(3)).get(Metrics.HELLINGER), "the density's rate has no cells");
        assertEquals(-0.5, exact.get("cell1_gate_location"));
        assertEquals(-0.5, exact.get(Metrics.cellSlope(2)));
        Map<String, Double> over = TheoryTable.forSetting(softmax(3));
        // Near-truth plan: cell 1 holds two atoms; r̄(2) = 4: β_1 and b at −1/(2r̄) = −1/8, a and σ at −1/r̄ = −1/4.
        assertEquals(-0.125, over.get("cell1_gate_location"));
        assertEquals(-0.125, over.get(Metrics.cellIntercept(1)));
        assertEquals(-0.25, over.get(Metrics.cellSlope(1)));
        assertEquals(-0.5, over.get(Metrics.cellSlope(2)));
        Map<String, Double> prompt = TheoryTable.forSetting(contaminated());
        assertEquals(-0.5, prompt.get(Metrics.LAMBDA_SLOPE_ERROR));
        assertEquals(-0.5, prompt.get(Metrics.cellSlope(1)));
        assertTrue(Double.isNaN(prompt.get(Metrics.VORONOI)), "the contaminated paper defines no Voronoi loss");
        assertFalse(prompt.containsKey(Metrics.GENERALIZED_WASSERSTEIN));
        Map<String, Double> gaussian = TheoryTable.forSetting(gaussian(4));
        assertEquals(-0.125, gaussian.get(Metrics.GENERALIZED_WASSERSTEIN), "W̃_r̄(2), r̄(2) = 4");
        assertEquals(-0.25, TheoryTable.forSetting(gaussian(3)).get(Metrics.GENERALIZED_WASSERSTEIN), "W̃_1");
    }

    /** A d = 1 Gaussian-gated truth with three experts (type I and II gates), fitted with k experts. */
    static Setting gaussian(int k) {
        GaussianGating gate = new GaussianGating(new double[] {0.3, 0.3, 0.4}, new double[][] {{-1}, {0}, {1}},
                new double[][][] {{{0.2}}, {{0.3}}, {{0.2}}});
        GatedModel truth = new GatedModel(new ConstantDeviation(1), gate, List.of(new Expert(new double[] {1}, 0, 0.1),
                new Expert(new double[] {-1}, 1, 0.1), new Expert(new double[] {2}, -1, 0.1)), NoG0.INSTANCE);
        FitSpec fit = new FitSpec(k, true, Double.NaN, InitKind.NEAR_TRUTH, 1, EM, NearTruthStart.DEFAULTS, null);
        return new Setting("gaussian-k" + k, new GateCovariates(gate), truth, fit, Map.of());
    }
}
