package org.dgmoe.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.em.gated.GatedStarts;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;

/**
 * The gated fit's accelerations side by side on the over-fitted softmax case of docs/performance.md ("Gated EM:
 * SQUAREM and the Newton polish"): the softmax-gated MoE of the core tests' GatedFixtures.softmax() (k* = 2, no g0,
 * x ~ U(−2, 2), π_2(x) = 1/(1 + e^−(3x + 0.5)), experts y ≈ −2x + 1 (σ² = 0.1) and y ≈ 2x − 1 (σ² = 0.2)), fitted
 * with k = 3 from GatedStarts.nearTruth (NearTruthStart.DEFAULTS) under EmSettings.DEFAULTS but for the
 * acceleration; REPS replicates per size (data seed 1000·n + r, start seed 77·n + r), the schemes one after the
 * other on the same data and start, in one JVM. Not a test (no assertions, it prints): run it by hand,
 * <pre>
 *   mvn -q -B -o -pl core,bench -am package -DskipTests
 *   java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *       org.dgmoe.bench.GatedOverfitEvaluations 3000 8 none,squarem,squarem-newton
 * </pre>
 * Prints per size and scheme the mean and largest evaluations, the summed fit time, the fits not converged, and
 * per fit its status, evaluations, ℓ and the certificate's passes (0: the polish certified the estimate).
 */
public final class GatedOverfitEvaluations {
    private GatedOverfitEvaluations() {
    }

    public static void main(String[] a) {
        GatedModel truth = new GatedModel(new ConstantDeviation(1),
                new SoftmaxGating(new double[][] {{0.0}, {3.0}}, new double[] {0.0, 0.5}),
                List.of(new Expert(new double[] {-2.0}, 1.0, 0.1), new Expert(new double[] {2.0}, -1.0, 0.2)),
                NoG0.INSTANCE);
        int[] ns = Arrays.stream(a[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int reps = Integer.parseInt(a[1]);
        String[] accs = a[2].split(",");
        for (int n : ns) {
            for (String acc : accs) {
                EmSettings s = EmSettings.DEFAULTS.withAcceleration(
                        ConfigNamed.fromConfigName(Acceleration.class, "accelerate", acc));
                GatedEmFitter f = new GatedEmFitter(s);
                long ev = 0;
                long ms = 0;
                int most = 0;
                int notConverged = 0;
                StringBuilder sb = new StringBuilder();
                for (int r = 0; r < reps; r++) {
                    Dataset data = Simulator.simulate(new UniformCovariates(new double[] {-2.0}, new double[] {2.0}),
                            truth, n, RandomSource.XO_RO_SHI_RO_128_PP.create(1000L * n + r));
                    GatedModel start = GatedStarts.nearTruth(NearTruthStart.DEFAULTS, truth, 3, n,
                            RandomSource.XO_RO_SHI_RO_128_PP.create(77L * n + r));
                    GatedFitResult fr = f.fit(data, start);
                    ev += fr.evaluations();
                    most = Math.max(most, fr.evaluations());
                    ms += fr.millis();
                    if (fr.status() != FitStatus.CONVERGED) {
                        notConverged++;
                    }
                    sb.append(String.format(Locale.ROOT, " [%s %d ll=%.7f cp=%d]", fr.status().name().substring(0, 3),
                            fr.evaluations(), fr.logLikelihood(), fr.certificate().passes()));
                }
                System.out.printf(Locale.ROOT, "n=%d %s mean evals %.0f, max %d, ms %d, not converged %d%n  %s%n", n,
                        acc, ev / (double) reps, most, ms, notConverged, sb);
            }
        }
    }
}
