package org.dgmoe.core.uncertainty;

import java.util.List;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;

/** The quickstart's truth (conf/quickstart.conf), the exactly fitted setting of the uncertainty tests. */
final class Quickstart {
    private Quickstart() {
    }

    /** x ~ U[0, 1]. */
    static final UniformCovariates COVARIATES = new UniformCovariates(new double[] {0}, new double[] {1});

    /** λ* = 0.5, g0 a Student-t (location 0.5x, scale 0.5, 3 degrees of freedom), experts (−2, 1, 0.09), (2, −1, 0.16). */
    static DeviatedModel truth() {
        return new DeviatedModel(0.5, new MixingMeasure(new double[] {0.5, 0.5}, List.of(
                new Expert(new double[] {-2.0}, 1.0, 0.09), new Expert(new double[] {2.0}, -1.0, 0.16))),
                new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3));
    }
}
