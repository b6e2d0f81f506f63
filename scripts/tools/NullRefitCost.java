import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.gof.LrtRecipe;
import org.dgmoe.core.gof.NullRefit;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.UniformCovariates;

/**
 * The cost of goodness-of-fit null refits (docs/performance.md, "The certificate, paid once"): B null refits
 * of the default recipe (k = 1, g0 = N(x, 1), x ~ U[−1, 1]) at n points, after 20 uncounted warm-up refits;
 * prints the wall and CPU time of the refitting thread and Σ T*. Only public API of long standing, so it
 * runs against any checkout's core classes, to compare two:
 *
 * <pre>java -cp CHECKOUT/core/target/classes:$(cat /tmp/cp.txt) scripts/tools/NullRefitCost.java N B</pre>
 */
public final class NullRefitCost {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int b = Integer.parseInt(args[1]);
        UniformCovariates covariates = new UniformCovariates(new double[] {-1}, new double[] {1});
        GaussianLinearG0 g0 = new GaussianLinearG0(new double[] {1.0}, 0.0, 1.0);
        LrtRecipe recipe = LrtRecipe.of(1, EmSettings.DEFAULTS);
        for (int i = 0; i < 20; i++) {
            NullRefit.run(covariates, n, g0, recipe, 7L, 100_000 + i);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        double sum = 0;
        for (int i = 0; i < b; i++) {
            sum += NullRefit.run(covariates, n, g0, recipe, 42L, i).statistic();
        }
        System.out.printf("n %d, %d null refits: %.2f s wall, %.2f s cpu, sum T* %.17g%n", n, b,
                (System.nanoTime() - t0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9, sum);
    }
}
