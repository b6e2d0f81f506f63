package org.dgmoe.core.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.FitStatus;
import org.junit.jupiter.api.Test;

/** The guardrails fire on constructed early-stopping studies and stay quiet on converged ones. */
class GuardrailsTest {
    private static final long[] N = {500, 1000, 2000, 5000, 10000, 20000};
    private static final int REPLICATES = 40;
    private final RateEstimator rates = new RateEstimator(RateSettings.DEFAULTS);

    /** Losses c·n^slope·(lognormal noise, sd 0.2), fixed seed. */
    private static double[][] curves(double slope, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] v = new double[N.length][REPLICATES];
        for (int i = 0; i < N.length; i++) {
            for (int r = 0; r < REPLICATES; r++) {
                double z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
                v[i][r] = 2 * Math.pow(N[i], slope) * Math.exp(0.2 * z);
            }
        }
        return v;
    }

    /** Statuses with {@code capped} MAX_ITERATIONS fits at size index {@code at}, all others converged. */
    private static FitStatus[][] statuses(int at, int capped) {
        FitStatus[][] s = new FitStatus[N.length][REPLICATES];
        for (FitStatus[] row : s) {
            Arrays.fill(row, FitStatus.CONVERGED);
        }
        for (int r = 0; r < capped; r++) {
            s[at][r] = FitStatus.MAX_ITERATIONS;
        }
        return s;
    }

    @Test
    void convergedParametricStudyIsQuiet() {
        RateEstimate e = rates.estimate(N, curves(-0.5, 1), statuses(0, 0), -0.5);
        assertEquals(Verdict.AGREES, e.verdict());
        assertEquals("", e.flag());
        // Exactly 5% capped (2 of 40) is still trusted.
        assertEquals(Verdict.AGREES, rates.estimate(N, curves(-0.5, 1), statuses(3, 2), -0.5).verdict());
    }

    @Test
    void tenPercentCappedAtOneSizeIsUnreliable() {
        RateEstimate e = rates.estimate(N, curves(-0.5, 2), statuses(5, 4), -0.5);
        assertEquals(Verdict.UNRELIABLE, e.verdict());
        // Also without a theory: the fits, not the theory, are the problem.
        assertEquals(Verdict.UNRELIABLE, rates.estimate(N, curves(-0.5, 2), statuses(5, 4), Double.NaN).verdict());
    }

    @Test
    void fasterThanParametricIsFlagged() {
        RateEstimate e = rates.estimate(N, curves(-0.8, 3), statuses(0, 0), -0.125);
        assertTrue(e.ciHigh() < -0.5, e.toString());
        assertEquals(Guardrails.FASTER_THAN_PARAMETRIC, e.flag());
        // A slow rate is not flagged.
        assertEquals("", rates.estimate(N, curves(-0.125, 3), statuses(0, 0), -0.125).flag());
    }

    @Test
    void theFasterThanParametricFlagGrantsTheTolerance() {
        // The quickstart's exact-fit hellinger: −0.535 [−0.571, −0.501] agrees with −1/2 and is not flagged.
        assertEquals("", Guardrails.flag(-0.501, 0.05));
        assertEquals(Guardrails.FASTER_THAN_PARAMETRIC, Guardrails.flag(-0.551, 0.05));
        assertEquals("", Guardrails.flag(-0.55, 0.05)); // on the boundary: not below
        assertEquals(Guardrails.FASTER_THAN_PARAMETRIC, Guardrails.flag(-0.501, 0));
        assertThrows(IllegalArgumentException.class, () -> Guardrails.flag(-0.6, Double.NaN));
        // Through the estimator: a rate that agrees with −1/2 never carries the flag.
        RateEstimate steep = rates.estimate(N, curves(-0.53, 7), statuses(0, 0), -0.5);
        assertEquals(Verdict.AGREES, steep.verdict(), steep.toString());
        assertEquals("", steep.flag(), steep.toString());
    }

    @Test
    void anIntervalHoldingZeroIsNeverAgreement() {
        // issue 24: voronoi −0.225 [−0.687, 0.123] "agreed" with −1/2
        assertEquals(Verdict.INCONCLUSIVE, rates.verdict(-0.225, -0.687, 0.123, -0.5));
        assertEquals(RateEstimator.HOLDS_ZERO, RateEstimator.inconclusive(-0.687, 0.123, -0.5, 0.05));
        // over a grid of intervals reaching 0 and exponents in [−1, 0): never AGREES; SLOWER only when the
        // whole widened interval lies above the exponent (a contradiction even if it reaches 0)
        for (double lo = -1.2; lo <= 0.3; lo += 0.05) {
            for (double hi = Math.max(lo, 0); hi <= 0.6; hi += 0.05) {
                for (double theory = -1; theory < 0; theory += 1.0 / 16) {
                    Verdict v = rates.verdict((lo + hi) / 2, lo, hi, theory);
                    assertTrue(v == Verdict.INCONCLUSIVE || v == Verdict.SLOWER_THAN_THEORY, lo + " " + hi + " " + theory);
                    assertEquals(lo - 0.05 > theory, v == Verdict.SLOWER_THAN_THEORY, lo + " " + hi + " " + theory);
                }
            }
        }
        // through the estimator: a flat noisy loss (interval about ±0.02) read against a slow exponent its
        // widened interval holds (−1/16) gets the verdict and its reason
        RateEstimate flat = rates.estimate(N, curves(0.0, 11), -1.0 / 16);
        assertTrue(flat.ciLow() < 0 && flat.ciHigh() > 0, flat.toString());
        assertEquals(Verdict.INCONCLUSIVE, flat.verdict(), flat.toString());
        assertEquals(RateEstimator.HOLDS_ZERO, flat.reason());
        assertEquals("", rates.estimate(N, curves(-0.5, 11), -0.5).reason());
    }

    @Test
    void anIntervalThatCannotTellTheExponentFromParametricIsInconclusive() {
        // theory −1/8 (an over-fitted cell's slope), interval [−0.52, −0.12]: holds both
        assertEquals(Verdict.INCONCLUSIVE, rates.verdict(-0.3, -0.52, -0.12, -0.125));
        assertEquals(RateEstimator.HOLDS_BOTH, RateEstimator.inconclusive(-0.52, -0.12, -0.125, 0.05));
        // the quickstart's over-fitted cell-1 variance −0.338 [−0.421, −0.256] vs −1/4: −1/2 is beyond the
        // widened interval [−0.471, −0.206], so it agrees
        assertEquals(Verdict.AGREES, rates.verdict(-0.338, -0.421, -0.256, -0.25));
        // an exponent within the tolerance of −1/2 has nothing to tell apart
        assertEquals(Verdict.AGREES, rates.verdict(-0.5, -0.6, -0.4, -0.46));
        assertTrue(Verdict.INCONCLUSIVE.label().equals("inconclusive") && !Verdict.INCONCLUSIVE.contradictsTheory());
        assertEquals(Verdict.INCONCLUSIVE, Verdict.ofLabel("inconclusive"));
    }

    @Test
    void verdictsReadTheTheoryAsABound() {
        // interval [−0.6, −0.4], tolerance 0.05: holds theory in [−0.65, −0.35]; it holds −1/2 as well, so
        // only an exponent within the tolerance of −1/2 agrees, any other is inconclusive
        assertEquals(Verdict.AGREES, rates.verdict(-0.5, -0.6, -0.4, -0.5));
        assertEquals(Verdict.AGREES, rates.verdict(-0.5, -0.6, -0.4, -0.46));
        assertEquals(Verdict.INCONCLUSIVE, rates.verdict(-0.5, -0.6, -0.4, -0.64));
        assertEquals(Verdict.INCONCLUSIVE, rates.verdict(-0.5, -0.6, -0.4, -0.36));
        // interval [−0.3, −0.2] (widened [−0.35, −0.15], −1/2 outside): agrees for theory in [−0.35, −0.15]
        assertEquals(Verdict.AGREES, rates.verdict(-0.25, -0.3, -0.2, -0.34));
        assertEquals(Verdict.AGREES, rates.verdict(-0.25, -0.3, -0.2, -0.16));
        assertEquals(Verdict.FASTER_THAN_THEORY, rates.verdict(-0.5, -0.6, -0.4, -0.34));
        assertEquals(Verdict.SLOWER_THAN_THEORY, rates.verdict(-0.5, -0.6, -0.4, -0.66));
        assertEquals(Verdict.FASTER_THAN_THEORY, rates.verdict(-0.5, -0.6, -0.4, -0.125));
        assertEquals(Verdict.SLOWER_THAN_THEORY, rates.verdict(-0.5, -0.6, -0.4, -0.9));
        assertEquals(Verdict.NO_THEORY, rates.verdict(-0.5, -0.6, -0.4, Double.NaN));
        assertEquals(Verdict.UNRELIABLE, rates.verdict(Double.NaN, Double.NaN, Double.NaN, -0.5));
        assertTrue(Verdict.SLOWER_THAN_THEORY.contradictsTheory());
        assertEquals(1, Arrays.stream(Verdict.values()).filter(Verdict::contradictsTheory).count());
    }

    @Test
    void legacyDisagreementsReadByDirection() {
        for (Verdict v : Verdict.values()) {
            assertEquals(v, Verdict.ofLabel(v.label()));
            assertEquals(v, Verdict.ofLabel(v.label(), -0.6, -0.4, -0.1));
        }
        assertEquals(Verdict.FASTER_THAN_THEORY, Verdict.ofLabel("disagrees", -0.6, -0.4, -0.125));
        assertEquals(Verdict.SLOWER_THAN_THEORY, Verdict.ofLabel("disagrees", -0.6, -0.4, -0.9));
        // inside the interval: no tolerance makes that a disagreement
        assertThrows(IllegalArgumentException.class, () -> Verdict.ofLabel("disagrees", -0.6, -0.4, -0.5));
        assertThrows(IllegalArgumentException.class, () -> Verdict.ofLabel("disagrees"));
        assertThrows(IllegalArgumentException.class, () -> Verdict.ofLabel("agree"));
    }

    @Test
    void spuriousFitsInOverFivePercentAtSomeNAreFlagged() {
        RateEstimate quiet = rates.estimate(N, curves(-0.125, 5), statuses(0, 0), -0.125);
        int[] fits = {40, 40, 40, 40, 40, 40};
        assertEquals(quiet, Guardrails.spurious(quiet, new int[] {2, 2, 2, 2, 2, 2}, fits));
        RateEstimate flagged = Guardrails.spurious(quiet, new int[] {0, 3, 0, 0, 0, 0}, fits);
        assertEquals(Guardrails.SPURIOUS, flagged.flag());
        assertEquals(quiet.verdict(), flagged.verdict());
        assertEquals(Guardrails.CELLS_DIFFER + "; " + Guardrails.SPURIOUS, Guardrails.spurious(
                Guardrails.cellsDiffer(quiet, new int[] {3, 0, 0, 0, 0, 0}, fits), new int[] {3, 0, 0, 0, 0, 0}, fits)
                .flag());
        assertThrows(IllegalArgumentException.class, () -> Guardrails.spurious(quiet, new int[] {-1}, new int[] {40}));
    }

    @Test
    void nonConvergedFitsAreExcludedUnlessAsked() {
        double[][] v = curves(-0.5, 4);
        FitStatus[][] s = statuses(2, 10);
        for (int r = 0; r < 10; r++) {
            v[2][r] = 1e6; // absurd values on the capped fits
        }
        CurvePoint p = rates.point(N[2], v[2], s[2]);
        assertEquals(REPLICATES - 10, p.count());
        assertEquals(10, p.nonConverged());
        assertEquals(10, p.capped());
        assertTrue(p.mean() < 1);
        RateEstimator all = new RateEstimator(new RateSettings(1000, 0.95, 0.05, 1L, true));
        CurvePoint q = all.point(N[2], v[2], s[2]);
        assertEquals(REPLICATES, q.count());
        assertTrue(q.mean() > 1e4);
        assertNotEquals(rates.estimate(N, v, s, -0.5).slope(), all.estimate(N, v, s, -0.5).slope());
    }

    @Test
    void cellsThatDifferFromThePlanInOverFivePercentOfFitsAreFlagged() {
        RateEstimate quiet = rates.estimate(N, curves(-0.125, 5), statuses(0, 0), -0.125);
        assertEquals("", quiet.flag());
        // 2 of 40 fits (5%) at one n: not over 5%, no flag.
        int[] fits = {40, 40, 40, 40, 40, 40};
        assertEquals(quiet, Guardrails.cellsDiffer(quiet, new int[] {0, 0, 2, 0, 0, 0}, fits));
        // 3 of 40 (7.5%) at one n: flagged; verdict, slope and interval unchanged.
        RateEstimate flagged = Guardrails.cellsDiffer(quiet, new int[] {0, 0, 0, 0, 0, 3}, fits);
        assertEquals(Guardrails.CELLS_DIFFER, flagged.flag());
        assertEquals(quiet.verdict(), flagged.verdict());
        assertEquals(quiet.slope(), flagged.slope(), 0.0);
        // Joined to an existing flag.
        RateEstimate fast = rates.estimate(N, curves(-0.8, 3), statuses(0, 0), -0.125);
        assertEquals(Guardrails.FASTER_THAN_PARAMETRIC + "; " + Guardrails.CELLS_DIFFER,
                Guardrails.cellsDiffer(fast, new int[] {40, 0, 0, 0, 0, 0}, fits).flag());
        // An n without fits is never over the threshold.
        assertEquals("", Guardrails.cellsDiffer(quiet, new int[] {0, 0, 0, 0, 0, 0}, new int[] {0, 0, 0, 0, 0, 0})
                .flag());
        assertThrows(IllegalArgumentException.class, () -> Guardrails.cellsDiffer(quiet, new int[] {41}, new int[] {40}));
        assertThrows(IllegalArgumentException.class, () -> Guardrails.cellsDiffer(quiet, new int[] {1, 1}, new int[] {40}));
    }

    @Test
    void countsAndMisuse() {
        FitStatus[] st = {FitStatus.CONVERGED, FitStatus.MAX_ITERATIONS, FitStatus.DEGENERATE, FitStatus.CONVERGED};
        FitCounts c = FitCounts.of(100, st, new boolean[] {true, false, true, false}, new boolean[] {true, false,
            false, false});
        assertEquals(new FitCounts(100, 4, 2, 1, 1, 2, 1), c);
        assertEquals(2, c.nonConverged());
        assertEquals(0.25, c.cappedFraction());
        assertThrows(IllegalArgumentException.class, () -> Guardrails.select(new double[2], new FitStatus[3], false));
        assertThrows(IllegalArgumentException.class, () -> new FitCounts(1, 2, 1, 0, 0, 0, 0));
    }
}
