package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.field.Column;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.field.ValueType;

/**
 * How a fit ended and the diagnostics of its convergence (docs/convergence.md): a {@link FitResult}
 * without its model and certificate. Declared in the order of a fit file; a fit's row stores the first
 * three, then its fitter time, beside the task's identity and the rest after its losses
 * ({@link FitRow#LEADING}).
 *
 * @param logLikelihood      Σ log p(yᵢ | xᵢ) of the fit (the sum, not the mean)
 * @param iterations         accepted parameter updates: M-steps for plain EM, cycles for SQUAREM
 * @param status             how the fit ended
 * @param fitMillis          the fitter's wall time
 * @param lastRelativeChange |ℓ_t − ℓ_{t−1}| / |ℓ_{t−1}| of the last plain EM step
 * @param lastChange         ℓ_t − ℓ_{t−1} of that step
 * @param lastStep           its largest scaled parameter step
 * @param scoreNorm          norm of the projected analytic score at the estimate
 * @param emEvaluations      EM-map evaluations ({@link FitResult#emEvaluations})
 * @param likelihoodPasses   a gated fit's E-step passes over the data ({@link GatedFitResult#likelihoodPasses});
 *                           −1, not counted, for a constant-weight fit and in a table written before the column
 * @param solverPasses       a gated fit's passes of its gate and λ Newton solvers ({@link GatedFitResult#solverPasses});
 *                           −1 as {@code likelihoodPasses}
 */
