package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
 * A seeded size study under H0 through the sweep's pure functions ({@link SweepGof}): g0 = N(x, 1),
 * x ~ U(−1, 1), one free expert, n = 40, one shared null sample of B = 199, R = 200 replicates. Every test's
 * rejection rate at α = 0.1 and 0.05 — the eight components', the combined test's (the exactly calibrated Cauchy
 * combination) and the min-p test's ({@link Combination}) — must lie in the size band α ± 1.96·√(α(1 − α)(1/R + 1/B))
 * ({@link PowerSummary}; ±0.059 at 0.1, ±0.043 at 0.05). The min-p read as a p-value would reject whenever
 * any of the eight components does (a rate up to 8α), far outside the band. A miscalibrated null (T* computed otherwise
 * than T, or from other covariates) moves the LRT's rate out of it: the numpy study of docs/gof.md saw
 * 0.14 at α = 0.05 from a small shared B alone.
 */
class SizeStudyTest {
    static final int N = 40;
    static final int B = 199;
    static final int R = 200;

    /** One setting "s" at λ* (deviation λ*·N(2x + 1, 0.25)), fitted with one free expert, capped EM. */
    static Study study(double lambda, int n, int replicates, GofPlan test) {
        DeviatedModel truth = new DeviatedModel(lambda,
                new MixingMeasure(new double[] {1}, List.of(new Expert(new double[] {2}, 1, 0.25))),
                GofFixtures.NOTES_G0);
        FitSpec fit = new FitSpec(1, true, Double.NaN, InitKind.RANDOM, 1,
                EmSettings.DEFAULTS.withLambdaFree(true).withMaxIterations(400), NearTruthStart.DEFAULTS, null);
        Setting s = new Setting("s", new UniformCovariates(new double[] {-1}, new double[] {1}), truth, fit, null,
                java.util.Map.of(), test);
        return new Study("size", 20261202L, replicates, new int[] {n}, List.of(s), LossSettings.DEFAULTS);
    }

    @Test
    void underH0EveryTestsSizeIsWithinTheBinomialBand() {
        Study study = study(0.0, N, R, new GofPlan(B, new double[] {0.05, 0.1}));
        Setting s = study.setting("s");
        List<NullFit> nulls = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            nulls.add(SweepGof.nullRefit(study, s, N, b));
        }
        NullSample sample = NullSample.of(nulls);
        List<TestRow> rows = new ArrayList<>();
        for (int r = 0; r < R; r++) {
            rows.add(SweepGof.test(study, s, N, r, sample));
        }
        List<PowerRow> power = PowerSummary.of(study, rows);
        assertEquals(TestKind.values().length * 2, power.size(), "ten tests at two levels, each in its band");
        assertTrue(power.stream().anyMatch(p -> p.test() == TestKind.COMBINED && p.rejections() > 0),
                "the combined test rejects sometimes: its rate is measured, not 0 by construction");
        for (PowerRow p : power) {
            assertEquals(SizeVerdict.WITHIN, p.sizeVerdict(), p.toString());
        }
        assertTrue(rows.stream().allMatch(t -> t.statistic() >= 0 && t.bootstrap() == B));
    }

    @Test
    void aStrongDeviationGetsTheSmallestPValue() {
        Study study = study(0.5, 200, 3, new GofPlan(19, new double[] {0.05}));
        Setting s = study.setting("s");
        List<NullFit> nulls = new ArrayList<>();
        for (int b = 0; b < 19; b++) {
            nulls.add(SweepGof.nullRefit(study, s, 200, b));
        }
        NullSample sample = NullSample.of(nulls);
        for (int r = 0; r < 3; r++) {
            TestRow t = SweepGof.test(study, s, 200, r, sample);
            assertEquals(1.0 / 20, t.pValue(), 0.0);
            assertEquals(0, t.exceedances());
            assertTrue(t.lambdaHat() > 0.3 && t.lambdaHat() < 0.7, "λ̂ = " + t.lambdaHat());
            for (TestKind kind : new TestKind[] {TestKind.HC, TestKind.BJ, TestKind.SMOOTH, TestKind.SUPSCORE,
                TestKind.GRIDLR, TestKind.COMBINED, TestKind.MINP}) {
                assertEquals(1.0 / 20, t.pValue(kind), 0.0, kind.label());
            }
        }
    }
}
