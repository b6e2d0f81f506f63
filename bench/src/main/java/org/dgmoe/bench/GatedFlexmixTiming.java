package org.dgmoe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * dgmoe's side of the per-iteration comparison with R's flexmix (docs/performance.md, "Against flexmix per EM
 * iteration"; flexmix's side: bench/flexmix/flexmix_timing.R): on FlexmixAgreementTest's data sets (flexmix_a.csv,
 * d = 1, n = 1000, k = 2; flexmix_b.csv, d = 2, n = 1500, k = 3) from the recorded start θ0
 * ({@code <set>.start.*} of flexmix_reference.out; flexmix starts from its posterior), {@link GatedEmFitter}
 *
 * <ul>
 * <li>plain EM for exactly ITERATIONS M-steps (tolerance 0: no stop, no certificate), like with like with flexmix's
 * fixed-iteration runs;</li>
 * <li>the default settings ({@link EmSettings#DEFAULTS}: SQUAREM and the Newton polish, certificate included) to
 * convergence: evaluations and time per fit.</li>
 * </ul>
 * Each timed repeat runs {@code BATCH} fits and reports the thread's CPU time and the wall time per M-step (per
 * fit for the default), after {@code WARMUP} untimed fits (C2 compiles the pass first). Prints the median of the
 * repeats beside each value.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar org.dgmoe.bench.GatedFlexmixTiming \
 *     core/src/test/resources/org/dgmoe/core/em/gated [ITERATIONS] [REPEATS]</pre>
 */
public final class GatedFlexmixTiming {
    private static final int WARMUP = 300;
    private static final int BATCH = 20;

    private GatedFlexmixTiming() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: GatedFlexmixTiming RESOURCE_DIR [ITERATIONS] [REPEATS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Map<String, double[]> ref = reference(dir.resolve("flexmix_reference.out"));
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        EmSettings plain = new EmSettings(iterations, 0, EmSettings.DEFAULT_VARIANCE_FLOOR, true,
                EmSettings.DEFAULTS.stop(), EmSettings.DEFAULT_STEP_TOLERANCE, Acceleration.NONE);
        for (String set : List.of("a", "b")) {
            int k = (int) ref.get(set + ".k")[0];
            int d = (int) ref.get(set + ".d")[0];
            Dataset data = csv(dir.resolve("flexmix_" + set + ".csv"), d);
            GatedModel start = start(ref, set, k, d);
            for (String kind : List.of("plain", "default")) {
                GatedEmFitter fitter = new GatedEmFitter(kind.equals("plain") ? plain : EmSettings.DEFAULTS);
                GatedFitResult fit = null;
                for (int w = 0; w < WARMUP; w++) {
                    fit = fitter.fit(data, start);
                }
                double[] cpu = new double[repeats];
                double[] wall = new double[repeats];
                // Per M-step for plain EM; per fit for the default (its evaluations are printed beside).
                double per = kind.equals("plain") ? BATCH * (double) fit.evaluations() : BATCH;
                for (int r = 0; r < repeats; r++) {
                    long c0 = bean.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    for (int b = 0; b < BATCH; b++) {
                        fit = fitter.fit(data, start);
                    }
                    cpu[r] = (bean.getCurrentThreadCpuTime() - c0) / 1e6 / per;
                    wall[r] = (System.nanoTime() - w0) / 1e6 / per;
                }
                System.out.printf("%s %s n=%d k=%d evaluations=%d status=%s loglik=%.10f ms_per_%s cpu %s median %.4f;"
                        + " wall %s median %.4f%n", set, kind, data.size(), k, fit.evaluations(), fit.status(),
                        fit.logLikelihood(), kind.equals("plain") ? "iteration" : "fit", format(cpu), median(cpu),
                        format(wall), median(wall));
            }
        }
    }

    /** θ0: {@code <set>.start.expert.i} = intercept, slopes, variance; {@code <set>.start.gate.i} = intercept, slopes. */
    private static GatedModel start(Map<String, double[]> ref, String set, int k, int d) {
        List<Expert> experts = new ArrayList<>();
        double[][] slope = new double[k][d];
        double[] intercept = new double[k];
        for (int i = 0; i < k; i++) {
            double[] e = ref.get(set + ".start.expert." + (i + 1));
            experts.add(new Expert(Arrays.copyOfRange(e, 1, 1 + d), e[0], e[1 + d]));
            double[] g = ref.get(set + ".start.gate." + (i + 1));
            intercept[i] = g[0];
            System.arraycopy(g, 1, slope[i], 0, d);
        }
        return new GatedModel(new ConstantDeviation(1), new SoftmaxGating(slope, intercept), experts, NoG0.INSTANCE);
    }

    /** flexmix_reference.out's numeric records: "key v1 v2 ..." (lines that do not parse are skipped). */
    private static Map<String, double[]> reference(Path file) {
        Map<String, double[]> out = new HashMap<>();
        for (String line : lines(file)) {
            String[] f = line.trim().split(" ");
            if (line.startsWith("#") || f.length < 2) {
                continue;
            }
            try {
                double[] v = new double[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = Double.parseDouble(f[i]);
                }
                out.put(f[0], v);
            } catch (NumberFormatException e) {
                // a text record (machine, versions, file names)
            }
        }
        return out;
    }

    /** The data: a header, then x_1..x_d, y per line. */
    private static Dataset csv(Path file, int d) {
        List<String> lines = lines(file);
        int n = lines.size() - 1;
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int m = 0; m < n; m++) {
            String[] f = lines.get(m + 1).split(",");
            for (int j = 0; j < d; j++) {
                x[j * n + m] = Double.parseDouble(f[j]);
            }
            y[m] = Double.parseDouble(f[d]);
        }
        return new Dataset(d, x, y);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(double[] v) {
        StringBuilder s = new StringBuilder();
        for (double e : v) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%.4f", e));
        }
        return s.toString();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
