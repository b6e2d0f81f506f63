package org.dgmoe.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.report.Figures.Figure;
import org.dgmoe.app.storage.History.Change;
import org.dgmoe.app.table.FitsTable.StatusCount;
import org.dgmoe.app.table.HistoryTable;
import org.dgmoe.core.summary.RateRow;

/**
 * {@code index.html}: one self-contained page (inline CSS, no scripts, no network), figures
 * referenced by relative path ({@code figures/NAME.png}, linked to their SVG), so the folder opens
 * from disk and can be copied or archived as a whole.
 */
final class Html {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:2em auto;max-width:1150px;color:#222;line-height:1.4;padding:0 1em}
            h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ccc;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums;font-family:ui-monospace,Menlo,Consolas,monospace}
            tr.agrees td{background:#e6f4ea}tr.disagrees td{background:#fde2e1}tr.unreliable td{background:#fff4d6}tr.no-theory td{background:#f4f4f4;color:#555}
            span.verdict{font-weight:600}
            figure{margin:1.2em 0}figure img{max-width:100%;border:1px solid #ddd}figcaption{font-size:.9em;color:#444}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:1em}
            code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
            p.note{color:#555;font-size:.92em}
            """;

    private Html() {
    }

    /**
     * The page.
     *
     * @param result  the sweep, or null for a history-only report
     * @param losses  its loss figures
     * @param history the history entries shown, or null without {@code --history}
     * @param changes verdict changes between the two latest runs
     * @param historyFigures the history figures
     */
    static String page(SweepResult result, List<Figure> losses, List<HistoryTable.Entry> history, List<Change> changes,
            List<Figure> historyFigures) {
        StringBuilder h = new StringBuilder();
        String name = result != null ? result.study() : "rate history";
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>dgmoe report: ")
                .append(esc(name)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>dgmoe report: ").append(esc(name)).append("</h1>\n");
        if (result != null) {
            h.append("<p class=\"note\">From <code>").append(esc(result.dir())).append("</code>. Rates are slopes of "
                    + "log(mean loss) on log(n); the interval is the bootstrap over replicates; the verdict "
                    + "compares it (widened by the tolerance) with the theory's exponent.</p>\n");
            manifest(h, result.manifest());
            rates(h, result.rates());
            figures(h, "Loss curves", losses, "Log-log axes. Points: mean over converged replicates; bars: 10–90% "
                    + "quantiles over replicates; solid line: least-squares fit of log mean on log n (its power law "
                    + "in the legend); dashed: the theory's exponent drawn through the data's geometric centre.");
            failures(h, result.statuses());
        }
        if (history != null) {
            historySection(h, history, changes, historyFigures);
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void manifest(StringBuilder h, JsonNode m) {
        h.append("<h2>Run</h2>\n<table>\n");
        row(h, "study", text(m, "study"));
        rowHtml(h, "config hash", "<code>" + esc(text(m, "config_hash")) + "</code>");
        row(h, "source", text(m, "source"));
        row(h, "study seed", text(m, "study_seed"));
        row(h, "run id", text(m, "run_id"));
        rowHtml(h, "git commit", "<code>" + esc(text(m, "git_commit")) + "</code>");
        JsonNode v = m.path("versions");
        List<String> versions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            var e = it.next();
            versions.add(e.getKey() + " " + e.getValue().asText());
        }
        row(h, "versions", String.join(" · ", versions));
        row(h, "host", text(m, "host") + " (" + text(m, "cpus") + " CPUs, " + text(m, "os") + ")");
        row(h, "master", text(m, "master"));
        row(h, "started", text(m, "started"));
        if (m.has("resumed")) {
            row(h, "resumed", text(m, "resumed"));
        }
        row(h, "finished", text(m, "finished"));
        row(h, "tasks", text(m, "tasks") + " (" + text(m, "tasks_computed_by_last_run") + " computed by the last run)");
        List<String> counts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("status_counts").fields(); it.hasNext();) {
            var e = it.next();
            counts.add(e.getKey() + ": " + e.getValue().asText());
        }
        row(h, "fits by status", String.join(", ", counts));
        h.append("</table>\n");
    }

    private static void rates(StringBuilder h, List<RateRow> rates) {
        h.append("<h2>Rates</h2>\n<table>\n<tr><th>setting</th><th>metric</th><th>slope</th><th>interval</th>"
                + "<th>theory</th><th>verdict</th><th>flag</th></tr>\n");
        for (RateRow r : rates) {
            h.append("<tr class=\"").append(esc(r.verdict().label())).append("\"><td>").append(esc(r.setting()))
                    .append("</td><td>").append(esc(r.metric())).append("</td><td class=\"num\">")
                    .append(esc(Format.slope(r.slope()))).append("</td><td class=\"num\">")
                    .append(esc(Format.interval(r.ciLow(), r.ciHigh()))).append("</td><td class=\"num\">")
                    .append(esc(Format.slope(r.theory()))).append("</td><td><span class=\"verdict\">")
                    .append(esc(r.verdict().label())).append("</span></td><td>").append(esc(r.flag()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void figures(StringBuilder h, String title, List<Figure> figures, String note) {
        h.append("<h2>").append(esc(title)).append("</h2>\n<p class=\"note\">").append(esc(note)).append("</p>\n");
        if (figures.isEmpty()) {
            h.append("<p>No figure: no positive value to draw on log axes.</p>\n");
        }
        String setting = null;
        for (Figure f : figures) {
            if (!f.setting().equals(setting)) {
                setting = f.setting();
                h.append("<h3>").append(esc(setting)).append("</h3>\n");
            }
            h.append("<figure><a href=\"figures/").append(esc(f.svg())).append("\"><img src=\"figures/")
                    .append(esc(f.png())).append("\" alt=\"").append(esc(f.title())).append("\" width=\"")
                    .append(Figures.WIDTH).append("\"></a><figcaption>").append(esc(f.title()))
                    .append(" (<a href=\"figures/").append(esc(f.svg())).append("\">SVG</a>)</figcaption></figure>\n");
        }
    }

    private static void failures(StringBuilder h, List<StatusCount> statuses) {
        h.append("<h2>Fits by status</h2>\n");
        Set<String> labels = new LinkedHashSet<>();
        labels.add("converged");
        statuses.forEach(s -> labels.add(s.status()));
        Map<String, Map<Integer, Map<String, Long>>> table = new LinkedHashMap<>();
        for (StatusCount s : statuses) {
            table.computeIfAbsent(s.setting(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(s.n(), k -> new LinkedHashMap<>()).merge(s.status(), s.count(), Long::sum);
        }
        h.append("<p class=\"note\">Per setting and n. Only converged fits enter the curves and rates; the "
                + "others are counted as failed.</p>\n<table>\n<tr><th>setting</th><th>n</th>");
        for (String l : labels) {
            h.append("<th>").append(esc(l)).append("</th>");
        }
        h.append("</tr>\n");
        for (var bySetting : table.entrySet()) {
            for (var byN : bySetting.getValue().entrySet()) {
                h.append("<tr><td>").append(esc(bySetting.getKey())).append("</td><td class=\"num\">")
                        .append(byN.getKey()).append("</td>");
                for (String l : labels) {
                    h.append("<td class=\"num\">").append(byN.getValue().getOrDefault(l, 0L)).append("</td>");
                }
                h.append("</tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static void historySection(StringBuilder h, List<HistoryTable.Entry> history, List<Change> changes,
            List<Figure> figures) {
        Set<String> runs = new LinkedHashSet<>();
        history.forEach(e -> runs.add(e.run().runId()));
        h.append("<h2>RateRow history</h2>\n<p>").append(runs.size()).append(" run(s), ").append(history.size())
                .append(" rates.</p>\n<h3>Verdicts changed since the previous run</h3>\n");
        if (changes.isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table>\n<tr><th>study</th><th>setting</th><th>metric</th><th>previous</th><th>latest</th>"
                    + "<th>previous run</th><th>latest run</th></tr>\n");
            for (Change c : changes) {
                RateRow p = c.previous().rate();
                RateRow l = c.latest().rate();
                h.append("<tr class=\"").append(esc(l.verdict().label())).append("\"><td>").append(esc(c.latest().run().study()))
                        .append("</td><td>").append(esc(l.setting())).append("</td><td>").append(esc(l.metric()))
                        .append("</td><td>").append(esc(p.verdict().label() + " " + Format.slope(p.slope()) + " "
                                + Format.interval(p.ciLow(), p.ciHigh())))
                        .append("</td><td>").append(esc(l.verdict().label() + " " + Format.slope(l.slope()) + " "
                                + Format.interval(l.ciLow(), l.ciHigh())))
                        .append("</td><td>").append(esc(c.previous().run().recorded() + " " + c.previous().run().runId()))
                        .append("</td><td>").append(esc(c.latest().run().recorded() + " " + c.latest().run().runId()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h3>Rates over time</h3>\n<p class=\"note\">Per run: the estimated slope with its bootstrap "
                + "interval; dashed: the theory's exponent.</p>\n<div class=\"grid\">\n");
        for (Figure f : figures) {
            h.append("<figure><a href=\"figures/").append(esc(f.svg())).append("\"><img src=\"figures/")
                    .append(esc(f.png())).append("\" alt=\"").append(esc(f.title())).append("\"></a><figcaption>")
                    .append(esc(f.title())).append("</figcaption></figure>\n");
        }
        h.append("</div>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        rowHtml(h, key, esc(value));
    }

    private static void rowHtml(StringBuilder h, String key, String html) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v == null || v.isNull() ? "—" : v.asText();
    }

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
