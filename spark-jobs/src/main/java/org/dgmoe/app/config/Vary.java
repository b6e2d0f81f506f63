package org.dgmoe.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dgmoe.core.study.Setting;

/**
 * The expansion of a setting's {@code vary} block into the points of a rate map, each a setting of
 * its own (docs/config.md, "Rate maps").
 *
 * <p>{@code vary { "g0.intercept" = [3, 1, 0] }} names numbers inside the setting by key path (object
 * keys joined by {@code .}, list elements by {@code [i]}: {@code truth.experts[0].slope[0]}) and the
 * values each takes. The paths are taken in alphabetical order (HOCON objects keep no key order, and
 * executors read the canonical JSON, whose keys are sorted). Several paths give the cartesian product
 * of their lists (the first path varies slowest, as nested loops), or, with {@code zip = true}, their lists element by
 * element (all of one length). Each point is the written setting with those numbers replaced and the
 * name
 * <pre>
 *   &lt;name&gt;:&lt;column&gt;=&lt;value&gt;[,&lt;column&gt;=&lt;value&gt;...]
 * </pre>
 * with {@link Setting#column} of each path and the value as written ({@link Node#format}: {@code 3},
 * {@code 0.25}, {@code 1.0E-4}), paths in alphabetical order: {@code g0-to-atom1:g0_intercept=0.5}. A name
 * depends only on the base name and the point's own values, never on the point's position or on the
 * other points, and every random stream is keyed by the setting name
 * ({@code org.dgmoe.core.random.Seeds#taskSeed}): adding or removing points leaves the data of the
 * others unchanged, and a point reproduces a hand-written setting of the same name and numbers row
 * for row.
 */
