package org.dgmoe.app.table;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.summary.RateRow;

/**
 * The codec of {@code rates/}: one row per (setting, metric, layout), a {@link RateRow}; {@code theory}
 * is null when unknown (NaN in the record), {@code verdict} the {@link Verdict#label()}. Tables of
 * sweeps that predate the guardrails' {@code flag} are read with flag ""; tables (and history files)
 * that predate layouts and reasons are read as rates over all fits ({@code layout} = {@code all})
 * without a reason; tables (and history files) that predate verdicts by direction hold
 * {@code disagrees}, read as {@code faster-than-theory} or
 * {@code slower-than-theory} from the row's interval and theory
 * ({@link Verdict#ofLabel(String, double, double, double)}: exact). A study with varied settings
 * appends its varied-value columns ({@link #schema(List)}: nullable doubles, null where a setting does
 * not vary the key); a reader takes every such column of the table it reads. The rate history keeps
 * {@link #FIELDS} only: its runs are of different studies, and a point's name carries its values.
 */
public final class RatesTable {
    /** The table's folder in a sweep's output directory. */
    public static final String FOLDER = "rates";

    public static final String SETTING = "setting";
    public static final String METRIC = "metric";
    public static final String SLOPE = "slope";
    public static final String INTERCEPT = "intercept";
    public static final String CI_LOW = "ci_low";
    public static final String CI_HIGH = "ci_high";
    public static final String THEORY = "theory";
    public static final String VERDICT = "verdict";
    public static final String FLAG = "flag";
    public static final String LAYOUT = "layout";
    public static final String REASON = "reason";

    /** The columns, also those of every rate in the history ({@link HistoryTable}). */
    static final List<StructField> FIELDS = List.of(
            DataTypes.createStructField(SETTING, DataTypes.StringType, false),
            DataTypes.createStructField(METRIC, DataTypes.StringType, false),
            DataTypes.createStructField(SLOPE, DataTypes.DoubleType, false),
            DataTypes.createStructField(INTERCEPT, DataTypes.DoubleType, false),
            DataTypes.createStructField(CI_LOW, DataTypes.DoubleType, false),
            DataTypes.createStructField(CI_HIGH, DataTypes.DoubleType, false),
            DataTypes.createStructField(THEORY, DataTypes.DoubleType, true),
            DataTypes.createStructField(VERDICT, DataTypes.StringType, false),
            DataTypes.createStructField(FLAG, DataTypes.StringType, false));

    /**
     * The columns of {@code rates/}: {@link #FIELDS}, then {@code layout} ({@link RateRow#layout()}:
     * {@code all}, or the cell sizes of the fits a rate by layout is about) and {@code reason}
     * ({@link RateRow#reason()}: why a verdict is {@code inconclusive}, else ""). The history keeps
     * {@link #FIELDS} and the rates over all fits only.
     */
    static final List<StructField> TABLE_FIELDS = tableFields();

    public static final StructType SCHEMA = DataTypes.createStructType(TABLE_FIELDS);

    /** The columns every rates table has ({@code flag}, {@code layout} and {@code reason} came later). */
    public static final List<String> REQUIRED = List.of(SETTING, METRIC, SLOPE, INTERCEPT, CI_LOW, CI_HIGH, THEORY,
            VERDICT);

    private RatesTable() {
    }

    private static List<StructField> tableFields() {
        List<StructField> fields = new java.util.ArrayList<>(FIELDS);
        fields.add(DataTypes.createStructField(LAYOUT, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, false));
        return List.copyOf(fields);
    }

    /** The schema of a study whose varied-value columns are {@code varied} ({@link #SCHEMA} when none). */
    public static StructType schema(List<String> varied) {
        if (varied.isEmpty()) {
            return SCHEMA;
        }
        List<StructField> fields = new java.util.ArrayList<>(TABLE_FIELDS);
        fields.addAll(Columns.variedFields(varied));
        return DataTypes.createStructType(fields);
    }

    /** The row of a hand-written setting's rate (or of a rate with the columns of its own varied values). */
    public static Row toRow(RateRow r) {
        return toRow(r, List.copyOf(r.varied().keySet()));
    }

    /** The row of {@code r} with the schema {@link #schema(List) schema(varied)}. */
    public static Row toRow(RateRow r, List<String> varied) {
        Object[] history = values(r);
        Object[] own = java.util.Arrays.copyOf(history, history.length + 2);
        own[history.length] = r.layout();
        own[history.length + 1] = r.reason();
        Object[] cells = java.util.Arrays.copyOf(own, own.length + varied.size());
        for (int i = 0; i < varied.size(); i++) {
            cells[own.length + i] = r.varied().get(varied.get(i));
        }
        return new GenericRowWithSchema(cells, schema(varied));
    }

    /** The cells of a rate in {@link #FIELDS} order (the history's). */
    static Object[] values(RateRow r) {
        return new Object[] {r.setting(), r.metric(), r.slope(), r.intercept(), r.ciLow(), r.ciHigh(),
            Double.isNaN(r.theory()) ? null : r.theory(), r.verdict().label(), r.flag()};
    }

    /** The rate of a row with a schema holding at least {@link #REQUIRED}; extra columns are ignored. */
    public static RateRow fromRow(Row r) {
        double ciLow = Columns.number(r, CI_LOW);
        double ciHigh = Columns.number(r, CI_HIGH);
        double theory = Columns.numberOrNaN(r, THEORY);
        return new RateRow(Columns.string(r, SETTING), Columns.string(r, METRIC), Columns.number(r, SLOPE),
                Columns.number(r, INTERCEPT), ciLow, ciHigh, theory,
                Verdict.ofLabel(Columns.string(r, VERDICT), ciLow, ciHigh, theory), Columns.optionalString(r, FLAG),
                Columns.variedValues(r, Columns.varied(r.schema(), List.of(SCHEMA.fieldNames()))),
                Columns.layout(r, LAYOUT),
                Columns.optionalString(r, REASON));
    }
}
