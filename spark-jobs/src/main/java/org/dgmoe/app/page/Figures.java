package org.dgmoe.app.page;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.storage.SweepResult;
import org.dgmoe.app.table.HistoryTable.Entry;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.RateRow;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures, drawn with XChart and written as PNG (Java2D, headless) and SVG.
 *
 * <p>Loss figures: one per setting and metric family (the aggregate losses; each Voronoi cell's
 * mass, slope, intercept and variance errors), log-log, titled with the study, the setting, its k
 * (fitted experts), k* (true experts), λ* (from the manifest's resolved config) and, for a cell, its
 * number of fitted atoms in the theory's layout ({@link #theoryAtoms}, what its rows assume); then,
 * for each cell layout with rates by layout (issue 24), one per cell family of that layout's fits
 * alone, titled with the layout and its own number of atoms in the cell ("cell 2 errors (2 fitted
 * atoms, layout 1,2)"), drawn from that layout's curve and rate rows. Per metric, in one colour: the mean over
 * converged replicates at each n (points), the 10–90% quantile range over replicates (vertical
 * bars), the least-squares line of log(mean) on log(n), and the theory's exponent as a dashed line
 * of that slope through the data's geometric centre (mean log n, mean log(mean loss) over the
 * points drawn). Points and bars are dodged ({@link #DODGE}) so that several metrics' bars at one n
 * do not hide each other. The legend has one entry per metric, keyed by its colour's line and
 * marker, giving the fitted power law ("1.3·n^-0.493") and the theory's exponent. The n axis is
 * labelled at every decade (XChart) and at the smallest and largest n ({@code EndLabels}). Points
 * with a mean or bar end ≤ 0 cannot be drawn on a log axis and are left out.
 *
 * <p>History figures: one per (setting, metric), the estimated slope of each run over time with
 * its bootstrap interval, and the theory's exponent dashed.
 */
public final class Figures {
    /** Size of every figure in points (the SVG's size; the PNG's in pixels at {@link #PNG_DPI}/72 of it). */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 620;
    /**
     * The PNG's resolution in dots per inch of the figure at 72 points per inch (recorded in the file):
     * 150 gives 2083 × 1291 pixels, 300 per inch when printed 6.9 inches wide (a page's text width), so
     * the PNG is fit to print. 300 would give 4166 × 2583 and cost some 5 s per figure on a loaded 2-core
     * machine (measured on the quickstart report: 89 s at 72 dpi, 120 s at 300 dpi, 6 figures).
     */
    public static final int PNG_DPI = 150;
    /**
     * Okabe–Ito colours (distinguishable with colour-vision deficiencies and in grey print), then Tol's wine,
     * olive and teal so that the ten tests of a power figure need no colour twice.
     */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x882255),
        new Color(0x999933), new Color(0x44AA99)};

    /**
     * A written figure: its title, a note for its caption ("" or where a number in the title comes
     * from) and the file names (relative to the figures' folder) of its PNG and SVG.
     */
    public record Figure(String setting, String group, String title, String note, String png, String svg) {
    }

    /**
     * The dodge of the loss figures: metric i of the m drawn in one figure (i = 0..m−1) has its
     * points and bars at n·DODGE^(i − (m−1)/2), so the bars of several metrics at one n sit side by
     * side on the log axis instead of on top of each other; the fitted and theory lines stay at the
     * true n.
     */
    static final double DODGE = 1.045;
    /** The x axis reaches this factor beyond the smallest and the largest n (room for the dodge). */
    private static final double X_MARGIN = 1.15;

    private Figures() {
    }

    /**
     * The loss figures of a sweep, written into {@code dir}; returned per setting, the figures over all
     * fits first (by family), then those of each cell layout with rates by layout (by layout, family):
     * the points of that layout's own curve rows, its rates' fitted lines and exponents.
     */
    public static List<Figure> losses(SweepResult result, Path dir, Set<String> usedNames) throws IOException {
        List<Figure> out = new ArrayList<>();
        // setting → layout → metric → points (a table before layouts has its points over all fits)
        Map<String, Map<String, Map<String, List<CurveRow>>>> curves = new LinkedHashMap<>();
        for (CurveRow c : result.curves()) {
            curves.computeIfAbsent(c.setting(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c.layout(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c.metric(), k -> new ArrayList<>()).add(c);
        }
        // setting → layout → family → rates, in rates/' order (a setting's rates over all fits first)
        Map<String, Map<String, Map<String, List<RateRow>>>> groups = new LinkedHashMap<>();
        for (RateRow r : result.rates()) {
            groups.computeIfAbsent(r.setting(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.layout(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(Tables.family(r.metric()), k -> new ArrayList<>()).add(r);
        }
        for (var bySetting : groups.entrySet()) {
            String setting = bySetting.getKey();
            Map<String, Map<String, List<CurveRow>>> ofSetting = curves.getOrDefault(setting, Map.of());
            List<String> drawnLayouts = bySetting.getValue().keySet().stream()
                    .filter(l -> !RateRow.ALL_FITS.equals(l) && ofSetting.containsKey(l)).toList();
            for (var byLayout : bySetting.getValue().entrySet()) {
                for (var byFamily : byLayout.getValue().entrySet()) {
                    Figure f = lossFigure(result, dir, usedNames, setting, byLayout.getKey(), byFamily.getKey(),
                            byFamily.getValue(), ofSetting.getOrDefault(byLayout.getKey(), Map.of()), drawnLayouts);
                    if (f != null) {
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The loss figure of one family of a setting's rates of one layout, drawn from that layout's
     * points ({@code curves}: metric → points); null when no rate has a positive point to draw (e.g.
     * lambda_error ≡ 0 without g0). {@code drawnLayouts}: the setting's layouts drawn apart, which a
     * figure over all fits points to.
     */
    private static Figure lossFigure(SweepResult result, Path dir, Set<String> usedNames, String setting,
            String layout, String family, List<RateRow> rates, Map<String, List<CurveRow>> curves,
            List<String> drawnLayouts) throws IOException {
        List<RateRow> drawable = new ArrayList<>();
        int nMin = Integer.MAX_VALUE;
        int nMax = Integer.MIN_VALUE;
        for (RateRow rate : rates) {
            List<CurveRow> points = positive(curves.getOrDefault(rate.metric(), List.of()));
            if (!points.isEmpty()) {
                drawable.add(rate);
                nMin = Math.min(nMin, points.get(0).n());
                nMax = Math.max(nMax, points.get(points.size() - 1).n());
            }
        }
        if (drawable.isEmpty()) {
            return null;
        }
        SweepResult.Model model = result.model(setting);
        SweepResult.CellSize cell = cellSize(result, setting, family);
        boolean allFits = RateRow.ALL_FITS.equals(layout);
        int atoms = allFits ? theoryAtoms(model, family, cell) : layoutAtoms(layout, family);
        String title = lossTitle(result.study(), setting, family, model, atoms, layout);
        XYChart chart = chart(title, "sample size n   (metrics dodged: ×" + DODGE
                + " in n per metric; bars: 10–90% of replicates; dashed: theory)",
                "loss: mean over converged replicates");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0"); // 1,000 and 10,000, not 1000 and 1E4
        chart.getStyler().setXAxisMin(nMin / X_MARGIN).setXAxisMax(nMax * X_MARGIN);
        for (int i = 0; i < drawable.size(); i++) {
            RateRow rate = drawable.get(i);
            double dodge = Math.pow(DODGE, i - (drawable.size() - 1) / 2.0);
            lossSeries(chart, rate, curves.get(rate.metric()), PALETTE[i % PALETTE.length], dodge);
        }
        chart.addAnnotation(new EndLabels(nMin, nMax));
        String note = allFits ? cellNote(family, atoms, cell, drawnLayouts)
                : layoutNote(layout, curves.get(drawable.get(0).metric()));
        String name = "loss-" + slug(setting) + (allFits ? "" : "-layout" + slug(layout)) + "-" + family;
        return write(chart, dir, unique(name, usedNames), setting, allFits ? family : family + " layout " + layout,
                title, note);
    }

    /**
     * The note of a cell figure over all fits: the cell's size in the theory's layout and among the
     * fits, and which layouts' fits are drawn apart; "" for a family that is no cell.
     */
    private static String cellNote(String family, int atoms, SweepResult.CellSize cell, List<String> drawnLayouts) {
        if (cell == null) {
            return "";
        }
        String apart = drawnLayouts.isEmpty() ? "" : " The points are over all fits; the fits of layout "
                + String.join(" and of layout ", drawnLayouts) + " are drawn apart below.";
        String at = " among the converged fits at n = " + String.format(java.util.Locale.ROOT, "%,d", cell.n());
        String column = cell.count() + " of " + cell.fits() + ", fits/ column cell" + cellIndex(family) + "_size";
        return (atoms != cell.size()
                ? "Cell size: " + atoms + " fitted atom" + (atoms == 1 ? "" : "s") + " in the theory's layout "
                + "(the near-truth plan), which the dashed line and the rates over all fits assume; the most "
                + "common |A_" + cellIndex(family) + "|" + at + " is " + cell.size() + " (" + column
                + "): see the rates by layout."
                : "Cell size: the most common |A_" + cellIndex(family) + "|" + at + " (" + column
                + "), as the theory's layout has it.") + apart;
    }

    /** The note of a layout's figure: whose fits it draws, against which exponents, and how many per n. */
    private static String layoutNote(String layout, List<CurveRow> points) {
        int[] sizes = RateRow.cellSizes(layout);
        List<String> cells = new ArrayList<>();
        for (int j = 1; j < sizes.length; j++) {
            cells.add("|A_" + j + "| = " + sizes[j]);
        }
        IntSummaryStatistics counts = points.stream().mapToInt(CurveRow::count).summaryStatistics();
        return "Layout " + layout + ": only the fits whose Voronoi cells hold " + String.join(", ", cells)
                + " fitted atoms (fits/ columns cell{j}_size), " + counts.getMin()
                + (counts.getMin() == counts.getMax() ? "" : " to " + counts.getMax())
                + " converged fits per n; points, bars and fitted lines are theirs (curves/ and rates/ rows with "
                + "layout " + layout + "), and the dashed line is this layout's exponent.";
    }

    /** The fitted atoms of a cell in {@code layout} ("m1,m2,…"); −1 for a family that is no such cell. */
    static int layoutAtoms(String layout, String family) {
        int[] sizes = RateRow.cellSizes(layout);
        if (!family.startsWith("cell")) {
            return -1;
        }
        int j = cellIndex(family);
        return j >= 1 && j < sizes.length ? sizes[j] : -1;
    }

    /**
     * The fitted atoms of a cell figure's title: those of the theory's layout
     * ({@link TheoryTable#plannedCellSizes(int, int)} of the model's k and k*), which the figure's
     * theory line and the rates over all fits it draws assume, so that figure and row agree (issue 24);
     * the most common size of {@code cell} when the model does not give k ≥ k*; −1 for no cell.
     */
    static int theoryAtoms(SweepResult.Model model, String family, SweepResult.CellSize cell) {
        if (cell == null) {
            return -1;
        }
        int j = cellIndex(family);
        if (j >= 1 && model.kStar() > 0 && model.k() >= model.kStar() && j <= model.kStar()) {
            return TheoryTable.plannedCellSizes(model.k(), model.kStar())[j];
        }
        return cell.size();
    }

    /** The title of a loss figure over all fits. */
    static String lossTitle(String study, String setting, String family, SweepResult.Model model, int atoms) {
        return lossTitle(study, setting, family, model, atoms, RateRow.ALL_FITS);
    }

    /**
     * The title of a loss figure: study, setting, family, k, k*, λ*, for a cell its fitted atoms (or
     * −1 for none) and, for the fits of one layout, the layout: "cell 2 errors (2 fitted atoms, layout 1,2)".
     */
    static String lossTitle(String study, String setting, String family, SweepResult.Model model, int atoms,
            String layout) {
        StringBuilder t = new StringBuilder(study + " · " + setting + " · " + familyTitle(family));
        List<String> about = new ArrayList<>();
        if (atoms >= 0) {
            about.add(atoms + (atoms == 1 ? " fitted atom" : " fitted atoms"));
        }
        if (!RateRow.ALL_FITS.equals(layout)) {
            about.add("layout " + layout);
        }
        if (!about.isEmpty()) {
            t.append(" (").append(String.join(", ", about)).append(')');
        }
        List<String> m = new ArrayList<>();
        if (model.k() > 0) {
            m.add("k = " + model.k());
        }
        if (model.kStar() > 0) {
            m.add("k* = " + model.kStar());
        }
        if (Double.isFinite(model.lambdaStar())) {
            m.add("λ* = " + Format.coefficient(model.lambdaStar()));
        }
        if (!m.isEmpty()) {
            t.append(" · ").append(String.join(", ", m));
        }
        return t.toString();
    }

    private static SweepResult.CellSize cellSize(SweepResult result, String setting, String family) {
        if (!family.startsWith("cell")) {
            return null;
        }
        return result.cells().getOrDefault(setting, Map.of()).get(cellIndex(family));
    }

    private static int cellIndex(String family) {
        return Integer.parseInt(family.substring("cell".length()));
    }

    /** The points of a curve with a positive finite mean (those a log axis can show). */
    private static List<CurveRow> positive(List<CurveRow> curve) {
        return curve.stream().filter(p -> p.mean() > 0 && Double.isFinite(p.mean())).toList();
    }

    /**
     * Adds one metric's series: its bars and points at n·dodge, its fit and theory lines at n, and one
     * legend entry (a line with the points' marker, in the metric's colour: the points and the fit)
     * naming the metric, the fitted power law and the theory's exponent.
     */
    private static void lossSeries(XYChart chart, RateRow rate, List<CurveRow> curve, Color c, double dodge) {
        List<CurveRow> points = positive(curve);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (CurveRow p : points) {
            x.add(p.n() * dodge);
            y.add(p.mean());
        }
        String m = rate.metric();
        Color translucent = new Color(c.getRed(), c.getGreen(), c.getBlue(), 150);
        for (CurveRow p : points) {
            if (p.q10() > 0 && p.q90() > 0 && Double.isFinite(p.q10()) && Double.isFinite(p.q90())) {
                XYSeries bar = chart.addSeries(m + " bar n=" + p.n(), new double[] {p.n() * dodge, p.n() * dodge},
                        new double[] {p.q10(), p.q90()});
                bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(translucent);
                bar.setLineStyle(new BasicStroke(2f));
                bar.setShowInLegend(false);
            }
        }
        XYSeries mean = chart.addSeries(m + ": mean", x, y);
        mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        mean.setMarker(SeriesMarkers.CIRCLE);
        mean.setMarkerColor(c);
        mean.setShowInLegend(false);
        double lo = points.get(0).n();
        double hi = points.get(points.size() - 1).n();
        String fitText = "fit —";
        if (Double.isFinite(rate.slope()) && Double.isFinite(rate.intercept())) {
            fitText = "fit " + Format.powerLaw(rate.intercept(), rate.slope());
            XYSeries fit = chart.addSeries(m + ": fit", new double[] {lo, hi},
                    new double[] {Math.exp(rate.intercept()) * Math.pow(lo, rate.slope()),
                        Math.exp(rate.intercept()) * Math.pow(hi, rate.slope())});
            fit.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            fit.setMarker(SeriesMarkers.NONE);
            fit.setLineColor(c);
            fit.setLineStyle(new BasicStroke(2f));
            fit.setShowInLegend(false);
        }
        String theoryText = "no theory";
        if (Double.isFinite(rate.theory())) {
            double mx = 0;
            double my = 0;
            for (CurveRow p : points) {
                mx += Math.log(p.n());
                my += Math.log(p.mean());
            }
            mx /= points.size();
            my /= points.size();
            double t = rate.theory();
            theoryText = "theory n^" + Format.slope(t) + " (dashed)";
            XYSeries theory = chart.addSeries(m + ": theory", new double[] {lo, hi},
                    new double[] {Math.exp(my + t * (Math.log(lo) - mx)), Math.exp(my + t * (Math.log(hi) - mx))});
            theory.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            theory.setMarker(SeriesMarkers.NONE);
            theory.setLineColor(c);
            theory.setLineStyle(SeriesLines.DASH_DASH);
            theory.setShowInLegend(false);
        }
        // the legend's key: one point on the first mean (drawn over it, invisible), as a line with the marker
        XYSeries key = chart.addSeries(m + "\n" + fitText + "\n" + theoryText, new double[] {x.get(0)},
                new double[] {y.get(0)});
        key.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        key.setMarker(SeriesMarkers.CIRCLE);
        key.setMarkerColor(c);
        key.setLineColor(c);
        key.setLineStyle(new BasicStroke(2f));
    }

    /** The history figures: one per (setting, metric) of the entries, in first-seen order. */
    public static List<Figure> history(List<Entry> entries, Path dir, Set<String> usedNames) throws IOException {
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
            out.add(write(chart, dir, unique(base, usedNames), setting, metric, title, ""));
        }
        return out;
    }

    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(0xDDDDDD));
        s.setChartTitleBoxBackgroundColor(Color.WHITE);
        s.setChartTitleBoxBorderColor(Color.WHITE);
        s.setChartTitleFont(TitleFont.fitting(title, WIDTH));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendPadding(6);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendSeriesLineLength(22);
        s.setMarkerSize(8);
        s.setAntiAlias(true);
        return chart;
    }

    static Figure write(Chart<?, ?> chart, Path dir, String base, String setting, String group, String title,
            String note) throws IOException {
        String png = base + ".png";
        String svg = base + ".svg";
        BitmapEncoder.saveBitmapWithDPI(chart, dir.resolve(png).toString(), BitmapEncoder.BitmapFormat.PNG, PNG_DPI);
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(svg).toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return new Figure(setting, group, title, note, png, svg);
    }

    static String familyTitle(String family) {
        return "aggregate".equals(family) ? "aggregate losses"
                : "cell0".equals(family) ? "g0 cell (cell 0) errors" : "Voronoi " + family.replace("cell", "cell ") + " errors";
    }

    /** A file-name-safe form of a name. */
    static String slug(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return t.isEmpty() ? "_" : t;
    }

    static String unique(String base, Set<String> used) {
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
