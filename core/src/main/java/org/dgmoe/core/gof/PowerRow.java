package org.dgmoe.core.gof;

/**
 * One row of a sweep's {@code power/} table: the rejection rate of one test at one level over the
 * replicates of one (setting, n) ({@link PowerSummary}).
 *
 * @param setting           setting name
 * @param n                 sample size
 * @param test              the test
 * @param alpha             the level; a replicate is rejected when its p-value is ≤ alpha
 * @param lambdaTrue        λ* of the setting's truth (0: H0 holds and the rate is the size)
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
public record PowerRow(String setting, int n, TestKind test, double alpha, double lambdaTrue, int replicates,
        int rejections, double rate, double ciLow, double ciHigh, int bootstrap, double conditionalSizeSe,
        double bandLow, double bandHigh, SizeVerdict sizeVerdict) {

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
        if ((sizeVerdict == null) != (lambdaTrue != 0)) {
            throw new IllegalArgumentException("sizeVerdict: given exactly when lambdaTrue = 0, got " + sizeVerdict
                    + " at lambdaTrue = " + lambdaTrue);
        }
    }
}
