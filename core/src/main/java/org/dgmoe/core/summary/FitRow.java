package org.dgmoe.core.summary;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.TaskOutcome;

/**
 * Everything the study keeps of one task: a row of {@code fits/}, typed. Arrays are copied in and
 * out, and two rows are equal when every value is (doubles compared as {@link Double#equals}), the
 * certificate's (newtonGain, hessianNegativeDefinite, certificatePasses) aside.
 *
 * @param study              study name
 * @param setting            setting name
 * @param n                  sample size
 * @param replicate          replicate, 0-based
 * @param seed               the task seed
 * @param status             how the kept fit ended
 * @param iterations         accepted EM updates of the kept fit
 * @param logLikelihood      its log-likelihood
 * @param taskMillis         wall time of the whole task (simulate, every start, losses), taken by the caller
 * @param fitMillis          the fitter's time of the kept fit
 * @param lambdaHat          fitted λ
 * @param weights            fitted pᵢ
 * @param slopes             fitted aᵢ
 * @param intercepts         fitted bᵢ
 * @param variances          fitted σᵢ (variances)
 * @param metrics            the task's metric values by name ({@link Metrics}); a metric its setting lacks is absent
 * @param cellSizes          |A_j| by column name {@code cell{j}_size}; likewise
 * @param wassersteinOrder   the order r of {@code generalized_wasserstein}, or null without losses
 * @param lastRelativeChange |ℓ_t − ℓ_{t−1}| / |ℓ_{t−1}| of the last plain EM step
 * @param lastChange         ℓ_t − ℓ_{t−1} of that step
 * @param lastStep           its largest scaled parameter step
 * @param scoreNorm          norm of the projected score at the estimate
 * @param emEvaluations      EM-map evaluations of the kept fit
 * @param nearDegeneracy     its smallest weight, the points that component carries, its smallest
 *                           variance relative to the truth's, and whether it is spurious
 * @param startCheck         the start-sensitivity check, or null when the task was not checked
 * @param varied             the setting's varied values by column ({@link org.dgmoe.core.study.Setting#variedColumns});
 *                           empty for a hand-written setting
 * @param newtonGain         the optimality certificate: the log-likelihood gain a Newton step predicts from the
 *                           estimate ({@link FitResult#newtonGain}); NaN when the Hessian is not negative definite
 * @param hessianNegativeDefinite whether the Hessian of ℓ at the estimate is negative definite
 * @param certificatePasses  data passes of the kept fit at its estimate after its iteration stopped, for the
 *                           certificate and the score, not in {@code emEvaluations} ({@link FitResult#certificatePasses});
 *                           −1 unknown (a table written before the column existed)
 */
