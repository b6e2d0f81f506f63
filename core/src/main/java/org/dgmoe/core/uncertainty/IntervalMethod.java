package org.dgmoe.core.uncertainty;

import java.util.Arrays;
import org.dgmoe.core.ConfigNamed;

/**
 * How an interval for a reported parameter is made, as a study's {@code intervals.methods} names it
 * (docs/uncertainty.md, "Coverage"). Each method has its own producer in the sweep's task
 * ({@code org.dgmoe.core.study.TaskIntervals}) and its own columns of {@code fits/} ({@link MatchedIntervals}).
 */
public enum IntervalMethod implements ConfigNamed {
    /** From the observed information and the delta method ({@link StandardErrors}). */
    WALD(true),
    /**
     * Aligned bootstrap refits (issue 23): not yet available in a study, so the study file refuses it; its producer
     * joins {@code TaskIntervals} when {@code dgmoe fit --bootstrap} lands in core.
     */
    BOOTSTRAP(false);

    private final boolean inStudies;

    IntervalMethod(boolean inStudies) {
        this.inStudies = inStudies;
    }

    /** Whether a study may ask for it today. */
    public boolean inStudies() {
        return inStudies;
    }

    /** The config names of the methods a study may ask for, in declaration order. */
    public static String[] studyNames() {
        return Arrays.stream(values()).filter(IntervalMethod::inStudies).map(IntervalMethod::configName)
                .toArray(String[]::new);
    }
}
