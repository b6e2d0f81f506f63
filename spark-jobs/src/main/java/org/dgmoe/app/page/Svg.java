package org.dgmoe.app.page;

import java.util.List;
import java.util.Locale;

/**
 * The test page's figures as small hand-written SVG (well-formed XML, inline in the page): a histogram
 * with an optional marked value and reference level, and a scatter plot with lines and a band. A few
 * kilobytes each, where the sweep report's XChart SVGs (text as outlines) take some 0.4 MB. Text is SVG
 * {@code <text>} (selectable, searchable, scalable), through {@link Page#esc}. The axes carry the caller's
 * names (the data's columns) and ticks at round values ({@link #ticks}: steps of 1, 2 or 5 times a power of
 * ten, labelled by {@link Format#tick}); a count axis has integer ticks only. The legend sits below the
 * plot, never over the data.
 */
final class Svg {
    static final int WIDTH = 640;
    /** The height without a legend. */
    static final int HEIGHT = 340;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;
    /** The height of one legend row below the plot. */
    private static final int LEGEND_ROW = 17;
    /** Aim for about this many ticks per axis (between 3 and 8 with steps of 1, 2 and 5). */
    private static final int TICKS = 5;
    private static final String BAND_FILL = "#BBBBBB";

    /** A line through sorted points, in a colour, solid or dashed, named in the legend. */
    record Curve(double[] x, double[] y, String colour, boolean dashed, String label) {
    }

    /** A shaded band between {@code lo} and {@code hi} over sorted {@code x}, named in the legend. */
    record Band(double[] x, double[] lo, double[] hi, String label) {
    }

    private final StringBuilder sb = new StringBuilder();
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final boolean integerY;
    private int legendRows;

