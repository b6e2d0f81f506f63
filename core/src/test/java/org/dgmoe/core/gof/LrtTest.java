package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.random.Seeds;
import org.junit.jupiter.api.Test;

class LrtTest {
    static final LrtRecipe K1 = LrtRecipe.of(1, EmSettings.DEFAULTS);
    static final LrtRecipe SMALL_K2 = new LrtRecipe(2, EmSettings.DEFAULTS, 6, 15, 2, 1e-3);

    @Test
    void nullLogLikelihoodMatchesScipy() {
        // gof_reference.py: np.sum(stats.<family>.logpdf(y, ...)); 1e-12 relative (ten log-densities).
        assertEquals(-3.746113526447273, Lrt.nullLogLikelihood(GofFixtures.small(), GofFixtures.LINEAR), 1e-12 * 4);
        assertEquals(-10.560536141828312, Lrt.nullLogLikelihood(GofFixtures.small(), GofFixtures.STUDENT), 1e-12 * 11);
        assertEquals(-13.358737369246112, Lrt.nullLogLikelihood(GofFixtures.small(), GofFixtures.SIN), 1e-12 * 14);
    }

    @Test
    void statisticIsTwiceTheGainOverAnIndependentNullLogLikelihood() {
        Dataset data = GofFixtures.notes(0.3, 300, 11);
        LrtResult r = Lrt.compute(data, GofFixtures.NOTES_G0, K1, Seeds.stream(5, Seeds.Stream.GOF_START));
        // ℓ0 by hand: Σ −½(log 2π + (y − x)²) for g0 = N(x, 1).
        double l0 = 0;
        for (int i = 0; i < data.size(); i++) {
            double res = data.y(i) - data.x(i, 0);
            l0 += -0.5 * (Math.log(2 * Math.PI) + res * res);
        }
        assertEquals(l0, r.nullLogLikelihood(), 1e-10);
        assertFalse(r.lambdaZeroWon());
        // ℓ1 recomputed by the exact scalar log-sum-exp of the fitted model (not the EM kernel's).
        double l1 = r.fit().model().logLikelihood(data);
        assertEquals(l1, r.alternativeLogLikelihood(), 1e-9 * Math.abs(l1));
        assertEquals(2 * (l1 - l0), r.statistic(), 1e-8);
        assertTrue(r.statistic() > 20, "a deviation of λ = 0.3 at n = 300 is plain: T = " + r.statistic());
        assertEquals(0.3, r.lambda(), 0.15);
    }

    /**
     * Only the kept finalist is certified (afterwards: EmFitter#certify, tested in CertificateTest to equal
     * the certificate computed at the end of a fit), and a null refit's is not at all; T, the finalists and
     * the kept fit are the same either way.
     */
    @Test
    void onlyTheKeptFinalistIsCertified() {
        Dataset data = GofFixtures.notes(0.3, 400, 12);
        LrtResult with = Lrt.compute(data, GofFixtures.NOTES_G0, SMALL_K2, Seeds.stream(6, Seeds.Stream.GOF_START));
        LrtResult without = Lrt.compute(data, GofFixtures.NOTES_G0, SMALL_K2, Seeds.stream(6, Seeds.Stream.GOF_START),
                false);
        assertEquals(Double.doubleToRawLongBits(with.statistic()), Double.doubleToRawLongBits(without.statistic()));
        assertArrayEquals(with.finalistLogLikelihoods(), without.finalistLogLikelihoods(), 0.0);
        assertEquals(with.fit().model(), without.fit().model());
        assertEquals(with.fit().scoreNorm(), without.fit().scoreNorm(), 0.0);
        assertTrue(Double.isFinite(with.fit().certificate().newtonGain()), with.fit()::toString);
        assertTrue(with.fit().certificate().passes() > 0);
        assertTrue(Double.isNaN(without.fit().certificate().newtonGain()));
    }

