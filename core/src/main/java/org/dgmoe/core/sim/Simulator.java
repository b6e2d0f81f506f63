package org.dgmoe.core.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GateCovariates;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.random.Seeds;

/**
 * Draws data sets from a deviated model, gated or not (one code path, {@link #responses}). The sampler is
 * separate from the distribution: the model and covariate law are immutable values, the generator is an argument.
 *
 * <p>Order of draws (part of the reproducibility contract): first all covariates
 * ({@link Covariates#fill}), then for each point i in order one uniform choosing g0 (probability
 * 1 − λ(x_i)) or expert m (probability λ(x_i)·π_m(x_i), by inversion over cumulative weights), then the response
 * draw of the chosen component.
 */
public final class Simulator {
    private Simulator() {
    }

    /** The data set of a task: drawn from the task's {@link Seeds.Stream#DATA} stream. */
    public static Dataset simulate(Covariates covariates, DeviatedModel truth, int n, long taskSeed) {
        return simulate(covariates, truth, n, Seeds.stream(taskSeed, Seeds.Stream.DATA));
    }

    /**
     * n points (x_i, y_i) with x_i from {@code covariates} and y_i | x_i from {@code truth}: the gated draw of
     * {@link #responses} with constant λ and weights, whose order of draws is this class's contract.
     */
    public static Dataset simulate(Covariates covariates, DeviatedModel truth, int n, UniformRandomProvider rng) {
        return simulate(covariates, GatedModel.of(truth), n, rng);
    }

    /** The data set of a task of a gated truth: drawn from the task's {@link Seeds.Stream#DATA} stream. */
    public static Dataset simulate(Covariates covariates, GatedModel truth, int n, long taskSeed) {
        return simulate(covariates, truth, n, Seeds.stream(taskSeed, Seeds.Stream.DATA));
    }

    /** n points with x_i from {@code covariates} and y_i | x_i from the gated {@code truth} ({@link #responses}). */
    public static Dataset simulate(Covariates covariates, GatedModel truth, int n, UniformRandomProvider rng) {
        if (n < 1) {
            throw new IllegalArgumentException("n: must be >= 1, got " + n);
        }
        int d = covariates.dimension();
        if (d != truth.dimension()) {
            throw new IllegalArgumentException("covariates.dimension: must equal the experts' dimension "
                    + truth.dimension() + ", got " + d);
        }
        double[] x = new double[n * d];
        covariates.fill(n, rng, x);
        return responses(truth, d, x, rng);
    }

    /**
     * n points whose covariates come from the law a Gaussian gating implies, x ~ Σ_i w_i N(c_i, Γ_i)
     * ({@link GateCovariates}), and y_i | x_i from {@code truth}.
     */
    public static Dataset simulate(GaussianGating covariateLaw, GatedModel truth, int n, UniformRandomProvider rng) {
        return simulate(new GateCovariates(covariateLaw), truth, n, rng);
    }

    /**
     * Responses y_i | x_i from the gated {@code truth} at the column-major covariates {@code x}. Per point, in
     * order: one uniform u choosing g0 when u ≥ λ(x_i), else expert m by inversion of u/λ(x_i) over the
     * cumulative π(x_i); then the chosen component's draw. With constant λ and gating these are exactly the
     * draws the deviated model always had (one code path; same-results holds the bytes).
     */
    public static Dataset responses(GatedModel truth, int d, double[] x, UniformRandomProvider rng) {
        int n = x.length / d;
        int k = truth.size();
        double[] sd = new double[k];
        for (int m = 0; m < k; m++) {
            sd[m] = Math.sqrt(truth.expert(m).variance());
        }
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] y = new double[n];
        double[] xi = new double[d];
        double[] logPi = new double[k];
        double[] cumulative = new double[k];
        boolean constantGate = truth.gating() instanceof ConstantGating;
        if (constantGate) {
            cumulate(truth, xi, logPi, cumulative);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                xi[j] = x[j * n + i];
            }
            double lambda = truth.deviation().weight(xi);
            double u = rng.nextDouble();
            if (u >= lambda) {
                // u ∈ [λ(x), 1): g0, probability 1 − λ(x) (never when λ = 1).
                y[i] = truth.g0().sample(xi, rng);
            } else {
                if (!constantGate) {
                    cumulate(truth, xi, logPi, cumulative);
                }
                double v = u / lambda * cumulative[k - 1];
                int m = 0;
                while (m < k - 1 && v >= cumulative[m]) {
                    m++;
                }
                y[i] = truth.expert(m).mean(xi) + sd[m] * z.sample();
            }
        }
        return new Dataset(d, x, y);
    }

    /** cumulative[m] = Σ_{i ≤ m} π_i(x), summed in index order. */
    private static void cumulate(GatedModel truth, double[] x, double[] logPi, double[] cumulative) {
        truth.gating().logWeights(x, logPi);
        double acc = 0;
        for (int m = 0; m < logPi.length; m++) {
            acc += truth.gating() instanceof ConstantGating c ? c.weight(m) : Math.exp(logPi[m]);
            cumulative[m] = acc;
        }
    }
}
