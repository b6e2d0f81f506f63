package org.dgmoe.app.table;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.summary.CoverageRow;
import org.dgmoe.core.uncertainty.IntervalMethod;

/**
 * The codec of {@code coverage/}: one row per (setting, n, parameter, method), a {@link CoverageRow}
 * (docs/uncertainty.md, "Coverage"), then the study's varied-value columns. {@code mean_width} is null when no fit
 * had an interval for the parameter.
 */
public final class CoverageTable {
    /** The table's folder in a sweep's output directory. */
    public static final String FOLDER = "coverage";

    public static final String SETTING = "setting";
    public static final String N = "n";
    public static final String PARAMETER = "parameter";
    public static final String METHOD = "method";
    public static final String LEVEL = "level";
    public static final String TRUTH = "truth";
    public static final String REPLICATES = "replicates";
    public static final String COVERED = "covered";
    public static final String COVERAGE = "coverage";
    public static final String CI_LOW = "ci_low";
    public static final String CI_HIGH = "ci_high";
    public static final String BAND_LOW = "band_low";
    public static final String BAND_HIGH = "band_high";
    public static final String MEAN_WIDTH = "mean_width";
    public static final String UNRELIABLE = "unreliable";
    public static final String UNRELIABLE_COVERED = "unreliable_covered";
    public static final String NO_INTERVAL = "no_interval";

    private static final List<StructField> FIELDS = List.of(
            DataTypes.createStructField(SETTING, DataTypes.StringType, false),
            DataTypes.createStructField(N, DataTypes.IntegerType, false),
            DataTypes.createStructField(PARAMETER, DataTypes.StringType, false),
            DataTypes.createStructField(METHOD, DataTypes.StringType, false),
            DataTypes.createStructField(LEVEL, DataTypes.DoubleType, false),
            DataTypes.createStructField(TRUTH, DataTypes.DoubleType, false),
            DataTypes.createStructField(REPLICATES, DataTypes.IntegerType, false),
            DataTypes.createStructField(COVERED, DataTypes.IntegerType, false),
            DataTypes.createStructField(COVERAGE, DataTypes.DoubleType, false),
            DataTypes.createStructField(CI_LOW, DataTypes.DoubleType, false),
            DataTypes.createStructField(CI_HIGH, DataTypes.DoubleType, false),
            DataTypes.createStructField(BAND_LOW, DataTypes.DoubleType, false),
            DataTypes.createStructField(BAND_HIGH, DataTypes.DoubleType, false),
            DataTypes.createStructField(MEAN_WIDTH, DataTypes.DoubleType, true),
            DataTypes.createStructField(UNRELIABLE, DataTypes.IntegerType, false),
            DataTypes.createStructField(UNRELIABLE_COVERED, DataTypes.IntegerType, false),
            DataTypes.createStructField(NO_INTERVAL, DataTypes.IntegerType, false));

    /** The schema of a study without varied columns. */
    public static final StructType SCHEMA = DataTypes.createStructType(FIELDS);

    /** The columns {@link #fromRow} needs. */
    public static final List<String> REQUIRED = List.of(SCHEMA.fieldNames());

    private CoverageTable() {
    }

    /** The schema of a study whose varied-value columns are {@code varied} ({@link #SCHEMA} when none). */
    public static StructType schema(List<String> varied) {
        if (varied.isEmpty()) {
            return SCHEMA;
        }
        List<StructField> fields = new ArrayList<>(FIELDS);
        fields.addAll(Columns.variedFields(varied));
        return DataTypes.createStructType(fields);
    }

    /** The row of {@code c} with the schema {@link #schema(List) schema(varied)}. */
    public static Row toRow(CoverageRow c, List<String> varied) {
        Object[] own = {c.setting(), c.n(), c.parameter(), c.method().configName(), c.level(), c.truth(),
            c.replicates(), c.covered(), c.coverage(), c.ciLow(), c.ciHigh(), c.bandLow(), c.bandHigh(),
            Double.isNaN(c.meanWidth()) ? null : c.meanWidth(), c.unreliable(), c.unreliableCovered(), c.noInterval()};
        Object[] cells = new Object[own.length + varied.size()];
        System.arraycopy(own, 0, cells, 0, own.length);
        for (int i = 0; i < varied.size(); i++) {
            cells[own.length + i] = c.varied().get(varied.get(i));
        }
        return new GenericRowWithSchema(cells, schema(varied));
    }

    /** The coverage row of a row with a schema holding at least {@link #REQUIRED}; extra columns are ignored. */
    public static CoverageRow fromRow(Row r) {
        return new CoverageRow(Columns.string(r, SETTING), Columns.integer(r, N), Columns.string(r, PARAMETER),
                ConfigNamed.fromConfigName(IntervalMethod.class, METHOD, Columns.string(r, METHOD)),
                Columns.number(r, LEVEL), Columns.number(r, TRUTH), Columns.integer(r, REPLICATES),
                Columns.integer(r, COVERED), Columns.number(r, COVERAGE), Columns.number(r, CI_LOW),
                Columns.number(r, CI_HIGH), Columns.number(r, BAND_LOW), Columns.number(r, BAND_HIGH),
                Columns.numberOrNaN(r, MEAN_WIDTH), Columns.integer(r, UNRELIABLE),
                Columns.integer(r, UNRELIABLE_COVERED), Columns.integer(r, NO_INTERVAL),
                Columns.variedValues(r, Columns.varied(r.schema(), REQUIRED)));
    }
}
