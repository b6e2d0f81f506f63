package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.spark.TaskContext;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.loss.CellError;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.study.TaskRunner;

/**
 * A tiny study and cheap deterministic stand-ins for the task function: the "fit" is the truth
 * moved by noise of size n^(-1/2) drawn from the task's keyed stream, so every metric decays like
 * n^(-1/2); one fit in ten reports {@code max_iterations}. Timing ({@code millis}) is deliberately
 * not deterministic.
 */
public final class FakeTasks {
    /** Tasks run by {@link #COUNTING} since the last reset (local mode: one JVM). */
    static final AtomicInteger CALLS = new AtomicInteger();

    private FakeTasks() {
    }

    public static Study tinyStudy(String name, Map<String, Double> theoryOfB) {
        DeviatedModel a = new DeviatedModel(1.0, new MixingMeasure(new double[] {1.0},
                List.of(new Expert(new double[] {1.0}, 0.0, 0.5))), new NoG0());
        DeviatedModel b = new DeviatedModel(0.6, new MixingMeasure(new double[] {0.4, 0.6},
                List.of(new Expert(new double[] {-1.0}, 1.0, 0.2), new Expert(new double[] {2.0}, -1.0, 0.3))),
                new GaussianLinearG0(new double[] {0.0}, 0.0, 1.0));
        return new Study(name, 42L, 4, new int[] {100, 400, 1600},
                List.of(setting("a", a, Map.of()), setting("b", b, theoryOfB)), LossSettings.DEFAULTS);
    }

    private static Setting setting(String name, DeviatedModel truth, Map<String, Double> theory) {
        FitSpec fit = new FitSpec(truth.size(), !truth.g0().isNone(), Double.NaN, InitKind.NEAR_TRUTH, 1,
                EmSettings.DEFAULTS, NearTruthStart.DEFAULTS, null);
        return new Setting(name, new UniformCovariates(new double[] {0}, new double[] {1}), truth, fit, theory);
    }

    /** The task keys of {@code ranges} (of {@code study}), in order: for tests of small plans only. */
    public static List<TaskKey> keys(Study study, List<TaskRange> ranges) {
        List<TaskKey> keys = new ArrayList<>();
        for (TaskRange r : ranges) {
            for (int i = r.from(); i < r.to(); i++) {
                keys.add(new TaskKey(study.settings().get(r.setting()).name(), r.n(), i));
            }
        }
        return keys;
    }

    /** Every task key of {@code study} in start order ({@link TaskPlan#of}): for tests of small studies only. */
    public static List<TaskKey> keys(Study study) {
        return keys(study, TaskPlan.of(study));
    }

    public static LoadedStudy loaded(Study study, String hash) {
        return new LoadedStudy(study, RateSettings.DEFAULTS, "tiny.conf", "{\"name\":\"" + study.name() + "\"}", hash);
    }

    /** The deterministic fake outcome of a task. */
    public static TaskOutcome outcome(Study study, Setting setting, int n, int replicate) {
        long seed = Seeds.taskSeed(study.seed(), setting.name(), n, replicate);
        UniformRandomProvider rng = Seeds.stream(seed, Seeds.Stream.DATA);
        double scale = 1 / Math.sqrt(n);
        DeviatedModel truth = setting.deviatedTruth();
        MixingMeasure m = truth.mixing();
        List<Expert> experts = new ArrayList<>();
        List<CellError> cells = new ArrayList<>();
        double voronoi = 0;
        for (int i = 0; i < m.size(); i++) {
            Expert e = m.expert(i);
            double da = scale * (rng.nextDouble() - 0.5);
            double db = scale * (rng.nextDouble() - 0.5);
            double dv = scale * rng.nextDouble() * 0.1;
            experts.add(new Expert(new double[] {e.slope(0) + da}, e.intercept() + db, e.variance() + dv));
            double p = m.weight(i);
            cells.add(new CellError(i + 1, new int[] {i}, 0.0, p * Math.abs(da), p * Math.abs(db), p * dv));
            voronoi += p * (Math.abs(da) + Math.abs(db) + dv);
        }
        double lambda = truth.g0().isNone() ? 1.0 : truth.lambda() + scale * (rng.nextDouble() - 0.5) * 0.2;
        DeviatedModel fitted = truth.with(lambda, new MixingMeasure(m.weights(), experts));
        FitStatus status = rng.nextDouble() < 0.1 ? FitStatus.MAX_ITERATIONS : FitStatus.CONVERGED;
        FitResult fit = new FitResult(fitted, -n * (1 + rng.nextDouble()), 5 + rng.nextInt(20), status,
                System.nanoTime() % 97, 1e-7 * rng.nextDouble(), 1e-9, 1e-7, 1e-3, 5 + rng.nextInt(20));
        CellError cellZero = truth.g0().isGaussianExpert() ? new CellError(0, new int[0], 0, 0, 0, 0) : null;
        double lambdaError = Math.abs(lambda - truth.lambda());
        LossReport losses = new LossReport(voronoi + lambdaError, Math.sqrt(voronoi), 1, voronoi / 2, lambdaError,
                cells, cellZero);
        return new TaskOutcome(setting.name(), n, replicate, seed, fit, losses,
                TaskRunner.nearDegeneracy(setting, n, fit));
    }

    static final TaskFunction PLAIN = FakeTasks::outcome;

    static final TaskFunction COUNTING = (study, setting, n, replicate) -> {
        CALLS.incrementAndGet();
        return outcome(study, setting, n, replicate);
    };

    /** Fails the first attempt of every task of replicate 1 (a retried task must give the same row). */
    static final TaskFunction FLAKY = (study, setting, n, replicate) -> {
        if (replicate == 1 && TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("simulated executor loss");
        }
        return outcome(study, setting, n, replicate);
    };

    /** Crashes on every task of the smallest n: the study is interrupted after the larger ones. */
    static final TaskFunction CRASHING = (study, setting, n, replicate) -> {
        if (n == study.sampleSizes()[0]) {
            throw new IllegalStateException("simulated crash");
        }
        CALLS.incrementAndGet();
        return outcome(study, setting, n, replicate);
    };
}
