package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dgmoe.app.storage.SweepResult;
import org.junit.jupiter.api.Test;

/**
 * A cell figure's title gives the fitted atoms of the theory's layout, which its dashed line and the
 * rates over all fits assume (issue 24: the title said "cell 2 errors (2 fitted atoms)", the mode of
 * random-start fits, while the row read cell 2 against the −1/2 of one atom).
 */
class FigureTitleTest {
    private static final SweepResult.Model OVER_FITTED = new SweepResult.Model(3, 2, 0.5);

    @Test
    void aCellFigureNamesTheAtomsOfTheTheorysLayoutNotTheMostCommonSize() {
        // 30 of 50 converged fits at the largest n put two atoms in cell 2; the plan puts them in cell 1
        SweepResult.CellSize mostlyTwo = new SweepResult.CellSize(2, 5000, 30, 50);
        assertEquals(1, Figures.theoryAtoms(OVER_FITTED, "cell2", mostlyTwo));
        assertEquals(2, Figures.theoryAtoms(OVER_FITTED, "cell1", new SweepResult.CellSize(1, 5000, 30, 50)));
        assertEquals("s · over · Voronoi cell 2 errors (1 fitted atom) · k = 3, k* = 2, λ* = 0.5",
                Figures.lossTitle("s", "over", "cell2", OVER_FITTED, Figures.theoryAtoms(OVER_FITTED, "cell2",
                        mostlyTwo)));
        // without k and k* (an older manifest) the most common size is all there is; no cell → no count
        assertEquals(2, Figures.theoryAtoms(new SweepResult.Model(-1, -1, Double.NaN), "cell2", mostlyTwo));
        assertEquals(-1, Figures.theoryAtoms(OVER_FITTED, "aggregate", null));
        assertEquals("s · over · aggregate losses · k = 3, k* = 2, λ* = 0.5",
                Figures.lossTitle("s", "over", "aggregate", OVER_FITTED, -1));
    }
}
