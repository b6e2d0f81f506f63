package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.dgmoe.app.storage.SweepResult;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.RateRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's figures by cell layout (issue 24): issue 24's setting, k* = 2 fitted with k = 3 from
 * random starts, whose fits split between the planned layout "2,1" and "1,2" (the extra atom in cell
 * 2). Each layout with rates by layout gets its own cell figures, drawn from its own curve rows and
 * titled with its own atoms in the cell, after the figures over all fits, which stay.
 */
class LayoutFiguresTest {
    private static final int[] SIZES = {200, 1000, 5000};
    private static final String MANIFEST = """
            {"study": "s", "resolved_config": {"study": {"name": "s", "settings": [
              {"name": "over", "fit": {"experts": 3}, "truth": {"lambda": 0.5, "experts": [{}, {}]}}]}}}
            """;

    @TempDir
    Path tmp;

    private static RateRow rate(String metric, double slope, double theory, String layout) {
        return new RateRow("over", metric, slope, Math.log(0.8), slope - 0.05, slope + 0.05, theory, Verdict.AGREES, "",
                Map.of(), layout, "");
    }

    /** Over all fits (theory of the plan "2,1"), then the layouts "1,2" and "2,1" (each its own exponents). */
    private static List<RateRow> rates() {
        return List.of(rate("voronoi", -0.5, -0.5, RateRow.ALL_FITS), rate("cell1_slope", -0.2, -0.125, RateRow.ALL_FITS),
                rate("cell2_slope", -0.25, -0.5, RateRow.ALL_FITS), rate("cell2_variance", -0.3, -0.5, RateRow.ALL_FITS),
                rate("cell1_slope", -0.5, -0.5, "1,2"), rate("cell2_slope", -0.13, -0.125, "1,2"),
                rate("cell2_variance", -0.26, -0.25, "1,2"),
                rate("cell1_slope", -0.12, -0.125, "2,1"), rate("cell2_slope", -0.49, -0.5, "2,1"));
    }

    /** Each rate's points on its own line: 50 fits over all, 30 in "1,2", 20 in "2,1" at every n. */
    private static List<CurveRow> curves(List<RateRow> rates) {
        List<CurveRow> out = new ArrayList<>();
        for (RateRow r : rates) {
            int count = r.allFits() ? 50 : r.layout().equals("1,2") ? 30 : 20;
            for (int n : SIZES) {
                double mean = Math.exp(r.intercept()) * Math.pow(n, r.slope());
                out.add(new CurveRow("over", r.metric(), n, count, 0, mean, mean, mean / 4, mean * 0.6, mean * 1.5, 0,
                        0, 0, 0, r.allFits() ? 30 : 0, 0, Map.of(), r.layout()));
            }
        }
        return out;
    }

    private static SweepResult sweep(List<CurveRow> curves, List<RateRow> rates) throws Exception {
        // 30 of the 50 converged fits at the largest n hold two atoms in cell 2 (the plan: one)
        return new SweepResult("dir", new ObjectMapper().readTree(MANIFEST), curves, rates, List.of(),
                Map.of("over", Map.of(1, new SweepResult.CellSize(1, 5000, 30, 50),
                        2, new SweepResult.CellSize(2, 5000, 30, 50))));
    }

