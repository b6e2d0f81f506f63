package org.dgmoe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.rate.RateEstimate;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.study.TaskRunner;

/**
 * The measurement behind the default stop rule (docs/convergence.md): an over-fitted study (the
 * quickstart truth, k* = 2, k = 3, student-t g0, near-truth starts) at n = 500..20 000, run with core
 * code only (TaskRunner, RateEstimator, TheoryTable) under several EM settings; prints, per variant,
 * iterations, EM-map evaluations, wall time, status counts and every metric's slope and interval.
 * Not a test: a documented command (stdout is its output).
 *
 * <pre>
 * mvn -q -B -o -pl core,bench -am package -DskipTests
 * java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     org.dgmoe.bench.ConvergenceStudy 20 default tight published
 * </pre>
 * The setting is core's test fixture {@code Overfit}, which the tests of the start check, the guardrails
 * and restarts share.
 */
public final class ConvergenceStudy {
    private static final int[] SIZES = {500, 1000, 2000, 5000, 10000, 20000};

    private ConvergenceStudy() {
    }

    private static EmSettings variant(String name) {
        return switch (name) {
            case "default" -> EmSettings.DEFAULTS;
            case "tight" -> EmSettings.DEFAULTS.withTolerance(EmSettings.DEFAULT_ABSOLUTE_TOLERANCE / 10)
                    .withStepTolerance(EmSettings.DEFAULT_STEP_TOLERANCE / 10);
            case "plain" -> EmSettings.DEFAULTS.withAcceleration(Acceleration.NONE);
            case "plain-50k" -> EmSettings.DEFAULTS.withAcceleration(Acceleration.NONE).withMaxIterations(50_000);
            case "default-50k" -> EmSettings.DEFAULTS.withMaxIterations(50_000);
            case "published" -> EmSettings.PUBLISHED;
            case "published-squarem" -> EmSettings.PUBLISHED.withAcceleration(Acceleration.SQUAREM);
            case "loose" -> EmSettings.DEFAULTS.withTolerance(EmSettings.DEFAULT_ABSOLUTE_TOLERANCE * 100)
                    .withStepTolerance(EmSettings.DEFAULT_STEP_TOLERANCE * 100);
            default -> throw new IllegalArgumentException("variant: one of default, tight, plain, plain-50k, "
                    + "default-50k, published, published-squarem, loose; got " + name);
        };
    }

    /** The over-fitted setting under {@code em}. */
    static Setting setting(EmSettings em) {
        StudentTG0 g0 = new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3);
        DeviatedModel truth = new DeviatedModel(0.5, new MixingMeasure(new double[] {0.5, 0.5}, List.of(
                new Expert(new double[] {-2.0}, 1.0, 0.09), new Expert(new double[] {2.0}, -1.0, 0.16))), g0);
        FitSpec fit = new FitSpec(3, true, Double.NaN, InitKind.NEAR_TRUTH, 1, em, NearTruthStart.DEFAULTS, null);
        return new Setting("overfit", new UniformCovariates(new double[] {0.0}, new double[] {1.0}), truth, fit,
                Map.of());
    }

    public static void main(String[] args) throws Exception {
        int replicates = Integer.parseInt(args[0]);
        for (int a = 1; a < args.length; a++) {
            run(args[a], replicates);
        }
    }

    private static void run(String name, int replicates) throws Exception {
        Setting setting = setting(variant(name));
        Study study = new Study("convergence", 20240207L, replicates, SIZES, List.of(setting), LossSettings.DEFAULTS);
        TaskRunner runner = new TaskRunner(study);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long t0 = System.nanoTime();
        List<List<Future<TaskOutcome>>> futures = new ArrayList<>();
        for (int n : SIZES) {
            List<Future<TaskOutcome>> row = new ArrayList<>();
            for (int r = 0; r < replicates; r++) {
                int rr = r;
                row.add(pool.submit(() -> runner.run(setting, n, rr)));
            }
            futures.add(row);
        }
        List<String> metrics = Metrics.names(setting.deviatedTruth());
        long[] ns = new long[SIZES.length];
        double[][][] values = new double[metrics.size()][SIZES.length][replicates];
        FitStatus[][] statuses = new FitStatus[SIZES.length][replicates];
        System.out.printf(Locale.ROOT, "%n### variant %s: %s%n%n", name, variant(name));
        System.out.println("| n | mean iterations | mean EM-map evaluations | mean fit ms | converged | capped | other |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int i = 0; i < SIZES.length; i++) {
            ns[i] = SIZES[i];
            double it = 0;
            double ev = 0;
            double ms = 0;
            int conv = 0;
            int cap = 0;
            for (int r = 0; r < replicates; r++) {
                TaskOutcome o = futures.get(i).get(r).get();
                statuses[i][r] = o.fit().status();
                it += o.fit().iterations();
                ev += o.fit().emEvaluations();
                ms += o.fit().millis();
                conv += o.fit().status() == FitStatus.CONVERGED ? 1 : 0;
                cap += o.fit().status() == FitStatus.MAX_ITERATIONS ? 1 : 0;
                Map<String, Double> m = Metrics.toMap(o.losses());
                for (int j = 0; j < metrics.size(); j++) {
                    Double v = m.get(metrics.get(j));
                    values[j][i][r] = v == null ? Double.NaN : v;
                }
            }
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %d | %d | %d |%n", SIZES[i], it / replicates,
                    ev / replicates, ms / replicates, conv, cap, replicates - conv - cap);
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%nwall time %.1f s (2 threads)%n%n", (System.nanoTime() - t0) / 1e9);
        RateEstimator rates = new RateEstimator(RateSettings.DEFAULTS);
        Map<String, Double> theory = TheoryTable.forSetting(setting);
        System.out.println("| metric | slope | 95% interval | theory | verdict | flag |");
        System.out.println("|---|---|---|---|---|---|");
        for (int j = 0; j < metrics.size(); j++) {
            String metric = metrics.get(j);
            RateEstimate e = rates.estimate(ns, values[j], statuses, theory.getOrDefault(metric, Double.NaN));
            System.out.printf(Locale.ROOT, "| %s | %.3f | [%.3f, %.3f] | %s | %s | %s |%n", metric, e.slope(),
                    e.ciLow(), e.ciHigh(), Double.isNaN(e.theory()) ? "—" : String.format(Locale.ROOT, "%.3f",
                            e.theory()), e.verdict().label(), e.flag());
        }
        System.out.flush();
    }
}
