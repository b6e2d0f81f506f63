package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dgmoe.app.page.Plot.Dash;
import org.dgmoe.app.page.Plot.Key;
import org.dgmoe.app.page.Plot.Line;
import org.dgmoe.app.page.Plot.Mark;
import org.dgmoe.app.page.Plot.Marker;
import org.dgmoe.app.page.Plot.Points;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One figure description drawn twice (issue 24): an SVG that is well-formed XML with its title, axis names and
 * legend as {@code <text>}, round log ticks and the end labels of n, small; and a PNG of the same layout at print
 * resolution.
 */
class PlotPainterTest {
    private static final double[] N = {200, 350, 612, 1069, 1870};

    /** A loss figure as the report draws one: log-log, points, bars, a fitted and a dashed theory line. */
    private static Plot lossPlot() {
        double[] mean = new double[N.length];
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < N.length; i++) {
            mean[i] = 0.5 * Math.pow(N[i], -0.5);
            marks.add(Line.bar(N[i], mean[i] / 2, mean[i] * 2, "#0072B2"));
        }
        marks.add(Points.of(N, mean, "#0072B2", Marker.CIRCLE, 4));
        marks.add(Line.of(new double[] {200, 1870}, new double[] {mean[0], mean[4]}, "#0072B2", Dash.SOLID));
        marks.add(Line.of(new double[] {200, 1870}, new double[] {mean[0] * 1.1, mean[4] * 1.1}, "#0072B2",
                Dash.DASHED));
        return new Plot(Figures.WIDTH, Figures.HEIGHT, "study · over-fit · aggregate losses · k = 3, k* = 2",
                Axis.log("sample size n", 200 / 1.15, 1870 * 1.15).withExtra(200, 1870),
                Axis.log("loss: mean over converged replicates"), marks,
                List.of(Key.lineAndMarker("lambda_error: fit 0.5·n^-0.500; theory n^-1/2 (dashed)", "#0072B2",
                        Dash.SOLID, Marker.CIRCLE)), 0);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc, String anchor, String size) {
        List<String> out = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if ((anchor == null || anchor.equals(t.getAttribute("text-anchor")))
                    && (size == null || size.equals(t.getAttribute("font-size")))) {
                out.add(t.getTextContent());
            }
        }
        return out;
    }

    @Test
    void theSvgHasItsTextAsTextRoundLogTicksAndTheEndsOfN() throws Exception {
        String svg = PlotPainter.svg(lossPlot());
        Document doc = parse(svg);
        List<String> all = texts(doc, null, null);
        assertTrue(all.containsAll(List.of("study · over-fit · aggregate losses · k = 3, k* = 2", "sample size n",
                "loss: mean over converged replicates", "lambda_error: fit 0.5·n^-0.500; theory n^-1/2 (dashed)")),
                all.toString());
        assertEquals(0, doc.getElementsByTagName("path").getLength(), "no glyph outlines");
        // x over [174, 2150]: 1-2-5 ticks 200, 500, 1000 and 2000, whose label gives way to n's largest end,
        // 1870, drawn first (n's smallest, 200, is a tick already)
        assertEquals(List.of("1870", "200", "500", "1000"), texts(doc, "middle", "11"));
        // y: means 0.5/√n from 0.0116 to 0.0354, bars ×/÷ 2: 0.0058 to 0.0707, a margin of 4% of the log span
        assertEquals(List.of("0.01", "0.02", "0.05"), texts(doc, "end", "11"));
        // the dashed theory line is dashed (and only it: the legend's key is solid)
        assertEquals(1, svg.split("stroke-dasharray=\"6,4\"", -1).length - 1);
        // a legend row below the plot: the figure's height is the plot's and one row
        assertEquals(String.valueOf(Figures.HEIGHT + PlotPainter.LEGEND_ROW + 6),
                doc.getDocumentElement().getAttribute("height"));
        // XChart's SVG of such a figure took about 0.4 MB (glyph outlines); a few kB here, 40 kB fails on outlines
        assertTrue(svg.length() < 40_000, svg.length() + " characters");
    }

    @Test
    void thePngIsTheSameLayoutAtPrintResolution(@TempDir Path dir) throws Exception {
        Plot plot = lossPlot();
        Path png = dir.resolve("f.png");
        PlotPainter.png(plot, png, Figures.PNG_DPI / 72.0);
        BufferedImage image = ImageIO.read(png.toFile());
        double scale = Figures.PNG_DPI / 72.0;
        assertEquals(Math.round(Figures.WIDTH * scale), image.getWidth());
        assertEquals(Math.round(PlotPainter.height(plot) * scale), image.getHeight());
        // the series' blue is drawn (points, lines, bars: thousands of pixels at this scale) and the corners white
        int blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y) & 0xFFFFFF;
                blue += p == 0x0072B2 ? 1 : 0;
            }
        }
        assertTrue(blue > 1000, blue + " blue pixels");
        assertEquals(0xFFFFFF, image.getRGB(0, 0) & 0xFFFFFF);
    }
}
