package org.dgmoe.app.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.config.DataSetting;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.fit.FitCommand;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.core.gof.AdaptiveStatistics;
import org.dgmoe.core.gof.GoodnessOfFit;
import org.dgmoe.core.gof.NullFit;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.PValue;
import org.dgmoe.core.gof.Pit;
import org.dgmoe.core.gof.TestKind;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** {@code dgmoe test} end to end on small data (n = 80, B = 19: seconds). */
class TestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int B = 19;

    @TempDir
    Path dir;
    private Path config;

    record Result(int status, String out, String err) {
    }

    /** Runs a command as Main would: bad input is exit 2 with every problem on err. */
    static Result run(org.dgmoe.app.base.Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (InputException e) {
            status = ExitStatus.BAD_INPUT;
            err.writeBytes(String.join("\n", e.problems()).getBytes(StandardCharsets.UTF_8));
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result test(String... args) {
        return run(new TestCommand(master -> SparkTestSession.get(), false, () -> false), args);
    }

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("study.conf");
        // "line" has no truth and no covariates: a setting used with data needs neither.
        Files.writeString(config, """
                dgmoe.study {
                  name = gof-test, seed = 20261202, replicates = 1, sample-sizes = [80]
                  settings = [
                    { name = line, g0 { type = gaussian-linear, slope = [1], intercept = 0, variance = 1 },
                      fit { experts = 1, init = random, restarts = 3 } }
                    { name = line-default-init, g0 { type = gaussian-linear, slope = [1], intercept = 0, variance = 1 },
                      fit { experts = 1 } }
                    { name = plain, g0 { type = none }, fit { experts = 1, init = random } }
                  ]
                }
                """);
    }

    /** n points of g0 = N(x, 1), x ~ U(−1, 1), deviated by λ·N(2x + 1, 0.25). */
    private static Dataset data(double lambda, int n, long seed) {
        DeviatedModel truth = new DeviatedModel(lambda, new MixingMeasure(new double[] {1},
                List.of(new Expert(new double[] {2}, 1, 0.25))), new GaussianLinearG0(new double[] {1}, 0, 1));
        return Simulator.simulate(new UniformCovariates(new double[] {-1}, new double[] {1}), truth, n,
                Seeds.stream(seed, Seeds.Stream.DATA));
    }

    /** A CSV with columns in another order, an extra numeric and an extra text column. */
    private Path csv(String name, Dataset d, boolean standard) throws IOException {
        StringBuilder sb = new StringBuilder(standard ? "x1,y\n" : "noise,response,label,dose\n");
        for (int i = 0; i < d.size(); i++) {
            if (standard) {
                sb.append(d.x(i, 0)).append(',').append(d.y(i)).append('\n');
            } else {
                sb.append(i * 0.5).append(',').append(d.y(i)).append(",\"a, b\",").append(d.x(i, 0)).append('\n');
            }
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read(Path p) throws IOException {
        return JSON.readTree(p.toFile());
    }

    /** test.json without what differs between two runs of one test: run, provenance, the data file's name. */
    private static JsonNode results(Path p) throws IOException {
        ObjectNode o = (ObjectNode) read(p);
        o.remove(List.of("run", "provenance", "data"));
        ((ObjectNode) o.get("alternative")).remove("millis");
        return o;
    }

    @Test
    void pValuesDoNotDependOnPartitioning() throws IOException {
        Path data = csv("d.csv", data(0.1, 80, 5), true);
        List<JsonNode> runs = new ArrayList<>();
        for (int partitions : new int[] {1, 3, 17}) {
            Path out = dir.resolve("t" + partitions + ".json");
            Result r = test("--config", config.toString(), "--setting", "line", "--data", data.toString(),
                    "--bootstrap", String.valueOf(B), "--partitions", String.valueOf(partitions), "--out", out.toString());
            assertEquals(0, r.status(), r.err());
            assertEquals(partitions, read(out).get("run").get("partitions").asInt());
            runs.add(results(out));
        }
        assertEquals(runs.get(0), runs.get(1));
        assertEquals(runs.get(0), runs.get(2));
        JsonNode t = runs.get(0);
        // the headline is the combined test's; the LRT's own result under "lrt"
        assertEquals("combined", t.get("test").asText());
        assertEquals(B, t.get("bootstrap").asInt());
        assertEquals(B, t.get("nullStatistics").size());
        int x = t.get("exceedances").asInt();
        assertEquals((1.0 + x) / (B + 1), t.get("pValue").asDouble(), 0);
        JsonNode lrt = t.get("lrt");
        assertEquals((1.0 + lrt.get("exceedances").asInt()) / (B + 1), lrt.get("pValue").asDouble(), 0);
        assertTrue(lrt.get("statistic").asDouble() >= 0);
        assertEquals(2 * (t.get("alternativeLogLikelihood").asDouble() - t.get("nullLogLikelihood").asDouble()),
                lrt.get("statistic").asDouble(), 1e-9);
        for (String b : List.of("ks", "cvm", "ad", "hc", "bj", "smooth", "supscore", "gridlr")) {
            double p = t.get("baselines").get(b).get("pValue").asDouble();
            assertTrue(p > 0 && p <= 1, b + " p = " + p);
        }
        for (TestKind kind : new TestKind[] {TestKind.HC, TestKind.BJ, TestKind.SMOOTH, TestKind.SUPSCORE, TestKind.GRIDLR}) {
            // the Monte Carlo p-value against the same B null data sets: (1 + X)/(B + 1), X a whole count
            double count = t.get("baselines").get(kind.label()).get("pValue").asDouble() * (B + 1) - 1;
            assertEquals(Math.rint(count), count, 1e-9, kind.label());
            assertEquals("monte-carlo", t.get("baselines").get(kind.label()).get("pValueMethod").asText());
        }
        int dimension = t.get("baselines").get("smooth").get("dimension").asInt();
        assertTrue(dimension >= 1 && dimension <= 10, "smooth dimension " + dimension);
        for (String key : List.of("pValueInterval", "alternative", "restarts", "failedNullFits", "lambda")) {
            assertTrue(t.has(key), key);
        }
        assertTrue(t.get("alternative").has("experts") && t.get("alternative").has("logLikelihood"));

        // The executors ran the core refits on the very values the driver shipped: the function, after the
        // Java serialization Spark gives every closure, yields the null statistics of test.json bit for bit.
        DataSetting family = StudyConfigLoader.loadForData(config, List.of(), "line");
        Dataset d = data(0.1, 80, 5);
        NullRefitTasks shipped = new NullRefitTasks(d, family.g0(), NullRefitTasks.recipe(family),
                Seeds.taskSeed(family.seed(), "line", d.size(), 0));
        SerializerInstance closures = new JavaSerializer(new SparkConf()).newInstance();
        ClassTag<NullRefitTasks> tag = ClassTag$.MODULE$.apply(NullRefitTasks.class);
        NullRefitTasks arrived = closures.deserialize(closures.serialize(shipped, tag), tag);
        assertNotSame(shipped.data(), arrived.data());
        List<NullFit> refits = new ArrayList<>();
        arrived.call(IntStream.range(0, B).iterator()).forEachRemaining(refits::add);
        for (int b = 0; b < B; b++) {
            assertEquals(b, refits.get(b).index());
            assertEquals(t.get("nullStatistics").get(b).asDouble(), refits.get(b).statistic(), 0.0, "T*_" + b);
        }
        // ... and the observed adaptive statistics are the core's on the data, their p-values against those refits
        AdaptiveStatistics observed = AdaptiveStatistics.of(d, family.g0(), Pit.transform(d, family.g0()));
        NullSample sample = NullSample.of(refits);
        for (TestKind kind : new TestKind[] {TestKind.HC, TestKind.BJ, TestKind.SMOOTH, TestKind.SUPSCORE, TestKind.GRIDLR}) {
            JsonNode b = t.get("baselines").get(kind.label());
            assertEquals(observed.statistic(kind), b.get("statistic").asDouble(), 0.0, kind.label());
            assertEquals(PValue.of(observed.statistic(kind), sample.statistics(kind)).value(),
                    b.get("pValue").asDouble(), 0.0, kind.label());
        }
        // ... and so are the combinations: the core's result of the data against those refits, bit for bit
        GoodnessOfFit.Result core = GoodnessOfFit.result(GoodnessOfFit.observe(d, family.g0(),
                NullRefitTasks.recipe(family), Seeds.taskSeed(family.seed(), "line", d.size(), 0)), sample);
        assertEquals(core.combined().value(), t.get("pValue").asDouble(), 0.0);
        assertEquals(core.combination().combined(), core.combined(), "the headline is the Cauchy combination's");
        assertEquals(core.combination().cauchy(), t.get("statistic").asDouble(), 0.0);
        assertEquals(core.combination().cauchyAnalytic(), t.get("analyticPValue").asDouble(), 0.0);
        assertEquals(core.combined().rejects(0.05), t.get("rejected").asBoolean());
        assertEquals(core.combination().minPValue().value(), t.get("minp").get("pValue").asDouble(), 0.0);
        assertEquals(core.combination().minP(), t.get("minp").get("statistic").asDouble(), 0.0);
    }

    @Test
    void aStrongDeviationGetsTheSmallestPValueAndAReportPage() throws Exception {
        Path data = csv("d.csv", data(0.5, 80, 3), true);
        Path out = dir.resolve("t.json");
        Path report = dir.resolve("page");
        Result r = test("--config", config.toString(), "--setting", "line", "--data", data.toString(), "--bootstrap",
                String.valueOf(B), "--out", out.toString(), "--report", report.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode t = read(out);
        assertEquals(0, t.get("exceedances").asInt());
        assertEquals(1.0 / (B + 1), t.get("pValue").asDouble(), 0);
        assertEquals(0, t.get("failedNullFits").asInt());
        assertTrue(r.out().contains("p = 0.0500"), r.out());
        // the verdict first (issue 24), recorded in test.json; the experts' equations in the columns' names
        assertEquals("H0 rejected at α = 0.05: the combined test's p = 0.0500 ≤ α, so g0 alone does not "
                + "describe the data; the fitted deviation is the evidence.", r.out().lines().findFirst().orElseThrow());
        assertEquals(0.05, t.get("alpha").asDouble(), 0);
        assertTrue(t.get("rejected").asBoolean());
        assertTrue(r.out().contains("  the fitted deviation:\n    expert 1: y = "), r.out());
        assertTrue(r.out().matches("(?s).*expert 1: y = \\S+ [+−] \\S+·x1, variance \\S+, weight λ·π = \\S+\n.*"),
                r.out());
        // progress on stderr: the last line says all refits are done; throttled (base.ProgressTest), so far
        // fewer lines than refits
        List<String> progress = r.err().lines().filter(l -> l.startsWith("test: ")).toList();
        assertTrue(progress.get(progress.size() - 1).startsWith("test: " + B + "/" + B + " null refits done, "),
                r.err());
        assertTrue(progress.size() < B, r.err());
        // what was tested, and the one provenance
        assertEquals("line", t.get("setting").asText());
        assertEquals("gof-test", t.get("study").asText());
        assertEquals(data.toString(), t.get("data").asText());
        assertEquals(80, t.get("n").asInt());
        assertEquals(Seeds.taskSeed(20261202L, "line", 80, 0), t.get("key").asLong());
        Provenance provenance = Provenance.of(t);
        assertEquals(config.toString(), provenance.source());
        assertTrue(provenance.configHash().matches("[0-9a-f]{64}"), provenance.configHash());
        assertEquals(20261202L, provenance.studySeed());
        assertEquals(Instant.parse(t.get("run").get("finished").asText()), provenance.created());
        assertEquals(fieldNames(provenance.toJson()), fieldNames(t.get("provenance")), "one spelling");
        assertEquals(provenance.toJson().toString(), t.get("provenance").toString());
        for (String key : List.of("master", "partitions", "started", "finished", "seconds")) {
            assertTrue(t.get("run").has(key), key);
        }
        Path page = report.resolve("index.html");
        String html = Files.readString(page);
        // Well-formed XML (it is parsed as such): the three figures are inline SVG (the data figure's plot
        // area a nested one, which clips its lines).
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(page.toFile());
        assertEquals(3, doc.getElementsByTagName("figure").getLength());
        for (int i = 0; i < 3; i++) {
            assertEquals("svg", ((Element) doc.getElementsByTagName("figure").item(i)).getFirstChild().getNodeName());
        }
        assertEquals("dgmoe test: line", doc.getElementsByTagName("title").item(0).getTextContent());
        List<String> captions = new ArrayList<>();
        NodeList figures = doc.getElementsByTagName("figure");
        for (int i = 0; i < figures.getLength(); i++) {
            captions.add(((Element) figures.item(i)).getElementsByTagName("text").item(0).getTextContent());
        }
        assertEquals(List.of("Null distribution of T (B = " + B + ")", "PIT u = G0(y | x1)",
                "The data and the fitted deviation"), captions, "the SVG titles of the three figures");
        assertTrue(((Element) doc.getElementsByTagName("p").item(0)).getTextContent().startsWith("H0 rejected at α = "
                + "0.05"), "the verdict comes first");
        assertTrue(html.contains("observed T = "), "the null histogram marks the observed T");
        // the provenance table, as on the sweep report's page
        assertTrue(html.contains("<h2>Provenance</h2>") && html.contains(provenance.configHash())
                && html.contains(provenance.gitCommit()), html);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("d.csv", "page", "study.conf", "t.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * With B = 19 the smallest p is 1/20 = 0.05, so at α = 0.01 H0 is never rejected, however strong the
     * deviation: the verdict says so first, and the page draws the fitted deviation as the best alternative
     * found (no point coloured, experts dashed), with the columns' names on its axes and in the equations.
     */
    @Test
    void whenH0IsNotRejectedTheVerdictSaysSoFirstAndTheDeviationIsNoFinding() throws Exception {
        Path data = csv("named.csv", data(0.5, 80, 3), false);
        Path out = dir.resolve("t.json");
        Path report = dir.resolve("page");
        Result r = test("--config", config.toString(), "--setting", "line", "--data", data.toString(), "--x", "dose",
                "--y", "response", "--bootstrap", String.valueOf(B), "--alpha", "0.01", "--out", out.toString(),
                "--report", report.toString());
        assertEquals(0, r.status(), r.err());
        String verdict = "H0 not rejected at α = 0.01: the combined test's p = 0.0500 > α, so the data give no "
                + "evidence against g0; the fitted deviation is the best alternative found, not a finding.";
        assertEquals(verdict, r.out().lines().findFirst().orElseThrow());
        assertTrue(r.out().matches("(?s).*  the best alternative found \\(not a finding\\):\n    expert 1: response = "
                + "\\S+ [+−] \\S+·dose, variance \\S+, weight λ·π = \\S+\n.*"), r.out());
        JsonNode t = read(out);
        assertEquals(0.01, t.get("alpha").asDouble(), 0);
        assertFalse(t.get("rejected").asBoolean());

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.resolve("index.html")
                .toFile());
        assertEquals(verdict, doc.getElementsByTagName("p").item(0).getTextContent());
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("<h2>The best alternative found (not a finding: H0 not rejected)</h2>"), html);
        assertTrue(html.contains("<li>g0: response = 0 + 1.00·dose, variance 1.00</li>"), html);
        Element figure = (Element) doc.getElementsByTagName("figure").item(2);
        List<String> texts = new ArrayList<>();
        NodeList nodes = figure.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        assertEquals("The data and the best alternative found (H0 not rejected)", texts.get(0));
        assertTrue(texts.containsAll(List.of("dose", "response", "data")), texts.toString());
        assertFalse(texts.contains("x") || texts.contains("x1") || texts.contains("y"), texts.toString());
        // no point coloured as deviating: every point has the weight-0 grey
        NodeList circles = figure.getElementsByTagName("circle");
        for (int i = 0; i < circles.getLength(); i++) {
            assertEquals("#969696", ((Element) circles.item(i)).getAttribute("fill"));
        }
        // g0's band, its centre solid, the expert dashed
        assertEquals(1, figure.getElementsByTagName("polygon").getLength());
        NodeList lines = figure.getElementsByTagName("polyline");
        assertEquals(2, lines.getLength());
        assertFalse(((Element) lines.item(0)).hasAttribute("stroke-dasharray"));
        assertTrue(((Element) lines.item(1)).hasAttribute("stroke-dasharray"));
    }

    @Test
    void namedColumnsAndParquetGiveTheSameTest() throws Exception {
        Dataset d = data(0.2, 80, 8);
        Path standard = csv("standard.csv", d, true);
        Path named = csv("named.csv", d, false);
        Path parquet = dir.resolve("named.parquet");
        Path folder = dir.resolve("table");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            // DuckDB, not dgmoe, writes the Parquet file; DOUBLE columns keep the values exactly.
            s.execute("COPY (SELECT * FROM read_csv('" + named + "', header = true, columns = {'noise': 'DOUBLE', "
                    + "'response': 'DOUBLE', 'label': 'VARCHAR', 'dose': 'DOUBLE'})) TO '" + parquet + "' (FORMAT PARQUET)");
            // A folder of part files as Spark writes a table (read in name order; _SUCCESS and hidden files skipped).
            Files.createDirectories(folder);
            s.execute("COPY (SELECT * FROM '" + parquet + "' ORDER BY noise LIMIT 30) TO '"
                    + folder.resolve("part-00000.parquet") + "' (FORMAT PARQUET)");
            s.execute("COPY (SELECT * FROM '" + parquet + "' ORDER BY noise OFFSET 30) TO '"
                    + folder.resolve("part-00001.parquet") + "' (FORMAT PARQUET)");
            Files.writeString(folder.resolve("_SUCCESS"), "");
            Files.writeString(folder.resolve(".hidden-part.parquet"), "not parquet");
        }
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        assertEquals(0, test("--config", config.toString(), "--setting", "line", "--data", standard.toString(),
                "--bootstrap", "5", "--out", a.toString()).status());
        Result rb = test("--config", config.toString(), "--setting", "line", "--data", named.toString(), "--x", "dose",
                "--y", "response", "--bootstrap", "5", "--out", b.toString());
        assertEquals(0, rb.status(), rb.err());
        Result rc = test("--config", config.toString(), "--setting", "line", "--data", parquet.toString(), "--x", "dose",
                "--y", "response", "--bootstrap", "5", "--out", c.toString());
        assertEquals(0, rc.status(), rc.err());
        Path e = dir.resolve("e.json");
        Result re = test("--config", config.toString(), "--setting", "line", "--data", folder.toString(), "--x", "dose",
                "--y", "response", "--bootstrap", "5", "--out", e.toString());
        assertEquals(0, re.status(), re.err());
        assertEquals(results(a), results(b));
        assertEquals(results(a), results(c));
        assertEquals(results(a), results(e));

        // dgmoe fit reads the same columns (a setting without truth, random starts).
        Path fa = dir.resolve("fa.json");
        Path fc = dir.resolve("fc.json");
        assertEquals(0, run(new FitCommand(), "--config", config.toString(), "--setting", "line", "--data",
                standard.toString(), "--out", fa.toString()).status());
        Result f = run(new FitCommand(), "--config", config.toString(), "--setting", "line", "--data",
                parquet.toString(), "--x", "dose", "--y", "response", "--out", fc.toString());
        assertEquals(0, f.status(), f.err());
        assertEquals(read(fa).get("logLikelihood"), read(fc).get("logLikelihood"));
        assertEquals(read(fa).get("experts"), read(fc).get("experts"));
    }

    /** Every path below {@code dir} with its text (folders: ""). */
    private static java.util.Map<String, String> tree(Path dir) throws IOException {
        java.util.Map<String, String> tree = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                tree.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "" : Files.readString(p));
            }
        }
        return tree;
    }

    @Test
    void aReportFolderHoldingAUsersFilesIsRefusedBeforeAnyWorkAndLeftUntouched() throws Exception {
        Path data = csv("d.csv", data(0, 40, 2), true);
        Path out = dir.resolve("t.json");
        // an index.html does not make a folder a test page
        Path site = Files.createDirectories(dir.resolve("site/css"));
        Files.writeString(site.resolveSibling("thesis.tex"), "precious");
        Files.writeString(site.resolveSibling("index.html"), "<html/>");
        Files.writeString(site.resolve("style.css"), "body{}");
        java.util.Map<String, String> before = tree(dir);
        Result r = test("--config", config.toString(), "--setting", "line", "--data", data.toString(), "--bootstrap", "3",
                "--out", out.toString(), "--report", site.getParent().toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("--report " + site.getParent() + ": exists and is not a dgmoe test page (it holds css/, thesis.tex); "
                + "give a new or empty folder, or an earlier test page", r.err());
        assertEquals("", r.out(), "refused before the work");
        assertEquals(before, tree(dir), "nothing touched, nothing written");

        // a page the test wrote is replaced by the next (its marker lists what it wrote), and an earlier
        // page of index.html alone is recognised
        Path page = dir.resolve("page");
        Files.createDirectories(page);
        Files.writeString(page.resolve("index.html"), "<html/>");
        for (int run = 0; run < 2; run++) {
            r = test("--config", config.toString(), "--setting", "line", "--data", data.toString(), "--bootstrap", "3",
                    "--out", out.toString(), "--report", page.toString());
            assertEquals(0, r.status(), r.err());
        }
        assertTrue(Files.readString(page.resolve(".dgmoe-folder")).startsWith("dgmoe test "));
        assertTrue(Files.readString(page.resolve("index.html")).contains("<svg"));
    }

    @Test
    void aReportLocationThatCannotBeWrittenIsRefusedBeforeTheRefits() throws Exception {
        Path data = csv("d.csv", data(0, 40, 2), true);
        Path out = dir.resolve("t.json");
        java.util.Map<String, String> before = tree(dir);
        // a --report under a file (as a read-only folder for a user who is not root): refused before the B
        // refits, not after them with a stack trace, and no test.json either
        Result r = test("--config", config.toString(), "--setting", "line", "--data", data.toString(), "--bootstrap",
                "3", "--out", out.toString(), "--report", data.resolve("page").toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("--report " + data.resolve("page") + ": " + data + " is not a directory", r.err());
        assertEquals("", r.out(), "refused before the work");
        assertEquals(before, tree(dir), "nothing written");
    }

    @Test
    void badInputExitsTwoNamingFileColumnOrKeyAndWritesNothing() throws Exception {
        Path out = dir.resolve("t.json");
        Files.writeString(out, "precious");
        Path good = csv("good.csv", data(0, 20, 1), true);
        Path bad = dir.resolve("bad.csv");

        Files.writeString(bad, "x1,y\n0.5,1.0\n0.2,abc\n0.3,NaN\n");
        Result r = test("--config", config.toString(), "--setting", "line", "--data", bad.toString(), "--out", out.toString());
        assertEquals(2, r.status());
        assertEquals(bad + ":3: column 'y' is not a number: 'abc' (a number is decimal or scientific, e.g. 8, -0.25, .5, "
                + "1.5e-3)\n" + bad + ":4: column 'y' must be a finite number, "
                + "got 'NaN'", r.err());

        Files.writeString(bad, "x1,z\n0.5,1.0\n");
        r = test("--config", config.toString(), "--setting", "line", "--data", bad.toString(), "--out", out.toString());
        assertEquals(bad + ":1: no column 'y' (the response, --y); the header has x1, z", r.err());

        Files.writeString(bad, "");
        r = test("--config", config.toString(), "--setting", "line", "--data", bad.toString(), "--out", out.toString());
        assertEquals(bad + ": empty; expected a header naming the columns x1,y", r.err());

        r = test("--config", config.toString(), "--setting", "line", "--data", good.toString(), "--x", "x1,y2",
                "--out", out.toString());
        assertEquals("--x x1,y2: the setting has d = 1 covariate (its slopes have 1 entry), got 2 columns", r.err());

        r = test("--config", config.toString(), "--setting", "line", "--data", good.toString(), "--y", "nope",
                "--out", out.toString());
        assertTrue(r.err().startsWith(good + ":1: no column 'nope'"), r.err());

        r = test("--config", config.toString(), "--setting", "plain", "--data", good.toString(), "--out", out.toString());
        assertTrue(r.err().startsWith("dgmoe.study.settings[2].g0.type: is none"), r.err());

        r = test("--config", config.toString(), "--setting", "lime", "--data", good.toString(), "--out", out.toString());
        assertTrue(r.err().startsWith("--setting lime: no such setting") && r.err().contains("did you mean 'line'"),
                r.err());

        r = test("--config", config.toString(), "--setting", "line", "--data", good.toString(), "--bootstrap", "0",
                "--out", out.toString());
        assertEquals("test: --bootstrap must be an integer >= 1, got '0'", r.err());

        r = test("--config", config.toString(), "--setting", "line", "--data", good.toString(), "--alpha", "1",
                "--out", out.toString());
        assertEquals("test: --alpha must be a number in (0, 1), e.g. 0.05, got '1'", r.err());

        Path parquet = dir.resolve("p.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT 0.5::DOUBLE AS x1, NULL::DOUBLE AS y UNION ALL SELECT 0.1, 2.0) TO '" + parquet
                    + "' (FORMAT PARQUET)");
        }
        r = test("--config", config.toString(), "--setting", "line", "--data", parquet.toString(), "--x", "x1",
                "--y", "y", "--out", out.toString());
        assertTrue(r.err().matches("(?s).*p\\.parquet: row [12]: column 'y' is null"), r.err());
        r = test("--config", config.toString(), "--setting", "line", "--data", parquet.toString(), "--x", "dose",
                "--out", out.toString());
        assertTrue(r.err().contains("no column 'dose' (covariate x1 of --x); its columns are x1, y"), r.err());

        // A fit of a setting without truth cannot start near it.
        r = run(new FitCommand(), "--config", config.toString(), "--setting", "line-default-init", "--data",
                good.toString(), "--out", out.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("dgmoe.study.settings[1].fit.init: near-truth starts at the truth"), r.err());

        assertEquals("precious", Files.readString(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("bad.csv", "good.csv", "p.parquet", "study.conf", "t.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.exists(dir.resolve("page")));
    }

    /** Runs {@code dgmoe ARGS} as the launcher does, through {@link org.dgmoe.app.Main}. */
    private static Result main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new org.dgmoe.app.Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Data the test cannot be computed on are refused before any refit: one line naming the file, exit 2. */
    @Test
    void dataTheTestCannotBeComputedOnExitTwoNamingTheFileAndWriteNothing() throws Exception {
        Path out = dir.resolve("t.json");
        Path page = dir.resolve("page");

        Path oneRow = dir.resolve("one-row.csv");
        Files.writeString(oneRow, "x1,y\n0.5,1.0\n");
        Result r = main("test", "--config", config.toString(), "--setting", "line", "--data", oneRow.toString(),
                "--bootstrap", "19", "--out", out.toString(), "--report", page.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("dgmoe: --data " + oneRow + ": holds 1 data row; the goodness-of-fit test needs at least 2\n",
                r.err());

        // |y| ~ 1e300: g0's log-likelihood overflows and so does every fit (dgmoe fit reports NON_FINITE).
        Path huge = dir.resolve("huge.csv");
        StringBuilder sb = new StringBuilder("x1,y\n");
        for (int i = 0; i < 30; i++) {
            sb.append(i / 30.0).append(',').append((1 + i / 30.0) * 1e300).append('\n');
        }
        Files.writeString(huge, sb.toString());
        r = main("test", "--config", config.toString(), "--setting", "line", "--data", huge.toString(),
                "--bootstrap", "19", "--out", out.toString(), "--report", page.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("dgmoe: --data " + huge + ": the observed fit failed, so the test cannot be "
                + "computed (nothing written): every fit of the deviated model (1 expert, λ free) failed with status "
                + "NON_FINITE; the largest |y| is 1.97e+300"), r.err());
        assertEquals("", r.out());

        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("huge.csv", "one-row.csv", "study.conf"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
