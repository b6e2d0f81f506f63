package org.dgmoe.app.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.base.Suggestions;
import org.dgmoe.core.ConfigNamed;

/**
 * An object of a parsed tree (HOCON or JSON, unwrapped to {@code Map}, {@code List}, {@code Number},
 * {@code String}, {@code Boolean}, {@code null}) being read at a key path. Every getter records its
 * key as known; {@link #finish()} then reports the keys nobody asked for, with the closest known key.
 * Getters report problems to a shared {@link Problems} and return {@code null} (or NaN) for a missing
 * or invalid value, so a reader carries on and reports everything at once.
 *
 * <p>As in HOCON, a string holding a number is accepted where a number is expected, and a
 * {@code null} value counts as absent.
 */
public final class Node {
    private final Problems problems;
    private final String path;
    private final Map<String, Object> map;
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> ignored = new LinkedHashSet<>();
    private boolean checkUnknown = true;

    private Node(Problems problems, String path, Map<String, Object> map) {
        this.problems = problems;
        this.path = path;
        this.map = map;
    }

    /** The object {@code value} at {@code path}, or null (with a problem) when it is not an object. */
    @SuppressWarnings("unchecked")
    public static Node of(Problems problems, String path, Object value) {
        if (value instanceof Map<?, ?> m) {
            return new Node(problems, path, (Map<String, Object>) m);
        }
        problems.add(path, "must be an object { ... }, got " + describe(value));
        return null;
    }

    public String path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    /** The key path of {@code key} in this object. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** True when {@code key} holds a non-null value; records the key as known. */
    public boolean has(String key) {
        known.add(key);
        return map.get(key) != null;
    }

    /** The raw value of {@code key} (null when absent); records the key as known. */
    public Object raw(String key) {
        known.add(key);
        return map.get(key);
    }

    /** Keys accepted without being read (e.g. the result fields of a fit file used as a start). */
    public void allow(Collection<String> keys) {
        ignored.addAll(keys);
    }

    /** Skips the unknown-key check (when the allowed keys could not be determined, e.g. a bad type). */
    public void skipUnknownCheck() {
        checkUnknown = false;
    }

    /** Reports {@code key} as missing. */
    public void missing(String key, String allowed) {
        problems.add(path(key), "missing; " + allowed);
    }

    /** The sub-object at {@code key}, or null (reported when required or not an object). */
    public Node child(String key, boolean required, String allowed) {
        Object v = raw(key);
        if (v == null) {
            if (required) {
                missing(key, allowed);
            }
            return null;
        }
        return of(problems, path(key), v);
    }

    /** A number; NaN when absent (reported if required) or invalid (reported). */
    public double number(String key, boolean required, String allowed) {
        Object v = raw(key);
        if (v == null) {
            if (required) {
                missing(key, allowed);
            }
            return Double.NaN;
        }
        Double d = toNumber(problems, path(key), v);
        return d == null ? Double.NaN : d;
    }

    /** An integer; null when absent (reported if required) or invalid (reported). */
    public Long integer(String key, boolean required, String allowed) {
        Object v = raw(key);
        if (v == null) {
            if (required) {
                missing(key, allowed);
            }
            return null;
        }
        return toInteger(problems, path(key), v);
    }