public record FitRow(String study, String setting, int n, int replicate, long seed, FitStatus status, int iterations,
        double logLikelihood, long taskMillis, long fitMillis, double lambdaHat, double[] weights, double[][] slopes,
        double[] intercepts, double[] variances, Map<String, Double> metrics, Map<String, Integer> cellSizes,
        Integer wassersteinOrder, double lastRelativeChange, double lastChange, double lastStep, double scoreNorm,
        int emEvaluations, NearDegeneracy nearDegeneracy, StartDifference startCheck, Map<String, Double> varied,
        double newtonGain, boolean hessianNegativeDefinite, int certificatePasses) {

    /** A row whose certificate's cost is unknown ({@code certificatePasses} −1). */
    public FitRow(String study, String setting, int n, int replicate, long seed, FitStatus status, int iterations,
            double logLikelihood, long taskMillis, long fitMillis, double lambdaHat, double[] weights, double[][] slopes,
            double[] intercepts, double[] variances, Map<String, Double> metrics, Map<String, Integer> cellSizes,
            Integer wassersteinOrder, double lastRelativeChange, double lastChange, double lastStep, double scoreNorm,
            int emEvaluations, NearDegeneracy nearDegeneracy, StartDifference startCheck, Map<String, Double> varied,
            double newtonGain, boolean hessianNegativeDefinite) {
        this(study, setting, n, replicate, seed, status, iterations, logLikelihood, taskMillis, fitMillis, lambdaHat,
                weights, slopes, intercepts, variances, metrics, cellSizes, wassersteinOrder, lastRelativeChange,
                lastChange, lastStep, scoreNorm, emEvaluations, nearDegeneracy, startCheck, varied, newtonGain,
                hessianNegativeDefinite, -1);
    }

    /** A row without the optimality certificate (newtonGain NaN, not negative definite, no certificate passes). */
    public FitRow(String study, String setting, int n, int replicate, long seed, FitStatus status, int iterations,
            double logLikelihood, long taskMillis, long fitMillis, double lambdaHat, double[] weights, double[][] slopes,
            double[] intercepts, double[] variances, Map<String, Double> metrics, Map<String, Integer> cellSizes,
            Integer wassersteinOrder, double lastRelativeChange, double lastChange, double lastStep, double scoreNorm,
            int emEvaluations, NearDegeneracy nearDegeneracy, StartDifference startCheck, Map<String, Double> varied) {
        this(study, setting, n, replicate, seed, status, iterations, logLikelihood, taskMillis, fitMillis, lambdaHat,
                weights, slopes, intercepts, variances, metrics, cellSizes, wassersteinOrder, lastRelativeChange,
                lastChange, lastStep, scoreNorm, emEvaluations, nearDegeneracy, startCheck, varied, Double.NaN, false, 0);
    }

    public FitRow {
        if (study == null || setting == null || setting.isEmpty() || status == null) {
            throw new IllegalArgumentException("study, setting, status: must not be null (setting non-empty)");
        }
        if (certificatePasses < -1) {
            throw new IllegalArgumentException("certificatePasses: must be >= 0, or -1 unknown, got " + certificatePasses);
        }
        if (nearDegeneracy == null) {
            throw new IllegalArgumentException("nearDegeneracy: must not be null");
        }
        if (n < 1 || replicate < 0) {
            throw new IllegalArgumentException("n, replicate: must be >= 1 and >= 0, got " + n + ", " + replicate);
        }
        int k = weights.length;
        if (slopes.length != k || intercepts.length != k || variances.length != k) {
            throw new IllegalArgumentException("weights, slopes, intercepts, variances: one entry per fitted "
                    + "expert, got " + k + ", " + slopes.length + ", " + intercepts.length + ", " + variances.length);
        }
        weights = weights.clone();
        slopes = deepCopy(slopes);
        intercepts = intercepts.clone();
        variances = variances.clone();
        metrics = ordered(metrics, "metrics");
        cellSizes = ordered(cellSizes, "cellSizes");
        varied = ordered(varied == null ? Map.of() : varied, "varied");
    }

    /** A row of a hand-written setting (no varied values). */
    public FitRow(String study, String setting, int n, int replicate, long seed, FitStatus status, int iterations,
            double logLikelihood, long taskMillis, long fitMillis, double lambdaHat, double[] weights, double[][] slopes,
            double[] intercepts, double[] variances, Map<String, Double> metrics, Map<String, Integer> cellSizes,
            Integer wassersteinOrder, double lastRelativeChange, double lastChange, double lastStep, double scoreNorm,
            int emEvaluations, NearDegeneracy nearDegeneracy, StartDifference startCheck) {
        this(study, setting, n, replicate, seed, status, iterations, logLikelihood, taskMillis, fitMillis, lambdaHat,
                weights, slopes, intercepts, variances, metrics, cellSizes, wassersteinOrder, lastRelativeChange,
                lastChange, lastStep, scoreNorm, emEvaluations, nearDegeneracy, startCheck, Map.of());
    }

    /** The row of a task of {@code setting} of {@code study}: {@link #of(String, TaskOutcome, long)} with its varied values. */
    public static FitRow of(org.dgmoe.core.study.Study study, TaskOutcome outcome, long taskMillis) {
        return of(study.name(), outcome, taskMillis).withVaried(study.setting(outcome.setting()).variedColumns());
    }

    /** This row with {@code columns} as its varied values. */
    public FitRow withVaried(Map<String, Double> columns) {
        return new FitRow(study, setting, n, replicate, seed, status, iterations, logLikelihood, taskMillis, fitMillis,
                lambdaHat, weights, slopes, intercepts, variances, metrics, cellSizes, wassersteinOrder,
                lastRelativeChange, lastChange, lastStep, scoreNorm, emEvaluations, nearDegeneracy, startCheck, columns,
                newtonGain, hessianNegativeDefinite, certificatePasses);
    }

    /** The row of a task's outcome; {@code taskMillis} is the task's wall time. */
    public static FitRow of(String study, TaskOutcome outcome, long taskMillis) {
        FitResult fit = outcome.fit();
        MixingMeasure mixing = fit.model().mixing();
        int k = mixing.size();
        double[] weights = new double[k];
        double[][] slopes = new double[k][];
        double[] intercepts = new double[k];
        double[] variances = new double[k];
        for (int i = 0; i < k; i++) {
            weights[i] = mixing.weight(i);
            slopes[i] = mixing.expert(i).slope();
            intercepts[i] = mixing.expert(i).intercept();
            variances[i] = mixing.expert(i).variance();
        }
        LossReport losses = outcome.losses();
        Map<String, Integer> sizes = losses == null ? new LinkedHashMap<>() : Metrics.labels(losses);
        sizes.remove(Metrics.WASSERSTEIN_ORDER);
        return new FitRow(study, outcome.setting(), outcome.n(), outcome.replicate(), outcome.seed(), fit.status(),
                fit.iterations(), fit.logLikelihood(), taskMillis, fit.millis(), fit.model().lambda(), weights, slopes,
                intercepts, variances, losses == null ? Map.of() : Metrics.toMap(losses), sizes,
                losses == null ? null : losses.wassersteinOrder(), fit.lastRelativeChange(), fit.lastChange(),
                fit.lastStep(), fit.scoreNorm(), fit.emEvaluations(), outcome.nearDegeneracy(),
                StartDifference.of(outcome.startCheck()), Map.of(), fit.certificate().newtonGain(),
                fit.certificate().hessianNegativeDefinite(),
                fit.certificate().passes());
    }

    /** The value of {@code metric}, NaN when the row has none. */
    public double metric(String metric) {
        return metrics.getOrDefault(metric, Double.NaN);
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
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[][] slopes() {
        return deepCopy(slopes);
    }

    @Override
    public double[] intercepts() {
        return intercepts.clone();
    }

    @Override
    public double[] variances() {
        return variances.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FitRow r && study.equals(r.study) && setting.equals(r.setting) && n == r.n
                && replicate == r.replicate && seed == r.seed && status == r.status && iterations == r.iterations
                && same(logLikelihood, r.logLikelihood) && taskMillis == r.taskMillis && fitMillis == r.fitMillis
                && same(lambdaHat, r.lambdaHat) && Arrays.equals(weights, r.weights)
                && Arrays.deepEquals(slopes, r.slopes) && Arrays.equals(intercepts, r.intercepts)
                && Arrays.equals(variances, r.variances) && metrics.equals(r.metrics) && cellSizes.equals(r.cellSizes)
                && Objects.equals(wassersteinOrder, r.wassersteinOrder)
                && same(lastRelativeChange, r.lastRelativeChange)
                && same(lastChange, r.lastChange) && same(lastStep, r.lastStep) && same(scoreNorm, r.scoreNorm)
                && emEvaluations == r.emEvaluations && nearDegeneracy.equals(r.nearDegeneracy)
                && Objects.equals(startCheck, r.startCheck) && varied.equals(r.varied);
    }

    @Override
    public int hashCode() {
        return Objects.hash(study, setting, n, replicate, seed);
    }

    @Override
    public String toString() {
        return "FitRow[" + study + "/" + setting + "/" + n + "/" + replicate + ", seed " + seed + ", " + status
                + ", ℓ " + logLikelihood + ", λ̂ " + lambdaHat + ", weights " + Arrays.toString(weights)
                + ", slopes " + Arrays.deepToString(slopes) + ", intercepts " + Arrays.toString(intercepts)
                + ", variances " + Arrays.toString(variances) + ", metrics " + metrics + ", cell sizes " + cellSizes
                + ", order " + wassersteinOrder + ", " + nearDegeneracy + ", start check " + startCheck
                + (varied.isEmpty() ? "" : ", varied " + varied) + "]";
    }

    private static boolean same(double a, double b) {
        return Double.compare(a, b) == 0;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    private static <V> Map<String, V> ordered(Map<String, V> values, String name) {
        LinkedHashMap<String, V> out = new LinkedHashMap<>(values);
        if (out.containsKey(null) || out.containsValue(null)) {
            throw new IllegalArgumentException(name + ": no null names or values (leave a missing one out)");
        }
        return Collections.unmodifiableMap(out);
    }
}
