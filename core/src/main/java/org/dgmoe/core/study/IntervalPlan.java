package org.dgmoe.core.study;

import java.util.HashSet;
import java.util.List;
import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.uncertainty.IntervalMethod;

/**
 * The intervals a study asks of every fit (its {@code intervals} block; docs/uncertainty.md, "Coverage"): each
 * method's intervals for every parameter of the truth, matched to the truth's atoms by the Voronoi cells, kept
 * in {@code fits/} and counted against the truth in {@code coverage/}.
 *
 * @param methods   the methods, at least one, distinct
 * @param level     the intervals' level, in (0, 1)
 * @param bootstrap B, the parametric bootstrap refits per fit that the bootstrap methods share
 *                  ({@link IntervalMethod#bootstrap()}): at least 1 with one of them, 0 without
 */
public record IntervalPlan(List<IntervalMethod> methods, double level, int bootstrap) implements java.io.Serializable {
    /** The level when the block gives none. */
    public static final double DEFAULT_LEVEL = 0.95;

    // Messages name the key relative to the intervals object; a config reader prefixes its path.
    public IntervalPlan {
        if (methods == null || methods.isEmpty()) {
            throw new InvalidParameterException("methods", "must name at least one of "
                    + String.join(", ", ConfigNamed.configNames(IntervalMethod.class)));
        }
        methods = List.copyOf(methods);
        if (new HashSet<>(methods).size() != methods.size()) {
            throw new InvalidParameterException("methods", "must not name a method twice, got " + names(methods));
        }
        if (!(level > 0 && level < 1)) {
            throw new InvalidParameterException("level", "must be in (0, 1), got " + level);
        }
        if (bootstrap < 0) {
            throw new InvalidParameterException("bootstrap", "must be >= 1, got " + bootstrap);
        }
        boolean refits = methods.stream().anyMatch(IntervalMethod::bootstrap);
        if (bootstrap > 0 && !refits) {
            throw new InvalidParameterException("bootstrap", "is the refits of the bootstrap methods, which methods "
                    + names(methods) + " does not name: remove it");
        }
        if (bootstrap == 0 && refits) {
            throw new InvalidParameterException("bootstrap", "must give B, the refits per fit, with methods "
                    + names(methods) + " (e.g. bootstrap = 200; every fit of the study runs B refits)");
        }
    }

    private static List<String> names(List<IntervalMethod> methods) {
        return methods.stream().map(IntervalMethod::configName).toList();
    }
}
