package org.dgmoe.core.rate;

/**
 * An empirical rate: the least-squares slope of log(mean loss) on log(n), with a bootstrap
 * confidence interval, beside the theoretical exponent.
 *
 * @param slope     fitted exponent
 * @param intercept fitted log-constant (mean ≈ exp(intercept)·n^slope)
 * @param ciLow     lower end of the bootstrap interval
 * @param ciHigh    upper end
 * @param theory    theoretical exponent, NaN when unknown
 * @param verdict   comparison with the theory (UNRELIABLE also when too many fits hit the iteration cap)
 * @param flag      "" or a warning such as {@link Guardrails#FASTER_THAN_PARAMETRIC}
 * @param reason    why the verdict is {@link Verdict#INCONCLUSIVE} ("" for every other verdict)
 */
public record RateEstimate(double slope, double intercept, double ciLow, double ciHigh, double theory, Verdict verdict,
        String flag, String reason) {

    public RateEstimate {
        flag = flag == null ? "" : flag;
        reason = reason == null ? "" : reason;
        if (verdict == Verdict.INCONCLUSIVE && reason.isEmpty()) {
            throw new IllegalArgumentException("reason: an inconclusive verdict must say why");
        }
        if (verdict != Verdict.INCONCLUSIVE && !reason.isEmpty()) {
            throw new IllegalArgumentException("reason: only an inconclusive verdict has one, got " + verdict
                    + " with '" + reason + "'");
        }
    }

    /** Without a reason (any verdict but {@link Verdict#INCONCLUSIVE}). */
    public RateEstimate(double slope, double intercept, double ciLow, double ciHigh, double theory, Verdict verdict,
            String flag) {
        this(slope, intercept, ciLow, ciHigh, theory, verdict, flag, "");
    }

    /** Without a flag or reason. */
    public RateEstimate(double slope, double intercept, double ciLow, double ciHigh, double theory, Verdict verdict) {
        this(slope, intercept, ciLow, ciHigh, theory, verdict, "", "");
    }

    /** This rate with {@code flag} in place of its own. */
    public RateEstimate withFlag(String flag) {
        return new RateEstimate(slope, intercept, ciLow, ciHigh, theory, verdict, flag, reason);
    }

    /** This rate with verdict {@code v} and its reason ("" unless v is {@link Verdict#INCONCLUSIVE}). */
    public RateEstimate withVerdict(Verdict v, String why) {
        return new RateEstimate(slope, intercept, ciLow, ciHigh, theory, v, flag, why);
    }
}
