package org.dgmoe.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.storage.ParquetTable;
import org.dgmoe.app.sweep.FakeTasks;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.FitRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TableCsv} streams a table of several Parquet files (as the executors write {@code fits/}) in the
 * order Spark reads it: the same records as Spark's rows, checked cell by cell and in order by
 * {@link ExportCommandTest#compare}; and it says which file it cannot read.
 */
class TableCsvTest {
    private final Configuration conf = new Configuration();
    @TempDir
    Path tmp;

    @Test
    void aTableOfPartsIsWrittenInTheOrderSparkReadsIt() throws Exception {
        Study study = FakeTasks.tinyStudy("tiny", Map.of());
        FitsTable table = new FitsTable(study);
        List<Row> rows = new ArrayList<>();
        for (Setting s : study.settings()) {
            for (int n : study.sampleSizes()) {
                for (int r = 0; r < study.replicates(); r++) {
                    rows.add(table.toRow(FitRow.of(study.name(), FakeTasks.outcome(study, s, n, r), 3L + r)));
                }
            }
        }
        // three parts of 4, 14 and 6 rows: distinct sizes, so Spark's order (largest first) is defined; names
        // that sort otherwise, and the files Spark skips (_SUCCESS, a hidden file) beside them
        Path fits = tmp.resolve("sweep").resolve(FitsTable.FOLDER);
        write(fits.resolve("part-a.parquet"), table.schema(), rows.subList(0, 4));
        write(fits.resolve("part-b.parquet"), table.schema(), rows.subList(4, 18));
        write(fits.resolve("part-c.parquet"), table.schema(), rows.subList(18, 24));
        Files.writeString(fits.resolve("_SUCCESS"), "");
        Files.writeString(fits.resolve(".notes"), "x");
        TableCsv.Source source = TableCsv.Source.of(conf, tmp.resolve("sweep").toString(), FitsTable.FOLDER);
        assertEquals(List.of("part-b.parquet", "part-c.parquet", "part-a.parquet"),
                source.files().stream().map(org.apache.hadoop.fs.Path::getName).toList(), "largest first");
        assertEquals(table.schema(), source.schema(), "the footer's Spark schema");
        Path csv = tmp.resolve("fits.csv");
        long[] checked = {0};
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            assertEquals(24, TableCsv.write(source, "fits/", r -> checked[0]++, w));
        }
        assertEquals(24, checked[0], "every row checked once (pass 1)");
        ExportCommandTest.compare(FitsTable.FOLDER, fits, csv);
        assertEquals(24, SparkTestSession.get().read().parquet(fits.toString()).count());
    }

    @Test
    void whatTheCheckThrowsIsTheError() throws Exception {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("x", DataTypes.IntegerType, false)));
        write(tmp.resolve("d").resolve("t").resolve("part-0.parquet"), schema,
                List.of(org.apache.spark.sql.RowFactory.create(1)));
        TableCsv.Source source = TableCsv.Source.of(conf, tmp.resolve("d").toString(), "t");
        InputException refused = new InputException("refused");
        assertSame(refused, assertThrows(InputException.class, () -> TableCsv.write(source, "t/", r -> {
            throw refused;
        }, new StringWriter())), "not wrapped by the reader");
        Writer broken = new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        assertEquals("disk full", assertThrows(IOException.class, () -> TableCsv.write(source, "t/", r -> { },
                broken)).getMessage(), "a write failure stays an IOException (not bad input)");
    }

    @Test
    void badTablesAreBadInputNamingTheTable() throws Exception {
        StructType one = DataTypes.createStructType(List.of(DataTypes.createStructField("x", DataTypes.IntegerType,
                false)));
        StructType other = DataTypes.createStructType(List.of(DataTypes.createStructField("y", DataTypes.IntegerType,
                false)));
        Path dir = tmp.resolve("d");
        write(dir.resolve("mixed").resolve("part-0.parquet"), one, List.of(org.apache.spark.sql.RowFactory.create(1)));
        write(dir.resolve("mixed").resolve("part-1.parquet"), other, List.of(org.apache.spark.sql.RowFactory.create(2),
                org.apache.spark.sql.RowFactory.create(3)));
        assertTrue(assertThrows(InputException.class, () -> TableCsv.Source.of(conf, dir.toString(), "mixed"))
                .getMessage().contains("--in " + dir + ": mixed/ holds files of different schemas"));
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken").resolve("part-0.parquet"), "not parquet");
        assertTrue(assertThrows(InputException.class, () -> TableCsv.Source.of(conf, dir.toString(), "broken"))
                .getMessage().startsWith("--in " + dir + ": cannot read broken/ as Parquet"));
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty").resolve("_SUCCESS"), "");
        assertEquals("--in " + dir + ": empty/ holds no Parquet file", assertThrows(InputException.class,
                () -> TableCsv.Source.of(conf, dir.toString(), "empty")).getMessage());
    }

    private void write(Path file, StructType schema, List<Row> rows) throws IOException {
        Files.createDirectories(file.getParent());
        ParquetTable.writeFile(conf, new org.apache.hadoop.fs.Path(file.toUri()), schema, rows);
    }
}
