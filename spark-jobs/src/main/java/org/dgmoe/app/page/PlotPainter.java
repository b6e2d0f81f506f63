package org.dgmoe.app.page;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.page.Axis.Tick;
import org.dgmoe.app.page.Canvas.Anchor;
import org.dgmoe.app.page.Plot.Area;
import org.dgmoe.app.page.Plot.Box;
import org.dgmoe.app.page.Plot.Key;
import org.dgmoe.app.page.Plot.Line;
import org.dgmoe.app.page.Plot.Mark;
import org.dgmoe.app.page.Plot.Marker;
import org.dgmoe.app.page.Plot.Points;
import org.dgmoe.app.page.Plot.Rule;

/**
 * Draws a {@link Plot} on a {@link Canvas}: the title on top, the plot area with light grid lines at the ticks,
 * the marks clipped to it, the axes (left and bottom) with their ticks and names, and the legend below the plot
 * in rows and columns, never over the data. The same layout for the SVG ({@link #svg}) and the PNG
 * ({@link #png}), so that the two files of a figure show the same thing.
 */
final class PlotPainter {
    /** The plot area's top (room for the title), its distance from the bottom (ticks, axis name), its right margin. */
    static final int TOP = 30;
    static final int BOTTOM = 45;
    static final int RIGHT = 20;
    /** The height of one legend row below the plot. */
    static final int LEGEND_ROW = 17;
    static final int TICK_SIZE = 11;
    static final int AXIS_SIZE = 13;
    static final int LEGEND_SIZE = 11;
    private static final String GRID = "#E6E6E6";
    /** A legend key's width and the gap from it to its label; the gap between legend columns. */
    private static final int KEY = 22;
    private static final int KEY_GAP = 8;
    private static final int COLUMN_GAP = 18;

    private final Plot p;
    private final double[] xRange;
    private final double[] yRange;
    private final List<Tick> xTicks;
    private final List<Tick> yTicks;
    private final double left;
    private final double right;
    private final double top = TOP;
    private final double bottom;
    private final int columns;
    private final double columnWidth;

    private PlotPainter(Plot p) {
        this.p = p;
        xRange = range(p.x(), p.marks(), true);
        yRange = range(p.y(), p.marks(), false);
        xTicks = p.x().ticks(xRange[0], xRange[1]);
        yTicks = p.y().ticks(yRange[0], yRange[1]);
        double widest = 0;
        for (Tick t : yTicks) {
            widest = Math.max(widest, TitleFont.width(t.label(), TICK_SIZE, false));
        }
        // the y axis's name (turned, about 13 pt wide at x = 15), then the tick labels, ticks of 4 and a gap of 2
        left = Math.max(56, Math.ceil(30 + widest));
        right = p.width() - RIGHT;
        bottom = p.height() - BOTTOM;
        double label = 0;
        for (Key k : p.legend()) {
            label = Math.max(label, TitleFont.width(k.label(), LEGEND_SIZE, false));
        }
        columnWidth = KEY + KEY_GAP + label + COLUMN_GAP;
        int fit = (int) Math.max(1, Math.floor((right - left + COLUMN_GAP) / columnWidth));
        columns = Math.max(1, Math.min(p.legend().size(), p.legendColumns() > 0 ? p.legendColumns() : fit));
    }

    /** The figure's height with its legend. */
    static int height(Plot p) {
        return new PlotPainter(p).totalHeight();
    }

    /** The figure as a standalone SVG document. */
    static String svg(Plot p) {
        PlotPainter painter = new PlotPainter(p);
        SvgCanvas c = new SvgCanvas(p.width(), painter.totalHeight());
        painter.paint(c);
        return c.done();
    }

    /** The figure as a PNG of {@code scale} pixels per point. */
    static void png(Plot p, Path file, double scale) throws IOException {
        PlotPainter painter = new PlotPainter(p);
        PngCanvas c = new PngCanvas(p.width(), painter.totalHeight(), scale);
        painter.paint(c);
        c.write(file);
    }

