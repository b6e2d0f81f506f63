package org.dgmoe.app.page;

/**
 * A {@link Canvas} that writes a standalone SVG document (well-formed XML, no ids, no external references):
 * text as {@code <text>} through {@link Page#esc} (selectable, searchable, a few bytes a label, where XChart wrote
 * each glyph as an outline and a figure took some 0.4 MB), coordinates to 1/10 pt.
 */
final class SvgCanvas implements Canvas {
    private final StringBuilder sb = new StringBuilder();

    SvgCanvas(int width, int height) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    }

    @Override
    public void line(double[] x, double[] y, String colour, double width, double[] dash, double opacity) {
        if (x.length == 2) {
            sb.append("<line x1=\"");
            num(x[0]).append("\" y1=\"");
            num(y[0]).append("\" x2=\"");
            num(x[1]).append("\" y2=\"");
            num(y[1]).append('"');
        } else {
            sb.append("<polyline fill=\"none\" points=\"");
            points(x, y).append('"');
        }
        sb.append(" stroke=\"").append(colour).append('"');
        if (width != 1) {
            sb.append(" stroke-width=\"");
            num(width).append('"');
        }
        if (dash.length > 0) {
            sb.append(" stroke-dasharray=\"");
            for (int i = 0; i < dash.length; i++) {
                num(dash[i]).append(i + 1 < dash.length ? "," : "\"");
            }
        }
        opacity("stroke-opacity", opacity).append("/>");
    }

    @Override
    public void polygon(double[] x, double[] y, String fill, double opacity) {
        sb.append("<polygon fill=\"").append(fill).append("\" stroke=\"none\" points=\"");
        points(x, y).append('"');
        opacity("fill-opacity", opacity).append("/>");
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill, double opacity) {
        sb.append("<rect x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" width=\"");
        num(w).append("\" height=\"");
        num(h).append("\" fill=\"").append(fill).append('"');
        opacity("fill-opacity", opacity).append("/>");
    }

    @Override
    public void circle(double cx, double cy, double r, String fill) {
        sb.append("<circle cx=\"");
        num(cx).append("\" cy=\"");
        num(cy).append("\" r=\"");
        num(r).append("\" fill=\"").append(fill).append("\"/>");
    }

    @Override
    public void text(double x, double y, String text, Anchor anchor, double size, boolean bold, boolean vertical) {
        if (vertical) {
            sb.append("<text transform=\"translate(");
            num(x).append(',');
            num(y).append(") rotate(-90)\"");
        } else {
            sb.append("<text x=\"");
            num(x).append("\" y=\"");
            num(y).append('"');
        }
        sb.append(" text-anchor=\"").append(anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end")
                .append("\" font-size=\"");
        num(size).append('"').append(bold ? " font-weight=\"bold\"" : "").append('>').append(Page.esc(text))
                .append("</text>");
    }

    /**
     * A nested {@code <svg>} whose viewBox is its own region: the coordinates inside stay the figure's, and what
     * falls outside (a band or a line beyond the axes' range) is clipped at the frame, without an id to clash
     * with another figure's on one page.
     */
    @Override
    public void clip(double x, double y, double w, double h) {
        sb.append("<svg x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" width=\"");
        num(w).append("\" height=\"");
        num(h).append("\" viewBox=\"");
        num(x).append(' ');
        num(y).append(' ');
        num(w).append(' ');
        num(h).append("\">");
    }

    @Override
    public void unclip() {
        sb.append("</svg>");
    }

    /** The document, closed. */
    String done() {
        return sb.append("</svg>").toString();
    }

    private StringBuilder opacity(String attribute, double opacity) {
        if (opacity < 1) {
            sb.append(' ').append(attribute).append("=\"").append(Math.round(opacity * 100) / 100.0).append('"');
        }
        return sb;
    }

    private StringBuilder points(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            num(x[i]).append(',');
            num(y[i]);
        }
        return sb;
    }

    /** v to one decimal, without a trailing ".0" (the sizes of a few hundred points add up). */
    private StringBuilder num(double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            sb.append('-');
            tenths = -tenths;
        }
        sb.append(tenths / 10);
        if (tenths % 10 != 0) {
            sb.append('.').append(tenths % 10);
        }
        return sb;
    }
}
