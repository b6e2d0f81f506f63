package org.dgmoe.app.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.field.Column;
import org.dgmoe.core.field.Values;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.FitDiagnostics;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.StartDifference;
import org.dgmoe.core.summary.StudyMetrics;
import org.dgmoe.core.summary.TaskId;
import org.dgmoe.core.uncertainty.IntervalMethod;
import org.dgmoe.core.uncertainty.MatchedIntervals;

/**
 * The codec of {@code fits/}: its schema and the conversion between a {@link FitRow} and a row of it,
 * derived from the fields the row's parts declare ({@link FieldColumns}). Columns: {@link FitRow#LEADING}
 * (the task's identity, how the fit ended, the task's and the fit's wall times, the fitted parameters),
 * one column per metric of the study ({@link StudyMetrics#columns}; null where the row's setting has no
 * such metric), the cell sizes |A_j| ({@link StudyMetrics#sizeColumns}), {@link FitRow#TRAILING} (the
 * order of the Wasserstein loss, the convergence diagnostics of docs/convergence.md, the near-degeneracy
 * diagnostics, the start-sensitivity check, the optimality certificate), then the study's varied-value
 * columns ({@link StudyMetrics#variedColumns}: nullable doubles, null where the row's setting does not
 * vary the key). A study with an {@code intervals} block has, before the varied columns, per method its
 * intervals matched to the truth ({@link MatchedIntervals#column}: {@code wald_lower}, {@code wald_upper} as
 * arrays of doubles, {@code wald_notes} as an array of strings); a study without one has no such column. The staged chunk files carry this schema's JSON, so any change to names, order, types
 * or nullability makes every staged chunk of an interrupted run unreadable. Serializable: executors
 * build rows with it.
 */
