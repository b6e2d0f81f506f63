package org.dgmoe.core.study;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.em.BestFit;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.RandomStart;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.em.gated.GatedRestarts;
import org.dgmoe.core.em.gated.GatedStarts;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.Gating;

/**
 * Fitting a user's data with a setting that has no truth (the data commands; a setting with a truth goes
 * through {@link TaskRunner#fit}, which this mirrors): {@code restarts} random starts, or the given start,
 * the best kept and certified as in {@link TaskRunner#fit} ({@link BestFit#certified}). Near-truth starts
 * need a truth and are refused.
 */
public final class DataFit {
    private DataFit() {
    }

    /**
     * @throws IllegalArgumentException for {@code init = near-truth}, or a λ fixed "at the start's value" with
     *                                  random starts (there is no λ* to start from); messages name the key
     */
    public static FitResult fit(G0 g0, FitSpec spec, Dataset data, UniformRandomProvider initRng) {
        return fitRestarts(g0, spec, data, initRng).best();
    }

    /**
     * As {@link #fit} (the same fits), with the log-likelihood every start reached ({@code dgmoe fit}'s summary).
     *
     * @throws IllegalArgumentException as {@link #fit}
     */
    public static BestFit.Restarts fitRestarts(G0 g0, FitSpec spec, Dataset data, UniformRandomProvider initRng) {
        if (spec.init() == InitKind.NEAR_TRUTH) {
            throw new InvalidParameterException("fit.init",
                    "near-truth starts at the truth, and this setting has none; "
                    + "use init = random (or given, or a --start file)");
        }
        double lambda;
        if (g0.isNone()) {
            lambda = 1;
        } else if (spec.lambdaFree()) {
            lambda = 0.5;
        } else if (!Double.isNaN(spec.fixedLambda())) {
            lambda = spec.fixedLambda();
        } else if (spec.init() == InitKind.GIVEN) {
            lambda = spec.givenStart().lambda();
        } else {
            throw new InvalidParameterException("fit.lambda", "fixed at the start's value needs a truth for random "
                    + "starts; give the value (fit.lambda = 0.3) or free");
        }
        int starts = spec.init() == InitKind.GIVEN ? 1 : spec.restarts();
        return BestFit.certifiedRestarts(new EmFitter(spec.em()), data, starts,
                () -> start(g0, spec, data, lambda, initRng));
    }

    /**
     * As {@link #fitRestarts} for a family gated by x ({@code gating} or {@code deviation} not constant): {@code
     * restarts} random starts ({@link GatedStarts#random}, a constant λ held at a number replacing the start's),
     * fitted by the gated EM, the best kept ({@link GatedRestarts}). A given start goes through
     * {@link TaskRunner#fitGatedFrom}.
     *
     * @throws IllegalArgumentException for {@code init} other than random, or a λ fixed "at the start's value"
     *                                  (a random start has no λ worth holding); messages name the key
     */
    public static GatedRestarts fitGatedRestarts(G0 g0, Gating.Type gating, Deviation.Type deviation, FitSpec spec,
            Dataset data, UniformRandomProvider initRng) {
        if (spec.init() != InitKind.RANDOM) {
            throw new InvalidParameterException("fit.init", spec.init().configName() + " starts "
                    + (spec.init() == InitKind.NEAR_TRUTH ? "at the truth, and this setting has none"
                            : "are for constant-weight settings in this version")
                    + "; use init = random (or a --start file)");
        }
        if (!spec.lambdaFree() && Double.isNaN(spec.fixedLambda()) && !g0.isNone()) {
            throw new InvalidParameterException("fit.lambda", "fixed at the start's value needs a truth or a --start "
                    + "file for random starts; give free" + (deviation == Deviation.Type.CONSTANT
                            ? " or the value (fit.lambda = 0.3)" : ""));
        }
        return GatedRestarts.fit(new GatedEmFitter(spec.em()), data, spec.restarts(),
                () -> TaskRunner.holdLambda(spec, GatedStarts.random(data, gating, deviation, g0, spec.experts(),
                        spec.em().varianceFloor(), initRng)));
    }

    private static DeviatedModel start(G0 g0, FitSpec spec, Dataset data, double lambda,
            UniformRandomProvider initRng) {
        DeviatedModel start = spec.init() == InitKind.GIVEN ? spec.givenStart()
                : RandomStart.draw(data, g0, spec.experts(), lambda, spec.em().varianceFloor(), initRng);
        if (!spec.lambdaFree() && !g0.isNone()) {
            start = start.with(lambda, start.mixing());
        }
        return start;
    }

}
