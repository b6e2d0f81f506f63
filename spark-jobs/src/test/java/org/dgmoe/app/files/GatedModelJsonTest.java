package org.dgmoe.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gated model written by {@link JsonFiles#gatedModel} reads back by {@link JsonFiles#readGatedModel} as the same
 * model, bit for bit (doubles are written by Double.toString), for every gating and deviation family; a softmax gate
 * comes back with expert 1's gate at zero.
 */
class GatedModelJsonTest {
    @TempDir
    Path dir;

    private GatedModel roundTrip(GatedModel model, int expected) {
        Path file = dir.resolve("model.json");
        JsonFiles.write(file, JsonFiles.gatedModel(model));
        return JsonFiles.readGatedModel(file, model.g0(), model.dimension(), model.gating().type(),
                model.deviation().type(), expected, "fit.experts");
    }

    private static List<Expert> experts(int d) {
        double[] a = new double[d];
        double[] b = new double[d];
        for (int j = 0; j < d; j++) {
            a[j] = 0.1 * (j + 1) / 3;
            b[j] = -Math.PI * (j + 2);
        }
        return List.of(new Expert(a, 1.0 / 3, 0.7), new Expert(b, -2.5e-7, 1.1e3));
    }

    @Test
    void aSoftmaxModelReadsBackNormalised() {
        SoftmaxGating gate = new SoftmaxGating(new double[][] {{0.3, -1.0 / 7}, {2.5, 1e-9}}, new double[] {0.4, -3.3});
        GatedModel model = new GatedModel(new ConstantDeviation(1), gate, experts(2), NoG0.INSTANCE);
        GatedModel back = roundTrip(model, 2);
        assertEquals(new GatedModel(model.deviation(), gate.normalised(), model.experts(), model.g0()), back);
    }

    @Test
    void aGaussianGateAndASigmoidDeviationReadBack() {
        GaussianGating gate = new GaussianGating(new double[] {0.3, 0.7}, new double[][] {{-1.0 / 3, 2}, {0.5, 1e-3}},
                new double[][][] {{{1.0 / 3, 0.1}, {0.1, 2}}, {{0.5, -0.2}, {-0.2, 0.9}}});
        GaussianLinearG0 g0 = new GaussianLinearG0(new double[] {0.5, -1}, 0.25, 1.5);
        GatedModel model = new GatedModel(new SigmoidDeviation(new double[] {2.0 / 3, -0.1}, 0.125), gate, experts(2),
                g0);
        assertEquals(model, roundTrip(model, 0));
    }

    @Test
    void constantWeightsUnderASigmoidDeviationReadBack() {
        GatedModel model = new GatedModel(new SigmoidDeviation(new double[] {1.5}, -0.4),
                new ConstantGating(new double[] {0.25, 0.75}), experts(1),
                new GaussianLinearG0(new double[] {0.0}, 0.0, 1.0));
        assertEquals(model, roundTrip(model, 2));
    }

    @Test
    void aFileWithAnotherNumberOfExpertsIsRefusedNamingTheKey() {
        GatedModel model = new GatedModel(new ConstantDeviation(1), new SoftmaxGating(new double[2][1], new double[2]),
                experts(1), NoG0.INSTANCE);
        InputException e = assertThrows(InputException.class, () -> roundTrip(model, 3));
        assertTrue(e.getMessage().contains("experts: must hold fit.experts = 3 experts, got 2"), e.getMessage());
    }
}
