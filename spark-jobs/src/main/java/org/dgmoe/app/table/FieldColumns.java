package org.dgmoe.app.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.ValueType;
import org.dgmoe.core.field.Values;

/**
 * The one codec between declared fields ({@link Field}) and Spark: a field's struct field, its cell
 * in a row, and the {@link Values} of a row read back. Arrays of doubles are non-null arrays of
 * non-null doubles; an enum is its lower-case constant name ({@code converged}).
 */
public final class FieldColumns {
    private FieldColumns() {
    }

    /** The struct field of {@code field}: its column, type and nullability. */
    public static StructField structField(Field<?> field) {
        return DataTypes.createStructField(field.column(), dataType(field.type()), field.nullable());
    }

    private static DataType dataType(ValueType type) {
        DataType doubles = DataTypes.createArrayType(DataTypes.DoubleType, false);
        return switch (type) {
            case STRING, ENUM -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case DOUBLE_ARRAY -> doubles;
            case DOUBLE_MATRIX -> DataTypes.createArrayType(doubles, false);
        };
    }

    /** The cell of {@code value}, a value of {@code field} (null stays null). */
    public static Object cell(Field<?> field, Object value) {
        if (value == null) {
            return null;
        }
        return switch (field.type()) {
            case DOUBLE_ARRAY -> Columns.boxed((double[]) value);
            case DOUBLE_MATRIX -> {
                List<List<Double>> rows = new ArrayList<>();
                for (double[] row : (double[][]) value) {
                    rows.add(Columns.boxed(row));
                }
                yield rows;
            }
            case ENUM -> label((Enum<?>) value);
            default -> value;
        };
    }

    /** The table spelling of an enum constant: its lower-case name. */
    public static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The values of a row with a schema (read by Spark, from a chunk file, or built by a codec). A column
     * the row lacks, or null there, reads as the field's {@link Field#absent()} value when it has one;
     * otherwise a missing column is an error and a null reads as null.
     */
    public static Values values(Row row) {
        return field -> {
            boolean has = Columns.has(row, field.column());
            if (field.absent() != null && (!has || Columns.isNull(row, field.column()))) {
                return field.absent();
            }
            if (!has) {
                throw new IllegalArgumentException("column " + field.column() + ": missing from the table");
            }
            return Columns.isNull(row, field.column()) ? null : value(field, Columns.value(row, field.column()));
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Field<?> field, Object cell) {
        return switch (field.type()) {
            case STRING -> (String) cell;
            case INT -> ((Number) cell).intValue();
            case LONG -> ((Number) cell).longValue();
            case DOUBLE -> ((Number) cell).doubleValue();
            case BOOLEAN -> (Boolean) cell;
            case DOUBLE_ARRAY -> Columns.doubles(cell);
            case DOUBLE_MATRIX -> {
                List<?> rows = Columns.list(cell);
                double[][] out = new double[rows.size()][];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Columns.doubles(rows.get(i));
                }
                yield out;
            }
            case ENUM -> Enum.valueOf((Class) field.enumType(), ((String) cell).toUpperCase(Locale.ROOT));
        };
    }
}