    /** A string; null when absent (reported if required) or not a string (reported). */
    public String string(String key, boolean required, String allowed) {
        Object v = raw(key);
        if (v == null) {
            if (required) {
                missing(key, allowed);
            }
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        problems.add(path(key), "must be a string, got " + describe(v));
        return null;
    }

    /** A list of numbers; null when absent (reported if required) or invalid (reported). */
    public double[] numbers(String key, boolean required, String allowed) {
        Object v = raw(key);
        if (v == null) {
            if (required) {
                missing(key, allowed);
            }
            return null;
        }
        if (!(v instanceof List<?> list)) {
            problems.add(path(key), "must be a list of numbers, e.g. [0.5], got " + describe(v));
            return null;
        }
        double[] out = new double[list.size()];
        boolean ok = true;
        for (int i = 0; i < out.length; i++) {
            Double d = toNumber(problems, path(key) + "[" + i + "]", list.get(i));
            if (d == null) {
                ok = false;
            } else {
                out[i] = d;
            }
        }
        return ok ? out : null;
    }

    /** The objects of the list at {@code key}; null when absent (reported if required) or not a list. */
    public List<Node> objects(String key, boolean required, String allowed) {
        Object v = raw(key);
        if (v == null) {
            if (required) {
                missing(key, allowed);
            }
            return null;
        }
        if (!(v instanceof List<?> list)) {
            problems.add(path(key), "must be a list [ {...}, ... ], got " + describe(v));
            return null;
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(of(problems, path(key) + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    // ------------------------------------------------------------ declared keys (StudySchema)

    /** Reports the declared key {@code k} as missing, with what it allows. */
    public void missing(Key k) {
        missing(k.name(), k.allowed() + " (" + k.doc() + ")");
    }

    /** A declared integer in its range; its default when absent (null: none, or missing and reported). */
    public Long integer(Key k) {
        Object v = raw(k.name());
        if (v == null) {
            if (k.required()) {
                missing(k);
            }
            return k.defaultValue() == null ? null : ((Number) k.defaultValue()).longValue();
        }
        Long x = toInteger(problems, path(k.name()), v);
        if (x != null && k.range() != null && !k.range().contains(x)) {
            problems.add(path(k.name()), "must be " + k.allowed() + ", got " + x);
            return null;
        }
        return x;
    }

    /** A declared number in its range; its default when absent; NaN when missing or invalid (reported). */
    public double number(Key k) {
        Object v = raw(k.name());
        if (v == null) {
            if (k.required()) {
                missing(k);
            }
            return k.defaultValue() == null ? Double.NaN : ((Number) k.defaultValue()).doubleValue();
        }
        Double x = toNumber(problems, path(k.name()), v);
        if (x == null) {
            return Double.NaN;
        }
        return checked(k, path(k.name()), x);
    }

    /** {@code x} when {@code k}'s range holds it, else NaN (reported at {@code at}). */
    double checked(Key k, String at, double x) {
        Range r = k.range() == null ? Range.FINITE : k.range();
        if (!r.contains(x)) {
            problems.add(at, "must be " + (r == Range.FINITE ? "finite" : r.describe()) + ", got " + format(x));
            return Double.NaN;
        }
        return x;
    }

    /** A declared string, one of its values when it has any; its default when absent, null when invalid. */
    public String string(Key k) {
        Object v = raw(k.name());
        if (v == null) {
            if (k.required()) {
                missing(k);
            }
            return (String) k.defaultValue();
        }
        String s = string(k.name(), false, "");
        if (s != null && !k.values().isEmpty() && !k.values().contains(s)) {
            problems.add(path(k.name()), "must be " + k.allowed() + ", got '" + s + "'");
            return null;
        }
        return s;
    }

    /**
     * A declared string whose values are {@code type}'s config names ({@link Key#values(Class)}), as
     * that constant; its default when absent, null when invalid (reported).
     */
    public <E extends Enum<E> & ConfigNamed> E named(Key k, Class<E> type) {
        String s = string(k);
        return s == null ? null : ConfigNamed.fromConfigName(type, k.name(), s);
    }

    /** A declared boolean; its default when absent, null when invalid (reported). */
    public Boolean bool(Key k) {
        Object v = raw(k.name());
        if (v == null) {
            return (Boolean) k.defaultValue();
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problems.add(path(k.name()), "must be true or false, got " + describe(v));
        return null;
    }

    /** A declared list of numbers, each in the key's range; null when absent or invalid (reported). */
    public double[] numbers(Key k) {
        double[] v = numbers(k.name(), k.required(), k.allowed() + " (" + k.doc() + ")");
        if (v == null) {
            return null;
        }
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(checked(k, path(k.name()) + "[" + i + "]", v[i]))) {
                return null;
            }
        }
        return v;
    }

    /** The declared sub-object {@code k}, or null (reported when required or not an object). */
    public Node child(Key k) {
        return child(k.name(), k.required(), k.allowed() + " (" + k.doc() + ")");
    }

    /** The objects of the declared list {@code k}; null when absent (reported if required) or not a list. */
    public List<Node> objects(Key k) {
        return objects(k.name(), k.required(), k.allowed() + " (" + k.doc() + ")");
    }

    /** The keys present in this object, in order. */
    public Set<String> keys() {
        return map.keySet();
    }

    /** Reports every key that no getter asked for, suggesting the closest known key. */
    public void finish() {
        if (!checkUnknown) {
            return;
        }
        for (String key : map.keySet()) {
            if (known.contains(key) || ignored.contains(key)) {
                continue;
            }
            // another package's name for an allowed key first (sd for variance): no edit distance relates them
            KeySynonym synonym = KeySynonym.find(key, known, StudySchema.SYNONYMS);
            String suggestion = Suggestions.closest(key, known);
            String did = synonym != null ? "; " + synonym.suggestion()
                    : suggestion == null ? "" : "; did you mean '" + suggestion + "'?";
            problems.add(path(key), "unknown key" + did + " (allowed here: " + String.join(", ", known) + ")");
        }
    }

    static Double toNumber(Problems problems, String path, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        problems.add(path, "must be a number, got " + describe(v));
        return null;
    }

    static Long toInteger(Problems problems, String path, Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.0e15) {
            return (long) n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        problems.add(path, "must be an integer, got " + describe(v));
        return null;
    }

    /** How a value is named in a message: {@code 'abc'}, {@code 0.5}, {@code a list}, {@code an object}. */
    public static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?> l) {
            return "a list of " + l.size();
        }
        if (v instanceof Double d) {
            return format(d);
        }
        return String.valueOf(v);
    }

    /** A number as a user wrote it: integers without ".0", others as {@link Double#toString}. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
