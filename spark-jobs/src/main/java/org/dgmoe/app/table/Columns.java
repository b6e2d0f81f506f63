package org.dgmoe.app.table;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.dgmoe.core.summary.RateRow;

/**
 * Reading a row's columns by name, whichever external type Spark or a chunk file gives (arrays as
 * Scala sequences or Java lists, timestamps as {@link Timestamp} or {@link Instant}), so a table
 * with extra columns, or in another column order, is read the same.
 */
final class Columns {
    private Columns() {
    }

    /**
     * The varied-value columns of a table ({@code org.dgmoe.core.study.Setting#column}): its double
     * columns that are none of the table's own ({@code fixed}) and start with a setting's section and
     * {@code _} ({@code g0_intercept}), in schema order.
     */
    static List<String> varied(org.apache.spark.sql.types.StructType schema, java.util.Collection<String> fixed) {
        List<String> out = new java.util.ArrayList<>();
        for (org.apache.spark.sql.types.StructField f : schema.fields()) {
            if (fixed.contains(f.name()) || !(f.dataType() instanceof org.apache.spark.sql.types.DoubleType)) {
                continue;
            }
            for (String section : org.dgmoe.core.study.Setting.VARIED_SECTIONS) {
                if (f.name().startsWith(section + "_")) {
                    out.add(f.name());
                    break;
                }
            }
        }
        return out;
    }

    /** The non-null values of {@code columns} of a row, by column. */
    static java.util.Map<String, Double> variedValues(Row r, List<String> columns) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String c : columns) {
            if (has(r, c) && !isNull(r, c)) {
                out.put(c, number(r, c));
            }
        }
        return out;
    }

    /** A struct field per varied column: nullable doubles (null where a setting does not vary the key). */
    static List<org.apache.spark.sql.types.StructField> variedFields(List<String> columns) {
        return columns.stream().map(c -> org.apache.spark.sql.types.DataTypes.createStructField(c,
                org.apache.spark.sql.types.DataTypes.DoubleType, true)).toList();
    }

    static boolean has(Row r, String column) {
        return r.schema().getFieldIndex(column).isDefined();
    }

    static boolean isNull(Row r, String column) {
        return r.isNullAt(r.fieldIndex(column));
    }

    static Object value(Row r, String column) {
        Object o = r.get(r.fieldIndex(column));
        if (o == null) {
            throw new IllegalArgumentException("column " + column + ": null in a required column");
        }
        return o;
    }

    static String string(Row r, String column) {
        return (String) value(r, column);
    }

    /** A string column that older tables may lack: "" when absent or null. */
    static String optionalString(Row r, String column) {
        return has(r, column) && !isNull(r, column) ? string(r, column) : "";
    }

    /**
     * A {@code layout} column ({@code rates/}, {@code curves/}): the fits a row is about, read as
     * {@link RateRow#ALL_FITS} when a table that predates layouts lacks it (or holds null or "").
     */
    static String layout(Row r, String column) {
        String layout = optionalString(r, column);
        return layout.isEmpty() ? RateRow.ALL_FITS : layout;
    }

    static int integer(Row r, String column) {
        return ((Number) value(r, column)).intValue();
    }

    /** An int column that older tables may lack: {@code absent} when absent or null. */
    static int optionalInteger(Row r, String column, int absent) {
        return has(r, column) && !isNull(r, column) ? integer(r, column) : absent;
    }

    /** A nullable int column: null stays null. */
    static Integer nullableInteger(Row r, String column) {
        return isNull(r, column) ? null : integer(r, column);
    }

    static long longValue(Row r, String column) {
        return ((Number) value(r, column)).longValue();
    }

    static double number(Row r, String column) {
        return ((Number) value(r, column)).doubleValue();
    }

    /** A double column that older tables may lack: NaN when absent or null. */
    static double optionalNumber(Row r, String column) {
        return has(r, column) && !isNull(r, column) ? number(r, column) : Double.NaN;
    }

    /** A nullable double column: null reads as NaN. */
    static double numberOrNaN(Row r, String column) {
        return isNull(r, column) ? Double.NaN : number(r, column);
    }

    static boolean bool(Row r, String column) {
        return (Boolean) value(r, column);
    }

    static Instant instant(Row r, String column) {
        Object o = value(r, column);
        return o instanceof Instant i ? i : ((Timestamp) o).toInstant();
    }

    /** An array column as a Java list. */
    static List<?> list(Object array) {
        return array instanceof scala.collection.Seq<?> seq ? scala.jdk.javaapi.CollectionConverters.asJava(seq)
                : (List<?>) array;
    }

    static double[] doubles(Object array) {
        List<?> list = list(array);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Double) list.get(i);
        }
        return out;
    }

    static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
