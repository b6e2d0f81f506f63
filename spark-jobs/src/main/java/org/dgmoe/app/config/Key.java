package org.dgmoe.app.config;

import java.util.List;
import org.dgmoe.core.ConfigNamed;

/**
 * One declared key of a study file: where it is, what it holds, its default and what it allows. The
 * declaration ({@link StudySchema}) drives the readers (defaults, type and range checks), their
 * messages and the key tables of docs/config.md.
 *
 * @param path         the full key path; {@code []} stands for any list element
 *                     ({@code dgmoe.study.settings[].fit.experts})
 * @param type         what the value is
 * @param required     the file must give it
 * @param defaultValue the value used when it is absent ({@link Long}, {@link Double}, {@link String},
 *                     {@link Boolean}), or null when the default depends on other keys or is "none"
 * @param defaultText  the default as documented when it is not {@code defaultValue} itself, else null
 * @param range        the numbers allowed (integer and number keys; the elements' range for lists and
 *                     maps of numbers), or null
 * @param values       the strings allowed (an enumeration), or empty
 * @param constraint   what else is allowed or required, in words (checked by the reader), or empty
 * @param doc          one line: what the key means
 */
public record Key(String path, Type type, boolean required, Object defaultValue, String defaultText, Range range,
        List<String> values, String constraint, String doc) {

    /** What a key holds, as named in docs/config.md. */
    public enum Type {
        STRING("string"),
        INTEGER("integer"),
        NUMBER("number"),
        BOOLEAN("boolean"),
        OBJECT("object"),
        OBJECTS("list of objects"),
        NUMBERS("list of numbers"),
        MATRIX("list of d lists of d numbers"),
        NUMBER_OR_NUMBERS("number or list of d numbers"),
        INTEGERS_OR_GRID("list or object"),
        LAMBDA("`free`, `fixed` or a number"),
        NUMBER_MAP("object { key = number }"),
        STRING_MAP("object { key = string }"),
        EXPRESSION("expression (a string)"),
        NUMBER_OR_EXPRESSION("number or expression (a string)"),
        VARY("object { \"key path\" = [numbers] }");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public Key {
        values = List.copyOf(values);
        if (required && (defaultValue != null || defaultText != null)) {
            throw new IllegalArgumentException(path + ": a required key has no default");
        }
        if (path.isBlank() || doc.isBlank()) {
            throw new IllegalArgumentException("a key needs a path and a doc line, got '" + path + "'");
        }
    }

    /** A required key. */
    static Key required(String path, Type type, String doc) {
        return new Key(path, type, true, null, null, null, List.of(), "", doc);
    }

    /** An optional key with {@code defaultValue} (null: none or documented by {@link #defaultText(String)}). */
    static Key optional(String path, Type type, Object defaultValue, String doc) {
        return new Key(path, type, false, defaultValue, null, null, List.of(), "", doc);
    }

    Key range(Range r) {
        return new Key(path, type, required, defaultValue, defaultText, r, values, constraint, doc);
    }

    Key values(String... allowed) {
        return new Key(path, type, required, defaultValue, defaultText, range, List.of(allowed), constraint, doc);
    }

    /** The values allowed are the config names of {@code type}'s constants, in declaration order. */
    <E extends Enum<E> & ConfigNamed> Key values(Class<E> type) {
        return values(ConfigNamed.configNames(type));
    }

    Key constraint(String text) {
        return new Key(path, type, required, defaultValue, defaultText, range, values, text, doc);
    }

    Key defaultText(String text) {
        return new Key(path, type, required, defaultValue, text, range, values, constraint, doc);
    }

    /** The last segment of the path, as it is written in its object ({@code experts}). */
    public String name() {
        String p = path.endsWith("[]") ? path.substring(0, path.length() - 2) : path;
        return p.substring(p.lastIndexOf('.') + 1);
    }

    /** What the key allows, as in a message after "must be" ({@code an integer in [1, 1000]}). */
    public String allowed() {
        if (!values.isEmpty()) {
            return "one of " + String.join(", ", values);
        }
        String r = range == null ? "" : range.describe();
        return switch (type) {
            case INTEGER -> "an integer" + (r.isEmpty() ? "" : " " + r);
            case NUMBER -> "a number" + (r.isEmpty() || r.equals("finite") ? "" : " " + r);
            case BOOLEAN -> "true or false";
            case STRING -> "a string" + (constraint.isEmpty() ? "" : ", " + constraint);
            default -> (type == Type.OBJECT || type == Type.NUMBER_MAP || type == Type.STRING_MAP || type == Type.VARY ? "an " : "a ")
                    + type.text() + (r.isEmpty() ? "" : ", values " + r) + (constraint.isEmpty() ? "" : ", " + constraint);
        };
    }

    /** The default as documented: {@code required}, the value, or the text given. */
    public String defaultDoc() {
        if (required) {
            return "required";
        }
        if (defaultText != null) {
            return defaultText;
        }
        if (defaultValue == null) {
            return "none";
        }
        return "`" + (defaultValue instanceof Double d ? docNumber(d) : defaultValue) + "`";
    }

    /** A number as docs/config.md writes it: {@code 0.005}, {@code 1e-6}, {@code 10000}. */
    static String docNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String plain = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return plain.length() <= 7 ? plain : Double.toString(v).replace(".0E", "E").replace("E", "e");
    }
}
