package org.dgmoe.core.study;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.em.BestFit;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.RandomStart;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.random.Seeds;

/**
 * The truth of a population setting: the maximum-likelihood estimate of the setting's model (its g0, k* experts,
 * λ free or fixed, its EM settings) on all N rows of the population, by a fixed, certified recipe
 * (docs/population.md). The tasks' losses, curves and rates then measure how fast a fit to n rows converges to
 * it. When the model is misspecified — real data never come from a deviated mixture of experts — it is the
 * model's best approximation of the population in Kullback–Leibler divergence (White 1982), and the rates are
 * rates to that projection.
 *
 * <p>The recipe: {@value #RESTARTS} data-driven random starts ({@link RandomStart}: each expert the least-squares
 * line of its own small random subset; λ at 1/2 when free, at its fixed value otherwise), each fitted to
 * convergence with the setting's EM settings, the one with the highest ℓ kept and certified ({@link BestFit}). The
 * starts come from {@link Seeds.Stream#POPULATION_TRUTH} of {@code key}, which the app derives from the
 * population's content hash and the model, not from the study seed or a setting's name: two settings with the same
 * population and model (an exact and an over-fitted k) get the same truth, bit for bit.
 *
 * <p>Certification: {@link #reachedBest} counts the starts whose ℓ lies within {@value #RELATIVE_TOLERANCE}·|ℓ̂| of
 * the best, and {@link #logLikelihoods} keeps every start's ℓ, so the spread of the other maxima is on record
 * ({@code truth.json}, the manifest). One start reaching the best is a warning sign: more starts might find a
 * higher maximum.
 *
 * @param model          the full-data MLE
 * @param logLikelihood  its ℓ on the N rows
 * @param status         the kept fit's status
 * @param logLikelihoods every start's ℓ in the order drawn (NaN for a failed start; copied in and out)
 * @param key            the recipe's key (its starts' stream); recorded so an output names the recipe run
 */
public record PopulationTruth(DeviatedModel model, double logLikelihood, FitStatus status, double[] logLikelihoods,
        long key) implements java.io.Serializable {

    /** Random starts of the recipe. */
    public static final int RESTARTS = 20;

    /** Starts within this relative distance of the best ℓ count as reaching it (well above the EM stop rule's). */
    public static final double RELATIVE_TOLERANCE = 1e-6;

    public PopulationTruth {
        if (model == null || status == null || logLikelihoods == null || logLikelihoods.length == 0) {
            throw new IllegalArgumentException("model, status, logLikelihoods: must be given");
        }
        logLikelihoods = logLikelihoods.clone();
    }

    @Override
    public double[] logLikelihoods() {
        return logLikelihoods.clone();
    }

    /**
     * Runs the recipe on {@code population}'s rows: {@value #RESTARTS} random starts with {@code experts} experts in
     * the family of {@code g0}, fitted as {@code spec} says (its EM settings; λ free or fixed).
     */
    public static PopulationTruth fit(Population population, G0 g0, FitSpec spec, int experts, long key) {
        UniformRandomProvider rng = Seeds.stream(key, Seeds.Stream.POPULATION_TRUTH);
        double lambda = g0.isNone() ? 1.0
                : spec.lambdaFree() || Double.isNaN(spec.fixedLambda()) ? 0.5 : spec.fixedLambda();
        BestFit.Restarts restarts = BestFit.certifiedRestarts(new EmFitter(spec.em()), population.rows(), RESTARTS,
                () -> RandomStart.draw(population.rows(), g0, experts, lambda, spec.em().varianceFloor(), rng));
        FitResult best = restarts.best();
        return new PopulationTruth(best.model(), best.logLikelihood(), best.status(), restarts.logLikelihoods(), key);
    }

    /** Whether the kept fit is finite (a truth a setting can measure against). */
    public boolean finite() {
        return Double.isFinite(logLikelihood) && status != FitStatus.NON_FINITE;
    }

    /** How many starts reached the best ℓ within {@link #RELATIVE_TOLERANCE} relative. */
    public int reachedBest() {
        double tolerance = RELATIVE_TOLERANCE * Math.abs(logLikelihood);
        return (int) Arrays.stream(logLikelihoods).filter(l -> Math.abs(l - logLikelihood) <= tolerance).count();
    }

    /**
     * The maxima the other starts reached, as gaps ℓ̂ − ℓ_r &gt; 0 below the best, smallest first (failed starts
     * left out): their spread is what the certificate reports beside {@link #reachedBest}.
     */
    public double[] otherGaps() {
        double tolerance = RELATIVE_TOLERANCE * Math.abs(logLikelihood);
        return Arrays.stream(logLikelihoods).filter(Double::isFinite).map(l -> logLikelihood - l)
                .filter(g -> g > tolerance).sorted().toArray();
    }

    /** How many starts ended with a non-finite ℓ. */
    public int failed() {
        return (int) Arrays.stream(logLikelihoods).filter(l -> !Double.isFinite(l)).count();
    }
}
