package org.dgmoe.core.field;

import java.util.function.Function;

/**
 * A {@link Field} of a part read off the whole record {@code R} that holds the part (a fit's row holds
 * its diagnostics): the unit of a record's layout, in the order a table stores it.
 *
 * @param field the field
 * @param value reads the field's value off the record
 * @param <R>   the record
 */
public record Column<R>(Field<?> field, Function<R, ?> value) {

    public Column {
        if (field == null || value == null) {
            throw new IllegalArgumentException("field and value: must be given");
        }
    }

    /** The field's value in {@code record}. */
    public Object get(R record) {
        return value.apply(record);
    }
}
