package org.dgmoe.core.gof;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BetaDistribution;
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

    private PowerSummary() {
    }

    /**
     * The power rows of {@code study}'s tested settings from their test rows (any order), in study order
     * of setting, then n, then test ({@link TestKind} order: lrt, ks, cvm, ad, hc, bj, smooth, supscore), then α.
     *
     * @throws IllegalArgumentException when a (setting, n) of a tested setting has no row, or a row names an
     *                                  untested setting
     */
    public static List<PowerRow> of(Study study, List<TestRow> rows) {
        Map<String, List<TestRow>> byCell = new LinkedHashMap<>();
        for (TestRow r : rows) {
            Setting s = study.setting(r.setting());
            if (s.test() == null) {
                throw new IllegalArgumentException("rows: setting '" + r.setting() + "' has no test block");
            }
            byCell.computeIfAbsent(r.setting() + "/" + r.n(), k -> new ArrayList<>()).add(r);
        }
        List<PowerRow> out = new ArrayList<>();
        for (Setting s : study.settings()) {
            GofPlan test = s.test();
            if (test == null) {
                continue;
            }
            int b = test.bootstrap(study.replicates());
            for (int n : study.sampleSizes()) {
                List<TestRow> cell = byCell.get(s.name() + "/" + n);
                if (cell == null) {
                    throw new IllegalArgumentException("rows: no test of setting '" + s.name() + "' at n = " + n);
                }
                for (TestKind kind : TestKind.values()) {
                    if (!computedInAll(cell, kind)) {
                        continue;
                    }
                    for (double alpha : test.alphas()) {
                        int rejections = 0;
                        for (TestRow r : cell) {
                            if (r.pValue(kind) <= alpha) {
                                rejections++;
                            }
                        }
                        out.add(row(s.name(), n, kind, alpha, s.deviatedTruth().lambda(), cell.size(), rejections,
                                kind.sharedNull() ? b : 0));
                    }
                }
            }
        }
        return out;
    }

    /**
     * True when every test of the cell has a p-value of {@code kind}: a tests/ table written before a statistic
     * existed holds NaN for it (read by its codec), and such a test is left out of power/ rather than counted
     * as not rejecting.
     */
    private static boolean computedInAll(List<TestRow> cell, TestKind kind) {
        for (TestRow r : cell) {
            if (Double.isNaN(r.pValue(kind))) {
                return false;
            }
        }
        return true;
    }

    /**
     * One power row: {@code rejections} of {@code replicates} at {@code alpha}; {@code bootstrap} B of the shared
     * null sample, 0 for a test without one.
     */
    public static PowerRow row(String setting, int n, TestKind test, double alpha, double lambdaTrue,
            int replicates, int rejections, int bootstrap) {
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
        return new PowerRow(setting, n, test, alpha, lambdaTrue, replicates, rejections, rate, ci[0], ci[1], bootstrap,
                conditional, low, high, verdict);
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
