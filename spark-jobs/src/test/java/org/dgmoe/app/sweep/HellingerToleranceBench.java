package org.dgmoe.app.sweep;

import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskRunner;

/**
 * The accuracy and cost of the expected Hellinger distance by quadrature tolerance, on real fits of
 * the studies given (docs/losses.md, "Measured accuracy"): for every setting, 3 replicates at 4 of
 * its sample sizes are fitted as the sweep fits them, and E_x H at each tolerance is compared with
 * the tightest (1e-12, budget 100 000). Prints one line per setting: the largest relative error and
 * the mean time of one distance per tolerance. A command, not a test (timings):
 * <pre>
 *   mvn -q -B -o test-compile dependency:build-classpath -pl spark-jobs -am \
 *       -Dmdep.outputFile=$PWD/cp.txt -Dmdep.includeScope=test
 *   java -cp spark-jobs/target/test-classes:spark-jobs/target/classes:$(cat cp.txt) \
 *       org.dgmoe.app.sweep.HellingerToleranceBench conf/quickstart.conf conf/studies/*.conf
 * </pre>
 */
public final class HellingerToleranceBench {
    private static final double[] TOLERANCES = {1e-10, 1e-8, 1e-6, 1e-4};
    private static final int REPLICATES = 3;
    private static final int REPEATS = 3;

    private HellingerToleranceBench() {
    }

    public static void main(String[] args) {
        for (String file : args) {
            Study study = StudyConfigLoader.load(Path.of(file), List.of()).study();
            LossSettings base = study.losses();
            for (Setting s : study.settings()) {
                int[] sizes = study.sampleSizes();
                double[] worst = new double[TOLERANCES.length];
                double[] nanos = new double[TOLERANCES.length + 1];
                double minH = Double.POSITIVE_INFINITY;
                double maxH = 0;
                int fits = 0;
                for (int ni = 0; ni < sizes.length; ni += Math.max(1, sizes.length / 4)) {
                    int n = sizes[ni];
                    for (int r = 0; r < REPLICATES; r++) {
                        long seed = Seeds.taskSeed(study.seed(), s.name(), n, r);
                        Dataset data = Simulator.simulate(s.covariates(), s.truth(), n, seed);
                        DeviatedModel fit = TaskRunner.fit(s, data, Seeds.stream(seed, Seeds.Stream.INIT)).model();
                        long t0 = System.nanoTime();
                        double ref = hellinger(base, 1e-12, 100_000, fit, s);
                        nanos[TOLERANCES.length] += System.nanoTime() - t0;
                        minH = Math.min(minH, ref);
                        maxH = Math.max(maxH, ref);
                        for (int t = 0; t < TOLERANCES.length; t++) {
                            double v = hellinger(base, TOLERANCES[t], base.hellingerQuadratureNodes(), fit, s);
                            long t1 = System.nanoTime();
                            for (int rep = 0; rep < REPEATS; rep++) {
                                v = hellinger(base, TOLERANCES[t], base.hellingerQuadratureNodes(), fit, s);
                            }
                            nanos[t] += (System.nanoTime() - t1) / (double) REPEATS;
                            worst[t] = Math.max(worst[t], Math.abs(v - ref) / ref);
                        }
                        fits++;
                    }
                }
                StringBuilder line = new StringBuilder(String.format("%s %s: %d fits, H in [%.1e, %.1e] |",
                        Path.of(file).getFileName(), s.name(), fits, minH, maxH));
                for (int t = 0; t < TOLERANCES.length; t++) {
                    line.append(String.format(" %.0e: error %.1e, %.2f ms |", TOLERANCES[t], worst[t],
                            nanos[t] / fits / 1e6));
                }
                line.append(String.format(" 1e-12: %.2f ms", nanos[TOLERANCES.length] / fits / 1e6));
                System.out.println(line);
            }
        }
    }

    private static double hellinger(LossSettings base, double tolerance, int budget, DeviatedModel fit, Setting s) {
        LossSettings settings = new LossSettings(base.rbar(), base.wassersteinOrder(), base.hellingerCovariatePoints(),
                budget, tolerance);
        return new LossCalculator(settings).compute(fit, s.deviatedTruth(), s.covariates()).hellinger();
    }
}
