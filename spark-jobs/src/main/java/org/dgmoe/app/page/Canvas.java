package org.dgmoe.app.page;

/**
 * What {@link PlotPainter} draws on, in points from the figure's top left: SVG elements ({@link SvgCanvas}) or
 * Java2D strokes on a bitmap ({@link PngCanvas}). Colours are "#RRGGBB"; opacity 1 is opaque.
 */
interface Canvas {
    /** Where a text's x is: its start, middle or end. */
    enum Anchor {
        START, MIDDLE, END
    }

    /** A polyline through the points, of {@code width}, dashed by {@code dash} (empty: solid). */
    void line(double[] x, double[] y, String colour, double width, double[] dash, double opacity);

    /** A filled polygon without outline. */
    void polygon(double[] x, double[] y, String fill, double opacity);

    void rect(double x, double y, double w, double h, String fill, double opacity);

    void circle(double cx, double cy, double r, String fill);

    /** Text with its baseline at y; {@code vertical}: turned a quarter left about (x, y) (a y axis's name). */
    void text(double x, double y, String text, Anchor anchor, double size, boolean bold, boolean vertical);

    /** Clips what follows to the rectangle until {@link #unclip}. */
    void clip(double x, double y, double w, double h);

    void unclip();
}
