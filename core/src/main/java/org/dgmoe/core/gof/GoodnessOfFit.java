package org.dgmoe.core.gof;

import java.util.Objects;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.GofPlan;

/**
 * The goodness-of-fit test of H0 "the data come from the known g0" (λ = 0) against the deviated model
 * (docs/gof.md): the observed statistics ({@link #observe}, with the model-free lower bound of λ), B null
 * refits ({@link NullRefit}, one task each), and their combination ({@link #result}).
 */
public final class GoodnessOfFit {
    private GoodnessOfFit() {
    }

    /**
     * The observed statistics of a data set.
     *
     * @param lrt              the likelihood-ratio statistic
     * @param pit              uᵢ = G0(yᵢ|xᵢ) in index order (copied)
     * @param ks               D with its exact p-value
     * @param cramerVonMises   W²
     * @param andersonDarling  A²
     * @param lambdaLowerBound the Patra–Sen 95% lower confidence bound of the share of u that is not
     *                         U(0, 1), so of λ ({@link PatraSen}: no model, no refits)
     * @param adaptive         HC, BJ, the smooth statistic and the sup-score ({@link AdaptiveStatistics})
     */
    public record Observed(LrtResult lrt, double[] pit, Baseline ks, double cramerVonMises, double andersonDarling,
            LambdaLowerBound lambdaLowerBound, AdaptiveStatistics adaptive) {
        public Observed {
            pit = pit.clone();
            Objects.requireNonNull(lambdaLowerBound, "lambdaLowerBound");
            Objects.requireNonNull(adaptive, "adaptive");
        }

        @Override
        public double[] pit() {
            return pit.clone();
        }
    }

    /**
     * The test's outcome.
     *
     * @param observed        the observed statistics
     * @param lrt             p-value of T
     * @param cramerVonMises  Monte Carlo p-value of W² against the null sample's W²*
     * @param andersonDarling Monte Carlo p-value of A² against the null sample's A²*
     * @param higherCriticism Monte Carlo p-value of HC against the null sample's HC*
     * @param berkJones       Monte Carlo p-value of BJ against the null sample's BJ*
     * @param smooth          Monte Carlo p-value of N_S against the null sample's N_S*
     * @param supScore        Monte Carlo p-value of the sup-score against the null sample's
     * @param gridLikelihoodRatio Monte Carlo p-value of the grid likelihood ratio against the null sample's
     * @param failedNullFits  null refits without a finite alternative (kept, T* = 0)
     * @param combination     the Cauchy (combined) and min-p combinations of the nine p-values above, calibrated
     *                        exactly on the same null sample ({@link Combination}); the combined one is the headline
     */
    public record Result(Observed observed, PValue lrt, PValue cramerVonMises, PValue andersonDarling,
            PValue higherCriticism, PValue berkJones, PValue smooth, PValue supScore, PValue gridLikelihoodRatio,
            int failedNullFits, Combination combination) {
        public Result {
            Objects.requireNonNull(combination, "combination");
        }

        /** The combined test's p-value (the Cauchy combination, exactly calibrated), the headline of the test. */
        public PValue combined() {
            return combination.combined();
        }

        /** KS with its exact p-value, CvM and AD with their Monte Carlo p-values. */
        public Baseline ks() {
            return observed.ks();
        }

        public Baseline cvm() {
            return new Baseline(observed.cramerVonMises(), cramerVonMises.value());
        }

        public Baseline ad() {
            return new Baseline(observed.andersonDarling(), andersonDarling.value());
        }

        /** The Monte Carlo p-value of {@code kind}, one of the adaptive statistics ({@link AdaptiveStatistics}). */
        public PValue adaptivePValue(TestKind kind) {
            return switch (kind) {
                case HC -> higherCriticism;
                case BJ -> berkJones;
                case SMOOTH -> smooth;
                case SUPSCORE -> supScore;
                case GRIDLR -> gridLikelihoodRatio;
                default -> throw new IllegalArgumentException("kind: " + kind.label() + " is not an adaptive statistic");
            };
        }

        /** An adaptive statistic with its Monte Carlo p-value. */
        public Baseline adaptive(TestKind kind) {
            return new Baseline(observed.adaptive().statistic(kind), adaptivePValue(kind).value());
        }
    }

    /**
     * The observed statistics; the recipe's starts come from {@code Seeds.stream(key, GOF_START)}.
     *
     * @throws IllegalArgumentException when the data hold fewer than {@link GofPlan#MINIMUM_SAMPLE_SIZE} points
     */
    public static Observed observe(Dataset data, G0 g0, LrtRecipe recipe, long key) {
        if (data.size() < GofPlan.MINIMUM_SAMPLE_SIZE) {
            throw new IllegalArgumentException("data: the goodness-of-fit test needs at least "
                    + GofPlan.MINIMUM_SAMPLE_SIZE + " points, got " + data.size());
        }
        LrtResult lrt = Lrt.compute(data, g0, recipe, Seeds.stream(key, Seeds.Stream.GOF_START));
        double[] u = Pit.transform(data, g0);
        return new Observed(lrt, u, Pit.kolmogorovSmirnov(u), Pit.cramerVonMises(u), Pit.andersonDarling(u),
                PatraSen.lowerBound(u), AdaptiveStatistics.of(data, g0, u));
    }

    /**
     * The observed statistics against a null sample: every Monte Carlo p-value against the same B null data sets,
     * and their combinations calibrated on them too.
     */
    public static Result result(Observed observed, NullSample nulls) {
        AdaptiveStatistics a = observed.adaptive();
        PValue lrt = nulls.pValue(observed.lrt().statistic());
        PValue cvm = PValue.of(observed.cramerVonMises(), nulls.cramerVonMises());
        PValue ad = PValue.of(observed.andersonDarling(), nulls.andersonDarling());
        PValue hc = PValue.of(a.higherCriticism(), nulls.statistics(TestKind.HC));
        PValue bj = PValue.of(a.berkJones(), nulls.statistics(TestKind.BJ));
        PValue smooth = PValue.of(a.smooth(), nulls.statistics(TestKind.SMOOTH));
        PValue supScore = PValue.of(a.supScore(), nulls.statistics(TestKind.SUPSCORE));
        PValue gridLr = PValue.of(a.gridLikelihoodRatio(), nulls.statistics(TestKind.GRIDLR));
        // in TestKind.COMPONENTS order: lrt, ks, cvm, ad, hc, bj, smooth, supscore, gridlr
        double[] statistics = {observed.lrt().statistic(), observed.ks().statistic(), observed.cramerVonMises(),
            observed.andersonDarling(), a.higherCriticism(), a.berkJones(), a.smooth(), a.supScore(),
            a.gridLikelihoodRatio()};
        double[] pValues = {lrt.value(), observed.ks().pValue(), cvm.value(), ad.value(), hc.value(), bj.value(),
            smooth.value(), supScore.value(), gridLr.value()};
        return new Result(observed, lrt, cvm, ad, hc, bj, smooth, supScore, gridLr, nulls.failed(),
                Combination.of(statistics, pValues, nulls));
    }
}
