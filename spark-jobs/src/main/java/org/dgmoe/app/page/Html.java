package org.dgmoe.app.page;

import static org.dgmoe.app.page.Page.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dgmoe.app.page.Figures.Figure;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.app.storage.History;
import org.dgmoe.app.storage.History.Change;
import org.dgmoe.app.storage.SweepResult;
import org.dgmoe.app.table.FitsTable.StatusCount;
import org.dgmoe.app.table.HistoryTable;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.rate.Guardrails;
import org.dgmoe.core.summary.RateRow;

/**
 * The sweep report's {@code index.html}: one self-contained page ({@link Page}'s frame, style sheet and
 * escaper, as the test page) that embeds its figures as inline SVG, so the file alone can be mailed or
 * archived; {@code figures/} keeps the PNG and SVG files for papers. The page is well-formed XML as
 * well as HTML (every element closed), and
 * the ids inside each embedded SVG get the figure's prefix ({@code f3-}) so that several SVGs on one
 * page cannot share an id. At the top, a summary per setting: which rates agree with the theory, are
 * faster or slower than it, are inconclusive or unreliable (and why), or have no theory.
 */
public final class Html {
    private Html() {
    }

    /**
     * The page.
     *
     * @param result  the sweep, or null for a history-only report
     * @param losses  its loss figures
     * @param maps    its rate-map figures ({@link RateMaps}; empty when no setting is a point of a map)
     * @param gof     the figures of a size and power study ({@link PowerFigures}; empty when no setting has a test)
     * @param history the history entries shown, or null without {@code --history}
     * @param changes verdict changes between the two latest runs
     * @param historyFigures the history figures
     */
    public static String page(SweepResult result, List<Figure> losses, List<Figure> maps, List<Figure> gof,
            List<HistoryTable.Entry> history,
            List<Change> changes, List<Figure> historyFigures, Path figuresDir) throws IOException {
        return page(result, losses, maps, gof, List.of(), history, changes, historyFigures, figuresDir);
    }

    /** The page, with the figures of a coverage study ({@link CoverageFigures}; empty without intervals). */
    public static String page(SweepResult result, List<Figure> losses, List<Figure> maps, List<Figure> gof,
            List<Figure> coverage, List<HistoryTable.Entry> history, List<Change> changes,
            List<Figure> historyFigures, Path figuresDir) throws IOException {
        int[] counter = {0};
        String name = result != null ? result.study() : "rate history";
        StringBuilder h = Page.open("dgmoe report: " + name);
        if (result != null) {
            h.append("<p class=\"note\">From <code>").append(esc(result.dir())).append("</code>. Rates are slopes of "
                    + "log(mean loss) on log(n); the interval is the bootstrap over replicates; the verdict "
                    + "compares it (widened by the tolerance) with the theory's exponent.</p>\n");
            summary(h, result);
            manifest(h, result.manifest());
            rates(h, result.rates());
            if (!maps.isEmpty()) {
                figures(h, "Rate maps", maps, "One figure per map (the settings of one vary block) and metric family: "
                        + "the estimated slope of each metric at each point against the varied value, its bootstrap "
                        + "interval as a bar (metrics dodged by " + RateMaps.DODGE + " of the x range each), the theory's "
                        + "exponent per point as a dashed step line (broken where the point has none; the legend "
                        + "names those points); a figure without any exponent has the parametric −1/2 dotted instead. A map over two keys is a heatmap of the "
                        + "slope per metric. Every point's loss curves follow under its own name.", figuresDir,
                        counter);
            }
            figures(h, "Loss curves", losses, "Log-log axes. Points: mean over converged replicates; bars: 10–90% "
                    + "quantiles over replicates; solid line: least-squares fit of log mean on log n (its power law "
                    + "in the legend); dashed: the theory's exponent drawn through the data's geometric centre. "
                    + "The metrics of one figure are dodged: metric i of m has its points and bars at n·"
                    + Figures.DODGE + "^(i − (m−1)/2), its lines at n. Title: k fitted experts, k* true experts, "
                    + "the true λ*; a cell's figure gives its number of fitted atoms. After a setting's figures over "
                    + "all fits come those of each cell layout with rates by layout (\"layout 1,2\": only the fits "
                    + "whose cells 1, 2 hold 1 and 2 fitted atoms), with that layout's atoms in the title and its "
                    + "exponents dashed.", figuresDir, counter);
            if (!gof.isEmpty()) {
                figures(h, "Goodness of fit: size and power", gof, "Tables tests/, power/ and nulls/ (docs/gof.md). "
                        + "Power against λ* at each n and against n at each λ* at α = " + PowerFigures.ALPHA + "; the "
                        + "p-values under H0 against U(0, 1); the null distribution of T per n.", figuresDir, counter);
            }
            if (!coverage.isEmpty()) {
                figures(h, "Coverage of the intervals", coverage, "Table coverage/ (docs/uncertainty.md, \"Coverage\"): "
                        + "per setting and method, how often each true parameter's interval held it, against n, with "
                        + "the nominal level and its binomial band.", figuresDir, counter);
            }
            failures(h, result.statuses());
        }
        if (history != null) {
            historySection(h, history, changes, historyFigures, figuresDir, counter);
        }
        return Page.close(h);
    }

