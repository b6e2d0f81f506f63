package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.field.Column;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.field.ValueType;
import org.dgmoe.core.field.Values;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.uncertainty.MatchedIntervals;

/**
 * Everything the study keeps of one task: a row of {@code fits/}, typed, made of parts that each
 * declare their fields once ({@link Part}); the table's columns are {@link #LEADING}, the study's
 * metric and cell-size columns, {@link #TRAILING}, then its varied-value columns. Two rows are equal
 * when every part is (doubles compared as {@link Double#equals}).
 *
 * @param task           which task
 * @param diagnostics    how the kept fit ended, and its convergence diagnostics
 * @param taskMillis     wall time of the whole task (simulate, every start, losses), taken by the caller
 * @param parameters     the fitted parameters
 * @param losses         the losses against the truth ({@link FitLosses#NONE} without)
 * @param nearDegeneracy the fit's smallest weight, the points that component carries, its smallest
 *                       variance relative to the reference, and whether it is spurious
 * @param startCheck     the start-sensitivity check, or null when the task was not checked
 * @param certificate    the kept fit's optimality certificate ({@link Certificate}; passes −1 when read
 *                       from a table written before they were counted)
 * @param varied         the setting's varied values by column ({@link org.dgmoe.core.study.Setting#variedColumns});
 *                       empty for a hand-written setting
 * @param intervals      the fit's intervals matched to the truth, one per method of the study's {@code intervals}
 *                       block (columns per study, like the metrics: {@link MatchedIntervals}); empty without one
 */
