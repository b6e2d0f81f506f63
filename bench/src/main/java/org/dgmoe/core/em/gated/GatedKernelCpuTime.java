package org.dgmoe.core.em.gated;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * GatedKernelBenchmark's cases timed by the thread's CPU time (ThreadMXBean), interleaved round by round: on a
 * shared machine the wall time of a JMH iteration includes the time the thread waited for a core, its CPU time
 * does not (cache and memory-bandwidth contention remain). Each round runs every case in turn (the order rotated
 * per round), {@link #CALLS} calls each (fewer for the full softmax step); per case the median and the minimum
 * over rounds of CPU µs per call, ns per point per component, and the ratio of medians to the constant kernel.
 *
 * <p>Run: {@code java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar
 * org.dgmoe.core.em.gated.GatedKernelCpuTime [rounds]}.
 */
public final class GatedKernelCpuTime {
    static final int CALLS = 20;
    static final int WARMUP_CALLS = 300;

    private GatedKernelCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        GatedKernelBenchmark b = new GatedKernelBenchmark();
        b.n = 100_000;
        b.setUp();
        String[] names = {"constantKernelPass", "gatedPassConstant", "gatedPassSoftmax", "expertMomentsLanes",
            "expertMomentsReference", "gatedStepConstant", "gatedPassSoftmaxReference", "gatedStepSoftmax"};
        Supplier<?>[] cases = {b::constantKernelPass, b::gatedPassConstant, b::gatedPassSoftmax,
            b::expertMomentsLanes, b::expertMomentsReference, b::gatedStepConstant, b::gatedPassSoftmaxReference,
            b::gatedStepSoftmax};
        int[] calls = {CALLS, CALLS, CALLS, CALLS, CALLS, CALLS, 2, 1};
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Object sink = null;
        for (int c = 0; c < cases.length; c++) {
            int warm = Math.max(WARMUP_CALLS * calls[c] / CALLS, 10);
            for (int w = 0; w < warm; w++) {
                sink = cases[c].get();
            }
        }
        double[][] micros = new double[cases.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int o = 0; o < cases.length; o++) {
                int c = (o + r) % cases.length;
                long t0 = bean.getCurrentThreadCpuTime();
                for (int i = 0; i < calls[c]; i++) {
                    sink = cases[c].get();
                }
                micros[c][r] = (bean.getCurrentThreadCpuTime() - t0) / 1e3 / calls[c];
            }
        }
        double perPoint = 1e3 / (b.n * (double) GatedKernelBenchmark.K);
        double base = median(micros[0]);
        System.out.printf("%-26s %12s %12s %10s %10s %8s%n", "case", "median µs", "min µs", "ns/pt/c", "(min)",
                "ratio");
        for (int c = 0; c < cases.length; c++) {
            double med = median(micros[c]);
            double min = Arrays.stream(micros[c]).min().orElse(Double.NaN);
            System.out.printf("%-26s %12.1f %12.1f %10.2f %10.2f %8.2f%n", names[c], med, min, med * perPoint,
                    min * perPoint, med / base);
        }
        System.out.println(sink == null ? "" : "(" + rounds + " rounds)");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