    @Test
    void eachLayoutGetsItsCellFiguresTitledWithItsOwnAtoms() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("figures"));
        SweepResult result = sweep(curves(rates()), rates());
        List<Figures.Figure> figures = Figures.losses(result, dir, new HashSet<>());
        assertEquals(List.of("loss-over-aggregate.png", "loss-over-cell1.png", "loss-over-cell2.png",
                "loss-over-layout1_2-cell1.png", "loss-over-layout1_2-cell2.png", "loss-over-layout2_1-cell1.png",
                "loss-over-layout2_1-cell2.png"), figures.stream().map(Figures.Figure::png).toList());
        for (Figures.Figure f : figures) {
            assertTrue(Files.size(dir.resolve(f.png())) > 0 && Files.size(dir.resolve(f.svg())) > 0, f.toString());
        }
        List<String> titles = figures.stream().map(Figures.Figure::title).toList();
        // the pooled cell 2 figure keeps the theory's layout (one atom); layout 1,2's says two, as its rows read
        assertEquals("s · over · Voronoi cell 2 errors (1 fitted atom) · k = 3, k* = 2, λ* = 0.5", titles.get(2));
        assertEquals("s · over · Voronoi cell 1 errors (1 fitted atom, layout 1,2) · k = 3, k* = 2, λ* = 0.5",
                titles.get(3));
        assertEquals("s · over · Voronoi cell 2 errors (2 fitted atoms, layout 1,2) · k = 3, k* = 2, λ* = 0.5",
                titles.get(4));
        assertEquals("s · over · Voronoi cell 1 errors (2 fitted atoms, layout 2,1) · k = 3, k* = 2, λ* = 0.5",
                titles.get(5));
        assertEquals("s · over · Voronoi cell 2 errors (1 fitted atom, layout 2,1) · k = 3, k* = 2, λ* = 0.5",
                titles.get(6));
        assertTrue(figures.get(2).note().endsWith("the fits of layout 1,2 and of layout 2,1 are drawn apart below."),
                figures.get(2).note());
        assertEquals("", figures.get(0).note(), "no layout has aggregate figures to point to");
        assertTrue(figures.get(4).note().startsWith("Layout 1,2: only the fits whose Voronoi cells hold |A_1| = 1, "
                + "|A_2| = 2 fitted atoms (fits/ columns cell{j}_size), 30 converged fits per n;"), figures.get(4).note());
        assertTrue(figures.get(6).note().contains(", 20 converged fits per n;"), figures.get(6).note());

        // the page embeds them with their titles and notes
        String html = Html.page(result, figures, List.of(), List.of(), null, List.of(), List.of(), dir);
        assertTrue(html.contains("<title>s · over · Voronoi cell 2 errors (2 fitted atoms, layout 1,2) · k = 3"), html);
        assertTrue(html.indexOf("(1 fitted atom) · k = 3") < html.indexOf("(2 fitted atoms, layout 1,2)"),
                "the pooled figures first");
    }

    @Test
    void aLayoutFigureDrawsItsOwnPointsAndThePooledFigureNoneOfThem() throws Exception {
        List<RateRow> pooledRates = rates().stream().filter(RateRow::allFits).toList();
        List<CurveRow> pooledCurves = curves(pooledRates);
        Path alone = Files.createDirectories(tmp.resolve("pooled-only"));
        Figures.losses(sweep(pooledCurves, pooledRates), alone, new HashSet<>());
        Path both = Files.createDirectories(tmp.resolve("with-layouts"));
        Figures.losses(sweep(curves(rates()), rates()), both, new HashSet<>());
        // the figures over all fits are drawn from the points over all fits only: the same SVG with or
        // without the layouts' rows beside them (their notes, outside the SVG, differ)
        for (String family : List.of("aggregate", "cell1", "cell2")) {
            String svg = "loss-over-" + family + ".svg";
            assertArrayEquals(Files.readAllBytes(alone.resolve(svg)), Files.readAllBytes(both.resolve(svg)), svg);
        }
        assertFalse(Files.readString(both.resolve("loss-over-layout1_2-cell2.svg"))
                .equals(Files.readString(both.resolve("loss-over-cell2.svg"))));
        // rates by layout without their curve rows (a sweep written before curves had layouts): no figure
        // by layout, for there is nothing of the layout's own to draw
        Path older = Files.createDirectories(tmp.resolve("older"));
        List<Figures.Figure> figures = Figures.losses(sweep(pooledCurves, rates()), older, new HashSet<>());
        assertEquals(List.of("aggregate", "cell1", "cell2"), figures.stream().map(Figures.Figure::group).toList());
        assertEquals("Cell size: 1 fitted atom in the theory's layout (the near-truth plan), which the dashed line "
                + "and the rates over all fits assume; the most common |A_2| among the converged fits at n = 5,000 is "
                + "2 (30 of 50, fits/ column cell2_size): see the rates by layout.", figures.get(2).note());
    }
}
