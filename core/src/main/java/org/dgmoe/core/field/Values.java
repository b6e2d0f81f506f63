package org.dgmoe.core.field;

/**
 * The values of a record's fields as a reader found them (a row of a table, a JSON object), in the
 * neutral types of {@link ValueType}: a part rebuilds itself from them. A field the source lacks reads
 * as its {@link Field#absent()} value, and is an error when it has none.
 */
public interface Values {

    /** The value of {@code field}, null when it is null (only for nullable fields). */
    Object get(Field<?> field);

    default String string(Field<?> field) {
        return (String) required(field);
    }

    default int integer(Field<?> field) {
        return (Integer) required(field);
    }

    /** A nullable int: null stays null. */
    default Integer nullableInteger(Field<?> field) {
        return (Integer) get(field);
    }

    default long longValue(Field<?> field) {
        return (Long) required(field);
    }

    default double number(Field<?> field) {
        return (Double) required(field);
    }

    default boolean bool(Field<?> field) {
        return (Boolean) required(field);
    }

    default double[] doubles(Field<?> field) {
        return (double[]) required(field);
    }

    default double[][] matrix(Field<?> field) {
        return (double[][]) required(field);
    }

    default <E extends Enum<E>> E constant(Field<?> field, Class<E> type) {
        return type.cast(required(field));
    }

    private Object required(Field<?> field) {
        Object v = get(field);
        if (v == null) {
            throw new IllegalArgumentException(field.column() + ": null in a required field");
        }
        return v;
    }
}
