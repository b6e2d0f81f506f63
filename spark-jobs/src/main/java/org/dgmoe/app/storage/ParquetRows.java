package org.dgmoe.app.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a Parquet file of the layout {@link ParquetTable} writes back on the driver with parquet-hadoop, one
 * row at a time and without Spark (no job, no task: issue 26, where reading the staged fits back through
 * Spark's {@code toLocalIterator} ran one job per part). Rows come as Spark does them for the same file
 * ({@link GenericRowWithSchema}: String, Integer, Long, Double, Boolean, arrays as {@code java.util.List},
 * null for a null value or element), so a table's codec ({@code FitsTable.fromRow}) decodes them unchanged.
 * Only the columns asked for are read (a projection: the other column chunks are not even decompressed), and
 * the reader holds one row group at a time.
 */
public final class ParquetRows {
    private ParquetRows() {
    }

    /**
     * Passes each row of {@code file} to {@code action}, in file order, with the fields of {@code columns} (a
     * subset of the file's Spark schema, same names, types and nullability, in any order).
     *
     * @throws IOException when the file cannot be read or does not hold these columns
     */
    public static void forEach(Configuration conf, Path file, StructType columns, Consumer<Row> action)
            throws IOException {
        try (ParquetReader<Row> reader = new RowReaderBuilder(file, conf, new RowReadSupport(columns)).build()) {
            for (Row row = reader.read(); row != null; row = reader.read()) {
                action.accept(row);
            }
        } catch (RuntimeException e) {
            // parquet-column reports a schema mismatch or a damaged page unchecked
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A reader builder given the configuration up front. {@code ParquetReader.builder(support, path)} first
     * builds its read options from a {@code new Configuration()}, which parses Hadoop's default XML resources
     * (searching Spark's 200-odd jars for them) before {@code withConf} replaces it: at 2 000 parts a pass, that
     * parse was a fifth of a sweep's assembly (issue 26, docs/performance.md). Here the options come from the
     * caller's already loaded configuration.
     */
    private static final class RowReaderBuilder extends ParquetReader.Builder<Row> {
        private final RowReadSupport support;

        RowReaderBuilder(Path file, Configuration conf, RowReadSupport support) throws IOException {
            super(HadoopInputFile.fromPath(file, conf), new HadoopParquetConfiguration(conf));
            this.support = support;
        }

        @Override
        protected ReadSupport<Row> getReadSupport() {
            return support;
        }
    }

    /** Asks the file for the projection {@code columns}, in the Parquet layout {@link ParquetTable} writes. */
    private static final class RowReadSupport extends ReadSupport<Row> {
        private final StructType columns;

        RowReadSupport(StructType columns) {
            this.columns = columns;
        }

        @Override
        public ReadContext init(InitContext context) {
            MessageType requested = ParquetTable.messageType(columns);
            // parquet-column would read a column the file lacks as all null: a wrong file must fail instead
            context.getFileSchema().checkContains(requested);
            return new ReadContext(requested);
        }

        @Override
        public RecordMaterializer<Row> prepareForRead(Configuration conf, Map<String, String> footer,
                MessageType fileSchema, ReadContext context) {
            return new RowMaterializer(columns);
        }
    }

    private static final class RowMaterializer extends RecordMaterializer<Row> {
        private final RowConverter root;

        RowMaterializer(StructType columns) {
            this.root = new RowConverter(columns);
        }

        @Override
        public Row getCurrentRecord() {
            return new GenericRowWithSchema(root.cells, root.schema);
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    /** The message: one cell per column, left null when the column's value is absent. */
    private static final class RowConverter extends GroupConverter {
        private final StructType schema;
        private final Converter[] fields;
        private Object[] cells;

        RowConverter(StructType schema) {
            this.schema = schema;
            StructField[] f = schema.fields();
            this.fields = new Converter[f.length];
            for (int i = 0; i < f.length; i++) {
                int cell = i;
                fields[i] = converter(f[i].name(), f[i].dataType(), value -> cells[cell] = value);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
            // a new array per row: the previous row was handed out and must not change
            cells = new Object[fields.length];
        }

        @Override
        public void end() {
        }
    }

    private static Converter converter(String column, DataType type, Consumer<Object> sink) {
        if (type instanceof ArrayType array) {
            return new ListConverter(column, array, sink);
        }
        if (type.equals(DataTypes.StringType)) {
            return new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    sink.accept(value.toStringUsingUTF8());
                }
            };
        } else if (type.equals(DataTypes.IntegerType)) {
            return new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    sink.accept(value);
                }
            };
        } else if (type.equals(DataTypes.LongType)) {
            return new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    sink.accept(value);
                }
            };
        } else if (type.equals(DataTypes.DoubleType)) {
            return new PrimitiveConverter() {
                @Override
                public void addDouble(double value) {
                    sink.accept(value);
                }
            };
        } else if (type.equals(DataTypes.BooleanType)) {
            return new PrimitiveConverter() {
                @Override
                public void addBoolean(boolean value) {
                    sink.accept(value);
                }
            };
        }
        throw new IllegalArgumentException("column " + column + ": type " + type.simpleString()
                + " is not supported by ParquetRows");
    }

    /**
     * The standard three-level LIST group ({@code <list> { repeated group list { element } }}): an empty group is
     * an empty list, a {@code list} entry without {@code element} a null element.
     */
    private static final class ListConverter extends GroupConverter {
        private final Consumer<Object> sink;
        private final GroupConverter entry;
        private List<Object> values;
        private Object element;

        ListConverter(String column, ArrayType type, Consumer<Object> sink) {
            this.sink = sink;
            Converter elements = converter(column, type.elementType(), value -> element = value);
            this.entry = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return elements;
                }

                @Override
                public void start() {
                    element = null;
                }

                @Override
                public void end() {
                    values.add(element);
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return entry;
        }

        @Override
        public void start() {
            values = new ArrayList<>();
        }

        @Override
        public void end() {
            sink.accept(values);
        }
    }
}
