package org.dgmoe.core.gof;


/**
 * The Monte Carlo p-value of an observed statistic t against B null statistics T*_1, …, T*_B:
 * p = (1 + #{b : T*_b ≥ t}) / (B + 1).
 *
 * <p>Exact: under H0, t and the T*_b are B + 1 exchangeable draws of one distribution (the null is simple
 * and every statistic is computed by the same procedure), so P(p ≤ α) ≤ α for every α and every B, ties
 * and local maxima included (ties count as exceedances, which keeps it valid). p is never 0: its smallest
 * value is 1/(B + 1).
 *
 * <p>Beside it: the Monte Carlo standard error √(p(1 − p)/B) and the 95% Clopper–Pearson interval of
 * p∞ = P(T* ≥ t | data), the p-value B → ∞ would give, from the exceedances X of B:
 * [Beta⁻¹(0.025; X, B − X + 1), Beta⁻¹(0.975; X + 1, B − X)] (0 below when X = 0, 1 above when X = B).
 *
 * @param value       p = (1 + exceedances)/(bootstrap + 1)
 * @param exceedances #{b : T*_b ≥ t}
 * @param bootstrap   B, the number of null statistics
 * @param standardError √(p(1 − p)/B)
 * @param lower       the Clopper–Pearson interval's lower end
 * @param upper       its upper end
 */
public record PValue(double value, int exceedances, int bootstrap, double standardError, double lower, double upper) {

    /** Confidence of the Clopper–Pearson interval. */
    public static final double CONFIDENCE = PowerSummary.CONFIDENCE;

    public PValue {
        if (bootstrap < 1 || exceedances < 0 || exceedances > bootstrap) {
            throw new IllegalArgumentException("exceedances: must be in [0, bootstrap = " + bootstrap + "], got "
                    + exceedances);
        }
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("value: must be in (0, 1], got " + value);
        }
    }

    /**
     * Whether the test rejects H0 at level {@code alpha}: p ≤ α, the rule whose size is at most α by the
     * exactness above (and the one the size and power studies count, {@link PowerSummary}).
     */
    public boolean rejects(double alpha) {
        return value <= alpha;
    }

    /** The p-value of {@code t} against the null statistics {@code nullStatistics} (not modified). */
    public static PValue of(double t, double[] nullStatistics) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t: must not be NaN");
        }
        if (nullStatistics == null || nullStatistics.length == 0) {
            throw new IllegalArgumentException("nullStatistics: must hold at least one null statistic");
        }
        int x = 0;
        for (int b = 0; b < nullStatistics.length; b++) {
            double v = nullStatistics[b];
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("nullStatistics[" + b + "]: must not be NaN");
            }
            if (v >= t) {
                x++;
            }
        }
        return ofExceedances(x, nullStatistics.length);
    }

    /**
     * (1 + X)/(B + 1) alone, X = {@code exceedances} of B = {@code bootstrap} (not checked): the one formula of
     * every Monte Carlo p-value, for callers that need B + 1 of them and no interval ({@link Combination}).
     */
    public static double value(int exceedances, int bootstrap) {
        return (1.0 + exceedances) / (bootstrap + 1.0);
    }

    /** The p-value of X = {@code exceedances} out of B = {@code bootstrap}. */
    public static PValue ofExceedances(int exceedances, int bootstrap) {
        if (bootstrap < 1 || exceedances < 0 || exceedances > bootstrap) {
            throw new IllegalArgumentException("exceedances: must be in [0, bootstrap = " + bootstrap + "], got "
                    + exceedances);
        }
        double p = value(exceedances, bootstrap);
        double se = Math.sqrt(p * (1 - p) / bootstrap);
        // the exceedance probability's interval at CONFIDENCE: the one Clopper–Pearson of core.gof
        double[] ci = PowerSummary.clopperPearson(exceedances, bootstrap);
        return new PValue(p, exceedances, bootstrap, se, ci[0], ci[1]);
    }
}
