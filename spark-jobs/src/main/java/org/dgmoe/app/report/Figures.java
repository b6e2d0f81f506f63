package org.dgmoe.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.table.HistoryTable.Entry;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.RateRow;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures, drawn with XChart and written as PNG (Java2D, headless) and SVG.
 *
 * <p>Loss figures: one per setting and metric family (the aggregate losses; each Voronoi cell's
 * mass, slope, intercept and variance errors), log-log. Per metric: the mean over converged
 * replicates at each n (points), the 10–90% quantile range over replicates (vertical bars), the
 * least-squares line of log(mean) on log(n) labelled with its power law ("1.3·n^-0.493"), and the
 * theory's exponent as a dashed line of that slope through the data's geometric centre (mean log n,
 * mean log(mean loss) over the points drawn). Points with a mean or bar end ≤ 0 cannot be drawn on
 * a log axis and are left out.
 *
 * <p>History figures: one per (setting, metric), the estimated slope of each run over time with
 * its bootstrap interval, and the theory's exponent dashed.
 */
final class Figures {
    /** Size of every figure in pixels (the PNG's size). */
    static final int WIDTH = 1000;
    static final int HEIGHT = 620;
    /** Okabe–Ito colours: distinguishable with colour-vision deficiencies and in grey print. */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

    /** A written figure: its title and the file names (relative to the figures' folder) of its PNG and SVG. */
    record Figure(String setting, String group, String title, String png, String svg) {
    }

    private Figures() {
    }

