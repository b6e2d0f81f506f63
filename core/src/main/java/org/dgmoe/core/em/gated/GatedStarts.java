package org.dgmoe.core.em.gated;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.em.RandomStart;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * Starts for the gated fit ({@link GatedEmFitter}): near the truth, by the authors' recipe, for simulation
 * sweeps; and data-driven random starts for real data. Stateless; every draw comes from the given stream.
 *
 * <h2>Near-truth starts</h2>
 * The reference §6 recipe of {@link NearTruthStart} extended to the gates, as the authors start their softmax-
 * and Gaussian-gated fits (CRPE-SGaME {@code functions.py: init_params_SGaME}; CRPE-GMoE
 * {@code experiment.py: init_params_GLLiM}): fitted atom i copies true atom j = {@link NearTruthStart#assignment}
 * (k, k*)[i] = i mod k* plus N(0, s_n²) noise on every location coordinate, s_n = locationScale · n^locationExponent
 * ({@link NearTruthStart#locationSd}). With m_j the number of fitted atoms given to true atom j:
 * <ul>
 * <li>experts: exactly {@link NearTruthStart#experts} (the same code and draws as the constant model's start);</li>
 * <li>constant gate: p_j* / m_j, as {@link NearTruthStart#draw};</li>
 * <li>softmax gate: (β_j* + noise, β_j0* − log m_j + noise). The − log m_j splits the cell's mass: with zero
 * noise Σ_{i→j} exp(β_i0) = exp(β_j0*), so every π_i(x) of the cell is π_j*(x)/m_j and the cell's total gate
 * weight is the true one at every x. The authors' code neither splits the mass nor perturbs the last gate (theirs is
 * pinned at zero); here every gate is perturbed and kept as drawn (the fitter works with expert 1's gate at
 * zero, {@link SoftmaxGating#normalised()});</li>
 * <li>Gaussian gate: weight w_j* / m_j (the authors' π0/counts), mean c_j* + noise, covariance Γ_j* exactly.
 * The authors also add |N(0, v_n²)| to Γ's diagonal; here Γ starts at the truth so that, with zero noise, the
 * cell's gate weight is the true one at every x (each atom's π_i(x) is π_j*(x)/m_j);</li>
 * <li>sigmoid deviation: (γ* + noise, γ0* + noise); a constant λ starts at λ* (as {@link NearTruthStart}).</li>
 * </ul>
 * g0 is the truth's.
 *
 * <p><b>Order of draws</b> (part of the reproducibility contract; every normal is a
 * {@link ZigguratSampler.NormalizedGaussian} draw on the given stream): first the experts, exactly as
 * {@link NearTruthStart#experts} (for i = 0..k−1: d slope normals, one intercept normal, one variance normal);
 * then the gate, for i = 0..k−1 in turn: softmax, d normals for β_i then one for β_i0; Gaussian, d normals for
 * c_i; constant, none; then the deviation: sigmoid, d normals for γ then one for γ0; constant, none.
 * So the constant family's start is {@link NearTruthStart#draw}'s, bit for bit.
 *
 * <h2>Random starts</h2>
 * A start in the family (gating and deviation types, g0) of a given model, from the data alone:
 * <ul>
 * <li>experts: {@link RandomStart#draw} (one OLS line per random small subset, variances clamped to the data's
 * scale);</li>
 * <li>constant gate: 1/k each (RandomStart's weights);</li>
 * <li>softmax gate: all (β_i, β_i0) = 0, so π_i(x) = 1/k. No random gates are needed to break the symmetry: the
 * experts already differ, so the first E-step gives the atoms different responsibilities and the gate M-step
 * different gates. Zero gates carry no information the data did not give, spend no draws, and make the softmax
 * start's π(x) the constant start's;</li>
 * <li>Gaussian gate: weights 1/k, means at k distinct data points x_n (distinct indices) drawn at random, each
 * covariance the data's covariance of x, S = (1/n) Σ_n (x_n − x̄)(x_n − x̄)ᵀ, plus
 * {@link GaussianGateSolver#DEFAULT_COVARIANCE_FLOOR} on the diagonal (the fitter's eigenvalue floor) so that a covariate
 * constant in the data still gives a positive definite Γ;</li>
 * <li>sigmoid deviation: γ = 0, γ0 = 0 (λ(x) = 1/2 everywhere, the free λ's random start);</li>
 * <li>constant λ: 1 for g0 none, else 1/2, as {@link RandomStart} starts a free λ in a sweep. A caller fitting
 * with λ fixed replaces it by the fixed value (as TaskRunner and DataFit do).</li>
 * </ul>
 * Order of draws: the experts as {@link RandomStart#draw} (one permutation per expert), then, for a Gaussian gate
 * only, one partial permutation of 0..n−1 whose k entries in order index the means c_0..c_{k−1}.
 */
public final class GatedStarts {

    private GatedStarts() {
    }

    /**
     * A start with k atoms near {@code truth} for sample size n (the class comment gives the recipe and the
     * order of draws).
     *
     * @param noise the recipe's four noise parameters; not null
     * @param truth the true model, k* = {@code truth.size()} atoms; not null
     * @param k     fitted atoms, ≥ k*
     * @param n     sample size, ≥ 1 (the noise shrinks with n)
     * @param rng   the INIT stream; not null
     */
    public static GatedModel nearTruth(NearTruthStart noise, GatedModel truth, int k, int n,
            UniformRandomProvider rng) {
        if (noise == null || truth == null) {
            throw new IllegalArgumentException("noise and truth: must not be null");
        }
        List<Expert> experts = noise.experts(truth.experts(), k, n, rng);
        int kStar = truth.size();
        int[] assigned = NearTruthStart.assignment(k, kStar);
        int[] count = new int[kStar];
        for (int j : assigned) {
            count[j]++;
        }
        double sd = noise.locationSd(n);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        Gating gating = nearTruthGate(truth.gating(), assigned, count, sd, normal);
        Deviation deviation = truth.deviation();
        if (deviation instanceof SigmoidDeviation s) {
            int d = s.dimension();
            double[] slope = new double[d];
            for (int c = 0; c < d; c++) {
                slope[c] = s.slope(c) + sd * normal.sample();
            }
            deviation = new SigmoidDeviation(slope, s.intercept() + sd * normal.sample());
        }
        return new GatedModel(deviation, gating, experts, truth.g0());
    }

    /** The gate part of {@link #nearTruth}: its draws come after the experts', atom by atom. */
    private static Gating nearTruthGate(Gating truth, int[] assigned, int[] count, double sd,
            ZigguratSampler.NormalizedGaussian normal) {
        int k = assigned.length;
        if (truth instanceof ConstantGating c) {
            double[] weights = new double[k];
            for (int i = 0; i < k; i++) {
                int j = assigned[i];
                weights[i] = c.weight(j) / count[j];
            }
            return new ConstantGating(weights);
        }
        if (truth instanceof SoftmaxGating s) {
            int d = s.dimension();
            double[][] slope = new double[k][d];
            double[] intercept = new double[k];
            for (int i = 0; i < k; i++) {
                int j = assigned[i];
                for (int c = 0; c < d; c++) {
                    slope[i][c] = s.slope(j, c) + sd * normal.sample();
                }
                // − log m_j: the m_j atoms of cell j share exp(β_j0*),
                // Σ_{i→j} exp(β_i0) = exp(β_j0*) at zero noise.
                intercept[i] = s.intercept(j) - Math.log(count[j]) + sd * normal.sample();
            }
            return new SoftmaxGating(slope, intercept);
        }
        GaussianGating g = (GaussianGating) truth;
        int d = g.dimension();
        double[] weights = new double[k];
        double[][] means = new double[k][];
        double[][][] covariances = new double[k][][];
        for (int i = 0; i < k; i++) {
            int j = assigned[i];
            weights[i] = g.weight(j) / count[j];
            double[] mean = g.mean(j);
            for (int c = 0; c < d; c++) {
                mean[c] += sd * normal.sample();
            }
            means[i] = mean;
            covariances[i] = g.covariance(j);
        }
        return new GaussianGating(weights, means, covariances);
    }

    /**
     * A data-driven random start with k atoms in the family of {@code family}: its gating and deviation types
     * and its g0 (its parameter values are not used). The class comment gives the recipe and the order of draws.
     *
     * @param data          the data to be fitted, n ≥ 1 (n ≥ k for a Gaussian gate); not null
     * @param family        gives the gating and deviation types and g0; not null
     * @param k             fitted atoms, ≥ 1
     * @param varianceFloor the fit's variance floor, &gt; 0 ({@link RandomStart#draw})
     * @param rng           the INIT stream; not null
     */
    public static GatedModel random(Dataset data, GatedModel family, int k, double varianceFloor,
            UniformRandomProvider rng) {
        if (family == null) {
            throw new IllegalArgumentException("family: must not be null");
        }
        return random(data, family.gating().type(), family.deviation().type(), family.g0(), k, varianceFloor, rng);
    }

    /**
     * As {@link #random(Dataset, GatedModel, int, double, UniformRandomProvider)} for a family named by its types
     * and g0 (a fit to data without a truth: {@code dgmoe fit} on a setting that has none).
     *
     * @param gating    the gating family; not null
     * @param deviation the deviation family; not null ({@code SIGMOID} needs a g0 other than none)
     * @param g0        the family's g0; not null
     */
    public static GatedModel random(Dataset data, Gating.Type gating, Deviation.Type deviation, G0 g0, int k,
            double varianceFloor, UniformRandomProvider rng) {
        if (data == null || gating == null || deviation == null || g0 == null || rng == null) {
            throw new IllegalArgumentException("data, gating, deviation, g0 and rng: must not be null");
        }
        double lambda = g0.isNone() ? 1.0 : 0.5;
        DeviatedModel experts = RandomStart.draw(data, g0, k, lambda, varianceFloor, rng);
        int d = data.dimension();
        Gating gate = switch (gating) {
            case CONSTANT -> new ConstantGating(experts.mixing().weights());
            case SOFTMAX -> new SoftmaxGating(new double[k][d], new double[k]);
            case GAUSSIAN -> randomGaussianGate(data, k, rng);
        };
        Deviation lambdaOfX = switch (deviation) {
            case CONSTANT -> new ConstantDeviation(lambda);
            case SIGMOID -> new SigmoidDeviation(new double[d], 0.0);
        };
        return new GatedModel(lambdaOfX, gate, experts.mixing().experts(), g0);
    }

    /** Weights 1/k, means at k distinct random data points, covariances the data's covariance of x (+ floor). */
    private static GaussianGating randomGaussianGate(Dataset data, int k, UniformRandomProvider rng) {
        int n = data.size();
        int d = data.dimension();
        if (n < k) {
            throw new InvalidParameterException("fit.experts", "a Gaussian gate's random start puts its " + k
                    + " means at distinct data points and needs n >= k, got n = " + n);
        }
        int[] picked = new PermutationSampler(rng, n, k).sample();
        double[] x = data.columnView();
        double[] columnMean = new double[d];
        for (int c = 0; c < d; c++) {
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += x[c * n + p];
            }
            columnMean[c] = s / n;
        }
        double[][] cov = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += (x[a * n + p] - columnMean[a]) * (x[b * n + p] - columnMean[b]);
                }
                cov[a][b] = s / n;
                cov[b][a] = cov[a][b];
            }
            cov[a][a] += GaussianGateSolver.DEFAULT_COVARIANCE_FLOOR;
        }
        double[] weights = new double[k];
        Arrays.fill(weights, 1.0 / k);
        double[][] means = new double[k][d];
        double[][][] covariances = new double[k][][];
        for (int i = 0; i < k; i++) {
            data.copyX(picked[i], means[i]);
            covariances[i] = cov;
        }
        return new GaussianGating(weights, means, covariances);
    }
}
