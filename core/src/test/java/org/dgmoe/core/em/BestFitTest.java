package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.junit.jupiter.api.Test;

/** The one restart rule ({@link BestFit}): keep the best of the candidates, certify only it. */
class BestFitTest {

    private static final DeviatedModel TRUTH = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
    private static final Dataset DATA = Fixtures.simulate(TRUTH, 1500, 31);
    private static final EmFitter FITTER = new EmFitter(EmSettings.DEFAULTS);

    private static List<DeviatedModel> starts(int count) {
        UniformRandomProvider rng = Fixtures.rng(8);
        List<DeviatedModel> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(RandomStart.draw(DATA, TRUTH.g0(), 3, 0.5, EmSettings.DEFAULT_VARIANCE_FLOOR, rng));
        }
        return out;
    }

    /**
     * Several starts: the kept fit is the one {@link FitResult#betterThan} picks among the plain fits, and its
     * certificate is the one {@code fit} reports, bit for bit, at one pass more (or none, when reused).
     */
    @Test
    void keepsTheBestAndCertifiesOnlyIt() {
        List<DeviatedModel> starts = starts(4);
        FitResult expected = null;
        for (DeviatedModel start : starts) {
            FitResult r = FITTER.fit(DATA, start);
            if (expected == null || r.betterThan(expected)) {
                expected = r;
            }
        }
        Iterator<DeviatedModel> next = starts.iterator();
        FitResult kept = BestFit.certified(FITTER, DATA, starts.size(), next::next);
        assertTrue(!next.hasNext(), "every start is fitted");
        assertEquals(expected.model(), kept.model());
        assertEquals(Double.doubleToRawLongBits(expected.logLikelihood()), Double.doubleToRawLongBits(kept.logLikelihood()));
        assertEquals(Double.doubleToRawLongBits(expected.certificate().newtonGain()),
                Double.doubleToRawLongBits(kept.certificate().newtonGain()));
        assertTrue(Double.isFinite(kept.certificate().newtonGain()), "the fixture's best fit is certified: " + kept);
        int extra = expected.certificate().passes() == 1 ? 0 : 1;
        assertEquals(expected.certificate().passes() + extra, kept.certificate().passes());
    }

    /** One start is {@code fit} itself: the certificate computed at the end of the fit (no extra pass). */
    @Test
    void oneStartIsTheFitItself() {
        DeviatedModel start = starts(1).get(0);
        FitResult expected = FITTER.fit(DATA, start);
        FitResult kept = BestFit.certified(FITTER, DATA, 1, () -> start);
        assertEquals(expected.model(), kept.model());
        assertEquals(expected.certificate().passes(), kept.certificate().passes());
        assertEquals(Double.doubleToRawLongBits(expected.certificate().newtonGain()),
                Double.doubleToRawLongBits(kept.certificate().newtonGain()));
    }

    /** Uncertified: no candidate gets a certificate, even a single one. */
    @Test
    void uncertifiedCertifiesNothing() {
        DeviatedModel start = starts(1).get(0);
        FitResult best = BestFit.uncertified(FITTER, DATA, 1, () -> start).result();
        assertTrue(Double.isNaN(best.certificate().newtonGain()));
        assertEquals(FITTER.fitUncertified(DATA, start).result().model(), best.model());
    }

    /** A tie keeps the earlier candidate; a result kept as it is is never certified. */
    @Test
    void tiesKeepTheEarlierAndAsIsStaysAsIs() {
        DeviatedModel start = starts(1).get(0);
        UncertifiedFit first = FITTER.fitUncertified(DATA, start);
        UncertifiedFit second = FITTER.fitUncertified(DATA, start);
        BestFit best = BestFit.none().with(first).with(second);
        assertSame(first.result(), best.result());

        EmFitter brief = new EmFitter(EmSettings.DEFAULTS.withTolerance(0).withMaxIterations(5));
        FitResult shortRun = brief.fit(DATA, start);
        BestFit asIs = BestFit.none().withAsIs(shortRun);
        assertSame(shortRun, asIs.certified(FITTER, DATA));
        // A better continuation replaces it and is certified.
        BestFit continued = asIs.with(first);
        assertSame(first.result(), continued.result());
        assertTrue(Double.isFinite(continued.certified(FITTER, DATA).certificate().newtonGain()));
    }

    /**
     * Every start's ℓ is kept in the order drawn (the fits of {@code fitUncertified}, exactly), the kept fit
     * is the same as {@link BestFit#certified}'s, and one start records its own ℓ.
     */
    @Test
    void recordsEveryStartsLogLikelihoodInOrder() {
        List<DeviatedModel> starts = starts(4);
        double[] expected = new double[starts.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = FITTER.fitUncertified(DATA, starts.get(i)).result().logLikelihood();
        }
        BestFit.Restarts restarts = BestFit.certifiedRestarts(FITTER, DATA, starts.size(), starts.iterator()::next);
        assertArrayEquals(expected, restarts.logLikelihoods(), 0.0, "bit for bit: the same fits");
        FitResult kept = BestFit.certified(FITTER, DATA, starts.size(), starts.iterator()::next);
        assertEquals(kept.model(), restarts.best().model());
        double max = Arrays.stream(expected).max().orElseThrow();
        assertEquals(max, restarts.best().logLikelihood(), 0.0, "the kept fit has the highest ℓ");

        DeviatedModel one = starts.get(0);
        BestFit.Restarts single = BestFit.certifiedRestarts(FITTER, DATA, 1, () -> one);
        assertArrayEquals(new double[] {single.best().logLikelihood()}, single.logLikelihoods(), 0.0);

        // a non-finite candidate is recorded as NaN (not dropped: the count of starts stays right)
        FitResult nonFinite = new FitResult(TRUTH, Double.NEGATIVE_INFINITY, 0, FitStatus.NON_FINITE, 0, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0);
        BestFit mixed = BestFit.none().withAsIs(nonFinite).with(FITTER.fitUncertified(DATA, one));
        assertTrue(Double.isNaN(mixed.logLikelihoods()[0]));
        assertEquals(2, mixed.logLikelihoods().length);
    }

    @Test
    void refusesMisuse() {
        assertThrows(IllegalStateException.class, () -> BestFit.none().result());
        assertThrows(IllegalArgumentException.class, () -> BestFit.uncertified(FITTER, DATA, 0, () -> TRUTH));
        assertThrows(IllegalArgumentException.class, () -> BestFit.none().with(null));
        assertThrows(IllegalArgumentException.class, () -> BestFit.none().withAsIs(null));
    }
}
