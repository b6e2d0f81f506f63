package org.dgmoe.app.page;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** The title font of a report figure, sized so that the title fits the figure's width. */
final class TitleFont {
    /** The title's size when it fits, in points. */
    static final int SIZE = 15;
    /** The smallest size a long title is shrunk to; a title longer still is cut by XChart. */
    static final int SMALLEST = 9;
    /** Room kept free on each side of the title, in pixels. */
    static final int MARGIN = 12;
    /**
     * XChart centres the title over the plot, not the figure, and the legend outside the plot's right takes
     * about this many pixels (the widest legends of the report's figures): the title has twice the plot centre's
     * distance from the left edge, the figure's width less this.
     */
    static final int LEGEND = 220;

    private TitleFont() {
    }

    /**
     * Bold {@link #SIZE} pt, smaller (down to {@link #SMALLEST}) when {@code title} would be wider than
     * {@code width} pixels less the legend and the margins: XChart centres a title and cuts both of its ends when it does not fit
     * (a rate map's long setting names did).
     */
    static Font fitting(String title, int width) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, SIZE);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        try {
            double room = width - LEGEND - 2 * MARGIN;
            // a text's width is not proportional to its size (hinting): step down until it fits
            for (int size = SIZE; size > SMALLEST; size--) {
                Font f = font.deriveFont((float) size);
                if (g.getFontMetrics(f).getStringBounds(title, g).getWidth() <= room) {
                    return f;
                }
            }
            return font.deriveFont((float) SMALLEST);
        } finally {
            g.dispose();
        }
    }
}
