package org.dgmoe.app.export;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.summary.FittedParameters;

/**
 * One table of a sweep as CSV: every column of the Parquet file, in file order, with the list
 * columns spread out one column per element so R and Python get plain numeric columns. A list of
 * numbers {@code c} becomes {@code p_1 .. p_K}, a list of lists {@code p_1_1 .. p_K_D} (expert k,
 * coordinate j), K and D the largest over the table's rows, empty where a row has fewer; p is the
 * singular of the fits' list columns ({@code weights} → {@code weight}, {@code slopes} →
 * {@code slope}, {@code intercepts} → {@code intercept}, {@code variances} → {@code variance}) and
 * the column's name for any other list column. The rows are read twice (sizes, then values), in
 * file order, streamed to the driver one partition at a time.
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
     * Writes {@code table} as CSV to {@code w}, calling {@code check} on every row first (a codec's
     * {@code fromRow}: a row it refuses is bad input).
     *
     * @param what the table as the user should read it in a message, e.g. {@code --in DIR: fits/}
     * @return the number of rows written
     */
    static long write(Dataset<Row> table, String what, Consumer<Row> check, Writer w) throws IOException {
        StructType schema = table.schema();
        List<Layout> layouts = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            StructField f = schema.fields()[i];
            layouts.add(new Layout(f.name(), i, depth(f, what)));
        }
        // pass 1: the largest K (and D) of every list column
        int[] maxOuter = new int[layouts.size()];
        int[] maxInner = new int[layouts.size()];
        for (Iterator<Row> it = table.toLocalIterator(); it.hasNext();) {
            Row r = it.next();
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
        }
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
        long rows = 0;
        List<String> fields = new ArrayList<>(header.size());
        for (Iterator<Row> it = table.toLocalIterator(); it.hasNext();) {
            Row r = it.next();
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
                throw new IllegalStateException(what + ": row " + rows + " has " + fields.size() + " fields, header "
                        + header.size());
            }
            Csv.writeRecord(w, fields);
            rows++;
        }
        return rows;
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
