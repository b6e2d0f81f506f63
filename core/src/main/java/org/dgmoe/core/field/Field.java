package org.dgmoe.core.field;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One field of a result part {@code P} (a record such as a fit's diagnostics), declared once: its name,
 * the column of a table and the key of a JSON file that hold it, its {@link ValueType}, whether it may
 * be null, one line of doc, and how it is read off the part. Writers and readers (the Parquet schema and
 * codec, the JSON files, the key lists and the docs) are derived from a list of fields; a part rebuilds
 * itself from the {@link Values} of its fields. The pattern is Spark ML's {@code Param} and Tribuo's
 * {@code @Config}, applied to results (house style 15: one declaration per field of a result).
 *
 * @param name     the field's name, camelCase ({@code logLikelihood})
 * @param column   its column in a table: by default the name in snake_case ({@code log_likelihood})
 * @param key      its key in a JSON file: by default the name
 * @param type     the type of its value
 * @param enumType the enum of an {@link ValueType#ENUM} field, else null
 * @param nullable whether the value may be null (a nullable column, an absent JSON key)
 * @param absent   the value a reader takes when an older table lacks the column (or holds null there),
 *                 or null when the column is required
 * @param doc      one line of doc, for usage texts and the docs
 * @param getter   reads the value off a part (boxed; arrays as returned by the part, copied by it)
 * @param <P>      the part the field belongs to
 */
public record Field<P>(String name, String column, String key, ValueType type, Class<? extends Enum<?>> enumType,
        boolean nullable, Object absent, String doc, Function<P, ?> getter) {

    public Field {
        if (name == null || !name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("name: must be camelCase, got " + name);
        }
        if (column == null || !column.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("column: must be snake_case, got " + column);
        }
        if (key == null || key.isEmpty() || type == null || doc == null || doc.isBlank() || getter == null) {
            throw new IllegalArgumentException(name + ": key, type, doc and getter must be given");
        }
        if ((type == ValueType.ENUM) != (enumType != null)) {
            throw new IllegalArgumentException(name + ": an enum type is given exactly for ENUM fields");
        }
    }

    /** A required field named {@code name}, in column {@code snake_case(name)} and JSON key {@code name}. */
    public static <P> Field<P> of(String name, ValueType type, String doc, Function<P, ?> getter) {
        return new Field<>(name, snakeCase(name), name, type, null, false, null, doc, getter);
    }

    /** A required {@link ValueType#ENUM} field of {@code enumType}. */
    public static <P, E extends Enum<E>> Field<P> ofEnum(String name, Class<E> enumType, String doc,
            Function<P, E> getter) {
        return new Field<>(name, snakeCase(name), name, ValueType.ENUM, enumType, false, null, doc, getter);
    }

    /** This field stored in {@code column} instead of the derived one (a name kept for old tables). */
    public Field<P> inColumn(String column) {
        return new Field<>(name, column, key, type, enumType, nullable, absent, doc, getter);
    }

    /** This field written under {@code key} in JSON files instead of its name (a key kept for old files). */
    public Field<P> withKey(String key) {
        return new Field<>(name, column, key, type, enumType, nullable, absent, doc, getter);
    }

    /** This field, nullable. */
    public Field<P> asNullable() {
        return new Field<>(name, column, key, type, enumType, true, absent, doc, getter);
    }

    /** This field read as {@code value} from a table written before the column existed. */
    public Field<P> absentReadsAs(Object value) {
        return new Field<>(name, column, key, type, enumType, nullable, Objects.requireNonNull(value), doc, getter);
    }

    /** The value of this field in {@code part}. */
    public Object get(P part) {
        return getter.apply(part);
    }

    /** This field read off a whole record {@code R} through its part. */
    public <R> Column<R> of(Function<R, ? extends P> part) {
        return new Column<>(this, r -> getter.apply(part.apply(r)));
    }

    /** {@code logLikelihood} to {@code log_likelihood}. */
    public static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
