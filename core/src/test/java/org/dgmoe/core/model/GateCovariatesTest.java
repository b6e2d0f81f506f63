package org.dgmoe.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;

/** {@code covariates { distribution = gate }}: x from the law a Gaussian gate implies. */
class GateCovariatesTest {
    private static final GaussianGating GATE = new GaussianGating(new double[] {0.3, 0.7},
            new double[][] {{-1, 0.5}, {2, 0}}, new double[][][] {{{1, 0.3}, {0.3, 0.5}}, {{0.25, 0}, {0, 2}}});

    @Test
    void itDrawsExactlyTheGatesSampleCovariates() {
        GateCovariates law = new GateCovariates(GATE);
        assertEquals(Covariates.Distribution.GATE, law.distribution());
        assertEquals(2, law.dimension());
        int n = 257;
        double[] viaLaw = new double[2 * n];
        double[] viaGate = new double[2 * n];
        UniformRandomProvider a = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        UniformRandomProvider b = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        law.fill(n, a, viaLaw);
        GATE.sampleCovariates(n, b, viaGate);
        // bit for bit: the same code on the same stream, and the streams stay in step
        assertArrayEquals(viaGate, viaLaw, 0.0);
        assertEquals(b.nextLong(), a.nextLong());
    }

    @Test
    void aSimulatedTaskIsTheSimulatorsGateDraw() {
        GatedModel truth = new GatedModel(new ConstantDeviation(0.6), GATE,
                List.of(new Expert(new double[] {1, -1}, 0, 0.2), new Expert(new double[] {-1, 0.5}, 1, 0.3)),
                new GaussianLinearG0(new double[] {0, 0}, 3, 0.5));
        Dataset viaLaw = Simulator.simulate(new GateCovariates(GATE), truth, 100,
                RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        Dataset viaGate = Simulator.simulate(GATE, truth, 100, RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        double[] x = new double[2];
        double[] z = new double[2];
        for (int i = 0; i < 100; i++) {
            viaLaw.copyX(i, x);
            viaGate.copyX(i, z);
            assertArrayEquals(z, x, 0.0);
            assertEquals(viaGate.y(i), viaLaw.y(i), 0.0);
        }
    }

    @Test
    void itNeedsAGate() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new GateCovariates(null));
        assertEquals("gating", e.parameter());
    }
}