final class Vary {
    /** The most points one {@code vary} block may expand into. */
    static final int MAX_POINTS = 10_000;
    /** The key of the pairing switch inside {@code vary}. */
    static final String ZIP = "zip";

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_\\-]+)((?:\\[\\d+\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");
    private static final String SYNTAX = "a key path inside the setting, object keys joined by '.' and list elements "
            + "as [i], starting in one of " + Setting.VARIED_SECTIONS + " (e.g. \"g0.intercept\", "
            + "\"truth.experts[0].slope[0]\")";

    /**
     * One point of a map: the setting's raw object with the point's numbers and name, where its
     * problems are reported, and its varied values (path → value, in file order).
     */
    record Point(Map<String, Object> raw, String path, Map<String, Double> varied) {
    }

    private Vary() {
    }

    /**
     * The points of the setting {@code item} (whose {@code vary} is present), or null when the block
     * itself is wrong (reported at {@code item.path("vary")}).
     */
    static List<Point> expand(Node item) {
        Problems problems = item.problems();
        int before = problems.count();
        String at = item.path(StudySchema.SETTING_VARY.name());
        Object block = item.raw(StudySchema.SETTING_VARY.name());
        if (!(block instanceof Map<?, ?> map)) {
            problems.add(at, "must be " + StudySchema.SETTING_VARY.allowed() + ", got " + Node.describe(block));
            return null;
        }
        boolean zip = false;
        Map<String, Object> lists = new LinkedHashMap<>();
        Map<String, String> spellings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals(ZIP)) {
                if (e.getValue() instanceof Boolean b) {
                    zip = b;
                } else {
                    problems.add(at + "." + ZIP, "must be true or false (pair the lists element by element instead "
                            + "of taking their cartesian product), got " + Node.describe(e.getValue()));
                }
            } else {
                flatten(problems, at, key, spell(key), e.getValue(), lists, spellings);
            }
        }
        // Typesafe's objects keep no key order, and executors read the canonical JSON (sorted keys): the
        // paths are taken in alphabetical order everywhere, so names and products do not depend on either.
        lists = new java.util.TreeMap<>(lists);
        if (lists.isEmpty()) {
            problems.add(at, "must name at least one key path with its values, e.g. vary { \"g0.intercept\" = "
                    + "[3.0, 1.0, 0.0] }");
            return null;
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, Object> setting = raw(item);
        for (Map.Entry<String, Object> e : lists.entrySet()) {
            String path = e.getKey();
            String keyAt = at + ".\"" + path + "\"";
            boolean ok = checkPath(problems, keyAt, path, setting);
            double[] v = numbers(problems, keyAt, e.getValue());
            String earlier = columns.putIfAbsent(Setting.column(path), path);
            if (earlier != null) {
                problems.add(keyAt, "has the column " + Setting.column(path) + " of \"" + earlier + "\" (a column is "
                        + "the path with '.', '[', ']' and '-' turned into '_'); vary each number once");
                ok = false;
            }
            if (ok && v != null) {
                values.put(path, v);
            }
        }
        if (problems.count() > before) {
            return null;
        }
        List<double[]> combos = combinations(problems, at, values, zip);
        if (combos == null) {
            return null;
        }
        String baseName = setting.get(StudySchema.SETTING_NAME.name()) instanceof String s ? s : null;
        List<String> paths = List.copyOf(values.keySet());
        List<Point> out = new ArrayList<>();
        for (double[] combo : combos) {
            Map<String, Object> copy = copyMap(setting);
            copy.remove(StudySchema.SETTING_VARY.name());
            Map<String, Double> varied = new LinkedHashMap<>();
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                set(copy, paths.get(i), combo[i]);
                varied.put(paths.get(i), combo[i]);
                parts.add(Setting.column(paths.get(i)) + "=" + Node.format(combo[i]));
            }
            String suffix = String.join(",", parts);
            if (baseName != null) {
                copy.put(StudySchema.SETTING_NAME.name(), name(baseName, suffix));
            }
            out.add(new Point(copy, item.path() + "{" + suffix + "}", varied));
        }
        return out;
    }

    /** The name of the point {@code suffix} ({@code col=value,...}) of the map {@code base}. */
    static String name(String base, String suffix) {
        return base + ":" + suffix;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> raw(Node item) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : item.keys()) {
            m.put(key, item.raw(key));
        }
        return m;
    }

    /**
     * HOCON reads an unquoted {@code g0.intercept = [...]} as {@code g0 { intercept = [...] }} and a
     * quoted {@code "g0.intercept" = [...]} as one key holding a dot: both mean the path. HOCON merges
     * neither into the other, so one path written both ways reaches here twice, and only one list
     * could be run while the manifest records both: that is refused, naming both spellings.
     *
     * @param spelling how {@code prefix} is written in the file (keys holding a dot quoted)
     * @param spellings the spelling of each path already in {@code out}
     */
    private static void flatten(Problems problems, String at, String prefix, String spelling, Object value,
            Map<String, Object> out, Map<String, String> spellings) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                flatten(problems, at, prefix + "." + key, spelling + "." + spell(key), e.getValue(), out, spellings);
            }
            return;
        }
        String earlier = spellings.putIfAbsent(prefix, spelling);
        if (earlier != null) {
            // HOCON objects keep no key order: the two spellings are named in alphabetical order
            String first = earlier.compareTo(spelling) <= 0 ? earlier : spelling;
            String second = first == earlier ? spelling : earlier;
            problems.add(at + ".\"" + prefix + "\"", "is varied twice, as " + first + " and as " + second
                    + " (a quoted key holding '.' and the unquoted path are the same path); vary each path once");
            return;
        }
        out.put(prefix, value);
    }

    /** A key as written in HOCON: quoted when it holds a dot, since unquoted it would be a path. */
    private static String spell(String key) {
        return key.contains(".") ? "\"" + key + "\"" : key;
    }

    private static double[] numbers(Problems problems, String at, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.add(at, "must be a non-empty list of the numbers the key takes, e.g. [3.0, 1.0, 0.0], got "
                    + Node.describe(value));
            return null;
        }
        double[] out = new double[list.size()];
        Set<Double> seen = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < out.length; i++) {
            Double d = Node.toNumber(problems, at + "[" + i + "]", list.get(i));
            if (d == null) {
                ok = false;
            } else if (!Double.isFinite(d)) {
                problems.add(at + "[" + i + "]", "must be finite, got " + Node.format(d));
                ok = false;
            } else if (!seen.add(d + 0.0)) {
                problems.add(at + "[" + i + "]", "repeats " + Node.format(d) + "; each value names a point, so values "
                        + "must be distinct");
                ok = false;
            } else {
                out[i] = d + 0.0; // −0.0 and 0.0 are one point with one name
            }
        }
        return ok ? out : null;
    }

    /** The points as value tuples in path order: the cartesian product (first path slowest) or the zip. */
    private static List<double[]> combinations(Problems problems, String at, Map<String, double[]> values,
            boolean zip) {
        List<double[]> lists = new ArrayList<>(values.values());
        List<double[]> out = new ArrayList<>();
        if (zip) {
            int length = lists.get(0).length;
            for (Map.Entry<String, double[]> e : values.entrySet()) {
                if (e.getValue().length != length) {
                    List<String> lengths = new ArrayList<>();
                    values.forEach((p, v) -> lengths.add("\"" + p + "\": " + v.length));
                    problems.add(at, "zip = true pairs the lists element by element, so they must have one length; "
                            + "got " + String.join(", ", lengths));
                    return null;
                }
            }
            for (int i = 0; i < length; i++) {
                double[] combo = new double[lists.size()];
                for (int j = 0; j < combo.length; j++) {
                    combo[j] = lists.get(j)[i];
                }
                out.add(combo);
            }
            return out;
        }
        long count = 1;
        for (double[] v : lists) {
            count *= v.length;
            if (count > MAX_POINTS) {
                problems.add(at, "expands into more than " + MAX_POINTS + " points (the product of the lists' "
                        + "lengths); vary fewer values, or pair them with zip = true");
                return null;
            }
        }
        int[] index = new int[lists.size()];
        for (long p = 0; p < count; p++) {
            double[] combo = new double[lists.size()];
            for (int j = 0; j < combo.length; j++) {
                combo[j] = lists.get(j)[index[j]];
            }
            out.add(combo);
            for (int j = index.length - 1; j >= 0; j--) {
                if (++index[j] < lists.get(j).length) {
                    break;
                }
                index[j] = 0;
            }
        }
        return out;
    }

    /** Parsed path: each step an object key (String) or a list index (Integer). */
    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        for (String segment : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                return null;
            }
            steps.add(m.group(1));
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                try {
                    steps.add(Integer.parseInt(i.group(1)));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return steps;
    }

    /**
     * Whether {@code path} names a number of {@code setting}: every step but the last exists, the
     * last holds a number or is a key absent from an existing object (it is then set).
     */
    private static boolean checkPath(Problems problems, String at, String path, Map<String, Object> setting) {
        List<Object> steps = steps(path);
        if (steps == null) {
            problems.add(at, "is not a key path; must be " + SYNTAX);
            return false;
        }
        if (!Setting.VARIED_SECTIONS.contains(steps.get(0))) {
            problems.add(at, "must start in one of " + Setting.VARIED_SECTIONS + " (the name and vary itself are not "
                    + "numbers of the setting), got '" + steps.get(0) + "'");
            return false;
        }
        Object current = setting;
        StringBuilder walked = new StringBuilder();
        for (int s = 0; s < steps.size(); s++) {
            Object step = steps.get(s);
            boolean last = s == steps.size() - 1;
            String here = walked.length() == 0 ? "the setting" : "'" + walked + "'";
            if (step instanceof String key) {
                if (!(current instanceof Map<?, ?> m)) {
                    problems.add(at, "names key '" + key + "' of " + here + ", which is " + Node.describe(current)
                            + ", not an object");
                    return false;
                }
                if (!m.containsKey(key) || m.get(key) == null) {
                    if (last && s > 0) {
                        return true; // an absent key of an existing object: set at each point
                    }
                    problems.add(at, "names key '" + key + "', which " + here + " does not have (its keys: "
                            + String.join(", ", keys(m)) + ")");
                    return false;
                }
                walked.append(walked.length() == 0 ? "" : ".").append(key);
                current = m.get(key);
            } else {
                int i = (Integer) step;
                if (!(current instanceof List<?> l)) {
                    problems.add(at, "names element [" + i + "] of " + here + ", which is " + Node.describe(current)
                            + ", not a list");
                    return false;
                }
                if (i >= l.size()) {
                    problems.add(at, "names element [" + i + "] of " + here + ", which has " + l.size() + " (indices "
                            + "start at 0)");
                    return false;
                }
                walked.append("[").append(i).append("]");
                current = l.get(i);
            }
        }
        if (current instanceof Number || current instanceof String str && isNumber(str)) {
            return true;
        }
        problems.add(at, "names '" + walked + "', which holds " + Node.describe(current) + "; vary names numbers "
                + "(a list or object is varied element by element, e.g. \"" + path
                + (current instanceof List<?> ? "[0]" : ".key") + "\")");
        return false;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> keys(Map<?, ?> m) {
        return m.keySet().stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> setting, String path, double value) {
        List<Object> steps = steps(path);
        Object current = setting;
        for (int s = 0; s < steps.size() - 1; s++) {
            Object step = steps.get(s);
            current = step instanceof String key ? ((Map<String, Object>) current).get(key)
                    : ((List<Object>) current).get((Integer) step);
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof String key) {
            ((Map<String, Object>) current).put(key, value);
        } else {
            ((List<Object>) current).set((Integer) last, value);
        }
    }

    private static Map<String, Object> copyMap(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
        return out;
    }

    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return copyMap(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }
}
