package org.dgmoe.app.page;

import java.util.List;
import java.util.function.Function;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.summary.RateRow;

/** How the report groups the rows it draws (the rows themselves are core's typed rows, read by {@code org.dgmoe.app.table}). */
public final class Tables {
    private Tables() {
    }

    /** The family a metric is drawn with: {@code aggregate} or its cell ({@code cell1}, {@code cell0}). */
    public static String family(String metric) {
        int j = Metrics.cellOf(metric);
        return j < 0 ? "aggregate" : "cell" + j;
    }

    /**
     * A rate's place in the report's summary: agrees, faster or slower than the theory, inconclusive,
     * unreliable, or no theory.
     */
    public enum Direction {
        AGREE("agree"), FASTER("faster"), SLOWER("slower"), INCONCLUSIVE("inconclusive"), UNRELIABLE("unreliable"),
        NO_THEORY("no theory");

        final String label;

        Direction(String label) {
            this.label = label;
        }
    }

    /** The summary's class of a rate: its verdict, which has a direction (docs/rates.md). */
    public static Direction direction(RateRow r) {
        return switch (r.verdict()) {
            case AGREES -> Direction.AGREE;
            case FASTER_THAN_THEORY -> Direction.FASTER;
            case SLOWER_THAN_THEORY -> Direction.SLOWER;
            case INCONCLUSIVE -> Direction.INCONCLUSIVE;
            case UNRELIABLE -> Direction.UNRELIABLE;
            case NO_THEORY -> Direction.NO_THEORY;
        };
    }

    /** The distinct values of {@code key} in first-seen order. */
    public static <T, K> List<K> distinct(List<T> items, Function<T, K> key) {
        return items.stream().map(key).distinct().toList();
    }
}
