package org.dgmoe.core.em.gated;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;

/**
 * One gated EM step at covariate dimension d (issue 27, the gated path for general d), timed by the thread's CPU
 * time (ThreadMXBean, as {@link GatedKernelCpuTime}: on the shared machine wall time includes waits for a core),
 * interleaved round by round. k = 3 experts, x ~ U[−1, 1]^d, a softmax gate and a Gaussian-linear g0, data drawn
 * from the truth; θ = the truth with intercepts + 0.2 and variances × 2. Cases per d:
 * <ul>
 * <li>{@code pass}: {@link GatedPass#run} (ℓ, responsibilities and the gate's π);</li>
 * <li>{@code moments}: the k experts' weighted moments of one M-step ({@link ExpertMoments#accumulate});</li>
 * <li>{@code step}: one full gated EM step, the pass plus {@link GatedMStep#apply} (experts' WLS, λ, the softmax
 * gate's one Newton step);</li>
 * <li>{@code stepSigmoid}: the same with a sigmoid λ(x) (the softmax-contaminated family: one more Newton step);</li>
 * <li>{@code mstep}: {@link GatedMStep#apply} alone, from the responsibilities of a pass at θ;</li>
 * <li>{@code passGaussian}, {@code stepGaussian}: {@code pass} and {@code step} with a Gaussian gate instead (weights
 * 1/k, means ~ U[−½, ½]^d, covariances I/3: its E-step's log N(x; c_i, Γ_i) and its closed-form M-step).</li>
 * </ul>
 * ns per point per component = CPU µs per call · 10³ / (n·k).
 *
 * <p>Run: {@code java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar
 * org.dgmoe.core.em.gated.GatedDimsCpuTime [rounds] [n] [d...]} (defaults 9, 50 000, 8 16 32).
 */
public final class GatedDimsCpuTime {
    static final int K = 3;

    private GatedDimsCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int[] dims = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {8, 16, 32};
        System.out.printf("%-4s %-12s %12s %12s %10s%n", "d", "case", "median µs", "min µs", "ns/pt/c");
        for (int d : dims) {
            run(d, n, rounds);
        }
    }

    private static void run(int d, int n, int rounds) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2027L + d);
        List<Expert> experts = new ArrayList<>();
        double[][] gateSlope = new double[K][d];
        double[] gateIntercept = new double[K];
        for (int i = 0; i < K; i++) {
            double[] a = new double[d];
            for (int j = 0; j < d; j++) {
                a[j] = (2 * rng.nextDouble() - 1) * 3 / Math.sqrt(d);
                gateSlope[i][j] = i == 0 ? 0 : (2 * rng.nextDouble() - 1) * 4 / Math.sqrt(d);
            }
            experts.add(new Expert(a, i - 1.0, 0.05 * (i + 1)));
            gateIntercept[i] = i == 0 ? 0 : 0.2 * i;
        }
        double[] g0Slope = new double[d];
        Arrays.fill(g0Slope, 0.5 / Math.sqrt(d));
        GaussianLinearG0 g0 = new GaussianLinearG0(g0Slope, -2.5, 0.4);
        SoftmaxGating gate = new SoftmaxGating(gateSlope, gateIntercept);
        GatedModel truth = new GatedModel(new ConstantDeviation(0.7), gate, experts, g0);
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, -1);
        Arrays.fill(hi, 1);
        Dataset data = Simulator.simulate(new UniformCovariates(lo, hi), truth, n, rng);
        double[] logG0 = new double[n];
        g0.logDensities(data, logG0);
        List<Expert> shifted = experts.stream()
                .map(e -> new Expert(e.slope(), e.intercept() + 0.2, 2 * e.variance())).toList();
        GatedModel theta = new GatedModel(new ConstantDeviation(0.6), gate, shifted, g0);
        double[] devSlope = new double[d];
        devSlope[0] = 1;
        GatedModel thetaSigmoid = new GatedModel(new SigmoidDeviation(devSlope, 0.5), gate, shifted, g0);
        double[] gateWeights = new double[K];
        double[][] gateMeans = new double[K][d];
        double[][][] gateCovariances = new double[K][d][d];
        for (int i = 0; i < K; i++) {
            gateWeights[i] = 1.0 / K;
            for (int j = 0; j < d; j++) {
                gateMeans[i][j] = rng.nextDouble() - 0.5;
                gateCovariances[i][j][j] = 1.0 / 3;
            }
        }
        GatedModel thetaGaussian = new GatedModel(new ConstantDeviation(0.6),
                new GaussianGating(gateWeights, gateMeans, gateCovariances), shifted, g0);
        GatedPass passGaussian = new GatedPass(data, K, logG0);
        GatedMStep mstepGaussian = new GatedMStep(passGaussian, thetaGaussian, true, EmSettings.DEFAULT_VARIANCE_FLOOR);
        GatedPass pass = new GatedPass(data, K, logG0);
        GatedMStep mstep = new GatedMStep(pass, theta, true, EmSettings.DEFAULT_VARIANCE_FLOOR);
        GatedPass passSigmoid = new GatedPass(data, K, logG0);
        GatedMStep mstepSigmoid = new GatedMStep(passSigmoid, thetaSigmoid, true, EmSettings.DEFAULT_VARIANCE_FLOOR);
        double[][] moments = new double[K][(d + 2) * (d + 3) / 2];
        pass.run(theta);
        passGaussian.run(thetaGaussian);
        String[] names = {"pass", "moments", "step", "stepSigmoid", "mstep", "passGaussian", "stepGaussian"};
        Supplier<?>[] cases = {() -> pass.run(theta), () -> {
            for (int i = 0; i < K; i++) {
                mstep.expertMoments.accumulate(pass.r[i + 1], moments[i]);
            }
            return moments;
        }, () -> {
            pass.run(theta);
            return mstep.apply(theta);
        }, () -> {
            passSigmoid.run(thetaSigmoid);
            return mstepSigmoid.apply(thetaSigmoid);
        }, () -> mstep.apply(theta), () -> passGaussian.run(thetaGaussian), () -> {
            passGaussian.run(thetaGaussian);
            return mstepGaussian.apply(thetaGaussian);
        }};
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Object sink = null;
        int calls = 3;
        for (Supplier<?> c : cases) {
            for (int w = 0; w < 30; w++) {
                sink = c.get();
            }
        }
        double[][] micros = new double[cases.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int o = 0; o < cases.length; o++) {
                int c = (o + r) % cases.length;
                pass.run(theta);
                long t0 = bean.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    sink = cases[c].get();
                }
                micros[c][r] = (bean.getCurrentThreadCpuTime() - t0) / 1e3 / calls;
            }
        }
        double perPoint = 1e3 / (n * (double) K);
        for (int c = 0; c < cases.length; c++) {
            double med = median(micros[c]);
            double min = Arrays.stream(micros[c]).min().orElse(Double.NaN);
            System.out.printf("%-4d %-12s %12.1f %12.1f %10.2f%n", d, names[c], med, min, med * perPoint);
        }
        if (sink == null) {
            System.out.println();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
