package org.dgmoe.app.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmoe.app.page.Plot.Area;
import org.dgmoe.app.page.Plot.Box;
import org.dgmoe.app.page.Plot.Dash;
import org.dgmoe.app.page.Plot.Key;
import org.dgmoe.app.page.Plot.Line;
import org.dgmoe.app.page.Plot.Mark;
import org.dgmoe.app.page.Plot.Marker;
import org.dgmoe.app.page.Plot.Points;
import org.dgmoe.app.page.Plot.Rule;

/**
 * The test page's figures, described as {@link Plot}s and drawn by the report's {@link PlotPainter} as small SVG
 * (a few kilobytes, inline in the page): a histogram with an optional marked value and reference level, and a
 * scatter plot with lines and a band. The axes carry the caller's names (the data's columns) and ticks at round
 * values ({@link Axis}); a count axis has integer ticks only. The legend sits below the plot, one entry a row.
 */
final class Svg {
    static final int WIDTH = 640;
    /** The height without a legend. */
    static final int HEIGHT = 340;
    private static final String BAND_FILL = "#BBBBBB";
    private static final String BARS = "#0072B2";

    /** A line through sorted points, in a colour, solid or dashed, named in the legend. */
    record Curve(double[] x, double[] y, String colour, boolean dashed, String label) {
    }

    /** A shaded band between {@code lo} and {@code hi} over sorted {@code x}, named in the legend. */
    record Band(double[] x, double[] lo, double[] hi, String label) {
    }

    private Svg() {
    }

    /**
     * A histogram of {@code values} in {@code bins} equal bins over [lo, hi] (values outside go to the end
     * bins), {@code marker} (NaN: none) drawn as a red line, {@code level} (NaN: none) as a dashed line. Its
     * count axis has integer ticks.
     */
    static String histogram(String title, String xLabel, double[] values, int bins, double lo, double hi,
            double marker, String markerLabel, double level) {
        int[] counts = new int[bins];
        double width = (hi - lo) / bins;
        for (double v : values) {
            int b = width > 0 ? (int) Math.floor((v - lo) / width) : 0;
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        double top = Math.max(max, Double.isNaN(level) ? 0 : level) * 1.1;
        List<Mark> marks = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            marks.add(new Box(lo + b * width, 0, lo + (b + 1) * width, counts[b], BARS, 0.75, null, true));
        }
        if (!Double.isNaN(level)) {
            marks.add(Line.of(new double[] {lo, hi}, new double[] {level, level}, "#555555", Dash.DASHED));
        }
        if (!Double.isNaN(marker)) {
            marks.add(new Rule(Math.max(lo, Math.min(hi, marker)), "#D55E00", markerLabel));
        }
        return PlotPainter.svg(new Plot(WIDTH, HEIGHT, title, Axis.linear(xLabel, lo, hi > lo ? hi : lo + 1),
                Axis.counts("count", 0, top), marks, List.of(), 1));
    }

    /**
     * Points (x, y), coloured by weight w ∈ [0, 1] from grey to orange ({@code w} null: all grey), a band
     * (null: none) under them and curves over them; the legend below names the points, the band and each
     * curve. The axes span the points; the band and curves are clipped to the plot area.
     */
    static String scatter(String title, String xLabel, String yLabel, double[] x, double[] y, double[] w,
            String pointsLabel, Band band, List<Curve> curves) {
        double xl = Double.POSITIVE_INFINITY;
        double xh = Double.NEGATIVE_INFINITY;
        double yl = Double.POSITIVE_INFINITY;
        double yh = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            xl = Math.min(xl, x[i]);
            xh = Math.max(xh, x[i]);
            yl = Math.min(yl, y[i]);
            yh = Math.max(yh, y[i]);
        }
        double padX = xh > xl ? 0.03 * (xh - xl) : 1;
        double padY = yh > yl ? 0.05 * (yh - yl) : 1;
        List<Mark> marks = new ArrayList<>();
        List<Key> legend = new ArrayList<>();
        String[] colours = new String[w == null ? 1 : x.length];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = pointColour(w == null ? 0 : w[i]);
        }
        legend.add(w == null ? Key.marker(pointsLabel, pointColour(0), Marker.CIRCLE)
                : Key.ramp(pointsLabel, List.of(pointColour(0), pointColour(0.25), pointColour(0.5), pointColour(0.75),
                        pointColour(1)), Marker.CIRCLE));
        if (band != null) {
            marks.add(new Area(band.x(), band.lo(), band.hi(), BAND_FILL, 0.35));
            legend.add(Key.swatch(band.label(), BAND_FILL, 0.35));
        }
        marks.add(new Points(x, y, colours, Marker.CIRCLE, 2.2));
        for (Curve c : curves) {
            Dash dash = c.dashed() ? Dash.DASHED : Dash.SOLID;
            marks.add(Line.of(c.x(), c.y(), c.colour(), dash));
            legend.add(Key.line(c.label(), c.colour(), dash));
        }
        return PlotPainter.svg(new Plot(WIDTH, HEIGHT, title, Axis.linear(xLabel, xl - padX, xh + padX),
                Axis.linear(yLabel, yl - padY, yh + padY), marks, legend, 1));
    }

    /** The grey-to-orange colour of a point of weight t ∈ [0, 1]. */
    private static String pointColour(double w) {
        double t = Math.max(0, Math.min(1, w));
        int r = (int) Math.round(150 + t * (213 - 150));
        int g = (int) Math.round(150 + t * (94 - 150));
        int b = (int) Math.round(150 + t * (0 - 150));
        return String.format(Locale.ROOT, "#%02X%02X%02X", r, g, b);
    }
}
