package org.dgmoe.core.summary;

import java.util.Map;
import org.dgmoe.core.rate.CurvePoint;
import org.dgmoe.core.rate.FitCounts;

/**
 * One point of a loss curve: a metric of a setting at one n, over the replicates of a cell layout
 * (every fit, or the fits of one layout: {@link LayoutRates}).
 *
 * @param setting        setting name
 * @param metric         metric name
 * @param n              sample size
 * @param count          replicates summarised
 * @param failed         replicates excluded (not selected, or a non-finite value)
 * @param mean           mean of the summarised values
 * @param median         their median
 * @param sd             their sample standard deviation
 * @param q10            their 10% quantile
 * @param q90            their 90% quantile
 * @param nonConverged   fits at n that did not converge; −1 unknown (a table that predates the count)
 * @param capped         fits at n that hit the iteration cap; −1 unknown
 * @param startChecked   fits at n refitted from random starts; −1 unknown
 * @param startDiffered  of those, fits whose refit found a different maximum; −1 unknown
 * @param cellsUnplanned fits at n whose Voronoi cell sizes differ from those of the theory the point's rate
 *                       is read against: the planned sizes for {@link RateRow#ALL_FITS}, so 0 for a layout's
 *                       own point; −1 unknown
 * @param spurious       fits at n that are spurious ({@link org.dgmoe.core.study.NearDegeneracy}); −1 unknown
 * @param varied         the setting's varied values by column ({@link org.dgmoe.core.study.Setting#variedColumns});
 *                       empty for a hand-written setting
 * @param layout         the fits the point is over, as {@link RateRow#layout()}: {@link RateRow#ALL_FITS}, or a
 *                       cell layout "m1,m2,…" (the fits whose Voronoi cells 1..k* hold m_j fitted atoms); the
 *                       counts above are of those fits
 */
public record CurveRow(String setting, String metric, int n, int count, int failed, double mean, double median,
        double sd, double q10, double q90, int nonConverged, int capped, int startChecked, int startDiffered,
        int cellsUnplanned, int spurious, Map<String, Double> varied, String layout) {

    public CurveRow {
        if (setting == null || metric == null || layout == null) {
            throw new IllegalArgumentException("setting, metric, layout: must not be null");
        }
        if (layout.isEmpty()) {
            throw new IllegalArgumentException("layout: must be '" + RateRow.ALL_FITS + "' or cell sizes, got ''");
        }
        if (count < 0 || failed < 0) {
            throw new IllegalArgumentException("count, failed: must be >= 0, got " + count + ", " + failed);
        }
        if (nonConverged < -1 || capped < -1 || startChecked < -1 || startDiffered < -1 || cellsUnplanned < -1
                || spurious < -1) {
            throw new IllegalArgumentException("fit counts: must be >= 0, or -1 for unknown");
        }
        varied = Varied.copy(varied);
    }

    /** A curve point over all fits ({@link RateRow#ALL_FITS}). */
    public CurveRow(String setting, String metric, int n, int count, int failed, double mean, double median,
            double sd, double q10, double q90, int nonConverged, int capped, int startChecked, int startDiffered,
            int cellsUnplanned, int spurious, Map<String, Double> varied) {
        this(setting, metric, n, count, failed, mean, median, sd, q10, q90, nonConverged, capped, startChecked,
                startDiffered, cellsUnplanned, spurious, varied, RateRow.ALL_FITS);
    }

    /** A curve point of a hand-written setting (no varied values) over all fits. */
    public CurveRow(String setting, String metric, int n, int count, int failed, double mean, double median,
            double sd, double q10, double q90, int nonConverged, int capped, int startChecked, int startDiffered,
            int cellsUnplanned, int spurious) {
        this(setting, metric, n, count, failed, mean, median, sd, q10, q90, nonConverged, capped, startChecked,
                startDiffered, cellsUnplanned, spurious, Map.of());
    }

    /** Whether the point is over every fit ({@link RateRow#ALL_FITS}). */
    public boolean allFits() {
        return RateRow.ALL_FITS.equals(layout);
    }

    /** The curve point at {@code n} over all fits, with the counts of its fits. */
    public static CurveRow of(String setting, String metric, int n, CurvePoint p, FitCounts c, int cellsUnplanned,
            int spurious, Map<String, Double> varied) {
        return of(setting, metric, n, p, c, cellsUnplanned, spurious, varied, RateRow.ALL_FITS);
    }

    /** The curve point at {@code n} over the fits of {@code layout}, with the counts of those fits. */
    public static CurveRow of(String setting, String metric, int n, CurvePoint p, FitCounts c, int cellsUnplanned,
            int spurious, Map<String, Double> varied, String layout) {
        return new CurveRow(setting, metric, n, p.count(), p.failed(), p.mean(), p.median(), p.sd(), p.q10(), p.q90(),
                c.nonConverged(), c.capped(), c.startChecked(), c.startDiffered(), cellsUnplanned, spurious, varied,
                layout);
    }
}
