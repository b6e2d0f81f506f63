package org.dgmoe.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.expr.Expression;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.LocationScaleG0;
import org.dgmoe.core.model.LocationScaleG0.Shape;
import org.dgmoe.core.model.StudentTG0;
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
 * The g0 pass of a fit ({@link G0#logDensities}, once per fit, n = 10⁵ points, d = 1, x ~ U[−1, 1], y ~ U[−3, 3]):
 * a built-in g0 against the location-scale g0 whose expressions compute the same function (issue 22's bar: the
 * expression within 1.5× of the built-in). {@code builtin} names the pair:
 * <ul>
 *   <li>{@code gaussian-linear}: N(0.5x − 2, 0.16) against normal, location "0.5*x1 - 2", scale "0.4";</li>
 *   <li>{@code student-t}: t₃(0.5x − 2.5, 0.4) against student-t, the same as expressions;</li>
 *   <li>{@code gaussian-nonlinear}: N(0.8 sin(3x), 1) against normal, location "0.8*sin(3*x1)", scale "1".</li>
 * </ul>
 * Score in µs per pass; ratio = expression / builtin. Measured 2026-12-07 on the shared 2-core machine (load
 * average ~14, so ±20–30%; -wi 3 -i 8): gaussian-linear 264 against 2989 (0.09×: the built-in pass is the
 * per-point default of G0), student-t 2541 against 2582 (0.98×: both vectorised), gaussian-nonlinear 6860
 * against 11481 (0.60×).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar G0LogDensityBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class G0LogDensityBenchmark {
    @Param({"100000"})
    public int n;

    @Param({"gaussian-linear", "student-t", "gaussian-nonlinear"})
    public String builtin;

    private Dataset data;
    private G0 builtinG0;
    private G0 expressionG0;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(22L);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
            y[i] = 6 * rng.nextDouble() - 3;
        }
        data = new Dataset(1, x, y);
        out = new double[n];
        List<String> names = Expression.covariateNames(1);
        switch (builtin) {
            case "gaussian-linear" -> {
                builtinG0 = new GaussianLinearG0(new double[] {0.5}, -2, 0.16);
                expressionG0 = new LocationScaleG0(Shape.NORMAL, Expression.parse("location", "0.5*x1 - 2", names),
                        Expression.parse("scale", "0.4", names), Double.NaN);
            }
            case "student-t" -> {
                builtinG0 = new StudentTG0(new double[] {0.5}, -2.5, 0.4, 3);
                expressionG0 = new LocationScaleG0(Shape.STUDENT_T,
                        Expression.parse("location", "0.5*x1 - 2.5", names), Expression.parse("scale", "0.4", names), 3);
            }
            case "gaussian-nonlinear" -> {
                builtinG0 = new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.SIN, new double[] {0.8, 3}, 1);
                expressionG0 = new LocationScaleG0(Shape.NORMAL,
                        Expression.parse("location", "0.8*sin(3*x1)", names), Expression.parse("scale", "1", names),
                        Double.NaN);
            }
            default -> throw new IllegalArgumentException("builtin: " + builtin);
        }
    }

    @Benchmark
    public double builtin() {
        builtinG0.logDensities(data, out);
        return out[n - 1];
    }

    @Benchmark
    public double expression() {
        expressionG0.logDensities(data, out);
        return out[n - 1];
    }
}