public record FitDiagnostics(double logLikelihood, int iterations, FitStatus status, long fitMillis,
        double lastRelativeChange, double lastChange, double lastStep, double scoreNorm, int emEvaluations,
        int likelihoodPasses, int solverPasses) {
    public static final Field<FitDiagnostics> LOG_LIKELIHOOD = Field.of("logLikelihood", ValueType.DOUBLE,
            "the log-likelihood, summed over points", FitDiagnostics::logLikelihood);
    public static final Field<FitDiagnostics> ITERATIONS = Field.of("iterations", ValueType.INT,
            "accepted parameter updates (M-steps for plain EM, cycles for SQUAREM)", FitDiagnostics::iterations);
    public static final Field<FitDiagnostics> STATUS = Field.ofEnum("status", FitStatus.class,
            "how the fit ended (converged, max_iterations, degenerate, non_finite)", FitDiagnostics::status);
    /** Key {@code millis} in a fit file, which has no task time; column {@code fit_millis} beside the task's. */
    public static final Field<FitDiagnostics> FIT_MILLIS = Field.of("fitMillis", ValueType.LONG,
            "the fitter's wall time in milliseconds", FitDiagnostics::fitMillis).withKey("millis");
    public static final Field<FitDiagnostics> LAST_RELATIVE_CHANGE = Field.of("lastRelativeChange", ValueType.DOUBLE,
            "|ℓ change| / |ℓ| of the last plain EM step", FitDiagnostics::lastRelativeChange);
    public static final Field<FitDiagnostics> LAST_CHANGE = Field.of("lastChange", ValueType.DOUBLE,
            "ℓ change of the last EM step", FitDiagnostics::lastChange);
    public static final Field<FitDiagnostics> LAST_STEP = Field.of("lastStep", ValueType.DOUBLE,
            "the largest scaled parameter step of the last EM step", FitDiagnostics::lastStep);
    public static final Field<FitDiagnostics> SCORE_NORM = Field.of("scoreNorm", ValueType.DOUBLE,
            "norm of the analytic score at the estimate", FitDiagnostics::scoreNorm);
    public static final Field<FitDiagnostics> EM_EVALUATIONS = Field.of("emEvaluations", ValueType.INT,
            "EM-map evaluations of the fit", FitDiagnostics::emEvaluations);

    /** Older tables, and every constant-weight fit, have no pass counts: −1. */
    public static final Field<FitDiagnostics> LIKELIHOOD_PASSES = Field.of("likelihoodPasses", ValueType.INT,
            "a gated fit's E-step passes over the data, the certificate's not (-1: a constant-weight fit, not counted)",
            FitDiagnostics::likelihoodPasses).absentReadsAs(-1);
    public static final Field<FitDiagnostics> SOLVER_PASSES = Field.of("solverPasses", ValueType.INT,
            "a gated fit's passes over the data of its gate and λ Newton solvers (-1: a constant-weight fit)",
            FitDiagnostics::solverPasses).absentReadsAs(-1);

    /** The diagnostics' fields, in fit-file order (the pass counts are not in a fit file: {@link #PASSES}). */
    public static final Part<FitDiagnostics> PART = new Part<>(List.of(LOG_LIKELIHOOD, ITERATIONS, STATUS, FIT_MILLIS,
            LAST_RELATIVE_CHANGE, LAST_CHANGE, LAST_STEP, SCORE_NORM, EM_EVALUATIONS),
            v -> new FitDiagnostics(v.number(LOG_LIKELIHOOD), v.integer(ITERATIONS),
                    v.constant(STATUS, FitStatus.class), v.longValue(FIT_MILLIS), v.number(LAST_RELATIVE_CHANGE),
                    v.number(LAST_CHANGE), v.number(LAST_STEP), v.number(SCORE_NORM), v.integer(EM_EVALUATIONS)));

    /**
     * The gated fit's pass counts, stored in {@code fits/} after {@code em_evaluations} ({@link FitRow#TRAILING}) but
     * not in a fit file, which only constant-weight fits write.
     */
    public static final List<Field<FitDiagnostics>> PASSES = List.of(LIKELIHOOD_PASSES, SOLVER_PASSES);

    /** The fields a row of {@code fits/} stores right after the task's identity, in table order. */
    public static final List<Field<FitDiagnostics>> LEADING = List.of(STATUS, ITERATIONS, LOG_LIKELIHOOD);

    /** What a fit file holds after the fitted parameters: the diagnostics, then the certificate. */
    public static final List<Column<FitResult>> FIT_FILE = fitFile();

    /**
     * What a gated fit's file holds after its parameters: {@link #FIT_FILE}'s keys in its order, of a gated fit
     * ({@link #of(GatedFitResult)}: its score norm is NaN).
     */
    public static final List<Column<GatedFitResult>> GATED_FIT_FILE = gatedFitFile();

    public FitDiagnostics {
        if (status == null) {
            throw new IllegalArgumentException("status: must not be null");
        }
        if (likelihoodPasses < -1 || solverPasses < -1) {
            throw new IllegalArgumentException("likelihoodPasses, solverPasses: must be >= 0, or -1 not counted, got "
                    + likelihoodPasses + ", " + solverPasses);
        }
    }

    /** Diagnostics without pass counts (−1): a constant-weight fit's. */
    public FitDiagnostics(double logLikelihood, int iterations, FitStatus status, long fitMillis,
            double lastRelativeChange, double lastChange, double lastStep, double scoreNorm, int emEvaluations) {
        this(logLikelihood, iterations, status, fitMillis, lastRelativeChange, lastChange, lastStep, scoreNorm,
                emEvaluations, -1, -1);
    }

    /** These diagnostics with {@code fitMillis} as the fitter's wall time. */
    public FitDiagnostics withFitMillis(long fitMillis) {
        return new FitDiagnostics(logLikelihood, iterations, status, fitMillis, lastRelativeChange, lastChange, lastStep,
                scoreNorm, emEvaluations, likelihoodPasses, solverPasses);
    }

    /** These diagnostics with the pass counts read from a table's row (−1 where it has none). */
    public FitDiagnostics withPasses(int likelihoodPasses, int solverPasses) {
        return new FitDiagnostics(logLikelihood, iterations, status, fitMillis, lastRelativeChange, lastChange, lastStep,
                scoreNorm, emEvaluations, likelihoodPasses, solverPasses);
    }

    /**
     * The diagnostics of a gated fit: its conditional ℓ, its EM steps, evaluations and passes; its score norm is not
     * computed (NaN).
     */
    public static FitDiagnostics of(GatedFitResult fit) {
        return new FitDiagnostics(fit.logLikelihood(), fit.iterations(), fit.status(), fit.millis(),
                fit.lastRelativeChange(), fit.lastChange(), fit.lastStep(), Double.NaN, fit.evaluations(),
                fit.likelihoodPasses(), fit.solverPasses());
    }

    /** The diagnostics of {@code fit}. */
    public static FitDiagnostics of(FitResult fit) {
        return new FitDiagnostics(fit.logLikelihood(), fit.iterations(), fit.status(), fit.millis(),
                fit.lastRelativeChange(), fit.lastChange(), fit.lastStep(), fit.scoreNorm(), fit.emEvaluations());
    }

    private static List<Column<GatedFitResult>> gatedFitFile() {
        List<Column<GatedFitResult>> out = new ArrayList<>(PART.<GatedFitResult>of(FitDiagnostics::of));
        out.addAll(Certificate.PART.of(GatedFitResult::certificate));
        return List.copyOf(out);
    }

    private static List<Column<FitResult>> fitFile() {
        List<Column<FitResult>> out = new ArrayList<>(PART.of(FitDiagnostics::of));
        out.addAll(Certificate.PART.of(FitResult::certificate));
        Part.requireDistinct(out.stream().map(Column::field).toList());
        return List.copyOf(out);
    }
}
