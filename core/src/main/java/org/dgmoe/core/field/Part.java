package org.dgmoe.core.field;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The declaration of a result part: its fields, in order, and how it is rebuilt from their values.
 * Each part (a fit's diagnostics, its certificate, its near-degeneracy) declares one, next to its
 * record.
 *
 * @param fields the part's fields; names, columns and keys distinct
 * @param reader rebuilds the part from its fields' values
 * @param <P>    the part
 */
public record Part<P>(List<Field<P>> fields, Function<Values, P> reader) {

    public Part {
        fields = List.copyOf(fields);
        requireDistinct(fields);
        if (reader == null) {
            throw new IllegalArgumentException("reader: must be given");
        }
    }

    /** The part read from {@code values}. */
    public P read(Values values) {
        return reader.apply(values);
    }

    /** Every field of this part, read off the record {@code R} through {@code part}. */
    public <R> List<Column<R>> of(Function<R, ? extends P> part) {
        return fields.stream().map(f -> f.<R>of(part)).toList();
    }

    /**
     * Fails when two of {@code fields} share a name, a column or a JSON key: the same value declared twice.
     *
     * @throws IllegalArgumentException naming the repeated spelling
     */
    public static void requireDistinct(List<? extends Field<?>> fields) {
        Set<String> names = new HashSet<>();
        Set<String> columns = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Field<?> f : fields) {
            if (!names.add(f.name()) || !columns.add(f.column()) || !keys.add(f.key())) {
                throw new IllegalArgumentException("fields: " + f.name() + " (column " + f.column() + ", key "
                        + f.key() + ") is declared twice");
            }
        }
    }
}
