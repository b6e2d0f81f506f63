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
 * @param layout    the fits the rate is about: {@link #ALL_FITS} (every fit, the theory of the planned
 *                  cell sizes), or a cell layout "m1,m2,…" (the fits whose Voronoi cells 1..k* hold m_j
 *                  fitted atoms, read against that layout's exponents; {@link LayoutRates})
 * @param reason    why the verdict is {@link Verdict#INCONCLUSIVE}, else ""
 */
public record RateRow(String setting, String metric, double slope, double intercept, double ciLow, double ciHigh,
        double theory, Verdict verdict, String flag, Map<String, Double> varied, String layout, String reason) {

    /** The layout of a rate over every fit of its setting. */
    public static final String ALL_FITS = "all";

    public RateRow {
        if (setting == null || metric == null || verdict == null || flag == null || layout == null || reason == null) {
            throw new IllegalArgumentException("setting, metric, verdict, flag, layout, reason: must not be null");
        }
        if (layout.isEmpty()) {
            throw new IllegalArgumentException("layout: must be '" + ALL_FITS + "' or cell sizes, got ''");
        }
        varied = Varied.copy(varied);
    }

    /** A rate over all fits without a reason (a table that predates layouts and reasons). */
    public RateRow(String setting, String metric, double slope, double intercept, double ciLow, double ciHigh,
            double theory, Verdict verdict, String flag, Map<String, Double> varied) {
        this(setting, metric, slope, intercept, ciLow, ciHigh, theory, verdict, flag, varied, ALL_FITS, "");
    }

    /** A rate of a hand-written setting (no varied values). */
    public RateRow(String setting, String metric, double slope, double intercept, double ciLow, double ciHigh,
            double theory, Verdict verdict, String flag) {
        this(setting, metric, slope, intercept, ciLow, ciHigh, theory, verdict, flag, Map.of());
    }

    /** Whether the rate is over every fit ({@link #ALL_FITS}). */
    public boolean allFits() {
        return ALL_FITS.equals(layout);
    }

    /**
     * The cell sizes of a layout "m1,m2,…" (index j the size of true atom j's cell, index 0 unused);
     * null for {@link #ALL_FITS}.
     *
     * @throws IllegalArgumentException when {@code layout} is neither
     */
    public static int[] cellSizes(String layout) {
        if (ALL_FITS.equals(layout)) {
            return null;
        }
        String[] parts = layout.split(",", -1);
        int[] out = new int[parts.length + 1];
        for (int j = 0; j < parts.length; j++) {
            try {
                out[j + 1] = Integer.parseInt(parts[j]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layout: must be '" + ALL_FITS + "' or cell sizes m1,m2,…, got '"
                        + layout + "'");
            }
        }
        return out;
    }

    /** The rate of {@code metric} of {@code setting} over all its fits. */
    public static RateRow of(String setting, String metric, RateEstimate e, Map<String, Double> varied) {
        return of(setting, metric, e, varied, ALL_FITS);
    }

    /** The rate of {@code metric} of {@code setting} over the fits of {@code layout}. */
    public static RateRow of(String setting, String metric, RateEstimate e, Map<String, Double> varied, String layout) {
        return new RateRow(setting, metric, e.slope(), e.intercept(), e.ciLow(), e.ciHigh(), e.theory(), e.verdict(),
                e.flag(), varied, layout, e.reason());
    }
}
