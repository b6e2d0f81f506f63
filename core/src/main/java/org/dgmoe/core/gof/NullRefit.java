package org.dgmoe.core.gof;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.random.Seeds;

/**
 * The null refits of a goodness-of-fit test. Refit b of the test keyed by {@code key} uses only
 * s_b = {@link Seeds#nullSeed}(key, b): its responses (and covariates, when they are drawn) come from
 * {@code Seeds.stream(s_b, DATA)}, its starts from {@code Seeds.stream(s_b, GOF_START)}. Each refit is
 * therefore an independent pure function of (data or covariate law, g0, recipe, key, b): B refits can run
 * as B tasks in any order, partitioning or number of attempts and give the same null sample.
 */
public final class NullRefit {
    private NullRefit() {
    }

    /**
     * A null data set conditional on the covariates of {@code observed}: y*ᵢ ~ g0(·|xᵢ), drawn for
     * i = 0, 1, … in order from {@code rng}.
     */
    public static Dataset conditional(Dataset observed, G0 g0, UniformRandomProvider rng) {
        int n = observed.size();
        int d = observed.dimension();
        double[] y = new double[n];
        double[] x = new double[d];
        for (int i = 0; i < n; i++) {
            observed.copyX(i, x);
            y[i] = g0.sampleAt(i, x, rng);
        }
        return new Dataset(d, observed.columnView(), y);
    }

    /** Null refit b conditional on the covariates of {@code observed} (the test of a user's data set). */
    public static NullFit run(Dataset observed, G0 g0, LrtRecipe recipe, long key, int b) {
        long seed = Seeds.nullSeed(key, b);
        Dataset data = conditional(observed, g0, Seeds.stream(seed, Seeds.Stream.DATA));
        return refit(data, g0, recipe, seed, b);
    }

    /**
     * Null refit b with n fresh covariates from {@code covariates} (drawn first, {@link Covariates#fill}),
     * then y*ᵢ ~ g0(·|xᵢ), all from {@code Seeds.stream(s_b, DATA)}: the null sample a simulation study
     * shares between the replicates of one (setting, n), whose covariates are drawn from the same law.
     */
    public static NullFit run(Covariates covariates, int n, G0 g0, LrtRecipe recipe, long key, int b) {
        if (n < 1) {
            throw new IllegalArgumentException("n: must be >= 1, got " + n);
        }
        long seed = Seeds.nullSeed(key, b);
        UniformRandomProvider rng = Seeds.stream(seed, Seeds.Stream.DATA);
        double[] x = new double[n * covariates.dimension()];
        covariates.fill(n, rng, x);
        Dataset xs = new Dataset(covariates.dimension(), x, new double[n]);
        return refit(conditional(xs, g0, rng), g0, recipe, seed, b);
    }

    private static NullFit refit(Dataset data, G0 g0, LrtRecipe recipe, long seed, int b) {
        // T* and the fit's status are all a null refit keeps: no optimality certificate.
        LrtResult lrt = Lrt.compute(data, g0, recipe, Seeds.stream(seed, Seeds.Stream.GOF_START), false);
        double[] u = Pit.transform(data, g0);
        // D as before; its exact p-value by the observed data's own function, the combined test's KS component
        return new NullFit(b, lrt.statistic(), lrt.failed(), lrt.lambda(), lrt.fit().status(),
                Pit.kolmogorovSmirnovStatistic(u), Pit.kolmogorovSmirnov(u).pValue(), Pit.cramerVonMises(u),
                Pit.andersonDarling(u), AdaptiveStatistics.of(data, g0, u));
    }
}
