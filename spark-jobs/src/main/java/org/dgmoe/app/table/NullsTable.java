package org.dgmoe.app.table;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.gof.AdaptiveStatistics;
import org.dgmoe.core.gof.NullFit;

/**
 * The codec of {@code nulls/}: one row per null refit (setting, n, b) of the null sample shared by the
 * replicates of (setting, n) — T*_b, the PIT statistics (and KS's exact p-value, the combined test's KS
 * component) and the adaptive statistics ({@link AdaptiveStatistics})
 * of the null data set — from which
 * {@code tests/}' Monte Carlo p-values are computed and the report draws the null distribution of T.
 */
public final class NullsTable {
    /** The table's folder in a sweep's output directory. */
    public static final String FOLDER = "nulls";

    public static final String SETTING = "setting";
    public static final String N = "n";
    public static final String INDEX = "index";
    public static final String KEY = "key";
    public static final String STATISTIC = "statistic";
    public static final String FAILED = "failed";
    public static final String LAMBDA_HAT = "lambda_hat";
    public static final String STATUS = "status";
    public static final String KS_STATISTIC = "ks_statistic";
    public static final String KS_P_VALUE = "ks_p_value";
    public static final String CVM_STATISTIC = "cvm_statistic";
    public static final String AD_STATISTIC = "ad_statistic";
    public static final String HC_STATISTIC = "hc_statistic";
    public static final String BJ_STATISTIC = "bj_statistic";
    public static final String SMOOTH_STATISTIC = "smooth_statistic";
    public static final String SMOOTH_DIMENSION = "smooth_dimension";
    public static final String SUPSCORE_STATISTIC = "supscore_statistic";
    public static final String GRIDLR_STATISTIC = "gridlr_statistic";

    private static final List<StructField> FIELDS = List.of(
            DataTypes.createStructField(SETTING, DataTypes.StringType, false),
            DataTypes.createStructField(N, DataTypes.IntegerType, false),
            DataTypes.createStructField(INDEX, DataTypes.IntegerType, false),
            DataTypes.createStructField(KEY, DataTypes.LongType, false),
            DataTypes.createStructField(STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(FAILED, DataTypes.BooleanType, false),
            DataTypes.createStructField(LAMBDA_HAT, DataTypes.DoubleType, false),
            DataTypes.createStructField(STATUS, DataTypes.StringType, false),
            DataTypes.createStructField(KS_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(KS_P_VALUE, DataTypes.DoubleType, false),
            DataTypes.createStructField(CVM_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(AD_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(HC_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(BJ_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(SMOOTH_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(SMOOTH_DIMENSION, DataTypes.IntegerType, false),
            DataTypes.createStructField(SUPSCORE_STATISTIC, DataTypes.DoubleType, false),
            DataTypes.createStructField(GRIDLR_STATISTIC, DataTypes.DoubleType, false));

    public static final StructType SCHEMA = DataTypes.createStructType(FIELDS);

    /** A null refit with the (setting, n) and key of the null sample it belongs to. */
    public record Entry(String setting, int n, long key, NullFit fit) {
    }

    private NullsTable() {
    }

    public static Row toRow(String setting, int n, long key, NullFit f) {
        return new GenericRowWithSchema(new Object[] {setting, n, f.index(), key, f.statistic(), f.failed(),
            f.lambda(), FitsTable.statusLabel(f.status()), f.kolmogorovSmirnov(), f.kolmogorovSmirnovPValue(),
            f.cramerVonMises(), f.andersonDarling(), f.adaptive().higherCriticism(), f.adaptive().berkJones(),
            f.adaptive().smooth(), f.adaptive().smoothDimension(), f.adaptive().supScore(),
            f.adaptive().gridLikelihoodRatio()}, SCHEMA);
    }

    /** The null refit of a row holding at least the columns of {@link #SCHEMA} (by name). */
    public static Entry fromRow(Row r) {
        NullFit f = new NullFit(Columns.integer(r, INDEX), Columns.number(r, STATISTIC), Columns.bool(r, FAILED),
                Columns.number(r, LAMBDA_HAT), FitsTable.status(Columns.string(r, STATUS)),
                Columns.number(r, KS_STATISTIC), Columns.optionalNumber(r, KS_P_VALUE), Columns.number(r, CVM_STATISTIC),
                Columns.number(r, AD_STATISTIC),
                new AdaptiveStatistics(Columns.optionalNumber(r, HC_STATISTIC),
                        Columns.optionalNumber(r, BJ_STATISTIC), Columns.optionalNumber(r, SMOOTH_STATISTIC),
                        Columns.optionalInteger(r, SMOOTH_DIMENSION, 0), Columns.optionalNumber(r, SUPSCORE_STATISTIC),
                        Columns.optionalNumber(r, GRIDLR_STATISTIC)));
        return new Entry(Columns.string(r, SETTING), Columns.integer(r, N), Columns.longValue(r, KEY), f);
    }
}
