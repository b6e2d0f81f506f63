package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.study.GofPlan;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of {@code power/} against hand values. Clopper–Pearson ends from scipy 1.x
 * ({@code beta.ppf(0.025, x, n - x + 1)}, {@code beta.ppf(0.975, x + 1, n - x)}), the size band by hand:
 * <pre>
 * python3 -c "from scipy.stats import beta; print(beta.ppf(0.025,3,18), beta.ppf(0.975,4,17))"
 * python3 -c "import math; print(0.05 + 1.959963984540054*math.sqrt(0.05*0.95*(1/100+1/199)))"
 * </pre>
 * Tolerance 1e-12: Commons Statistics' beta quantile is accurate to a few ulps here.
 */
class PowerSummaryTest {

    @Test
    void clopperPearsonMatchesScipy() {
        assertArrayEquals(new double[] {0.0320709371854637, 0.37892682654531396}, PowerSummary.clopperPearson(3, 20),
                1e-12);
        assertArrayEquals(new double[] {0, 0.1684334709830853}, PowerSummary.clopperPearson(0, 20), 1e-12);
        assertArrayEquals(new double[] {0.8315665290169146, 1}, PowerSummary.clopperPearson(20, 20), 1e-12);
        assertArrayEquals(new double[] {0.03300962543114875, 0.059752832693407795},
                PowerSummary.clopperPearson(45, 1000), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PowerSummary.clopperPearson(21, 20));
    }

    @Test
    void aSizeRowHasTheRateIntervalConditionalErrorBandAndVerdict() {
        PowerRow p = PowerSummary.row("h0", 100, TestKind.LRT, 0.05, 0.0, 100, 7, 199);
        assertEquals(0.07, p.rate(), 0.0);
        assertEquals(0.028605288907438704, p.ciLow(), 1e-12);
        assertEquals(0.13891972845585732, p.ciHigh(), 1e-12);
        assertEquals(0.015449707678033376, p.conditionalSizeSe(), 1e-15);
        // 0.05 ± 1.96·√(0.05·0.95·(1/100 + 1/199)): the lower end −0.00236 is clipped to 0
        assertEquals(0, p.bandLow(), 0.0);
        assertEquals(0.10236052010219415, p.bandHigh(), 1e-15);
        assertEquals(SizeVerdict.WITHIN, p.sizeVerdict());
        assertEquals(SizeVerdict.ABOVE, PowerSummary.row("h0", 100, TestKind.LRT, 0.05, 0.0, 100, 11, 199)
                .sizeVerdict());
        // KS has no null sample: no conditional error, the plain binomial band 0.05 ± 1.96·√(0.0475/1000)
        PowerRow ks = PowerSummary.row("h0", 100, TestKind.KS, 0.05, 0.0, 1000, 30, 0);
        assertTrue(Double.isNaN(ks.conditionalSizeSe()));
        assertEquals(0.05 - 1.959963984540054 * Math.sqrt(0.0475 / 1000), ks.bandLow(), 1e-15);
        assertEquals(SizeVerdict.BELOW, ks.sizeVerdict(), "0.030 < 0.0365");
        PowerRow power = PowerSummary.row("dev", 100, TestKind.LRT, 0.05, 0.1, 100, 60, 199);
        assertNull(power.sizeVerdict());
        assertTrue(Double.isNaN(power.bandLow()) && Double.isNaN(power.bandHigh()));
    }

    /**
     * A gated truth's row: λ* NaN, its mean weight a number in (0, 1), no size band or verdict; a constant truth's
     * mean weight must be its λ*, and a gated one's a probability strictly inside (0, 1) (a sigmoid is never 0 or 1).
     */
    @Test
    void aGatedTruthsRowHasNoLambdaStarNoBandAndItsMeanWeight() {
        PowerRow p = PowerSummary.row("local", 300, TestKind.AD, 0.05, Double.NaN, 0.085, 400, 120, 999);
        assertTrue(p.gated());
        assertEquals(0.085, p.lambdaMean(), 0.0);
        assertNull(p.sizeVerdict());
        assertTrue(Double.isNaN(p.bandLow()) && Double.isNaN(p.bandHigh()));
        assertEquals("λ(x) by x, E_x λ(x) = 0.085", p.lambdaText());
        assertEquals("λ* = 0.1", PowerSummary.row("c", 300, TestKind.AD, 0.05, 0.1, 400, 120, 999).lambdaText());
        assertThrows(IllegalArgumentException.class,
                () -> PowerSummary.row("c", 300, TestKind.AD, 0.05, 0.1, 0.085, 400, 120, 999));
        assertThrows(IllegalArgumentException.class,
                () -> PowerSummary.row("local", 300, TestKind.AD, 0.05, Double.NaN, 0.0, 400, 120, 999));
        assertThrows(IllegalArgumentException.class,
                () -> PowerSummary.row("local", 300, TestKind.AD, 0.05, Double.NaN, Double.NaN, 400, 120, 999));
    }