    private static void manifest(StringBuilder h, JsonNode m) {
        h.append("<h2>Run</h2>\n<table>\n");
        row(h, "study", text(m, "study"));
        row(h, "run id", text(m, "run_id"));
        Page.provenance(h, Provenance.of(m));
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
        h.append("<h2>Rates</h2>\n<table>\n<tr><th>setting</th><th>metric</th><th>layout</th><th>slope</th>"
                + "<th>interval</th><th>theory</th><th>verdict</th><th>flag</th></tr>\n");
        for (RateRow r : rates) {
            h.append("<tr class=\"").append(esc(r.verdict().label())).append("\"><td class=\"name\">").append(esc(r.setting()))
                    .append("</td><td>").append(esc(r.metric())).append("</td><td>").append(esc(r.layout()))
                    .append("</td><td class=\"num\">")
                    .append(esc(Format.slope(r.slope()))).append("</td><td class=\"num\">")
                    .append(esc(Format.interval(r.ciLow(), r.ciHigh()))).append("</td><td class=\"num\">")
                    .append(esc(Format.slope(r.theory()))).append("</td><td><span class=\"verdict\">")
                    .append(esc(r.verdict().label())).append("</span></td><td>")
                    .append(esc(String.join("; ", Format.notes(r))))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void figures(StringBuilder h, String title, List<Figure> figures, String note, Path dir,
            int[] counter) throws IOException {
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
            figure(h, f, dir, counter);
        }
    }

    /** One figure, its SVG inline, its caption naming the files beside the page. */
    private static void figure(StringBuilder h, Figure f, Path dir, int[] counter) throws IOException {
        String svg = Files.readString(dir.resolve(f.svg()), StandardCharsets.UTF_8);
        StringBuilder caption = new StringBuilder(esc(f.title())).append(". ");
        if (!f.note().isEmpty()) {
            caption.append(esc(f.note())).append(' ');
        }
        caption.append("Files: <code>figures/").append(esc(f.png())).append("</code>, <code>figures/")
                .append(esc(f.svg())).append("</code>.");
        Page.figure(h, inlineSvg(svg, "f" + (++counter[0]) + "-", f.title()), caption.toString());
    }

    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    /**
     * An SVG file as an element to inline: without an XML declaration or DOCTYPE, every id (and every
     * {@code url(#id)} / {@code href="#id"} reference) prefixed by {@code prefix} so that several SVGs on one page
     * cannot clash (the report's own SVGs have none), between-tag whitespace dropped, and a title for screen
     * readers. Its size stays its own (the legend below the plot makes heights differ).
     */
    static String inlineSvg(String svg, String prefix, String title) {
        int start = svg.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException("not an SVG document");
        }
        String s = svg.substring(start).strip();
        s = ID.matcher(s).replaceAll(m -> Matcher.quoteReplacement("id=\"" + prefix + m.group(1) + "\""));
        s = s.replace("url(#", "url(#" + prefix).replace("href=\"#", "href=\"#" + prefix);
        s = s.replaceAll(">\\s+<", "><");
        int end = s.indexOf('>');
        return s.substring(0, end) + " role=\"img\"><title>" + esc(title) + "</title>" + s.substring(end + 1);
    }