    @Test
    void statisticIsNeverNegativeAndZeroExactlyWhenLambdaZeroWins() {
        int zero = 0;
        for (int s = 0; s < 25; s++) {
            Dataset data = GofFixtures.notes(0, 60, 100 + s);
            LrtRecipe recipe = s % 2 == 0 ? K1 : SMALL_K2;
            LrtResult r = Lrt.compute(data, GofFixtures.NOTES_G0, recipe, Seeds.stream(s, Seeds.Stream.GOF_START));
            assertTrue(r.statistic() >= 0, "T = " + r.statistic());
            assertTrue(r.alternativeLogLikelihood() >= r.nullLogLikelihood());
            assertEquals(r.lambdaZeroWon(), r.statistic() == 0);
            assertEquals(2 * (r.alternativeLogLikelihood() - r.nullLogLikelihood()), r.statistic(), 0);
            if (r.lambdaZeroWon()) {
                zero++;
                assertEquals(0, r.lambda(), 0);
            }
            assertEquals(recipe.finalists(), r.finalistLogLikelihoods().length);
            assertTrue(r.agreeing() >= 1 && r.spread() >= 0);
        }
        // The test can fail: under H0 λ = 0 wins sometimes, but not always (T has a point mass at 0).
        assertTrue(zero < 25, "λ = 0 won on every data set");
    }