    private int totalHeight() {
        int rows = (p.legend().size() + columns - 1) / columns;
        return p.height() + (rows > 0 ? rows * LEGEND_ROW + 6 : 0);
    }

    private void paint(Canvas c) {
        c.text(p.width() / 2.0, 20, p.title(), Anchor.MIDDLE, TitleFont.fitting(p.title(), p.width()).getSize(), true,
                false);
        grid(c);
        c.clip(left, top, right - left, bottom - top);
        for (Mark m : p.marks()) {
            mark(c, m);
        }
        c.unclip();
        for (Mark m : p.marks()) {
            if (m instanceof Rule r && Double.isFinite(px(r.x()))) {
                double x = px(r.x());
                boolean end = x > right - 120;
                c.text(end ? x - 4 : x + 4, top + 14, r.label(), end ? Anchor.END : Anchor.START, 12, false, false);
            }
        }
        // the axes as two lines: the figure's polylines are its data's alone
        c.line(new double[] {left, left}, new double[] {top, bottom}, "#000000", 1, new double[0], 1);
        c.line(new double[] {left, right}, new double[] {bottom, bottom}, "#000000", 1, new double[0], 1);
        ticks(c);
        c.text(left + (right - left) / 2, p.height() - 10, p.x().label(), Anchor.MIDDLE, AXIS_SIZE, false, false);
        c.text(15, top + (bottom - top) / 2, p.y().label(), Anchor.MIDDLE, AXIS_SIZE, false, true);
        legend(c);
    }

    private void grid(Canvas c) {
        double[] none = new double[0];
        if (p.x().scale() != Axis.Scale.CATEGORY) {
            for (Tick t : xTicks) {
                c.line(new double[] {px(t.value()), px(t.value())}, new double[] {top, bottom}, GRID, 1, none, 1);
            }
        }
        if (p.y().scale() != Axis.Scale.CATEGORY) {
            for (Tick t : yTicks) {
                c.line(new double[] {left, right}, new double[] {py(t.value()), py(t.value())}, GRID, 1, none, 1);
            }
        }
    }

