package org.dgmoe.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.Main;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.page.Figures;
import org.dgmoe.app.page.Format;
import org.dgmoe.app.page.Html;
import org.dgmoe.app.page.Tables;
import org.dgmoe.app.storage.History;
import org.dgmoe.app.storage.SweepResult;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.app.table.HistoryTable;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.summary.RateRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report of a fixture sweep written directly as Parquet with known numbers (and extra columns
 * the report must tolerate): figures, HTML, terminal table, history and bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {
    private static final String HASH = "c0ffee".repeat(10) + "abcd";
    private static final int[] SIZES = {100, 1000, 10000};

    @TempDir
    Path tmp;
    private Path sweep;

    /** A run's exit status and streams. */
    record Result(int status, String out, String err) {
    }

    private static SparkSession spark() {
        return SparkTestSession.get();
    }

    /** Runs the command as Main would: bad input is exit 2. */
    static Result report(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            status = new ReportCommand(SparkTestSession::get, false).run(List.of(args),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (InputException e) {
            status = ExitStatus.BAD_INPUT;
            err.writeBytes(e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static RateRow rate(String setting, String metric, double slope, double intercept, double lo, double hi,
            double theory, String verdict) {
        // the legacy label 'disagrees' is read by direction, as RatesTable reads an older table
        return new RateRow(setting, metric, slope, intercept, lo, hi, theory, Verdict.ofLabel(verdict, lo, hi, theory),
                "");
    }

    /**
     * A rates row of another version of the sweep: without {@code flag} (older), with an extra guardrail
     * column (as a later sweep may write), in {@link #RATES}.
     */
    static Row otherVersion(RateRow r) {
        return RowFactory.create(r.setting(), r.metric(), r.slope(), r.intercept(), r.ciLow(), r.ciHigh(),
                Double.isNaN(r.theory()) ? null : r.theory(), r.verdict().label(), 0.25);
    }

    static final StructType RATES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("setting", DataTypes.StringType, false),
            DataTypes.createStructField("metric", DataTypes.StringType, false),
            DataTypes.createStructField("slope", DataTypes.DoubleType, false),
            DataTypes.createStructField("intercept", DataTypes.DoubleType, false),
            DataTypes.createStructField("ci_low", DataTypes.DoubleType, false),
            DataTypes.createStructField("ci_high", DataTypes.DoubleType, false),
            DataTypes.createStructField("theory", DataTypes.DoubleType, true),
            DataTypes.createStructField("verdict", DataTypes.StringType, false),
            DataTypes.createStructField("guardrail_share", DataTypes.DoubleType, true)));

    static List<RateRow> fixtureRates() {
        return List.of(
                rate("alpha", "voronoi", -0.48712, Math.log(2.0), -0.55, -0.43, -0.5, "agrees"),
                rate("alpha", "hellinger", -0.50031, Math.log(0.3), -0.52, -0.48, -0.5, "agrees"),
                rate("alpha", "lambda_error", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "no-theory"),
                rate("alpha", "cell1_slope", -0.11718, Math.log(0.8), -0.16, -0.07, -0.125, "agrees"),
                rate("beta", "voronoi", -0.49004, Math.log(3.0), -0.53, -0.45, -0.5, "agrees"),
                rate("beta", "cell1_variance", -0.03125, Math.log(0.05), -0.06, -0.01, -0.25, "disagrees"));
    }

    @BeforeAll
    void writeFixture() throws Exception {
        sweep = Files.createTempDirectory("dgmoe-report-fixture").resolve("sweep");
        StructType curves = DataTypes.createStructType(List.of(
                DataTypes.createStructField("setting", DataTypes.StringType, false),
                DataTypes.createStructField("metric", DataTypes.StringType, false),
                DataTypes.createStructField("n", DataTypes.IntegerType, false),
                DataTypes.createStructField("count", DataTypes.IntegerType, false),
                DataTypes.createStructField("failed", DataTypes.IntegerType, false),
                DataTypes.createStructField("mean", DataTypes.DoubleType, false),
                DataTypes.createStructField("median", DataTypes.DoubleType, false),
                DataTypes.createStructField("sd", DataTypes.DoubleType, false),
                DataTypes.createStructField("q10", DataTypes.DoubleType, false),
                DataTypes.createStructField("q90", DataTypes.DoubleType, false)));
        List<Row> curveRows = new ArrayList<>();
        for (RateRow r : fixtureRates()) {
            for (int n : SIZES) {
                double mean = Double.isNaN(r.slope()) ? 0.0 : Math.exp(r.intercept()) * Math.pow(n, r.slope());
                curveRows.add(RowFactory.create(r.setting(), r.metric(), n, 9, 1, mean, mean, mean / 4,
                        mean * 0.6, mean * 1.5));
            }
        }
        StructType fits = DataTypes.createStructType(List.of(
                DataTypes.createStructField("setting", DataTypes.StringType, false),
                DataTypes.createStructField("n", DataTypes.IntegerType, false),
                DataTypes.createStructField("replicate", DataTypes.IntegerType, false),
                DataTypes.createStructField("status", DataTypes.StringType, false),
                DataTypes.createStructField("stop_reason", DataTypes.StringType, true),
                DataTypes.createStructField("cell1_size", DataTypes.IntegerType, true)));
        List<Row> fitRows = new ArrayList<>();
        for (String s : List.of("alpha", "beta")) {
            for (int n : SIZES) {
                for (int rep = 0; rep < 10; rep++) {
                    // beta over-fits cell 1: at the largest n, 6 of the 9 converged fits give it 2 atoms, 3 give it 1
                    // (the capped replicate 0 has 3, which must not count); at smaller n mostly 1
                    Integer size = s.equals("alpha") ? 1 : rep == 0 ? 3 : n == 10000 ? (rep <= 6 ? 2 : 1) : (rep <= 2 ? 2 : 1);
                    fitRows.add(RowFactory.create(s, n, rep, rep == 0 ? "max_iterations" : "converged", "tolerance",
                            size));
                }
            }
        }
        spark().createDataFrame(curveRows, curves).coalesce(1).write().parquet(sweep.resolve("curves").toString());
        spark().createDataFrame(fixtureRates().stream().map(ReportCommandTest::otherVersion).toList(), RATES).coalesce(1).write().parquet(sweep.resolve("rates").toString());
        spark().createDataFrame(fitRows, fits).coalesce(1).write().parquet(sweep.resolve("fits").toString());
        Files.writeString(sweep.resolve("manifest.json"), """
                {"study": "fixture-study", "config_hash": "%s", "study_seed": 7, "source": "fixture.conf",
                 "run_id": "run42", "git_commit": "0123456789abcdef0123456789abcdef01234567",
                 "versions": {"dgmoe": "0.1.0-SNAPSHOT", "spark": "4.2.0", "java": "17"},
                 "host": "testhost", "os": "Linux", "cpus": 2, "master": "local[2]",
                 "started": "2024-02-07T01:00:00Z", "finished": "2024-02-07T01:05:00Z", "tasks": 60,
                 "tasks_computed_by_last_run": 60, "partitions": 60,
                 "status_counts": {"converged": 54, "max_iterations": 6, "degenerate": 0, "non_finite": 0},
                 "resolved_config": {"study": {"name": "fixture-study", "settings": [
                   {"name": "alpha", "fit": {"experts": 2}, "truth": {"lambda": 0.5, "experts": [{}, {}]}},
                   {"name": "beta", "fit": {"experts": 3}, "truth": {"lambda": 0.3, "experts": [{}, {}]}}]}}}
                """.formatted(HASH));
        Files.writeString(sweep.resolve("_SUCCESS"), "");
    }

    private static List<Path> files(Path dir, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void rendersFiguresHtmlAndTheTerminalTable() throws Exception {
        Path out = tmp.resolve("rep");
        Result r = report("--in", sweep.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());

        // alpha: aggregate (lambda_error ≡ 0 is left out, the others drawn) and cell1; beta: aggregate and cell1
        List<Path> pngs = files(out.resolve("figures"), ".png");
        assertEquals(List.of("loss-alpha-aggregate.png", "loss-alpha-cell1.png", "loss-beta-aggregate.png",
                "loss-beta-cell1.png"), pngs.stream().map(p -> p.getFileName().toString()).toList());
        for (Path png : pngs) {
            byte[] bytes = Files.readAllBytes(png);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                    Arrays.copyOf(bytes, 8), png + " is a PNG");
            BufferedImage image = ImageIO.read(png.toFile());
            Path svg = out.resolve("figures").resolve(png.getFileName().toString().replace(".png", ".svg"));
            Document doc = parse(svg);
            assertEquals("svg", doc.getDocumentElement().getNodeName());
            // print resolution: the SVG's points (its legend below the plot included) at PNG_DPI/72 pixels each
            double scale = Figures.PNG_DPI / 72.0;
            assertEquals(Figures.WIDTH, Integer.parseInt(doc.getDocumentElement().getAttribute("width")));
            assertEquals(Math.round(Figures.WIDTH * scale), image.getWidth());
            assertEquals(Math.round(Integer.parseInt(doc.getDocumentElement().getAttribute("height")) * scale),
                    image.getHeight());
            // pHYs holds whole pixels per metre: 200 dpi is 7874.0157 per metre, written 7874 (0.0004 dpi off)
            assertEquals(Figures.PNG_DPI, dotsPerInch(png), 0.01, "the PNG records its resolution (pHYs)");
            assertTrue(pixelsOfColour(image, 0x0072B2) > 50, png + ": the first metric's points and line are drawn");
            // text is text: the axes' names and the legend as <text>, no glyph outlines (<path>)
            List<String> texts = new ArrayList<>();
            NodeList textNodes = doc.getElementsByTagName("text");
            for (int i = 0; i < textNodes.getLength(); i++) {
                texts.add(textNodes.item(i).getTextContent());
            }
            assertTrue(texts.contains("loss: mean over converged replicates"), texts.toString());
            assertTrue(texts.stream().anyMatch(t -> t.startsWith("sample size n")), texts.toString());
            assertTrue(texts.stream().anyMatch(t -> t.startsWith("fixture-study · ")), "the title: " + texts);
            assertEquals(0, doc.getElementsByTagName("path").getLength(), svg + " has no outlines");
            // XChart's SVGs of these figures took about 0.4 MB (text as outlines); ours hold some 60 marks and
            // 40 texts in about 10 kB: 40 kB fails if text turns into outlines again (about 1 kB a glyph)
            assertTrue(Files.size(svg) < 40_000, svg + ": " + Files.size(svg) + " bytes");
        }

        String html = Files.readString(out.resolve("index.html"));
        assertFalse(html.contains("<img"), "no <img>: the figures are embedded");
        assertFalse(html.contains("src=\"figures/") || html.contains("href=\"figures/"), "nothing links figures/");
        Document page = parse(out.resolve("index.html"));
        assertEquals("html", page.getDocumentElement().getNodeName());
        List<Element> svgs = figureSvgs(page);
        assertEquals(pngs.size(), svgs.size(), "one inline SVG per figure written");
        assertEquals(files(out.resolve("figures"), ".svg").size(), svgs.size());
        List<String> ids = new ArrayList<>();
        NodeList all = page.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), "no id twice on the page: " + ids);
        for (Element svg : svgs) {
            assertEquals("http://www.w3.org/2000/svg", svg.getAttribute("xmlns"));
            assertTrue(svg.getElementsByTagName("text").getLength() > 10, "inline SVG has its text");
            assertEquals(0, svg.getElementsByTagName("path").getLength(), "no outlines");
        }

        // titles: k, k*, λ* of the setting; a cell's planned size (the mode at the largest n, converged fits only)
        List<String> titles = new ArrayList<>();
        NodeList svgTitles = page.getElementsByTagName("title");
        for (int i = 0; i < svgTitles.getLength(); i++) {
            titles.add(svgTitles.item(i).getTextContent());
        }
        assertTrue(titles.contains("fixture-study · alpha · aggregate losses · k = 2, k* = 2, λ* = 0.5"), titles.toString());
        assertTrue(titles.contains("fixture-study · beta · Voronoi cell 1 errors (2 fitted atoms) · k = 3, k* = 2, λ* = 0.3"),
                titles.toString());
        assertTrue(html.contains("the most common |A_1| among the converged fits at n = 10,000 (6 of 9"), "says which");

        // the summary: per setting, the counts of the rates table
        Map<String, Map<String, Integer>> summary = new LinkedHashMap<>();
        NodeList rows = page.getElementsByTagName("tr");
        for (int i = 0; i < rows.getLength(); i++) {
            Element tr = (Element) rows.item(i);
            if (tr.getAttribute("data-setting").isEmpty()) {
                continue;
            }
            NodeList tds = tr.getElementsByTagName("td");
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int k = 0; k < tds.getLength(); k++) {
                Element td = (Element) tds.item(k);
                if (!td.getAttribute("data-kind").isEmpty()) {
                    counts.put(td.getAttribute("data-kind"),
                            Integer.parseInt(td.getElementsByTagName("span").item(0).getTextContent()));
                }
            }
            summary.put(tr.getAttribute("data-setting"), counts);
        }
        assertEquals(expectedSummary(fixtureRates()), summary);
        assertEquals(Map.of("agree", 3, "faster", 0, "slower", 0, "inconclusive", 0, "unreliable", 0, "no theory", 1),
                summary.get("alpha"));
        assertEquals(Map.of("agree", 1, "faster", 0, "slower", 1, "inconclusive", 0, "unreliable", 0, "no theory", 0),
                summary.get("beta"));
        assertTrue(html.indexOf("<h2>Summary</h2>") < html.indexOf("<h2>Run</h2>"), "the summary comes first");
        for (String expected : List.of("fixture-study", HASH, "0123456789abcdef0123456789abcdef01234567",
                "-0.487", "[-0.550, -0.430]", "-0.031", "[-0.060, -0.010]", "-0.250", "slower-than-theory",
                "class=\"slower-than-theory\"", "max_iterations", "run42")) {
            assertTrue(html.contains(expected), "index.html holds " + expected);
        }
        String withoutNamespaces = html.replaceAll("xmlns(:\\w+)?=\"http://www\\.w3\\.org/[^\"]*\"", "");
        assertFalse(withoutNamespaces.contains("http://") || withoutNamespaces.contains("https://"),
                "self-contained: no remote resources (the SVG namespaces are names, not fetched)");

        List<String> lines = r.out().lines().toList();
        String voronoi = lines.stream().filter(l -> l.startsWith("alpha") && l.contains("voronoi")).findFirst()
                .orElseThrow();
        assertTrue(voronoi.matches("alpha\\s+voronoi\\s+-0\\.487\\s+\\[-0\\.550, -0\\.430]\\s+-0\\.500\\s+agrees"),
                voronoi);
        String header = lines.stream().filter(l -> l.startsWith("setting")).findFirst().orElseThrow();
        assertEquals(header.indexOf("metric"), voronoi.indexOf("voronoi"), "columns are aligned");
        assertTrue(r.out().contains("beta     cell1_variance  -0.031"), r.out());
        assertRuleAsWideAsTable(r.out().substring(r.out().indexOf("setting")));

        // a second report replaces the first in place
        assertEquals(0, report("--in", sweep.toString(), "--out", out.toString()).status());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("rep"), s.map(p -> p.getFileName().toString()).toList(), "no staging left behind");
        }
    }

    @Test
    void historyHasOneFilePerRunAndListsChangedVerdicts() throws Exception {
        Path history = tmp.resolve("history");
        List<RateRow> first = fixtureRates();
        List<RateRow> second = new ArrayList<>(first);
        second.set(0, rate("alpha", "voronoi", -0.31, Math.log(2.0), -0.36, -0.26, -0.5, "disagrees"));
        History.append(spark(), history.toString(), new HistoryTable.Run(Instant.parse("2024-02-07T02:00:00Z"), "runA",
                "fixture-study", HASH, "aaaa"), first);
        History.append(spark(), history.toString(), new HistoryTable.Run(Instant.parse("2024-02-08T02:00:00Z"), "runB",
                "fixture-study", HASH, "bbbb"), second);
        History.append(spark(), history.toString(), new HistoryTable.Run(Instant.parse("2024-02-08T03:00:00Z"), "runC",
                "other-study", HASH, "cccc"), second);
        assertEquals(3, files(history, ".parquet").size(), "one file per run");
        try (Stream<Path> s = Files.list(history)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).count(), "no temporary left");
        }

        List<HistoryTable.Entry> entries = History.read(spark(), history.toString(), "fixture-study");
        assertEquals(2 * first.size(), entries.size());
        assertEquals(List.of("runA", "runB"), Tables.distinct(entries, e -> e.run().runId()));
        List<History.Change> changes = History.changes(entries);
        assertEquals(1, changes.size());
        assertEquals("voronoi", changes.get(0).latest().rate().metric());
        assertEquals(Verdict.AGREES, changes.get(0).previous().rate().verdict());
        assertEquals(Verdict.SLOWER_THAN_THEORY, changes.get(0).latest().rate().verdict());
        assertTrue(changes.get(0).newlySlower());

        Path out = tmp.resolve("rep-h");
        Result r = report("--in", sweep.toString(), "--history", history.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("verdict changes since the previous run (1, 1 newly slower than the theory)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("fixture-study\\s+alpha\\s+voronoi\\s+agrees\\s+slower-than-theory"
                + "\\s+-0\\.487\\s+-0\\.310\\s+-0\\.500")), r.out());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("Verdicts changed since the previous run"));
        assertTrue(html.contains("agrees -0.487 [-0.550, -0.430]") && html.contains("slower-than-theory -0.310 [-0.360, -0.260]"));
        assertTrue(Files.exists(out.resolve("figures/history-alpha-voronoi.png")));
        assertTrue(html.contains("figures/history-alpha-voronoi.png"), "named in its caption");
        assertEquals(files(out.resolve("figures"), ".svg").size(), figureSvgs(parse(out.resolve("index.html"))).size(),
                "loss and history figures are all embedded");
        assertFalse(html.contains("other-study"), "only the study of --in");
        BufferedImage image = ImageIO.read(out.resolve("figures/history-alpha-voronoi.png").toFile());
        assertTrue(pixelsOfColour(image, 0x0072B2) > 50);
    }

    @Test
    void badInputExitsTwoAndWritesNothing() throws Exception {
        Path missing = tmp.resolve("missing");
        Result r = report("--in", missing.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no such directory"), r.err());
        assertFalse(Files.exists(missing));

        Path unfinished = Files.createDirectories(tmp.resolve("unfinished"));
        Files.writeString(unfinished.resolve("manifest.json"), "{}");
        r = report("--in", unfinished.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no _SUCCESS"), r.err());
        assertEquals(List.of(unfinished.resolve("manifest.json")), files(unfinished, ""));

        Path broken = Files.createDirectories(tmp.resolve("broken"));
        for (String t : List.of("fits", "curves", "rates")) {
            Files.createDirectories(broken.resolve(t));
            Files.writeString(broken.resolve(t).resolve("part-00000.parquet"), "not parquet");
        }
        Files.writeString(broken.resolve("manifest.json"), "{\"study\": \"x\"}");
        Files.writeString(broken.resolve("_SUCCESS"), "");
        r = report("--in", broken.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("cannot read curves/ as Parquet"), r.err());
        assertFalse(Files.exists(broken.resolve("report")));

        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        r = report("--in", sweep.toString(), "--out", foreign.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("not a dgmoe report"), r.err());

        r = report("--history", tmp.resolve("no-history").toString(), "--out", tmp.resolve("h-out").toString());
        assertEquals(2, r.status());
        assertFalse(Files.exists(tmp.resolve("h-out")));
        assertEquals(2, report("--bogus").status());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("broken", "foreign", "unfinished"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written");
        }
    }

    /** Every file and folder below {@code dir} with its bytes (folders: none), to show nothing was touched. */
    static Map<String, List<Byte>> tree(Path dir) throws Exception {
        Map<String, List<Byte>> tree = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                byte[] bytes = Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p);
                List<Byte> content = new ArrayList<>(bytes.length);
                for (byte b : bytes) {
                    content.add(b);
                }
                tree.put(dir.relativize(p).toString(), content);
            }
        }
        return tree;
    }

    /** A pid no process has (above Linux's largest): a leftover of a killed run. */
    static final long DEAD_PID = Integer.MAX_VALUE;

    @Test
    void aFolderWithAUsersFilesBesideAnIndexHtmlIsRefusedAndLeftUntouched() throws Exception {
        // the recipe: a folder holding index.html is not therefore a report
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("thesis.tex"), "precious\n");
        Files.writeString(site.resolve("index.html"), "<html/>\n");
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("css/style.css"), "body{}\n");
        Map<String, List<Byte>> before = tree(tmp);
        Result r = report("--in", sweep.toString(), "--out", site.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("--out " + site + ": exists and is not a dgmoe report (it holds css/, thesis.tex); give a new or "
                + "empty folder, or an earlier report", r.err());
        assertEquals(before, tree(tmp), "nothing touched, nothing written beside it");

        // a report a user added a file to is refused too: the marker lists what the report wrote
        Path rep = tmp.resolve("rep2");
        assertEquals(0, report("--in", sweep.toString(), "--out", rep.toString()).status());
        assertTrue(Files.readString(rep.resolve(".dgmoe-folder")).startsWith("dgmoe report "));
        Files.writeString(rep.resolve("figures/notes.txt"), "mine");
        before = tree(tmp);
        r = report("--in", sweep.toString(), "--out", rep.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("(it holds figures/notes.txt)"), r.err());
        assertEquals(before, tree(tmp));

        // a report written before the marker (exactly index.html and figures/*.png|svg) is still replaced
        Path earlier = Files.createDirectories(tmp.resolve("earlier/figures"));
        Files.writeString(earlier.resolveSibling("index.html"), "<html/>");
        Files.writeString(earlier.resolve("loss-old.png"), "png");
        r = report("--in", sweep.toString(), "--out", earlier.getParent().toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(Files.exists(earlier.resolve("loss-old.png")));
        assertTrue(Files.exists(earlier.resolve("loss-alpha-aggregate.png")));
    }

    @Test
    void aRunKilledBetweenTheTwoRenamesIsRecoveredByTheNextRun() throws Exception {
        Path rep = tmp.resolve("rep");
        assertEquals(0, report("--in", sweep.toString(), "--out", rep.toString()).status());
        Map<String, List<Byte>> report = tree(rep);
        // killed after the old report was renamed aside and before the new one moved in; killed runs'
        // staging folders: one of ours (marked) and one that is not (no marker: left alone)
        Files.move(rep, tmp.resolve(".rep.old-" + DEAD_PID + "-1"));
        Path staging = Files.createDirectories(tmp.resolve(".rep.staging-" + DEAD_PID + "-2/figures"));
        Files.writeString(staging.resolveSibling(".dgmoe-folder"), "dgmoe report 0\n");
        Files.writeString(staging.resolve("half.png"), "half");
        Path notOurs = Files.createDirectories(tmp.resolve(".rep.staging-" + DEAD_PID + "-3"));
        Files.writeString(notOurs.resolve("x"), "x");

        // the next run, even one refused for its input, puts the old report back under the user's name
        Result r = report("--in", tmp.resolve("missing").toString(), "--out", rep.toString());
        assertEquals(2, r.status());
        assertEquals(report, tree(rep));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(".rep.staging-" + DEAD_PID + "-3", "rep"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }

        // killed after the new report moved in, before the old one was deleted: the aside folder goes
        Files.createDirectories(tmp.resolve(".rep.old-" + DEAD_PID + "-4"));
        Files.writeString(tmp.resolve(".rep.old-" + DEAD_PID + "-4/index.html"), "<html/>");
        // an aside folder holding what dgmoe did not write stays
        Files.createDirectories(tmp.resolve(".rep.old-" + DEAD_PID + "-5"));
        Files.writeString(tmp.resolve(".rep.old-" + DEAD_PID + "-5/thesis.tex"), "precious");
        assertEquals(0, report("--in", sweep.toString(), "--out", rep.toString()).status());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(".rep.old-" + DEAD_PID + "-5", ".rep.staging-" + DEAD_PID + "-3", "rep"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anOutThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Result r = report("--in", sweep.toString(), "--out", file.resolve("rep").toString());
        assertEquals(2, r.status());
        assertEquals("--out " + file.resolve("rep") + ": " + file + " is not a directory", r.err());
        assertEquals("", r.out(), "refused before the work: no rate table");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("a-file"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void mainKnowsTheCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Main().run(new String[] {"help", "report"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: dgmoe report --in DIR"));
    }

    @Test
    void theRateTableKeepsItsWidthWithLongFlagsAndItsRuleIsAsWideAsTheTable() {
        List<RateRow> rates = List.of(
                rate("alpha", "voronoi", -0.48712, 0, -0.55, -0.43, -0.5, "agrees"),
                new RateRow("over-fit", "cell2_intercept", -0.666, 0, -0.761, -0.564, -0.5, Verdict.FASTER_THAN_THEORY,
                        "faster-than-parametric: early stopping or start leakage?; cells differ from the theory's in "
                                + "over 5% of fits at some n"),
                new RateRow("over-fit", "cell2_mass", -0.658, 0, -0.748, -0.563, -0.5, Verdict.FASTER_THAN_THEORY,
                        "faster-than-parametric: early stopping or start leakage?"));
        String table = Format.rateTable(rates);
        assertRuleAsWideAsTable(table);
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(3).endsWith("faster-than-theory  [1] [2]"), table);
        assertTrue(lines.get(4).endsWith("faster-than-theory  [1]"), table);
        assertEquals("[1] faster-than-parametric: early stopping or start leakage?", lines.get(5), table);
        assertEquals("[2] cells differ from the theory's in over 5% of fits at some n", lines.get(6), table);
        assertEquals(7, lines.size(), table);
        assertTrue(lines.get(1).length() < 90, "a long flag does not widen the table: " + lines.get(1).length());
    }

    @Test
    void theSummarySaysWhichRatesAreFasterSlowerOrUnreliableAndWhy() throws Exception {
        List<RateRow> rates = List.of(
                rate("s", "voronoi", -0.7, 0, -0.8, -0.6, -0.5, "disagrees"), // wholly below: faster
                rate("s", "cell1_slope", -0.05, 0, -0.09, -0.01, -0.125, "disagrees"), // wholly above: slower
                rate("s", "hellinger", -0.5, 0, -0.6, -0.4, -0.5, "agrees"),
                rate("s", "cell1_mass", -0.5, 0, -0.6, -0.4, -0.5, "unreliable"), // capped fits
                rate("s", "cell1_variance", Double.NaN, Double.NaN, Double.NaN, Double.NaN, -0.25, "unreliable"),
                rate("s", "lambda_error", -0.5, 0, -0.6, -0.4, Double.NaN, "no-theory"),
                new RateRow("t", "voronoi", -0.6, 0, -0.66, -0.55, -0.5, Verdict.AGREES,
                        "faster-than-parametric: early stopping or start leakage?"),
                new RateRow("t", "hellinger", -0.225, 0, -0.687, 0.123, -0.5, Verdict.INCONCLUSIVE, "", Map.of(),
                        RateRow.ALL_FITS, org.dgmoe.core.rate.RateEstimator.HOLDS_ZERO),
                new RateRow("t", "cell2_slope", -0.13, 0, -0.15, -0.11, -0.125, Verdict.AGREES, "", Map.of(), "1,2",
                        ""));
        assertEquals(List.of(Tables.Direction.FASTER, Tables.Direction.SLOWER, Tables.Direction.AGREE,
                Tables.Direction.UNRELIABLE, Tables.Direction.UNRELIABLE, Tables.Direction.NO_THEORY,
                Tables.Direction.AGREE, Tables.Direction.INCONCLUSIVE, Tables.Direction.AGREE),
                rates.stream().map(Tables::direction).toList());
        SweepResult result = new SweepResult("dir", new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"study\": \"x\"}"), List.of(), rates, List.of(
                        new org.dgmoe.app.table.FitsTable.StatusCount("s", 100, "converged", 17),
                        new org.dgmoe.app.table.FitsTable.StatusCount("s", 100, "max_iterations", 3),
                        new org.dgmoe.app.table.FitsTable.StatusCount("s", 1000, "converged", 20)), Map.of());
        Path dir = Files.createDirectories(tmp.resolve("no-figures"));
        String html = Html.page(result, List.of(), List.of(), List.of(), null, List.of(), List.of(), dir);
        parse(Files.writeString(tmp.resolve("summary.html"), html));
        // flagged rates are counted apart, per class and in all
        assertTrue(html.contains("<b>3</b> agree with the theory (<b>1</b> of them flagged), <b>1</b> faster than the "
                + "theory, <b>1</b> slower than the theory, <b>1</b> inconclusive, <b>2</b> unreliable, <b>1</b> without "
                + "a theory. <b>1</b> of the 9 rates carry a guardrail flag"), html);
        assertTrue(html.contains("<code>hellinger</code> -0.225 [-0.687, 0.123] vs -0.500: inconclusive: the interval "
                + "reaches 0"), html);
        assertTrue(html.contains("<code>cell2_slope</code> (layout 1,2)"), html);
        assertTrue(html.contains("<code>voronoi</code> -0.700 [-0.800, -0.600] vs -0.500"), html);
        assertTrue(html.contains("<code>cell1_slope</code> -0.050 [-0.090, -0.010] vs -0.125"), html);
        assertTrue(html.contains("<code>cell1_mass</code>: capped fits: 3 of 20 hit the iteration cap at n = 100"), html);
        assertTrue(html.contains("<code>cell1_variance</code>: fewer than two sample sizes with a usable mean"), html);
        assertTrue(html.contains("<b>t</b>: faster-than-parametric: early stopping or start leakage? — voronoi"), html);
    }

    /** The summary's counts per setting as the rates table gives them, computed here from verdict and interval. */
    static Map<String, Map<String, Integer>> expectedSummary(List<RateRow> rates) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (RateRow r : rates) {
            Map<String, Integer> c = out.computeIfAbsent(r.setting(), k -> {
                Map<String, Integer> m = new LinkedHashMap<>();
                for (String kind : List.of("agree", "faster", "slower", "inconclusive", "unreliable", "no theory")) {
                    m.put(kind, 0);
                }
                return m;
            });
            String kind = switch (r.verdict()) {
                case AGREES -> "agree";
                case UNRELIABLE -> "unreliable";
                case NO_THEORY -> "no theory";
                case FASTER_THAN_THEORY -> "faster";
                case SLOWER_THAN_THEORY -> "slower";
                case INCONCLUSIVE -> "inconclusive";
            };
            c.merge(kind, 1, Integer::sum);
        }
        return out;
    }

    /** The rule under a text table's header has as many dashes as its widest line has characters. */
    static void assertRuleAsWideAsTable(String text) {
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(1).matches("-+"), text);
        int width = 0;
        for (String l : lines) {
            if (l.startsWith("[") || l.startsWith("report:")) {
                break; // the footnotes and the closing line are not the table
            }
            if (!l.matches("-+")) {
                width = Math.max(width, l.codePointCount(0, l.length()));
            }
        }
        assertEquals(width, lines.get(1).length(), text);
    }

    /** An XML parse (the page is well-formed XML as well as HTML); no DTD is fetched. */
    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    /** The figures' SVG elements of a page (not the plot areas nested inside them). */
    static List<Element> figureSvgs(Document page) {
        List<Element> out = new ArrayList<>();
        NodeList svgs = page.getElementsByTagName("svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            if (!"svg".equals(svgs.item(i).getParentNode().getNodeName())) {
                out.add((Element) svgs.item(i));
            }
        }
        return out;
    }

    /** The horizontal resolution a PNG records (its pHYs chunk), in dots per inch. */
    static double dotsPerInch(Path png) throws Exception {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            javax.imageio.ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            // the chunk itself (pixels per metre): the JDK's standard tree reads it inverted
            Element root = (Element) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            Element phys = (Element) root.getElementsByTagName("pHYs").item(0);
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
            return Double.parseDouble(phys.getAttribute("pixelsPerUnitXAxis")) * 0.0254;
        }
    }

    /** Pixels within a small distance of an RGB colour. */
    static int pixelsOfColour(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) + Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff))
                        + Math.abs((p & 0xff) - (rgb & 0xff));
                if (d < 30) {
                    count++;
                }
            }
        }
        return count;
    }
}
