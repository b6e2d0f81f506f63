package org.dgmoe.core.gof;

/**
 * One row of a sweep's {@code tests/} table: the goodness-of-fit test of the data set of (setting, n,
 * replicate) — the very data set its fit in {@code fits/} was computed from — against the null sample
 * shared by every replicate of that (setting, n).
 *
 * @param study                    study name
 * @param setting                  setting name
 * @param n                        sample size
 * @param replicate                replicate, 0-based
 * @param seed                     the task seed (data from its {@code DATA} stream, the recipe's starts
 *                                 from its {@code GOF_START} stream)
 * @param statistic                T = 2(sup ℓ_H1 − ℓ_0) ≥ 0
 * @param nullLogLikelihood        ℓ_0 = Σᵢ log g0(yᵢ|xᵢ)
 * @param pValue                   (1 + exceedances)/(bootstrap + 1)
 * @param exceedances              #{b : T*_b ≥ T}
 * @param bootstrap                B, the size of the shared null sample
 * @param lambdaHat                the fitted λ of the supremum (0 when λ = 0 won)
 * @param lambdaZeroWon            no finalist beat ℓ_0
 * @param fitFailed                the recipe found no finite alternative on this data set (T = 0)
 * @param ksStatistic              Kolmogorov–Smirnov D of the PIT
 * @param ksPValue                 its exact p-value
 * @param cvmStatistic             Cramér–von Mises W² of the PIT
 * @param cvmPValue                its Monte Carlo p-value against the shared null sample's W²*
 * @param adStatistic              Anderson–Darling A² of the PIT
 * @param adPValue                 its Monte Carlo p-value against the shared null sample's A²*
 * @param failedNullFits           null refits of the shared sample without a finite alternative (kept, T* = 0)
 * @param hcStatistic              higher criticism HC of the PIT ({@link AdaptivePit})
 * @param hcPValue                 its Monte Carlo p-value against the shared null sample's HC*
 * @param bjStatistic              Berk–Jones BJ of the PIT
 * @param bjPValue                 its Monte Carlo p-value
 * @param smoothStatistic          the data-driven smooth statistic N_S of the PIT
 * @param smoothPValue             its Monte Carlo p-value
 * @param supScoreStatistic        the sup-score statistic ({@link DeviationGrid})
 * @param supScorePValue           its Monte Carlo p-value
 * @param gridLrStatistic          the grid likelihood ratio ({@link DeviationGrid})
 * @param gridLrPValue             its Monte Carlo p-value
 * @param combinedStatistic        the combined test's statistic, the Cauchy combination Σ_k w_k tan((1/2 − p_k)π) of
 *                                 the nine component p-values above ({@link Combination})
 * @param combinedPValue           its exact Monte Carlo p-value against the same null sample, the headline
 * @param combinedAnalyticPValue   its analytic p-value 1/2 − arctan(C)/π (Liu &amp; Xie 2020; approximate)
 * @param minpStatistic            the smallest of the nine component p-values (min-p)
 * @param minpPValue               the min-p test's exact p-value against the same null sample
 */
public record TestRow(String study, String setting, int n, int replicate, long seed, double statistic,
        double nullLogLikelihood, double pValue, int exceedances, int bootstrap, double lambdaHat,
        boolean lambdaZeroWon, boolean fitFailed, double ksStatistic, double ksPValue, double cvmStatistic,
        double cvmPValue, double adStatistic, double adPValue, int failedNullFits, double hcStatistic,
        double hcPValue, double bjStatistic, double bjPValue, double smoothStatistic, double smoothPValue,
        double supScoreStatistic, double supScorePValue, double gridLrStatistic, double gridLrPValue,
        double combinedStatistic, double combinedPValue,
        double combinedAnalyticPValue, double minpStatistic, double minpPValue) implements java.io.Serializable {

    public TestRow {
        if (study == null || setting == null) {
            throw new IllegalArgumentException("study, setting: must not be null");
        }
        if (n < 1 || replicate < 0) {
            throw new IllegalArgumentException("n, replicate: must be >= 1 and >= 0, got " + n + ", " + replicate);
        }
        if (!(statistic >= 0)) {
            throw new IllegalArgumentException("statistic: must be >= 0, got " + statistic);
        }
        if (bootstrap < 1 || exceedances < 0 || exceedances > bootstrap) {
            throw new IllegalArgumentException("exceedances: must be in [0, bootstrap = " + bootstrap + "], got "
                    + exceedances);
        }
        for (double p : new double[] {pValue, cvmPValue, adPValue}) {
            if (!(p > 0 && p <= 1)) {
                throw new IllegalArgumentException("Monte Carlo p-values: must be in (0, 1], got " + p);
            }
        }
        // NaN: not computed, a tests/ table written before these statistics or the combinations existed (issue 25)
        for (double p : new double[] {hcPValue, bjPValue, smoothPValue, supScorePValue, gridLrPValue,
            combinedPValue, minpPValue}) {
            if (!(Double.isNaN(p) || p > 0 && p <= 1)) {
                throw new IllegalArgumentException("Monte Carlo p-values: must be in (0, 1] or NaN, got " + p);
            }
        }
        if (!(ksPValue >= 0 && ksPValue <= 1)) {
            throw new IllegalArgumentException("ksPValue: must be in [0, 1], got " + ksPValue);
        }
        if (failedNullFits < 0 || failedNullFits > bootstrap) {
            throw new IllegalArgumentException("failedNullFits: must be in [0, bootstrap], got " + failedNullFits);
        }
    }

    /** The p-value of {@code test}. */
    public double pValue(TestKind test) {
        return switch (test) {
            case LRT -> pValue;
            case KS -> ksPValue;
            case CVM -> cvmPValue;
            case AD -> adPValue;
            case HC -> hcPValue;
            case BJ -> bjPValue;
            case SMOOTH -> smoothPValue;
            case SUPSCORE -> supScorePValue;
            case GRIDLR -> gridLrPValue;
            case COMBINED -> combinedPValue;
            case MINP -> minpPValue;
        };
    }
}
