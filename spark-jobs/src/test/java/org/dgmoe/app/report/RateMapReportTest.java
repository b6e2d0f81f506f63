package org.dgmoe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.page.Format;
import org.dgmoe.app.page.RateMaps;
import org.dgmoe.app.storage.ParquetTable;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.app.table.CurvesTable;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.RateRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The report's rate maps: one figure per map and family, a heatmap for two keys, referenced by index.html. */
class RateMapReportTest {
    @TempDir
    Path tmp;

    private static final List<String> VARIED = List.of("g0_intercept", "truth_lambda");
    private static final int[] SIZES = {100, 1000, 10000};

    private static RateRow rate(String setting, String metric, double slope, double theory, Map<String, Double> v) {
        return new RateRow(setting, metric, slope, Math.log(0.5), slope - 0.05, slope + 0.05, theory,
                Double.isNaN(theory) ? Verdict.NO_THEORY : Verdict.AGREES, "", v);
    }

    /** A line map over g0_intercept (3 points) and a 2 × 2 grid over g0_intercept × truth_lambda. */
    static List<RateRow> rates() {
        List<RateRow> out = new ArrayList<>();
        double[] b = {3, 1, 0};
        for (int i = 0; i < b.length; i++) {
            String s = "line:g0_intercept=" + Format.value(b[i]);
            Map<String, Double> v = Map.of("g0_intercept", b[i]);
            out.add(rate(s, "hellinger", -0.5, -0.5, v));
            out.add(rate(s, "lambda_error", -0.5 + 0.15 * i, Double.NaN, v));
            out.add(rate(s, "cell1_slope", -0.5 + 0.2 * i, i == 2 ? Double.NaN : -0.5, v));
        }
        for (double x : new double[] {3, 1}) {
            for (double l : new double[] {0.5, 0.1}) {
                java.util.LinkedHashMap<String, Double> v = new java.util.LinkedHashMap<>();
                v.put("g0_intercept", x);
                v.put("truth_lambda", l);
                out.add(rate("grid:g0_intercept=" + Format.value(x) + ",truth_lambda=" + Format.value(l), "hellinger",
                        -0.5 + 0.1 * x * l, -0.5, v));
            }
        }
        return out;
    }

    private Path writeSweep() throws Exception {
        Path sweep = tmp.resolve("sweep");
        Configuration conf = new Configuration();
        List<Row> curves = new ArrayList<>();
        for (RateRow r : rates()) {
            for (int n : SIZES) {
                double mean = 0.5 * Math.pow(n, r.slope());
                curves.add(CurvesTable.toRow(new CurveRow(r.setting(), r.metric(), n, 9, 1, mean, mean, mean / 4,
                        mean * 0.6, mean * 1.5, 0, 0, 0, 0, 0, 0, r.varied()), VARIED));
            }
        }
        ParquetTable.write(conf, new org.apache.hadoop.fs.Path(sweep.resolve("curves").toUri()),
                CurvesTable.schema(VARIED), curves);
        ParquetTable.write(conf, new org.apache.hadoop.fs.Path(sweep.resolve("rates").toUri()),
                RatesTable.schema(VARIED), rates().stream().map(r -> RatesTable.toRow(r, VARIED)).toList());
        StructType fits = DataTypes.createStructType(List.of(
                DataTypes.createStructField("setting", DataTypes.StringType, false),
                DataTypes.createStructField("n", DataTypes.IntegerType, false),
                DataTypes.createStructField("replicate", DataTypes.IntegerType, false),
                DataTypes.createStructField("status", DataTypes.StringType, false)));
        List<Row> fitRows = new ArrayList<>();
        rates().stream().map(RateRow::setting).distinct().forEach(s -> {
            for (int n : SIZES) {
                fitRows.add(RowFactory.create(s, n, 0, "converged"));
            }
        });
        SparkTestSession.get().createDataFrame(fitRows, fits).coalesce(1).write()
                .parquet(sweep.resolve("fits").toString());
        Files.writeString(sweep.resolve("manifest.json"), """
                {"study": "maps", "config_hash": "%s", "study_seed": 7, "source": "maps.conf", "run_id": "r",
                 "git_commit": "unknown", "versions": {}, "host": "h", "os": "Linux", "cpus": 2, "master": "local[2]",
                 "started": "2024-02-07T01:00:00Z", "finished": "2024-02-07T01:05:00Z", "tasks": 21,
                 "tasks_computed_by_last_run": 21, "partitions": 21, "status_counts": {"converged": 21},
                 "resolved_config": {"study": {"name": "maps", "settings": [
                   {"name": "line", "vary": {"g0.intercept": [3, 1, 0]}, "fit": {"experts": 2},
                    "truth": {"lambda": 0.5, "experts": [{}, {}]}},
                   {"name": "grid", "vary": {"g0.intercept": [3, 1], "truth.lambda": [0.5, 0.1]},
                    "fit": {"experts": 3}, "truth": {"lambda": 0.5, "experts": [{}, {}]}}]}}}
                """.formatted("ab".repeat(32)));
        Files.writeString(sweep.resolve("_SUCCESS"), "");
        return sweep;
    }

