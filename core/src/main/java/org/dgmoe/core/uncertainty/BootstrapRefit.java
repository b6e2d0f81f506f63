package org.dgmoe.core.uncertainty;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.em.gated.GatedParameters;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.loss.Transport;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;

/**
 * One bootstrap refit of a constant-gating fit (docs/uncertainty.md, "Bootstrap intervals"). Refit b of the fit
 * keyed by {@code key} (its task seed) uses only s_b = {@link Seeds#bootstrapSeed}(key, b): its data are drawn
 * from {@code Seeds.stream(s_b, DATA)} ({@link #resample}), it is fitted by EM with the fit's own settings from
 * the estimate θ̂, and its experts are permuted onto θ̂'s by an optimal matching of the atoms ({@link #match}).
 * It is a pure function of (data, θ̂, EM settings, kind, key, b): B refits can run as B tasks in any order,
 * partitioning or number of attempts and give the same bootstrap sample.
 *
 * <p>Why from θ̂ and not from the fit's own restarts: the bootstrap estimates the law of the estimator around
 * the maximum the data chose. A refit started at θ̂ climbs to the nearby maximum of the resampled likelihood
 * (the one the sampling variability moved), in a few dozen iterations; random restarts would cost
 * {@code fit.restarts} full fits per refit and mix in the restart recipe's own variability (another maximum, a
 * relabelling), which is not the estimator's sampling error at θ̂. mixtools' {@code boot.se} does the same.
 * The price: a refit cannot jump to a distant maximum it would have found from random starts, so a fit whose
 * likelihood has several comparable maxima gets intervals that are too short (the starts line of the summary
 * says how many maxima the restarts found).
 */
public final class BootstrapRefit {
    private BootstrapRefit() {
    }

    /**
     * A bootstrap data set of {@code data}'s size: {@link BootstrapKind#PARAMETRIC}, the covariates kept and
     * y*_i ~ p_θ̂(·|x_i) drawn for i = 0, 1, … in order ({@link Simulator#responses}, the simulator's order of
     * draws); {@link BootstrapKind#NONPARAMETRIC}, rows i_1, …, i_n drawn uniformly with replacement in order
     * ({@code rng.nextInt(n)} each).
     */
    public static Dataset resample(Dataset data, DeviatedModel estimate, BootstrapKind kind,
            UniformRandomProvider rng) {
        int n = data.size();
        int d = data.dimension();
        return resample(data, GatedModel.of(estimate), kind, rng);
    }

