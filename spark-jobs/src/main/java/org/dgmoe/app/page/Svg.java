package org.dgmoe.app.page;

import java.util.Locale;

/**
 * The test page's figures as small hand-written SVG (well-formed XML, inline in the page): a histogram
 * with an optional marked value and reference level, and a scatter plot with lines. A few kilobytes each,
 * where the sweep report's XChart SVGs (text as outlines) take some 0.4 MB. The one hand-written SVG drawer;
 * its text goes through {@link Page#esc} and its tick labels through {@link Format#number}.
 */
final class Svg {
    static final int WIDTH = 640;
    static final int HEIGHT = 340;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;

    private final StringBuilder sb = new StringBuilder();
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;

    private Svg(String title, String xLabel, String yLabel, double x0, double x1, double y0, double y1) {
        this.x0 = x0;
        this.x1 = x1 > x0 ? x1 : x0 + 1;
        this.y0 = y0;
        this.y1 = y1 > y0 ? y1 : y0 + 1;
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        text(WIDTH / 2.0, 18, title, "middle", 14);
        text(WIDTH / 2.0, HEIGHT - 8, xLabel, "middle", 12);
        sb.append("<text transform=\"translate(14,").append(f(TOP + (HEIGHT - TOP - BOTTOM) / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(Page.esc(yLabel)).append("</text>");
        axes();
    }

    /** A histogram of {@code values} in {@code bins} equal bins, {@code marker} (NaN: none) drawn as a red line. */
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
        Svg s = new Svg(title, xLabel, "count", lo, hi, 0, top);
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

    /** Points (x, y) coloured by weight w ∈ [0, 1] (grey to orange), and polylines through sorted points. */
    static String scatter(String title, String xLabel, String yLabel, double[] x, double[] y, double[] w,
            double[][] lineX, double[][] lineY, String[] lineColours, String[] lineLabels) {
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
        double padY = 0.05 * (yh - yl);
        Svg s = new Svg(title, xLabel, yLabel, xl, xh, yl - padY, yh + padY);
        for (int i = 0; i < x.length; i++) {
            double t = Math.max(0, Math.min(1, w[i]));
            int r = (int) Math.round(150 + t * (213 - 150));
            int g = (int) Math.round(150 + t * (94 - 150));
            int b = (int) Math.round(150 + t * (0 - 150));
            s.sb.append("<circle cx=\"").append(f(s.px(x[i]))).append("\" cy=\"").append(f(s.py(y[i])))
                    .append("\" r=\"2.2\" fill=\"").append(String.format(Locale.ROOT, "#%02X%02X%02X", r, g, b))
                    .append("\"/>");
        }
        for (int l = 0; l < lineX.length; l++) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < lineX[l].length; i++) {
                double yy = Math.max(s.y0, Math.min(s.y1, lineY[l][i]));
                pts.append(f(s.px(lineX[l][i]))).append(',').append(f(s.py(yy))).append(' ');
            }
            s.sb.append("<polyline fill=\"none\" stroke=\"").append(lineColours[l]).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().strip()).append("\"/>");
            s.sb.append("<rect x=\"").append(LEFT + 10).append("\" y=\"").append(TOP + 8 + 16 * l)
                    .append("\" width=\"14\" height=\"3\" fill=\"").append(lineColours[l]).append("\"/>");
            s.text(LEFT + 30, TOP + 13 + 16 * l, lineLabels[l], "start", 11);
        }
        s.ticks();
        return s.done();
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
        for (int i = 0; i <= 4; i++) {
            double vx = x0 + i * (x1 - x0) / 4;
            double vy = y0 + i * (y1 - y0) / 4;
            sb.append("<line x1=\"").append(f(px(vx))).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                    .append(f(px(vx))).append("\" y2=\"").append(HEIGHT - BOTTOM + 4).append("\" stroke=\"black\"/>");
            text(px(vx), HEIGHT - BOTTOM + 17, Format.number(vx), "middle", 11);
            sb.append("<line x1=\"").append(LEFT - 4).append("\" y1=\"").append(f(py(vy))).append("\" x2=\"")
                    .append(LEFT).append("\" y2=\"").append(f(py(vy))).append("\" stroke=\"black\"/>");
            text(LEFT - 6, py(vy) + 4, Format.number(vy), "end", 11);
        }
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
