package org.dgmoe.app.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The file format of a staged chunk ({@code DIR/.staging/tasks/chunk-K.rows}): the rows of the
 * chunk's finished tasks, written and read on the driver, so persisting a chunk needs no Spark
 * job and no task slot. Internal to a run: the tables a study publishes stay Parquet.
 *
 * <pre>
 * "DGMOE-ROWS" (10 bytes)  version (int, 1)
 * schema: length (int) + UTF-8 bytes of StructType.json()
 * row count (int), then the rows, each field in schema order:
 *   presence byte (0 null, 1 value), then the value:
 *   string: length (int) + UTF-8 bytes; int; long; double as its raw IEEE bits (long); boolean (byte);
 *   array: element count (int), then each element as a field
 * CRC-32 of everything above (long)
 * </pre>
 *
 * <p>Reading is defensive: a file whose magic, version, schema, checksum or length does not match
 * is reported as {@link Unreadable}, and the sweep treats that chunk as never written (its tasks
 * are computed again). Writing goes to a temporary name and is renamed into place, so a chunk file
 * under its final name is complete; the checksum also catches a file damaged later.
 */
public final class ChunkFile {
    public static final String SUFFIX = ".rows";
    public static final String TEMPORARY_PREFIX = "_tmp-";
    private static final byte[] MAGIC = "DGMOE-ROWS".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /** A chunk file that is not a complete chunk of the expected schema. */
    public static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(Path file, String why) {
            super(file + ": not a readable staged chunk: " + why);
        }
    }

    private ChunkFile() {
    }

    /**
     * Writes {@code rows} (not modified; each with {@code schema}'s fields, arrays as {@code java.util.List}
     * or Scala sequences) to {@code target}: to {@code _tmp-NAME} beside it first, then renamed.
     *
     * @throws IllegalArgumentException when a value does not fit its column's type (a bug, not data)
     */
    public static void write(FileSystem fs, Path target, StructType schema, List<Row> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + 512 * rows.size());
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(VERSION);
        writeString(out, schema.json());
        out.writeInt(rows.size());
        StructField[] fields = schema.fields();
        for (Row row : rows) {
            if (row.length() != fields.length) {
                throw new IllegalArgumentException("row: must have " + fields.length + " fields, got " + row.length());
            }
            for (int i = 0; i < fields.length; i++) {
                writeValue(out, fields[i].name(), fields[i].dataType(), row.get(i));
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();

        Path temporary = new Path(target.getParent(), TEMPORARY_PREFIX + target.getName());
        try (OutputStream file = fs.create(temporary, true)) {
            bytes.writeTo(file);
        }
        fs.delete(target, false);
        if (!fs.rename(temporary, target)) {
            throw new IOException("could not rename " + temporary + " to " + target);
        }
    }

    /**
     * The rows of the chunk {@code file}, each a {@link Row} with {@code schema} (so
     * {@code fieldIndex} works), arrays as Scala sequences (as in the rows Spark reads, so
     * {@code getList} works).
     *
     * @throws Unreadable when the file is not a complete chunk of {@code schema}
     */
    public static List<Row> read(FileSystem fs, Path file, StructType schema) throws IOException {
        byte[] bytes;
        try (InputStream in = fs.open(file)) {
            bytes = in.readAllBytes();
        }
        int body = bytes.length - Long.BYTES;
        if (body < MAGIC.length + Integer.BYTES
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new Unreadable(file, "no DGMOE-ROWS header");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        if (crc.getValue() != ByteBuffer.wrap(bytes, body, Long.BYTES).getLong()) {
            throw new Unreadable(file, "checksum mismatch (truncated or damaged)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, body - MAGIC.length));
            int version = in.readInt();
            if (version != VERSION) {
                throw new Unreadable(file, "format version " + version + ", this dgmoe reads " + VERSION);
            }
            if (!readString(in).equals(schema.json())) {
                throw new Unreadable(file, "written with another fits schema");
            }
            int count = in.readInt();
            StructField[] fields = schema.fields();
            List<Row> rows = new ArrayList<>(Math.max(0, Math.min(count, 1 << 20)));
            for (int r = 0; r < count; r++) {
                Object[] values = new Object[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    values[i] = readValue(in, fields[i].dataType());
                }
                rows.add(new GenericRowWithSchema(values, schema));
            }
            if (in.available() != 0) {
                throw new Unreadable(file, in.available() + " bytes after the last row");
            }
            return rows;
        } catch (Unreadable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Unreadable(file, e.toString());
        }
    }

    private static void writeValue(DataOutputStream out, String column, DataType type, Object value)
            throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        try {
            if (type.equals(DataTypes.StringType)) {
                writeString(out, (String) value);
            } else if (type.equals(DataTypes.IntegerType)) {
                out.writeInt((Integer) value);
            } else if (type.equals(DataTypes.LongType)) {
                out.writeLong((Long) value);
            } else if (type.equals(DataTypes.DoubleType)) {
                out.writeLong(Double.doubleToRawLongBits((Double) value));
            } else if (type.equals(DataTypes.BooleanType)) {
                out.writeBoolean((Boolean) value);
            } else if (type instanceof ArrayType array) {
                List<?> list = value instanceof scala.collection.Seq<?> seq
                        ? scala.jdk.javaapi.CollectionConverters.asJava(seq) : (List<?>) value;
                out.writeInt(list.size());
                for (Object element : list) {
                    writeValue(out, column, array.elementType(), element);
                }
            } else {
                throw new IllegalArgumentException("column " + column + ": type " + type.simpleString()
                        + " is not supported in staged chunks");
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("column " + column + ": a " + value.getClass().getName()
                    + " is not a " + type.simpleString(), e);
        }
    }

    private static Object readValue(DataInputStream in, DataType type) throws IOException {
        byte presence = in.readByte();
        if (presence == 0) {
            return null;
        }
        if (presence != 1) {
            throw new IOException("bad presence byte " + presence);
        }
        if (type.equals(DataTypes.StringType)) {
            return readString(in);
        } else if (type.equals(DataTypes.IntegerType)) {
            return in.readInt();
        } else if (type.equals(DataTypes.LongType)) {
            return in.readLong();
        } else if (type.equals(DataTypes.DoubleType)) {
            return Double.longBitsToDouble(in.readLong());
        } else if (type.equals(DataTypes.BooleanType)) {
            return in.readBoolean();
        } else if (type instanceof ArrayType array) {
            int size = in.readInt();
            if (size < 0 || size > in.available()) {
                throw new IOException("bad array length " + size);
            }
            Object[] elements = new Object[size];
            for (int i = 0; i < size; i++) {
                elements[i] = readValue(in, array.elementType());
            }
            return scala.collection.immutable.ArraySeq.unsafeWrapArray(elements);
        }
        throw new IOException("type " + type.simpleString() + " is not supported in staged chunks");
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad string length " + length);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
