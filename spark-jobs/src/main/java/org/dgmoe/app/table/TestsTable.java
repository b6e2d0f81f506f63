package org.dgmoe.app.table;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.gof.TestRow;

/**
 * The codec of {@code tests/}: one row per (setting, n, replicate) of a setting with a {@code test}
 * block, a {@link TestRow} (docs/gof.md, "Size and power studies").
 *
 * <p>Three layouts read: today's; a table written before issue 25 (no adaptive statistics, no combinations:
 * read as NaN, not computed); and one written while {@code combined_*} was the min-p test and the exactly
 * calibrated Cauchy combination was {@code cauchy_*} (recognised by {@code cauchy_p_value}), whose columns are
 * read under today's names: {@code cauchy_*} as the combined test, {@code combined_*} as {@code minp_*}.
 */
public final class TestsTable {
    /** The table's folder in a sweep's output directory. */
    public static final String FOLDER = "tests";

    public static final String STUDY = "study";
    public static final String SETTING = "setting";
    public static final String N = "n";
    public static final String REPLICATE = "replicate";
    public static final String SEED = "seed";
    public static final String STATISTIC = "statistic";
    public static final String NULL_LOG_LIKELIHOOD = "null_log_likelihood";
    public static final String P_VALUE = "p_value";
    public static final String EXCEEDANCES = "exceedances";
    public static final String BOOTSTRAP = "bootstrap";
    public static final String LAMBDA_HAT = "lambda_hat";
    public static final String LAMBDA_ZERO_WON = "lambda_zero_won";
    public static final String FIT_FAILED = "fit_failed";
    public static final String KS_STATISTIC = "ks_statistic";
    public static final String KS_P_VALUE = "ks_p_value";
    public static final String CVM_STATISTIC = "cvm_statistic";
    public static final String CVM_P_VALUE = "cvm_p_value";
    public static final String AD_STATISTIC = "ad_statistic";
    public static final String AD_P_VALUE = "ad_p_value";
    public static final String FAILED_NULL_FITS = "failed_null_fits";
    public static final String HC_STATISTIC = "hc_statistic";
    public static final String HC_P_VALUE = "hc_p_value";
    public static final String BJ_STATISTIC = "bj_statistic";
    public static final String BJ_P_VALUE = "bj_p_value";
    public static final String SMOOTH_STATISTIC = "smooth_statistic";
    public static final String SMOOTH_P_VALUE = "smooth_p_value";
    public static final String SUPSCORE_STATISTIC = "supscore_statistic";
    public static final String SUPSCORE_P_VALUE = "supscore_p_value";
    public static final String GRIDLR_STATISTIC = "gridlr_statistic";
    public static final String GRIDLR_P_VALUE = "gridlr_p_value";
    /** The combined test's statistic, the Cauchy combination C of the component p-values. */
    public static final String COMBINED_STATISTIC = "combined_statistic";
    /** The combined test's exact p-value, C's rank among the null sets' (the headline). */
    public static final String COMBINED_P_VALUE = "combined_p_value";
    /** C's analytic p-value 1/2 − arctan(C)/π (Liu &amp; Xie 2020; approximate). */
    public static final String COMBINED_ANALYTIC_P_VALUE = "combined_analytic_p_value";
    public static final String MINP_STATISTIC = "minp_statistic";
    public static final String MINP_P_VALUE = "minp_p_value";
    /**
     * The Cauchy combination's columns in tables written before it became the combined test; read, never
     * written. Their presence marks that layout, in which {@link #COMBINED_STATISTIC} and {@link #COMBINED_P_VALUE}
     * hold the min-p test.
     */
    static final String CAUCHY_STATISTIC_BEFORE_RENAME = "cauchy_statistic";
    static final String CAUCHY_P_VALUE_BEFORE_RENAME = "cauchy_p_value";
    static final String CAUCHY_ANALYTIC_P_VALUE_BEFORE_RENAME = "cauchy_analytic_p_value";

