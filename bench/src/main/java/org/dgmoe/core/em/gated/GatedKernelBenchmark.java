package org.dgmoe.core.em.gated;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.ConstantPassProbe;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.SoftmaxGating;
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
 * The gated E-step against the constant-weight kernel, per evaluation, on the SAME data (issue 21's target: the
 * softmax pass at most 1.5× the constant kernel's cost per point per component per evaluation at d = 1, k = 3).
 * n = 10⁵, d = 1, k = 3, x ~ U[0, 1], data from a softmax-gated truth with λ = 0.5 and a student-t g0; every
 * benchmark evaluates θ = the truth with shifted intercepts (the g0 term on in all of them):
 * <ul>
 * <li>{@link #constantKernelPass}: EmWorkspace's fast pass (ℓ and the M-step's sufficient statistics) at the
 * constant-weight θ;</li>
 * <li>{@link #gatedPassConstant}: {@link GatedPass#run} at the same θ as a gated model (constant gating);</li>
 * <li>{@link #gatedPassSoftmax}: {@link GatedPass#run} with the softmax gate;</li>
 * <li>{@link #gatedPassSoftmaxReference}: {@link GatedPass#runReference} with the softmax gate (the scalar pass
 * the fast one replaces);</li>
 * <li>{@link #gatedStepSoftmax}: one full gated EM step: the pass plus {@link GatedMStep#apply} (the experts' WLS
 * and the softmax gate's Newton solver, λ free);</li>
 * <li>{@link #gatedStepConstant}: the same with constant gating (the M-step is then the experts' moments and WLS
 * and closed-form weights: the gated counterpart of one constant-kernel EM iteration);</li>
 * <li>{@link #expertMomentsLanes}, {@link #expertMomentsReference}: the k experts' moments of one M-step by
 * {@link ExpertMoments#accumulate} and by the plain loops it replaces.</li>
 * </ul>
 * Score: µs per evaluation; ns per point per component = score·10³ / (n·k) (docs/performance.md).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar GatedKernelBenchmark -f 1 -wi 3 -i 5}. Lives in bench under
 * core's package name to reach the package-private pass (class path, not modules).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GatedKernelBenchmark {
    static final int K = 3;

    @Param({"100000"})
    public int n;

    private ConstantPassProbe constantKernel;
    private GatedPass pass;
    private GatedMStep mstep;
    private GatedMStep constantMStep;
    private GatedModel constantTheta;
    private GatedModel softmaxTheta;
    private double lambda;
    private double[] weights;
    private double[][] slopes;
    private double[] intercepts;
    private double[] variances;
    private final double[] moments = new double[6];

    @Setup(Level.Trial)
    public void setUp() {
        List<Expert> experts = List.of(new Expert(new double[] {-1.5}, -1.0, 0.05), new Expert(new double[] {0.0}, 0.0,
                0.1), new Expert(new double[] {1.5}, 1.0, 0.15));
        SoftmaxGating gate = new SoftmaxGating(new double[][] {{0.0}, {2.0}, {4.0}}, new double[] {0.0, -0.5, -2.0});
        StudentTG0 g0 = new StudentTG0(new double[] {0.5}, -2.5, 0.4, 3);
        GatedModel truth = new GatedModel(new ConstantDeviation(0.5), gate, experts, g0);
        Dataset data = Simulator.simulate(new UniformCovariates(new double[] {0.0}, new double[] {1.0}), truth, n,
                RandomSource.XO_RO_SHI_RO_128_PP.create(2024L));
        double[] logG0 = new double[n];
        g0.logDensities(data, logG0);
        List<Expert> shifted = experts.stream()
                .map(e -> new Expert(e.slope(), e.intercept() + 0.2, 2 * e.variance())).toList();
        lambda = 0.4;
        weights = new double[] {0.3, 0.3, 0.4};
        slopes = new double[K][];
        intercepts = new double[K];
        variances = new double[K];
        for (int i = 0; i < K; i++) {
            slopes[i] = shifted.get(i).slope();
            intercepts[i] = shifted.get(i).intercept();
            variances[i] = shifted.get(i).variance();
        }
        constantTheta = new GatedModel(new ConstantDeviation(lambda), new ConstantGating(weights), shifted, g0);
        softmaxTheta = new GatedModel(new ConstantDeviation(lambda), gate.normalised(), shifted, g0);
        constantKernel = new ConstantPassProbe(data.columnView(), data.yView(), 1, K, logG0);
        pass = new GatedPass(data, K, logG0);
        mstep = new GatedMStep(pass, softmaxTheta, true, EmSettings.DEFAULT_VARIANCE_FLOOR);
        constantMStep = new GatedMStep(pass, constantTheta, true, EmSettings.DEFAULT_VARIANCE_FLOOR);
        // Responsibilities for the moments benchmarks (the other benchmarks overwrite them with equal values).
        pass.run(softmaxTheta);
    }

    @Benchmark
    public double constantKernelPass() {
        return constantKernel.pass(lambda, weights, slopes, intercepts, variances);
    }

    @Benchmark
    public double gatedPassConstant() {
        return pass.run(constantTheta);
    }

    @Benchmark
    public double gatedPassSoftmax() {
        return pass.run(softmaxTheta);
    }

    @Benchmark
    public double gatedPassSoftmaxReference() {
        return pass.runReference(softmaxTheta);
    }

    /** The experts' moments of one M-step (k experts), by lanes. */
    @Benchmark
    public double[] expertMomentsLanes() {
        for (int i = 0; i < K; i++) {
            mstep.expertMoments.accumulate(pass.r[i + 1], moments);
        }
        return moments;
    }

    /** The same by the plain loops (the M-step's previous form). */
    @Benchmark
    public double[] expertMomentsReference() {
        for (int i = 0; i < K; i++) {
            mstep.expertMoments.accumulateReference(pass.r[i + 1], moments);
        }
        return moments;
    }

    /** The pass with constant gating plus its M-step (experts' moments and WLS, closed-form λ and weights). */
    @Benchmark
    public GatedModel gatedStepConstant() {
        pass.run(constantTheta);
        return constantMStep.apply(constantTheta);
    }

    @Benchmark
    public GatedModel gatedStepSoftmax() {
        pass.run(softmaxTheta);
        return mstep.apply(softmaxTheta);
    }
}
