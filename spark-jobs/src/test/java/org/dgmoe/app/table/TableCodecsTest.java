package org.dgmoe.app.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.storage.ParquetTable;
import org.dgmoe.app.sweep.FakeTasks;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.gof.AdaptiveStatistics;
import org.dgmoe.core.gof.NullFit;
import org.dgmoe.core.gof.TestKind;
import org.dgmoe.core.gof.TestRow;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.StartComparison;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.RateRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each table's codec: a record encoded and decoded is the same record, in memory and through a
 * Parquet file read back by Spark, whose columns are the codec's schema.
 */
class TableCodecsTest {
    @TempDir
    Path tmp;

    /** The rows as Spark reads them back from the one Parquet file {@link ParquetTable} writes. */
    private List<Row> throughParquet(String name, StructType schema, List<Row> rows) throws Exception {
        org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(tmp.resolve(name).toUri());
        ParquetTable.write(new Configuration(), table, schema, rows);
        var df = SparkTestSession.get().read().parquet(table.toString());
        assertEquals(columns(schema), columns(df.schema()), name + ": the Parquet columns are the schema's");
        return df.collectAsList();
    }

    /** Names and types in order (Spark reads every Parquet column back as nullable). */
    private static List<String> columns(StructType schema) {
        return Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
    }

    @Test
    void fitsRoundTrip() throws Exception {
        Study study = FakeTasks.tinyStudy("tiny", Map.of());
        FitsTable table = new FitsTable(study);
        List<FitRow> fits = new ArrayList<>();
        fits.add(FitRow.of(study.name(), FakeTasks.outcome(study, study.setting("a"), 100, 0), 12));
        TaskOutcome b = FakeTasks.outcome(study, study.setting("b"), 400, 3);
        fits.add(FitRow.of(study.name(), b, 34));
        fits.add(FitRow.of(study.name(), new TaskOutcome(b.setting(), b.n(), b.replicate(), b.seed(), b.fit(),
                b.losses(), new StartComparison(-3.5, FitStatus.MAX_ITERATIONS, 0.25, -0.0, Double.NaN, true),
                new NearDegeneracy(0.01, 2.0, 0.05, true)), 56));
        List<Row> rows = fits.stream().map(table::toRow).toList();
        assertEquals(fits, rows.stream().map(table::fromRow).toList());
        assertEquals(fits, throughParquet("fits", table.schema(), rows).stream().map(table::fromRow).toList());
        assertEquals(List.of(false, true, true), fits.stream().map(f -> f.losses().metrics().containsKey("cell0_mass")).toList(),
                "a has no cell 0, b has");
    }

    /**
     * The certificate's columns round-trip; a table written before certificate_passes existed reads
     * as −1, unknown, in memory and through Parquet, and such a row differs from the row written
     * (equals compares the certificate too).
     */
    @Test
    void fitsCertificateRoundTripsAndOlderTablesHaveUnknownPasses() throws Exception {
        Study study = FakeTasks.tinyStudy("tiny", Map.of());
        FitsTable table = new FitsTable(study);
        TaskOutcome b = FakeTasks.outcome(study, study.setting("b"), 400, 3);
        org.dgmoe.core.em.FitResult f = b.fit();
        org.dgmoe.core.em.FitResult certified = new org.dgmoe.core.em.FitResult(f.model(), f.logLikelihood(),
                f.iterations(), f.status(), f.millis(), f.lastRelativeChange(), f.lastChange(), f.lastStep(),
                f.scoreNorm(), f.emEvaluations(), new Certificate(3.25e-9, true, 25));
        FitRow fit = FitRow.of(study.name(), new TaskOutcome(b.setting(), b.n(), b.replicate(), b.seed(), certified,
                b.losses(), null, b.nearDegeneracy()), 34);
        assertEquals(25, fit.certificate().passes());
        Row row = table.toRow(fit);
        for (FitRow read : List.of(table.fromRow(row),
                table.fromRow(throughParquet("fits-certificate", table.schema(), List.of(row)).get(0)))) {
            assertEquals(fit, read);
            assertEquals(new Certificate(3.25e-9, true, 25), read.certificate());
        }

        StructType older = new StructType(Arrays.stream(table.schema().fields())
                .filter(x -> !x.name().equals(Certificate.PASSES.column())).toArray(StructField[]::new));
        List<Object> cells = new ArrayList<>();
        for (StructField x : older.fields()) {
            cells.add(row.get(row.fieldIndex(x.name())));
        }
        Row old = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(cells.toArray(), older);
        for (FitRow read : List.of(table.fromRow(old),
                table.fromRow(throughParquet("fits-older", older, List.of(old)).get(0)))) {
            assertNotEquals(fit, read);
            assertEquals(new FitRow(fit.task(), fit.diagnostics(), fit.taskMillis(), fit.parameters(), fit.losses(),
                    fit.nearDegeneracy(), fit.startCheck(), fit.certificate().withUnknownPasses(), fit.varied()), read);
            assertEquals(new Certificate(3.25e-9, true, -1), read.certificate());
        }
    }