public final class FitsTable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The table's folder in a sweep's output directory. */
    public static final String FOLDER = "fits";

    private final List<String> metrics;
    private final List<String> sizes;
    private final List<String> varied;
    private final List<IntervalMethod> methods;
    private final StructType schema;

    public FitsTable(Study study) {
        this.metrics = StudyMetrics.columns(study);
        this.sizes = StudyMetrics.sizeColumns(study);
        this.varied = StudyMetrics.variedColumns(study);
        this.methods = study.intervals() == null ? List.of() : study.intervals().methods();
        List<StructField> fields = new ArrayList<>();
        FitRow.LEADING.forEach(c -> fields.add(FieldColumns.structField(c.field())));
        for (String m : metrics) {
            fields.add(DataTypes.createStructField(m, DataTypes.DoubleType, true));
        }
        for (String s : sizes) {
            fields.add(DataTypes.createStructField(s, DataTypes.IntegerType, true));
        }
        FitRow.TRAILING.forEach(c -> fields.add(FieldColumns.structField(c.field())));
        DataType doubles = DataTypes.createArrayType(DataTypes.DoubleType, false);
        for (IntervalMethod m : methods) {
            fields.add(DataTypes.createStructField(MatchedIntervals.column(m, MatchedIntervals.LOWER), doubles, false));
            fields.add(DataTypes.createStructField(MatchedIntervals.column(m, MatchedIntervals.UPPER), doubles, false));
            fields.add(DataTypes.createStructField(MatchedIntervals.column(m, MatchedIntervals.NOTES),
                    DataTypes.createArrayType(DataTypes.StringType, false), false));
        }
        fields.addAll(Columns.variedFields(varied));
        this.schema = DataTypes.createStructType(fields);
    }

    /** Fits of one setting and n with one status. */
    public record StatusCount(String setting, int n, String status, long count) {
    }

    /** The fits of a {@code fits/} table read by Spark, counted by (setting, n, status), in no particular order. */
    public static List<StatusCount> statusCounts(Dataset<Row> fits) {
        String setting = TaskId.SETTING.column();
        String n = TaskId.N.column();
        String status = FitDiagnostics.STATUS.column();
        List<StatusCount> out = new ArrayList<>();
        for (Row r : fits.groupBy(setting, n, status).count().collectAsList()) {
            out.add(new StatusCount(Columns.string(r, setting), Columns.integer(r, n), Columns.string(r, status),
                    Columns.longValue(r, "count")));
        }
        return out;
    }

    /** The varied-value columns of the study, in schema order. */
    public List<String> variedColumns() {
        return varied;
    }

    public StructType schema() {
        return schema;
    }

    /** The label written to {@code status}: the lower-case enum name ({@code converged}, ...). */
    public static String statusLabel(FitStatus status) {
        return FieldColumns.label(status);
    }

    /** The status written as {@code label}. */
    public static FitStatus status(String label) {
        return FitStatus.valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The row of {@code fit}, with this table's schema. */
    public Row toRow(FitRow fit) {
        Object[] cells = new Object[schema.size()];
        int c = 0;
        for (Column<FitRow> column : FitRow.LEADING) {
            cells[c++] = FieldColumns.cell(column.field(), column.get(fit));
        }
        for (String m : metrics) {
            cells[c++] = fit.losses().metrics().get(m);
        }
        for (String s : sizes) {
            cells[c++] = fit.losses().cellSizes().get(s);
        }
        for (Column<FitRow> column : FitRow.TRAILING) {
            cells[c++] = FieldColumns.cell(column.field(), column.get(fit));
        }
        if (fit.intervals().size() != methods.size()) {
            throw new IllegalArgumentException("fit: " + fit.task() + " has " + fit.intervals().size()
                    + " methods' intervals, the study asks for " + methods);
        }
        for (MatchedIntervals m : fit.intervals()) {
            cells[c++] = Columns.boxed(m.lower());
            cells[c++] = Columns.boxed(m.upper());
            cells[c++] = List.of(m.notes());
        }
        for (String v : varied) {
            cells[c++] = fit.varied().get(v);
        }
        return new GenericRowWithSchema(cells, schema);
    }

    /** The task's key columns (setting, n, replicate), then {@code columns} of this table: a projection. */
    public StructType projection(List<String> columns) {
        List<StructField> fields = new ArrayList<>();
        for (String c : keyColumns()) {
            fields.add(schema.apply(c));
        }
        for (String c : columns) {
            fields.add(schema.apply(c));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * The projection a summary's flags pass reads ({@link #projection}): status, start check, spurious and the
     * cell sizes {@code cell1_size} .. {@code cell{K}_size}, K the study's largest k*.
     */
    public StructType flagsProjection() {
        List<String> columns = new ArrayList<>(List.of(FitDiagnostics.STATUS.column(),
                StartDifference.CHECKED.column(), StartDifference.DIFFERENT.column(),
                NearDegeneracy.SPURIOUS_FIELD.column()));
        columns.addAll(cellColumns());
        return projection(columns);
    }

    /** The projection of a pass over one method's intervals: its lower and upper ends and its notes. */
    public StructType intervalsProjection(IntervalMethod method) {
        return projection(List.of(MatchedIntervals.column(method, MatchedIntervals.LOWER),
                MatchedIntervals.column(method, MatchedIntervals.UPPER),
                MatchedIntervals.column(method, MatchedIntervals.NOTES)));
    }

    /** The cell size columns of the true atoms 1, 2, … (not cell 0), in order. */
    private List<String> cellColumns() {
        List<String> out = new ArrayList<>();
        for (int j = 1; sizes.contains(Metrics.cellSize(j)); j++) {
            out.add(Metrics.cellSize(j));
        }
        return out;
    }

    /** The setting, n and replicate columns. */
    private static List<String> keyColumns() {
        return List.of(TaskId.SETTING.column(), TaskId.N.column(), TaskId.REPLICATE.column());
    }

    /** A row of a projection ({@link #projection}): its setting. */
    public static String setting(Row r) {
        return r.getString(0);
    }

    /** Its n. */
    public static int n(Row r) {
        return r.getInt(1);
    }

    /** Its replicate. */
    public static int replicate(Row r) {
        return r.getInt(2);
    }

    /** A row of {@link #flagsProjection}: its status. */
    public static FitStatus status(Row r) {
        return status(r.getString(3));
    }

    /** Whether its task was start-checked (as {@link FitRow#startChecked}). */
    public static boolean startChecked(Row r) {
        return r.getBoolean(4);
    }

    /** Whether its start check found a different maximum (as {@link FitRow#startDiffered}). */
    public static boolean startDiffered(Row r) {
        return r.getBoolean(4) && !r.isNullAt(5) && r.getBoolean(5);
    }

    /** Whether the fit is spurious. */
    public static boolean spurious(Row r) {
        return r.getBoolean(6);
    }

    /** Fills {@code out[j − 1]} with true atom j's cell size, or {@code missing} where the row holds null. */
    public static void cellSizes(Row r, int[] out, int missing) {
        for (int j = 0; j < out.length; j++) {
            out[j] = j + 7 < r.size() && !r.isNullAt(j + 7) ? r.getInt(j + 7) : missing;
        }
    }

    /** A row of {@link #projection} over metric columns: their values, in order, into {@code out} (NaN for null). */
    public static void metrics(Row r, double[] out) {
        for (int m = 0; m < out.length; m++) {
            out[m] = r.isNullAt(3 + m) ? Double.NaN : r.getDouble(3 + m);
        }
    }

    /** A row of {@link #intervalsProjection}: the method's intervals (as {@link #fromRow} reads them). */
    public static MatchedIntervals intervals(Row r, IntervalMethod method) {
        List<?> notes = Columns.list(r.get(5));
        return new MatchedIntervals(method, Columns.doubles(r.get(3)), Columns.doubles(r.get(4)),
                notes.stream().map(String.class::cast).toArray(String[]::new));
    }

    /**
     * The fit of a row of this table (a row with a schema: read by Spark, from a chunk file, or {@link #toRow}).
     * A row of an older table without {@code certificate_passes} (or null there) reads as −1, unknown.
     */
    public FitRow fromRow(Row r) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String m : metrics) {
            if (!Columns.isNull(r, m)) {
                values.put(m, Columns.number(r, m));
            }
        }
        Map<String, Integer> cellSizes = new LinkedHashMap<>();
        for (String s : sizes) {
            if (!Columns.isNull(r, s)) {
                cellSizes.put(s, Columns.integer(r, s));
            }
        }
        List<MatchedIntervals> intervals = new ArrayList<>();
        for (IntervalMethod m : methods) {
            List<?> notes = Columns.list(Columns.value(r, MatchedIntervals.column(m, MatchedIntervals.NOTES)));
            intervals.add(new MatchedIntervals(m, Columns.doubles(Columns.value(r, MatchedIntervals.column(m,
                    MatchedIntervals.LOWER))), Columns.doubles(Columns.value(r, MatchedIntervals.column(m,
                    MatchedIntervals.UPPER))), notes.stream().map(String.class::cast).toArray(String[]::new)));
        }
        Values fields = FieldColumns.values(r);
        return FitRow.read(fields, values, cellSizes, Columns.variedValues(r, varied), intervals);
    }
}
