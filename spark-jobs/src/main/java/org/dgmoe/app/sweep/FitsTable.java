package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.study.StartComparison;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskOutcome;

/**
 * The schema of {@code fits/} and the conversion of a {@link TaskOutcome} into one of its rows.
 * Columns: the task's identity, the fit's summary (with the task's and the fit's wall times) and fitted parameters, one column per metric of
 * the study ({@link Metrics#columns}; null where the row's setting has no such metric), the cell
 * sizes |A_j|, the convergence diagnostics ({@code last_relative_change}, {@code last_change},
 * {@code last_step}, {@code score_norm}, {@code em_evaluations}; docs/convergence.md) and the
 * start-sensitivity check ({@code start_checked}, and when checked {@code start_delta_log_likelihood},
 * {@code start_voronoi_difference}, {@code start_wasserstein_difference}, {@code start_different}).
 * Serializable: executors build rows with it.
 */
final class FitsTable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    static final String STUDY = "study";
    static final String SETTING = "setting";
    static final String N = "n";
    static final String REPLICATE = "replicate";
    static final String SEED = "seed";
    static final String STATUS = "status";
    /** Wall time of the whole task (simulate, fit from every start, measure), taken by the sweep. */
    static final String MILLIS = "millis";
    /** The order r of W̃_r used for the row's {@code generalized_wasserstein}. */
    static final String WASSERSTEIN_ORDER = "wasserstein_order";
    static final String START_CHECKED = "start_checked";
    static final String START_DIFFERENT = "start_different";
    /** The fitter's own time of the kept fit ({@code FitResult.millis}). */
    static final String FIT_MILLIS = "fit_millis";

    private final String studyName;
    private final List<String> metrics;
    private final List<String> sizes;
    private final StructType schema;

    FitsTable(Study study) {
        this.studyName = study.name();
        this.metrics = List.copyOf(Metrics.columns(study));
        this.sizes = List.copyOf(Metrics.sizeColumns(study));
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField(STUDY, DataTypes.StringType, false),
                DataTypes.createStructField(SETTING, DataTypes.StringType, false),
                DataTypes.createStructField(N, DataTypes.IntegerType, false),
                DataTypes.createStructField(REPLICATE, DataTypes.IntegerType, false),
                DataTypes.createStructField(SEED, DataTypes.LongType, false),
                DataTypes.createStructField(STATUS, DataTypes.StringType, false),
                DataTypes.createStructField("iterations", DataTypes.IntegerType, false),
                DataTypes.createStructField("log_likelihood", DataTypes.DoubleType, false),
                DataTypes.createStructField(MILLIS, DataTypes.LongType, false),
                DataTypes.createStructField(FIT_MILLIS, DataTypes.LongType, false),
                DataTypes.createStructField("lambda_hat", DataTypes.DoubleType, false),
                DataTypes.createStructField("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
                DataTypes.createStructField("slopes", DataTypes.createArrayType(
                        DataTypes.createArrayType(DataTypes.DoubleType, false), false), false),
                DataTypes.createStructField("intercepts", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
                DataTypes.createStructField("variances", DataTypes.createArrayType(DataTypes.DoubleType, false),
                        false)));
        for (String m : metrics) {
            fields.add(DataTypes.createStructField(m, DataTypes.DoubleType, true));
        }
        for (String s : sizes) {
            fields.add(DataTypes.createStructField(s, DataTypes.IntegerType, true));
        }
        fields.add(DataTypes.createStructField(WASSERSTEIN_ORDER, DataTypes.IntegerType, true));
        fields.add(DataTypes.createStructField("last_relative_change", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("last_change", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("last_step", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("score_norm", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("em_evaluations", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(START_CHECKED, DataTypes.BooleanType, false));
        fields.add(DataTypes.createStructField("start_delta_log_likelihood", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("start_voronoi_difference", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("start_wasserstein_difference", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField(START_DIFFERENT, DataTypes.BooleanType, true));
        this.schema = DataTypes.createStructType(fields);
    }

    StructType schema() {
        return schema;
    }

    /** The metric columns, in order. */
    List<String> metrics() {
        return metrics;
    }

    /** The label written to {@code status}: the lower-case enum name ({@code converged}, ...). */
    static String label(FitStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** One row of {@code fits/}; {@code taskMillis} is the task's wall time. */
    Row row(TaskOutcome outcome, long taskMillis) {
        FitResult fit = outcome.fit();
        DeviatedModel model = fit.model();
        MixingMeasure mixing = model.mixing();
        int k = mixing.size();
        List<Double> weights = new ArrayList<>(k);
        List<List<Double>> slopes = new ArrayList<>(k);
        List<Double> intercepts = new ArrayList<>(k);
        List<Double> variances = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            weights.add(mixing.weight(i));
            slopes.add(Arrays.stream(mixing.expert(i).slope()).boxed().toList());
            intercepts.add(mixing.expert(i).intercept());
            variances.add(mixing.expert(i).variance());
        }
        Map<String, Double> values = outcome.losses() == null ? Map.of() : Metrics.values(outcome.losses());
        Map<String, Integer> cellSizes = outcome.losses() == null ? Map.of() : Metrics.sizes(outcome.losses());
        Object[] cells = new Object[schema.size()];
        int c = 0;
        cells[c++] = studyName;
        cells[c++] = outcome.setting();
        cells[c++] = outcome.n();
        cells[c++] = outcome.replicate();
        cells[c++] = outcome.seed();
        cells[c++] = label(fit.status());
        cells[c++] = fit.iterations();
        cells[c++] = fit.logLikelihood();
        cells[c++] = taskMillis;
        cells[c++] = fit.millis();
        cells[c++] = model.lambda();
        cells[c++] = weights;
        cells[c++] = slopes;
        cells[c++] = intercepts;
        cells[c++] = variances;
        for (String m : metrics) {
            cells[c++] = values.get(m);
        }
        for (String s : sizes) {
            cells[c++] = cellSizes.get(s);
        }
        cells[c++] = outcome.losses() == null ? null : outcome.losses().wassersteinOrder();
        cells[c++] = fit.lastRelativeChange();
        cells[c++] = fit.lastChange();
        cells[c++] = fit.lastStep();
        cells[c++] = fit.scoreNorm();
        cells[c++] = fit.emEvaluations();
        StartComparison check = outcome.startCheck();
        cells[c++] = check != null;
        cells[c++] = check == null ? null : check.deltaLogLikelihood();
        cells[c++] = check == null ? null : check.voronoiDifference();
        cells[c++] = check == null ? null : check.wassersteinDifference();
        cells[c++] = check == null ? null : check.differentMaximum();
        return RowFactory.create(cells);
    }

    /** The key of a row of this table. */
    static TaskKey key(Row row) {
        return new TaskKey(row.getString(row.fieldIndex(SETTING)), row.getInt(row.fieldIndex(N)),
                row.getInt(row.fieldIndex(REPLICATE)));
    }

    /** The status of a row. */
    static FitStatus status(Row row) {
        return FitStatus.valueOf(row.getString(row.fieldIndex(STATUS)).toUpperCase(Locale.ROOT));
    }

    /** Whether the row's task was start-checked. */
    static boolean startChecked(Row row) {
        return row.getBoolean(row.fieldIndex(START_CHECKED));
    }

    /** Whether the row's start check found a different maximum (false when not checked). */
    static boolean startDiffered(Row row) {
        int i = row.fieldIndex(START_DIFFERENT);
        return !row.isNullAt(i) && row.getBoolean(i);
    }

    /** True when the row's fit converged. */
    static boolean converged(Row row) {
        return label(FitStatus.CONVERGED).equals(row.getString(row.fieldIndex(STATUS)));
    }
}
