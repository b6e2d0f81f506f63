package org.dgmoe.app.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmoe.core.summary.RateRow;

/** The one formatting of numbers shared by the terminal table, the HTML and the figure legends. */
public final class Format {
    private Format() {
    }

    /** A slope or exponent: three decimals ("-0.493"); NaN as "—". */
    public static String slope(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "—";
    }

    /** A bootstrap interval "[-0.61, -0.38]" with the slope's decimals. */
    static String interval(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return "—";
        }
        return "[" + slope(low) + ", " + slope(high) + "]";
    }

    /** A varied value as an axis label: integers without decimals ("3", "-2"), others with up to 4 significant digits. */
    public static String value(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains("e") || !s.contains(".") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** A positive coefficient with two significant digits ("1.3", "0.047", "12"). */
    static String coefficient(double v) {
        if (!Double.isFinite(v)) {
            return "NaN";
        }
        String s = String.format(Locale.ROOT, "%.2g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** The fitted power law "1.3·n^-0.493" of a log-log fit log(mean) = intercept + slope·log n. */
    static String powerLaw(double intercept, double slope) {
        return coefficient(Math.exp(intercept)) + "·n^" + slope(slope);
    }

    /**
     * A text table with aligned columns (numbers right-aligned), a header and a rule as wide as the
     * table: its widest line (cells are padded to their column, trailing blanks are dropped).
     */
    public static String table(List<String> header, List<List<String>> rows, boolean[] rightAligned) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
            }
        }
        List<String> lines = new ArrayList<>();
        int tableWidth = 0;
        for (List<String> r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                String pad = " ".repeat(width[i] - cell.codePointCount(0, cell.length()));
                if (i > 0) {
                    line.append("  ");
                }
                line.append(rightAligned[i] ? pad + cell : cell + pad);
            }
            String l = line.toString().stripTrailing();
            lines.add(l);
            tableWidth = Math.max(tableWidth, l.codePointCount(0, l.length()));
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < lines.size(); k++) {
            sb.append(lines.get(k)).append('\n');
            if (k == 0) {
                sb.append("-".repeat(tableWidth)).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The rate table: setting, metric, (layout, when some rate is by layout), slope, interval, theory,
     * verdict, flag. An inconclusive verdict's reason and a flag (the guardrails' warnings, joined by
     * "; ") are written as footnote numbers ("[1] [2]"), each text once below the table, so a long
     * warning does not widen every line.
     */
    public static String rateTable(List<RateRow> rates) {
        List<String> notes = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        boolean byLayout = rates.stream().anyMatch(r -> !r.allFits());
        for (RateRow r : rates) {
            List<String> marks = new ArrayList<>();
            for (String f : notes(r)) {
                int i = notes.indexOf(f);
                if (i < 0) {
                    notes.add(f);
                    i = notes.size() - 1;
                }
                marks.add("[" + (i + 1) + "]");
            }
            List<String> row = new ArrayList<>(List.of(r.setting(), r.metric()));
            if (byLayout) {
                row.add(r.layout());
            }
            row.addAll(List.of(slope(r.slope()), interval(r.ciLow(), r.ciHigh()), slope(r.theory()),
                    r.verdict().label(), String.join(" ", marks)));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("setting", "metric"));
        if (byLayout) {
            header.add("layout");
        }
        header.addAll(List.of("slope", "interval", "theory", "verdict", "flag"));
        boolean[] right = byLayout ? new boolean[] {false, false, false, true, true, true, false, false}
                : new boolean[] {false, false, true, true, true, false, false};
        StringBuilder sb = new StringBuilder(table(header, rows, right));
        for (int i = 0; i < notes.size(); i++) {
            sb.append("[").append(i + 1).append("] ").append(notes.get(i)).append('\n');
        }
        return sb.toString();
    }

    /** The notes of a rate: the reason of an inconclusive verdict first, then the flag's warnings. */
    static List<String> notes(RateRow r) {
        List<String> out = new ArrayList<>();
        if (!r.reason().isEmpty()) {
            out.add(r.reason());
        }
        out.addAll(flags(r.flag()));
        return out;
    }

    /** The warnings of a flag ("" → none; several are joined by "; "). */
    static List<String> flags(String flag) {
        List<String> out = new ArrayList<>();
        for (String f : flag.split(";\\s+")) {
            if (!f.isBlank()) {
                out.add(f.strip());
            }
        }
        return out;
    }

    /**
     * A tick label of an axis whose ticks are multiples of {@code step} (1, 2 or 5 times a power of ten): as
     * many decimals as the step needs ("0.2", "15", "0.05"), no "-0"; beyond 1e6 or below 1e-4 as
     * {@link #number}.
     */
    static String tick(double v, double step) {
        if (Math.abs(v) < step * 1e-6) {
            return "0";
        }
        if (Math.abs(v) >= 1e6 || step < 1e-4) {
            return number(v);
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * A fitted linear expert as an equation in the data's column names, its coefficients by {@link #number}:
     * "uptake = 19.5 + 0.0177·conc", "y = −1.2 − 0.5·x1 + 2·x2" (a negative coefficient's sign as "−").
     *
     * @param intercept b
     * @param slope     a, one entry per covariate
     * @param x         the covariates' names, in slope order
     * @param y         the response's name
     */
    public static String equation(double intercept, double[] slope, List<String> x, String y) {
        if (slope.length != x.size()) {
            throw new IllegalArgumentException("x: names " + slope.length + " covariates, got " + x.size());
        }
        StringBuilder sb = new StringBuilder(y).append(" = ")
                .append(intercept < 0 ? "−" + number(-intercept) : number(intercept));
        for (int j = 0; j < slope.length; j++) {
            sb.append(slope[j] < 0 ? " − " : " + ").append(number(Math.abs(slope[j]))).append('·').append(x.get(j));
        }
        return sb.toString();
    }

    /**
     * A statistic or p-value of the test page and summary: 0 as "0", |v| in [0.001, 1e5) with 3 significant
     * digits (no decimals from 100, one from 10), else "1.23e-05".
     */
    public static String number(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.3g", v);
    }
}
