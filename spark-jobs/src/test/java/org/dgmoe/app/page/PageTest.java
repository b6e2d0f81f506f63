package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dgmoe.app.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The one page frame: one escaper right in text and in either quotes, well-formed pages and figures. */
class PageTest {
    private static final String NASTY = "a < b && \"c\" > 'd' · λ";

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneEscaperForTextAndAttributesInEitherQuotes() throws Exception {
        String e = Page.esc(NASTY);
        Element p = parse("<p double=\"" + e + "\" single='" + e + "'>" + e + "</p>").getDocumentElement();
        assertEquals(NASTY, p.getAttribute("double"));
        assertEquals(NASTY, p.getAttribute("single"));
        assertEquals(NASTY, p.getTextContent());
        assertEquals("&lt;&gt;&amp;&quot;&#39;λ", Page.esc("<>&\"'λ"));
    }

    @Test
    void aPageIsWellFormedWithItsTitleFiguresAndProvenance() throws Exception {
        StringBuilder h = Page.open(NASTY);
        Page.figure(h, Svg.histogram(NASTY, "x", new double[] {0.1, 0.2, 0.7}, 5, 0, 1, 0.5, NASTY, 1), Page.esc(NASTY));
        h.append("<table>\n");
        Provenance p = new Provenance("s<1>.conf", "a".repeat(64), 3, "unknown", Map.of("java", "17 (\"x\")"), "g",
                "h&h", "os", "unknown", -1, Instant.parse("2026-01-02T03:04:05Z"));
        Page.provenance(h, p);
        String page = Page.close(h.append("</table>\n"));
        Document doc = parse(page);
        assertEquals(NASTY, doc.getElementsByTagName("title").item(0).getTextContent());
        assertEquals(NASTY, doc.getElementsByTagName("h1").item(0).getTextContent());
        assertEquals(NASTY, doc.getElementsByTagName("figcaption").item(0).getTextContent());
        // the SVG's title and its marker label go through the same escaper
        assertEquals(NASTY, doc.getElementsByTagName("text").item(0).getTextContent());
        assertTrue(doc.getDocumentElement().getTextContent().contains("s<1>.conf"));
        assertTrue(doc.getDocumentElement().getTextContent().contains("h&h (— CPUs, os)"),
                doc.getDocumentElement().getTextContent());
        assertTrue(page.contains(Page.CSS), "the report's style sheet");
    }

    @Test
    void numbersOfTheTestPage() {
        assertEquals("0", Format.number(0));
        assertEquals("0.0500", Format.number(0.05));
        assertEquals("12.3", Format.number(12.34));
        assertEquals("123", Format.number(123.4));
        assertEquals("1.23e-04", Format.number(1.234e-4));
    }
}
