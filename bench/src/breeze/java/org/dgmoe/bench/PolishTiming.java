package org.dgmoe.bench;

import java.util.Arrays;
import org.dgmoe.bench.polish.BreezeLbfgs;
import org.dgmoe.bench.polish.CommonsMathCg;
import org.dgmoe.bench.polish.Lbfgs;
import org.dgmoe.bench.polish.SmoothFunction;

/**
 * A load-robust companion of {@link PolishBenchmark} for a shared machine: the three minimisers
 * interleaved (one minimisation of each per round, the order rotating), after a warm-up, and the
 * minimum and median time per minimisation of each over the rounds. The minimum is what the code
 * costs when it gets the core; ratios of minima taken in the same rounds are robust to load.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.dgmoe.bench.PolishTiming [rounds]}.
 */
public final class PolishTiming {
    private PolishTiming() {
    }

    private static volatile double sink;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double[] ls = PolishBenchmark.CG_LINE_SEARCH;
        double tol = PolishBenchmark.TOLERANCE;
        int max = PolishBenchmark.MAX_ITERATIONS;
        System.out.printf("%-8s %3s %-14s %12s %12s %10s%n", "problem", "m", "method", "min us", "median us",
                "min/java");
        for (String name : new String[] {"gmr", "rosen13", "rosen40"}) {
            for (int m : new int[] {5, 10}) {
                SmoothFunction f = PolishBenchmark.problem(name);
                double[] x0 = PolishBenchmark.start(f);
                Lbfgs java = new Lbfgs(m, tol, max);
                BreezeLbfgs breeze = new BreezeLbfgs(m, tol, max);
                CommonsMathCg cg = new CommonsMathCg(tol, max, ls[0], ls[1], ls[2]);
                String[] names = {"javaLbfgs", "breezeLbfgs", "commonsMathCg"};
                int warm = name.equals("gmr") ? 30 : 2000;
                int r = name.equals("gmr") ? rounds : rounds * 20;
                double[][] t = new double[3][r];
                for (int w = 0; w < warm; w++) {
                    sink += java.minimize(f, x0).value() + breeze.minimize(f, x0).value() + cg.minimize(f, x0).value();
                }
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < 3; j++) {
                        int which = (i + j) % 3;
                        long t0 = System.nanoTime();
                        double v = which == 0 ? java.minimize(f, x0).value()
                                : which == 1 ? breeze.minimize(f, x0).value() : cg.minimize(f, x0).value();
                        t[which][i] = (System.nanoTime() - t0) / 1e3;
                        sink += v;
                    }
                }
                double javaMin = Arrays.stream(t[0]).min().getAsDouble();
                for (int j = 0; j < 3; j++) {
                    double[] s = t[j].clone();
                    Arrays.sort(s);
                    System.out.printf("%-8s %3d %-14s %12.1f %12.1f %10.2f%n", name, m, names[j], s[0], s[r / 2],
                            s[0] / javaMin);
                }
            }
        }
    }
}
