package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.storage.ParquetTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.FitRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver-side table writer against Spark's own Parquet writer: the same Parquet schema, and
 * Spark reads back the same schema and rows.
 */
class ParquetTableTest {
    @TempDir
    Path tmp;

    private static MessageType parquetSchema(Path tableDir) throws Exception {
        Path file;
        try (Stream<Path> s = Files.list(tableDir)) {
            file = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return r.getFooter().getFileMetaData().getSchema();
        }
    }

    private void assertLikeSpark(String name, StructType schema, List<Row> rows) throws Exception {
        Path mine = tmp.resolve(name + "-mine");
        Path spark = tmp.resolve(name + "-spark");
        ParquetTable.write(new Configuration(), new org.apache.hadoop.fs.Path(mine.toUri()), schema, rows);
        SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(spark.toString());

        assertEquals(parquetSchema(spark), parquetSchema(mine), name + ": Parquet schema");
        Dataset<Row> a = SparkTestSession.get().read().parquet(spark.toString());
        Dataset<Row> b = SparkTestSession.get().read().parquet(mine.toString());
        assertEquals(a.schema(), b.schema(), name + ": schema as Spark reads it");
        assertEquals(a.collectAsList().stream().map(Row::toString).toList(),
                b.collectAsList().stream().map(Row::toString).toList(), name + ": rows");
    }

    @Test
    void fitsRowsAreWrittenAsSparkWritesThem() throws Exception {
        Study study = FakeTasks.tinyStudy("tiny", Map.of());
        FitsTable table = new FitsTable(study);
        List<Row> rows = new ArrayList<>();
        for (TaskKey k : FakeTasks.keys(study)) {
            rows.add(table.toRow(FitRow.of(study.name(), FakeTasks.outcome(study, study.setting(k.setting()), k.n(), k.replicate()), 7)));
        }
        assertLikeSpark("fits", table.schema(), rows);
    }

    @Test
    void nullsEmptyArraysAndNullElementsAsSpark() throws Exception {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("s", DataTypes.StringType, true),
                DataTypes.createStructField("b", DataTypes.BooleanType, true),
                DataTypes.createStructField("v", DataTypes.createArrayType(DataTypes.DoubleType, true), true),
                DataTypes.createStructField("m", DataTypes.createArrayType(
                        DataTypes.createArrayType(DataTypes.DoubleType, false), true), false)));
        List<Row> rows = List.of(
                RowFactory.create("x", true, Arrays.asList(1.0, null, Double.NaN), List.of(List.of(), List.of(2.0))),
                RowFactory.create(null, null, null, List.of()),
                RowFactory.create("ü", false, List.of(), Arrays.asList(null, List.of(-0.0))));
        assertLikeSpark("nulls", schema, rows);
    }

    @Test
    void aNullInARequiredColumnIsABug() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("i", DataTypes.IntegerType, false)));
        assertThrows(IllegalArgumentException.class, () -> ParquetTable.write(new Configuration(),
                new org.apache.hadoop.fs.Path(tmp.resolve("bad").toUri()), schema,
                List.of(RowFactory.create((Object) null))));
    }
}
