package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.storage.ChunkFile;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.FitRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged chunk format: exact round trip of fits rows, and every kind of damage is detected. */
class ChunkFileTest {
    @TempDir
    Path tmp;

    private final Study study = FakeTasks.tinyStudy("tiny", Map.of());
    private final FitsTable table = new FitsTable(study);

    private List<Row> rows() {
        Setting b = study.setting("b");
        return List.of(table.toRow(FitRow.of(study.name(), FakeTasks.outcome(study, study.setting("a"), 100, 0), 12)),
                table.toRow(FitRow.of(study.name(), FakeTasks.outcome(study, b, 400, 3), 34)));
    }

    private static FileSystem fs() throws Exception {
        return FileSystem.getLocal(new Configuration()).getRaw();
    }

    private org.apache.hadoop.fs.Path written(List<Row> rows) throws Exception {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(tmp.resolve("chunk-1.rows").toUri());
        ChunkFile.write(fs(), file, table.schema(), rows);
        return file;
    }

    @Test
    void roundTripIsExactWithNullsNestedArraysAndSpecialDoubles() throws Exception {
        List<Row> rows = rows();
        List<Row> read = ChunkFile.read(fs(), written(rows), table.schema());
        assertEquals(rows.size(), read.size());
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(javaValues(rows.get(r)), javaValues(read.get(r)), "row " + r);
            assertEquals(table.schema(), read.get(r).schema(), "rows carry the schema (fieldIndex works)");
        }
        assertTrue(read.get(0).isNullAt(read.get(0).fieldIndex("cell2_mass")), "nulls stay null");
        assertEquals(2, read.get(1).getList(read.get(1).fieldIndex("slopes")).size());

        StructType special = DataTypes.createStructType(List.of(
                DataTypes.createStructField("x", DataTypes.DoubleType, true),
                DataTypes.createStructField("v", DataTypes.createArrayType(DataTypes.DoubleType, true), true)));
        double payloadNaN = Double.longBitsToDouble(0x7ff8_0000_0000_0abcL);
        List<Row> odd = List.of(RowFactory.create(-0.0, Arrays.asList(payloadNaN, null, Double.NEGATIVE_INFINITY)),
                RowFactory.create(null, null), RowFactory.create(Double.MIN_VALUE, List.of()));
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(tmp.resolve("odd.rows").toUri());
        ChunkFile.write(fs(), file, special, odd);
        List<Row> back = ChunkFile.read(fs(), file, special);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(0).getDouble(0)));
        assertEquals(0x7ff8_0000_0000_0abcL,
                Double.doubleToRawLongBits((Double) back.get(0).getList(1).get(0)), "NaN payload kept");
        assertEquals(Arrays.asList(payloadNaN, null, Double.NEGATIVE_INFINITY).subList(1, 3),
                back.get(0).getList(1).subList(1, 3));
        assertTrue(back.get(1).isNullAt(0) && back.get(1).isNullAt(1));
        assertEquals(List.of(), back.get(2).getList(1));
    }

    /** The values of a row, arrays (Java lists or Scala sequences) as Java lists. */
    private static List<Object> javaValues(Row row) {
        List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            values.add(javaValue(row.get(i)));
        }
        return values;
    }

    private static Object javaValue(Object v) {
        if (v instanceof scala.collection.Seq<?> seq) {
            v = scala.jdk.javaapi.CollectionConverters.asJava(seq);
        }
        return v instanceof List<?> list ? list.stream().map(ChunkFileTest::javaValue).toList() : v;
    }

    @Test
    void leavesNoTemporaryFile() throws Exception {
        written(rows());
        try (var s = Files.list(tmp)) {
            assertEquals(List.of("chunk-1.rows"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void damageOfAnyKindIsUnreadable() throws Exception {
        org.apache.hadoop.fs.Path file = written(rows());
        Path local = tmp.resolve("chunk-1.rows");
        byte[] good = Files.readAllBytes(local);

        for (int at : new int[] {0, 20, good.length / 2, good.length - 1}) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x10;
            Files.write(local, flipped);
            assertThrows(ChunkFile.Unreadable.class, () -> ChunkFile.read(fs(), file, table.schema()), "byte " + at);
        }
        for (int length : new int[] {0, 5, good.length / 2, good.length - 1}) {
            Files.write(local, Arrays.copyOf(good, length));
            assertThrows(ChunkFile.Unreadable.class, () -> ChunkFile.read(fs(), file, table.schema()),
                    "truncated to " + length);
        }
        Files.write(local, good);
        StructType other = table.schema().add("extra", DataTypes.IntegerType, true);
        ChunkFile.Unreadable e = assertThrows(ChunkFile.Unreadable.class, () -> ChunkFile.read(fs(), file, other));
        assertTrue(e.getMessage().contains("schema"), e.getMessage());
        assertEquals(2, ChunkFile.read(fs(), file, table.schema()).size(), "the intact file still reads");
    }

    @Test
    void aValueOfTheWrongTypeIsABug() {
        StructType ints = DataTypes.createStructType(List.of(DataTypes.createStructField("i", DataTypes.IntegerType,
                false)));
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(tmp.resolve("bad.rows").toUri());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkFile.write(fs(), file, ints, List.of(RowFactory.create("seven"))));
        assertTrue(e.getMessage().contains("column i"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("bad.rows")));
    }
}