    /** The loss figures of a sweep, written into {@code dir}; returned in (setting, family) order. */
    static List<Figure> losses(SweepResult result, Path dir, Set<String> usedNames) throws IOException {
        List<Figure> out = new ArrayList<>();
        Map<String, Map<String, List<CurveRow>>> curves = new LinkedHashMap<>();
        for (CurveRow c : result.curves()) {
            curves.computeIfAbsent(c.setting(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c.metric(), k -> new ArrayList<>()).add(c);
        }
        Map<String, Map<String, List<RateRow>>> groups = new LinkedHashMap<>();
        for (RateRow r : result.rates()) {
            groups.computeIfAbsent(r.setting(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(Tables.family(r.metric()), k -> new ArrayList<>()).add(r);
        }
        for (var bySetting : groups.entrySet()) {
            String setting = bySetting.getKey();
            for (var byFamily : bySetting.getValue().entrySet()) {
                String family = byFamily.getKey();
                String title = result.study() + " · " + setting + " · " + familyTitle(family);
                XYChart chart = chart(title, "sample size n", "loss: mean over converged replicates");
                chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
                chart.getStyler().setXAxisDecimalPattern("#,##0"); // 1,000 and 10,000, not 1000 and 1E4
                int drawn = 0;
                int colour = 0;
                boolean barsInLegend = false;
                for (RateRow rate : byFamily.getValue()) {
                    List<CurveRow> points = curves.getOrDefault(setting, Map.of()).getOrDefault(rate.metric(), List.of());
                    Color c = PALETTE[colour++ % PALETTE.length];
                    int added = lossSeries(chart, rate, points, c, !barsInLegend);
                    if (added > 0) {
                        drawn++;
                        barsInLegend = true;
                    }
                }
                if (drawn == 0) {
                    continue; // nothing positive to draw on log axes (e.g. lambda_error ≡ 0 without g0)
                }
                out.add(write(chart, dir, unique("loss-" + slug(setting) + "-" + family, usedNames), setting, family,
                        title));
            }
        }
        return out;
    }

    /** Adds one metric's series; returns the number of points drawn (0: nothing added). */
    private static int lossSeries(XYChart chart, RateRow rate, List<CurveRow> curve, Color c, boolean barsLegend) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (CurveRow p : curve) {
            if (p.mean() > 0 && Double.isFinite(p.mean())) {
                x.add((double) p.n());
                y.add(p.mean());
            }
        }
        if (x.isEmpty()) {
            return 0;
        }
        String m = rate.metric();
        Color translucent = new Color(c.getRed(), c.getGreen(), c.getBlue(), 140);
        boolean legendDone = !barsLegend;
        for (CurveRow p : curve) {
            if (p.mean() > 0 && p.q10() > 0 && p.q90() > 0 && Double.isFinite(p.q10()) && Double.isFinite(p.q90())) {
                // one series per bar; only the figure's first bar is named in the legend
                String name = legendDone ? m + " bar n=" + p.n() : "bars: 10–90% of replicates";
                XYSeries bar = chart.addSeries(name, new double[] {p.n(), p.n()}, new double[] {p.q10(), p.q90()});
                bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(translucent);
                bar.setLineStyle(new BasicStroke(1.2f));
                bar.setShowInLegend(!legendDone);
                legendDone = true;
            }
        }
        XYSeries mean = chart.addSeries(m + ": mean", x, y);
        mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        mean.setMarker(SeriesMarkers.CIRCLE);
        mean.setMarkerColor(c);
        double lo = x.get(0);
        double hi = x.get(x.size() - 1);
        if (Double.isFinite(rate.slope()) && Double.isFinite(rate.intercept())) {
            XYSeries fit = chart.addSeries(m + ": fit " + Format.powerLaw(rate.intercept(), rate.slope()),
                    new double[] {lo, hi}, new double[] {Math.exp(rate.intercept()) * Math.pow(lo, rate.slope()),
                        Math.exp(rate.intercept()) * Math.pow(hi, rate.slope())});
            fit.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            fit.setMarker(SeriesMarkers.NONE);
            fit.setLineColor(c);
            fit.setLineStyle(new BasicStroke(2f));
        }
        if (Double.isFinite(rate.theory())) {
            double mx = 0;
            double my = 0;
            for (int i = 0; i < x.size(); i++) {
                mx += Math.log(x.get(i));
                my += Math.log(y.get(i));
            }
            mx /= x.size();
            my /= y.size();
            double t = rate.theory();
            XYSeries theory = chart.addSeries(m + ": theory n^" + Format.slope(t) + " (through the centre)",
                    new double[] {lo, hi}, new double[] {Math.exp(my + t * (Math.log(lo) - mx)),
                        Math.exp(my + t * (Math.log(hi) - mx))});
            theory.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            theory.setMarker(SeriesMarkers.NONE);
            theory.setLineColor(c);
            theory.setLineStyle(SeriesLines.DASH_DASH);
        }
        return x.size();
    }

    /** The history figures: one per (setting, metric) of the entries, in first-seen order. */
    static List<Figure> history(List<Entry> entries, Path dir, Set<String> usedNames) throws IOException {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry e : entries) {
            groups.computeIfAbsent(e.run().study() + "\u0000" + e.rate().setting() + "\u0000" + e.rate().metric(),
                    k -> new ArrayList<>()).add(e);
        }
        Set<String> studies = new HashSet<>();
        entries.forEach(e -> studies.add(e.run().study()));
        List<Figure> out = new ArrayList<>();
        for (List<Entry> g : groups.values()) {
            Entry first = g.get(0);
            String study = first.run().study();
            String setting = first.rate().setting();
            String metric = first.rate().metric();
            String title = study + " · " + setting + " · " + metric + ": estimated rate per run";
            XYChart chart = chart(title, "run (UTC)", "slope of log mean loss on log n");
            chart.getStyler().setDatePattern("yyyy-MM-dd HH:mm");
            chart.getStyler().setTimezone(java.util.TimeZone.getTimeZone("UTC")); // the axis says UTC
            List<Date> when = new ArrayList<>();
            List<Double> slope = new ArrayList<>();
            boolean barLegend = false;
            int i = 0;
            for (Entry e : g) {
                RateRow r = e.rate();
                if (!Double.isFinite(r.slope())) {
                    continue;
                }
                Date d = Date.from(e.run().recorded());
                when.add(d);
                slope.add(r.slope());
                if (Double.isFinite(r.ciLow()) && Double.isFinite(r.ciHigh())) {
                    XYSeries bar = chart.addSeries(barLegend ? "interval " + (i++) : "bootstrap interval",
                            List.of(d, d), List.of(r.ciLow(), r.ciHigh()));
                    bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineColor(new Color(0x0072B2));
                    bar.setLineStyle(new BasicStroke(1.5f));
                    bar.setShowInLegend(!barLegend);
                    barLegend = true;
                }
            }
            if (when.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries("estimated slope", when, slope);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(0x0072B2));
            s.setLineColor(new Color(0x0072B2));
            double theory = g.get(g.size() - 1).rate().theory();
            if (Double.isFinite(theory)) {
                // the theory line spans the runs with a margin (an hour at least), so one run gets a dated axis
                Instant a = g.get(0).run().recorded();
                Instant b = g.get(g.size() - 1).run().recorded();
                long margin = Math.max(3600, (b.getEpochSecond() - a.getEpochSecond()) / 20);
                a = a.minusSeconds(margin);
                b = b.plusSeconds(margin);
                XYSeries t = chart.addSeries("theory " + Format.slope(theory), List.of(Date.from(a), Date.from(b)),
                        List.of(theory, theory));
                t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                t.setMarker(SeriesMarkers.NONE);
                t.setLineColor(new Color(0xD55E00));
                t.setLineStyle(SeriesLines.DASH_DASH);
            }
            String base = "history-" + (studies.size() > 1 ? slug(study) + "-" : "") + slug(setting) + "-"
                    + slug(metric);
            out.add(write(chart, dir, unique(base, usedNames), setting, metric, title));
        }
        return out;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(0xDDDDDD));
        s.setChartTitleBoxBackgroundColor(Color.WHITE);
        s.setChartTitleBoxBorderColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendSeriesLineLength(28);
        s.setMarkerSize(8);
        s.setAntiAlias(true);
        return chart;
    }

    private static Figure write(XYChart chart, Path dir, String base, String setting, String group, String title)
            throws IOException {
        String png = base + ".png";
        String svg = base + ".svg";
        BitmapEncoder.saveBitmap(chart, dir.resolve(png).toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(svg).toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return new Figure(setting, group, title, png, svg);
    }

    private static String familyTitle(String family) {
        return "aggregate".equals(family) ? "aggregate losses"
                : "cell0".equals(family) ? "g0 cell (cell 0) errors" : "Voronoi " + family.replace("cell", "cell ") + " errors";
    }

    /** A file-name-safe form of a name. */
    static String slug(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return t.isEmpty() ? "_" : t;
    }

    private static String unique(String base, Set<String> used) {
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