    private void mark(Canvas c, Mark m) {
        if (m instanceof Line l) {
            polyline(c, l);
        } else if (m instanceof Points pts) {
            for (int i = 0; i < pts.x().length; i++) {
                double x = px(pts.x()[i]);
                double y = py(pts.y()[i]);
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    marker(c, x, y, pts.marker(), pts.radius(), pts.colours()[pts.colours().length == 1 ? 0 : i]);
                }
            }
        } else if (m instanceof Area a) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < a.x().length; i++) {
                pts.add(new double[] {px(a.x()[i]), py(a.hi()[i])});
            }
            for (int i = a.x().length - 1; i >= 0; i--) {
                pts.add(new double[] {px(a.x()[i]), py(a.lo()[i])});
            }
            pts.removeIf(q -> !Double.isFinite(q[0]) || !Double.isFinite(q[1]));
            if (pts.size() >= 3) {
                c.polygon(pts.stream().mapToDouble(q -> q[0]).toArray(), pts.stream().mapToDouble(q -> q[1]).toArray(),
                        a.fill(), a.opacity());
            }
        } else if (m instanceof Box b) {
            double xa = px(b.x0());
            double xb = px(b.x1());
            double ya = py(b.y1());
            double yb = py(b.y0());
            if (Double.isFinite(xa + xb + ya + yb)) {
                c.rect(xa, ya, b.gap() ? Math.max(0.5, xb - xa - 1) : xb - xa, yb - ya, b.fill(), b.opacity());
                if (b.label() != null) {
                    c.text((xa + xb) / 2, (ya + yb) / 2 + 4, b.label(), Anchor.MIDDLE, TICK_SIZE, false, false);
                }
            }
        } else if (m instanceof Rule r) {
            double x = px(r.x());
            c.line(new double[] {x, x}, new double[] {top, bottom}, r.colour(), 2, new double[0], 1);
        }
    }

    /** A line as polylines through its runs of points the axes can show. */
    private void polyline(Canvas c, Line l) {
        List<double[]> run = new ArrayList<>();
        for (int i = 0; i <= l.x().length; i++) {
            double x = i < l.x().length ? px(l.x()[i]) : Double.NaN;
            double y = i < l.x().length ? py(l.y()[i]) : Double.NaN;
            if (Double.isFinite(x) && Double.isFinite(y)) {
                run.add(new double[] {x, y});
                continue;
            }
            if (run.size() >= 2) {
                c.line(run.stream().mapToDouble(q -> q[0]).toArray(), run.stream().mapToDouble(q -> q[1]).toArray(),
                        l.colour(), l.strokeWidth(), l.dash().pattern(), l.opacity());
            }
            run.clear();
        }
    }

    private static void marker(Canvas c, double x, double y, Marker marker, double r, String colour) {
        if (marker == Marker.CIRCLE) {
            c.circle(x, y, r, colour);
        } else if (marker == Marker.DIAMOND) {
            double d = 1.3 * r;
            c.polygon(new double[] {x, x + d, x, x - d}, new double[] {y - d, y, y + d, y}, colour, 1);
        }
    }

    /**
     * The ticks and their labels. On the x axis the extra values (the ends of n) come first: a tick label that
     * would touch one is left out (its tick stays), and the labels of a crowded axis are thinned to every m-th.
     */
    private void ticks(Canvas c) {
        double[] none = new double[0];
        List<double[]> labelled = new ArrayList<>(); // centre, half width of each x label drawn
        for (double v : p.x().extra()) {
            double x = px(v);
            boolean onTick = xTicks.stream().anyMatch(t -> Math.abs(t.value() - v) <= 1e-9 * Math.abs(v));
            String label = p.x().extraLabel(v);
            double half = TitleFont.width(label, TICK_SIZE, false) / 2;
            if (onTick || !Double.isFinite(x) || x < left - 1 || x > right + 1 || touches(labelled, x, half)) {
                continue;
            }
            c.line(new double[] {x, x}, new double[] {bottom, bottom + 4}, "#000000", 1, none, 1);
            c.text(x, bottom + 17, label, Anchor.MIDDLE, TICK_SIZE, false, false);
            labelled.add(new double[] {x, half});
        }
        double widest = 0;
        for (Tick t : xTicks) {
            widest = Math.max(widest, TitleFont.width(t.label(), TICK_SIZE, false));
        }
        double spacing = xTicks.size() > 1 ? Math.abs(px(xTicks.get(1).value()) - px(xTicks.get(0).value())) : 1e9;
        int every = (int) Math.max(1, Math.ceil((widest + 8) / Math.max(1, spacing)));
        for (int i = 0; i < xTicks.size(); i++) {
            Tick t = xTicks.get(i);
            double x = px(t.value());
            double half = TitleFont.width(t.label(), TICK_SIZE, false) / 2;
            c.line(new double[] {x, x}, new double[] {bottom, bottom + 4}, "#000000", 1, none, 1);
            if (i % every == 0 && !touches(labelled, x, half)) {
                c.text(x, bottom + 17, t.label(), Anchor.MIDDLE, TICK_SIZE, false, false);
            }
        }
        for (Tick t : yTicks) {
            double y = py(t.value());
            c.line(new double[] {left - 4, left}, new double[] {y, y}, "#000000", 1, none, 1);
            c.text(left - 6, y + 4, t.label(), Anchor.END, TICK_SIZE, false, false);
        }
    }

    /** Whether a label centred at x, {@code half} wide each side, would come within 6 pt of one drawn. */
    private static boolean touches(List<double[]> labelled, double x, double half) {
        for (double[] other : labelled) {
            if (Math.abs(other[0] - x) < other[1] + half + 6) {
                return true;
            }
        }
        return false;
    }

    private void legend(Canvas c) {
        for (int i = 0; i < p.legend().size(); i++) {
            Key k = p.legend().get(i);
            double x = left + (i % columns) * columnWidth;
            double y = p.height() + 4 + LEGEND_ROW * (i / columns) + 11;
            if (!k.ramp().isEmpty()) {
                int n = k.ramp().size();
                for (int j = 0; j < n; j++) {
                    if (k.marker() == Marker.NONE) {
                        c.rect(x + j * (double) KEY / n, y - 9, (double) KEY / n, 10, k.ramp().get(j), 1);
                    } else {
                        marker(c, x + 3 + j * (KEY - 6.0) / Math.max(1, n - 1), y - 4, k.marker(), 2.2, k.ramp().get(j));
                    }
                }
            } else if (k.dash() == null && k.marker() == Marker.NONE) {
                c.rect(x, y - 9, KEY, 10, k.colour(), k.opacity());
            } else {
                if (k.dash() != null) {
                    c.line(new double[] {x, x + KEY}, new double[] {y - 4, y - 4}, k.colour(), 2, k.dash().pattern(), 1);
                }
                marker(c, x + KEY / 2.0, y - 4, k.marker(), 3.5, k.colour());
            }
            c.text(x + KEY + KEY_GAP, y, k.label(), Anchor.START, LEGEND_SIZE, false, false);
        }
    }

    private double px(double v) {
        return left + fraction(p.x().scale(), v, xRange) * (right - left);
    }

    private double py(double v) {
        return bottom - fraction(p.y().scale(), v, yRange) * (bottom - top);
    }

    /** Where v lies in the range, 0 at its low end and 1 at its high end; NaN where a log axis cannot show it. */
    private static double fraction(Axis.Scale scale, double v, double[] range) {
        if (scale == Axis.Scale.LOG) {
            return v > 0 ? Math.log(v / range[0]) / Math.log(range[1] / range[0]) : Double.NaN;
        }
        return (v - range[0]) / (range[1] - range[0]);
    }

    /**
     * An axis's range: its own ends, and where one is NaN the data's (every mark's values the axis can show) with a
     * margin of 4% of the span (on a log axis, of the log span) so that no point sits on the frame.
     */
    static double[] range(Axis a, List<Mark> marks, boolean horizontal) {
        boolean log = a.scale() == Axis.Scale.LOG;
        double[] seen = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Mark m : marks) {
            if (m instanceof Line l) {
                extend(seen, horizontal ? l.x() : l.y(), log);
            } else if (m instanceof Points pts) {
                extend(seen, horizontal ? pts.x() : pts.y(), log);
            } else if (m instanceof Area ar) {
                extend(seen, horizontal ? ar.x() : ar.lo(), log);
                extend(seen, horizontal ? ar.x() : ar.hi(), log);
            } else if (m instanceof Box b) {
                extend(seen, horizontal ? new double[] {b.x0(), b.x1()} : new double[] {b.y0(), b.y1()}, log);
            } else if (m instanceof Rule r && horizontal) {
                extend(seen, new double[] {r.x()}, log);
            }
        }
        double lo = seen[0];
        double hi = seen[1];
        if (lo > hi) { // no data: a unit range
            lo = log ? 1 : 0;
            hi = log ? 10 : 1;
        } else if (log) {
            double margin = lo == hi ? 2 : Math.pow(hi / lo, 0.04);
            lo /= margin;
            hi *= margin;
        } else {
            double margin = lo == hi ? Math.max(Math.abs(lo) * 0.1, a.scale() == Axis.Scale.TIME ? 3600 : 1)
                    : 0.04 * (hi - lo);
            lo -= margin;
            hi += margin;
        }
        double from = Double.isNaN(a.lo()) ? lo : a.lo();
        double to = Double.isNaN(a.hi()) ? hi : a.hi();
        if (!(to > from)) { // one end fixed beyond the data's other end
            to = log ? from * 10 : from + 1;
        }
        return new double[] {from, to};
    }

    private static void extend(double[] seen, double[] values, boolean log) {
        for (double v : values) {
            if (Double.isFinite(v) && (!log || v > 0)) {
                seen[0] = Math.min(seen[0], v);
                seen[1] = Math.max(seen[1], v);
            }
        }
    }
}
