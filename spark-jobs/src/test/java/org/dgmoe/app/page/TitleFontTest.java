package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import org.junit.jupiter.api.Test;

class TitleFontTest {
    @Test
    void aShortTitleKeepsTheFullSizeAndALongOneShrinksToFit() {
        String shortTitle = "quickstart · over-fit · aggregate losses · k = 3, k* = 2, λ* = 0.5";
        assertEquals(TitleFont.SIZE, TitleFont.fitting(shortTitle, Figures.WIDTH).getSize());
        // A rate map's setting name (issue 24's study): cut at both ends at 15 pt before.
        String longTitle = "issue24-random-starts · over-fit-random:truth_lambda=0.5 · Voronoi cell 2 errors "
                + "(2 fitted atoms, layout 1,2) · k = 3, k* = 2, λ* = 0.5";
        Font f = TitleFont.fitting(longTitle, Figures.WIDTH);
        int room = Figures.WIDTH - 2 * TitleFont.MARGIN;
        assertTrue(TitleFont.width(longTitle, TitleFont.SIZE, true) > room,
                "the long title must not fit at full size, or this test tests nothing");
        assertTrue(f.getSize2D() < TitleFont.SIZE && f.getSize2D() >= TitleFont.SMALLEST, "size " + f.getSize2D());
        assertTrue(TitleFont.width(longTitle, f.getSize2D(), true) <= room, "fits at " + f.getSize2D());
    }
}
