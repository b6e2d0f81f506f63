package org.dgmoe.app.page;

import java.awt.BasicStroke;
import java.awt.Color;
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
import org.dgmoe.app.storage.FinishedSweep;
import org.dgmoe.app.table.CoverageTable;
import org.dgmoe.core.summary.CoverageRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a coverage study (a sweep with an {@code intervals} block; docs/uncertainty.md, "Coverage"): per
 * setting and method, the coverage of every true parameter against n (log axis; parameters dodged in n), each point
 * with its 95% Clopper–Pearson interval as a bar, the nominal level as a solid grey line and the binomial band of
 * the level (the central 95% of Binomial(R, level)/R) as dashed lines.
 */
public final class CoverageFigures {
    /** Parameter i of m is drawn at n·DODGE^(i − (m − 1)/2), so the bars of one n do not overlap. */
    static final double DODGE = 1.04;

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
        XYChart chart = Figures.chart(title, "n", "coverage");
        chart.getStyler().setXAxisLogarithmic(true);
        List<String> parameters = rows.stream().map(CoverageRow::parameter).distinct().toList();
        double low = 1;
        int m = parameters.size();
        for (int i = 0; i < m; i++) {
            String p = parameters.get(i);
            List<CoverageRow> series = rows.stream().filter(r -> r.parameter().equals(p))
                    .sorted(Comparator.comparingInt(CoverageRow::n)).toList();
            Color c = Figures.PALETTE[i % Figures.PALETTE.length];
            double[] x = new double[series.size()];
            double[] y = new double[series.size()];
            for (int j = 0; j < x.length; j++) {
                CoverageRow r = series.get(j);
                x[j] = r.n() * Math.pow(DODGE, i - (m - 1) / 2.0);
                y[j] = r.coverage();
                low = Math.min(low, r.ciLow());
                XYSeries bar = chart.addSeries(p + " ci " + j, new double[] {x[j], x[j]},
                        new double[] {r.ciLow(), r.ciHigh()});
                bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
                bar.setLineStyle(new BasicStroke(2f));
                bar.setShowInLegend(false);
            }
            XYSeries s = chart.addSeries(p, x, y);
            s.setMarker(i < Figures.PALETTE.length ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
            s.setMarkerColor(c);
            s.setLineColor(c);
        }
        List<CoverageRow> byN = rows.stream().filter(r -> r.parameter().equals(parameters.get(0)))
                .sorted(Comparator.comparingInt(CoverageRow::n)).toList();
        double[] n = byN.stream().mapToDouble(CoverageRow::n).toArray();
        // XChart labels the log axis at decades only: the smallest and largest n get labels of their own, on an
        // axis of fixed ends wide enough for the dodged bars
        double margin = Math.pow(DODGE, (m - 1) / 2.0) * 1.1;
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setXAxisMin(n[0] / margin).setXAxisMax(n[n.length - 1] * margin);
        chart.addAnnotation(new EndLabels(n[0], n[n.length - 1]));
        line(chart, "level " + percent(first.level()), n, byN.stream().mapToDouble(CoverageRow::level).toArray(),
                SeriesLines.SOLID);
        line(chart, "binomial band", n, byN.stream().mapToDouble(CoverageRow::bandLow).toArray(), SeriesLines.DASH_DASH);
        line(chart, "band high", n, byN.stream().mapToDouble(CoverageRow::bandHigh).toArray(), SeriesLines.DASH_DASH)
                .setShowInLegend(false);
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor(low * 10) / 10));
        chart.getStyler().setYAxisMax(1.0);
        String base = Figures.unique("coverage-" + Figures.slug(first.setting()) + "-" + first.method().configName(),
                used);
        return Figures.write(chart, dir, base, first.setting(), "coverage", title, "Points: the share of the "
                + first.replicates() + " replicates at each n whose interval holds the true value; bars: its 95% "
                + "Clopper–Pearson interval; solid grey: the nominal level; dashed: the central 95% of Binomial(R, "
                + "level)/R. Marked intervals count as they are; coverage/ has how many were marked and missing.");
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, BasicStroke stroke) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.GRAY);
        s.setLineStyle(stroke);
        return s;
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
