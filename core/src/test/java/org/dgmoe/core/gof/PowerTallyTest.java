package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.GofPlan;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;

/**
 * {@link PowerTally}: the tallies of any split of the tests, merged in any order, give exactly the power rows of
 * all the rows ({@link PowerSummary#of(Study, List)}), and those rows hold the counts of a direct count written out
 * here (integers: compared exactly), NaN p-values (a test not computed) included.
 */
class PowerTallyTest {
    private static final int R = 40;
    private static final int B = 99;

    /** h0 (λ* = 0, levels 0.05, 0.1) and dev (λ* = 0.3, levels 0.01, 0.05, 0.1), both at n = 30 and 60; untested. */
    static Study study() {
        FitSpec fit = new FitSpec(1, true, Double.NaN, InitKind.RANDOM, 1,
                EmSettings.DEFAULTS.withLambdaFree(true).withMaxIterations(400), NearTruthStart.DEFAULTS, null);
        List<Setting> settings = new ArrayList<>();
        double[][] levels = {{0.05, 0.1}, {0.01, 0.05, 0.1}, null};
        double[] lambdas = {0.0, 0.3, 0.3};
        String[] names = {"h0", "dev", "untested"};
        for (int i = 0; i < 3; i++) {
            DeviatedModel truth = new DeviatedModel(lambdas[i],
                    new MixingMeasure(new double[] {1}, List.of(new Expert(new double[] {2}, 1, 0.25))),
                    GofFixtures.NOTES_G0);
            settings.add(new Setting(names[i], new UniformCovariates(new double[] {-1}, new double[] {1}), truth, fit,
                    null, java.util.Map.of(), levels[i] == null ? null : new GofPlan(B, levels[i])));
        }
        return new Study("tally", 7L, R, new int[] {30, 60}, settings, LossSettings.DEFAULTS);
    }

