package org.dgmoe.app.page;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.page.Figures.Figure;
import org.dgmoe.app.page.Plot.Box;
import org.dgmoe.app.page.Plot.Dash;
import org.dgmoe.app.page.Plot.Key;
import org.dgmoe.app.page.Plot.Line;
import org.dgmoe.app.page.Plot.Mark;
import org.dgmoe.app.page.Plot.Marker;
import org.dgmoe.app.page.Plot.Points;
import org.dgmoe.app.storage.SweepResult;
import org.dgmoe.core.summary.RateRow;

/**
 * The report's rate maps: how the estimated rates change across the points of a {@code vary} block
 * (docs/config.md, "Rate maps"). A map is the settings that share a base name and varied columns
 * (a point is named {@code <map>:<column>=<value>,...}; its rows carry the values).
 *
 * <p>A map along one line (one varied key, or several paired by {@code zip}): one figure per metric
 * family (aggregate losses; each Voronoi cell's mass, slope, intercept and variance errors; cell 0),
 * the estimated slope of every metric of the family against the first varied value, with its
 * bootstrap interval as a bar, and the theory's exponent of each point as a dashed step line (the
 * exponent holds from midway to the previous point to midway to the next); a point without an
 * exponent breaks the step line, and the legend names those points. A figure without any exponent
 * has a dotted grey line at the parametric −1/2 instead. A map over two keys (a cartesian product): one heatmap of the slope per metric,
 * the first key across, the second up, each cell labelled with its slope; cells without an
 * estimate are left blank. Maps over more than two keys get no figure (their tables carry every column).
 */
public final class RateMaps {
    /** The x offset of metric i of m in a rate map, as a share of the map's x range: i − (m−1)/2 times this. */
    static final double DODGE = 0.012;

    private RateMaps() {
    }

    /** One map: its base name, its varied columns and its rates by point (setting) in table order. */
    public record RateMap(String name, List<String> columns, Map<String, List<RateRow>> points) {
        /** Whether the points lie on a line: the first column alone tells them apart (one key, or a zip). */
        public boolean linear() {
            Set<Double> first = new LinkedHashSet<>();
            for (List<RateRow> rows : points.values()) {
                first.add(rows.get(0).varied().get(columns.get(0)));
            }
            return first.size() == points.size();
        }
    }

    /**
     * The maps of a sweep's rates, in first-seen order: settings with varied values grouped by base
     * name (the name without its {@code :<first column>=...} suffix) and columns.
     */
    public static List<RateMap> maps(List<RateRow> rates) {
        Map<String, Map<String, List<RateRow>>> byMap = new LinkedHashMap<>();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (RateRow r : rates) {
            if (r.varied().isEmpty()) {
                continue;
            }
            List<String> cols = List.copyOf(r.varied().keySet());
            int cut = r.setting().lastIndexOf(":" + cols.get(0) + "=");
            String base = cut > 0 ? r.setting().substring(0, cut) : r.setting();
            String key = base + "\u0000" + cols;
            columns.putIfAbsent(key, cols);
            byMap.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(r.setting(), k -> new ArrayList<>())
                    .add(r);
        }
        List<RateMap> out = new ArrayList<>();
        for (var e : byMap.entrySet()) {
            out.add(new RateMap(e.getKey().substring(0, e.getKey().indexOf('\u0000')), columns.get(e.getKey()),
                    e.getValue()));
        }
        return out;
    }

    /** The rate-map figures of a sweep, written into {@code dir}: per map, per family (or per metric for heatmaps). */
    public static List<Figure> figures(SweepResult result, Path dir, Set<String> usedNames) throws IOException {
        List<Figure> out = new ArrayList<>();
        // one rate per metric and point: the rates over all fits (the rates by layout are in the table)
        for (RateMap map : maps(result.rates().stream().filter(RateRow::allFits).toList())) {
            if (map.linear()) {
                out.addAll(lines(result.study(), map, dir, usedNames));
            } else if (map.columns().size() == 2) {
                out.addAll(heatmaps(result.study(), map, dir, usedNames));
            }
        }
        return out;
    }

