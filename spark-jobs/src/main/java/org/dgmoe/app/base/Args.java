package org.dgmoe.app.base;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.base.Suggestions;

/**
 * The command line of one command, the one parser every {@code dgmoe} command uses: options
 * {@code --name value} or {@code --name=value} (those in {@code repeatable} may be given several
 * times), switches {@code --name} without a value, and at most one positional argument where the
 * command takes one (the sweep's CONFIG). {@code --help} / {@code -h} is always accepted. Every
 * problem (unknown option, missing value, option given twice, stray argument) is collected and
 * thrown at once as an {@link InputException}.
 */
public final class Args {
    private final String command;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> switches = new java.util.HashSet<>();
    private final boolean help;
    private String positional;

    private Args(String command, boolean help) {
        this.command = command;
        this.help = help;
    }

    /**
     * @param options    the options taking a value, without the leading dashes
     * @param repeatable those of {@code options} that may repeat
     */
    public static Args parse(String command, List<String> args, Set<String> options, Set<String> repeatable) {
        return parse(command, args, options, repeatable, Set.of(), null);
    }

    /**
     * @param options    the options taking a value, without the leading dashes
     * @param repeatable those of {@code options} that may repeat
     * @param switches   the options without a value (true when present)
     * @param positional the name of the one positional argument (e.g. {@code CONFIG}), or null for none
     */
    public static Args parse(String command, List<String> args, Set<String> options, Set<String> repeatable,
            Set<String> switches, String positional) {
        boolean help = args.contains("--help") || args.contains("-h");
        Args out = new Args(command, help);
        if (help) {
            return out;
        }
        Set<String> known = new java.util.TreeSet<>(options);
        known.addAll(switches);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                if (positional != null && out.positional == null && !a.startsWith("-")) {
                    out.positional = a;
                } else if (positional != null && !a.startsWith("-")) {
                    problems.add(command + ": only one " + positional + " is allowed, got '" + out.positional
                            + "' and '" + a + "'");
                } else {
                    problems.add(command + ": unexpected argument '" + a + "' (options are --name value"
                            + (positional == null ? "" : "; the one argument is " + positional) + ")");
                }
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    problems.add(command + ": --" + name + " takes no value, got '" + a + "'");
                } else if (!out.switches.add(name)) {
                    problems.add(command + ": --" + name + " given twice");
                }
                continue;
            }
            if (!options.contains(name)) {
                String s = Suggestions.closest(name, known);
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

    /** Whether the switch {@code --name} was given. */
    public boolean has(String name) {
        return switches.contains(name);
    }

    /** The positional argument, or null when it was not given. */
    public String positional() {
        return positional;
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

    /** A level in (0, 1), such as a test's α (default when absent); collects a problem when invalid. */
    public Double level(String name, double defaultValue, List<String> problems) {
        String v = optional(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && d < 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(command + ": --" + name + " must be a number in (0, 1), e.g. 0.05, got '" + v + "'");
        return null;
    }
}
