package org.dgmoe.core.summary;

import java.util.Map;
import org.dgmoe.core.rate.RateEstimate;
import org.dgmoe.core.rate.Verdict;

/**
 * The empirical rate of a metric of a setting beside its theory.
 *
 * @param setting   setting name
 * @param metric    metric name
 * @param slope     fitted exponent of log(mean loss) on log(n)
 * @param intercept fitted log-constant
 * @param ciLow     lower end of the bootstrap interval
 * @param ciHigh    upper end
 * @param theory    the theory's exponent, NaN when unknown
 * @param verdict   the comparison
 * @param flag      "" or the guardrails' warnings, joined by "; "
 * @param varied    the setting's varied values by column ({@link org.dgmoe.core.study.Setting#variedColumns});
 *                  empty for a hand-written setting
 */
public record RateRow(String setting, String metric, double slope, double intercept, double ciLow, double ciHigh,
        double theory, Verdict verdict, String flag, Map<String, Double> varied) {

    public RateRow {
        if (setting == null || metric == null || verdict == null || flag == null) {
            throw new IllegalArgumentException("setting, metric, verdict, flag: must not be null");
        }
        varied = Varied.copy(varied);
    }

    /** A rate of a hand-written setting (no varied values). */
    public RateRow(String setting, String metric, double slope, double intercept, double ciLow, double ciHigh,
            double theory, Verdict verdict, String flag) {
        this(setting, metric, slope, intercept, ciLow, ciHigh, theory, verdict, flag, Map.of());
    }

    /** The rate of {@code metric} of {@code setting}. */
    public static RateRow of(String setting, String metric, RateEstimate e, Map<String, Double> varied) {
        return new RateRow(setting, metric, e.slope(), e.intercept(), e.ciLow(), e.ciHigh(), e.theory(), e.verdict(),
                e.flag(), varied);
    }
}
