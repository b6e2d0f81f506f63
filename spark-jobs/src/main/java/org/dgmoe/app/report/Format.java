package org.dgmoe.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmoe.core.summary.RateRow;

/** The one formatting of numbers shared by the terminal table, the HTML and the figure legends. */
final class Format {
    private Format() {
    }

    /** A slope or exponent: three decimals ("-0.493"); NaN as "—". */
    static String slope(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "—";
    }

    /** A bootstrap interval "[-0.61, -0.38]" with the slope's decimals. */
    static String interval(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return "—";
        }
        return "[" + slope(low) + ", " + slope(high) + "]";
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

    /** A text table with aligned columns (numbers right-aligned), a header and a rule. */
    static String table(List<String> header, List<List<String>> rows, boolean[] rightAligned) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < all.size(); k++) {
            List<String> r = all.get(k);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                String pad = " ".repeat(width[i] - cell.codePointCount(0, cell.length()));
                if (i > 0) {
                    line.append("  ");
                }
                line.append(rightAligned[i] ? pad + cell : cell + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (k == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                sb.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
            }
        }
        return sb.toString();
    }

    /** The rate table: setting, metric, slope, interval, theory, verdict, flag (the guardrails' warning). */
    static String rateTable(List<RateRow> rates) {
        List<List<String>> rows = new ArrayList<>();
        for (RateRow r : rates) {
            rows.add(List.of(r.setting(), r.metric(), slope(r.slope()), interval(r.ciLow(), r.ciHigh()),
                    slope(r.theory()), r.verdict().label(), r.flag()));
        }
        return table(List.of("setting", "metric", "slope", "interval", "theory", "verdict", "flag"), rows,
                new boolean[] {false, false, true, true, true, false, false});
    }
}
