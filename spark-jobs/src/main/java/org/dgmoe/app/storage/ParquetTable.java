package org.dgmoe.app.storage;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a table ({@code fits/}, {@code curves/}, {@code rates/}) as one Parquet file from the
 * driver with parquet-hadoop (which Spark ships), in the layout Spark itself writes: strings as
 * UTF-8 binary, int32, int64, double, boolean, arrays as the standard three-level LIST group, the
 * Spark schema in the footer ({@code org.apache.spark.sql.parquet.row.metadata}, so Spark reads
 * the exact types and nullability back), Snappy pages. {@code curves/} and {@code rates/} hold at most some
 * 10⁵ rows: writing them needs no Spark job, and so no query planning, code generation or task;
 * {@code fits/} is written part by part on the executors with the same writer ({@link FitParts}).
 */
public final class ParquetTable {
    /** The footer key under which Spark stores (and looks for) the table's Spark schema. */
    public static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    public static final String FILE = "part-00000.snappy.parquet";

    private ParquetTable() {
    }

    /**
     * Writes {@code rows} (not modified; arrays as {@code java.util.List} or Scala sequences) into
     * the new directory {@code table} as {@value #FILE}.
     *
     * @throws IllegalArgumentException when a value does not fit its column's type (a bug, not data)
     */
    public static void write(Configuration conf, Path table, StructType schema, List<Row> rows) throws IOException {
        writeFile(conf, new Path(table, FILE), schema, rows);
    }

    /**
     * Writes {@code rows} as the new Parquet file {@code file} (a part of a table: {@link FitParts}).
     *
     * @throws IllegalArgumentException when a value does not fit its column's type (a bug, not data)
     */
    public static void writeFile(Configuration conf, Path file, StructType schema, List<Row> rows) throws IOException {
        try (ParquetWriter<Row> writer = new Builder(file, schema).withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE).withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            for (Row row : rows) {
                writer.write(row);
            }
        }
    }

    /** The Parquet schema Spark writes for {@code schema} (non-legacy format). */
    public static MessageType messageType(StructType schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (StructField f : schema.fields()) {
            message.addField(type(f.name(), f.dataType(), f.nullable()));
        }
        return message.named("spark_schema");
    }

    private static Type type(String name, DataType type, boolean nullable) {
        Type.Repetition repetition = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        if (type.equals(DataTypes.StringType)) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
                    .named(name);
        } else if (type.equals(DataTypes.IntegerType)) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
        } else if (type.equals(DataTypes.LongType)) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
        } else if (type.equals(DataTypes.DoubleType)) {
            return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
        } else if (type.equals(DataTypes.BooleanType)) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
        } else if (type instanceof ArrayType array) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(type("element", array.elementType(), array.containsNull())).named("list"))
                    .named(name);
        }
        throw new IllegalArgumentException("column " + name + ": type " + type.simpleString()
                + " is not supported by ParquetTable");
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final StructType schema;

        Builder(Path file, StructType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }

    /** Writes each row's fields in schema order; a null field is simply not written. */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final StructType schema;
        private RecordConsumer consumer;

        RowWriteSupport(StructType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            Map<String, String> footer = new HashMap<>();
            footer.put(SPARK_SCHEMA_KEY, schema.json());
            return new WriteContext(messageType(schema), footer);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Row row) {
            StructField[] fields = schema.fields();
            consumer.startMessage();
            for (int i = 0; i < fields.length; i++) {
                Object value = row.get(i);
                if (value != null) {
                    consumer.startField(fields[i].name(), i);
                    value(fields[i].name(), fields[i].dataType(), value);
                    consumer.endField(fields[i].name(), i);
                } else if (!fields[i].nullable()) {
                    throw new IllegalArgumentException("column " + fields[i].name() + ": null in a non-nullable column");
                }
            }
            consumer.endMessage();
        }

        private void value(String column, DataType type, Object value) {
            try {
                if (type.equals(DataTypes.StringType)) {
                    consumer.addBinary(Binary.fromString((String) value));
                } else if (type.equals(DataTypes.IntegerType)) {
                    consumer.addInteger((Integer) value);
                } else if (type.equals(DataTypes.LongType)) {
                    consumer.addLong((Long) value);
                } else if (type.equals(DataTypes.DoubleType)) {
                    consumer.addDouble((Double) value);
                } else if (type.equals(DataTypes.BooleanType)) {
                    consumer.addBoolean((Boolean) value);
                } else if (type instanceof ArrayType array) {
                    List<?> list = value instanceof scala.collection.Seq<?> seq
                            ? scala.jdk.javaapi.CollectionConverters.asJava(seq) : (List<?>) value;
                    consumer.startGroup();
                    if (!list.isEmpty()) {
                        consumer.startField("list", 0);
                        for (Object element : list) {
                            consumer.startGroup();
                            if (element != null) {
                                consumer.startField("element", 0);
                                value(column, array.elementType(), element);
                                consumer.endField("element", 0);
                            }
                            consumer.endGroup();
                        }
                        consumer.endField("list", 0);
                    }
                    consumer.endGroup();
                } else {
                    throw new IllegalArgumentException("column " + column + ": type " + type.simpleString()
                            + " is not supported by ParquetTable");
                }
            } catch (ClassCastException e) {
                throw new IllegalArgumentException("column " + column + ": a " + value.getClass().getName()
                        + " is not a " + type.simpleString(), e);
            }
        }
    }
}
