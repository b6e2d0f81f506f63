package org.dgmoe.bench;

import java.util.concurrent.TimeUnit;
import org.dgmoe.bench.polish.BreezeLbfgs;
import org.dgmoe.bench.polish.CommonsMathCg;
import org.dgmoe.bench.polish.ExtendedRosenbrock;
import org.dgmoe.bench.polish.Lbfgs;
import org.dgmoe.bench.polish.MixtureRegressionNll;
import org.dgmoe.bench.polish.Result;
import org.dgmoe.bench.polish.SmoothFunction;
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
 * The candidate quasi-Newton "polish" after EM: one whole minimisation, from the same start to the
 * same gradient-norm tolerance, by Breeze's LBFGS, the hand-written {@link Lbfgs} on double[] and
 * Commons Math's Polak-Ribière conjugate gradient (line search tightened: {@link #CG_LINE_SEARCH}). Problems: {@code gmr} is the mean negative
 * log-likelihood of a k = 3, d = 1 Gaussian mixture of regressions, n = 2 000 simulated points
 * (11 unconstrained parameters), started from a perturbed truth; {@code rosen13} and {@code rosen40}
 * are the chained Rosenbrock function in 13 and 40 dimensions, nearly free to evaluate, so the
 * minimiser's own overhead shows. Score: time per minimisation. Evaluations and end points are
 * printed by {@link PolishCheck}. {@code memory} is L-BFGS's m (CG ignores it, so its two rows
 * are two measurements of the same thing).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PolishBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolishBenchmark {
    /** Stop when |∇f| ≤ this (f is a mean over points for gmr, so this is per point). */
    public static final double TOLERANCE = 1e-6;
    public static final int MAX_ITERATIONS = 20_000;
    /**
     * Commons Math's Brent line search: relative and absolute tolerance, initial bracket. With its
     * defaults (1e-8, 1e-8, 1e-8) CG stalls on gmr at |∇f| ≈ 2.4e-4 for 20 000 iterations
     * (PolishCheck's cgDefaults row); these, found by trying a few, let it converge on all three.
     */
    public static final double[] CG_LINE_SEARCH = {1e-14, 1e-16, 1e-2};

    @Param({"gmr", "rosen13", "rosen40"})
    public String problem;

    @Param({"5", "10"})
    public int memory;

    private SmoothFunction function;
    private double[] start;
    private BreezeLbfgs breeze;
    private Lbfgs handWritten;
    private CommonsMathCg cg;

    /** The problem by name, and its start. */
    public static SmoothFunction problem(String name) {
        switch (name) {
            case "gmr":
                return MixtureRegressionNll.simulate(1, 2000, 2024L);
            case "gmr4":
                return MixtureRegressionNll.simulate(4, 2000, 2024L);
            case "rosen13":
                return new ExtendedRosenbrock(13);
            case "rosen40":
                return new ExtendedRosenbrock(40);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    public static double[] start(SmoothFunction f) {
        return f instanceof MixtureRegressionNll m ? m.perturbedTruth() : ((ExtendedRosenbrock) f).start();
    }

    @Setup(Level.Trial)
    public void setUp() {
        function = problem(problem);
        start = start(function);
        breeze = new BreezeLbfgs(memory, TOLERANCE, MAX_ITERATIONS);
        handWritten = new Lbfgs(memory, TOLERANCE, MAX_ITERATIONS);
        cg = new CommonsMathCg(TOLERANCE, MAX_ITERATIONS, CG_LINE_SEARCH[0], CG_LINE_SEARCH[1], CG_LINE_SEARCH[2]);
    }

    @Benchmark
    public Result breezeLbfgs() {
        return breeze.minimize(function, start);
    }

    @Benchmark
    public Result javaLbfgs() {
        return handWritten.minimize(function, start);
    }

    @Benchmark
    public Result commonsMathCg() {
        return cg.minimize(function, start);
    }
}
