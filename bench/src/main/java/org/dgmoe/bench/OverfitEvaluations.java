package org.dgmoe.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;

/**
 * A side-by-side timing of the acceleration schemes on the over-fitted setting of docs/performance.md
 * ("Fewer EM evaluations"): two-atoms-k3 (Student-t g0, k* = 2, k = 3, near-truth starts), REPS
 * seeded replicates per size, one JVM, the schemes run one after the other on the same data. Not a
 * test (no assertions, it prints): run it by hand,
 * <pre>
 *   mvn -q -B -o -pl core,bench -am package -DskipTests
 *   java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *       org.dgmoe.bench.OverfitEvaluations 50000 8 squarem,squarem-newton
 * </pre>
 * Prints per size and scheme the mean evaluations, the summed fit time, the fits not converged, Σℓ,
 * and per fit its status, evaluations, ℓ and certificate.
 */
public final class OverfitEvaluations {
    private OverfitEvaluations() {
    }

    public static void main(String[] a) {
        G0 g0 = new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3);
        DeviatedModel truth = new DeviatedModel(0.5, new MixingMeasure(new double[] {0.5, 0.5}, List.of(
                new Expert(new double[] {-2.0}, 1.0, 0.09), new Expert(new double[] {2.0}, -1.0, 0.16))), g0);
        int[] ns = Arrays.stream(a[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int reps = Integer.parseInt(a[1]);
        String[] accs = a[2].split(",");
        for (int n : ns) {
            for (String acc : accs) {
                EmSettings s = EmSettings.DEFAULTS.withAcceleration(
                        org.dgmoe.core.ConfigNamed.fromConfigName(Acceleration.class, "accelerate", acc));
                EmFitter f = new EmFitter(s);
                long ev = 0;
                long ms = 0;
                int capped = 0;
                double llsum = 0;
                StringBuilder sb = new StringBuilder();
                for (int r = 0; r < reps; r++) {
                    Dataset data = Simulator.simulate(new UniformCovariates(new double[] {0}, new double[] {1}), truth,
                            n, RandomSource.XO_RO_SHI_RO_128_PP.create(1000L * n + r));
                    DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, 3, n,
                            RandomSource.XO_RO_SHI_RO_128_PP.create(77L * n + r));
                    FitResult fr = f.fit(data, start);
                    ev += fr.emEvaluations();
                    ms += fr.millis();
                    if (fr.status() != FitStatus.CONVERGED) {
                        capped++;
                    }
                    llsum += fr.logLikelihood();
                    sb.append(String.format(Locale.ROOT, " [%s %d ll=%.6f g=%.2e nd=%s]", fr.status().name().substring(0, 3),
                            fr.emEvaluations(), fr.logLikelihood(), fr.certificate().newtonGain(), fr.certificate().hessianNegativeDefinite()));
                }
                System.out.printf(Locale.ROOT, "n=%d %s mean evals %.0f, ms %d, not converged %d, sum ll %.6f%n  %s%n", n, acc,
                        ev / (double) reps, ms, capped, llsum, sb);
            }
        }
    }
}
