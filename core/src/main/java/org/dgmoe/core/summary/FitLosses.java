package org.dgmoe.core.summary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.ValueType;
import org.dgmoe.core.loss.GatedLossReport;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.model.GatedModel;

/**
 * What a fit's row keeps of its losses against the truth. The metrics and cell sizes are columns per
 * study ({@link StudyMetrics}): a metric or cell its setting lacks is absent from the maps.
 *
 * @param metrics          the task's metric values by name ({@link Metrics})
 * @param cellSizes        |A_j| by column name {@code cell{j}_size}
 * @param wassersteinOrder the order r of {@code generalized_wasserstein}, or null without losses (its column is
 *                         the loss report's label for it, {@link Metrics#WASSERSTEIN_ORDER})
 */
public record FitLosses(Map<String, Double> metrics, Map<String, Integer> cellSizes, Integer wassersteinOrder) {
    public static final Field<FitLosses> WASSERSTEIN_ORDER = Field.of("wassersteinOrder", ValueType.INT,
            "the order r of W̃_r used for the row's generalized_wasserstein (null without losses)",
            FitLosses::wassersteinOrder).asNullable().inColumn(Metrics.WASSERSTEIN_ORDER);

    /** No losses (a fit without a truth). */
    public static final FitLosses NONE = new FitLosses(Map.of(), Map.of(), null);

    public FitLosses {
        metrics = ordered(metrics, "metrics");
        cellSizes = ordered(cellSizes, "cellSizes");
    }

    /** The losses of {@code report}, {@link #NONE} for null. */
    public static FitLosses of(LossReport report) {
        if (report == null) {
            return NONE;
        }
        Map<String, Integer> sizes = Metrics.labels(report);
        sizes.remove(Metrics.WASSERSTEIN_ORDER);
        return new FitLosses(Metrics.toMap(report), sizes, report.wassersteinOrder());
    }

    /** The losses of a gated fit of {@code truth} (docs/gated-losses.md), named by {@link Metrics#names(GatedModel)}. */
    public static FitLosses of(GatedLossReport report, GatedModel truth) {
        LinkedHashMap<String, Double> metrics = Metrics.toMap(report, truth);
        metrics.values().removeIf(v -> v == null);
        // The order labels a W̃ the row carries (Gaussian gating); no other gated family has one.
        Integer order = metrics.containsKey(Metrics.GENERALIZED_WASSERSTEIN) ? Integer.valueOf(report.wassersteinOrder())
                : null;
        return new FitLosses(metrics, Metrics.cellSizes(report), order);
    }

    private static <V> Map<String, V> ordered(Map<String, V> values, String name) {
        LinkedHashMap<String, V> out = new LinkedHashMap<>(values);
        if (out.containsKey(null) || out.containsValue(null)) {
            throw new IllegalArgumentException(name + ": no null names or values (leave a missing one out)");
        }
        return Collections.unmodifiableMap(out);
    }
}
