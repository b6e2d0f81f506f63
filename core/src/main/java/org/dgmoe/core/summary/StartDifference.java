package org.dgmoe.core.summary;

import java.util.List;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.field.ValueType;
import org.dgmoe.core.study.StartComparison;

/**
 * What a fit's row keeps of its start-sensitivity check ({@link StartComparison}): the best random
 * refit minus the kept fit. The refit's own log-likelihood and status are not kept, so a row read
 * back equals the row written.
 *
 * @param deltaLogLikelihood    ℓ(best random) − ℓ(kept fit)
 * @param voronoiDifference     Voronoi loss of the best random fit minus the kept fit's
 * @param wassersteinDifference the same for the generalized Wasserstein loss
 * @param differentMaximum      |Δℓ| &gt; {@link org.dgmoe.core.study.StartCheck#DIFFERENT_MAXIMUM}
 */
public record StartDifference(double deltaLogLikelihood, double voronoiDifference, double wassersteinDifference,
        boolean differentMaximum) {
    // A row not start-checked holds null: its fields read a null difference as false and nulls.
    public static final Field<StartDifference> CHECKED = Field.of("startChecked", ValueType.BOOLEAN,
            "whether the task's start sensitivity was checked", (StartDifference d) -> d != null);
    public static final Field<StartDifference> DELTA_LOG_LIKELIHOOD = Field.of("startDeltaLogLikelihood",
            ValueType.DOUBLE, "ℓ of the best random refit minus the kept fit's", (StartDifference d) -> d == null ? null
                    : d.deltaLogLikelihood()).asNullable();
    public static final Field<StartDifference> VORONOI_DIFFERENCE = Field.of("startVoronoiDifference",
            ValueType.DOUBLE, "its Voronoi loss minus the kept fit's", (StartDifference d) -> d == null ? null : d.voronoiDifference())
            .asNullable();
    public static final Field<StartDifference> WASSERSTEIN_DIFFERENCE = Field.of("startWassersteinDifference",
            ValueType.DOUBLE, "its generalized Wasserstein loss minus the kept fit's", (StartDifference d) -> d == null ? null
                    : d.wassersteinDifference()).asNullable();
    public static final Field<StartDifference> DIFFERENT = Field.of("startDifferent", ValueType.BOOLEAN,
            "whether it found a different maximum", (StartDifference d) -> d == null ? null : d.differentMaximum()).asNullable();

    /** The check's fields, in table order; reads as null when {@link #CHECKED} is false. */
    public static final Part<StartDifference> PART = new Part<>(List.of(CHECKED, DELTA_LOG_LIKELIHOOD,
            VORONOI_DIFFERENCE, WASSERSTEIN_DIFFERENCE, DIFFERENT), v -> v.bool(CHECKED)
                    ? new StartDifference(v.number(DELTA_LOG_LIKELIHOOD), v.number(VORONOI_DIFFERENCE),
                            v.number(WASSERSTEIN_DIFFERENCE), v.bool(DIFFERENT))
                    : null);

    /** The recorded part of a comparison, or null when the task was not checked. */
    public static StartDifference of(StartComparison comparison) {
        return comparison == null ? null : new StartDifference(comparison.deltaLogLikelihood(),
                comparison.voronoiDifference(), comparison.wassersteinDifference(), comparison.differentMaximum());
    }
}
