package org.dgmoe.core.uncertainty;

import org.dgmoe.core.ConfigNamed;

/**
 * How an interval for a reported parameter is made, as a study's {@code intervals.methods} names it
 * (docs/uncertainty.md, "Coverage"). Each method has its own producer in the sweep's task
 * ({@code org.dgmoe.core.study.TaskIntervals}) and its own columns of {@code fits/} ({@link MatchedIntervals}).
 * The two bootstrap methods are the two intervals of one set of refits ({@link Bootstrap}), counted apart because
 * they differ where the bootstrap law is skewed or biased about θ̂; a study naming both runs the refits once.
 */
public enum IntervalMethod implements ConfigNamed {
    /** From the observed information and the delta method ({@link StandardErrors}). */
    WALD,
    /** The percentile interval of the parametric bootstrap's aligned refits ({@link Bootstrap#percentileLower}). */
    BOOTSTRAP_PERCENTILE,
    /** The basic interval of the same refits, reflected about θ̂ on the Wald scale ({@link Bootstrap#basicLower}). */
    BOOTSTRAP_BASIC;

    /** Whether the method's intervals come from bootstrap refits (the study's {@code intervals.bootstrap} = B). */
    public boolean bootstrap() {
        return this != WALD;
    }
}
