package org.dgmoe.app.page;

import java.util.List;

/**
 * One figure, described once: its size, title, axes ({@link Axis}), marks and legend. {@link PlotPainter} draws
 * the description onto a {@link Canvas}: {@link SvgCanvas} for SVG with real {@code <text>} (the report's inline
 * figures and {@code figures/*.svg}, the test page's figures) and {@link PngCanvas} for the PNG at print
 * resolution, so every figure of the report and of the test page comes from the same code (issue 24). Colours are
 * "#RRGGBB".
 *
 * @param width         the figure's width in points (px of the SVG)
 * @param height        its height without the legend, which is added below the plot
 * @param title         centred above the plot, shrunk to fit the width by {@link TitleFont}
 * @param x             the horizontal axis
 * @param y             the vertical axis
 * @param marks         drawn in order inside the plot area, clipped to it
 * @param legend        one entry per key, below the plot, never over the data
 * @param legendColumns the legend's columns; 0: as many as the widest entry allows
 */
record Plot(int width, int height, String title, Axis x, Axis y, List<Mark> marks, List<Key> legend,
        int legendColumns) {
    Plot {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("a figure of " + width + " × " + height + " has no room for its plot");
        }
        if (legendColumns < 0) {
            throw new IllegalArgumentException("legend columns " + legendColumns + " < 0");
        }
        marks = List.copyOf(marks);
        legend = List.copyOf(legend);
    }

    /** A line's pattern: its dash and gap lengths in points (none: solid). */
    enum Dash {
        SOLID(), DASHED(6, 4), DOTTED(2, 3);

        private final double[] pattern;

        Dash(double... pattern) {
            this.pattern = pattern;
        }

        /** Dash and gap lengths; empty for a solid line. */
        double[] pattern() {
            return pattern.clone();
        }
    }

    /** A point's symbol. */
    enum Marker {
        NONE, CIRCLE, DIAMOND
    }

    /** Something drawn in data coordinates inside the plot area. */
    sealed interface Mark permits Line, Points, Area, Box, Rule {
    }

    /**
     * A polyline through (x, y) in order; a point a log axis cannot show (≤ 0, not finite) breaks it.
     * An error bar is a line of two points.
     */
    record Line(double[] x, double[] y, String colour, double strokeWidth, Dash dash, double opacity)
            implements Mark {
        Line {
            if (x.length != y.length) {
                throw new IllegalArgumentException("a line of " + x.length + " x and " + y.length + " y");
            }
        }

        /** A solid or dashed line of width 2, opaque. */
        static Line of(double[] x, double[] y, String colour, Dash dash) {
            return new Line(x, y, colour, 2, dash, 1);
        }

        /** A vertical bar from lo to hi at x (an interval), 2 wide, translucent so that points show through. */
        static Line bar(double x, double lo, double hi, String colour) {
            return new Line(new double[] {x, x}, new double[] {lo, hi}, colour, 2, Dash.SOLID, 0.6);
        }
    }

    /** Markers at (x, y): one colour for all ({@code colours} of length 1) or one per point. */
    record Points(double[] x, double[] y, String[] colours, Marker marker, double radius) implements Mark {
        Points {
            if (x.length != y.length || (colours.length != 1 && colours.length != x.length)) {
                throw new IllegalArgumentException("points: " + x.length + " x, " + y.length + " y, "
                        + colours.length + " colours");
            }
        }

        static Points of(double[] x, double[] y, String colour, Marker marker, double radius) {
            return new Points(x, y, new String[] {colour}, marker, radius);
        }
    }

    /** A shaded band between {@code lo} and {@code hi} over sorted {@code x}. */
    record Area(double[] x, double[] lo, double[] hi, String fill, double opacity) implements Mark {
        Area {
            if (x.length != lo.length || x.length != hi.length) {
                throw new IllegalArgumentException("a band of " + x.length + " x, " + lo.length + " lo, " + hi.length
                        + " hi");
            }
        }
    }

    /**
     * A filled rectangle from (x0, y0) to (x1, y1): a histogram's bar ({@code gap}: 1 pt free on its right) or a
     * heat map's cell with its value written in it ({@code label}; null: none).
     */
    record Box(double x0, double y0, double x1, double y1, String fill, double opacity, String label, boolean gap)
            implements Mark {
    }

    /** A marked value: a vertical line across the plot at x, its label at the plot's top beside it. */
    record Rule(double x, String colour, String label) implements Mark {
    }

    /**
     * A legend entry: its label and key, a line ({@code dash} non-null) and/or a marker in {@code colour}, a
     * swatch of {@code colour} at {@code opacity} (neither line nor marker), or a ramp of colours (a colour scale:
     * markers, or swatches when the marker is NONE).
     */
    record Key(String label, String colour, Dash dash, Marker marker, double opacity, List<String> ramp) {
        Key {
            ramp = List.copyOf(ramp);
        }

        static Key line(String label, String colour, Dash dash) {
            return new Key(label, colour, dash, Marker.NONE, 1, List.of());
        }

        static Key lineAndMarker(String label, String colour, Dash dash, Marker marker) {
            return new Key(label, colour, dash, marker, 1, List.of());
        }

        static Key marker(String label, String colour, Marker marker) {
            return new Key(label, colour, null, marker, 1, List.of());
        }

        static Key swatch(String label, String colour, double opacity) {
            return new Key(label, colour, null, Marker.NONE, opacity, List.of());
        }

        static Key ramp(String label, List<String> colours, Marker marker) {
            return new Key(label, colours.get(0), null, marker, 1, colours);
        }
    }
}