    /**
     * R tests per tested (setting, n), p-values (1 + x)/(B + 1) for x uniform in 0..B (KS uniform in [0, 1]); at
     * dev/60 the seven statistics an older table lacks are NaN in replicate 7 only, and at h0/30 in every replicate.
     */
    static List<TestRow> rows(Study study) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261207L);
        List<TestRow> out = new ArrayList<>();
        for (String setting : List.of("h0", "dev")) {
            for (int n : study.sampleSizes()) {
                for (int r = 0; r < R; r++) {
                    double[] p = new double[9];
                    int x = rng.nextInt(B + 1);
                    for (int i = 0; i < p.length; i++) {
                        p[i] = (1.0 + rng.nextInt(B + 1)) / (B + 1);
                    }
                    boolean older = setting.equals("dev") && n == 60 && r == 7 || setting.equals("h0") && n == 30;
                    double nan = Double.NaN;
                    out.add(new TestRow(study.name(), setting, n, r, r, 1, -1, (1.0 + x) / (B + 1), x, B, 0, true,
                            false, 0.1, rng.nextDouble(), 0.1, p[0], 0.5, p[1], 0, 2, older ? nan : p[2], 1,
                            older ? nan : p[3], 1, older ? nan : p[4], 3, older ? nan : p[5], 3, older ? nan : p[8], 2,
                            older ? nan : p[6], 0.5, 0.1, older ? nan : p[7]));
                }
            }
        }
        return out;
    }

    @Test
    void tallyOfAnySplitMergedInAnyOrderGivesThePowerRowsOfAllTheRows() {
        Study study = study();
        List<TestRow> rows = rows(study);
        List<PowerRow> all = PowerSummary.of(study, rows);
        Random shuffle = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            List<TestRow> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, shuffle);
            // cut into 1..17 pieces at random points (empty pieces included), tally each, merge in random order
            int pieces = 1 + shuffle.nextInt(17);
            List<Integer> cuts = new ArrayList<>(List.of(0, shuffled.size()));
            for (int i = 1; i < pieces; i++) {
                cuts.add(shuffle.nextInt(shuffled.size() + 1));
            }
            Collections.sort(cuts);
            List<PowerTally> tallies = new ArrayList<>();
            for (int i = 0; i + 1 < cuts.size(); i++) {
                tallies.add(PowerTally.of(study, shuffled.subList(cuts.get(i), cuts.get(i + 1))));
            }
            Collections.shuffle(tallies, shuffle);
            PowerTally left = PowerTally.empty();
            for (PowerTally t : tallies) {
                left = left.merge(t);
            }
            // and as a tree: pairs merged, then pairs of pairs (Spark's reduce merges in no fixed shape)
            List<PowerTally> level = tallies;
            while (level.size() > 1) {
                List<PowerTally> next = new ArrayList<>();
                for (int i = 0; i < level.size(); i += 2) {
                    next.add(i + 1 < level.size() ? level.get(i + 1).merge(level.get(i)) : level.get(i));
                }
                level = next;
            }
            assertEquals(all, PowerSummary.of(study, left), "trial " + trial + ", " + pieces + " pieces");
            assertEquals(all, PowerSummary.of(study, level.get(0)), "trial " + trial + ", as a tree");
        }
    }

    /** The counts written out without the tally: R, and per test and level #{p ≤ α}, a test with a NaN left out. */
    @Test
    void thePowerRowsHoldTheDirectCountsAndLeaveOutATestNotComputedInSomeReplicate() {
        Study study = study();
        List<TestRow> rows = rows(study);
        List<PowerRow> power = PowerSummary.of(study, rows);
        List<String> expected = new ArrayList<>();
        for (String setting : List.of("h0", "dev")) {
            for (int n : study.sampleSizes()) {
                List<TestRow> cell = rows.stream().filter(t -> t.setting().equals(setting) && t.n() == n).toList();
                for (TestKind kind : TestKind.values()) {
                    if (cell.stream().anyMatch(t -> Double.isNaN(t.pValue(kind)))) {
                        continue;
                    }
                    for (double alpha : study.setting(setting).test().alphas()) {
                        long rejected = cell.stream().filter(t -> t.pValue(kind) <= alpha).count();
                        expected.add(setting + "/" + n + "/" + kind.label() + "/" + alpha + ": " + rejected + " of "
                                + cell.size());
                    }
                }
            }
        }
        assertEquals(expected, power.stream().map(p -> p.setting() + "/" + p.n() + "/" + p.test().label() + "/"
                + p.alpha() + ": " + p.rejections() + " of " + p.replicates()).toList());
        // h0/30 and dev/60 keep only the four tests every replicate has; the others all eleven
        assertEquals(4 * 2 + 11 * 2 + 11 * 3 + 4 * 3, power.size());
        PowerTally.Cell dev60 = new PowerTally.Cell("dev", 60);
        PowerTally tally = PowerTally.of(study, rows);
        assertEquals(1, tally.notComputed(dev60, TestKind.HC));
        assertEquals(0, tally.notComputed(dev60, TestKind.LRT));
        assertEquals(R, tally.replicates(dev60));
    }

    @Test
    void aCellWithoutTestsOrARowOfAnUntestedSettingIsRefused() {
        Study study = study();
        List<TestRow> rows = rows(study);
        List<TestRow> without = rows.stream().filter(t -> !(t.setting().equals("dev") && t.n() == 30)).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PowerSummary.of(study, PowerTally.of(study, without)));
        assertEquals("rows: no test of setting 'dev' at n = 30", e.getMessage());
        TestRow t = rows.get(0);
        TestRow untested = new TestRow(t.study(), "untested", t.n(), t.replicate(), t.seed(), t.statistic(),
                t.nullLogLikelihood(), t.pValue(), t.exceedances(), t.bootstrap(), t.lambdaHat(), t.lambdaZeroWon(),
                t.fitFailed(), t.ksStatistic(), t.ksPValue(), t.cvmStatistic(), t.cvmPValue(), t.adStatistic(),
                t.adPValue(), t.failedNullFits(), t.hcStatistic(), t.hcPValue(), t.bjStatistic(), t.bjPValue(),
                t.smoothStatistic(), t.smoothPValue(), t.supScoreStatistic(), t.supScorePValue(), t.gridLrStatistic(),
                t.gridLrPValue(), t.combinedStatistic(), t.combinedPValue(), t.combinedAnalyticPValue(), t.minpStatistic(), t.minpPValue());
        assertThrows(IllegalArgumentException.class, () -> PowerTally.of(study, List.of(untested)));
        PowerTally some = PowerTally.of(study, rows);
        assertSame(some, some.merge(PowerTally.empty()));
        assertSame(some, PowerTally.empty().merge(some));
    }
}