    @Test
    void curvesRoundTripAndOlderTablesHaveUnknownCounts() throws Exception {
        List<CurveRow> curves = List.of(new CurveRow("a", "voronoi", 100, 9, 1, 0.5, 0.4, 0.1, 0.2, 0.9, 1, 1, 2, 0, 3, 4),
                new CurveRow("b", "cell1_slope", 400, 0, 10, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, 10, 0, 0, 0, 0, 0));
        List<Row> rows = curves.stream().map(CurvesTable::toRow).toList();
        assertEquals(curves, rows.stream().map(CurvesTable::fromRow).toList());
        assertEquals(curves, throughParquet("curves", CurvesTable.SCHEMA, rows).stream().map(CurvesTable::fromRow)
                .toList());

        StructType older = new StructType(Arrays.stream(CurvesTable.SCHEMA.fields())
                .filter(f -> CurvesTable.REQUIRED.contains(f.name())).toArray(StructField[]::new));
        CurveRow c = curves.get(0);
        Row old = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[] {c.setting(),
            c.metric(), c.n(), c.count(), c.failed(), c.mean(), c.median(), c.sd(), c.q10(), c.q90()}, older);
        assertEquals(new CurveRow("a", "voronoi", 100, 9, 1, 0.5, 0.4, 0.1, 0.2, 0.9, -1, -1, -1, -1, -1, -1),
                CurvesTable.fromRow(old));
    }

    /**
     * tests/ and nulls/ of a sweep before issue 25 lack HC, BJ, smooth, sup-score, the combinations and the null
     * sets' KS p-values: read as NaN (not computed).
     */
    @Test
    void testsAndNullsOfAnOlderTableHaveNoAdaptiveStatistics() {
        Row full = TestsTable.toRow(new TestRow("st", "s", 30, 1, 7, 2.5, -10, 0.05, 0, 19, 0.2, false, false, 0.1,
                0.04, 0.1, 0.05, 0.5, 0.1, 0, 1.5, 0.1, 2.0, 0.2, 3.0, 0.3, 4.0, 0.4, 4.0, 0.4, 0.04, 0.1, -2.0, 0.3, 0.6));
        assertEquals(full.toString(), TestsTable.toRow(TestsTable.fromRow(full)).toString(), "round trip");
        java.util.Set<String> adaptive = java.util.Set.of(TestsTable.HC_STATISTIC, TestsTable.HC_P_VALUE,
                TestsTable.BJ_STATISTIC, TestsTable.BJ_P_VALUE, TestsTable.SMOOTH_STATISTIC, TestsTable.SMOOTH_P_VALUE,
                TestsTable.SUPSCORE_STATISTIC, TestsTable.SUPSCORE_P_VALUE, TestsTable.COMBINED_STATISTIC,
                TestsTable.COMBINED_P_VALUE, TestsTable.COMBINED_ANALYTIC_P_VALUE, TestsTable.MINP_STATISTIC,
                TestsTable.MINP_P_VALUE);
        TestRow read = TestsTable.fromRow(older(full, adaptive));
        assertEquals(0.05, read.pValue(), 0.0);
        assertTrue(Double.isNaN(read.hcPValue()) && Double.isNaN(read.supScoreStatistic()), read.toString());
        assertTrue(Double.isNaN(read.combinedPValue()) && Double.isNaN(read.combinedAnalyticPValue())
                && Double.isNaN(read.minpPValue()), read.toString());

        Row nulls = NullsTable.toRow("s", 30, 7L, new NullFit(3, 1.25, false, 0.1, FitStatus.CONVERGED, 0.1, 0.7,
                0.2, 0.3, new AdaptiveStatistics(1, 2, 3, 2, 4, 5)));
        assertEquals(0.7, NullsTable.fromRow(nulls).fit().kolmogorovSmirnovPValue(), 0.0);
        NullsTable.Entry e = NullsTable.fromRow(older(nulls, java.util.Set.of(NullsTable.HC_STATISTIC,
                NullsTable.BJ_STATISTIC, NullsTable.SMOOTH_STATISTIC, NullsTable.SMOOTH_DIMENSION,
                NullsTable.SUPSCORE_STATISTIC, NullsTable.KS_P_VALUE)));
        assertEquals(1.25, e.fit().statistic(), 0.0);
        assertTrue(Double.isNaN(e.fit().adaptive().higherCriticism()), e.toString());
        assertTrue(Double.isNaN(e.fit().kolmogorovSmirnovPValue()), e.toString());
    }

    /**
     * tests/ written while combined_* was the min-p test and cauchy_* the exactly calibrated Cauchy combination
     * (recognised by cauchy_p_value): read under today's names, cauchy_* as combined_*, combined_* as minp_*.
     */
    @Test
    void testsOfTheCauchyLayoutReadUnderTodaysNames() {
        TestRow today = new TestRow("st", "s", 30, 1, 7, 2.5, -10, 0.05, 0, 19, 0.2, false, false, 0.1, 0.04, 0.1,
                0.05, 0.5, 0.1, 0, 1.5, 0.1, 2.0, 0.2, 3.0, 0.3, 4.0, 0.4, 4.0, 0.4, -2.0, 0.3, 0.6, 0.04, 0.1);
        Row now = TestsTable.toRow(today);
        List<StructField> fields = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (StructField f : now.schema().fields()) {
            // the old layout's columns, in its order: combined_* (min-p) then cauchy_*
            if (!f.name().startsWith("combined_") && !f.name().startsWith("minp_")) {
                fields.add(f);
                values.add(now.get(now.fieldIndex(f.name())));
            }
        }
        String[][] old = {{"combined_statistic", TestsTable.MINP_STATISTIC},
            {"combined_p_value", TestsTable.MINP_P_VALUE}, {"cauchy_statistic", TestsTable.COMBINED_STATISTIC},
            {"cauchy_p_value", TestsTable.COMBINED_P_VALUE},
            {"cauchy_analytic_p_value", TestsTable.COMBINED_ANALYTIC_P_VALUE}};
        for (String[] o : old) {
            fields.add(DataTypes.createStructField(o[0], DataTypes.DoubleType, false));
            values.add(now.get(now.fieldIndex(o[1])));
        }
        Row written = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(values.toArray(),
                new StructType(fields.toArray(StructField[]::new)));
        assertEquals(today, TestsTable.fromRow(written));
        assertEquals(0.3, TestsTable.fromRow(written).pValue(TestKind.COMBINED), 0.0);
        assertEquals(0.1, TestsTable.fromRow(written).pValue(TestKind.MINP), 0.0);
    }

    /** {@code row} without the columns {@code dropped}, as a table of an older version holds it. */
    private static Row older(Row row, java.util.Set<String> dropped) {
        List<StructField> fields = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (StructField f : row.schema().fields()) {
            if (!dropped.contains(f.name())) {
                fields.add(f);
                values.add(row.get(row.fieldIndex(f.name())));
            }
        }
        return new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(values.toArray(),
                new StructType(fields.toArray(StructField[]::new)));
    }

    @Test
    void curvesByLayoutRoundTripAndATableWithoutTheColumnIsOverAllFits() throws Exception {
        List<CurveRow> curves = List.of(new CurveRow("b", "cell2_slope", 400, 30, 0, 0.5, 0.4, 0.1, 0.2, 0.9, 0, 0, 0, 0,
                        50, 1, java.util.Map.of(), RateRow.ALL_FITS),
                new CurveRow("b", "cell2_slope", 400, 18, 0, 0.7, 0.6, 0.1, 0.3, 1.1, 0, 0, 0, 0, 0, 1,
                        java.util.Map.of(), "1,2"));
        List<Row> rows = curves.stream().map(CurvesTable::toRow).toList();
        List<Row> read = throughParquet("curves-by-layout", CurvesTable.SCHEMA, rows);
        assertEquals(curves, read.stream().map(CurvesTable::fromRow).toList());
        assertEquals(List.of("all", "1,2"), read.stream().map(r -> (String) r.getAs(CurvesTable.LAYOUT)).toList());

        // a table of a sweep before layouts: every column but layout, each point read as over all fits
        StructType older = new StructType(Arrays.stream(CurvesTable.SCHEMA.fields())
                .filter(f -> !f.name().equals(CurvesTable.LAYOUT)).toArray(StructField[]::new));
        CurveRow c = curves.get(1);
        Row old = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[] {c.setting(),
            c.metric(), c.n(), c.count(), c.failed(), c.mean(), c.median(), c.sd(), c.q10(), c.q90(), c.nonConverged(),
            c.capped(), c.startChecked(), c.startDiffered(), c.cellsUnplanned(), c.spurious()}, older);
        CurveRow readOld = CurvesTable.fromRow(throughParquet("curves-before-layouts", older, List.of(old)).get(0));
        assertEquals(RateRow.ALL_FITS, readOld.layout());
        assertTrue(readOld.allFits());
        assertEquals(new CurveRow("b", "cell2_slope", 400, 18, 0, 0.7, 0.6, 0.1, 0.3, 1.1, 0, 0, 0, 0, 0, 1), readOld);
    }

    private static List<RateRow> rates() {
        return List.of(new RateRow("a", "voronoi", -0.49, 0.7, -0.55, -0.43, -0.5, Verdict.AGREES, ""),
                new RateRow("a", "lambda_error", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Verdict.NO_THEORY, ""),
                new RateRow("b", "cell1_slope", -0.9, 0.1, -1.0, -0.8, -0.25, Verdict.FASTER_THAN_THEORY,
                        "faster-than-parametric: early stopping or start leakage?; cells differ"));
    }

    /** Rates with a layout and an inconclusive verdict's reason (the history keeps neither). */
    private static List<RateRow> ratesByLayout() {
        return List.of(new RateRow("b", "cell2_slope", -0.2, 0.1, -0.52, 0.01, -0.5, Verdict.INCONCLUSIVE, "",
                java.util.Map.of(), RateRow.ALL_FITS, "inconclusive: the interval reaches 0"),
                new RateRow("b", "cell2_slope", -0.13, 0.1, -0.15, -0.11, -0.125, Verdict.AGREES, "", java.util.Map.of(),
                        "1,2", ""));
    }

    @Test
    void ratesByLayoutRoundTripWithTheirReason() throws Exception {
        List<Row> rows = ratesByLayout().stream().map(RatesTable::toRow).toList();
        List<Row> read = throughParquet("rates-by-layout", RatesTable.SCHEMA, rows);
        assertEquals(ratesByLayout(), read.stream().map(RatesTable::fromRow).toList());
        assertEquals("1,2", read.get(1).getAs(RatesTable.LAYOUT));
    }

    @Test
    void ratesRoundTripWithUnknownTheoryAsNull() throws Exception {
        List<Row> rows = rates().stream().map(RatesTable::toRow).toList();
        assertEquals(rates(), rows.stream().map(RatesTable::fromRow).toList());
        List<Row> read = throughParquet("rates", RatesTable.SCHEMA, rows);
        assertEquals(rates(), read.stream().map(RatesTable::fromRow).toList());
        assertEquals(true, read.get(1).isNullAt(read.get(1).fieldIndex(RatesTable.THEORY)));
    }

    @Test
    void historyRoundTripKeepsTheFlag() {
        HistoryTable.Run run = new HistoryTable.Run(Instant.parse("2024-02-07T02:00:00Z"), "run1", "tiny",
                "h".repeat(64), "abc");
        List<HistoryTable.Entry> entries = rates().stream().map(r -> new HistoryTable.Entry(run, r)).toList();
        List<Row> rows = entries.stream().map(HistoryTable::toRow).toList();
        assertEquals(entries, rows.stream().map(HistoryTable::fromRow).toList());
        var df = SparkTestSession.get().createDataFrame(rows, HistoryTable.SCHEMA);
        assertEquals(entries, df.collectAsList().stream().map(HistoryTable::fromRow).toList());
        assertEquals(List.of(HistoryTable.RECORDED, HistoryTable.RUN_ID, HistoryTable.STUDY, HistoryTable.CONFIG_HASH,
                HistoryTable.GIT_COMMIT), Arrays.asList(HistoryTable.SCHEMA.fieldNames()).subList(0, 5));
        assertEquals(RatesTable.FIELDS, Arrays.asList(HistoryTable.SCHEMA.fields()).subList(5,
                HistoryTable.SCHEMA.size()));
    }

    @Test
    void aRateOfAnOlderTableWithoutFlagHasNone() {
        StructType older = new StructType(RatesTable.FIELDS.stream()
                .filter(f -> !f.name().equals(RatesTable.FLAG)).toArray(StructField[]::new));
        Row old = SparkTestSession.get().createDataFrame(List.of(RowFactory.create("a", "voronoi", -0.49, 0.7, -0.55,
                -0.43, -0.5, "agrees")), older).collectAsList().get(0);
        assertEquals(rates().get(0), RatesTable.fromRow(old));
        // before verdicts had a direction: 'disagrees', read from the row's interval and theory
        List<Row> legacy = SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("b", "cell1_slope", -0.9, 0.1, -1.0, -0.8, -0.25, "disagrees"),
                RowFactory.create("b", "cell1_variance", -0.1, 0.1, -0.2, 0.0, -0.5, "disagrees")), older)
                .collectAsList();
        assertEquals(Verdict.FASTER_THAN_THEORY, RatesTable.fromRow(legacy.get(0)).verdict());
        assertEquals(Verdict.SLOWER_THAN_THEORY, RatesTable.fromRow(legacy.get(1)).verdict());
    }
}
