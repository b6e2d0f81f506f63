package org.dgmoe.bench;

import org.dgmoe.bench.polish.BreezeLbfgs;
import org.dgmoe.bench.polish.CommonsMathCg;
import org.dgmoe.bench.polish.Lbfgs;
import org.dgmoe.bench.polish.Result;
import org.dgmoe.bench.polish.SmoothFunction;

/**
 * Companion of {@link PolishBenchmark}: runs each minimiser once per problem and memory and prints
 * iterations, evaluations, f and |∇f| at the end, and |f − f_java| / max(|f_java|, 1) against the
 * hand-written L-BFGS (relative for gmr, absolute for Rosenbrock, whose minimum is 0), so the
 * benchmark's methods are seen to reach the same minimum. cgDefaults is Commons Math's CG with its
 * default line-search tolerances (not benchmarked).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.dgmoe.bench.PolishCheck [problem...]}.
 */
public final class PolishCheck {
    private PolishCheck() {
    }

    public static void main(String[] args) {
        String[] problems = args.length > 0 ? args : new String[] {"gmr", "rosen13", "rosen40"};
        System.out.printf("%-8s %3s %-14s %6s %8s %8s %24s %10s %10s %9s%n", "problem", "m", "method", "iter",
                "f+grad", "f only", "f", "|grad|", "df", "converged");
        for (String name : problems) {
            for (int m : new int[] {5, 10}) {
                SmoothFunction f = PolishBenchmark.problem(name);
                double[] x0 = PolishBenchmark.start(f);
                double tol = PolishBenchmark.TOLERANCE;
                int max = PolishBenchmark.MAX_ITERATIONS;
                Result java = new Lbfgs(m, tol, max).minimize(f, x0);
                Result breeze = new BreezeLbfgs(m, tol, max).minimize(f, x0);
                double[] ls = PolishBenchmark.CG_LINE_SEARCH;
                Result cg = new CommonsMathCg(tol, max, ls[0], ls[1], ls[2]).minimize(f, x0);
                Result cgDefaults = new CommonsMathCg(tol, max).minimize(f, x0);
                for (Object[] row : new Object[][] {{"javaLbfgs", java}, {"breezeLbfgs", breeze}, {"commonsMathCg", cg},
                        {"cgDefaults", cgDefaults}}) {
                    Result r = (Result) row[1];
                    double rel = Math.abs(r.value() - java.value()) / Math.max(Math.abs(java.value()), 1);
                    System.out.printf("%-8s %3d %-14s %6d %8d %8d %24.16e %10.2e %10.2e %9s%n", name, m, row[0],
                            r.iterations(), r.gradientEvaluations(), r.valueEvaluations(), r.value(), r.gradientNorm(),
                            rel, r.converged());
                }
            }
        }
    }
}
