package org.dgmoe.app.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Plain values of the rows a report draws from. Columns are read by name, so tables that carry
 * extra columns (added by later versions of the sweep) are read as well.
 */
public final class Tables {
    private Tables() {
    }

    /** A row of {@code curves/}. */
    public record Curve(String setting, String metric, int n, int count, int failed, double mean, double median, double sd,
            double q10, double q90) {
        public static Curve of(Row r) {
            return new Curve(string(r, "setting"), string(r, "metric"), integer(r, "n"), integer(r, "count"),
                    integer(r, "failed"), number(r, "mean"), number(r, "median"), number(r, "sd"), number(r, "q10"),
                    number(r, "q90"));
        }
    }

    /** A row of {@code rates/}; {@code theory} is NaN when unknown. */
    public record Rate(String setting, String metric, double slope, double intercept, double ciLow, double ciHigh,
            double theory, String verdict, String flag) {
        public static Rate of(Row r) {
            return new Rate(string(r, "setting"), string(r, "metric"), number(r, "slope"), number(r, "intercept"),
                    number(r, "ci_low"), number(r, "ci_high"), number(r, "theory"), string(r, "verdict"),
                    optionalString(r, "flag"));
        }
    }

    /** A column that older tables may lack (e.g. {@code flag} of the rate guardrails): "" when absent or null. */
    public static String optionalString(Row r, String column) {
        return java.util.Arrays.asList(r.schema().fieldNames()).contains(column) ? string(r, column) : "";
    }

    /** Fits of one setting and n with one status. */
    public record StatusCount(String setting, int n, String status, long count) {
    }

    /** The family a metric is drawn with: {@code aggregate} or its cell ({@code cell1}, {@code cell0}). */
    public static String family(String metric) {
        int u = metric.indexOf('_');
        if (metric.startsWith("cell") && u > 4 && metric.substring(4, u).chars().allMatch(Character::isDigit)) {
            return metric.substring(0, u);
        }
        return "aggregate";
    }

    public static String string(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? "" : r.get(i).toString();
    }

    public static int integer(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? 0 : ((Number) r.get(i)).intValue();
    }

    public static long longValue(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? 0 : ((Number) r.get(i)).longValue();
    }

    /** A numeric column; null reads as NaN. */
    public static double number(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }

    /** A timestamp column, whichever external type (Timestamp, Instant) the session uses. */
    public static Instant instant(Row r, String column) {
        Object o = r.get(r.fieldIndex(column));
        if (o instanceof Instant i) {
            return i;
        }
        return ((Timestamp) o).toInstant();
    }

    /** The distinct values of {@code key} in first-seen order. */
    public static <T, K> List<K> distinct(List<T> items, java.util.function.Function<T, K> key) {
        return items.stream().map(key).distinct().toList();
    }
}
