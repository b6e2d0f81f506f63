package org.dgmoe.core.gof;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.GofPlan;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * The {@code power/} table of a size and power study: per (setting, n, test, α) the rejection rate over
 * the replicates, its interval, the shared null sample's error, and under H0 a size verdict (docs/gof.md,
 * "Size and power studies").
 *
 * <ul>
 * <li>rate = X/R, X = #{r : p_r ≤ α}; its 95% Clopper–Pearson interval
 * [Beta⁻¹(0.025; X, R − X + 1), Beta⁻¹(0.975; X + 1, R − X)] (0 below when X = 0, 1 above when X = R).
 * It describes the replicates' binomial error <em>conditional on the null sample</em>.</li>
 * <li>The conditional size's standard error √(α(1 − α)/B): given the null sample, the size at α of the
 * LRT (and of the Monte Carlo CvM and AD) is 1 − F(the sample's critical value), whose spread over null
 * samples is this; every replicate shares it. KS has an exact p-value and no null sample (NaN).</li>
 * <li>Under H0 (λ* = 0) the size band of α: α ± 1.96·√(α(1 − α)·(1/R + 1/B)) clipped to [0, 1]
 * (1/B dropped for KS) — the normal 95% band of a binomial rate of R exact tests of size α, widened by
 * the shared null's variance α(1 − α)/B (the unconditional variance of the rate is
 * α(1 − α)/R + (1 − 1/R)·Var(size | null sample) ≤ α(1 − α)(1/R + 1/B)). A rate within it is
 * {@link SizeVerdict#WITHIN}; above, the test over-rejects ({@link SizeVerdict#ABOVE}); below,
 * {@link SizeVerdict#BELOW}.</li>
 * </ul>
 */
public final class PowerSummary {
    /** The confidence of the rate's interval and of the size band. */
    public static final double CONFIDENCE = 0.95;
    /** The normal quantile of the size band, Φ⁻¹(0.975). */
    public static final double Z = 1.959963984540054;
    /** The covariate points of {@link #meanDeviationWeight}: 2²⁰. */
    public static final int MEAN_WEIGHT_POINTS = 1 << 20;
    /** How many of them are drawn at a time (a multiple of which {@link #MEAN_WEIGHT_POINTS} is). */
    private static final int MEAN_WEIGHT_BLOCK = 1 << 12;

    private PowerSummary() {
    }

    /**
     * The power rows of {@code study}'s tested settings from their test rows (any order), in study order
     * of setting, then n, then test ({@link TestKind} order: lrt, ks, cvm, ad, hc, bj, smooth, supscore), then α:
     * those of the rows' tally, {@link #of(Study, PowerTally)}.
     *
     * @throws IllegalArgumentException when a (setting, n) of a tested setting has no row, or a row names an
     *                                  untested setting
     */
    public static List<PowerRow> of(Study study, List<TestRow> rows) {
        return of(study, PowerTally.of(study, rows));
    }

    /**
     * The power rows of {@code study}'s tested settings from the tally of their tests (merged from any split of
     * the rows: the same rows as {@link #of(Study, List)} of them all), in the order of {@link #of(Study, List)}.
     * A test with a NaN p-value in some replicate of a (setting, n) gets no row there: a {@code tests/} table
     * written before a statistic existed holds NaN for it (read by its codec), and such a test is left out of
     * power/ rather than counted as not rejecting.
     *
     * @throws IllegalArgumentException when a (setting, n) of a tested setting has no test
     */
    public static List<PowerRow> of(Study study, PowerTally tally) {
        List<PowerRow> out = new ArrayList<>();
        for (Setting s : study.settings()) {
            GofPlan test = s.test();
            if (test == null) {
                continue;
            }
            int b = test.bootstrap(study.replicates());
            double lambdaTrue = s.gated() ? Double.NaN : s.deviatedTruth().lambda();
            double lambdaMean = s.gated() ? meanDeviationWeight(s) : lambdaTrue; // once per setting
            double[] alphas = test.alphas();
            for (int n : study.sampleSizes()) {
                PowerTally.Cell cell = new PowerTally.Cell(s.name(), n);
                if (!tally.has(cell)) {
                    throw new IllegalArgumentException("rows: no test of setting '" + s.name() + "' at n = " + n);
                }
                int replicates = tally.replicates(cell);
                for (TestKind kind : TestKind.values()) {
                    if (tally.notComputed(cell, kind) > 0) {
                        continue;
                    }
                    for (int a = 0; a < alphas.length; a++) {
                        out.add(row(s.name(), n, kind, alphas[a], lambdaTrue, lambdaMean, replicates,
                                tally.rejections(cell, kind, a), kind.sharedNull() ? b : 0));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The average deviation weight E_x λ(x) of a setting's truth under its covariate law, the number a gated
     * truth's power rows are placed by ({@link PowerRow#lambdaMean}): λ itself when constant; for a λ(x) that
     * depends on x, the mean of λ over {@link #MEAN_WEIGHT_POINTS} covariate points drawn, in blocks of
     * {@link #MEAN_WEIGHT_BLOCK}, from {@code Seeds.stream(LossCalculator.HELLINGER_SEED, Seeds.Stream.LOSS)} (the
     * fixed key of the expected Hellinger distance's design), so the number depends on the truth and the law only.
     * Its Monte Carlo standard error is sd(λ(x))/√2²⁰ ≤ 0.5/1024 ≈ 5·10⁻⁴ (2·10⁻⁴ for conf/studies/gof-local.conf):
     * a label, which no p-value or rate depends on. Computed once per setting ({@link #of}); 2²⁰ sigmoids, some ms.
     */
    public static double meanDeviationWeight(Setting setting) {
        GatedModel truth = setting.truth();
        if (truth.deviation() instanceof ConstantDeviation c) {
            return c.lambda();
        }
        int d = setting.covariates().dimension();
        double[] xs = new double[MEAN_WEIGHT_BLOCK * d];
        double[] x = new double[d];
        UniformRandomProvider rng = Seeds.stream(LossCalculator.HELLINGER_SEED, Seeds.Stream.LOSS);
        double sum = 0;
        for (int block = 0; block < MEAN_WEIGHT_POINTS / MEAN_WEIGHT_BLOCK; block++) {
            setting.covariates().fill(MEAN_WEIGHT_BLOCK, rng, xs);
            double blockSum = 0; // per-block partial sums: 2²⁰ terms summed in two levels lose no digit that matters
            for (int i = 0; i < MEAN_WEIGHT_BLOCK; i++) {
                for (int j = 0; j < d; j++) {
                    x[j] = xs[j * MEAN_WEIGHT_BLOCK + i];
                }
                blockSum += truth.deviation().weight(x);
            }
            sum += blockSum;
        }
        return sum / MEAN_WEIGHT_POINTS;
    }

    /**
     * One power row of a truth with a constant λ* ({@code lambdaTrue}, which is also its mean weight):
     * {@code rejections} of {@code replicates} at {@code alpha}; {@code bootstrap} B of the shared null sample, 0
     * for a test without one.
     */
    public static PowerRow row(String setting, int n, TestKind test, double alpha, double lambdaTrue,
            int replicates, int rejections, int bootstrap) {
        return row(setting, n, test, alpha, lambdaTrue, lambdaTrue, replicates, rejections, bootstrap);
    }

    /**
     * One power row: {@code lambdaTrue} NaN and {@code lambdaMean} = E_x λ(x) for a gated truth ({@link PowerRow});
     * the size band and verdict only where λ* = 0.
     */
    public static PowerRow row(String setting, int n, TestKind test, double alpha, double lambdaTrue,
            double lambdaMean, int replicates, int rejections, int bootstrap) {
        double[] ci = clopperPearson(rejections, replicates);
        double conditional = bootstrap > 0 ? Math.sqrt(alpha * (1 - alpha) / bootstrap) : Double.NaN;
        double low = Double.NaN;
        double high = Double.NaN;
        SizeVerdict verdict = null;
        double rate = (double) rejections / replicates;
        if (lambdaTrue == 0) {
            double[] band = sizeBand(alpha, replicates, bootstrap);
            low = band[0];
            high = band[1];
            verdict = rate > high ? SizeVerdict.ABOVE : rate < low ? SizeVerdict.BELOW : SizeVerdict.WITHIN;
        }
        return new PowerRow(setting, n, test, alpha, lambdaTrue, lambdaMean, replicates, rejections, rate, ci[0], ci[1],
                bootstrap, conditional, low, high, verdict);
    }

    /** The size band of α for R replicates sharing a null sample of B (0: none): α ± Z·√(α(1 − α)(1/R + 1/B)). */
    public static double[] sizeBand(double alpha, int replicates, int bootstrap) {
        double variance = alpha * (1 - alpha) * (1.0 / replicates + (bootstrap > 0 ? 1.0 / bootstrap : 0));
        double half = Z * Math.sqrt(variance);
        return new double[] {Math.max(0, alpha - half), Math.min(1, alpha + half)};
    }

    /** The 95% Clopper–Pearson interval of a binomial proportion, {@code x} successes of {@code n}. */
    public static double[] clopperPearson(int x, int n) {
        if (n < 1 || x < 0 || x > n) {
            throw new IllegalArgumentException("x: must be in [0, n = " + n + "], got " + x);
        }
        double tail = (1 - CONFIDENCE) / 2;
        double lower = x == 0 ? 0 : BetaDistribution.of(x, n - x + 1.0).inverseCumulativeProbability(tail);
        double upper = x == n ? 1 : BetaDistribution.of(x + 1.0, n - x).inverseCumulativeProbability(1 - tail);
        return new double[] {lower, upper};
    }
}
