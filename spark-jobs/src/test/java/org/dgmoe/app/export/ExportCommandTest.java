package org.dgmoe.app.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.storage.ParquetTable;
import org.dgmoe.app.sweep.FakeTasks;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.app.sweep.TestSweeps;
import org.dgmoe.app.table.CurvesTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.app.table.TestsTable;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.FitDiagnostics;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.FittedParameters;
import org.dgmoe.core.summary.RateRow;
import org.dgmoe.core.summary.StudySummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe export} of a finished sweep written with the table codecs (the fake study's fits,
 * their curves and rates, a setting named with a comma and quotes, a NaN and infinities, one fit
 * with two slope coordinates): every CSV value read back by an independent RFC 4180 parser equals
 * the Parquet value read back by Spark, bit for bit; bad input exits 2 and writes nothing. A real
 * small sweep with a goodness-of-fit {@code test} block and a rate map gets tests.csv, power.csv and
 * nulls.csv and its varied-value columns, checked the same way; the fixture (no test block) gets none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportCommandTest {
    static final String ODD = "a, \"quoted\"";

    @TempDir
    Path tmp;
    private Path sweep;

    record Result(int status, String out, String err) {
    }

    /** Runs the command as Main would: bad input is exit 2. */
    static Result export(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            status = new ExportCommand(SparkTestSession::get, false).run(List.of(args),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (InputException e) {
            status = ExitStatus.BAD_INPUT;
            err.writeBytes(e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The fake study with its first setting renamed to {@link #ODD}. */
    static Study study() {
        Study tiny = FakeTasks.tinyStudy("tiny, \"export\"", Map.of());
        List<Setting> settings = new ArrayList<>();
        for (Setting s : tiny.settings()) {
            settings.add(s.name().equals("a") ? new Setting(ODD, s.covariates(), s.truth(), s.fit(), s.theory()) : s);
        }
        return new Study(tiny.name(), tiny.seed(), tiny.replicates(), tiny.sampleSizes(), settings, tiny.losses());
    }

    @BeforeAll
    void writeSweep() throws Exception {
        sweep = Files.createTempDirectory("dgmoe-export-fixture").resolve("sweep");
        Study study = study();
        List<FitRow> fits = new ArrayList<>();
        for (Setting s : study.settings()) {
            for (int n : study.sampleSizes()) {
                for (int rep = 0; rep < study.replicates(); rep++) {
                    fits.add(FitRow.of(study.name(), FakeTasks.outcome(study, s, n, rep), 3L + rep));
                }
            }
        }
        FitsTable codec = new FitsTable(study);
        List<Row> fitRows = new ArrayList<>();
        for (FitRow f : fits) {
            fitRows.add(codec.toRow(f));
        }
        // the first row: non-finite values and a second slope coordinate (D = 2 for the whole table)
        StructType schema = codec.schema();
        Object[] first = ((GenericRowWithSchema) fitRows.get(0)).values().clone();
        first[schema.fieldIndex(FitDiagnostics.LOG_LIKELIHOOD.column())] = Double.NEGATIVE_INFINITY;
        first[schema.fieldIndex(FitDiagnostics.LAST_CHANGE.column())] = Double.POSITIVE_INFINITY;
        first[schema.fieldIndex(FitDiagnostics.LAST_STEP.column())] = Double.NaN;
        first[schema.fieldIndex(FittedParameters.SLOPES.column())] = List.of(List.of(0.1, -0.0));
        fitRows.set(0, new GenericRowWithSchema(first, schema));
        StudySummary summary = StudySummary.of(study, fits, RateSettings.DEFAULTS);
        Configuration conf = new Configuration();
        ParquetTable.write(conf, hadoop(sweep.resolve(FitsTable.FOLDER)), schema, fitRows);
        List<Row> curves = new ArrayList<>();
        for (CurveRow c : summary.curves()) {
            curves.add(CurvesTable.toRow(c));
        }
        ParquetTable.write(conf, hadoop(sweep.resolve(CurvesTable.FOLDER)), CurvesTable.SCHEMA, curves);
        List<Row> rates = new ArrayList<>();
        for (RateRow r : summary.rates()) {
            rates.add(RatesTable.toRow(r));
        }
        ParquetTable.write(conf, hadoop(sweep.resolve(RatesTable.FOLDER)), RatesTable.SCHEMA, rates);
        Files.writeString(sweep.resolve(OutputDir.MANIFEST), "{\"study\": \"tiny, \\\"export\\\"\", \"config_hash\": \""
                + "e".repeat(64) + "\"}\n");
        Files.writeString(sweep.resolve(OutputDir.SUCCESS), "");
    }

    @AfterAll
    void deleteSweep() throws Exception {
        try (Stream<Path> s = Files.walk(sweep.getParent())) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static org.apache.hadoop.fs.Path hadoop(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    @Test
    void everyValueRoundTripsBitForBit() throws Exception {
        Path out = tmp.resolve("csv");
        Result r = export("--in", sweep.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        // .dgmoe-folder: the marker that lets a later export replace this one (storage.LocalFolder)
        assertEquals(List.of(".dgmoe-folder", "curves.csv", "fits.csv", "manifest.json", "rates.csv"), names(out));
        assertEquals(List.of("csv"), names(tmp), "no staging folder left beside DIR2");
        assertArrayEquals(Files.readAllBytes(sweep.resolve(OutputDir.MANIFEST)),
                Files.readAllBytes(out.resolve(OutputDir.MANIFEST)));
        for (String table : List.of(FitsTable.FOLDER, CurvesTable.FOLDER, RatesTable.FOLDER)) {
            compare(table, sweep.resolve(table), out.resolve(table + ".csv"));
        }
        // curves.csv has the layout column (issue 24), "all" for the points over every fit
        List<List<String>> curvesCsv = parse(Files.readString(out.resolve("curves.csv")));
        int layout = curvesCsv.get(0).indexOf(CurvesTable.LAYOUT);
        assertTrue(layout >= 0, curvesCsv.get(0).toString());
        assertTrue(curvesCsv.subList(1, curvesCsv.size()).stream().allMatch(c -> c.get(layout).equals("all")));
        List<String> fitsHeader = parse(Files.readString(out.resolve("fits.csv"))).get(0);
        for (String c : List.of("weight_1", "weight_2", "intercept_1", "intercept_2", "variance_1", "variance_2",
                "slope_1_1", "slope_1_2", "slope_2_1", "slope_2_2")) {
            assertTrue(fitsHeader.contains(c), c + " in " + fitsHeader);
        }
        assertFalse(fitsHeader.contains("weights") || fitsHeader.contains("weight_3") || fitsHeader.contains("slope_1_3"),
                fitsHeader.toString());
    }

    /**
     * A real sweep (simulator, EM, LRT bootstrap): setting h0 tested under H0 with 19 bootstrap
     * refits at alpha 0.05, and a rate map over g0's intercept (two points, untested) whose tables end
     * with the nullable double column g0_intercept, null for h0.
     */
    static final String GOF = """
            shared {
              covariates { distribution = uniform, dimension = 1, min = -1.0, max = 1.0 }
              fit { experts = 1, lambda = free, init = random, max-iterations = 500 }
              truth { lambda = 0.0, experts = [ { weight = 1.0, slope = [2.0], intercept = 1.0, variance = 0.25 } ] }
            }
            dgmoe.study {
              name = "export-gof", seed = 7, replicates = 2, sample-sizes = [60, 120]
              settings = [
                { name = "h0", covariates = ${shared.covariates}, fit = ${shared.fit}, truth = ${shared.truth}
                  g0 { type = gaussian-linear, slope = [1.0], intercept = 0.0, variance = 1.0 }
                  test { bootstrap = 19, alpha = [0.05] } }
                { name = "moves", covariates = ${shared.covariates}, fit = ${shared.fit}, truth = ${shared.truth}
                  g0 { type = gaussian-linear, slope = [1.0], intercept = 0.0, variance = 1.0 }
                  vary { "g0.intercept" = [0.0, 0.5] } }
              ]
            }
            dgmoe.rates { bootstrap = 100 }
            """;

    @Test
    void exportsTheGoodnessOfFitTablesAndTheVariedColumns() throws Exception {
        Path config = tmp.resolve("gof.conf");
        Files.writeString(config, GOF);
        Path gofSweep = tmp.resolve("gof-sweep");
        TestSweeps.Result sweepRun = TestSweeps.sweep(config, "--out", gofSweep.toString(), "--partitions", "2");
        assertEquals(0, sweepRun.status(), sweepRun.err());
        Path out = tmp.resolve("gof-csv");
        Result r = export("--in", gofSweep.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(".dgmoe-folder", "curves.csv", "fits.csv", "manifest.json", "nulls.csv", "power.csv",
                "rates.csv", "tests.csv"), names(out));
        for (String table : List.of(FitsTable.FOLDER, CurvesTable.FOLDER, RatesTable.FOLDER, TestsTable.FOLDER,
                PowerTable.FOLDER, NullsTable.FOLDER)) {
            compare(table, gofSweep.resolve(table), out.resolve(table + ".csv"));
        }
        // of h0: a test per (n, replicate); 19 null refits per n (docs/gof.md: one null per (setting, n, b));
        // a power row per (n, test of lrt/ks/cvm/ad/hc/bj/smooth/supscore/gridlr/combined/minp, alpha)
        Map<String, Integer> rows = Map.of("tests", 2 * 2, "nulls", 2 * 19, "power", 2 * 11);
        for (Map.Entry<String, Integer> e : rows.entrySet()) {
            List<List<String>> records = parse(Files.readString(out.resolve(e.getKey() + ".csv")));
            assertEquals(e.getValue() + 1, records.size(), e.getKey() + ".csv: header and rows");
            assertTrue(r.out().contains(e.getKey() + ".csv (" + e.getValue() + " rows)"), r.out());
        }
        assertEquals(List.of(TestsTable.SCHEMA.fieldNames()), parse(Files.readString(out.resolve("tests.csv"))).get(0));
        assertEquals(List.of(PowerTable.SCHEMA.fieldNames()), parse(Files.readString(out.resolve("power.csv"))).get(0));
        assertEquals(List.of(NullsTable.SCHEMA.fieldNames()), parse(Files.readString(out.resolve("nulls.csv"))).get(0));
        List<List<String>> power = parse(Files.readString(out.resolve("power.csv")));
        int test = power.get(0).indexOf(PowerTable.TEST);
        int bootstrap = power.get(0).indexOf(PowerTable.BOOTSTRAP);
        for (List<String> rec : power.subList(1, power.size())) {
            assertEquals(rec.get(test).equals("ks") ? null : "19", rec.get(bootstrap), "power.csv: bootstrap, null for KS");
        }
        for (String table : List.of("fits.csv", "curves.csv", "rates.csv")) {
            List<List<String>> records = parse(Files.readString(out.resolve(table)));
            List<String> header = records.get(0);
            assertEquals("g0_intercept", header.get(header.size() - 1), table + ": the varied column last");
            int setting = header.indexOf("setting");
            java.util.Set<String> seen = new java.util.TreeSet<>();
            for (List<String> rec : records.subList(1, records.size())) {
                String v = rec.get(header.size() - 1);
                if (rec.get(setting).equals("h0")) {
                    assertNull(v, table + ": h0 does not vary g0.intercept, an empty field");
                } else {
                    seen.add(v);
                }
            }
            assertEquals(java.util.Set.of("0.0", "0.5"), seen, table + ": the two points of the map");
        }
        // Python's csv module reads them too (12 fits: h0 and the map's two points, 2 sizes, 2 replicates)
        String py = checkExportPy(out, 12);
        assertTrue(py.contains("tests.csv: 4 rows") && py.contains("power.csv: 22 rows")
                && py.contains("nulls.csv: 38 rows"), py);
        // a power/ its codec refuses (a test kind it does not know) is bad input: exit 2, the export kept
        Path badPower = tmp.resolve("bad-power");
        copyTree(gofSweep, badPower);
        List<Row> powerRows = SparkTestSession.get().read().parquet(gofSweep.resolve(PowerTable.FOLDER).toString())
                .collectAsList();
        List<Row> renamed = new ArrayList<>();
        for (Row p : powerRows) {
            Object[] cells = new Object[p.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = p.get(i);
            }
            cells[p.fieldIndex(PowerTable.TEST)] = "t-test";
            renamed.add(new GenericRowWithSchema(cells, PowerTable.SCHEMA));
        }
        org.dgmoe.app.storage.LocalFolder.deleteTree(badPower.resolve(PowerTable.FOLDER));
        ParquetTable.write(new Configuration(), hadoop(badPower.resolve(PowerTable.FOLDER)), PowerTable.SCHEMA, renamed);
        List<String> kept = names(out);
        Result refused = export("--in", badPower.toString(), "--out", out.toString());
        assertEquals(2, refused.status(), refused.err());
        assertTrue(refused.err().contains("--in " + badPower + ": power/ holds a row that cannot be read"), refused.err());
        assertEquals(kept, names(out), "the earlier export is untouched");
        // a sweep that lost tests/ but has power/ and nulls/ is refused, as dgmoe report refuses it (one check,
        // FinishedSweep.gofTables): exit 2, nothing written, not power.csv and nulls.csv without tests.csv
        Path noTests = tmp.resolve("no-tests");
        copyTree(gofSweep, noTests);
        org.dgmoe.app.storage.LocalFolder.deleteTree(noTests.resolve(TestsTable.FOLDER));
        Path fresh = tmp.resolve("no-tests-csv");
        Result partial = export("--in", noTests.toString(), "--out", fresh.toString());
        assertEquals(2, partial.status(), partial.err());
        assertTrue(partial.err().contains("--in " + noTests + ": lacks tests/ but has power/, nulls/ (a sweep with "
                + "goodness-of-fit test blocks has tests/, power/, nulls/, one without none of them)"), partial.err());
        assertFalse(Files.exists(fresh), "nothing written");
        Result partialOver = export("--in", noTests.toString(), "--out", out.toString());
        assertEquals(2, partialOver.status(), partialOver.err());
        assertEquals(kept, names(out), "the earlier export is untouched");
        // the fixture sweep has no test block: no goodness-of-fit files, no error
        Path plain = tmp.resolve("plain");
        assertEquals(0, export("--in", sweep.toString(), "--out", plain.toString()).status());
        assertEquals(List.of(".dgmoe-folder", "curves.csv", "fits.csv", "manifest.json", "rates.csv"), names(plain));
        // an earlier export with the goodness-of-fit files is replaced by one without
        Result again = export("--in", sweep.toString(), "--out", out.toString());
        assertEquals(0, again.status(), again.err());
        assertEquals(names(plain), names(out));
    }

    /** The CSV of one table against its Parquet file read by Spark: header and every cell. */
    static void compare(String table, Path parquet, Path csv) throws Exception {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), table + ": \\n line ends");
        assertTrue(text.endsWith("\n"), table);
        List<List<String>> records = parse(text);
        List<Row> rows = SparkTestSession.get().read().parquet(parquet.toString()).collectAsList();
        assertEquals(rows.size() + 1, records.size(), table + ": header and one record per row");
        StructType schema = rows.get(0).schema();
        int[] outer = new int[schema.size()];
        int[] inner = new int[schema.size()];
        for (Row row : rows) {
            for (int i = 0; i < schema.size(); i++) {
                if (schema.fields()[i].dataType() instanceof ArrayType a) {
                    List<Object> l = row.getList(i);
                    outer[i] = Math.max(outer[i], l.size());
                    for (Object e : l) {
                        inner[i] = a.elementType() instanceof ArrayType ? Math.max(inner[i], ((scala.collection.Seq<?>) e).size())
                                : 0;
                    }
                }
            }
        }
        List<String> header = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            StructField f = schema.fields()[i];
            String singular = f.name().substring(0, f.name().length() - 1);
            if (!(f.dataType() instanceof ArrayType a)) {
                header.add(f.name());
            } else {
                for (int k = 1; k <= outer[i]; k++) {
                    if (a.elementType() instanceof ArrayType) {
                        for (int j = 1; j <= inner[i]; j++) {
                            header.add(singular + "_" + k + "_" + j);
                        }
                    } else {
                        header.add(singular + "_" + k);
                    }
                }
            }
        }
        assertEquals(header, records.get(0), table + ": header");
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            List<String> fields = records.get(r + 1);
            assertEquals(header.size(), fields.size(), table + " record " + r);
            int c = 0;
            for (int i = 0; i < schema.size(); i++) {
                DataType t = schema.fields()[i].dataType();
                String where = table + " row " + r + " column " + header.get(c);
                if (!(t instanceof ArrayType a)) {
                    same(t, row.get(i), fields.get(c++), where);
                    continue;
                }
                List<Object> list = row.getList(i);
                for (int k = 0; k < outer[i]; k++) {
                    Object e = k < list.size() ? list.get(k) : null;
                    if (!(a.elementType() instanceof ArrayType)) {
                        same(a.elementType(), e, fields.get(c++), where + " element " + k);
                        continue;
                    }
                    List<?> coordinates = e == null ? List.of()
                            : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) e);
                    for (int j = 0; j < inner[i]; j++) {
                        same(DataTypes.DoubleType, j < coordinates.size() ? coordinates.get(j) : null, fields.get(c++),
                                where + " element " + k + "," + j);
                    }
                }
            }
        }
    }

    /** A CSV field (null: empty and unquoted) equals the Parquet value: doubles bit for bit. */
    private static void same(DataType t, Object expected, String field, String where) {
        if (expected == null) {
            assertNull(field, where + ": null is an empty field");
            return;
        }
        if (t.equals(DataTypes.DoubleType)) {
            double d = switch (field) {
                case "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(field);
            };
            assertEquals(Double.doubleToRawLongBits((Double) expected), Double.doubleToRawLongBits(d), where + ": " + field);
        } else if (t.equals(DataTypes.IntegerType)) {
            assertEquals(expected, Integer.parseInt(field), where);
        } else if (t.equals(DataTypes.LongType)) {
            assertEquals(expected, Long.parseLong(field), where);
        } else if (t.equals(DataTypes.BooleanType)) {
            assertEquals((Boolean) expected ? "TRUE" : "FALSE", field, where);
        } else {
            assertEquals(expected, field, where);
        }
    }

    @Test
    void quotesASettingNameWithACommaAndQuotes() throws Exception {
        Path out = tmp.resolve("quoted");
        assertEquals(0, export("--in", sweep.toString(), "--out", out.toString()).status());
        for (String table : List.of("fits.csv", "curves.csv", "rates.csv")) {
            String text = Files.readString(out.resolve(table));
            assertTrue(text.contains("\"a, \"\"quoted\"\"\","), table + ": the setting is quoted, its quotes doubled");
            List<List<String>> records = parse(text);
            int setting = records.get(0).indexOf("setting");
            assertEquals(ODD, records.get(1).get(setting), table);
        }
        String fits = Files.readString(out.resolve("fits.csv"));
        assertTrue(fits.startsWith("study,setting,n,replicate,seed,status,"), fits.substring(0, 80));
        assertTrue(fits.contains("\n\"tiny, \"\"export\"\"\",\"a, \"\"quoted\"\"\",100,0,"), "the first row: "
                + fits.substring(0, 400));
        List<List<String>> rates = parse(Files.readString(out.resolve("rates.csv")));
        int flag = rates.get(0).indexOf("flag");
        for (List<String> rate : rates.subList(1, rates.size())) {
            assertTrue(rate.get(flag) != null, "flag is never null: an empty flag is a quoted empty field");
        }
    }

    @Test
    void replacesAnEarlierExport() throws Exception {
        Path out = tmp.resolve("again");
        assertEquals(0, export("--in", sweep.toString(), "--out", out.toString()).status());
        Files.writeString(out.resolve("fits.csv"), "stale\n");
        Result r = export("--in", sweep.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(out.resolve("fits.csv")).startsWith("study,"));
        assertEquals(List.of("again"), names(tmp));
        assertTrue(r.out().contains("fits.csv (24 rows)"), r.out());
    }

    @Test
    void badInputExitsTwoAndWritesNothing() throws Exception {
        Path unfinished = tmp.resolve("unfinished");
        Files.createDirectories(unfinished);
        try (Stream<Path> s = Files.list(sweep)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals(OutputDir.SUCCESS)) {
                    copyTree(p, unfinished.resolve(p.getFileName().toString()));
                }
            }
        }
        Path broken = tmp.resolve("broken");
        copyTree(sweep, broken);
        try (Stream<Path> s = Files.list(broken.resolve(CurvesTable.FOLDER))) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList()) {
                Files.writeString(p, "not parquet");
            }
        }
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        Path foreign = tmp.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        List<String> before = names(tmp);
        Path out = tmp.resolve("never");

        Result noSuccess = export("--in", unfinished.toString(), "--out", out.toString());
        assertEquals(2, noSuccess.status());
        assertTrue(noSuccess.err().contains("--in " + unfinished + ": no _SUCCESS"), noSuccess.err());

        Result noIn = export("--out", out.toString());
        assertEquals(2, noIn.status());
        assertTrue(noIn.err().contains("missing --in DIR"), noIn.err());
        assertTrue(noIn.err().contains(ExportCommand.USAGE), noIn.err());

        Result isFile = export("--in", sweep.toString(), "--out", file.toString());
        assertEquals(2, isFile.status());
        assertTrue(isFile.err().contains("--out " + file + ": exists and is not a directory"), isFile.err());
        assertEquals("x", Files.readString(file));

        Result notExport = export("--in", sweep.toString(), "--out", foreign.toString());
        assertEquals(2, notExport.status());
        assertTrue(notExport.err().contains("is not a dgmoe export (it holds notes.txt)"), notExport.err());
        assertEquals(List.of("notes.txt"), names(foreign));

        Result format = export("--in", sweep.toString(), "--out", out.toString(), "--format", "xlsx");
        assertEquals(2, format.status());
        assertTrue(format.err().contains("--format xlsx: not a known format; the one format is csv"), format.err());

        Result unreadable = export("--in", broken.toString(), "--out", out.toString());
        assertEquals(2, unreadable.status(), unreadable.err());
        assertTrue(unreadable.err().contains("--in " + broken + ": cannot read curves/ as Parquet"), unreadable.err());

        Result missing = export("--in", tmp.resolve("nowhere").toString(), "--out", out.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such directory"), missing.err());

        assertEquals(before, names(tmp), "nothing written, no staging left");
    }

    @Test
    void aKilledExportsLeftoversAreCleanedAndAnUnwritableOutIsRefusedFirst() throws Exception {
        long dead = Integer.MAX_VALUE; // above Linux's largest pid: a killed run
        // a killed export's staging folder (created with its marker) and a folder of the same pattern that is not ours
        Path staging = Files.createDirectories(tmp.resolve(".out.staging-" + dead + "-1"));
        Files.writeString(staging.resolve(".dgmoe-folder"), "dgmoe export 0\n");
        Files.writeString(staging.resolve("fits.csv"), "half");
        Path notOurs = Files.createDirectories(tmp.resolve(".out.staging-" + dead + "-2"));
        Files.writeString(notOurs.resolve("fits.csv"), "someone's");
        // a killed report's staging folder beside a folder of the same name is a report's, not the export's
        Path reportStaging = Files.createDirectories(tmp.resolve(".out.staging-" + dead + "-3"));
        Files.writeString(reportStaging.resolve(".dgmoe-folder"), "dgmoe report 0\n");
        Result r = export("--in", sweep.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(".out.staging-" + dead + "-2", ".out.staging-" + dead + "-3", "out"), names(tmp));
        assertTrue(Files.readString(tmp.resolve("out/.dgmoe-folder")).startsWith("dgmoe export "));

        // an export is not a report: a report's marker is refused
        Path rep = Files.createDirectories(tmp.resolve("rep"));
        Files.writeString(rep.resolve(".dgmoe-folder"), "dgmoe report 0\nindex.html\n");
        Files.writeString(rep.resolve("index.html"), "<html/>");
        r = export("--in", sweep.toString(), "--out", rep.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--out " + rep + ": exists and is not a dgmoe export (its .dgmoe-folder says "
                + "'dgmoe report 0')"), r.err());

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        List<String> before = names(tmp);
        r = export("--in", sweep.toString(), "--out", file.resolve("csv").toString());
        assertEquals(2, r.status());
        assertEquals("--out " + file.resolve("csv") + ": " + file + " is not a directory", r.err());
        assertEquals(before, names(tmp));
    }

    @Test
    void pythonsCsvModuleReadsTheExport() throws Exception {
        Path out = tmp.resolve("py");
        assertEquals(0, export("--in", sweep.toString(), "--out", out.toString()).status());
        String text = checkExportPy(out, 24);
        assertTrue(text.contains("fits.csv: 24 rows"), text);
        assertFalse(text.contains("tests.csv"), text);
    }

    /**
     * scripts/check-export.py on an export, asserting it passes; its output. Fails, never skips, without
     * python3: the check needs only Python's standard library, and scripts/test.sh installs python3 on a
     * fresh Debian machine (CI).
     */
    private static String checkExportPy(Path export, int fits) throws Exception {
        Path script = Path.of("..", "scripts", "check-export.py").toAbsolutePath().normalize();
        assertTrue(Files.exists(script), "scripts/check-export.py is part of the repository");
        String missing = "python3 is needed to run scripts/check-export.py (standard library only); scripts/test.sh "
                + "installs it on Debian, else: apt-get install python3";
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError(missing + " (" + e.getMessage() + ")", e);
        }
        assertEquals(0, probe.waitFor(), missing);
        Process p = new ProcessBuilder("python3", script.toString(), export.toString(), "--fits", Integer.toString(fits))
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        return text;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    /**
     * A minimal RFC 4180 parser, independent of the exporter: records end at LF outside quotes; a
     * quoted field may hold commas, quotes (doubled) and line breaks. An unquoted empty field is
     * null, a quoted empty field "".
     */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
                i++;
                continue;
            }
            if (ch == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new IllegalArgumentException("quote inside an unquoted field at " + i);
                }
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',' || ch == '\n') {
                record.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (ch == '\n') {
                    records.add(record);
                    record = new ArrayList<>();
                }
            } else {
                if (wasQuoted) {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
                field.append(ch);
            }
            i++;
        }
        if (quoted || field.length() > 0 || !record.isEmpty()) {
            throw new IllegalArgumentException("the last record does not end with \\n");
        }
        return records;
    }
}