    private static final List<StructField> FIELDS = List.of(
            DataTypes.createStructField(STUDY, DataTypes.StringType, false),
            DataTypes.createStructField(SETTING, DataTypes.StringType, false),
            DataTypes.createStructField(N, DataTypes.IntegerType, false),
            DataTypes.createStructField(REPLICATE, DataTypes.IntegerType, false),
            DataTypes.createStructField(SEED, DataTypes.LongType, false),
            DataTypes.createStructField(STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(NULL_LOG_LIKELIHOOD, DataTypes.DoubleType, false),
            DataTypes.createStructField(P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(EXCEEDANCES, DataTypes.IntegerType, false),
            DataTypes.createStructField(BOOTSTRAP, DataTypes.IntegerType, false),
            DataTypes.createStructField(LAMBDA_HAT, DataTypes.DoubleType, false),
            DataTypes.createStructField(LAMBDA_ZERO_WON, DataTypes.BooleanType, false),
            DataTypes.createStructField(FIT_FAILED, DataTypes.BooleanType, false),
            DataTypes.createStructField(KS_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(KS_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(CVM_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(CVM_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(AD_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(AD_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(FAILED_NULL_FITS, DataTypes.IntegerType, false),
            DataTypes.createStructField(HC_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(HC_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(BJ_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(BJ_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(SMOOTH_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(SMOOTH_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(SUPSCORE_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(SUPSCORE_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(GRIDLR_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(GRIDLR_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(COMBINED_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(COMBINED_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(COMBINED_ANALYTIC_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(MINP_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(MINP_P_VALUE, DataTypes.DoubleType, false));

    public static final StructType SCHEMA = DataTypes.createStructType(FIELDS);

    private TestsTable() {
    }

    public static Row toRow(TestRow t) {
        return new GenericRowWithSchema(new Object[] {t.study(), t.setting(), t.n(), t.replicate(), t.seed(),
            t.statistic(), t.nullLogLikelihood(), t.pValue(), t.exceedances(), t.bootstrap(), t.lambdaHat(),
            t.lambdaZeroWon(), t.fitFailed(), t.ksStatistic(), t.ksPValue(), t.cvmStatistic(), t.cvmPValue(),
            t.adStatistic(), t.adPValue(), t.failedNullFits(), t.hcStatistic(), t.hcPValue(), t.bjStatistic(),
            t.bjPValue(), t.smoothStatistic(), t.smoothPValue(), t.supScoreStatistic(), t.supScorePValue(),
            t.gridLrStatistic(), t.gridLrPValue(), t.combinedStatistic(), t.combinedPValue(), t.combinedAnalyticPValue(), t.minpStatistic(), t.minpPValue()},
            SCHEMA);
    }

    /**
     * The test of a row holding at least the columns of {@link #SCHEMA} (by name; extra columns ignored), or of
     * one of the older layouts (the class comment).
     */
    public static TestRow fromRow(Row r) {
        // the layout where combined_* was min-p and cauchy_* the Cauchy combination (issue 25, before the switch)
        boolean cauchyLayout = Columns.has(r, CAUCHY_P_VALUE_BEFORE_RENAME);
        String combinedStatistic = cauchyLayout ? CAUCHY_STATISTIC_BEFORE_RENAME : COMBINED_STATISTIC;
        String combinedPValue = cauchyLayout ? CAUCHY_P_VALUE_BEFORE_RENAME : COMBINED_P_VALUE;
        String combinedAnalytic = cauchyLayout ? CAUCHY_ANALYTIC_P_VALUE_BEFORE_RENAME : COMBINED_ANALYTIC_P_VALUE;
        String minpStatistic = cauchyLayout ? COMBINED_STATISTIC : MINP_STATISTIC;
        String minpPValue = cauchyLayout ? COMBINED_P_VALUE : MINP_P_VALUE;
        return new TestRow(Columns.string(r, STUDY), Columns.string(r, SETTING), Columns.integer(r, N),
                Columns.integer(r, REPLICATE), Columns.longValue(r, SEED), Columns.number(r, STATISTIC),
                Columns.number(r, NULL_LOG_LIKELIHOOD), Columns.number(r, P_VALUE), Columns.integer(r, EXCEEDANCES),
                Columns.integer(r, BOOTSTRAP), Columns.number(r, LAMBDA_HAT), Columns.bool(r, LAMBDA_ZERO_WON),
                Columns.bool(r, FIT_FAILED), Columns.number(r, KS_STATISTIC), Columns.number(r, KS_P_VALUE),
                Columns.number(r, CVM_STATISTIC), Columns.number(r, CVM_P_VALUE), Columns.number(r, AD_STATISTIC),
                Columns.number(r, AD_P_VALUE), Columns.integer(r, FAILED_NULL_FITS), Columns.optionalNumber(r, HC_STATISTIC),
                Columns.optionalNumber(r, HC_P_VALUE), Columns.optionalNumber(r, BJ_STATISTIC),
                Columns.optionalNumber(r, BJ_P_VALUE), Columns.optionalNumber(r, SMOOTH_STATISTIC),
                Columns.optionalNumber(r, SMOOTH_P_VALUE), Columns.optionalNumber(r, SUPSCORE_STATISTIC),
                Columns.optionalNumber(r, SUPSCORE_P_VALUE), Columns.optionalNumber(r, GRIDLR_STATISTIC),
                Columns.optionalNumber(r, GRIDLR_P_VALUE), Columns.optionalNumber(r, combinedStatistic),
                Columns.optionalNumber(r, combinedPValue), Columns.optionalNumber(r, combinedAnalytic),
                Columns.optionalNumber(r, minpStatistic), Columns.optionalNumber(r, minpPValue));
    }
}
