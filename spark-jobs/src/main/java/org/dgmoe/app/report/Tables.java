package org.dgmoe.app.report;

import java.util.List;
import java.util.function.Function;
import org.dgmoe.core.loss.Metrics;

/** How the report groups the rows it draws (the rows themselves are core's typed rows, read by {@code org.dgmoe.app.table}). */
final class Tables {
    private Tables() {
    }

    /** The family a metric is drawn with: {@code aggregate} or its cell ({@code cell1}, {@code cell0}). */
    static String family(String metric) {
        int j = Metrics.cellOf(metric);
        return j < 0 ? "aggregate" : "cell" + j;
    }

    /** The distinct values of {@code key} in first-seen order. */
    static <T, K> List<K> distinct(List<T> items, Function<T, K> key) {
        return items.stream().map(key).distinct().toList();
    }
}
