package org.dgmoe.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

/**
 * dgmoe's EM against a vectorised numpy EM (bench/numpy/em_numpy.py) on the same data: the data of
 * {@link EmKernelBenchmark} (deviated model, Student-t g0, λ free, k = 3, x ~ U[0,1]^d, the shifted
 * start), plain EM, exactly {@code iterations} M-steps. {@code export DIR N D ITERATIONS} writes
 * DIR/x.f64 (column-major n·d), y.f64, logg0.f64 (log g0(y|x) as dgmoe computes it, so both sides
 * fit the same likelihood), little-endian doubles, and DIR/start.txt (n, d, k, iterations, λ, then
 * per expert p, b, σ, a_1..a_d). {@code time DIR REPEATS} fits that data REPEATS times and prints,
 * per fit, ns per point per component per iteration = time · 10⁹ / (n·k·iterations) (all the fit's
 * passes and M-steps, as in EmKernelBenchmark), wall and the thread's CPU time, and the final ℓ, which em_numpy.py must reproduce.
 * bench/numpy/run.sh runs both, alternating.
 */
public final class NumpyComparison {
    private NumpyComparison() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 5 && args[0].equals("export")) {
            export(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else if (args.length == 3 && args[0].equals("time")) {
            time(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: NumpyComparison export DIR N D ITERATIONS | time DIR REPEATS");
            System.exit(2);
        }
    }

    private static void export(Path dir, int n, int d, int iterations) throws IOException {
        int k = 3;
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double[] slope = new double[d];
            Arrays.fill(slope, 1.5 * (i - 1));
            experts.add(new Expert(slope, i - 1.0, 0.05 + 0.05 * i));
        }
        double[] a = new double[d];
        Arrays.fill(a, 0.5);
        DeviatedModel truth = new DeviatedModel(0.5, new MixingMeasure(new double[] {0.3, 0.3, 0.4}, experts),
                new StudentTG0(a, -2.5, 0.4, 3));
        double[] hi = new double[d];
        Arrays.fill(hi, 1.0);
        Dataset data = Simulator.simulate(new UniformCovariates(new double[d], hi), truth, n,
                RandomSource.XO_RO_SHI_RO_128_PP.create(2024L));
        Files.createDirectories(dir);
        write(dir.resolve("x.f64"), data.columnView());
        write(dir.resolve("y.f64"), data.yView());
        double[] logG0 = new double[n];
        truth.g0().logDensities(data, logG0);
        write(dir.resolve("logg0.f64"), logG0);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("start.txt"), StandardCharsets.UTF_8))) {
            w.printf(Locale.ROOT, "%d %d %d %d%n%s%n", n, d, k, iterations, Double.toString(0.4));
            for (int i = 0; i < k; i++) {
                Expert e = experts.get(i);
                StringBuilder line = new StringBuilder();
                line.append(0.3 + (i == 2 ? 0.1 : 0)).append(' ').append(e.intercept() + 0.2).append(' ')
                        .append(2 * e.variance());
                for (double s : e.slope()) {
                    line.append(' ').append(s);
                }
                w.println(line);
            }
        }
    }

    private static void time(Path dir, int repeats) throws IOException {
        String[] head = Files.readAllLines(dir.resolve("start.txt"), StandardCharsets.UTF_8).toArray(new String[0]);
        String[] h = head[0].trim().split(" ");
        int n = Integer.parseInt(h[0]);
        int d = Integer.parseInt(h[1]);
        int k = Integer.parseInt(h[2]);
        int iterations = Integer.parseInt(h[3]);
        double lambda = Double.parseDouble(head[1].trim());
        double[] weights = new double[k];
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String[] f = head[2 + i].trim().split(" ");
            weights[i] = Double.parseDouble(f[0]);
            double[] slope = new double[d];
            for (int j = 0; j < d; j++) {
                slope[j] = Double.parseDouble(f[3 + j]);
            }
            experts.add(new Expert(slope, Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        }
        double[] a = new double[d];
        Arrays.fill(a, 0.5);
        DeviatedModel start = new DeviatedModel(lambda, new MixingMeasure(weights, experts), new StudentTG0(a, -2.5, 0.4, 3));
        Dataset data = new Dataset(d, read(dir.resolve("x.f64"), n * d), read(dir.resolve("y.f64"), n));
        EmFitter fitter = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(iterations).withTolerance(0)
                .withAcceleration(Acceleration.NONE));
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double work = (double) n * k * iterations;
        for (int r = 0; r < repeats; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            FitResult fit = fitter.fit(data, start);
            long ns = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            System.out.printf(Locale.ROOT, "java fit %d: %.3f ns/point/component/iteration, cpu %.3f, loglik %.12e, iterations %d%n",
                    r, ns / work, cpu / work, fit.logLikelihood(), fit.emEvaluations());
        }
    }

    private static void write(Path file, double[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        Files.write(file, b.array());
    }

    private static double[] read(Path file, int count) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != 8 * count) {
            throw new IllegalArgumentException(file + ": expected " + count + " doubles, got " + bytes.length + " bytes");
        }
        double[] v = new double[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
        return v;
    }
}
