package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dgmoe.app.provenance.Manifest;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.app.storage.SweepResult;
import org.dgmoe.app.sweep.FakeTasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The one page frame: one escaper right in text and in either quotes, well-formed pages and figures. */
class PageTest {
    private static final String NASTY = "a < b && \"c\" > 'd' · λ";

    @TempDir
    Path tmp;

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

    /** The report's Run table reads the provenance of a manifest of this version and of the one before. */
    @Test
    void theReportShowsTheProvenanceOfANewAndAnOldManifest() throws Exception {
        var loaded = FakeTasks.loaded(FakeTasks.tinyStudy("tiny", Map.of()), "c".repeat(64));
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        Provenance p = new Provenance("tiny.conf", "c".repeat(64), 9, "0".repeat(40), Map.of("spark", "4.2.0"), "g",
                "box", "Linux", "Some CPU", 4, t);
        String fresh = Manifest.write(loaded, new Manifest.Run("r1", "local[2]", t, null, t, 4, 4, 4,
                Map.of("converged", 4L), Map.of()), p);
        String old = """
                {"study": "tiny", "config_hash": "%s", "study_seed": 9, "source": "tiny.conf", "run_id": "r1",
                 "git_commit": "%s", "versions": {"spark": "4.2.0"}, "random_generator": "g", "host": "box",
                 "os": "Linux", "cpus": 4, "master": "local[2]", "started": "%s", "finished": "%s", "tasks": 4,
                 "tasks_computed_by_last_run": 4, "partitions": 4, "status_counts": {"converged": 4}}
                """.formatted("c".repeat(64), "0".repeat(40), t, t);
        List<String> tables = new ArrayList<>();
        for (String manifest : List.of(fresh, old)) {
            SweepResult result = new SweepResult("out", new ObjectMapper().readTree(manifest), List.of(), List.of(),
                    List.of(), Map.of());
            String page = Html.page(result, List.of(), List.of(), List.of(), null, List.of(), List.of(), tmp);
            Document doc = parse(page);
            assertEquals("dgmoe report: tiny", doc.getElementsByTagName("h1").item(0).getTextContent());
            String run = page.substring(page.indexOf("<h2>Run</h2>"), page.indexOf("</table>", page.indexOf("<h2>Run</h2>")));
            tables.add(run.replace(" CPUs, Some CPU,", " CPUs,"));
        }
        assertEquals(tables.get(0), tables.get(1), "the same Run table but the CPU model older manifests lack");
        for (String expected : List.of("c".repeat(64), "0".repeat(40), "tiny.conf", "box (4 CPUs, Linux)",
                "spark 4.2.0", "local[2]", "converged: 4", "<th>study seed</th><td>9</td>")) {
            assertTrue(tables.get(1).contains(expected), expected + " in " + tables.get(1));
        }
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
