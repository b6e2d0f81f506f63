package org.dgmoe.core.em.gated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.SoftmaxGating;
import org.junit.jupiter.api.Test;

class GatedCoordinatesTest {

    @Test
    void unpackInvertsPackForEveryFamily() {
        GatedModel d2 = new GatedModel(new ConstantDeviation(1),
                new GaussianGating(new double[] {0.3, 0.7}, new double[][] {{0, 1}, {2, -1}},
                        new double[][][] {{{1.0, 0.3}, {0.3, 0.5}}, {{0.4, -0.1}, {-0.1, 2.0}}}),
                List.of(new Expert(new double[] {1, 2}, 0.5, 0.3), new Expert(new double[] {-1, 0}, 1.5, 0.2)),
                NoG0.INSTANCE);
        for (GatedModel m : List.of(GatedFixtures.constant(), GatedFixtures.softmaxSigmoid(),
                GatedFixtures.contaminated(), GatedFixtures.gaussianDeviated(), d2)) {
            GatedCoordinates c = new GatedCoordinates(m, true);
            double[] u = c.pack(m);
            assertEquals(c.size(), u.length);
            // exp(log v), a Cholesky factor and its product, logits and back: a few ulps.
            assertArrayEquals(u, c.pack(c.unpack(u)), 1e-13, m.toString());
            double[] x = m.dimension() == 1 ? new double[] {0.7} : new double[] {0.7, -0.4};
            assertEquals(m.logDensity(x, 0.3), c.unpack(u).logDensity(x, 0.3), 1e-13);
        }
    }

    @Test
    void aSoftmaxGateIsPackedWithExpertOnesGateAtZero() {
        GatedModel m = GatedFixtures.softmax();
        SoftmaxGating shifted = new SoftmaxGating(new double[][] {{1.0}, {4.0}}, new double[] {-2.0, -1.5});
        GatedModel same = new GatedModel(m.deviation(), shifted, m.experts(), m.g0());
        GatedCoordinates c = new GatedCoordinates(m, true);
        // Adding (1, −2) to every gate leaves π unchanged, and the coordinates too (up to the subtraction's rounding).
        assertArrayEquals(c.pack(m), c.pack(same), 1e-15);
    }
}
