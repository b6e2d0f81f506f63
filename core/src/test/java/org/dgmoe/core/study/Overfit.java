package org.dgmoe.core.study;

import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;

/**
 * The over-fitted setting of the tests (the quickstart truth, k* = 2, fitted with k = 3 experts, student-t g0,
 * λ free, one near-truth start), the same as bench's {@code ConvergenceStudy} measures.
 */
final class Overfit {
    private Overfit() {
    }

    static Setting setting(EmSettings em) {
        StudentTG0 g0 = new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3);
        DeviatedModel truth = new DeviatedModel(0.5, new MixingMeasure(new double[] {0.5, 0.5}, List.of(
                new Expert(new double[] {-2.0}, 1.0, 0.09), new Expert(new double[] {2.0}, -1.0, 0.16))), g0);
        FitSpec fit = new FitSpec(3, true, Double.NaN, InitKind.NEAR_TRUTH, 1, em, NearTruthStart.DEFAULTS, null);
        return new Setting("overfit", new UniformCovariates(new double[] {0.0}, new double[] {1.0}), truth, fit,
                Map.of());
    }
}
