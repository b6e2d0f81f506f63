package org.dgmoe.core.study;

import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.model.DeviatedModel;

/**
 * How a setting is fitted.
 *
 * @param experts      number of fitted experts k ≥ 1
 * @param lambdaFree   λ estimated (true) or held fixed (false)
 * @param fixedLambda  the value λ is held at when fixed; NaN means "at the start's value" (λ* for
 *                     near-truth starts); ignored when λ is free
 * @param init         how EM starts
 * @param restarts     number of starts; the fit with the largest log-likelihood is kept
 * @param em           EM settings (its lambdaFree equals {@code lambdaFree})
 * @param noise        near-truth start noise
 * @param givenStart   the user's start when init is GIVEN, else null
 * @param startCheck   the start-sensitivity check ({@link StartCheck#OFF} for none)
 */
public record FitSpec(int experts, boolean lambdaFree, double fixedLambda, InitKind init, int restarts, EmSettings em,
        NearTruthStart noise, DeviatedModel givenStart, StartCheck startCheck) implements java.io.Serializable {

    /** Without a start-sensitivity check. */
    public FitSpec(int experts, boolean lambdaFree, double fixedLambda, InitKind init, int restarts, EmSettings em,
            NearTruthStart noise, DeviatedModel givenStart) {
        this(experts, lambdaFree, fixedLambda, init, restarts, em, noise, givenStart, StartCheck.OFF);
    }

    /**
     * The most fitted experts a study may ask for. Far above what EM can fit from simulated data, it
     * keeps a typo (100000) from becoming a sweep whose every fit holds n × k responsibilities.
     */
    public static final int MAX_EXPERTS = 1000;

    /** The most starts per fit; a bound for the same reason as {@link #MAX_EXPERTS}. */
    public static final int MAX_RESTARTS = 100_000;

    // Messages name the key relative to the fit object (fit.experts is "experts"); a config reader
    // prefixes the full key path.
    public FitSpec {
        if (experts < 1 || experts > MAX_EXPERTS) {
            throw new InvalidParameterException("experts", "must be an integer in [1, " + MAX_EXPERTS + "], got "
                    + experts);
        }
        if (init == null || em == null || noise == null) {
            throw new IllegalArgumentException("init, em, noise: must not be null");
        }
        if (em.bounds().weight() * experts >= 1) {
            throw new InvalidParameterException("bounds.weight", "must be below 1/experts = " + (1.0 / experts)
                    + ", got " + em.bounds().weight());
        }
        if (restarts < 1 || restarts > MAX_RESTARTS) {
            throw new InvalidParameterException("restarts", "must be an integer in [1, " + MAX_RESTARTS + "], got "
                    + restarts);
        }
        if (!lambdaFree && !Double.isNaN(fixedLambda) && !(fixedLambda >= 0 && fixedLambda <= 1)) {
            throw new InvalidParameterException("lambda", "a fixed λ must be in [0, 1], got " + fixedLambda);
        }
        if (init == InitKind.GIVEN && givenStart == null) {
            throw new InvalidParameterException("start", "init = given needs a start");
        }
        if (givenStart != null && givenStart.size() != experts) {
            throw new InvalidParameterException("start", "must have experts = " + experts + " experts, got "
                    + givenStart.size());
        }
        if (startCheck == null) {
            throw new IllegalArgumentException("start-check: must not be null (use StartCheck.OFF)");
        }
        if (em.lambdaFree() != lambdaFree) {
            em = em.withLambdaFree(lambdaFree);
        }
    }
}
