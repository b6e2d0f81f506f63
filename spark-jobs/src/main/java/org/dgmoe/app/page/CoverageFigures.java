package org.dgmoe.app.page;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.page.Figures.Figure;
import org.dgmoe.app.page.Plot.Dash;
import org.dgmoe.app.page.Plot.Key;
import org.dgmoe.app.page.Plot.Line;
import org.dgmoe.app.page.Plot.Mark;
import org.dgmoe.app.page.Plot.Marker;
import org.dgmoe.app.page.Plot.Points;
import org.dgmoe.app.storage.FinishedSweep;
import org.dgmoe.app.table.CoverageTable;
import org.dgmoe.core.summary.CoverageRow;

/**
 * The figures of a coverage study (a sweep with an {@code intervals} block; docs/uncertainty.md, "Coverage"): per
 * setting and method, the coverage of every true parameter against n (log axis; parameters dodged in n), each point
 * with its 95% Clopper–Pearson interval as a bar, the nominal level as a solid grey line and the binomial band of
 * the level (the central 95% of Binomial(R, level)/R) as dashed lines.
 */
public final class CoverageFigures {
    /** Parameter i of m is drawn at n·DODGE^(i − (m − 1)/2), so the bars of one n do not overlap. */
    static final double DODGE = 1.04;
    private static final String GREY = "#808080";

    private CoverageFigures() {
    }

    /** The rows of {@code coverage/} of a finished sweep, or null when it has none (no intervals block). */
    public static List<CoverageRow> read(SparkSession spark, String dir) {
        Path root = FinishedSweep.check(dir);
        return FinishedSweep.has(root, dir, CoverageTable.FOLDER) ? FinishedSweep.decoded(spark, dir,
                CoverageTable.FOLDER, CoverageTable.REQUIRED, CoverageTable::fromRow) : null;
    }

    /** One figure per (setting, method), in the table's order. */
    public static List<Figure> draw(List<CoverageRow> rows, java.nio.file.Path dir, Set<String> used)
            throws IOException {
        Map<String, List<CoverageRow>> groups = new LinkedHashMap<>();
        for (CoverageRow r : rows) {
            groups.computeIfAbsent(r.setting() + "\u0000" + r.method().configName(), k -> new ArrayList<>()).add(r);
        }
        List<Figure> out = new ArrayList<>();
        for (List<CoverageRow> group : groups.values()) {
            out.add(figure(group, dir, used));
        }
        return out;
    }

    private static Figure figure(List<CoverageRow> rows, java.nio.file.Path dir, Set<String> used) throws IOException {
        CoverageRow first = rows.get(0);
        String title = first.setting() + ": " + first.method().configName() + " " + percent(first.level())
                + " intervals, coverage against n";
        List<Mark> marks = new ArrayList<>();
        List<Key> legend = new ArrayList<>();
        List<String> parameters = rows.stream().map(CoverageRow::parameter).distinct().toList();
        double low = 1;
        int m = parameters.size();
        for (int i = 0; i < m; i++) {
            String p = parameters.get(i);
            List<CoverageRow> series = rows.stream().filter(r -> r.parameter().equals(p))
                    .sorted(Comparator.comparingInt(CoverageRow::n)).toList();
            String c = Figures.PALETTE[i % Figures.PALETTE.length];
            Marker marker = i < Figures.PALETTE.length ? Marker.CIRCLE : Marker.DIAMOND;
            double[] x = new double[series.size()];
            double[] y = new double[series.size()];
            for (int j = 0; j < x.length; j++) {
                CoverageRow r = series.get(j);
                x[j] = r.n() * Math.pow(DODGE, i - (m - 1) / 2.0);
                y[j] = r.coverage();
                low = Math.min(low, r.ciLow());
                marks.add(Line.bar(x[j], r.ciLow(), r.ciHigh(), c));
            }
            marks.add(Line.of(x, y, c, Dash.SOLID));
            marks.add(Points.of(x, y, c, marker, 4));
            legend.add(Key.lineAndMarker(p, c, Dash.SOLID, marker));
        }
        List<CoverageRow> byN = rows.stream().filter(r -> r.parameter().equals(parameters.get(0)))
                .sorted(Comparator.comparingInt(CoverageRow::n)).toList();
        double[] n = byN.stream().mapToDouble(CoverageRow::n).toArray();
        marks.add(Line.of(n, byN.stream().mapToDouble(CoverageRow::level).toArray(), GREY, Dash.SOLID));
        marks.add(Line.of(n, byN.stream().mapToDouble(CoverageRow::bandLow).toArray(), GREY, Dash.DASHED));
        marks.add(Line.of(n, byN.stream().mapToDouble(CoverageRow::bandHigh).toArray(), GREY, Dash.DASHED));
        legend.add(Key.line("level " + percent(first.level()), GREY, Dash.SOLID));
        legend.add(Key.line("binomial band", GREY, Dash.DASHED));
        // an axis of fixed ends wide enough for the dodged bars, its smallest and largest n labelled
        double margin = Math.pow(DODGE, (m - 1) / 2.0) * 1.1;
        Plot plot = Figures.plot(title, Axis.log("n", n[0] / margin, n[n.length - 1] * margin).withExtra(n[0],
                n[n.length - 1]), Axis.linear("coverage", Math.max(0, Math.floor(low * 10) / 10), 1.0), marks, legend);
        String base = Figures.unique("coverage-" + Figures.slug(first.setting()) + "-" + first.method().configName(),
                used);
        return Figures.write(plot, dir, base, first.setting(), "coverage", "Points: the share of the "
                + first.replicates() + " replicates at each n whose interval holds the true value; bars: its 95% "
                + "Clopper–Pearson interval; solid grey: the nominal level; dashed: the central 95% of Binomial(R, "
                + "level)/R. Marked intervals count as they are; coverage/ has how many were marked and missing.");
    }

    /** A level as a percentage: 95%, 97.5%. */
    static String percent(double level) {
        return java.math.BigDecimal.valueOf(level * 100).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /** One line for the terminal: how many (setting, n, parameter, method) rows lie below, within, above the band. */
    public static String summary(List<CoverageRow> rows) {
        long below = rows.stream().filter(r -> r.coverage() < r.bandLow()).count();
        long above = rows.stream().filter(r -> r.coverage() > r.bandHigh()).count();
        return "coverage: " + rows.size() + " (setting, n, parameter, method) rows: " + below + " below the binomial "
                + "band of the level, " + (rows.size() - below - above) + " within, " + above + " above\n";
    }
}
