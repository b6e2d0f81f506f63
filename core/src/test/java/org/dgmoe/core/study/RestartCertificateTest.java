package org.dgmoe.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.model.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Restarts pay the optimality certificate once, for the kept fit ({@link TaskRunner#fit}, {@link DataFit#fit}):
 * the kept fit is the one the certified loop would keep, with the same certificate bit for bit.
 */
class RestartCertificateTest {

    private static Setting setting(int restarts) {
        Setting base = Overfit.setting(EmSettings.DEFAULTS);
        FitSpec f = base.fit();
        FitSpec spec = new FitSpec(f.experts(), f.lambdaFree(), f.fixedLambda(), InitKind.RANDOM, restarts, f.em(),
                NearTruthStart.DEFAULTS, null);
        return new Setting(base.name(), base.covariates(), base.truth(), spec, base.theory());
    }

    private static UniformRandomProvider rng() {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(99L);
    }

    /** The best of the setting's starts each fitted with its certificate (the loop before this change). */
    private static FitResult certifiedLoop(Setting s, Dataset data) {
        EmFitter fitter = new EmFitter(s.fit().em());
        UniformRandomProvider rng = rng();
        FitResult best = null;
        for (int r = 0; r < s.fit().restarts(); r++) {
            FitResult result = fitter.fit(data, TaskRunner.start(s, data, rng));
            if (best == null || result.betterThan(best)) {
                best = result;
            }
        }
        return best;
    }

    private static void assertSameFit(FitResult a, FitResult b) {
        assertEquals(a.model(), b.model());
        assertEquals(Double.doubleToRawLongBits(a.logLikelihood()), Double.doubleToRawLongBits(b.logLikelihood()));
        assertEquals(a.status(), b.status());
        assertEquals(a.iterations(), b.iterations());
        assertEquals(a.emEvaluations(), b.emEvaluations());
        assertEquals(Double.doubleToRawLongBits(a.scoreNorm()), Double.doubleToRawLongBits(b.scoreNorm()));
        assertEquals(Double.doubleToRawLongBits(a.certificate().newtonGain()), Double.doubleToRawLongBits(b.certificate().newtonGain()));
        assertEquals(a.certificate().hessianNegativeDefinite(), b.certificate().hessianNegativeDefinite());
    }

    @Test
    void theKeptFitCarriesTheCertificateTheCertifiedLoopGives() {
        Setting s = setting(4);
        Dataset data = new TaskRunner(new Study("r", 5L, 1, new int[] {1500}, java.util.List.of(s),
                org.dgmoe.core.loss.LossSettings.DEFAULTS)).data(s, 1500, 0);
        FitResult expected = certifiedLoop(s, data);
        assertTrue(Double.isFinite(expected.certificate().newtonGain()), expected::toString);
        FitResult kept = TaskRunner.fit(s, data, rng());
        assertSameFit(expected, kept);
        // Certified afterwards: one pass more than at the end of the fit (the statistics at the estimate),
        // or the same when the polish's analysis is reused.
        assertEquals(expected.certificate().passes() == 1 ? 1 : expected.certificate().passes() + 1, kept.certificate().passes());
        // Fits that are only compared (the start check's refits) carry none.
        FitResult compared = TaskRunner.fitUncertified(s, data, rng());
        assertTrue(Double.isNaN(compared.certificate().newtonGain()));
        assertFalse(compared.certificate().hessianNegativeDefinite());
        assertEquals(Double.doubleToRawLongBits(expected.logLikelihood()),
                Double.doubleToRawLongBits(compared.logLikelihood()));
        // Fits to data without a truth keep the same fit, certified the same way.
        FitResult data2 = DataFit.fit(s.truth().g0(), s.fit(), data, rng());
        assertSameFit(kept, data2);
        assertEquals(kept.certificate().passes(), data2.certificate().passes());
    }

    @Test
    void oneStartIsCertifiedAtTheEndOfItsFit() {
        Setting s = setting(1);
        Dataset data = new TaskRunner(new Study("r", 5L, 1, new int[] {800}, java.util.List.of(s),
                org.dgmoe.core.loss.LossSettings.DEFAULTS)).data(s, 800, 0);
        FitResult expected = certifiedLoop(s, data);
        FitResult kept = TaskRunner.fit(s, data, rng());
        assertSameFit(expected, kept);
        assertEquals(expected.certificate().passes(), kept.certificate().passes());
        assertTrue(kept.certificate().passes() > 0);
    }
}
