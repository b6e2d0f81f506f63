package org.dgmoe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.gof.AdaptivePit;
import org.dgmoe.core.gof.DeviationGrid;
import org.dgmoe.core.gof.Lrt;
import org.dgmoe.core.gof.LrtRecipe;
import org.dgmoe.core.gof.NullRefit;
import org.dgmoe.core.gof.Pit;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.random.Seeds;

/**
 * Where a goodness-of-fit null refit's CPU time goes (docs/performance.md, "`dgmoe test` with every statistic"): the
 * data of docs/gof.md's worked example drawn at n points (dose ~ U[0, 10], g0 = N(2 + 0.8·dose, 1), no deviation:
 * a null data set), then per null data set, in one thread, the LRT's recipe (one expert, the default EM settings),
 * the PIT with KS, CvM and AD (the tests of before issue 25), HC, BJ and the smooth statistic, and the grid of the
 * sup-score and the grid likelihood ratio. Prints the mean CPU milliseconds of each part per data set for ROUNDS
 * rounds of SETS data sets (the first rounds pay the JIT). Not a test: a documented command (stdout is its output).
 *
 * <pre>
 * mvn -q -B -o -pl core,bench -am package -DskipTests
 * java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     org.dgmoe.bench.NullRefitCost N SETS ROUNDS
 * </pre>
 */
public final class NullRefitCost {
    private NullRefitCost() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: NullRefitCost N SETS ROUNDS");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        int sets = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        G0 g0 = new GaussianLinearG0(new double[] {0.8}, 2, 1);
        UniformRandomProvider rng = Seeds.stream(20261208L, Seeds.Stream.DATA);
        double[][] x = new double[n][1];
        for (double[] row : x) {
            row[0] = 10 * rng.nextDouble();
        }
        Dataset covariates = Dataset.ofRows(x, new double[n]);
        LrtRecipe recipe = LrtRecipe.of(1, EmSettings.DEFAULTS);
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        double sink = 0;
        System.out.printf(Locale.ROOT, "n = %d, %d null data sets per round; CPU ms per data set%n", n, sets);
        System.out.println("round  lrt  pit+ks+cvm+ad  hc+bj+smooth  grid (sup-score, grid LR)");
        for (int round = 0; round < rounds; round++) {
            long[] spent = new long[4];
            for (int b = 0; b < sets; b++) {
                long seed = Seeds.nullSeed(7L, (long) round * sets + b);
                Dataset data = NullRefit.conditional(covariates, g0, Seeds.stream(seed, Seeds.Stream.DATA));
                long t0 = clock.getCurrentThreadCpuTime();
                sink += Lrt.compute(data, g0, recipe, Seeds.stream(seed, Seeds.Stream.GOF_START), false).statistic();
                long t1 = clock.getCurrentThreadCpuTime();
                double[] u = Pit.transform(data, g0);
                sink += Pit.kolmogorovSmirnov(u).pValue() + Pit.cramerVonMises(u) + Pit.andersonDarling(u);
                long t2 = clock.getCurrentThreadCpuTime();
                double[] sorted = u.clone();
                Arrays.sort(sorted);
                double[] smooth = new double[2];
                AdaptivePit.smooth(u, smooth);
                sink += AdaptivePit.higherCriticism(sorted) + AdaptivePit.berkJones(sorted) + smooth[0];
                long t3 = clock.getCurrentThreadCpuTime();
                DeviationGrid.Statistics grid = DeviationGrid.of(data, g0);
                sink += grid.supScore() + grid.likelihoodRatio();
                long t4 = clock.getCurrentThreadCpuTime();
                spent[0] += t1 - t0;
                spent[1] += t2 - t1;
                spent[2] += t3 - t2;
                spent[3] += t4 - t3;
            }
            System.out.printf(Locale.ROOT, "%5d  %.3f  %.3f  %.3f  %.3f%n", round, spent[0] / 1e6 / sets,
                    spent[1] / 1e6 / sets, spent[2] / 1e6 / sets, spent[3] / 1e6 / sets);
        }
        // keeps the statistics live (no dead-code elimination); a NaN here would be a bug
        System.out.printf(Locale.ROOT, "checksum %.6g%n", sink);
    }
}
