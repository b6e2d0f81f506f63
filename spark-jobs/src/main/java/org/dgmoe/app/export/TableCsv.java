package org.dgmoe.app.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.storage.FinishedSweep;
import org.dgmoe.app.storage.ParquetRows;
import org.dgmoe.app.storage.ParquetTable;
import org.dgmoe.core.summary.FittedParameters;

/**
 * One table of a sweep as CSV: every column of the Parquet file, in file order, with the list
 * columns spread out one column per element so R and Python get plain numeric columns. A list of
 * numbers {@code c} becomes {@code p_1 .. p_K}, a list of lists {@code p_1_1 .. p_K_D} (expert k,
 * coordinate j), K and D the largest over the table's rows, empty where a row has fewer; p is the
 * singular of the fits' list columns ({@code weights} → {@code weight}, {@code slopes} →
 * {@code slope}, {@code intercepts} → {@code intercept}, {@code variances} → {@code variance}) and
 * the column's name for any other list column. The rows are read twice (sizes, then values), streamed
 * from the table's Parquet files ({@link Source}) one row at a time, so the driver never holds the table
 * (issue 26).
 */
final class TableCsv {
    /** The element prefix of the list columns of {@code fits/}. */
    static final Map<String, String> PREFIXES = Map.of(FittedParameters.WEIGHTS.column(), "weight",
            FittedParameters.SLOPES.column(), "slope", FittedParameters.INTERCEPTS.column(), "intercept",
            FittedParameters.VARIANCES.column(), "variance");

    /** How one Parquet column is laid out: a scalar, a list (depth 1) or a list of lists (depth 2). */
    private record Layout(String name, int index, int depth) {
        String prefix() {
            return PREFIXES.getOrDefault(name, name);
        }
    }

    private TableCsv() {
    }

    /**
     * The rows of a table folder: its data files (the names Spark reads: not starting with {@code _} or
     * {@code .}) in the order Spark's file scan reads them, the largest file first (Spark sorts its file
     * splits by length, descending, with a stable sort: files of equal length in the order the file system
     * lists them, here too), each file's rows in file order, read with {@link ParquetRows} (no Spark job)
     * with the Spark schema every file's footer holds ({@link ParquetTable#SPARK_SCHEMA_KEY}: dgmoe's
     * writer and Spark's both write it). So the export's bytes are those of a read through Spark, as
     * earlier exports did it, for files below Spark's split size (128 MB; Spark would interleave the splits
     * of larger files, this order keeps each file whole).
     *
     * @param dir    the finished sweep, as the user gave it ({@code --in})
     * @param name   the table's folder in it
     * @param schema the table's Spark schema, the same in every file
     * @param files  the data files, in read order
     */
    record Source(Configuration conf, String dir, String name, StructType schema, List<org.apache.hadoop.fs.Path> files) {
        Source {
            files = List.copyOf(files);
        }

