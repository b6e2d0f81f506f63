package org.dgmoe.app.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.Dataset;

/**
 * A Parquet data set read with parquet-hadoop (on the classpath with Spark; no Spark session needed): one
 * {@code .parquet} file, or a folder whose {@code *.parquet} files (hidden and {@code _} files skipped) are
 * read in name order, as Spark writes a table. Only the chosen columns are read (a projection); each must
 * be a top-level DOUBLE, FLOAT, INT32 or INT64 column without a logical type other than a plain integer
 * (a DECIMAL's stored integer is not its value), and every value must be present and finite. Rows are
 * numbered from 1 over the files in order.
 */
final class ParquetData {
    private ParquetData() {
    }

    static Dataset read(Path file, DataColumns columns) {
        List<Path> parts = parts(file);
        List<String> wanted = columns.all();
        int m = wanted.size();
        double[][] values = new double[m][1024];
        int n = 0;
        List<String> problems = new ArrayList<>();
        int malformed = 0;
        Configuration conf = new Configuration();
        for (Path part : parts) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(part.toAbsolutePath().toUri()), conf))) {
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                List<Type> fields = new ArrayList<>();
                PrimitiveTypeName[] types = new PrimitiveTypeName[m];
                for (int j = 0; j < m; j++) {
                    String name = wanted.get(j);
                    if (!schema.containsField(name)) {
                        problems.add(part + ": no column '" + name + "' (" + CsvData.option(columns, j) + "); its columns "
                                + "are " + String.join(", ", schema.getFields().stream().map(Type::getName).toList()));
                        continue;
                    }
                    Type t = schema.getType(name);
                    String refusal = refusal(t);
                    if (refusal != null) {
                        problems.add(part + ": column '" + name + "' " + refusal);
                        continue;
                    }
                    types[j] = t.asPrimitiveType().getPrimitiveTypeName();
                    fields.add(t);
                }
                if (!problems.isEmpty()) {
                    throw new InputException(problems);
                }
                MessageType projection = new MessageType(schema.getName(), fields);
                reader.setRequestedSchema(projection);
                MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection);
                PageReadStore pages;
                while ((pages = reader.readNextRowGroup()) != null) {
                    long rows = pages.getRowCount();
                    RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(projection));
                    for (long i = 0; i < rows; i++) {
                        Group g = records.read();
                        if (n == values[0].length) {
                            for (int j = 0; j < m; j++) {
                                values[j] = Arrays.copyOf(values[j], 2 * n);
                            }
                        }
                        String problem = null;
                        for (int j = 0; j < m && problem == null; j++) {
                            String name = wanted.get(j);
                            if (g.getFieldRepetitionCount(name) == 0) {
                                problem = "column '" + name + "' is null";
                                break;
                            }
                            double v = switch (types[j]) {
                                case DOUBLE -> g.getDouble(name, 0);
                                case FLOAT -> g.getFloat(name, 0);
                                case INT32 -> g.getInteger(name, 0);
                                case INT64 -> g.getLong(name, 0);
                                default -> throw new IllegalStateException("refused above: " + types[j]);
                            };
                            if (!Double.isFinite(v)) {
                                problem = "column '" + name + "' must be a finite number, got " + v;
                                break;
                            }
                            values[j][n] = v;
                        }
                        if (problem != null) {
                            if (++malformed <= CsvData.MAX_LISTED) {
                                problems.add(part + ": row " + (n + malformed) + ": " + problem);
                            }
                        } else {
                            n++;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof InputException ie) {
                    throw ie;
                }
                throw new InputException(part + ": cannot read as Parquet: " + e.getMessage());
            }
        }
        if (malformed > CsvData.MAX_LISTED) {
            problems.add(file + ": ... and " + (malformed - CsvData.MAX_LISTED) + " more malformed rows");
        }
        if (problems.isEmpty() && n == 0) {
            problems.add(file + ": no data rows");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return DataFile.dataset(values, n);
    }

    /** Why a column cannot be read as numbers, or null. */
    private static String refusal(Type t) {
        if (!t.isPrimitive()) {
            return "is a group (nested) column; it must be a number column";
        }
        if (t.isRepetition(Type.Repetition.REPEATED)) {
            return "is a list; it must hold one number per row";
        }
        PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
        boolean numeric = p == PrimitiveTypeName.DOUBLE || p == PrimitiveTypeName.FLOAT || p == PrimitiveTypeName.INT32
                || p == PrimitiveTypeName.INT64;
        if (!numeric) {
            return "has type " + p + "; it must be DOUBLE, FLOAT, INT32 or INT64";
        }
        var logical = t.getLogicalTypeAnnotation();
        if (logical != null && !(logical instanceof org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation)) {
            return "has logical type " + logical + "; it must be a plain number";
        }
        return null;
    }

    private static List<Path> parts(Path file) {
        if (!Files.isDirectory(file)) {
            return List.of(file);
        }
        try (Stream<Path> s = Files.list(file)) {
            List<Path> parts = s.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_") && Files.isRegularFile(p);
            }).sorted().toList();
            if (parts.isEmpty()) {
                throw new InputException(file + ": a folder without .parquet files (a data file is a CSV file, a "
                        + ".parquet file or a folder of Parquet part files)");
            }
            return parts;
        } catch (IOException e) {
            throw new InputException(file + ": cannot list: " + e.getMessage());
        }
    }
}
