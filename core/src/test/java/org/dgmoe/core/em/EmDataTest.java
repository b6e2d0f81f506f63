package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.junit.jupiter.api.Test;

/** Fits on prepared data ({@link EmData}) are the fits on the data set itself, bit for bit. */
class EmDataTest {

    private static final DeviatedModel TRUTH = Fixtures.truth(Fixtures.studentT(2), 2, 0.5);
    private static final Dataset DATA = Fixtures.simulate(TRUTH, 700, 41);
    private static final EmFitter FITTER = new EmFitter(EmSettings.DEFAULTS);

    /**
     * One prepared data set shared by several starts (as the likelihood-ratio test shares it) gives each start
     * exactly the fit {@code fit(Dataset, start)} gives: the same model, ℓ bits, iterations and certificate;
     * and the uncertified path likewise. No tolerance: the same frame and log g0 enter the same passes.
     */
    @Test
    void sharedPreparationGivesTheSameFitsBitForBit() {
        EmData prepared = EmData.of(DATA, TRUTH.g0());
        UniformRandomProvider rng = Fixtures.rng(5);
        for (double lambda : new double[] {0.9, 0.5, 0.1}) {
            DeviatedModel start = RandomStart.draw(DATA, TRUTH.g0(), 2, lambda, EmSettings.DEFAULT_VARIANCE_FLOOR, rng);
            FitResult own = FITTER.fit(DATA, start);
            FitResult shared = FITTER.fit(prepared, start);
            assertEquals(own.model(), shared.model());
            assertEquals(Double.doubleToRawLongBits(own.logLikelihood()), Double.doubleToRawLongBits(shared.logLikelihood()));
            assertEquals(own.iterations(), shared.iterations());
            assertEquals(Double.doubleToRawLongBits(own.certificate().newtonGain()),
                    Double.doubleToRawLongBits(shared.certificate().newtonGain()));
            FitResult ownPlain = FITTER.fitUncertified(DATA, start).result();
            FitResult sharedPlain = FITTER.fitUncertified(prepared, start).result();
            assertEquals(ownPlain.model(), sharedPlain.model());
            assertEquals(Double.doubleToRawLongBits(ownPlain.logLikelihood()),
                    Double.doubleToRawLongBits(sharedPlain.logLikelihood()));
        }
    }

    /** A start under another g0 than the one the data were prepared under is refused, naming it. */
    @Test
    void refusesAStartUnderAnotherG0() {
        EmData prepared = EmData.of(DATA, Fixtures.gaussianLinear(2));
        DeviatedModel start = RandomStart.draw(DATA, TRUTH.g0(), 2, 0.5, EmSettings.DEFAULT_VARIANCE_FLOOR,
                Fixtures.rng(6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FITTER.fit(prepared, start));
        assertTrue(e.getMessage().startsWith("start.g0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmData.of(DATA, Fixtures.studentT(3)));
    }
}
