package org.dgmoe.core.gof;

import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskRunner;

/**
 * The goodness-of-fit work of a sweep whose settings have a {@code test} block, as pure functions of the
 * study and a key (docs/gof.md, "Size and power studies"): the null refit b of (setting, n), and the test
 * of the data set of (setting, n, replicate) against the null sample of its (setting, n). A Spark stage
 * runs them in any order and partitioning and gets the same rows.
 *
 * <p>One null sample per (null description, n) serves all R replicates of every setting that shares it (B + R
 * fits instead of B·R, and once for all the λ* of a family): the null is
 * simple and the replicates' covariates are drawn from the same law as the null data sets', so for each
 * replicate r, T_r and T*_1..T*_B are B + 1 exchangeable draws under H0 and p_r = (1 + #{T*_b ≥ T_r})/(B + 1)
 * is exact marginally (P(p_r ≤ α) ≤ α over data and null sample). The p-values of one (setting, n) are
 * not independent: they share the null sample, whose error is common to all of them.
 */
public final class SweepGof {
    private SweepGof() {
    }

    /** The recipe of a setting's test: its fitted experts and EM settings, {@link LrtRecipe#of} (λ free). */
    public static LrtRecipe recipe(Setting setting) {
        return LrtRecipe.of(setting.fit().experts(), setting.fit().em());
    }

    /**
     * The canonical description of everything the null sample of a setting depends on besides n and B: g0,
     * the covariate law and the test's recipe (the fitted experts, the EM settings, the restarts) — not the
     * truth's deviation (λ*, its experts, its gating), not the setting's name or place in the study. Settings
     * with the same description share one null sample per n ({@link #nullKey}), so adding or removing a setting
     * (a λ*) never changes another's numbers. The records' own text: doubles by {@link Double#toString}, arrays
     * element by element.
     */
    public static String nullDescription(Setting setting) {
        return "g0=" + setting.truth().g0() + "; covariates=" + setting.covariates() + "; recipe=" + recipe(setting);
    }

    /** The key of the null sample of (setting, n): {@link Seeds#sharedNullKey} of its {@link #nullDescription}. */
    public static long nullKey(Study study, Setting setting, int n) {
        return Seeds.sharedNullKey(study.seed(), nullDescription(setting), n);
    }

    /**
     * Null refit b of (setting, n): n covariates from the setting's law and y*ᵢ ~ g0(·|xᵢ), refitted by the
     * setting's recipe ({@link NullRefit#run(org.dgmoe.core.model.Covariates, int, org.dgmoe.core.model.G0,
     * LrtRecipe, long, int)} under {@link #nullKey}).
     */
    public static NullFit nullRefit(Study study, Setting setting, int n, int b) {
        checkTested(setting);
        return NullRefit.run(setting.covariates(), n, setting.truth().g0(), recipe(setting), nullKey(study, setting, n),
                b);
    }

    /**
     * The test of replicate r of (setting, n): the data set is {@link TaskRunner#data} — the one the sweep's
     * fit task fits — and the recipe's starts come from the task seed's {@code GOF_START} stream.
     */
    public static TestRow test(Study study, Setting setting, int n, int replicate, NullSample nulls) {
        checkTested(setting);
        TaskRunner runner = new TaskRunner(study);
        long seed = runner.seed(setting, n, replicate);
        Dataset data = runner.data(setting, n, replicate);
        GoodnessOfFit.Observed observed = GoodnessOfFit.observe(data, setting.truth().g0(), recipe(setting), seed);
        GoodnessOfFit.Result result = GoodnessOfFit.result(observed, nulls);
        LrtResult lrt = observed.lrt();
        return new TestRow(study.name(), setting.name(), n, replicate, seed, lrt.statistic(), lrt.nullLogLikelihood(),
                result.lrt().value(), result.lrt().exceedances(), nulls.size(), lrt.lambda(), lrt.lambdaZeroWon(),
                lrt.failed(), observed.ks().statistic(), observed.ks().pValue(), observed.cramerVonMises(),
                result.cramerVonMises().value(), observed.andersonDarling(), result.andersonDarling().value(),
                nulls.failed(), result.adaptive(TestKind.HC).statistic(), result.higherCriticism().value(),
                result.adaptive(TestKind.BJ).statistic(), result.berkJones().value(),
                result.adaptive(TestKind.SMOOTH).statistic(), result.smooth().value(),
                result.adaptive(TestKind.SUPSCORE).statistic(), result.supScore().value(),
                result.adaptive(TestKind.GRIDLR).statistic(), result.gridLikelihoodRatio().value(),
                result.combination().cauchy(), result.combined().value(), result.combination().cauchyAnalytic(),
                result.combination().minP(), result.combination().minPValue().value());
    }

    private static void checkTested(Setting setting) {
        if (setting.test() == null) {
            throw new IllegalArgumentException("setting: '" + setting.name() + "' has no test block");
        }
    }
}
