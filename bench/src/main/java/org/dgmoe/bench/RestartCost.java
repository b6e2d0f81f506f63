package org.dgmoe.bench;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.em.BestFit;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.em.UncertifiedFit;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskRunner;

/**
 * What fitting restart candidates without the optimality certificate saves (docs/performance.md, "The
 * certificate, paid once"): the setting of {@link ConvergenceStudy} (quickstart truth, k* = 2) with K
 * fitted experts (2: exact-fitted, 3: over-fitted) and random starts, every task fitted twice in one JVM,
 * alternately: "every" certifies each candidate (the loop before {@link EmFitter#fitUncertified}), "kept"
 * certifies only the kept one afterwards, as {@link TaskRunner#fit} does ({@link BestFit}; mode {@code restarts}), or none,
 * as the start check's refits (mode {@code check}; the task's configured fit, the same in both schemes, is
 * not included). Prints, per scheme, Σ em_evaluations and Σ certificate passes over all candidates and the
 * fitting CPU time (after an uncounted warm-up on the first task). Not a test: a documented command
 * (stdout is its output).
 *
 * <pre>
 * mvn -q -B -o -pl core,bench -am package -DskipTests
 * java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     org.dgmoe.bench.RestartCost restarts|check K REPLICATES RESTARTS N...
 * </pre>
 */
public final class RestartCost {
    private RestartCost() {
    }

    public static void main(String[] args) {
        if (!args[0].equals("restarts") && !args[0].equals("check")) {
            throw new IllegalArgumentException("mode: restarts or check, got " + args[0]);
        }
        boolean check = args[0].equals("check");
        int experts = Integer.parseInt(args[1]);
        int replicates = Integer.parseInt(args[2]);
        int restarts = Integer.parseInt(args[3]);
        int[] sizes = new int[args.length - 4];
        for (int i = 4; i < args.length; i++) {
            sizes[i - 4] = Integer.parseInt(args[i]);
        }
        Setting base = ConvergenceStudy.setting(EmSettings.DEFAULTS);
        FitSpec f = base.fit();
        Setting s = new Setting("random-restarts", base.covariates(), base.truth(), new FitSpec(experts,
                f.lambdaFree(), f.fixedLambda(), InitKind.RANDOM, restarts, f.em(), NearTruthStart.DEFAULTS, null),
                base.theory());
        TaskRunner runner = new TaskRunner(new Study("restart-cost", 20240207L, replicates, sizes, List.of(s),
                LossSettings.DEFAULTS));
        EmFitter fitter = new EmFitter(s.fit().em());
        long[] evaluations = new long[2];
        long[] passes = new long[2];
        long[] nanos = new long[2];
        // CPU time of this thread: the machine is shared, and wall time would charge others' load to a scheme.
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        // JIT warm-up, not counted: both schemes on the first size's first replicate.
        Dataset warm = runner.data(s, sizes[0], 0);
        for (int c = 0; c < 2 * restarts; c++) {
            UniformRandomProvider rng = Seeds.stream(runner.seed(s, sizes[0], 0), Seeds.Stream.INIT);
            fitter.certify(warm, fitter.fitUncertified(warm, TaskRunner.start(s, warm, rng)));
            fitter.fit(warm, TaskRunner.start(s, warm, rng));
        }
        int tasks = 0;
        for (int n : sizes) {
            for (int r = 0; r < replicates; r++) {
                Dataset data = runner.data(s, n, r);
                long seed = runner.seed(s, n, r);
                FitResult every = null;
                FitResult kept = null;
                for (int order = 0; order < 2; order++) {
                    int scheme = (order + tasks) % 2; // alternate which scheme runs first
                    UniformRandomProvider rng = Seeds.stream(seed, Seeds.Stream.INIT);
                    long t0 = cpu.getCurrentThreadCpuTime();
                    if (scheme == 0) {
                        for (int c = 0; c < restarts; c++) {
                            FitResult fit = fitter.fit(data, TaskRunner.start(s, data, rng));
                            evaluations[0] += fit.emEvaluations();
                            passes[0] += fit.certificate().passes();
                            if (every == null || fit.betterThan(every)) {
                                every = fit;
                            }
                        }
                    } else {
                        BestFit best = BestFit.none();
                        for (int c = 0; c < restarts; c++) {
                            UncertifiedFit fit = fitter.fitUncertified(data, TaskRunner.start(s, data, rng));
                            evaluations[1] += fit.result().emEvaluations();
                            passes[1] += fit.result().certificate().passes();
                            best = best.with(fit);
                        }
                        kept = check ? best.result() : best.certified(fitter, data);
                        passes[1] += kept.certificate().passes() - best.result().certificate().passes();
                    }
                    nanos[scheme] += cpu.getCurrentThreadCpuTime() - t0;
                }
                if (Double.compare(every.logLikelihood(), kept.logLikelihood()) != 0
                        || (!check && Double.compare(every.certificate().newtonGain(), kept.certificate().newtonGain()) != 0)) {
                    throw new IllegalStateException("n = " + n + ", replicate " + r + ": the schemes kept different "
                            + "fits or certificates: " + every + " vs " + kept);
                }
                tasks++;
            }
        }
        String[] names = {"every", "kept"};
        for (int i = 0; i < 2; i++) {
            System.out.printf(Locale.ROOT, "%-5s tasks %d, candidates %d: em_evaluations %d, certificate passes %d,"
                    + " sum %d; fitting %.1f s of CPU%n", names[i], tasks, tasks * restarts, evaluations[i], passes[i],
                    evaluations[i] + passes[i], nanos[i] / 1e9);
        }
        System.out.printf(Locale.ROOT, "ratio every/kept: passes %.3f, time %.3f%n",
                (double) (evaluations[0] + passes[0]) / (evaluations[1] + passes[1]), (double) nanos[0] / nanos[1]);
    }
}
