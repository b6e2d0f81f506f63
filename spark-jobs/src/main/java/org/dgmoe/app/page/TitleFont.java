package org.dgmoe.app.page;

import java.awt.Font;
import java.awt.font.FontRenderContext;

/**
 * The title font of a figure, sized so that the title fits the figure's width, and the one measure of a text's
 * width that lays out a figure (tick labels, legend columns): Java2D's sans-serif, which draws the PNG; a
 * browser's sans-serif, which draws the SVG, is within a few percent of it.
 */
final class TitleFont {
    /** The title's size when it fits, in points. */
    static final int SIZE = 15;
    /** The smallest size a long title is shrunk to; a title longer still runs past the edges. */
    static final int SMALLEST = 9;
    /** Room kept free on each side of the title, in points. */
    static final int MARGIN = 12;
    /** Antialiased, fractional metrics: as the PNG is painted. */
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    private TitleFont() {
    }

    /**
     * Bold {@link #SIZE} pt, smaller (down to {@link #SMALLEST}) when {@code title} would be wider than
     * {@code width} less the margins: the title is centred over the figure, and a rate map's long setting names
     * did not fit.
     */
    static Font fitting(String title, int width) {
        double room = width - 2 * MARGIN;
        // a text's width is not quite proportional to its size (hinting): step down until it fits
        for (int size = SIZE; size > SMALLEST; size--) {
            if (width(title, size, true) <= room) {
                return font(size, true);
            }
        }
        return font(SMALLEST, true);
    }

    /** The width in points of {@code text} in sans-serif of {@code size} points. */
    static double width(String text, double size, boolean bold) {
        return font(size, bold).getStringBounds(text, CONTEXT).getWidth();
    }

    private static Font font(double size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }
}
