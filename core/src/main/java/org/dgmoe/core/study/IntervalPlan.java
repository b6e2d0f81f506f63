package org.dgmoe.core.study;

import java.util.HashSet;
import java.util.List;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.uncertainty.IntervalMethod;

/**
 * The intervals a study asks of every fit (its {@code intervals} block; docs/uncertainty.md, "Coverage"): each
 * method's intervals for every parameter of the truth, matched to the truth's atoms by the Voronoi cells, kept
 * in {@code fits/} and counted against the truth in {@code coverage/}.
 *
 * @param methods   the methods, at least one, distinct, each available in studies ({@link IntervalMethod#inStudies})
 * @param level     the intervals' level, in (0, 1)
 * @param bootstrap B, the refits of the bootstrap method; 0 when the block gives none
 */
public record IntervalPlan(List<IntervalMethod> methods, double level, int bootstrap) implements java.io.Serializable {
    /** The level when the block gives none. */
    public static final double DEFAULT_LEVEL = 0.95;

    // Messages name the key relative to the intervals object; a config reader prefixes its path.
    public IntervalPlan {
        if (methods == null || methods.isEmpty()) {
            throw new InvalidParameterException("methods", "must name at least one of "
                    + String.join(", ", IntervalMethod.studyNames()));
        }
        methods = List.copyOf(methods);
        if (new HashSet<>(methods).size() != methods.size()) {
            throw new InvalidParameterException("methods", "must not name a method twice, got " + names(methods));
        }
        for (IntervalMethod m : methods) {
            if (!m.inStudies()) {
                throw new InvalidParameterException("methods", "'" + m.configName() + "' is not available in a "
                        + "study yet (issue 23: bootstrap intervals come with dgmoe fit --bootstrap); allowed: "
                        + String.join(", ", IntervalMethod.studyNames()));
            }
        }
        if (!(level > 0 && level < 1)) {
            throw new InvalidParameterException("level", "must be in (0, 1), got " + level);
        }
        if (bootstrap < 0) {
            throw new InvalidParameterException("bootstrap", "must be >= 1, got " + bootstrap);
        }
        if (bootstrap > 0 && !methods.contains(IntervalMethod.BOOTSTRAP)) {
            throw new InvalidParameterException("bootstrap", "is the refits of the bootstrap method, which methods "
                    + names(methods) + " does not name: remove it");
        }
    }

    private static List<String> names(List<IntervalMethod> methods) {
        return methods.stream().map(IntervalMethod::configName).toList();
    }
}