    /** Metric → its rate at every point, points in ascending order of the first varied value. */
    private static Map<String, List<RateRow>> byMetric(RateMap map, String column) {
        List<List<RateRow>> points = new ArrayList<>(map.points().values());
        points.sort((a, b) -> Double.compare(a.get(0).varied().get(column), b.get(0).varied().get(column)));
        Map<String, List<RateRow>> out = new LinkedHashMap<>();
        for (List<RateRow> point : points) {
            for (RateRow r : point) {
                out.computeIfAbsent(r.metric(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    private static List<Figure> lines(String study, RateMap map, Path dir, Set<String> usedNames) throws IOException {
        String x = map.columns().get(0);
        Map<String, List<RateRow>> metrics = byMetric(map, x);
        Map<String, List<String>> families = new LinkedHashMap<>();
        for (String metric : metrics.keySet()) {
            families.computeIfAbsent(Tables.family(metric), k -> new ArrayList<>()).add(metric);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (RateRow r : metrics.values().iterator().next()) {
            lo = Math.min(lo, r.varied().get(x));
            hi = Math.max(hi, r.varied().get(x));
        }
        double span = hi > lo ? hi - lo : 1;
        String others = map.columns().size() > 1 ? "  (paired with " + String.join(", ", map.columns().subList(1,
                map.columns().size())) + ")" : "";
        List<Figure> out = new ArrayList<>();
        for (var family : families.entrySet()) {
            List<String> drawn = family.getValue().stream()
                    .filter(m -> metrics.get(m).stream().anyMatch(r -> Double.isFinite(r.slope()))).toList();
            if (drawn.isEmpty()) {
                continue;
            }
            String title = study + " · rate map " + map.name() + " · " + Figures.familyTitle(family.getKey());
            List<Mark> marks = new ArrayList<>();
            List<Key> legend = new ArrayList<>();
            boolean anyTheory = drawn.stream().anyMatch(m -> metrics.get(m).stream()
                    .anyMatch(r -> Double.isFinite(r.theory())));
            if (!anyTheory) { // with a theory, its steps are the reference (and would hide under this line)
                marks.add(Line.of(new double[] {lo - 0.05 * span, hi + 0.05 * span}, new double[] {-0.5, -0.5},
                        "#808080", Dash.DOTTED));
            }
            for (int i = 0; i < drawn.size(); i++) {
                double dodge = (i - (drawn.size() - 1) / 2.0) * DODGE * span;
                series(marks, legend, drawn.get(i), metrics.get(drawn.get(i)), x, dodge,
                        Figures.PALETTE[i % Figures.PALETTE.length]);
            }
            Plot plot = Figures.plot(title, Axis.linear(x + others + "   (bars: bootstrap interval; dashed steps: "
                    + "theory; dotted: −1/2 where no point has a theory)", lo - 0.05 * span, hi + 0.05 * span),
                    Axis.linear("rate: slope of log mean loss on log n"), marks, legend);
            out.add(Figures.write(plot, dir, Figures.unique("map-" + Figures.slug(map.name()) + "-" + family.getKey(),
                    usedNames), map.name(), family.getKey(), "One point per setting of the map; x: its "
                    + x + "."));
        }
        return out;
    }

    /** One metric of a line map: slopes with interval bars at x + dodge, the theory as a step line at x. */
    private static void series(List<Mark> marks, List<Key> legend, String metric, List<RateRow> rows, String column,
            double dodge, String c) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (RateRow r : rows) {
            double x = r.varied().get(column);
            if (!Double.isFinite(r.slope())) {
                continue;
            }
            xs.add(x + dodge);
            ys.add(r.slope());
            if (Double.isFinite(r.ciLow()) && Double.isFinite(r.ciHigh())) {
                marks.add(Line.bar(x + dodge, r.ciLow(), r.ciHigh(), c));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            RateRow r = rows.get(i);
            if (!Double.isFinite(r.theory())) {
                continue;
            }
            double x = r.varied().get(column);
            double left = i == 0 ? x : (x + rows.get(i - 1).varied().get(column)) / 2;
            double right = i == rows.size() - 1 ? x : (x + rows.get(i + 1).varied().get(column)) / 2;
            if (left == right) {
                double half = 0.02 * Math.max(1e-9, Math.abs(x));
                left = x - half;
                right = x + half;
            }
            marks.add(new Line(new double[] {left, right}, new double[] {r.theory(), r.theory()}, c, 2.5, Dash.DASHED,
                    1));
        }
        if (xs.isEmpty()) {
            return;
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        marks.add(new Line(x, y, c, 1.5, Dash.SOLID, 1));
        marks.add(Points.of(x, y, c, Marker.CIRCLE, 4));
        legend.add(Key.lineAndMarker(metric + ": " + theoryNote(rows), c, Dash.SOLID, Marker.CIRCLE));
    }

    /**
     * The colour of a heat map's cell at t ∈ [0, 1] of the slopes' range: steeper (more negative) slopes dark
     * blue (t = 0), the middle light grey, flatter ones orange (t = 1), linearly between.
     */
    static String heat(double t) {
        int[][] stops = {{0x00, 0x72, 0xB2}, {0xF0, 0xF0, 0xF0}, {0xE6, 0x9F, 0x00}};
        double u = Math.max(0, Math.min(1, t)) * 2;
        int k = Math.min(1, (int) u);
        double f = u - k;
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
            rgb[c] = (int) Math.round(stops[k][c] + f * (stops[k + 1][c] - stops[k][c]));
        }
        return String.format(Locale.ROOT, "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
    }

    /** The legend's word on the theory of one metric along a map: where it has no exponent. */
    public static String theoryNote(List<RateRow> rows) {
        List<String> missing = new ArrayList<>();
        for (RateRow r : rows) {
            if (!Double.isFinite(r.theory())) {
                missing.add(r.varied().isEmpty() ? r.setting() : Format.value(r.varied().values().iterator().next()));
            }
        }
        return missing.isEmpty() ? "theory at every point" : missing.size() == rows.size() ? "no theory at any point"
                : "no theory at " + String.join(", ", missing);
    }

    private static List<Figure> heatmaps(String study, RateMap map, Path dir, Set<String> usedNames)
            throws IOException {
        String xc = map.columns().get(0);
        String yc = map.columns().get(1);
        Set<Double> xSet = new java.util.TreeSet<>();
        Set<Double> ySet = new java.util.TreeSet<>();
        Map<String, Map<List<Double>, Double>> slopes = new LinkedHashMap<>();
        for (List<RateRow> point : map.points().values()) {
            for (RateRow r : point) {
                double x = r.varied().get(xc);
                double y = r.varied().get(yc);
                xSet.add(x);
                ySet.add(y);
                slopes.computeIfAbsent(r.metric(), k -> new LinkedHashMap<>()).put(List.of(x, y), r.slope());
            }
        }
        List<Double> xs = List.copyOf(xSet);
        List<Double> ys = List.copyOf(ySet);
        List<Figure> out = new ArrayList<>();
        for (var metric : slopes.entrySet()) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : metric.getValue().values()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (min > max) {
                continue;
            }
            if (min == max) {
                min -= 0.05;
                max += 0.05;
            }
            List<Mark> marks = new ArrayList<>();
            for (var e : metric.getValue().entrySet()) {
                double v = e.getValue();
                if (Double.isFinite(v)) {
                    int i = xs.indexOf(e.getKey().get(0));
                    int j = ys.indexOf(e.getKey().get(1));
                    marks.add(new Box(i - 0.5, j - 0.5, i + 0.5, j + 0.5, heat((v - min) / (max - min)), 1,
                            String.format(Locale.ROOT, "%.3f", v), false));
                }
            }
            List<String> ramp = new ArrayList<>();
            for (int k = 0; k <= 8; k++) {
                ramp.add(heat(k / 8.0));
            }
            String title = study + " · rate map " + map.name() + " · " + metric.getKey() + ": slope";
            Plot plot = Figures.plot(title, Axis.categories(xc, xs.stream().map(Format::value).toList()),
                    Axis.categories(yc, ys.stream().map(Format::value).toList()), marks, List.of(Key.ramp("slope "
                            + "from " + Format.value(min) + " (blue, steeper) to " + Format.value(max)
                            + " (orange, flatter)", ramp, Marker.NONE)));
            out.add(Figures.write(plot, dir, Figures.unique("map-" + Figures.slug(map.name()) + "-" + Figures.slug(
                    metric.getKey()), usedNames), map.name(), metric.getKey(), "Each cell: the slope of "
                    + metric.getKey() + " at that point; blank: no estimate."));
        }
        return out;
    }

}
