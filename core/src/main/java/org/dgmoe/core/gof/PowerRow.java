package org.dgmoe.core.gof;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One row of a sweep's {@code power/} table: the rejection rate of one test at one level over the
 * replicates of one (setting, n) ({@link PowerSummary}).
 *
 * @param setting           setting name
 * @param n                 sample size
 * @param test              the test
 * @param alpha             the level; a replicate is rejected when its p-value is ≤ alpha
 * @param lambdaTrue        λ* of the setting's truth (0: H0 holds and the rate is the size); NaN when the truth's
 *                          λ(x) depends on x (a sigmoid deviation: the GoF test is run on data from a gated truth)
 * @param lambdaMean        the truth's average deviation weight E_x λ(x) under the covariate law: λ* itself for a
 *                          constant λ, a number in (0, 1) for a gated one ({@link PowerSummary#meanDeviationWeight});
 *                          what figures and tables place a setting by
 * @param replicates        replicates tested (R), each one test of the (setting, n)'s data set
 * @param rejections        replicates rejected
 * @param rate              rejections / replicates
 * @param ciLow             95% Clopper–Pearson interval of the rate, lower end (conditional on the null sample)
 * @param ciHigh            its upper end
 * @param bootstrap         B of the shared null sample; 0 for a test without one (KS)
 * @param conditionalSizeSe √(α(1 − α)/B): the standard error, common to every replicate, of the size at α
 *                          conditional on the shared null sample; NaN for a test without one
 * @param bandLow           the size band's lower end (λ* = 0 only, else NaN)
 * @param bandHigh          its upper end (λ* = 0 only, else NaN)
 * @param sizeVerdict       where the rate lies against the band (λ* = 0 only, else null)
 */
public record PowerRow(String setting, int n, TestKind test, double alpha, double lambdaTrue, double lambdaMean,
        int replicates, int rejections, double rate, double ciLow, double ciHigh, int bootstrap,
        double conditionalSizeSe, double bandLow, double bandHigh, SizeVerdict sizeVerdict) {

    public PowerRow {
        if (setting == null || test == null) {
            throw new IllegalArgumentException("setting, test: must not be null");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha: must be in (0, 1), got " + alpha);
        }
        if (replicates < 1 || rejections < 0 || rejections > replicates) {
            throw new IllegalArgumentException("rejections: must be in [0, replicates = " + replicates + "], got "
                    + rejections);
        }
        if (Double.isNaN(lambdaTrue) ? !(lambdaMean > 0 && lambdaMean < 1)
                : Double.compare(lambdaMean, lambdaTrue) != 0) {
            throw new IllegalArgumentException("lambdaMean: must equal lambdaTrue = " + lambdaTrue + " for a constant "
                    + "λ and lie in (0, 1) for a gated one (lambdaTrue NaN), got " + lambdaMean);
        }
        if ((sizeVerdict == null) != (lambdaTrue != 0)) {
            throw new IllegalArgumentException("sizeVerdict: given exactly when lambdaTrue = 0, got " + sizeVerdict
                    + " at lambdaTrue = " + lambdaTrue);
        }
    }

    /** Whether the truth's λ depends on x (then {@link #lambdaTrue} is NaN and {@link #lambdaMean} places it). */
    public boolean gated() {
        return Double.isNaN(lambdaTrue);
    }

    /**
     * The truth's deviation in words, for titles: "λ* = 0.05", or "λ(x) by x, E_x λ(x) = 0.0851" when gated (the mean
     * to 3 significant digits: its Monte Carlo error is some 10⁻⁴).
     */
    public String lambdaText() {
        return gated() ? "λ(x) by x, E_x λ(x) = " + new BigDecimal(lambdaMean).round(new MathContext(3))
                .stripTrailingZeros().toPlainString() : "λ* = " + lambdaTrue;
    }
}
