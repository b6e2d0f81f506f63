package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * The one adapter between core's metric names ({@link org.dgmoe.core.loss.Metrics}) and the sweep's
 * columns. A study's fits table holds the union of its settings' metrics: cells 1..max k*, then
 * cell 0 when any setting's g0 is a Gaussian expert; a row is null where its own setting has no such
 * metric. Nothing statistical happens here: names, values and theory all come from core.
 */
final class Metrics {

    private Metrics() {
    }

    /** The metric names of a setting, in output order. */
    static List<String> names(Setting setting) {
        return org.dgmoe.core.loss.Metrics.names(setting);
    }

    private static int maxKStar(Study study) {
        int max = 0;
        for (Setting s : study.settings()) {
            max = Math.max(max, s.truth().size());
        }
        return max;
    }

    private static boolean anyCellZero(Study study) {
        return study.settings().stream().anyMatch(s -> s.truth().g0().isGaussianExpert());
    }

    /** The metric columns of a study: every setting's names, in canonical order. */
    static List<String> columns(Study study) {
        return org.dgmoe.core.loss.Metrics.names(maxKStar(study), anyCellZero(study));
    }

    /** The cell-size columns of a study ({@code cell{j}_size}, j = 1..max k*, then 0). */
    static List<String> sizeColumns(Study study) {
        List<String> out = new ArrayList<>(org.dgmoe.core.loss.Metrics.labelNames(maxKStar(study), anyCellZero(study)));
        out.remove(org.dgmoe.core.loss.Metrics.WASSERSTEIN_ORDER);
        return out;
    }

    /** Every metric of one loss report, keyed by name. */
    static Map<String, Double> values(LossReport report) {
        return org.dgmoe.core.loss.Metrics.toMap(report);
    }

    /** |A_j| per cell of one loss report, keyed by column name. */
    static Map<String, Integer> sizes(LossReport report) {
        Map<String, Integer> labels = org.dgmoe.core.loss.Metrics.labels(report);
        labels.remove(org.dgmoe.core.loss.Metrics.WASSERSTEIN_ORDER);
        return labels;
    }

    /** The theoretical exponents of a setting's metrics (core's theory table with the setting's overrides); NaN unknown. */
    static Map<String, Double> theory(Study study, Setting setting) {
        return TheoryTable.forSetting(setting, study.losses());
    }
}
