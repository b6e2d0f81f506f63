package org.dgmoe.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.em.gated.GatedParameters;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.junit.jupiter.api.Test;

/**
 * A gated fit's bootstrap refits (docs/uncertainty.md, "Gated fits"): the reported softmax gates do not move under
 * the gates' common translation nor under a relabelling of the experts once matched, and a refit from a relabelled
 * estimate aligns to the refit from the estimate; parametric draws keep x.
 */
class GatedBootstrapRefitTest {
    /** Swaps the two experts of a softmax or Gaussian gated model, gates included. */
    static GatedModel swapped(GatedModel m) {
        List<Expert> experts = List.of(m.expert(1), m.expert(0));
        if (m.gating() instanceof SoftmaxGating s) {
            return new GatedModel(m.deviation(), new SoftmaxGating(new double[][] {s.slope()[1], s.slope()[0]},
                    new double[] {s.intercept(1), s.intercept(0)}), experts, m.g0());
        }
        GaussianGating g = (GaussianGating) m.gating();
        return new GatedModel(m.deviation(), new GaussianGating(new double[] {g.weight(1), g.weight(0)},
                new double[][] {g.mean(1), g.mean(0)}, new double[][][] {g.covariance(1), g.covariance(0)}), experts,
                m.g0());
    }

    @Test
    void softmaxGatesAreReportedAsContrastsThatNoTranslationOrMatchedRelabellingMoves() {
        GatedModel m = GatedNumpyFixtures.softmax();
        double[] reference = GatedParameters.values(m, new int[] {0, 1});
        // relabelled and matched back: exactly the same vector (the contrasts are the same differences)
        assertArrayEquals(reference, GatedParameters.values(swapped(m), new int[] {1, 0}), 0);
        // every gate translated by (1.7, −0.6): the same contrasts up to one rounding of each difference
        SoftmaxGating s = (SoftmaxGating) m.gating();
        GatedModel shifted = new GatedModel(m.deviation(), new SoftmaxGating(new double[][] {{s.slope(0, 0) + 1.7},
            {s.slope(1, 0) + 1.7}}, new double[] {s.intercept(0) - 0.6, s.intercept(1) - 0.6}), m.experts(), m.g0());
        assertArrayEquals(reference, GatedParameters.values(shifted, new int[] {0, 1}), 1e-15 * 8);
    }

    @Test
    void aRefitFromARelabelledEstimateAlignsToTheRefitFromTheEstimate() throws Exception {
        for (String gating : new String[] {"softmax", "gaussian"}) {
            Dataset data = GatedStandardErrorsNumpyTest.data(gating);
            GatedModel truth = gating.equals("softmax") ? GatedNumpyFixtures.softmax() : GatedNumpyFixtures.gaussian();
            GatedEmFitter fitter = new GatedEmFitter(EmSettings.DEFAULTS);
            GatedModel estimate = fitter.fit(data, truth).model();
            BootstrapFit a = BootstrapRefit.run(data, estimate, fitter, BootstrapKind.NONPARAMETRIC, 99L, 3);
            BootstrapFit b = BootstrapRefit.run(data, swapped(estimate), fitter, BootstrapKind.NONPARAMETRIC, 99L, 3);
            assertFalse(a.failed(), gating);
            double[] pa = a.parameters();
            double[] pb = b.parameters();
            // b's estimate lists the experts the other way round, so after matching to it b's vector is a's with
            // the experts' blocks exchanged: compare b matched back to a's labels. Both refits climb to the same
            // maximum of the same resampled data; only the order of sums over components differs: 1e-8 relative.
            double[] back = exchange(pb, truth);
            for (int i = 0; i < pa.length; i++) {
                assertEquals(pa[i], back[i], 1e-8 * Math.max(1, Math.abs(pa[i])), gating + " parameter " + i);
            }
        }
    }

    /** The vector with its two experts' blocks exchanged (the deviation's entries first, then k equal blocks). */
    private static double[] exchange(double[] v, GatedModel template) {
        int deviation = template.deviation() instanceof SigmoidDeviation ? 2 : 1;
        int block = (v.length - deviation) / 2;
        double[] out = v.clone();
        System.arraycopy(v, deviation, out, deviation + block, block);
        System.arraycopy(v, deviation + block, out, deviation, block);
        if (template.gating() instanceof SoftmaxGating) {
            // contrasts to the expert in place 1: exchanging places negates the non-reference contrast
            out[deviation + block] = -v[deviation + block];
            out[deviation + block + 1] = -v[deviation + block + 1];
            out[deviation] = 0;
            out[deviation + 1] = 0;
        }
        return out;
    }

    @Test
    void parametricDrawsOfAGatedModelKeepTheCovariates() throws Exception {
        Dataset data = GatedStandardErrorsNumpyTest.data("softmax");
        Dataset drawn = BootstrapRefit.resample(data, GatedNumpyFixtures.softmax(), BootstrapKind.PARAMETRIC,
                RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        assertArrayEquals(data.columnView(), drawn.columnView(), 0);
        assertFalse(Arrays.equals(data.yView(), drawn.yView()));
    }
}
