package org.dgmoe.app.page;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.provenance.Provenance;

/**
 * The frame every page of dgmoe shares (the sweep report's {@link Html}, the test page {@link TestReport}):
 * the one HTML escaper, the head with the one style sheet, and a figure with its caption. A page is
 * self-contained (inline CSS and SVG, no scripts, no network) and well-formed XML as well as HTML, so it is
 * parsed as XML in the tests.
 */
final class Page {
    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:2em auto;max-width:1150px;color:#222;line-height:1.4;padding:0 1em}
            h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ccc;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums;font-family:ui-monospace,Menlo,Consolas,monospace}
            tr.agrees td{background:#e6f4ea}tr.faster-than-theory td{background:#e3eefb}tr.slower-than-theory td{background:#fde2e1}tr.inconclusive td{background:#f1ecf8}tr.unreliable td{background:#fff4d6}tr.no-theory td{background:#f4f4f4;color:#555}
            span.verdict{font-weight:600}
            figure{margin:1.2em 0}figure svg{max-width:100%;height:auto;border:1px solid #ddd;display:block}figcaption{font-size:.9em;color:#444}
            p.headline{font-size:1.1em}table.summary{display:block;overflow-x:auto;max-width:100%}table.summary td{max-width:30em}span.count{font-weight:700;margin-right:.3em}
            td.num,td.name,span.item{white-space:nowrap}
            td.faster{background:#e3eefb}td.slower{background:#fde2e1}td.inconclusive{background:#f1ecf8}td.unreliable{background:#fff4d6}td.agree{background:#e6f4ea}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:1em}
            code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
            p.note{color:#555;font-size:.92em}
            """;

    private Page() {
    }

    /** The start of a page titled {@code title} (text), up to and including {@code <body>} and its {@code <h1>}. */
    static StringBuilder open(String title) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(esc(title)).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        return h;
    }

    /** The end of a page begun by {@link #open}. */
    static String close(StringBuilder h) {
        return h.append("</body>\n</html>\n").toString();
    }

    /** One figure: its SVG inline, then its caption (already HTML: escape text with {@link #esc}). */
    static void figure(StringBuilder h, String svg, String captionHtml) {
        h.append("<figure>").append(svg).append("<figcaption>").append(captionHtml).append("</figcaption></figure>\n");
    }

    /** The rows of a {@link Provenance} in a two-column table (the caller opens and closes the table). */
    static void provenance(StringBuilder h, Provenance p) {
        row(h, "config hash", "<code>" + esc(p.configHash()) + "</code>");
        row(h, "source", esc(p.source()));
        row(h, "study seed", Long.toString(p.studySeed()));
        row(h, "git commit", "<code>" + esc(p.gitCommit()) + "</code>");
        List<String> versions = new ArrayList<>();
        p.versions().forEach((library, version) -> versions.add(library + " " + version));
        row(h, "versions", esc(String.join(" · ", versions)));
        row(h, "host", esc(p.host() + " (" + (p.cpus() < 0 ? "—" : Integer.toString(p.cpus())) + " CPUs"
                + (p.cpu().equals("unknown") ? "" : ", " + p.cpu()) + ", " + p.os() + ")"));
        if (p.created() != null) {
            row(h, "written", p.created().toString());
        }
    }

    /** A row of a two-column table: the key as text, the value already HTML. */
    static void row(StringBuilder h, String key, String valueHtml) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    /**
     * Text as HTML/XML character data or an attribute value in either quotes: the five characters XML
     * reserves ({@code < > & " '}) as entities, everything else as is (the page is UTF-8). One escaper for
     * text and attributes, so no context can be escaped with the wrong one.
     */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
