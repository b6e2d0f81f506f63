package org.dgmoe.app.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dgmoe.app.base.InputException;

/**
 * Which columns of a data file hold the covariates x₁..x_d and the response y, by name: {@code --x COLS}
 * (comma-separated, in the order of the model's slope) and {@code --y COL}; by default x1, …, xd and y.
 *
 * @param x     the covariate columns, d ≥ 1 distinct names
 * @param y     the response column, not among x
 * @param roles what each column of x is, as a problem names it; empty for the covariates of --x (the columns
 *              of a {@code columns} g0 are read as an x of their own: {@code DataFile#bindG0}); one more names y
 *              (a population's keys)
 */
public record DataColumns(List<String> x, String y, List<String> roles) {

    public DataColumns {
        x = List.copyOf(x);
        roles = List.copyOf(roles);
        if (x.isEmpty() || y == null || y.isBlank()) {
            throw new IllegalArgumentException("x and y: need at least one covariate column and a response column");
        }
        if (!roles.isEmpty() && roles.size() != x.size() && roles.size() != x.size() + 1) {
            throw new IllegalArgumentException("roles: must be empty, one per column of x, or one per column of x and "
                    + "one for y");
        }
    }

    /** Covariate columns {@code x} of --x and the response {@code y}. */
    public DataColumns(List<String> x, String y) {
        this(x, y, List.of());
    }

    /** What column j of {@link #all()} is, as a problem names it ({@code covariate x2 of --x}). */
    public String role(int j) {
        if (j >= x.size()) {
            return roles.size() > x.size() ? roles.get(x.size()) : "the response, --y";
        }
        return roles.isEmpty() ? "covariate x" + (j + 1) + " of --x" : roles.get(j);
    }

    /** The names of {@code --x} (comma-separated, trimmed, empty ones dropped), or empty when it is not given. */
    public static List<String> names(String xOption) {
        if (xOption == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : xOption.split(",", -1)) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** x1, …, xd and y. */
    public static DataColumns defaults(int d) {
        List<String> x = new ArrayList<>();
        for (int j = 1; j <= d; j++) {
            x.add("x" + j);
        }
        return new DataColumns(x, "y");
    }

    /**
     * The columns of {@code --x} and {@code --y} (either may be null: its default) for a setting of
     * dimension d; an {@link InputException} when --x does not name d distinct columns or --y is among them.
     */
    public static DataColumns of(String xOption, String yOption, int d) {
        DataColumns defaults = defaults(d);
        List<String> x = defaults.x();
        List<String> problems = new ArrayList<>();
        if (xOption != null) {
            x = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String part : xOption.split(",", -1)) {
                String name = part.trim();
                if (name.isEmpty()) {
                    problems.add("--x " + xOption + ": a column name is empty (give names separated by commas, e.g. "
                            + "--x age,dose)");
                } else if (!seen.add(name)) {
                    problems.add("--x " + xOption + ": column '" + name + "' is given twice");
                } else {
                    x.add(name);
                }
            }
            if (problems.isEmpty() && x.size() != d) {
                problems.add("--x " + xOption + ": the setting has d = " + d + " covariate" + (d == 1 ? "" : "s")
                        + " (its slopes have " + d + " entr" + (d == 1 ? "y" : "ies") + "), got " + x.size()
                        + " column" + (x.size() == 1 ? "" : "s"));
            }
        }
        String y = yOption == null ? "y" : yOption.trim();
        if (y.isEmpty()) {
            problems.add("--y: must name the response column, got an empty name");
        } else if (x.contains(y)) {
            problems.add("--y " + y + ": is also a covariate column of --x");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return new DataColumns(x, y);
    }

    /** All the columns read: x in order, then y. */
    public List<String> all() {
        List<String> all = new ArrayList<>(x);
        all.add(y);
        return all;
    }
}