        /**
         * The data files of the table {@code name} of the finished sweep {@code dir}.
         *
         * @throws InputException when it holds no data file, a file that cannot be read as Parquet, a file
         *                        without a Spark schema in its footer, or files of different schemas
         */
        static Source of(Configuration conf, String dir, String name) {
            String what = "--in " + dir + ": " + name + "/";
            org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(dir), name);
            List<FileStatus> data = new ArrayList<>();
            StructType schema = null;
            List<org.apache.hadoop.fs.Path> files = new ArrayList<>();
            try {
                FileSystem fs = table.getFileSystem(conf);
                for (FileStatus s : fs.listStatus(table)) {
                    String file = s.getPath().getName();
                    if (s.isFile() && !file.startsWith("_") && !file.startsWith(".")) {
                        data.add(s);
                    }
                }
                // stable: files of equal length keep the listing's order, as in Spark's sort
                data.sort(Comparator.comparingLong(FileStatus::getLen).reversed());
                for (FileStatus s : data) {
                    String json;
                    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(s, conf))) {
                        json = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(
                                ParquetTable.SPARK_SCHEMA_KEY);
                    }
                    if (json == null) {
                        throw new InputException(what + s.getPath().getName() + " has no Spark schema in its "
                                + "footer (not written by dgmoe or Spark)");
                    }
                    StructType own = (StructType) DataType.fromJson(json);
                    if (schema == null) {
                        schema = own;
                    } else if (!schema.equals(own)) {
                        throw new InputException(what + " holds files of different schemas: " + s.getPath().getName()
                                + " has " + own.simpleString() + ", " + files.get(0).getName() + " "
                                + schema.simpleString());
                    }
                    files.add(s.getPath());
                }
            } catch (InputException e) {
                throw e;
            } catch (IOException | RuntimeException e) { // parquet-hadoop reports a damaged footer unchecked, too
                throw FinishedSweep.unreadable(dir, name, e);
            }
            if (files.isEmpty()) {
                throw new InputException(what + " holds no Parquet file");
            }
            return new Source(conf, dir, name, schema, files);
        }

        /**
         * Passes every row to {@code action}, file by file; what {@code action} throws is thrown unchanged.
         *
         * @throws InputException when a file cannot be read
         */
        void forEach(Consumer<Row> action) {
            RuntimeException[] thrown = new RuntimeException[1];
            for (org.apache.hadoop.fs.Path file : files) {
                try {
                    ParquetRows.forEach(conf, file, schema, r -> {
                        try {
                            action.accept(r);
                        } catch (RuntimeException e) {
                            thrown[0] = e;
                            throw e;
                        }
                    });
                } catch (IOException e) {
                    // ParquetRows wraps what the action throws, too: the action's own exception is the error
                    if (thrown[0] != null) {
                        throw thrown[0];
                    }
                    throw FinishedSweep.unreadable(dir, name, e);
                }
            }
        }
    }

    /**
     * Writes {@code table} as CSV to {@code w}, calling {@code check} on every row first (a codec's
     * {@code fromRow}: a row it refuses is bad input).
     *
     * @param what the table as the user should read it in a message, e.g. {@code --in DIR: fits/}
     * @return the number of rows written
     */
    static long write(Source table, String what, Consumer<Row> check, Writer w) throws IOException {
        StructType schema = table.schema();
        List<Layout> layouts = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            StructField f = schema.fields()[i];
            layouts.add(new Layout(f.name(), i, depth(f, what)));
        }
        // pass 1: the largest K (and D) of every list column
        int[] maxOuter = new int[layouts.size()];
        int[] maxInner = new int[layouts.size()];
        table.forEach(r -> {
            check.accept(r);
            for (Layout l : layouts) {
                if (l.depth() == 0 || r.isNullAt(l.index())) {
                    continue;
                }
                List<?> outer = list(r.get(l.index()));
                maxOuter[l.index()] = Math.max(maxOuter[l.index()], outer.size());
                if (l.depth() == 2) {
                    for (Object inner : outer) {
                        maxInner[l.index()] = Math.max(maxInner[l.index()], inner == null ? 0 : list(inner).size());
                    }
                }
            }
        });
        List<String> header = new ArrayList<>();
        for (Layout l : layouts) {
            int i = l.index();
            if (l.depth() == 0) {
                header.add(l.name());
            }
            for (int k = 1; l.depth() > 0 && k <= maxOuter[i]; k++) {
                if (l.depth() == 1) {
                    header.add(l.prefix() + "_" + k);
                }
                for (int j = 1; l.depth() == 2 && j <= maxInner[i]; j++) {
                    header.add(l.prefix() + "_" + k + "_" + j);
                }
            }
        }
        Csv.writeRecord(w, header);
        // pass 2: the values
        long[] rows = {0};
        List<String> fields = new ArrayList<>(header.size());
        try {
            table.forEach(r -> {
                fields.clear();
                for (Layout l : layouts) {
                    int i = l.index();
                    Object v = r.get(i);
                    if (l.depth() == 0) {
                        fields.add(Csv.cell(v));
                        continue;
                    }
                    List<?> outer = v == null ? List.of() : list(v);
                    for (int k = 0; k < maxOuter[i]; k++) {
                        Object e = k < outer.size() ? outer.get(k) : null;
                        if (l.depth() == 1) {
                            fields.add(Csv.cell(e));
                            continue;
                        }
                        List<?> inner = e == null ? List.of() : list(e);
                        for (int j = 0; j < maxInner[i]; j++) {
                            fields.add(j < inner.size() ? Csv.cell(inner.get(j)) : null);
                        }
                    }
                }
                if (fields.size() != header.size()) {
                    throw new IllegalStateException(what + ": row " + rows[0] + " has " + fields.size() + " fields, header "
                            + header.size());
                }
                try {
                    Csv.writeRecord(w, fields);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                rows[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // writing the CSV failed: not the table's fault
        }
        return rows[0];
    }

    /** 0 for a scalar column, 1 for a list of scalars, 2 for a list of lists; other types are refused. */
    private static int depth(StructField f, String what) {
        DataType t = f.dataType();
        int depth = 0;
        while (t instanceof ArrayType a) {
            depth++;
            t = a.elementType();
        }
        if (depth > 2 || t instanceof StructType || t instanceof MapType || t instanceof ArrayType) {
            throw new InputException(what + ": column " + f.name() + " has type " + f.dataType().simpleString()
                    + ", which dgmoe export cannot lay out as CSV (scalars, lists and lists of lists only)");
        }
        return depth;
    }

    /** An array cell as a Java list (Spark gives Scala sequences). */
    private static List<?> list(Object array) {
        return array instanceof scala.collection.Seq<?> seq ? scala.jdk.javaapi.CollectionConverters.asJava(seq)
                : (List<?>) array;
    }
}
