package org.dgmoe.core.em;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
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
 * One E-pass of {@link EmWorkspace} alone (no M-step, no per-fit setup): the kernel cost that
 * {@code EmKernelBenchmark} dilutes with log g0, buffers and M-steps. In core's package (the
 * workspace is package-private; the bench jar is run on the class path, so the split package is
 * fine). x ~ U[0,1]^d, y ~ U[−2, 2], log g0 ~ U[−4, −1], k = 3 experts with λ = 0.6.
 * ns per point per component = score (µs) · 1000 / (n · k). {@code vector} true is the default
 * fast path (the forks get {@code --add-modules=jdk.incubator.vector}), false the pure-Java loops a
 * JVM without the module runs; both in one run side by side.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EmPassBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class EmPassBenchmark {
    static final int K = 3;

    @Param({"100000"})
    public int n;

    @Param({"1", "4"})
    public int d;

    @Param({"true", "false"})
    public boolean vector;

    private EmWorkspace ws;
    private final double[] p = {0.3, 0.3, 0.4};
    private double[][] a;
    private final double[] b = {-0.8, 0.2, 1.2};
    private final double[] v = {0.1, 0.2, 0.3};

    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] logG0 = new double[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            y[i] = 4 * rng.nextDouble() - 2;
            logG0[i] = -1 - 3 * rng.nextDouble();
        }
        a = new double[K][d];
        for (int i = 0; i < K; i++) {
            java.util.Arrays.fill(a[i], 1.5 * (i - 1));
        }
        ws = new EmWorkspace(x, new double[d], y, d, K, logG0, vector);
    }

    @Benchmark
    public double passFast() {
        return ws.passFast(true, 0.6, p, a, b, v);
    }

    @Benchmark
    public double logLikelihoodFast() {
        return ws.logLikelihoodFast(true, 0.6, p, a, b, v);
    }
}
