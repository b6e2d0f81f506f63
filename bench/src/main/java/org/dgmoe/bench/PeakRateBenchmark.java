package org.dgmoe.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peak double-precision rate of one core as the JVM reaches it (issue 27's floor): the arithmetic
 * floor of the EM kernel's weighted Gram is d(d + 1) flops per point and expert (a multiply and an add
 * per statistic, (d + 2)(d + 3)/2 ≈ d²/2 statistics), and this gives the flops per ns it is divided by.
 *
 * <p>How: {@link #CHAINS} independent recurrences on {@code DoubleVector}s of the preferred species
 * (8 doubles with AVX-512), {@link #STEPS} steps each, everything in registers (no loads or stores in
 * the loop). A step of a chain depends on its previous step, so the number of chains hides the
 * latencies and the rate is the throughput of the pipes. {@link #mulAdd}: the operations the Gram
 * kernel uses, a multiply and an add: 8 chains s ← s·m and 8 chains s ← s + c (2 flops per lane per
 * step; with m = 1, c = 2⁻¹⁰ nothing overflows or goes denormal). Not 16 chains
 * s ← s·m + c: that body (32 vector operations) outgrows C2's inlining budget on JDK 17, and the
 * operations left as calls box their vectors (10 flops/ns instead of ~100). {@link #fusedMulAdd}:
 * 16 chains s ← s·m + c fused (2 flops per lane and step; m = 1 − 2⁻¹⁰, so every chain stays near 1),
 * for reference. Both are kept out of JMH's calling loop ({@code DONT_INLINE}): inlined there, C2 ran
 * out of inlining budget and boxed the vectors (measured 2–4 ms per call instead of ~1 µs). flops per ns = {@link #mulAddFlopsPerCall()} (resp. {@link #fusedFlopsPerCall()}) / (score in ns).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PeakRateBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PeakRateBenchmark {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector. */
    public static final int LANES = S.length();
    /** Independent chains. */
    public static final int CHAINS = 16;
    /** Steps per chain and call. */
    public static final int STEPS = 256;

    /** Non-final fields, so that the JIT cannot fold the recurrence. */
    public double multiplier = 1 - 0x1p-10;
    public double addend = 0x1p-10;
    /** The multiplier of {@link #mulAdd}'s multiply chains (1: the chains neither grow nor decay). */
    public double unit = 1.0;

    /** flops per call of {@link #fusedMulAdd}: CHAINS · STEPS · LANES · 2. */
    public static double fusedFlopsPerCall() {
        return 2.0 * CHAINS * STEPS * LANES;
    }

    /** flops per call of {@link #mulAdd}: CHAINS · STEPS · LANES (CHAINS/2 chains of multiplies, CHAINS/2 of adds). */
    public static double mulAddFlopsPerCall() {
        return (double) CHAINS * STEPS * LANES;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double mulAdd() {
        DoubleVector m = DoubleVector.broadcast(S, unit);
        DoubleVector c = DoubleVector.broadcast(S, addend);
        DoubleVector s0 = DoubleVector.broadcast(S, 0.0);
        DoubleVector s1 = DoubleVector.broadcast(S, 0.1);
        DoubleVector s2 = DoubleVector.broadcast(S, 0.2);
        DoubleVector s3 = DoubleVector.broadcast(S, 0.3);
        DoubleVector s4 = DoubleVector.broadcast(S, 0.4);
        DoubleVector s5 = DoubleVector.broadcast(S, 0.5);
        DoubleVector s6 = DoubleVector.broadcast(S, 0.6);
        DoubleVector s7 = DoubleVector.broadcast(S, 0.7);
        DoubleVector s8 = DoubleVector.broadcast(S, 0.8);
        DoubleVector s9 = DoubleVector.broadcast(S, 0.9);
        DoubleVector s10 = DoubleVector.broadcast(S, 1.0);
        DoubleVector s11 = DoubleVector.broadcast(S, 1.1);
        DoubleVector s12 = DoubleVector.broadcast(S, 1.2);
        DoubleVector s13 = DoubleVector.broadcast(S, 1.3);
        DoubleVector s14 = DoubleVector.broadcast(S, 1.4);
        DoubleVector s15 = DoubleVector.broadcast(S, 1.5);
        for (int i = 0; i < STEPS; i++) {
            s0 = s0.mul(m);
            s1 = s1.mul(m);
            s2 = s2.mul(m);
            s3 = s3.mul(m);
            s4 = s4.mul(m);
            s5 = s5.mul(m);
            s6 = s6.mul(m);
            s7 = s7.mul(m);
            s8 = s8.add(c);
            s9 = s9.add(c);
            s10 = s10.add(c);
            s11 = s11.add(c);
            s12 = s12.add(c);
            s13 = s13.add(c);
            s14 = s14.add(c);
            s15 = s15.add(c);
        }
        return sum(s0, s1, s2, s3, s4, s5, s6, s7).add(sum(s8, s9, s10, s11, s12, s13, s14, s15)).lane(0);
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public double fusedMulAdd() {
        DoubleVector m = DoubleVector.broadcast(S, multiplier);
        DoubleVector c = DoubleVector.broadcast(S, addend);
        DoubleVector s0 = DoubleVector.broadcast(S, 0.0);
        DoubleVector s1 = DoubleVector.broadcast(S, 0.1);
        DoubleVector s2 = DoubleVector.broadcast(S, 0.2);
        DoubleVector s3 = DoubleVector.broadcast(S, 0.3);
        DoubleVector s4 = DoubleVector.broadcast(S, 0.4);
        DoubleVector s5 = DoubleVector.broadcast(S, 0.5);
        DoubleVector s6 = DoubleVector.broadcast(S, 0.6);
        DoubleVector s7 = DoubleVector.broadcast(S, 0.7);
        DoubleVector s8 = DoubleVector.broadcast(S, 0.8);
        DoubleVector s9 = DoubleVector.broadcast(S, 0.9);
        DoubleVector s10 = DoubleVector.broadcast(S, 1.0);
        DoubleVector s11 = DoubleVector.broadcast(S, 1.1);
        DoubleVector s12 = DoubleVector.broadcast(S, 1.2);
        DoubleVector s13 = DoubleVector.broadcast(S, 1.3);
        DoubleVector s14 = DoubleVector.broadcast(S, 1.4);
        DoubleVector s15 = DoubleVector.broadcast(S, 1.5);
        for (int i = 0; i < STEPS; i++) {
            s0 = s0.fma(m, c);
            s1 = s1.fma(m, c);
            s2 = s2.fma(m, c);
            s3 = s3.fma(m, c);
            s4 = s4.fma(m, c);
            s5 = s5.fma(m, c);
            s6 = s6.fma(m, c);
            s7 = s7.fma(m, c);
            s8 = s8.fma(m, c);
            s9 = s9.fma(m, c);
            s10 = s10.fma(m, c);
            s11 = s11.fma(m, c);
            s12 = s12.fma(m, c);
            s13 = s13.fma(m, c);
            s14 = s14.fma(m, c);
            s15 = s15.fma(m, c);
        }
        return sum(s0, s1, s2, s3, s4, s5, s6, s7).add(sum(s8, s9, s10, s11, s12, s13, s14, s15)).lane(0);
    }

    private static DoubleVector sum(DoubleVector a, DoubleVector b, DoubleVector c, DoubleVector d, DoubleVector e,
            DoubleVector f, DoubleVector g, DoubleVector h) {
        return a.add(b).add(c.add(d)).add(e.add(f).add(g.add(h)));
    }
}
