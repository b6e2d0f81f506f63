package org.dgmoe.app.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.page.Plot.Dash;
import org.dgmoe.app.page.Plot.Key;
import org.dgmoe.app.page.Plot.Line;
import org.dgmoe.app.page.Plot.Mark;
import org.dgmoe.app.page.Plot.Marker;
import org.dgmoe.app.page.Plot.Points;
import org.dgmoe.app.storage.SweepResult;
import org.dgmoe.app.table.HistoryTable.Entry;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.RateRow;

/**
 * The report's figures, each described once as a {@link Plot} and written by {@link PlotPainter} as SVG (real
 * text, a few kilobytes, inline in the page) and PNG (Java2D, headless, at {@link #PNG_DPI}).
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
 * labelled at 1, 2 and 5 times the powers of ten ({@link Axis}) and at the smallest and largest n. Points
 * with a mean or bar end ≤ 0 cannot be drawn on a log axis and are left out.
 *
 * <p>History figures: one per (setting, metric), the estimated slope of each run over time with
 * its bootstrap interval, and the theory's exponent dashed.
 */
public final class Figures {
    /**
     * Size of every figure in points (the SVG's size; the PNG's in pixels at {@link #PNG_DPI}/72 of it), the height
     * without the legend, which goes below the plot (a row of {@link PlotPainter#LEGEND_ROW} per few entries).
     */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 460;
    /**
     * The PNG's resolution in dots per inch of the figure at 72 points per inch (recorded in the file): 200 gives
     * 2222 pixels across, 322 per inch when printed 6.9 inches wide (a page's text width), so the PNG is fit to
     * print.
     */
    public static final int PNG_DPI = 200;
    /**
     * Okabe–Ito colours (distinguishable with colour-vision deficiencies and in grey print), then Tol's wine,
     * olive and teal so that the ten tests of a power figure need no colour twice.
     */
    static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
        "#882255", "#999933", "#44AA99"};

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
    private static final String BLUE = PALETTE[0];

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
        List<Mark> marks = new ArrayList<>();
        List<Key> legend = new ArrayList<>();
        for (int i = 0; i < drawable.size(); i++) {
            RateRow rate = drawable.get(i);
            double dodge = Math.pow(DODGE, i - (drawable.size() - 1) / 2.0);
            lossSeries(marks, legend, rate, curves.get(rate.metric()), PALETTE[i % PALETTE.length], dodge);
        }
        Plot plot = plot(title, Axis.log("sample size n   (metrics dodged: ×" + DODGE + " in n per metric; bars: "
                + "10–90% of replicates; dashed: theory)", nMin / X_MARGIN, nMax * X_MARGIN).withExtra(nMin, nMax),
                Axis.log("loss: mean over converged replicates"), marks, legend);
        String note = allFits ? cellNote(family, atoms, cell, drawnLayouts)
                : layoutNote(layout, curves.get(drawable.get(0).metric()));
        String name = "loss-" + slug(setting) + (allFits ? "" : "-layout" + slug(layout)) + "-" + family;
        return write(plot, dir, unique(name, usedNames), setting, allFits ? family : family + " layout " + layout,
                note);
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
     * Adds one metric's marks: its bars and points at n·dodge, its fit and theory lines at n, and one
     * legend entry (a line with the points' marker, in the metric's colour: the points and the fit)
     * naming the metric, the fitted power law and the theory's exponent.
     */
    private static void lossSeries(List<Mark> marks, List<Key> legend, RateRow rate, List<CurveRow> curve, String c,
            double dodge) {
        List<CurveRow> points = positive(curve);
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            CurveRow p = points.get(i);
            x[i] = p.n() * dodge;
            y[i] = p.mean();
            if (p.q10() > 0 && p.q90() > 0 && Double.isFinite(p.q10()) && Double.isFinite(p.q90())) {
                marks.add(Line.bar(x[i], p.q10(), p.q90(), c));
            }
        }
        marks.add(Points.of(x, y, c, Marker.CIRCLE, 4));
        double lo = points.get(0).n();
        double hi = points.get(points.size() - 1).n();
        String fitText = "fit —";
        if (Double.isFinite(rate.slope()) && Double.isFinite(rate.intercept())) {
            fitText = "fit " + Format.powerLaw(rate.intercept(), rate.slope());
            marks.add(Line.of(new double[] {lo, hi}, new double[] {Math.exp(rate.intercept()) * Math.pow(lo,
                rate.slope()), Math.exp(rate.intercept()) * Math.pow(hi, rate.slope())}, c, Dash.SOLID));
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
            marks.add(Line.of(new double[] {lo, hi}, new double[] {Math.exp(my + t * (Math.log(lo) - mx)),
                Math.exp(my + t * (Math.log(hi) - mx))}, c, Dash.DASHED));
        }
        legend.add(Key.lineAndMarker(rate.metric() + ": " + fitText + "; " + theoryText, c, Dash.SOLID, Marker.CIRCLE));
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
            List<Mark> marks = new ArrayList<>();
            List<Key> legend = new ArrayList<>();
            List<Double> when = new ArrayList<>();
            List<Double> slope = new ArrayList<>();
            boolean bars = false;
            for (Entry e : g) {
                RateRow r = e.rate();
                if (!Double.isFinite(r.slope())) {
                    continue;
                }
                double t = e.run().recorded().getEpochSecond();
                when.add(t);
                slope.add(r.slope());
                if (Double.isFinite(r.ciLow()) && Double.isFinite(r.ciHigh())) {
                    marks.add(new Line(new double[] {t, t}, new double[] {r.ciLow(), r.ciHigh()}, BLUE, 1.5,
                            Dash.SOLID, 1));
                    bars = true;
                }
            }
            if (when.isEmpty()) {
                continue;
            }
            if (bars) {
                legend.add(Key.line("bootstrap interval", BLUE, Dash.SOLID));
            }
            double[] x = when.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = slope.stream().mapToDouble(Double::doubleValue).toArray();
            marks.add(new Line(x, y, BLUE, 1.5, Dash.SOLID, 1));
            marks.add(Points.of(x, y, BLUE, Marker.CIRCLE, 4));
            legend.add(Key.lineAndMarker("estimated slope", BLUE, Dash.SOLID, Marker.CIRCLE));
            double theory = g.get(g.size() - 1).rate().theory();
            if (Double.isFinite(theory)) {
                // the theory line spans the runs with a margin (an hour at least), so one run gets a dated axis
                Instant a = g.get(0).run().recorded();
                Instant b = g.get(g.size() - 1).run().recorded();
                long margin = Math.max(3600, (b.getEpochSecond() - a.getEpochSecond()) / 20);
                marks.add(Line.of(new double[] {a.getEpochSecond() - margin, b.getEpochSecond() + margin},
                        new double[] {theory, theory}, "#D55E00", Dash.DASHED));
                legend.add(Key.line("theory " + Format.slope(theory), "#D55E00", Dash.DASHED));
            }
            Plot plot = plot(title, Axis.time("run (UTC)"), Axis.linear("slope of log mean loss on log n"), marks,
                    legend);
            String base = "history-" + (studies.size() > 1 ? slug(study) + "-" : "") + slug(setting) + "-"
                    + slug(metric);
            out.add(write(plot, dir, unique(base, usedNames), setting, metric, ""));
        }
        return out;
    }

    /** A report figure of {@link #WIDTH} × {@link #HEIGHT} with its legend below in as many columns as fit. */
    static Plot plot(String title, Axis x, Axis y, List<Mark> marks, List<Key> legend) {
        return new Plot(WIDTH, HEIGHT, title, x, y, marks, legend, 0);
    }

    /** Writes {@code plot} as {@code base}.svg and {@code base}.png into {@code dir}; its title is the figure's. */
    static Figure write(Plot plot, Path dir, String base, String setting, String group, String note)
            throws IOException {
        String png = base + ".png";
        String svg = base + ".svg";
        Files.writeString(dir.resolve(svg), PlotPainter.svg(plot), StandardCharsets.UTF_8);
        PlotPainter.png(plot, dir.resolve(png), PNG_DPI / 72.0);
        return new Figure(setting, group, plot.title(), note, png, svg);
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