    @Test
    void mapsAreGroupedByBaseNameAndColumns() {
        List<RateMaps.RateMap> maps = RateMaps.maps(rates());
        assertEquals(List.of("line", "grid"), maps.stream().map(RateMaps.RateMap::name).toList());
        assertEquals(List.of("g0_intercept"), maps.get(0).columns());
        assertEquals(3, maps.get(0).points().size());
        assertTrue(maps.get(0).linear());
        assertEquals(VARIED, maps.get(1).columns());
        assertEquals(4, maps.get(1).points().size());
        assertTrue(!maps.get(1).linear(), "a 2 × 2 product is not a line");
    }

    @Test
    void theReportDrawsARateMapPerFamilyAHeatmapForTwoKeysAndKeepsEveryPointsLossFigures() throws Exception {
        Path out = tmp.resolve("rep");
        ReportCommandTest.Result r = ReportCommandTest.report("--in", writeSweep().toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> pngs;
        try (Stream<Path> s = Files.list(out.resolve("figures"))) {
            pngs = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
        assertTrue(pngs.containsAll(List.of("map-line-aggregate.png", "map-line-cell1.png", "map-grid-hellinger.png")),
                pngs.toString());
        for (String point : List.of("line_g0_intercept_3", "line_g0_intercept_1", "line_g0_intercept_0")) {
            assertTrue(pngs.contains("loss-" + point + "-aggregate.png"), point + ": " + pngs);
        }
        BufferedImage line = ImageIO.read(out.resolve("figures/map-line-cell1.png").toFile());
        assertTrue(ReportCommandTest.pixelsOfColour(line, 0x0072B2) > 50, "the slopes and steps are drawn");
        BufferedImage heat = ImageIO.read(out.resolve("figures/map-grid-hellinger.png").toFile());
        assertTrue(ReportCommandTest.pixelsOfColour(heat, 0x0072B2) > 1000, "the steepest cell is dark blue");

        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<h2>Rate maps</h2>"), "a section for the maps");
        assertTrue(html.indexOf("<h2>Rate maps</h2>") < html.indexOf("<h2>Loss curves</h2>"));
        for (String f : List.of("map-line-aggregate", "map-line-cell1", "map-grid-hellinger")) {
            assertTrue(html.contains("<code>figures/" + f + ".svg</code>"), f + " is referenced by the page");
        }
        assertTrue(html.contains("maps · rate map line · Voronoi cell 1 errors"), "the map's title");
        // a point's loss figures are titled with its map's model and its own λ*
        assertTrue(html.contains("maps · line:g0_intercept=3 · aggregate losses · k = 2, k* = 2, λ* = 0.5"), "line");
        assertTrue(html.contains("maps · grid:g0_intercept=3,truth_lambda=0.1 · aggregate losses · k = 3, k* = 2, "
                + "λ* = 0.1"), "grid");
        Document page = ReportCommandTest.parse(out.resolve("index.html"));
        assertEquals(pngs.size(), ReportCommandTest.figureSvgs(page).size(), "every figure inline");
        // the legend says where the theory has no exponent: cell1_slope has none at b0 = 0, lambda_error nowhere
        Map<String, List<RateRow>> byMetric = new java.util.LinkedHashMap<>();
        rates().stream().filter(x -> x.setting().startsWith("line:"))
                .forEach(x -> byMetric.computeIfAbsent(x.metric(), k -> new ArrayList<>()).add(x));
        assertEquals("theory at every point", RateMaps.theoryNote(byMetric.get("hellinger")));
        assertEquals("no theory at any point", RateMaps.theoryNote(byMetric.get("lambda_error")));
        assertEquals("no theory at 0", RateMaps.theoryNote(byMetric.get("cell1_slope")));
    }
}
