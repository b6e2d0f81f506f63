package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
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
import org.dgmoe.app.storage.ParquetRows;
import org.dgmoe.app.storage.ParquetTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver-side reader of a part ({@link ParquetRows}) against Spark's Parquet reader of the same file: the
 * same rows, value for value (exact equality: Double.equals, so NaN equals NaN and −0.0 differs from 0.0; the
 * Java types of the cells; nulls, empty arrays and null elements), so {@code FitsTable.fromRow} decodes both
 * alike.
 */
class ParquetRowsTest {
    @TempDir
    Path tmp;

    /** A cell with Spark's arrays (Scala sequences) as Java lists, recursively, so the two readers compare. */
    private static Object cell(Object value) {
        if (value instanceof scala.collection.Seq<?> seq) {
            value = scala.jdk.javaapi.CollectionConverters.asJava(seq);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(cell(v)));
            return out;
        }
        return value;
    }

    private static List<List<Object>> cells(List<Row> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Row r : rows) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                row.add(cell(r.get(i)));
            }
            out.add(row);
        }
        return out;
    }

    private org.apache.hadoop.fs.Path write(String name, StructType schema, List<Row> rows) throws IOException {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(tmp.resolve(name + ".parquet").toUri());
        ParquetTable.writeFile(new Configuration(), file, schema, rows);
        return file;
    }

    private static List<Row> direct(org.apache.hadoop.fs.Path file, StructType columns) throws IOException {
        List<Row> rows = new ArrayList<>();
        ParquetRows.forEach(new Configuration(), file, columns, rows::add);
        return rows;
    }

    private static void assertLikeSpark(org.apache.hadoop.fs.Path file, StructType columns) throws IOException {
        String[] names = columns.fieldNames();
        List<Row> spark = SparkTestSession.get().read().parquet(file.toString())
                .selectExpr(Arrays.stream(names).map(c -> "`" + c + "`").toArray(String[]::new)).collectAsList();
        List<Row> mine = direct(file, columns);
        assertEquals(cells(spark), cells(mine), "rows of " + Arrays.toString(names));
        for (Row r : mine) {
            assertEquals(columns, r.schema(), "each row carries the projection's schema (fromRow reads by name)");
        }
    }

    @Test
    void aFitsPartReadsAsSparkReadsIt() throws IOException {
        Study study = FakeTasks.tinyStudy("tiny", Map.of());
        FitsTable table = new FitsTable(study);
        List<Row> rows = new ArrayList<>();
        for (TaskKey k : FakeTasks.keys(study)) {
            rows.add(table.toRow(FitRow.of(study.name(),
                    FakeTasks.outcome(study, study.setting(k.setting()), k.n(), k.replicate()), 7)));
        }
        org.apache.hadoop.fs.Path file = write("fits", table.schema(), rows);
        assertLikeSpark(file, table.schema());
        // the projection StagedFits.done reads: the three key columns only
        StructType schema = table.schema();
        assertLikeSpark(file, new StructType(new StructField[] {schema.apply(TaskId.SETTING.column()),
                schema.apply(TaskId.N.column()), schema.apply(TaskId.REPLICATE.column())}));
        // and the codec decodes the direct rows to the fits that were written
        List<Row> mine = direct(file, schema);
        assertEquals(rows.size(), mine.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(table.toRow(table.fromRow(rows.get(i))).toString(), table.toRow(table.fromRow(mine.get(i)))
                    .toString(), "fit " + i + " decoded from the direct read");
        }
    }

    @Test
    void nullsNaNEmptyArraysAndNullElementsAsSpark() throws IOException {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("s", DataTypes.StringType, true),
                DataTypes.createStructField("i", DataTypes.IntegerType, true),
                DataTypes.createStructField("l", DataTypes.LongType, false),
                DataTypes.createStructField("d", DataTypes.DoubleType, true),
                DataTypes.createStructField("b", DataTypes.BooleanType, true),
                DataTypes.createStructField("v", DataTypes.createArrayType(DataTypes.DoubleType, true), true),
                DataTypes.createStructField("m", DataTypes.createArrayType(
                        DataTypes.createArrayType(DataTypes.DoubleType, false), true), false),
                DataTypes.createStructField("t", DataTypes.createArrayType(DataTypes.StringType, false), true)));
        List<Row> rows = List.of(
                RowFactory.create("x", 3, 4L, Double.NaN, true, Arrays.asList(1.0, null, Double.NaN),
                        List.of(List.of(), List.of(2.0)), List.of("a", "")),
                RowFactory.create(null, null, Long.MIN_VALUE, null, null, null, List.of(), null),
                RowFactory.create("ü", Integer.MIN_VALUE, 0L, -0.0, false, List.of(),
                        Arrays.asList(null, List.of(-0.0, Double.NEGATIVE_INFINITY)), List.of()));
        org.apache.hadoop.fs.Path file = write("nulls", schema, rows);
        assertLikeSpark(file, schema);
        // a projection in another order than the file's
        assertLikeSpark(file, new StructType(new StructField[] {schema.apply("m"), schema.apply("s")}));
    }

    @Test
    void aColumnTheFileLacksIsAnIOExceptionNamingTheFile() throws IOException {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("i", DataTypes.IntegerType, false)));
        org.apache.hadoop.fs.Path file = write("one", schema, List.of(RowFactory.create(1)));
        StructType other = DataTypes.createStructType(List.of(
                DataTypes.createStructField("j", DataTypes.IntegerType, false)));
        IOException e = assertThrows(IOException.class, () -> direct(file, other));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