public record FitRow(TaskId task, FitDiagnostics diagnostics, long taskMillis, FittedParameters parameters,
        FitLosses losses, NearDegeneracy nearDegeneracy, StartDifference startCheck, Certificate certificate,
        Map<String, Double> varied, List<MatchedIntervals> intervals) {
    /** Column {@code millis}, the name it has always had; the fitter's own time is {@code fit_millis}. */
    public static final Field<FitRow> TASK_MILLIS = Field.of("taskMillis", ValueType.LONG,
            "wall time of the whole task (simulate, fit from every start, measure), in milliseconds",
            FitRow::taskMillis).inColumn("millis");

    /** The columns of {@code fits/} before the study's metric and cell-size columns, in table order. */
    public static final List<Column<FitRow>> LEADING = concat(TaskId.PART.of(FitRow::task),
            FitDiagnostics.LEADING.stream().map(f -> f.<FitRow>of(FitRow::diagnostics)).toList(),
            List.of(TASK_MILLIS.of(r -> r), FitDiagnostics.FIT_MILLIS.of(FitRow::diagnostics)),
            FittedParameters.PART.of(FitRow::parameters));

    /** The columns of {@code fits/} after the study's metric and cell-size columns and before its varied ones. */
    public static final List<Column<FitRow>> TRAILING = concat(List.of(FitLosses.WASSERSTEIN_ORDER.of(FitRow::losses)),
            FitDiagnostics.PART.fields().stream().filter(f -> !FitDiagnostics.LEADING.contains(f)
                    && f != FitDiagnostics.FIT_MILLIS).map(f -> f.<FitRow>of(FitRow::diagnostics)).toList(),
            FitDiagnostics.PASSES.stream().map(f -> f.<FitRow>of(FitRow::diagnostics)).toList(),
            NearDegeneracy.PART.of(FitRow::nearDegeneracy), StartDifference.PART.of(FitRow::startCheck),
            Certificate.PART.of(FitRow::certificate));

    /** Every declared field of a row, in table order (each once: checked when the class loads). */
    public static final List<Field<?>> FIELDS = fields();

    public FitRow {
        if (task == null || diagnostics == null || parameters == null || losses == null || nearDegeneracy == null
                || certificate == null) {
            throw new IllegalArgumentException("task, diagnostics, parameters, losses, nearDegeneracy, certificate: "
                    + "must not be null");
        }
        LinkedHashMap<String, Double> values = new LinkedHashMap<>(varied == null ? Map.of() : varied);
        if (values.containsKey(null) || values.containsValue(null)) {
            throw new IllegalArgumentException("varied: no null names or values (leave a missing one out)");
        }
        varied = Collections.unmodifiableMap(values);
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
    }

    /** A row without intervals. */
    public FitRow(TaskId task, FitDiagnostics diagnostics, long taskMillis, FittedParameters parameters,
            FitLosses losses, NearDegeneracy nearDegeneracy, StartDifference startCheck, Certificate certificate,
            Map<String, Double> varied) {
        this(task, diagnostics, taskMillis, parameters, losses, nearDegeneracy, startCheck, certificate, varied,
                List.of());
    }

    /**
     * The row read from {@code values} (a row of a table): every part from its fields, with the study's
     * metric, cell-size and varied values the caller read from the table's per-study columns.
     */
    public static FitRow read(Values values, Map<String, Double> metrics, Map<String, Integer> cellSizes,
            Map<String, Double> varied) {
        return read(values, metrics, cellSizes, varied, List.of());
    }

    /** As {@link #read(Values, Map, Map, Map)}, with the intervals the caller read from the study's interval columns. */
    public static FitRow read(Values values, Map<String, Double> metrics, Map<String, Integer> cellSizes,
            Map<String, Double> varied, List<MatchedIntervals> intervals) {
        FitDiagnostics diagnostics = FitDiagnostics.PART.read(values).withPasses(
                values.integer(FitDiagnostics.LIKELIHOOD_PASSES), values.integer(FitDiagnostics.SOLVER_PASSES));
        return new FitRow(TaskId.PART.read(values), diagnostics, values.longValue(TASK_MILLIS),
                FittedParameters.PART.read(values), new FitLosses(metrics, cellSizes,
                        values.nullableInteger(FitLosses.WASSERSTEIN_ORDER)),
                NearDegeneracy.PART.read(values), StartDifference.PART.read(values), Certificate.PART.read(values),
                varied, intervals);
    }

    /** The row of a task of {@code setting} of {@code study}: {@link #of(String, TaskOutcome, long)} with its varied values. */
    public static FitRow of(Study study, TaskOutcome outcome, long taskMillis) {
        Setting setting = study.setting(outcome.setting());
        FitRow row = outcome.gated() ? gated(study.name(), outcome, setting.truth(), taskMillis)
                : of(study.name(), outcome, taskMillis);
        return row.withVaried(setting.variedColumns());
    }

    /** The row of a gated task's outcome, its losses named for {@code truth} ({@link Metrics#names(GatedModel)}). */
    private static FitRow gated(String study, TaskOutcome outcome, GatedModel truth, long taskMillis) {
        GatedFitResult fit = outcome.gatedFit();
        return new FitRow(new TaskId(study, outcome.setting(), outcome.n(), outcome.replicate(), outcome.seed()),
                FitDiagnostics.of(fit), taskMillis, FittedParameters.of(fit.model()),
                FitLosses.of(outcome.gatedLosses(), truth), outcome.nearDegeneracy(), StartDifference.of(null),
                fit.certificate(), Map.of());
    }

    /**
     * The row of a constant-weight task's outcome; {@code taskMillis} is the task's wall time.
     *
     * @throws IllegalArgumentException for a gated task, whose losses are named by its setting's truth
     *                                  ({@link #of(Study, TaskOutcome, long)})
     */
    public static FitRow of(String study, TaskOutcome outcome, long taskMillis) {
        if (outcome.gated()) {
            throw new IllegalArgumentException("outcome: a gated task's row needs its study (FitRow.of(Study, ...))");
        }
        FitResult fit = outcome.fit();
        return new FitRow(new TaskId(study, outcome.setting(), outcome.n(), outcome.replicate(), outcome.seed()),
                FitDiagnostics.of(fit), taskMillis, FittedParameters.of(fit.model()), FitLosses.of(outcome.losses()),
                outcome.nearDegeneracy(), StartDifference.of(outcome.startCheck()), fit.certificate(), Map.of(),
                outcome.intervals());
    }

    /**
     * This row with other wall times, {@code taskMillis} of the task and {@code fitMillis} of the fitter: the
     * only values of a row a rerun does not repeat (tests compare rows of two runs with the times of one).
     */
    public FitRow withWallTimes(long taskMillis, long fitMillis) {
        return new FitRow(task, diagnostics.withFitMillis(fitMillis), taskMillis, parameters, losses, nearDegeneracy,
                startCheck, certificate, varied, intervals);
    }

    /** This row with {@code columns} as its varied values. */
    public FitRow withVaried(Map<String, Double> columns) {
        return new FitRow(task, diagnostics, taskMillis, parameters, losses, nearDegeneracy, startCheck, certificate,
                columns, intervals);
    }

    /** The setting's name. */
    public String setting() {
        return task.setting();
    }

    /** The sample size. */
    public int n() {
        return task.n();
    }

    /** The replicate, 0-based. */
    public int replicate() {
        return task.replicate();
    }

    /** How the kept fit ended. */
    public FitStatus status() {
        return diagnostics.status();
    }

    /** The value of {@code metric}, NaN when the row has none. */
    public double metric(String metric) {
        return losses.metrics().getOrDefault(metric, Double.NaN);
    }

    /** Whether the fit is spurious ({@link NearDegeneracy#spurious()}). */
    public boolean spurious() {
        return nearDegeneracy.spurious();
    }

    /** Whether the task was start-checked. */
    public boolean startChecked() {
        return startCheck != null;
    }

    /** Whether its start check found a different maximum (false when not checked). */
    public boolean startDiffered() {
        return startCheck != null && startCheck.differentMaximum();
    }

    @Override
    public int hashCode() {
        return task.hashCode();
    }

    @SafeVarargs
    private static <R> List<Column<R>> concat(List<Column<R>>... lists) {
        List<Column<R>> out = new ArrayList<>();
        for (List<Column<R>> l : lists) {
            out.addAll(l);
        }
        return List.copyOf(out);
    }

    private static List<Field<?>> fields() {
        List<Field<?>> out = new ArrayList<>();
        for (List<Column<FitRow>> layout : List.of(LEADING, TRAILING)) {
            layout.forEach(c -> out.add(c.field()));
        }
        Part.requireDistinct(out);
        return List.copyOf(out);
    }
}
