package org.dgmoe.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.rate.RateEstimate;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.rate.RateSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rates' bootstrap over many replicates (issue 26): {@code metrics} metrics of equal counts, 5 sizes of
 * {@code replicates} values each, 100 resamples. {@link #together} is {@code RateEstimator.estimate} of all of
 * them in one call (the draws shared and taken ahead, core {@code RateBootstrap}); {@link #oneByOne} the same
 * estimator a metric at a time; {@link #loopBefore} the loop the estimator ran before issue 26's change (a draw,
 * then its value), written out here as {@code RateBootstrapTest} writes it, the same draws and sums. Divide the
 * time by metrics · 5 · replicates · 100 for nanoseconds per metric and draw (docs/performance.md).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RateBootstrapBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RateBootstrapBenchmark {
    static final long[] N = {20, 30, 45, 67, 100};
    static final int RESAMPLES = 100;

    @Param({"200000"})
    public int replicates;

    @Param({"6"})
    public int metrics;

    private double[][][] values;
    private double[] theory;
    private RateEstimator estimator;

    @Setup
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261207L);
        values = new double[metrics][N.length][replicates];
        for (double[][] m : values) {
            for (double[] x : m) {
                for (int t = 0; t < x.length; t++) {
                    x[t] = Math.exp(rng.nextDouble() * 4 - 2);
                }
            }
        }
        theory = new double[metrics];
        Arrays.fill(theory, -0.5);
        estimator = new RateEstimator(new RateSettings(RESAMPLES, 0.95, 0.05, 7L, false));
    }

    @Benchmark
    public RateEstimate[] together() {
        return estimator.estimate(N, values, theory);
    }

    @Benchmark
    public double oneByOne() {
        double s = 0;
        for (int m = 0; m < metrics; m++) {
            s += estimator.estimate(N, values[m], theory[m]).ciLow();
        }
        return s;
    }

    @Benchmark
    public double loopBefore() {
        double sum = 0;
        for (int m = 0; m < metrics; m++) {
            UniformRandomProvider rng = Seeds.stream(7L, Seeds.Stream.BOOTSTRAP);
            for (int r = 0; r < RESAMPLES; r++) {
                for (double[] x : values[m]) {
                    double s = 0;
                    for (int t = 0; t < x.length; t++) {
                        s += x[rng.nextInt(x.length)];
                    }
                    sum += Math.log(s / x.length);
                }
            }
        }
        return sum;
    }
}
