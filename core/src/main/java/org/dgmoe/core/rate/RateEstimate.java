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
 */
public record RateEstimate(double slope, double intercept, double ciLow, double ciHigh, double theory, Verdict verdict,
        String flag) {

    public RateEstimate {
        flag = flag == null ? "" : flag;
    }

    /** Without a flag. */
    public RateEstimate(double slope, double intercept, double ciLow, double ciHigh, double theory, Verdict verdict) {
        this(slope, intercept, ciLow, ciHigh, theory, verdict, "");
    }
}
