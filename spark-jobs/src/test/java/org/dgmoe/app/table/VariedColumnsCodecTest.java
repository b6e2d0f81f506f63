package org.dgmoe.app.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.storage.ParquetTable;
import org.dgmoe.app.sweep.FakeTasks;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.RateRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The varied-value columns of the three tables: union schema, nulls, round trips through Parquet. */
class VariedColumnsCodecTest {
    @TempDir
    Path tmp;

    private List<Row> throughParquet(String name, StructType schema, List<Row> rows) throws Exception {
        org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(tmp.resolve(name).toUri());
        ParquetTable.write(new Configuration(), table, schema, rows);
        return SparkTestSession.get().read().parquet(table.toString()).collectAsList();
    }

    private static final String MAPS = """
            s { covariates { distribution = uniform, dimension = 1 }
                g0 { type = gaussian-linear, slope = [0.0], intercept = 3.0, variance = 0.25 }
                truth { lambda = 0.5, experts = [ { weight = 1, slope = [1], intercept = 0, variance = 1 } ] } }
            dgmoe.study {
              name = "maps", seed = 1, replicates = 1, sample-sizes = [100]
              settings = [
                ${s} { name = "a", vary { "g0.intercept" = [3, 1] } }
                ${s} { name = "b", vary { "truth.lambda" = [0.5], "truth.experts[0].slope[0]" = [1, 2] } }
                ${s} { name = "c" }
              ]
            }
            """;

    @Test
    void fitsCarryTheUnionOfTheStudysVariedColumnsNullElsewhere() throws Exception {
        Study study = StudyConfigLoader.load(MAPS, "maps.conf", List.of()).study();
        FitsTable table = new FitsTable(study);
        assertEquals(List.of("g0_intercept", "truth_experts_0_slope_0", "truth_lambda"), table.variedColumns());
        List<String> names = Arrays.asList(table.schema().fieldNames());
        assertEquals(table.variedColumns(), names.subList(names.size() - 3, names.size()));
        for (String c : table.variedColumns()) {
            StructField f = table.schema().apply(c);
            assertTrue(f.nullable() && f.dataType() == DataTypes.DoubleType, f.toString());
        }
        Study tiny = FakeTasks.tinyStudy("maps", Map.of());
        FitRow base = FitRow.of("maps", FakeTasks.outcome(tiny, tiny.setting("a"), 100, 0), 5);
        List<FitRow> fits = List.of(base.withVaried(study.setting("a:g0_intercept=1").variedColumns()),
                base.withVaried(study.setting("b:truth_experts_0_slope_0=2,truth_lambda=0.5").variedColumns()),
                base);
        List<Row> rows = fits.stream().map(table::toRow).toList();
        List<Row> read = throughParquet("fits", table.schema(), rows);
        assertEquals(fits, read.stream().map(table::fromRow).toList());
        assertEquals(1.0, (double) read.get(0).getAs("g0_intercept"));
        assertTrue(read.get(0).isNullAt(read.get(0).fieldIndex("truth_lambda")));
        assertEquals(Map.of("truth_experts_0_slope_0", 2.0, "truth_lambda", 0.5), fits.get(1).varied());
        assertTrue(read.get(2).isNullAt(read.get(2).fieldIndex("g0_intercept")), "a hand-written setting: null");
    }

    @Test
    void curvesAndRatesRoundTripAndOnlyVariedColumnsAreReadAsSuch() throws Exception {
        List<String> varied = List.of("g0_intercept", "truth_lambda");
        List<CurveRow> curves = List.of(
                new CurveRow("a:g0_intercept=1", "voronoi", 100, 9, 1, 0.5, 0.4, 0.1, 0.2, 0.9, 1, 1, 2, 0, 3, 0,
                        Map.of("g0_intercept", 1.0)),
                new CurveRow("c", "voronoi", 100, 9, 1, 0.5, 0.4, 0.1, 0.2, 0.9, 1, 1, 2, 0, 3, 0));
        List<Row> rows = curves.stream().map(c -> CurvesTable.toRow(c, varied)).toList();
        assertEquals(Arrays.asList(CurvesTable.schema(varied).fieldNames()),
                Arrays.asList(rows.get(0).schema().fieldNames()));
        assertEquals(curves, throughParquet("curves", CurvesTable.schema(varied), rows).stream()
                .map(CurvesTable::fromRow).toList());

        List<RateRow> rates = List.of(new RateRow("a:g0_intercept=1", "voronoi", -0.49, 0.7, -0.55, -0.43, Double.NaN,
                Verdict.NO_THEORY, "", Map.of("g0_intercept", 1.0, "truth_lambda", 0.25)));
        assertEquals(rates, throughParquet("rates", RatesTable.schema(varied),
                rates.stream().map(r -> RatesTable.toRow(r, varied)).toList()).stream().map(RatesTable::fromRow)
                .toList());

        // a column of another kind (not a setting's section, or not a double) is not a varied value
        StructType wider = RatesTable.schema(varied).add("note_value", DataTypes.DoubleType, true)
                .add("fit_count", DataTypes.IntegerType, true);
        Object[] cells = Arrays.copyOf(((GenericRowWithSchema) RatesTable.toRow(rates.get(0), varied)).values(),
                wider.size());
        cells[cells.length - 2] = 3.0;
        cells[cells.length - 1] = 4;
        assertEquals(rates.get(0), RatesTable.fromRow(new GenericRowWithSchema(cells, wider)));
        // and without varied columns the tables are as before
        assertEquals(CurvesTable.SCHEMA, CurvesTable.schema(List.of()));
        assertEquals(RatesTable.SCHEMA, RatesTable.schema(List.of()));
    }
}
