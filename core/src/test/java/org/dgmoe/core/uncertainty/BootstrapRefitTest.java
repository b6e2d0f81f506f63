package org.dgmoe.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * {@link BootstrapRefit}: the resampled data sets, and the alignment of a refit's experts to the estimate's (a refit
 * whose experts come back permuted gives the same aligned vector). Data: the quickstart's truth, n = 600, seed 11.
 */
class BootstrapRefitTest {
    private static final long KEY = Seeds.taskSeed(11, "bootstrap-refit", 600, 0);

    private static Dataset data() {
        return Simulator.simulate(Quickstart.COVARIATES, Quickstart.truth(), 600, 11L);
    }

    /** {@code m} with its experts in the order {@code order} (expert order[i] of m in place i). */
    private static DeviatedModel permuted(DeviatedModel m, int[] order) {
        double[] w = new double[m.size()];
        Expert[] e = new Expert[m.size()];
        for (int i = 0; i < order.length; i++) {
            w[i] = m.mixing().weight(order[i]);
            e[i] = m.mixing().expert(order[i]);
        }
        return m.with(m.lambda(), new MixingMeasure(w, List.of(e)));
    }

    private static DeviatedModel threeExperts() {
        return new DeviatedModel(0.4, new MixingMeasure(new double[] {0.2, 0.3, 0.5}, List.of(
                new Expert(new double[] {-2.0, 0.5}, 1.0, 0.09), new Expert(new double[] {2.0, 0.0}, -1.0, 0.16),
                new Expert(new double[] {0.1, -1.0}, 3.0, 0.5))), new GaussianLinearG0(new double[] {0, 0}, 0, 1));
    }

    @Test
    void aPermutedModelIsMatchedBackToTheSameVector() {
        DeviatedModel m = threeExperts();
        double[] own = BootstrapRefit.parameters(m, BootstrapRefit.identity(3));
        for (int[] order : new int[][] {{0, 1, 2}, {1, 0, 2}, {2, 0, 1}, {2, 1, 0}, {1, 2, 0}, {0, 2, 1}}) {
            DeviatedModel p = permuted(m, order);
            int[] match = BootstrapRefit.match(m, p);
            // exact: the same doubles, only moved
            assertArrayEquals(own, BootstrapRefit.parameters(p, match), Arrays.toString(order));
            if (order[0] != 0 || order[1] != 1) {
                assertFalse(Arrays.equals(own, BootstrapRefit.parameters(p, BootstrapRefit.identity(3))),
                        "unaligned, the vector differs (the test can fail)");
            }
        }
        // a nearby model (every atom moved a little) is matched atom to atom, not by position
        DeviatedModel near = new DeviatedModel(0.41, new MixingMeasure(new double[] {0.52, 0.18, 0.3}, List.of(
                new Expert(new double[] {0.2, -1.1}, 2.9, 0.45), new Expert(new double[] {-1.9, 0.4}, 1.1, 0.1),
                new Expert(new double[] {2.1, 0.1}, -0.9, 0.15))), m.g0());
        assertArrayEquals(new int[] {1, 2, 0}, BootstrapRefit.match(m, near));
    }

    @Test
    void aRefitWhoseExpertsComeBackPermutedGivesTheSameAlignedVector() {
        Dataset data = data();
        EmFitter fitter = new EmFitter(EmSettings.DEFAULTS);
        DeviatedModel estimate = fitter.fit(data, Quickstart.truth()).model();
        DeviatedModel swapped = permuted(estimate, new int[] {1, 0});
        for (int b = 0; b < 3; b++) {
            // Nonparametric draws do not depend on the estimate's expert order, so both refits fit the same data.
            BootstrapFit fromEstimate = BootstrapRefit.run(data, estimate, EmSettings.DEFAULTS,
                    BootstrapKind.NONPARAMETRIC, KEY, b);
            BootstrapFit fromSwapped = BootstrapRefit.run(data, swapped, EmSettings.DEFAULTS,
                    BootstrapKind.NONPARAMETRIC, KEY, b);
            assertFalse(fromEstimate.failed());
            // fromSwapped is aligned to the swapped estimate: swap it back and it is fromEstimate's vector.
            Dataset resampled = BootstrapRefit.resample(data, estimate, BootstrapKind.NONPARAMETRIC,
                    Seeds.stream(Seeds.bootstrapSeed(KEY, b), Seeds.Stream.DATA));
            FitResult refit = fitter.fitUncertified(resampled, swapped).result();
            assertTrue(refit.model().mixing().expert(0).slope(0) > 0, "the refit came back with its experts "
                    + "swapped relative to the estimate (expert 1 has slope −2)");
            double[] aligned = BootstrapRefit.parameters(refit.model(), BootstrapRefit.match(estimate, refit.model()));
            double[] expected = fromEstimate.parameters();
            // EM from the swapped start is the same iteration with the components' order exchanged; only the order
            // of the sums over components differs, so the two fits agree to rounding (measured below 1e-12), not bit
            // for bit. 1e-8 relative: far below any interval width (standard errors here are about 1e-2).
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], aligned[i], 1e-8 * Math.abs(expected[i]) + 1e-12, "parameter " + i);
            }
            assertEquals(fromEstimate.parameter(ObservedInformation.lambdaIndex()),
                    fromSwapped.parameter(ObservedInformation.lambdaIndex()), 1e-8);
        }
    }

    @Test
    void aParametricDrawKeepsTheCovariatesAndANonparametricOneDrawsWholeRows() {
        Dataset data = data();
        DeviatedModel estimate = Quickstart.truth();
        Dataset p = BootstrapRefit.resample(data, estimate, BootstrapKind.PARAMETRIC,
                Seeds.stream(Seeds.bootstrapSeed(KEY, 0), Seeds.Stream.DATA));
        assertArrayEquals(data.columnView(), p.columnView());
        assertFalse(Arrays.equals(data.yView(), p.yView()));
        Dataset np = BootstrapRefit.resample(data, estimate, BootstrapKind.NONPARAMETRIC,
                Seeds.stream(Seeds.bootstrapSeed(KEY, 0), Seeds.Stream.DATA));
        Set<String> rows = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            rows.add(data.x(i, 0) + "," + data.y(i));
        }
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < np.size(); i++) {
            String row = np.x(i, 0) + "," + np.y(i);
            assertTrue(rows.contains(row), row);
            drawn.add(row);
        }
        // with replacement: about n(1 − 1/e) ≈ 379 distinct rows of 600 (sd about 7); 340..420 is > 5 sd either side
        assertTrue(drawn.size() > 340 && drawn.size() < 420, "distinct rows " + drawn.size());
        // keyed: the same (key, b) gives the same data, another b other data
        Dataset again = BootstrapRefit.resample(data, estimate, BootstrapKind.NONPARAMETRIC,
                Seeds.stream(Seeds.bootstrapSeed(KEY, 0), Seeds.Stream.DATA));
        assertArrayEquals(np.yView(), again.yView());
        assertEquals(BootstrapRefit.run(data, estimate, EmSettings.DEFAULTS, BootstrapKind.PARAMETRIC, KEY, 4),
                BootstrapRefit.run(data, estimate, EmSettings.DEFAULTS, BootstrapKind.PARAMETRIC, KEY, 4));
    }
}