    @Test
    void rejectionsCountPValuesAtOrBelowAlpha() {
        GofPlan test = new GofPlan(19, new double[] {0.05, 0.1});
        var study = SizeStudyTest.study(0.0, 30, 4, test);
        List<TestRow> rows = new ArrayList<>();
        // LRT p-values 1/20 (= 0.05, rejected at 0.05), 2/20, 3/20, 20/20; KS 0.04, 0.06, 0.5, 1; HC as the
        // LRT, BJ and smooth 1, the sup-score as KS, the grid likelihood ratio 1; combined (Cauchy) as the LRT, min-p
        // as KS
        double[] ks = {0.04, 0.06, 0.5, 1};
        for (int r = 0; r < 4; r++) {
            int x = r < 3 ? r : 19;
            rows.add(new TestRow(study.name(), "s", 30, r, r, 1, -1, (1.0 + x) / 20, x, 19, 0, true, false, 0.1,
                    ks[r], 0.1, (1.0 + x) / 20, 0.5, 1, 0, 2, (1.0 + x) / 20, 1, 1, 1, 1, 3, ks[r], 4, 1, 2,
                    (1.0 + x) / 20, 0.5, ks[r], ks[r]));
        }
        List<PowerRow> power = PowerSummary.of(study, rows);
        assertEquals(11 * 2, power.size());
        assertEquals(List.of(1, 2, 1, 2, 1, 2, 0, 0, 1, 2, 0, 0, 0, 0, 1, 2, 0, 0, 1, 2, 1, 2),
                power.stream().map(PowerRow::rejections).toList(),
                "lrt at 0.05, 0.1; ks; cvm; ad; hc; bj; smooth; supscore; gridlr; combined; minp");
        assertEquals(TestKind.SUPSCORE, power.get(15).test());
        assertEquals(TestKind.GRIDLR, power.get(17).test());
        assertEquals(TestKind.COMBINED, power.get(18).test());
        assertEquals(19, power.get(18).bootstrap(), "the combinations are calibrated on the null sample");
        assertEquals(TestKind.MINP, power.get(21).test());
        assertEquals(TestKind.LRT, power.get(0).test());
        assertEquals(0.25, power.get(0).rate(), 0.0);
        assertEquals(0, power.get(2).bootstrap(), "ks has no null sample");
        assertEquals(19, power.get(4).bootstrap());
        assertThrows(IllegalArgumentException.class, () -> PowerSummary.of(study, rows.subList(0, 0)),
                "a tested (setting, n) without rows is a bug, not an empty rate");
    }

    /**
     * Tests read from a table written before HC, BJ, smooth, sup-score, the grid likelihood ratio and the combinations existed: those seven are
     * left out.
     */
    @Test
    void statisticsAnOlderTableLacksGetNoPowerRowInsteadOfNoRejections() {
        GofPlan test = new GofPlan(19, new double[] {0.05});
        var study = SizeStudyTest.study(0.0, 30, 2, test);
        double nan = Double.NaN;
        List<TestRow> rows = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            rows.add(new TestRow(study.name(), "s", 30, r, r, 1, -1, 0.05, 0, 19, 0, true, false, 0.1, 0.04, 0.1,
                    0.05, 0.5, 1, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan));
        }
        List<PowerRow> power = PowerSummary.of(study, rows);
        assertEquals(List.of(TestKind.LRT, TestKind.KS, TestKind.CVM, TestKind.AD),
                power.stream().map(PowerRow::test).toList());
        assertEquals(List.of(2, 2, 2, 0), power.stream().map(PowerRow::rejections).toList());
        assertThrows(IllegalArgumentException.class, () -> new TestRow(study.name(), "s", 30, 0, 0, 1, -1, 0.05, 0,
                19, 0, true, false, 0.1, 0.04, 0.1, 0.05, 0.5, 1, 0, 1, 0.0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                "p = 0 is no p-value");
    }

    @Test
    void theDefaultBootstrapIsAtLeastTenPerReplicateAnd9999AndMakesAlphaTimesBPlusOneWhole() {
        assertEquals(9999, GofPlan.defaultBootstrap(1));
        assertEquals(9999, GofPlan.defaultBootstrap(999));
        assertEquals(10099, GofPlan.defaultBootstrap(1000));
        assertEquals(15099, GofPlan.defaultBootstrap(1500));
        assertEquals(99, GofPlan.smallestBootstrap(0.01));
        assertEquals(19, GofPlan.smallestBootstrap(0.05));
        assertEquals(33, GofPlan.smallestBootstrap(0.03));
        GofPlan t = new GofPlan(0, GofPlan.DEFAULT_ALPHAS);
        assertEquals(9999, t.bootstrap(24));
        assertEquals(false, t.belowDefault(24));
        assertEquals(true, new GofPlan(999, GofPlan.DEFAULT_ALPHAS).belowDefault(24));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GofPlan(98, GofPlan.DEFAULT_ALPHAS));
        assertTrue(e.getMessage().startsWith("bootstrap: must be >= 99"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GofPlan(100, new double[] {0.1, 0.05}));
        assertThrows(IllegalArgumentException.class, () -> new GofPlan(100, new double[] {1.0}));
    }

    /** The message of a B out of range says what the record accepts: 0 (the default) too. */
    @Test
    void bootstrapOutOfRangeNamesZeroAsTheDefault() {
        for (int b : new int[] {-1, GofPlan.MAX_BOOTSTRAP + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GofPlan(b, GofPlan.DEFAULT_ALPHAS));
            assertEquals("bootstrap: must be 0 (the default) or an integer in [1, " + GofPlan.MAX_BOOTSTRAP + "], got "
                    + b, e.getMessage());
        }
    }
}
