package org.dgmoe.app.export;

import java.io.IOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * RFC 4180 CSV as {@code dgmoe export} writes it: UTF-8, {@code \n} line ends, a field quoted when
 * it holds a comma, a double quote, CR or LF (quotes inside doubled). A null is an empty field (R's
 * {@code read.csv} reads NA); an empty string is written {@code ""} so a parser that cares can tell
 * the two apart. Doubles are {@link Double#toString} ({@link Double#parseDouble} gives back the same
 * bits), NaN as {@code NaN}, infinities as {@code Inf} / {@code -Inf}: the spellings R's {@code read.csv} and
 * Python's {@code float()} both parse.
 */
final class Csv {
    private Csv() {
    }

    /** One record: the fields joined by commas, each quoted where needed, then {@code \n}. */
    static void writeRecord(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            String f = fields.get(i);
            if (f != null) {
                w.write(quote(f));
            }
        }
        w.write('\n');
    }

    /** A string as one field: quoted when it holds a comma, a quote, CR or LF, or is empty. */
    static String quote(String s) {
        if (!s.isEmpty() && s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A double: {@link Double#toString}, NaN as {@code NaN}, infinities as {@code Inf} / {@code -Inf}. */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Inf" : "-Inf";
        }
        return Double.toString(d);
    }

    /**
     * The text of a scalar cell, unquoted, or null for a null: numbers as above, booleans
     * {@code TRUE} / {@code FALSE} (R reads a logical column), timestamps as ISO-8601 instants.
     */
    static String cell(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Float f) {
            return number(f.doubleValue());
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        return value.toString();
    }
}
