package org.dgmoe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;

/**
 * The EM-map cost of real over-fitted fits, by the fits' own counters, in one JVM and without
 * Spark: the setting two-atoms-k3 of conf/studies/distinguishable-overfit.conf (d = 1, k* = 2,
 * k = 3, Student-t g0, near-truth starts, dgmoe's default SQUAREM EM) with the cap of
 * bench/sweep/run-sweep.sh (3 000 EM-map evaluations), at n = 10⁴ … 2·10⁵. Per fit it prints
 * FitResult.millis (what fits/ calls fit_millis) per n·k·em_evaluations, and the same with the
 * fitting thread's CPU time, which a loaded machine does not inflate. The data streams are not
 * the sweep's (Seeds), so the fits are comparable, not identical.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar org.dgmoe.bench.InFitCost [REPLICATES]</pre>
 */
public final class InFitCost {
    private InFitCost() {
    }

    public static void main(String[] args) {
        int replicates = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        DeviatedModel truth = new DeviatedModel(0.5,
                new MixingMeasure(new double[] {0.5, 0.5}, List.of(new Expert(new double[] {-2.0}, 1.0, 0.09),
                        new Expert(new double[] {2.0}, -1.0, 0.16))),
                new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3));
        EmFitter fitter = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(3000));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int k = 3;
        double sumMillis = 0;
        double sumCpu = 0;
        double sumWork = 0;
        System.out.println("n replicate evaluations fit_millis ns_wall ns_cpu (per point, component, evaluation) status");
        for (int n : new int[] {10000, 27144, 73681, 200000}) {
            for (int r = 0; r < replicates; r++) {
                Dataset data = Simulator.simulate(new UniformCovariates(new double[] {0}, new double[] {1}), truth, n,
                        RandomSource.XO_RO_SHI_RO_128_PP.create(1000L * n + r));
                DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, k, n,
                        RandomSource.XO_RO_SHI_RO_128_PP.create(7L * n + r));
                long cpu0 = threads.getCurrentThreadCpuTime();
                FitResult fit = fitter.fit(data, start);
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                double work = (double) n * k * fit.emEvaluations();
                System.out.printf(Locale.ROOT, "%d %d %d %d %.2f %.2f %s%n", n, r, fit.emEvaluations(), fit.millis(),
                        fit.millis() * 1e6 / work, cpu / work, fit.status());
                sumMillis += fit.millis();
                sumCpu += cpu;
                sumWork += work;
            }
        }
        System.out.printf(Locale.ROOT, "pooled: %.2f ns wall (fit_millis), %.2f ns CPU per point per component per evaluation%n",
                sumMillis * 1e6 / sumWork, sumCpu / sumWork);
    }
}
