package org.dgmoe.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.config.Suggestions;

/**
 * The options of one command: {@code --name value} or {@code --name=value}; options in
 * {@code repeatable} may be given several times, {@code --help} / {@code -h} is always accepted.
 * Every problem (unknown option, missing value, option given twice, stray argument) is collected.
 */
public final class Args {
    private final String command;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final boolean help;

    private Args(String command, boolean help) {
        this.command = command;
        this.help = help;
    }

    /**
     * @param options    the options taking a value, without the leading dashes
     * @param repeatable those of {@code options} that may repeat
     */
    public static Args parse(String command, List<String> args, Set<String> options, Set<String> repeatable) {
        boolean help = args.contains("--help") || args.contains("-h");
        Args out = new Args(command, help);
        if (help) {
            return out;
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                problems.add(command + ": unexpected argument '" + a + "' (options are --name value)");
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!options.contains(name)) {
                String s = Suggestions.closest(name, options);
                problems.add(command + ": unknown option --" + name + (s == null ? "" : "; did you mean --" + s + "?")
                        + " (see dgmoe help " + command + ")");
                if (value == null && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    i++;
                }
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    problems.add(command + ": --" + name + " needs a value");
                    continue;
                }
                value = args.get(++i);
            }
            List<String> list = out.values.computeIfAbsent(name, x -> new ArrayList<>());
            if (!list.isEmpty() && !repeatable.contains(name)) {
                problems.add(command + ": --" + name + " given twice");
                continue;
            }
            list.add(value);
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return out;
    }

    public boolean help() {
        return help;
    }

    /** The value of a required option; collects a problem when it is missing. */
    public String required(String name, String meta, List<String> problems) {
        List<String> v = values.get(name);
        if (v == null) {
            problems.add(command + ": missing --" + name + " " + meta);
            return null;
        }
        return v.get(0);
    }

    public Path requiredPath(String name, String meta, List<String> problems) {
        String v = required(name, meta, problems);
        return v == null ? null : Path.of(v);
    }

    /** The value of an optional option, or null. */
    public String optional(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(0);
    }

    /** Every value of a repeatable option, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** An integer option at least {@code min}; collects a problem when missing or invalid. */
    public Integer integer(String name, String meta, int min, boolean required, int defaultValue,
            List<String> problems) {
        String v = required ? required(name, meta, problems) : optional(name);
        if (v == null) {
            return required ? null : defaultValue;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= min) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(command + ": --" + name + " must be an integer >= " + min + ", got '" + v + "'");
        return null;
    }
}
