package org.dgmoe.core.summary;

import java.util.Map;
import org.dgmoe.core.uncertainty.IntervalMethod;

/**
 * One row of a sweep's {@code coverage/} table: how often one method's intervals held one true parameter over the
 * replicates of one (setting, n) ({@link CoverageSummary}; docs/uncertainty.md, "Coverage").
 *
 * @param setting           setting name
 * @param n                 sample size
 * @param parameter         the true parameter, named as in fit.json for the truth's experts ({@code lambda},
 *                          {@code experts[0].weight}, {@code experts[0].slope[0]}, {@code experts[0].intercept},
 *                          {@code experts[0].variance}; 0-based true atom)
 * @param method            how the intervals were made
 * @param level             their nominal level
 * @param truth             the parameter's true value
 * @param replicates        fits at (setting, n), of any status (R)
 * @param covered           fits whose interval holds the truth (lower ≤ truth ≤ upper); a fit without an interval
 *                          does not
 * @param coverage          covered / replicates, the share of intervals that hold the truth
 * @param ciLow             the 95% Clopper–Pearson interval of the coverage, lower end
 * @param ciHigh            its upper end
 * @param bandLow           the central 95% of the coverage of a procedure whose coverage is exactly {@code level}:
 *                          the 2.5% quantile of Binomial(R, level), over R
 * @param bandHigh          the 97.5% quantile, over R
 * @param meanWidth         the mean of upper − lower over the fits with an interval (NaN when none has one)
 * @param unreliable        fits whose interval for the parameter is marked ({@link
 *                          org.dgmoe.core.uncertainty.MatchedIntervals#notes}), with or without an interval
 * @param unreliableCovered of those, the ones whose interval holds the truth
 * @param noInterval        fits without an interval for the parameter (NaN ends: no standard error, an empty cell)
 * @param varied            the setting's varied values by column; empty for a hand-written setting
 */
public record CoverageRow(String setting, int n, String parameter, IntervalMethod method, double level, double truth,
        int replicates, int covered, double coverage, double ciLow, double ciHigh, double bandLow, double bandHigh,
        double meanWidth, int unreliable, int unreliableCovered, int noInterval, Map<String, Double> varied) {

    public CoverageRow {
        if (setting == null || parameter == null || method == null) {
            throw new IllegalArgumentException("setting, parameter, method: must not be null");
        }
        if (replicates < 1 || covered < 0 || covered > replicates || unreliable < 0 || unreliable > replicates
                || unreliableCovered < 0 || unreliableCovered > Math.min(unreliable, covered) || noInterval < 0
                || noInterval > replicates) {
            throw new IllegalArgumentException("counts: need 0 <= covered, unreliable, noInterval <= replicates = "
                    + replicates + " and unreliableCovered <= both, got " + covered + ", " + unreliable + ", "
                    + noInterval + ", " + unreliableCovered);
        }
        varied = Varied.copy(varied);
    }
}