    /**
     * A bootstrap data set of a gated fit, as {@link #resample(Dataset, DeviatedModel, BootstrapKind,
     * UniformRandomProvider)}: parametric draws y*_i ~ p_θ̂(·|x_i) from the gated model at the data's x (the
     * simulator's draws, the very ones of a constant model when θ̂ is one).
     */
    public static Dataset resample(Dataset data, GatedModel estimate, BootstrapKind kind, UniformRandomProvider rng) {
        int n = data.size();
        int d = data.dimension();
        if (kind == BootstrapKind.PARAMETRIC) {
            return Simulator.responses(estimate, d, data.columnView(), rng);
        }
        double[] x = data.columnView();
        double[] y = data.yView();
        double[] xs = new double[n * d];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            int r = rng.nextInt(n);
            ys[i] = y[r];
            for (int j = 0; j < d; j++) {
                xs[j * n + i] = x[j * n + r];
            }
        }
        return new Dataset(d, xs, ys);
    }

    /**
     * Bootstrap refit b: data from {@link #resample} on {@code Seeds.stream(bootstrapSeed(key, b), DATA)}, EM
     * with {@code em} from {@code estimate} (no optimality certificate: a refit keeps its parameters and status
     * only), the experts matched to the estimate's. A refit that fails ({@link BootstrapFit#failed()}) is kept,
     * with NaN parameters.
     *
     * @param data     the fitted data
     * @param estimate the fit's estimate θ̂ (the start of every refit, and the model of a parametric draw)
     * @param em       the EM settings of the fit (its floor, bounds, λ free or held)
     * @param kind     how the data are drawn
     * @param key      the fit's key (its task seed)
     * @param b        the refit's index, ≥ 0
     */
    public static BootstrapFit run(Dataset data, DeviatedModel estimate, EmSettings em, BootstrapKind kind, long key,
            int b) {
        long seed = Seeds.bootstrapSeed(key, b);
        Dataset resampled = resample(data, estimate, kind, Seeds.stream(seed, Seeds.Stream.DATA));
        FitResult fit = new EmFitter(em).fitUncertified(resampled, estimate).result();
        double[] none = new double[ObservedInformation.size(estimate.size(), estimate.dimension())];
        Arrays.fill(none, Double.NaN);
        BootstrapFit unaligned = new BootstrapFit(b, fit.status(), parameters(fit.model(), identity(estimate.size())));
        if (unaligned.failed()) {
            return new BootstrapFit(b, fit.status(), none);
        }
        return new BootstrapFit(b, fit.status(), parameters(fit.model(), match(estimate, fit.model())));
    }

    /**
     * Bootstrap refit b of a gated fit, as {@link #run(Dataset, DeviatedModel, EmSettings, BootstrapKind, long,
     * int)}: data from {@link #resample(Dataset, GatedModel, BootstrapKind, UniformRandomProvider)}, the gated EM of
     * {@code fitter} from the estimate, the experts matched to the estimate's by their atoms ({@link #match(List,
     * List)}; the gates travel with their experts) and the parameters of {@link GatedParameters#values}, a softmax
     * gate as its contrast to the expert in place 1, which the gates' common translation does not move.
     */
    public static BootstrapFit run(Dataset data, GatedModel estimate, GatedEmFitter fitter, BootstrapKind kind,
            long key, int b) {
        long seed = Seeds.bootstrapSeed(key, b);
        Dataset resampled = resample(data, estimate, kind, Seeds.stream(seed, Seeds.Stream.DATA));
        GatedFitResult fit = fitter.fit(resampled, estimate);
        int k = estimate.size();
        BootstrapFit unaligned = new BootstrapFit(b, fit.status(), GatedParameters.values(fit.model(), identity(k)));
        if (unaligned.failed()) {
            double[] none = new double[unaligned.parameters().length];
            Arrays.fill(none, Double.NaN);
            return new BootstrapFit(b, fit.status(), none);
        }
        return new BootstrapFit(b, fit.status(),
                GatedParameters.values(fit.model(), match(estimate.experts(), fit.model().experts())));
    }

    /** {@link #match(List, List)} of the two models' experts. */
    public static int[] match(DeviatedModel estimate, DeviatedModel refit) {
        return match(estimate.mixing().experts(), refit.mixing().experts());
    }

    /**
     * The matching of {@code refit}'s experts to {@code estimate}'s: {@code order[i]} is the refit expert put in
     * the place of estimate expert i. It minimises Σ_i ‖ω_i − ω'_order[i]‖ over permutations, ω = (a, b, σ) an
     * atom and ‖·‖ the distance of the Voronoi loss ({@link LossCalculator#atomDistance}), solved as the
     * transport between the two atom sets with mass 1/k on every atom ({@link Transport}; with equal masses an
     * optimal plan is a permutation, Birkhoff–von Neumann, and the successive shortest paths ship whole atoms).
     * Labels are arbitrary in a mixture, so without it a refit that came back with its experts swapped would put
     * expert 2's slope in expert 1's row and widen every interval to span both (label switching; Stephens 2000).
     * Weights are not in the cost: they travel with their atom.
     *
     * @throws IllegalArgumentException when the models have different numbers of experts, or an atom is not finite
     */
    public static int[] match(List<Expert> estimate, List<Expert> refit) {
        int k = estimate.size();
        if (refit.size() != k) {
            throw new IllegalArgumentException("refit: must have " + k + " experts, got " + refit.size());
        }
        double[] mass = new double[k];
        Arrays.fill(mass, 1.0 / k);
        double[][] cost = new double[k][k];
        for (int i = 0; i < k; i++) {
            Expert e = estimate.get(i);
            for (int j = 0; j < k; j++) {
                cost[i][j] = LossCalculator.atomDistance(e, refit.get(j));
            }
        }
        double[][] plan = Transport.solve(mass, mass, cost).plan();
        int[] order = new int[k];
        boolean[] taken = new boolean[k];
        for (int i = 0; i < k; i++) {
            int arg = 0;
            for (int j = 1; j < k; j++) {
                if (plan[i][j] > plan[i][arg]) {
                    arg = j;
                }
            }
            if (taken[arg]) {
                throw new IllegalStateException("BootstrapRefit.match: the plan is not a permutation (bug): "
                        + Arrays.deepToString(plan));
            }
            taken[arg] = true;
            order[i] = arg;
        }
        return order;
    }

    /**
     * {@code model}'s reported parameters in the layout of {@link ObservedInformation#size}, its expert
     * {@code order[i]} in place i: λ, p_order[0..k−1], then per place the slope, intercept and variance.
     */
    public static double[] parameters(DeviatedModel model, int[] order) {
        int k = model.size();
        int d = model.dimension();
        if (order.length != k) {
            throw new IllegalArgumentException("order: must have " + k + " entries, got " + order.length);
        }
        double[] out = new double[ObservedInformation.size(k, d)];
        out[ObservedInformation.lambdaIndex()] = model.lambda();
        for (int i = 0; i < k; i++) {
            int j = order[i];
            Expert e = model.mixing().expert(j);
            out[ObservedInformation.weightIndex(i)] = model.mixing().weight(j);
            for (int c = 0; c < d; c++) {
                out[ObservedInformation.slopeIndex(k, d, i, c)] = e.slope(c);
            }
            out[ObservedInformation.interceptIndex(k, d, i)] = e.intercept();
            out[ObservedInformation.varianceIndex(k, d, i)] = e.variance();
        }
        return out;
    }

    /** 0, 1, …, k − 1: a model's experts in their own order. */
    public static int[] identity(int k) {
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        return order;
    }
}
