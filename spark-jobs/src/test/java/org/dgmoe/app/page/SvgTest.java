package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.StudentTG0;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The test page's figures (issue 24): axes named by the caller (the data's columns), text as SVG
 * {@code <text>}, ticks at round values, integer ticks on a count axis, a band and a legend below the plot.
 */
class SvgTest {
    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The text of every {@code <text>} element, in order. */
    private static List<String> texts(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            out.add(texts.item(i).getTextContent());
        }
        return out;
    }

    /** The tick labels: the texts of font size 11 anchored at the x axis ("middle") or the y axis ("end"). */
    private static List<String> tickLabels(Document doc, String anchor) {
        List<String> out = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if ("11".equals(t.getAttribute("font-size")) && anchor.equals(t.getAttribute("text-anchor"))) {
                out.add(t.getTextContent());
            }
        }
        return out;
    }

    @Test
    void aScatterNamesItsAxesByTheColumnsInTextAndPutsItsLegendBelowThePlot() throws Exception {
        double[] x = {95, 175, 250, 350, 500, 675, 1000};
        double[] y = {16, 30.4, 34.8, 37.2, 35.3, 39.2, 39.7};
        double[] lo = {10, 12, 14, 16, 18, 21, 27};
        double[] hi = {30, 32, 34, 36, 38, 41, 47};
        String svg = Svg.scatter("The data", "conc", "uptake", x, y, null, "data",
                new Svg.Band(x, lo, hi, "g0's central 95%"),
                List.of(new Svg.Curve(x, y, "#000000", false, "g0's centre"),
                        new Svg.Curve(x, hi, "#009E73", true, "expert 1: uptake = 10 + 0.02·conc")));
        Document doc = parse(svg);
        List<String> texts = texts(doc);
        assertTrue(texts.contains("conc"), texts.toString());
        assertTrue(texts.contains("uptake"), texts.toString());
        assertFalse(texts.contains("x") || texts.contains("y"), texts.toString());
        assertTrue(texts.containsAll(List.of("data", "g0's central 95%", "g0's centre",
                "expert 1: uptake = 10 + 0.02·conc")), texts.toString());
        // text is text, not outlines: no <path> at all
        assertEquals(0, doc.getElementsByTagName("path").getLength());
        assertEquals(1, doc.getElementsByTagName("polygon").getLength(), "the band");
        // the x ticks are multiples of 200 over [67, 1028] (step (1028 − 67)/5 ≈ 192 → 200)
        assertEquals(List.of("200", "400", "600", "800", "1000"), tickLabels(doc, "middle"));
        // the legend's four rows lie below the plot (y > the plot's bottom, HEIGHT − 45), never over the data
        Element root = doc.getDocumentElement();
        assertEquals(String.valueOf(Svg.HEIGHT + 4 * 17 + 6), root.getAttribute("height"));
        NodeList all = doc.getElementsByTagName("text");
        int below = 0;
        for (int i = 0; i < all.getLength(); i++) {
            Element t = (Element) all.item(i);
            if (t.hasAttribute("y") && Double.parseDouble(t.getAttribute("y")) > Svg.HEIGHT) {
                below++;
                assertEquals("start", t.getAttribute("text-anchor"), t.getTextContent());
            }
        }
        assertEquals(4, below, "the four legend labels");
        // the dashed curve is dashed in the plot and in the legend
        assertEquals(2, svg.split("stroke-dasharray=\"6,4\"", -1).length - 1);
    }

    @Test
    void aHistogramHasIntegerCountTicks() throws Exception {
        // 7 values: the count axis spans [0, 3.3]; a real-valued step would be 0.5, a count's is 1
        double[] values = {0.1, 0.15, 0.12, 0.5, 0.55, 0.9, 0.95};
        Document doc = parse(Svg.histogram("PIT", "u", values, 4, 0, 1, Double.NaN, "", Double.NaN));
        List<String> counts = tickLabels(doc, "end");
        assertEquals(List.of("0", "1", "2", "3"), counts);
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1.0"), tickLabels(doc, "middle"));
        assertTrue(texts(doc).containsAll(List.of("PIT", "u", "count")));
    }

    @Test
    void ticksAreMultiplesOfOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.2, Axis.step(0, 1, false), 0);
        assertEquals(1, Axis.step(0, 3.3, true), 0);
        assertEquals(0.5, Axis.step(0, 3.3, false), 0);
        assertEquals(200, Axis.step(67, 1028, false), 0);
        assertEquals(5, Axis.step(12, 40, false), 0);
        assertEquals(2e-5, Axis.step(0, 1e-4, false), 1e-20);
        assertArrayEquals(new double[] {-0.4, -0.2, 0, 0.2, 0.4}, Axis.multiples(-0.45, 0.45, 0.2), 1e-12);
        // k·step, not a running sum: 0.1 · 3 is printed as 0.3
        assertEquals("0.3", Format.tick(Axis.multiples(0.25, 0.35, 0.1)[0], 0.1));
        assertEquals("0", Format.tick(-1e-17, 0.1), "no -0");
        assertEquals("15", Format.tick(15, 5));
        assertEquals("0.05", Format.tick(0.05, 0.05));
        assertEquals("2.00e+06", Format.tick(2e6, 1e6));
    }

    @Test
    void expertsAndG0AreWrittenInTheColumnsNames() {
        assertEquals("uptake = 19.5 + 0.0177·conc", Format.equation(19.5, new double[] {0.0177}, List.of("conc"),
                "uptake"));
        assertEquals("y = −1.20 − 0.500·age + 2.00·dose", Format.equation(-1.2, new double[] {-0.5, 2},
                List.of("age", "dose"), "y"));
        assertThrows(IllegalArgumentException.class, () -> Format.equation(0, new double[] {1}, List.of(), "y"));
        assertEquals("response = 2.00 + 0.800·dose, variance 1.00", TestReport.g0Text(new GaussianLinearG0(
                new double[] {0.8}, 2, 1), List.of("dose"), "response"));
        assertEquals("Student-t located at y = 0 + 0.500·x1, scale 0.500, 3.00 degrees of freedom",
                TestReport.g0Text(new StudentTG0(new double[] {0.5}, 0, 0.5, 3), List.of("x1"), "y"));
    }

    @Test
    void g0sBandIsItsCentralNinetyFivePercent() {
        // N(2 + 0.8·x, 4): the centre ± 1.959964 · 2 (scipy.stats.norm.ppf(0.975) = 1.959963984540054);
        // bisection to 1e-12 relative, so 1e-9 is ample
        double[] o = TestReport.bandOffsets(new GaussianLinearG0(new double[] {0.8}, 2, 4), new double[] {3});
        assertArrayEquals(new double[] {-2 * 1.959963984540054, 2 * 1.959963984540054}, o, 1e-9);
        // t with 3 degrees of freedom, scale 0.5: scipy.stats.t.ppf(0.975, 3) = 3.1824463052837078
        double[] t = TestReport.bandOffsets(new StudentTG0(new double[] {0.5}, 0, 0.5, 3), new double[] {-7});
        assertArrayEquals(new double[] {-0.5 * 3.1824463052837078, 0.5 * 3.1824463052837078}, t, 1e-9);
    }
}
