package org.dgmoe.core.em;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Where the constant-weight pass's time goes at general d (issue 27's floor): thread CPU time of {@link EmWorkspace}'s
 * whole fast pass ({@code pass}), its ℓ-only pass ({@code ll}: the E-step without the statistics) and, with
 * {@code parts}, of its pieces alone on the same data: the block copies of x and y ({@code copy}), the E-step's
 * log-weights t_i of all experts ({@code estep}, {@link ExpertLogWeights#block}, including the copies), the weighted
 * Gram of k experts on fixed weights ({@code gram}: as main had it before the floor branch, {@link VectorGram#weighBy}
 * then {@link VectorGram#accumulate}, including the copies; {@code gramb}: {@link ExpertGram} on {@link BlockedColumns}
 * in place, as the pass computes it since branch {@code pack}) and the k solves of the M-step
 * ({@code solve}, {@link ExpertLeastSquares#solve}). Thread CPU time, not wall time, because the machine is shared:
 * a descheduled thread is not charged, though the other processes' cache and memory-bandwidth contention still is.
 * Data as {@code EmPassBenchmark}'s: x ~ U[0,1]^d, y ~ U[−2, 2], log g0 ~ U[−4, −1], k = 3, λ = 0.6.
 *
 * <p>Prints, per d and case, the minimum and median over rounds·calls timed calls (after warm-up calls) in ns per
 * point per component (ms · 10⁶ / (n·k)), and a fingerprint of the pass's bits (ℓ and every statistic) so that two
 * jars can be checked to compute the same values. {@code pass} and {@code ll} use only the API that main's
 * {@link EmWorkspace} had before the split, so this class also runs against an older bench jar:
 * {@code java --add-modules=jdk.incubator.vector -cp CLASSES:OLD.jar org.dgmoe.core.em.ConstantPassCpuTime ...}.
 *
 * <p>Run: {@code java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar
 * org.dgmoe.core.em.ConstantPassCpuTime ROUNDS N parts|whole D...}.
 */
public final class ConstantPassCpuTime {
    private static final int K = 3;
    private static final int CALLS = 10;
    private static final int WARMUP = 40;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ConstantPassCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean parts = "parts".equals(args[2]);
        for (int at = 3; at < args.length; at++) {
            run(rounds, n, Integer.parseInt(args[at]), parts);
        }
    }

    private static void run(int rounds, int n, int d, boolean parts) {
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
        double[] p = {0.3, 0.3, 0.4};
        double[] b = {-0.8, 0.2, 1.2};
        double[] v = {0.1, 0.2, 0.3};
        double[][] a = new double[K][d];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < d; j++) {
                // Slopes of both signs and sizes, so that no expert's weights vanish everywhere.
                a[i][j] = (1.5 * (i - 1) + 0.1 * j) / Math.sqrt(d);
            }
        }
        EmWorkspace ws = new EmWorkspace(x, new double[d], y, d, K, logG0, EmWorkspace.VECTOR);
        double ll = ws.passFast(true, 0.6, p, a, b, v);
        long fingerprint = Double.doubleToRawLongBits(ll);
        for (int i = 0; i < K; i++) {
            for (double s : ws.stats[i]) {
                fingerprint = 31 * fingerprint + Double.doubleToRawLongBits(s);
            }
        }
        System.out.printf("d = %d: ℓ = %.15g, fingerprint of ℓ and the statistics %016x%n", d, ll, fingerprint);
        String[] cases = parts ? new String[] {"pass", "ll", "copy", "estep", "gram", "gramb", "solve"}
                : new String[] {"pass", "ll"};
        Part[] part = new Part[cases.length];
        for (int c = 0; c < cases.length; c++) {
            part[c] = part(cases[c], ws, x, y, n, d, p, a, b, v);
        }
        long[][] samples = new long[cases.length][rounds * CALLS];
        for (int c = 0; c < cases.length; c++) {
            for (int w = 0; w < WARMUP; w++) {
                part[c].run();
            }
        }
        // Rounds interleave the cases, so that a burst of load falls on all of them.
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < cases.length; c++) {
                for (int call = 0; call < CALLS; call++) {
                    long t0 = THREADS.getCurrentThreadCpuTime();
                    part[c].run();
                    samples[c][r * CALLS + call] = THREADS.getCurrentThreadCpuTime() - t0;
                }
            }
        }
        for (int c = 0; c < cases.length; c++) {
            long[] s = samples[c];
            Arrays.sort(s);
            double scale = 1.0 / ((double) n * K);
            System.out.printf("d = %2d %-6s min %8.2f  median %8.2f ns per point per component%n", d, cases[c],
                    s[0] * scale, s[s.length / 2] * scale);
        }
    }

    /** One timed call. */
    private interface Part {
        void run();
    }

    private static Part part(String name, EmWorkspace ws, double[] x, double[] y, int n, int d, double[] p,
            double[][] a, double[] b, double[] v) {
        if ("pass".equals(name)) {
            return () -> ws.passFast(true, 0.6, p, a, b, v);
        }
        if ("ll".equals(name)) {
            return () -> ws.logLikelihoodFast(true, 0.6, p, a, b, v);
        }
        return Pieces.part(name, ws, x, y, n, d, p, a, b, v);
    }

    /** The pieces that name classes main did not have before the split (loaded only with {@code parts}). */
    private static final class Pieces {
        static Part part(String name, EmWorkspace ws, double[] x, double[] y, int n, int d, double[] p,
                double[][] a, double[] b, double[] v) {
            final int block = EmWorkspace.BLOCK;
            final double[][] xb = new double[d][block];
            final double[] yb = new double[block];
            final double[][] terms = new double[K + 1][block];
            final double[] max = new double[block];
            if ("copy".equals(name)) {
                return () -> {
                    for (int start = 0; start < n; start += block) {
                        copy(x, y, n, d, start, Math.min(block, n - start), xb, yb);
                    }
                };
            }
            if ("estep".equals(name)) {
                ExpertLogWeights weights = new ExpertLogWeights(d, K);
                return () -> {
                    weights.hoist(0.6, p, a, b, v);
                    for (int start = 0; start < n; start += block) {
                        int len = Math.min(block, n - start);
                        copy(x, y, n, d, start, len, xb, yb);
                        weights.block(xb, yb, terms, max, len, false);
                    }
                };
            }
            if (name.startsWith("gramb")) {
                // ExpertGram on the blocked layout, read in place: alone, the blocks come from memory (in the pass
                // the E-step has just brought them to L2).
                final BlockedColumns blocks = BlockedColumns.of(x, new double[d], y, d);
                final double[][] w = new double[K][block];
                final double[] lanes = new double[K * ExpertGram.laneCount(d)];
                final int[] at = new int[ExpertGram.paddedX(d) + 2];
                for (int e = 0; e < block; e++) {
                    for (int i = 0; i < K; i++) {
                        w[i][e] = 1.0 / (i + 1 + e % 5) / (1 + e % 3);
                    }
                }
                return () -> {
                    Arrays.fill(lanes, 0);
                    for (int start = 0, blk = 0; start < n; start += block, blk++) {
                        blocks.offsets(blk, at);
                        ExpertGram.add(w, K, blocks.values, at, d, lanes, Math.min(block, n - start));
                    }
                };
            }
            if ("gram".equals(name)) {
                final double[] w = new double[block];
                int q = d + 2;
                int padded = VectorGram.paddedColumns(q);
                double[][] columns = new double[padded][];
                double[] ones = new double[block];
                Arrays.fill(ones, 1.0);
                for (int j = 0; j < padded; j++) {
                    columns[j] = j < d ? xb[j] : j == d ? ones : j == d + 1 ? yb : new double[block];
                }
                double[][] weighted = new double[padded][block];
                double[] lanes = new double[K * VectorGram.laneCount(q)];
                double[] inv = new double[block];
                for (int e = 0; e < block; e++) {
                    inv[e] = 1.0 / (1 + e % 3);
                    for (int i = 1; i <= K; i++) {
                        terms[i][e] = 1.0 / (i + e % 5);
                    }
                }
                return () -> {
                    Arrays.fill(lanes, 0);
                    for (int start = 0; start < n; start += block) {
                        int len = Math.min(block, n - start);
                        copy(x, y, n, d, start, len, xb, yb);
                        for (int i = 0; i < K; i++) {
                            // The form before the floor branch: the block's weighted columns, then the tiles.
                            for (int e = 0; e < len; e++) {
                                w[e] = terms[i + 1][e] * inv[e];
                            }
                            VectorGram.weighBy(w, columns, weighted, q, len);
                            VectorGram.accumulate(weighted, columns, padded, lanes, i * VectorGram.laneCount(q),
                                    0, len);
                        }
                    }
                };
            }
            if ("solve".equals(name)) {
                ExpertLeastSquares solver = new ExpertLeastSquares(d, 1e-10);
                double[] slope = new double[d];
                double[] rest = new double[2];
                return () -> {
                    for (int i = 0; i < K; i++) {
                        solver.solve(ws.stats[i], slope, rest);
                    }
                };
            }
            throw new IllegalArgumentException("case " + name);
        }

        private static void copy(double[] x, double[] y, int n, int d, int start, int len, double[][] xb,
                double[] yb) {
            for (int j = 0; j < d; j++) {
                System.arraycopy(x, j * n + start, xb[j], 0, len);
            }
            System.arraycopy(y, start, yb, 0, len);
        }
    }
}