    private Svg(String title, String xLabel, String yLabel, double x0, double x1, double y0, double y1,
            boolean integerY, int legendSize) {
        this.x0 = x0;
        this.x1 = x1 > x0 ? x1 : x0 + 1;
        this.y0 = y0;
        this.y1 = y1 > y0 ? y1 : y0 + 1;
        this.integerY = integerY;
        int height = HEIGHT + (legendSize > 0 ? legendSize * LEGEND_ROW + 6 : 0);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        text(WIDTH / 2.0, 18, title, "middle", 14);
        text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 10, xLabel, "middle", 13);
        sb.append("<text transform=\"translate(15,").append(f(TOP + (HEIGHT - TOP - BOTTOM) / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">").append(Page.esc(yLabel))
                .append("</text>");
        axes();
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
        Svg s = new Svg(title, xLabel, "count", lo, hi, 0, top, true, 0);
        for (int b = 0; b < bins; b++) {
            double xa = s.px(lo + b * width);
            double xb = s.px(lo + (b + 1) * width);
            double ya = s.py(counts[b]);
            s.sb.append("<rect x=\"").append(f(xa)).append("\" y=\"").append(f(ya)).append("\" width=\"")
                    .append(f(Math.max(0.5, xb - xa - 1))).append("\" height=\"").append(f(s.py(0) - ya))
                    .append("\" fill=\"#0072B2\" fill-opacity=\"0.75\"/>");
        }
        if (!Double.isNaN(level)) {
            s.line(lo, level, hi, level, "#555", true);
        }
        if (!Double.isNaN(marker)) {
            double m = Math.max(lo, Math.min(hi, marker));
            s.line(m, 0, m, top, "#D55E00", false);
            s.text(Math.min(s.px(m) + 4, WIDTH - RIGHT - 4), TOP + 14, markerLabel,
                    s.px(m) > WIDTH - RIGHT - 120 ? "end" : "start", 12);
        }
        s.ticks();
        return s.done();
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
        double padX = 0.03 * (xh - xl);
        double padY = 0.05 * (yh - yl);
        Svg s = new Svg(title, xLabel, yLabel, xl - padX, xh + padX, yl - padY, yh + padY, false,
                1 + (band == null ? 0 : 1) + curves.size());
        s.openPlotArea();
        if (band != null) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < band.x().length; i++) {
                pts.append(f(s.px(band.x()[i]))).append(',').append(f(s.py(band.hi()[i]))).append(' ');
            }
            for (int i = band.x().length - 1; i >= 0; i--) {
                pts.append(f(s.px(band.x()[i]))).append(',').append(f(s.py(band.lo()[i]))).append(' ');
            }
            s.sb.append("<polygon fill=\"").append(BAND_FILL).append("\" fill-opacity=\"0.35\" stroke=\"none\" points=\"")
                    .append(pts.toString().strip()).append("\"/>");
        }
        for (int i = 0; i < x.length; i++) {
            s.sb.append("<circle cx=\"").append(f(s.px(x[i]))).append("\" cy=\"").append(f(s.py(y[i])))
                    .append("\" r=\"2.2\" fill=\"").append(pointColour(w == null ? 0 : w[i])).append("\"/>");
        }
        for (Curve c : curves) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < c.x().length; i++) {
                pts.append(f(s.px(c.x()[i]))).append(',').append(f(s.py(c.y()[i]))).append(' ');
            }
            s.sb.append("<polyline fill=\"none\" stroke=\"").append(c.colour()).append("\" stroke-width=\"2\"")
                    .append(c.dashed() ? " stroke-dasharray=\"6,4\"" : "").append(" points=\"")
                    .append(pts.toString().strip()).append("\"/>");
        }
        s.sb.append("</svg>");
        s.ticks();
        s.legendPoints(pointsLabel, w != null);
        if (band != null) {
            double row = s.legendRow();
            s.sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(f(row - 9))
                    .append("\" width=\"22\" height=\"10\" fill=\"").append(BAND_FILL).append("\" fill-opacity=\"0.35\"/>");
            s.text(LEFT + 30, row, band.label(), "start", 11);
        }
        for (Curve c : curves) {
            double row = s.legendRow();
            s.sb.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(f(row - 4)).append("\" x2=\"")
                    .append(LEFT + 22).append("\" y2=\"").append(f(row - 4)).append("\" stroke=\"").append(c.colour())
                    .append("\" stroke-width=\"2\"").append(c.dashed() ? " stroke-dasharray=\"6,4\"" : "").append("/>");
            s.text(LEFT + 30, row, c.label(), "start", 11);
        }
        return s.done();
    }

    /** The grey-to-orange colour of a point of weight t ∈ [0, 1]. */
    private static String pointColour(double w) {
        double t = Math.max(0, Math.min(1, w));
        int r = (int) Math.round(150 + t * (213 - 150));
        int g = (int) Math.round(150 + t * (94 - 150));
        int b = (int) Math.round(150 + t * (0 - 150));
        return String.format(Locale.ROOT, "#%02X%02X%02X", r, g, b);
    }

    /** The text baseline of the next legend row below the plot (and counts it). */
    private double legendRow() {
        return HEIGHT + 4 + LEGEND_ROW * legendRows++ + 11;
    }

    /** The legend row of the points: one grey dot, or the colour scale grey 0 → orange 1. */
    private void legendPoints(String label, boolean coloured) {
        double y = legendRow();
        if (coloured) {
            for (int k = 0; k <= 4; k++) {
                sb.append("<circle cx=\"").append(f(LEFT + 3 + 4 * k)).append("\" cy=\"").append(f(y - 4))
                        .append("\" r=\"2.2\" fill=\"").append(pointColour(k / 4.0)).append("\"/>");
            }
        } else {
            sb.append("<circle cx=\"").append(f(LEFT + 11)).append("\" cy=\"").append(f(y - 4))
                    .append("\" r=\"2.2\" fill=\"").append(pointColour(0)).append("\"/>");
        }
        text(LEFT + 30, y, label, "start", 11);
    }

    /**
     * Opens the plot area as a nested {@code <svg>} whose viewBox is its own region: the coordinates inside
     * stay the figure's, and what falls outside (a band or a line beyond the data's range) is clipped at the
     * frame instead of flattened onto it. The caller closes it with {@code </svg>}.
     */
    private void openPlotArea() {
        int w = WIDTH - LEFT - RIGHT;
        int h = HEIGHT - TOP - BOTTOM;
        sb.append("<svg x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"").append(LEFT).append(' ').append(TOP)
                .append(' ').append(w).append(' ').append(h).append("\">");
    }

    private double px(double v) {
        return LEFT + (v - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
    }

    private double py(double v) {
        return HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
    }

    private void axes() {
        sb.append("<path d=\"M").append(LEFT).append(',').append(TOP).append(" V").append(HEIGHT - BOTTOM).append(" H")
                .append(WIDTH - RIGHT).append("\" fill=\"none\" stroke=\"black\"/>");
    }

    private void ticks() {
        double xStep = step(x0, x1, false);
        for (double vx : ticks(x0, x1, xStep)) {
            sb.append("<line x1=\"").append(f(px(vx))).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                    .append(f(px(vx))).append("\" y2=\"").append(HEIGHT - BOTTOM + 4).append("\" stroke=\"black\"/>");
            text(px(vx), HEIGHT - BOTTOM + 17, Format.tick(vx, xStep), "middle", 11);
        }
        double yStep = step(y0, y1, integerY);
        for (double vy : ticks(y0, y1, yStep)) {
            sb.append("<line x1=\"").append(LEFT - 4).append("\" y1=\"").append(f(py(vy))).append("\" x2=\"")
                    .append(LEFT).append("\" y2=\"").append(f(py(vy))).append("\" stroke=\"black\"/>");
            text(LEFT - 6, py(vy) + 4, Format.tick(vy, yStep), "end", 11);
        }
    }

    /**
     * The tick step of [lo, hi]: 1, 2 or 5 times a power of ten, the one nearest to (hi − lo)/{@link #TICKS};
     * at least 1 on an integer axis (counts).
     */
    static double step(double lo, double hi, boolean integer) {
        double raw = (hi - lo) / TICKS;
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
        return integer ? Math.max(1, Math.rint(step)) : step;
    }

    /** The multiples of {@code step} in [lo, hi] (computed as k·step, so they do not drift). */
    static double[] ticks(double lo, double hi, double step) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        int count = (int) Math.max(0, Math.min(100, last - first + 1));
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = (first + i) * step;
        }
        return out;
    }

    private void line(double xa, double ya, double xb, double yb, String colour, boolean dashed) {
        sb.append("<line x1=\"").append(f(px(xa))).append("\" y1=\"").append(f(py(ya))).append("\" x2=\"")
                .append(f(px(xb))).append("\" y2=\"").append(f(py(yb))).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"2\"").append(dashed ? " stroke-dasharray=\"5,4\"" : "").append("/>");
    }

    private void text(double x, double y, String s, String anchor, int size) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" font-size=\"").append(size).append("\">").append(Page.esc(s)).append("</text>");
    }

    private String done() {
        return sb.append("</svg>").toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
