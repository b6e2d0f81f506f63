package org.dgmoe.app.table;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.gof.PowerRow;
import org.dgmoe.core.gof.SizeVerdict;
import org.dgmoe.core.gof.TestKind;

/**
 * The codec of {@code power/}: one row per (setting, n, test, alpha), a {@link PowerRow}. {@code bootstrap}
 * and {@code conditional_size_se} are null for a test without a null sample (KS); {@code band_low},
 * {@code band_high} and {@code size_verdict} are null unless λ* = 0. {@code lambda_true} is NaN for a truth whose
 * λ(x) depends on x, and {@code lambda_mean} its average weight E_x λ(x) ({@code lambda_true} for a constant λ; a
 * table written before the column existed reads it as {@code lambda_true}).
 */
public final class PowerTable {
    /** The table's folder in a sweep's output directory. */
    public static final String FOLDER = "power";

    public static final String SETTING = "setting";
    public static final String N = "n";
    public static final String TEST = "test";
    public static final String ALPHA = "alpha";
    public static final String LAMBDA_TRUE = "lambda_true";
    /** E_x λ(x) of the truth: λ* when constant ({@link PowerRow#lambdaMean}). */
    public static final String LAMBDA_MEAN = "lambda_mean";
    /** R, the replicates tested (each a test of one data set of the (setting, n)). */
    public static final String REPLICATES = "replicates";
    /** {@link #REPLICATES}'s name in tables written before it was renamed; read, never written. */
    static final String REPLICATES_BEFORE_RENAME = "tests";
    public static final String REJECTIONS = "rejections";
    public static final String RATE = "rate";
    public static final String CI_LOW = "ci_low";
    public static final String CI_HIGH = "ci_high";
    public static final String BOOTSTRAP = "bootstrap";
    public static final String CONDITIONAL_SIZE_SE = "conditional_size_se";
    public static final String BAND_LOW = "band_low";
    public static final String BAND_HIGH = "band_high";
    public static final String SIZE_VERDICT = "size_verdict";
    /**
     * The {@link #TEST} of the exactly calibrated Cauchy combination in tables written before it became the
     * combined test; read, never written. A table holding it is of that layout, in which {@code combined} was the
     * min-p test ({@link #fromRows}).
     */
    static final String CAUCHY_BEFORE_RENAME = "cauchy";

    private static final List<StructField> FIELDS = List.of(
            DataTypes.createStructField(SETTING, DataTypes.StringType, false),
            DataTypes.createStructField(N, DataTypes.IntegerType, false),
            DataTypes.createStructField(TEST, DataTypes.StringType, false),
            DataTypes.createStructField(ALPHA, DataTypes.DoubleType, false),
            DataTypes.createStructField(LAMBDA_TRUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(LAMBDA_MEAN, DataTypes.DoubleType, false),
            DataTypes.createStructField(REPLICATES, DataTypes.IntegerType, false),
            DataTypes.createStructField(REJECTIONS, DataTypes.IntegerType, false),
            DataTypes.createStructField(RATE, DataTypes.DoubleType, false),
            DataTypes.createStructField(CI_LOW, DataTypes.DoubleType, false),
            DataTypes.createStructField(CI_HIGH, DataTypes.DoubleType, false),
            DataTypes.createStructField(BOOTSTRAP, DataTypes.IntegerType, true),
            DataTypes.createStructField(CONDITIONAL_SIZE_SE, DataTypes.DoubleType, true),
            DataTypes.createStructField(BAND_LOW, DataTypes.DoubleType, true),
            DataTypes.createStructField(BAND_HIGH, DataTypes.DoubleType, true),
            DataTypes.createStructField(SIZE_VERDICT, DataTypes.StringType, true));

    public static final StructType SCHEMA = DataTypes.createStructType(FIELDS);

    /**
     * The columns {@link #fromRow} needs by these names: all of {@link #SCHEMA} but {@link #REPLICATES},
     * which an older table holds as {@code tests}, and {@link #LAMBDA_MEAN}, which it lacks.
     */
    public static final List<String> REQUIRED = FIELDS.stream().map(StructField::name)
            .filter(c -> !c.equals(REPLICATES) && !c.equals(LAMBDA_MEAN)).toList();

    private PowerTable() {
    }

    public static Row toRow(PowerRow p) {
        return new GenericRowWithSchema(new Object[] {p.setting(), p.n(), p.test().label(), p.alpha(), p.lambdaTrue(),
            p.lambdaMean(), p.replicates(), p.rejections(), p.rate(), p.ciLow(), p.ciHigh(),
            p.bootstrap() > 0 ? p.bootstrap() : null, nullIfNaN(p.conditionalSizeSe()), nullIfNaN(p.bandLow()),
            nullIfNaN(p.bandHigh()), p.sizeVerdict() == null ? null : p.sizeVerdict().label()}, SCHEMA);
    }

    /**
     * The power row of a row holding at least the columns of {@link #SCHEMA} (by name), in today's test names; a
     * table written before {@link #REPLICATES} was renamed holds it as {@code tests}; one written before
     * {@link #LAMBDA_MEAN} existed (constant truths only) has it equal to {@link #LAMBDA_TRUE}. A whole table is
     * read by {@link #fromRows}, which also knows the test names of older tables.
     */
    public static PowerRow fromRow(Row r) {
        return fromRow(r, false);
    }

    /**
     * The power rows of a whole table. One holding a test {@code cauchy} was written while that
     * was the Cauchy combination and {@code combined} the min-p test: its rows are read under today's names
     * ({@code cauchy} as {@code combined}, {@code combined} as {@code minp}), since one row alone cannot say which
     * {@code combined} it is.
     */
    public static List<PowerRow> fromRows(List<Row> rows) {
        boolean cauchyLayout = rows.stream().anyMatch(r -> CAUCHY_BEFORE_RENAME.equals(Columns.string(r, TEST)));
        return rows.stream().map(r -> fromRow(r, cauchyLayout)).toList();
    }

    private static PowerRow fromRow(Row r, boolean cauchyLayout) {
        String label = Columns.string(r, TEST);
        TestKind test = !cauchyLayout ? TestKind.of(label)
                : label.equals(CAUCHY_BEFORE_RENAME) ? TestKind.COMBINED
                : label.equals(TestKind.COMBINED.label()) ? TestKind.MINP : TestKind.of(label);
        Integer b = Columns.nullableInteger(r, BOOTSTRAP);
        double lambdaTrue = Columns.number(r, LAMBDA_TRUE);
        return new PowerRow(Columns.string(r, SETTING), Columns.integer(r, N), test,
                Columns.number(r, ALPHA), lambdaTrue,
                Columns.has(r, LAMBDA_MEAN) ? Columns.number(r, LAMBDA_MEAN) : lambdaTrue,
                Columns.integer(r, Columns.has(r, REPLICATES) ? REPLICATES : REPLICATES_BEFORE_RENAME),
                Columns.integer(r, REJECTIONS), Columns.number(r, RATE), Columns.number(r, CI_LOW),
                Columns.number(r, CI_HIGH), b == null ? 0 : b, Columns.numberOrNaN(r, CONDITIONAL_SIZE_SE),
                Columns.numberOrNaN(r, BAND_LOW), Columns.numberOrNaN(r, BAND_HIGH),
                Columns.isNull(r, SIZE_VERDICT) ? null : SizeVerdict.of(Columns.string(r, SIZE_VERDICT)));
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