    @Test
    void strongDeviationGetsTheSmallestPValue() {
        Dataset data = GofFixtures.notes(0.5, 150, 3);
        long key = 77;
        int b = 19;
        GoodnessOfFit.Observed observed = GoodnessOfFit.observe(data, GofFixtures.NOTES_G0, K1, key);
        List<NullFit> fits = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            fits.add(NullRefit.run(data, GofFixtures.NOTES_G0, K1, key, i));
        }
        GoodnessOfFit.Result result = GoodnessOfFit.result(observed, NullSample.of(fits));
        assertEquals(0, result.lrt().exceedances());
        assertEquals(1.0 / (b + 1), result.lrt().value(), 0);
        assertEquals(0, result.failedNullFits());
        assertTrue(result.ks().pValue() < 1e-6, "KS p = " + result.ks().pValue());
        assertEquals(1.0 / (b + 1), result.cvm().pValue(), 0);
        // The model-free lower bound of λ (on the same PIT) sees the deviation too, and stays below λ = 0.5.
        LambdaLowerBound bound = result.observed().lambdaLowerBound();
        assertEquals(PatraSen.lowerBound(observed.pit()), bound);
        assertTrue(bound.value() > 0 && bound.value() <= 0.5, "bound " + bound.value());
    }

    @Test
    void nullRefitsDependOnlyOnKeyAndIndex() {
        Dataset data = GofFixtures.notes(0, 80, 9);
        List<NullFit> forward = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            forward.add(NullRefit.run(data, GofFixtures.NOTES_G0, K1, 42, b));
        }
        List<NullFit> backward = new ArrayList<>();
        for (int b = 5; b >= 0; b--) {
            backward.add(NullRefit.run(data, GofFixtures.NOTES_G0, K1, 42, b));
        }
        Collections.shuffle(backward, new java.util.Random(1));
        NullSample a = NullSample.of(forward);
        NullSample c = NullSample.of(backward);
        assertArrayEquals(a.statistics(), c.statistics(), 0);
        assertArrayEquals(a.cramerVonMises(), c.cramerVonMises(), 0);
        assertFalse(a.fit(0).equals(a.fit(1)));
        // Another key gives another null sample.
        NullFit other = NullRefit.run(data, GofFixtures.NOTES_G0, K1, 43, 0);
        assertFalse(other.cramerVonMises() == a.fit(0).cramerVonMises());
    }

    @Test
    void nullDataKeepTheCovariatesAndFollowG0() {
        Dataset data = GofFixtures.notes(0.4, 2000, 21);
        Dataset star = NullRefit.conditional(data, GofFixtures.NOTES_G0, Seeds.stream(1, Seeds.Stream.DATA));
        assertArrayEquals(data.columnView(), star.columnView(), 0);
        // y* − x ~ N(0, 1): mean within 4 standard errors, variance within 4·√(2/n).
        double m = 0;
        double v = 0;
        for (int i = 0; i < star.size(); i++) {
            double r = star.y(i) - star.x(i, 0);
            m += r;
            v += r * r;
        }
        m /= star.size();
        v = v / star.size() - m * m;
        assertEquals(0, m, 4 / Math.sqrt(2000));
        assertEquals(1, v, 4 * Math.sqrt(2.0 / 2000));
        // The covariate-law variant draws its own x.
        NullFit fresh = NullRefit.run(new UniformCovariates(new double[] {-1}, new double[] {1}), 50,
                GofFixtures.NOTES_G0, K1, 8, 0);
        assertTrue(fresh.statistic() >= 0);
        assertEquals(fresh, NullRefit.run(new UniformCovariates(new double[] {-1}, new double[] {1}), 50,
                GofFixtures.NOTES_G0, K1, 8, 0));
    }

    @Test
    void nullSampleCountsFailuresAndRefusesGapsAndDuplicates() {
        List<NullFit> fits = List.of(
                new NullFit(1, 0, true, 0, FitStatus.NON_FINITE, 0.1, 0.5, 0.1, 0.5, GofFixtures.NO_ADAPTIVE),
                new NullFit(0, 2.5, false, 0.1, FitStatus.CONVERGED, 0.1, 0.5, 0.1, 0.5, GofFixtures.NO_ADAPTIVE),
                new NullFit(2, 0.4, false, 0.02, FitStatus.DEGENERATE, 0.1, 0.5, 0.1, 0.5, GofFixtures.NO_ADAPTIVE));
        NullSample s = NullSample.of(fits);
        assertEquals(1, s.failed());
        assertArrayEquals(new double[] {2.5, 0, 0.4}, s.statistics(), 0);
        // A failed refit stays in the count: T = 0.3 is exceeded by 2.5 and 0.4.
        assertEquals(2, s.pValue(0.3).exceedances());
        assertThrows(IllegalArgumentException.class, () -> NullSample.of(List.of(fits.get(0), fits.get(0))));
        assertThrows(IllegalArgumentException.class, () -> NullSample.of(List.of(fits.get(0))));
    }

    @Test
    void refusesG0NoneAndBadRecipes() {
        assertThrows(IllegalArgumentException.class, () -> Lrt.compute(GofFixtures.small(), NoG0.INSTANCE, K1,
                Seeds.stream(1, Seeds.Stream.GOF_START)));
        assertThrows(IllegalArgumentException.class, () -> new LrtRecipe(1, EmSettings.DEFAULTS, 2, 10, 3, 1e-3));
        assertTrue(LrtRecipe.of(1, EmSettings.DEFAULTS.withLambdaFree(false)).em().lambdaFree());
    }

    /**
     * Responses of magnitude 1e300 overflow ℓ0 (−∞) and every fit: T has no value, and the data set counts as
     * failed (T = 0, λ = 0, like a failed null refit) instead of crashing on T = NaN; a sweep's tests/ row then
     * records fit_failed.
     */
    @Test
    void dataBeyondDoublePrecisionAreAFailedStatisticNotACrash() {
        double[] y = new double[GofFixtures.Y.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = GofFixtures.Y[i] * 1e300;
        }
        Dataset huge = new Dataset(1, GofFixtures.X, y);
        LrtResult r = Lrt.compute(huge, GofFixtures.LINEAR, K1, Seeds.stream(3, Seeds.Stream.GOF_START));
        assertEquals(Double.NEGATIVE_INFINITY, r.nullLogLikelihood());
        assertTrue(r.failed());
        assertTrue(r.lambdaZeroWon());
        assertEquals(0.0, r.statistic());
        assertEquals(0.0, r.lambda());
        GoodnessOfFit.Observed observed = GoodnessOfFit.observe(huge, GofFixtures.LINEAR, K1, 3);
        assertTrue(observed.lrt().failed());
    }

    /** The test needs two points (the exact KS p-value of one is undefined): one is refused by name. */
    @Test
    void theTestRefusesFewerPointsThanItsMinimum() {
        Dataset one = new Dataset(1, new double[] {0.5}, new double[] {1.0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoodnessOfFit.observe(one, GofFixtures.LINEAR, K1, 3));
        assertEquals("data: the goodness-of-fit test needs at least 2 points, got 1", e.getMessage());
        Dataset two = new Dataset(1, new double[] {0.5, 0.7}, new double[] {1.0, 1.2});
        assertEquals(2, GoodnessOfFit.observe(two, GofFixtures.LINEAR, K1, 3).pit().length);
    }
}
