package org.dgmoe.app.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.StartDifference;
import org.dgmoe.core.summary.StudyMetrics;

/**
 * The codec of {@code fits/}: its schema and the conversion between a {@link FitRow} and a row of it.
 * Columns: the task's identity, the fit's summary (with the task's and the fit's wall times) and
 * fitted parameters, one column per metric of the study ({@link StudyMetrics#columns}; null where the
 * row's setting has no such metric), the cell sizes |A_j| ({@link StudyMetrics#sizeColumns}), the
 * convergence diagnostics (docs/convergence.md), the near-degeneracy diagnostics ({@link NearDegeneracy})
 * and the start-sensitivity check (null when not checked), then the study's varied-value columns
 * ({@link StudyMetrics#variedColumns}: nullable doubles, null where the row's setting does not vary
 * the key). The staged chunk files carry this schema's JSON, so any change to names, order, types or
 * nullability makes every staged chunk of an interrupted run unreadable. Serializable: executors
 * build rows with it.
 */
public final class FitsTable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The table's folder in a sweep's output directory. */
    public static final String FOLDER = "fits";

    public static final String STUDY = "study";
    public static final String SETTING = "setting";
    public static final String N = "n";
    public static final String REPLICATE = "replicate";
    public static final String SEED = "seed";
    public static final String STATUS = "status";
    public static final String ITERATIONS = "iterations";
    public static final String LOG_LIKELIHOOD = "log_likelihood";
    /** Wall time of the whole task (simulate, fit from every start, measure), taken by the sweep. */
    public static final String MILLIS = "millis";
    /** The fitter's own time of the kept fit ({@code FitResult.millis}). */
    public static final String FIT_MILLIS = "fit_millis";
    public static final String LAMBDA_HAT = "lambda_hat";
    public static final String WEIGHTS = "weights";
    public static final String SLOPES = "slopes";
    public static final String INTERCEPTS = "intercepts";
    public static final String VARIANCES = "variances";
    /** The order r of W̃_r used for the row's {@code generalized_wasserstein}. */
    public static final String WASSERSTEIN_ORDER = "wasserstein_order";
    public static final String LAST_RELATIVE_CHANGE = "last_relative_change";
    public static final String LAST_CHANGE = "last_change";
    public static final String LAST_STEP = "last_step";
    public static final String SCORE_NORM = "score_norm";
    public static final String EM_EVALUATIONS = "em_evaluations";
    /** {@link NearDegeneracy#minWeight()}. */
    public static final String MIN_WEIGHT = "min_weight";
    /** {@link NearDegeneracy#minPoints()}: min weight · λ̂ · n. */
    public static final String MIN_POINTS = "min_points";
    /** {@link NearDegeneracy#minVarianceRatio()}: smallest fitted variance over the truth's smallest. */
    public static final String MIN_VARIANCE_RATIO = "min_variance_ratio";
    /** {@link NearDegeneracy#spurious()}. */
    public static final String SPURIOUS = "spurious";
    public static final String START_CHECKED = "start_checked";
    public static final String START_DELTA_LOG_LIKELIHOOD = "start_delta_log_likelihood";
    public static final String START_VORONOI_DIFFERENCE = "start_voronoi_difference";
    public static final String START_WASSERSTEIN_DIFFERENCE = "start_wasserstein_difference";
    public static final String START_DIFFERENT = "start_different";
    /** The optimality certificate ({@link FitRow#newtonGain}); NaN when the Hessian is not negative definite. */
    public static final String NEWTON_GAIN = "newton_gain";
    public static final String HESSIAN_NEGATIVE_DEFINITE = "hessian_negative_definite";
    /**
     * {@link FitRow#certificatePasses}: the certificate's data passes, not in {@code em_evaluations}. Older
     * tables lack the column; their rows read as −1 (unknown).
     */
    public static final String CERTIFICATE_PASSES = "certificate_passes";

    private final List<String> metrics;
    private final List<String> sizes;
    private final List<String> varied;
    private final StructType schema;

    public FitsTable(Study study) {
        this.metrics = StudyMetrics.columns(study);
        this.sizes = StudyMetrics.sizeColumns(study);
        this.varied = StudyMetrics.variedColumns(study);
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField(STUDY, DataTypes.StringType, false),
                DataTypes.createStructField(SETTING, DataTypes.StringType, false),
                DataTypes.createStructField(N, DataTypes.IntegerType, false),
                DataTypes.createStructField(REPLICATE, DataTypes.IntegerType, false),
                DataTypes.createStructField(SEED, DataTypes.LongType, false),
                DataTypes.createStructField(STATUS, DataTypes.StringType, false),
                DataTypes.createStructField(ITERATIONS, DataTypes.IntegerType, false),
                DataTypes.createStructField(LOG_LIKELIHOOD, DataTypes.DoubleType, false),
                DataTypes.createStructField(MILLIS, DataTypes.LongType, false),
                DataTypes.createStructField(FIT_MILLIS, DataTypes.LongType, false),
                DataTypes.createStructField(LAMBDA_HAT, DataTypes.DoubleType, false),
                DataTypes.createStructField(WEIGHTS, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
                DataTypes.createStructField(SLOPES, DataTypes.createArrayType(
                        DataTypes.createArrayType(DataTypes.DoubleType, false), false), false),
                DataTypes.createStructField(INTERCEPTS, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
                DataTypes.createStructField(VARIANCES, DataTypes.createArrayType(DataTypes.DoubleType, false),
                        false)));
        for (String m : metrics) {
            fields.add(DataTypes.createStructField(m, DataTypes.DoubleType, true));
        }
        for (String s : sizes) {
            fields.add(DataTypes.createStructField(s, DataTypes.IntegerType, true));
        }
        fields.add(DataTypes.createStructField(WASSERSTEIN_ORDER, DataTypes.IntegerType, true));
        fields.add(DataTypes.createStructField(LAST_RELATIVE_CHANGE, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(LAST_CHANGE, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(LAST_STEP, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(SCORE_NORM, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(EM_EVALUATIONS, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(MIN_WEIGHT, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(MIN_POINTS, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(MIN_VARIANCE_RATIO, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(SPURIOUS, DataTypes.BooleanType, false));
        fields.add(DataTypes.createStructField(START_CHECKED, DataTypes.BooleanType, false));
        fields.add(DataTypes.createStructField(START_DELTA_LOG_LIKELIHOOD, DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField(START_VORONOI_DIFFERENCE, DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField(START_WASSERSTEIN_DIFFERENCE, DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField(START_DIFFERENT, DataTypes.BooleanType, true));
        fields.add(DataTypes.createStructField(NEWTON_GAIN, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(HESSIAN_NEGATIVE_DEFINITE, DataTypes.BooleanType, false));
        fields.add(DataTypes.createStructField(CERTIFICATE_PASSES, DataTypes.IntegerType, false));
        fields.addAll(Columns.variedFields(varied));
        this.schema = DataTypes.createStructType(fields);
    }

    /** Fits of one setting and n with one status. */
    public record StatusCount(String setting, int n, String status, long count) {
    }

    /** The fits of a {@code fits/} table read by Spark, counted by (setting, n, status), in no particular order. */
    public static List<StatusCount> statusCounts(Dataset<Row> fits) {
        List<StatusCount> out = new ArrayList<>();
        for (Row r : fits.groupBy(SETTING, N, STATUS).count().collectAsList()) {
            out.add(new StatusCount(Columns.string(r, SETTING), Columns.integer(r, N), Columns.string(r, STATUS),
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
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The status written as {@code label}. */
    public static FitStatus status(String label) {
        return FitStatus.valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The row of {@code fit}, with this table's schema. */
    public Row toRow(FitRow fit) {
        List<Double> weights = Columns.boxed(fit.weights());
        List<List<Double>> slopes = new ArrayList<>();
        for (double[] slope : fit.slopes()) {
            slopes.add(Columns.boxed(slope));
        }
        Object[] cells = new Object[schema.size()];
        int c = 0;
        cells[c++] = fit.study();
        cells[c++] = fit.setting();
        cells[c++] = fit.n();
        cells[c++] = fit.replicate();
        cells[c++] = fit.seed();
        cells[c++] = statusLabel(fit.status());
        cells[c++] = fit.iterations();
        cells[c++] = fit.logLikelihood();
        cells[c++] = fit.taskMillis();
        cells[c++] = fit.fitMillis();
        cells[c++] = fit.lambdaHat();
        cells[c++] = weights;
        cells[c++] = slopes;
        cells[c++] = Columns.boxed(fit.intercepts());
        cells[c++] = Columns.boxed(fit.variances());
        for (String m : metrics) {
            cells[c++] = fit.metrics().get(m);
        }
        for (String s : sizes) {
            cells[c++] = fit.cellSizes().get(s);
        }
        cells[c++] = fit.wassersteinOrder();
        cells[c++] = fit.lastRelativeChange();
        cells[c++] = fit.lastChange();
        cells[c++] = fit.lastStep();
        cells[c++] = fit.scoreNorm();
        cells[c++] = fit.emEvaluations();
        NearDegeneracy degeneracy = fit.nearDegeneracy();
        cells[c++] = degeneracy.minWeight();
        cells[c++] = degeneracy.minPoints();
        cells[c++] = degeneracy.minVarianceRatio();
        cells[c++] = degeneracy.spurious();
        StartDifference check = fit.startCheck();
        cells[c++] = check != null;
        cells[c++] = check == null ? null : check.deltaLogLikelihood();
        cells[c++] = check == null ? null : check.voronoiDifference();
        cells[c++] = check == null ? null : check.wassersteinDifference();
        cells[c++] = check == null ? null : check.differentMaximum();
        cells[c++] = fit.newtonGain();
        cells[c++] = fit.hessianNegativeDefinite();
        cells[c++] = fit.certificatePasses();
        for (String v : varied) {
            cells[c++] = fit.varied().get(v);
        }
        return new GenericRowWithSchema(cells, schema);
    }

    /**
     * The fit of a row of this table (a row with a schema: read by Spark, from a chunk file, or {@link #toRow}).
     * A row of an older table without {@link #CERTIFICATE_PASSES} (or null there) reads as −1, unknown.
     */
    public FitRow fromRow(Row r) {
        List<?> slopeLists = Columns.list(Columns.value(r, SLOPES));
        double[][] slopes = new double[slopeLists.size()][];
        for (int i = 0; i < slopes.length; i++) {
            slopes[i] = Columns.doubles(slopeLists.get(i));
        }
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
        StartDifference check = Columns.bool(r, START_CHECKED)
                ? new StartDifference(Columns.number(r, START_DELTA_LOG_LIKELIHOOD),
                        Columns.number(r, START_VORONOI_DIFFERENCE), Columns.number(r, START_WASSERSTEIN_DIFFERENCE),
                        Columns.bool(r, START_DIFFERENT))
                : null;
        return new FitRow(Columns.string(r, STUDY), Columns.string(r, SETTING), Columns.integer(r, N),
                Columns.integer(r, REPLICATE), Columns.longValue(r, SEED), status(Columns.string(r, STATUS)),
                Columns.integer(r, ITERATIONS), Columns.number(r, LOG_LIKELIHOOD), Columns.longValue(r, MILLIS),
                Columns.longValue(r, FIT_MILLIS), Columns.number(r, LAMBDA_HAT),
                Columns.doubles(Columns.value(r, WEIGHTS)), slopes, Columns.doubles(Columns.value(r, INTERCEPTS)),
                Columns.doubles(Columns.value(r, VARIANCES)), values, cellSizes,
                Columns.nullableInteger(r, WASSERSTEIN_ORDER), Columns.number(r, LAST_RELATIVE_CHANGE),
                Columns.number(r, LAST_CHANGE), Columns.number(r, LAST_STEP), Columns.number(r, SCORE_NORM),
                Columns.integer(r, EM_EVALUATIONS), new NearDegeneracy(Columns.number(r, MIN_WEIGHT),
                        Columns.number(r, MIN_POINTS), Columns.number(r, MIN_VARIANCE_RATIO), Columns.bool(r, SPURIOUS)),
                check, Columns.variedValues(r, varied), Columns.number(r, NEWTON_GAIN),
                Columns.bool(r, HESSIAN_NEGATIVE_DEFINITE), Columns.optionalInteger(r, CERTIFICATE_PASSES, -1));
    }
}