    /**
     * The summary: one line of totals, and per setting the rates that agree with the theory, are
     * faster or slower than it, are inconclusive or unreliable (with the reason) or have no theory; the
     * headline counts the flagged rates of each class apart; then the flags.
     */
    private static void summary(StringBuilder h, SweepResult result) {
        List<RateRow> rates = result.rates();
        Map<Tables.Direction, Integer> totals = new EnumMap<>(Tables.Direction.class);
        rates.forEach(r -> totals.merge(Tables.direction(r), 1, Integer::sum));
        List<String> settings = Tables.distinct(rates, RateRow::setting);
        h.append("<h2>Summary</h2>\n<p class=\"headline\">").append(rates.size()).append(" rates in ")
                .append(settings.size()).append(settings.size() == 1 ? " setting: " : " settings: ");
        Map<Tables.Direction, Integer> flaggedTotals = new EnumMap<>(Tables.Direction.class);
        rates.stream().filter(r -> !r.flag().isEmpty())
                .forEach(r -> flaggedTotals.merge(Tables.direction(r), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        for (Tables.Direction d : Tables.Direction.values()) {
            int flaggedOfD = flaggedTotals.getOrDefault(d, 0);
            parts.add("<b>" + totals.getOrDefault(d, 0) + "</b> " + esc(headlineLabel(d))
                    + (flaggedOfD > 0 ? " (<b>" + flaggedOfD + "</b> of them flagged)" : ""));
        }
        long flaggedCount = rates.stream().filter(r -> !r.flag().isEmpty()).count();
        h.append(String.join(", ", parts)).append(".");
        if (flaggedCount > 0) {
            h.append(" <b>").append(flaggedCount).append("</b> of the ").append(rates.size()).append(
                    " rates carry a guardrail flag (listed below the table): their verdicts stand, but read them with care.");
        }
        h.append("</p>\n<p class=\"note\">Agree: the bootstrap interval (rates.confidence, 95% by default), widened by the "
                + "tolerance (rates.tolerance, 0.05 by default), holds the theory's exponent. Faster: the whole widened "
                + "interval lies below the exponent (the loss falls faster than the theory's bound, which the bound "
                + "allows; a slow rate the theory allows is then not observed at these n); slower: wholly above (the "
                + "only contradiction of the theory, and the only verdict that fails a run). Inconclusive: the interval "
                + "holds the exponent but reaches 0, or also holds the parametric −1/2 when the exponent differs from "
                + "it, or pools fits of other cell layouts; the reason is given, and it does not fail a run. "
                + "Unreliable: too many capped fits or too few usable sample sizes; no verdict is drawn. Rates by "
                + "layout (\"layout 1,2\": the fits whose cells 1, 2 hold 1 and 2 fitted atoms) are read against "
                + "that layout's exponents.</p>\n");
        h.append("<table class=\"summary\">\n<tr><th>setting</th><th>model</th>");
        for (Tables.Direction d : Tables.Direction.values()) {
            h.append("<th>").append(esc(d.label)).append("</th>");
        }
        h.append("</tr>\n");
        Map<String, Map<String, List<String>>> flagged = new LinkedHashMap<>();
        for (String setting : settings) {
            SweepResult.Model model = result.model(setting);
            h.append("<tr data-setting=\"").append(esc(setting)).append("\"><td class=\"name\">").append(esc(setting))
                    .append("</td><td class=\"name\">").append(esc(modelText(model))).append("</td>");
            for (Tables.Direction d : Tables.Direction.values()) {
                List<String> items = new ArrayList<>();
                for (RateRow r : rates) {
                    if (!r.setting().equals(setting) || Tables.direction(r) != d) {
                        continue;
                    }
                    String name = "<code>" + esc(r.metric()) + "</code>" + (r.allFits() ? ""
                            : " (layout " + esc(r.layout()) + ")");
                    items.add(switch (d) {
                        case FASTER, SLOWER -> "<span class=\"item\">" + name + " "
                                + esc(Format.slope(r.slope()) + " " + Format.interval(r.ciLow(), r.ciHigh()) + " vs "
                                + Format.slope(r.theory())) + "</span>";
                        case INCONCLUSIVE -> "<span class=\"item\">" + name + " "
                                + esc(Format.slope(r.slope()) + " " + Format.interval(r.ciLow(), r.ciHigh()) + " vs "
                                + Format.slope(r.theory()) + ": " + r.reason()) + "</span>";
                        case UNRELIABLE -> "<code>" + esc(r.metric()) + "</code>: " + esc(whyUnreliable(r, result));
                        default -> name;
                    });
                    if (d != Tables.Direction.UNRELIABLE) {
                        for (String f : Format.flags(r.flag())) {
                            flagged.computeIfAbsent(setting, k -> new LinkedHashMap<>())
                                    .computeIfAbsent(f, k -> new ArrayList<>())
                                .add(r.metric() + (r.allFits() ? "" : " (layout " + r.layout() + ")"));
                        }
                    }
                }
                String cls = items.isEmpty() ? "" : " class=\"" + d.name().toLowerCase(Locale.ROOT).replace('_', '-') + "\"";
                h.append("<td").append(cls).append(" data-kind=\"").append(esc(d.label)).append("\"><span class=\"count\">")
                        .append(items.size()).append("</span>")
                        .append(String.join(d == Tables.Direction.AGREE || d == Tables.Direction.NO_THEORY ? ", " : "<br/>",
                                items)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (!flagged.isEmpty()) {
            h.append("<p>Flagged by the guardrails (the verdict stands; read these rates with care):</p>\n<ul>\n");
            for (var bySetting : flagged.entrySet()) {
                for (var byFlag : bySetting.getValue().entrySet()) {
                    h.append("<li><b>").append(esc(bySetting.getKey())).append("</b>: ").append(esc(byFlag.getKey()))
                            .append(" — ").append(esc(String.join(", ", byFlag.getValue()))).append("</li>\n");
                }
            }
            h.append("</ul>\n");
        }
    }

    private static String headlineLabel(Tables.Direction d) {
        return switch (d) {
            case AGREE -> "agree with the theory";
            case FASTER -> "faster than the theory";
            case SLOWER -> "slower than the theory";
            case INCONCLUSIVE -> "inconclusive";
            case UNRELIABLE -> "unreliable";
            case NO_THEORY -> "without a theory";
        };
    }

    /** "k = 3, k* = 2, λ* = 0.5" (what the manifest gives). */
    static String modelText(SweepResult.Model m) {
        List<String> parts = new ArrayList<>();
        if (m.k() > 0) {
            parts.add("k = " + m.k());
        }
        if (m.kStar() > 0) {
            parts.add("k* = " + m.kStar());
        }
        if (Double.isFinite(m.lambdaStar())) {
            parts.add("λ* = " + Format.coefficient(m.lambdaStar()));
        }
        return parts.isEmpty() ? "—" : String.join(", ", parts);
    }

    /** Why a rate is unreliable: too few usable sizes, or the capped fits (the worst n), and its flags. */
    static String whyUnreliable(RateRow r, SweepResult result) {
        List<String> why = new ArrayList<>();
        if (!Double.isFinite(r.slope()) || !Double.isFinite(r.ciLow()) || !Double.isFinite(r.ciHigh())) {
            why.add("fewer than two sample sizes with a usable mean");
        } else {
            Map<Integer, long[]> byN = new LinkedHashMap<>(); // n -> {capped, all}
            for (StatusCount s : result.statuses()) {
                if (s.setting().equals(r.setting())) {
                    long[] c = byN.computeIfAbsent(s.n(), k -> new long[2]);
                    c[1] += s.count();
                    if (CAPPED.equals(s.status())) {
                        c[0] += s.count();
                    }
                }
            }
            int worst = -1;
            double share = -1;
            for (var e : byN.entrySet()) {
                double q = e.getValue()[1] == 0 ? 0 : (double) e.getValue()[0] / e.getValue()[1];
                if (q > share) {
                    share = q;
                    worst = e.getKey();
                }
            }
            if (worst >= 0 && share > 0) {
                long[] c = byN.get(worst);
                why.add("capped fits: " + c[0] + " of " + c[1] + " hit the iteration cap at n = " + worst
                        + " (more than " + Math.round(100 * Guardrails.MAX_CAPPED_FRACTION) + "% at some n)");
            } else {
                why.add("too many fits hit the iteration cap at some n");
            }
        }
        why.addAll(Format.flags(r.flag()));
        return String.join("; ", why);
    }

    private static final String CAPPED = org.dgmoe.app.table.FitsTable.statusLabel(FitStatus.MAX_ITERATIONS);

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
            List<Figure> figures, Path dir, int[] counter) throws IOException {
        Set<String> runs = new LinkedHashSet<>();
        history.forEach(e -> runs.add(e.run().runId()));
        h.append("<h2>Rate history</h2>\n<p>").append(runs.size()).append(" run(s), ").append(history.size())
                .append(" rates.</p>\n<h3>Verdicts changed since the previous run</h3>\n");
        if (!changes.isEmpty()) {
            h.append("<p>").append(changes.size()).append(" changed, <b>").append(History.newlySlower(changes))
                    .append("</b> newly <code>slower-than-theory</code> (the only verdict that contradicts the "
                            + "theory's bounds).</p>\n");
        }
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
            figure(h, f, dir, counter);
        }
        h.append("</div>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        Page.row(h, key, esc(value));
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v == null || v.isNull() ? "—" : v.asText();
    }
}
