package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class TitleFontTest {
    private static double width(String title, Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font).getStringBounds(title, g).getWidth();
        } finally {
            g.dispose();
        }
    }

    @Test
    void aShortTitleKeepsTheFullSizeAndALongOneShrinksToFit() {
        String shortTitle = "quickstart · over-fit · aggregate losses · k = 3, k* = 2, λ* = 0.5";
        assertEquals(TitleFont.SIZE, TitleFont.fitting(shortTitle, Figures.WIDTH).getSize());
        // A rate map's setting name (issue 24's study): cut at both ends at 15 pt before.
        String longTitle = "issue24-random-starts · over-fit-random:truth_lambda=0.5 · Voronoi cell 2 errors "
                + "(2 fitted atoms, layout 1,2) · k = 3, k* = 2, λ* = 0.5";
        Font f = TitleFont.fitting(longTitle, Figures.WIDTH);
        int room = Figures.WIDTH - TitleFont.LEGEND - 2 * TitleFont.MARGIN;
        assertTrue(width(longTitle, new Font(Font.SANS_SERIF, Font.BOLD, TitleFont.SIZE)) > room,
                "the long title must not fit at full size, or this test tests nothing");
        assertTrue(f.getSize2D() < TitleFont.SIZE && f.getSize2D() >= TitleFont.SMALLEST, "size " + f.getSize2D());
        assertTrue(width(longTitle, f) <= room, "fits at " + f.getSize2D());
    }
}
