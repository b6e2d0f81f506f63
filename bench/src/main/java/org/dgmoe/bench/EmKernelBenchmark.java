package org.dgmoe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EM cost per point per component per iteration: one fit of {@link #ITERATIONS} iterations with
 * tolerance 0 (so exactly that many M-steps; the fit makes ITERATIONS + 1 passes over the data,
 * the last evaluating ℓ of the returned iterate, and all of it is charged to the ITERATIONS).
 * Deviated model, student-t g0, λ free, k = 3 experts fitted to data from a 3-expert truth,
 * x ~ U[0,1]^d. The score is time per fit; divide by n·k·ITERATIONS (done in docs/performance.md).
 * {@link #fitOneIteration} measures the same fit stopped after one M-step, to separate the per-fit overhead.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EmKernelBenchmark -f 1 -wi 3 -i 5}. The forks get
 * {@code --add-modules=jdk.incubator.vector} (the fast path's Vector API parts, as in every JVM of
 * the project); {@code -jvmArgsAppend -Ddgmoe.em.vector=false} measures the pure-Java fallback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class EmKernelBenchmark {
    /** M-steps per fit. */
    public static final int ITERATIONS = 20;
    static final int K = 3;

    @Param({"100000"})
    public int n;

    @Param({"1", "4"})
    public int d;

    @Param({"FAST", "REFERENCE"})
    public String kernel;

    private Dataset data;
    private DeviatedModel start;
    private EmFitter fitter;
    private EmFitter oneIteration;

    @Setup(Level.Trial)
    public void setUp() {
        double[] a = new double[d];
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < K; i++) {
            double[] slope = new double[d];
            java.util.Arrays.fill(slope, 1.5 * (i - 1));
            experts.add(new Expert(slope, i - 1.0, 0.05 + 0.05 * i));
        }
        java.util.Arrays.fill(a, 0.5);
        DeviatedModel truth = new DeviatedModel(0.5,
                new MixingMeasure(new double[] {0.3, 0.3, 0.4}, experts), new StudentTG0(a, -2.5, 0.4, 3));
        double[] hi = new double[d];
        java.util.Arrays.fill(hi, 1.0);
        data = Simulator.simulate(new UniformCovariates(new double[d], hi), truth, n,
                RandomSource.XO_RO_SHI_RO_128_PP.create(2024L));
        // Start: the truth with shifted intercepts, so every iteration does real work.
        List<Expert> shifted = new ArrayList<>();
        for (Expert e : experts) {
            shifted.add(new Expert(e.slope(), e.intercept() + 0.2, 2 * e.variance()));
        }
        start = truth.with(0.4, new MixingMeasure(new double[] {0.3, 0.3, 0.4}, shifted));
        fitter = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(ITERATIONS).withTolerance(0).withAcceleration(Acceleration.NONE),
                EmFitter.Kernel.valueOf(kernel));
        // Plain EM like `fitter` (SQUAREM's last pass also computes the statistics, plain EM's only ℓ).
        oneIteration = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(1).withTolerance(0)
                .withAcceleration(Acceleration.NONE), EmFitter.Kernel.valueOf(kernel));
    }

    @Benchmark
    public FitResult fit() {
        return fitter.fit(data, start);
    }

    /**
     * The same fit stopped after one M-step: the per-fit overhead (log g0 of every point, buffers,
     * the pass at the start) plus one iteration, so (fit − fitOneIteration) / (ITERATIONS − 1) is the
     * cost of one iteration alone.
     */
    @Benchmark
    public FitResult fitOneIteration() {
        return oneIteration.fit(data, start);
    }
}
