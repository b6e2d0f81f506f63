package org.dgmoe.core.study;

import java.util.List;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.loss.GatedLossReport;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.uncertainty.MatchedIntervals;

/**
 * Everything one task (setting, n, replicate) produced. A setting of the deviated model (constant λ and weights)
 * has {@code fit} and {@code losses}; a gated setting ({@link Setting#gated()}) has {@code gatedFit} and
 * {@code gatedLosses} instead: exactly one of the two pairs is set.
 *
 * @param setting     setting name
 * @param n           sample size
 * @param replicate   replicate index, 0-based
 * @param seed        the task seed every stream of the task derives from
 * @param fit         the kept fit of a constant-weight setting (best log-likelihood over the starts), else null
 * @param losses      its losses against the truth, else null
 * @param startCheck  the start-sensitivity comparison, or null when the task was not checked
 * @param nearDegeneracy how close the kept fit comes to a degenerate component
 * @param gatedFit    the kept fit of a gated setting, else null
 * @param gatedLosses its losses against the truth (docs/gated-losses.md), else null
 * @param intervals   the fit's intervals matched to the truth, one per method of the study's {@code intervals}
 *                    block in its order ({@link TaskIntervals}); empty without one
 */
public record TaskOutcome(String setting, int n, int replicate, long seed, FitResult fit, LossReport losses,
        StartComparison startCheck, NearDegeneracy nearDegeneracy, GatedFitResult gatedFit,
        GatedLossReport gatedLosses, List<MatchedIntervals> intervals) implements java.io.Serializable {

    public TaskOutcome {
        if (nearDegeneracy == null) {
            throw new IllegalArgumentException("nearDegeneracy: must not be null");
        }
        if ((fit == null) == (gatedFit == null)) {
            throw new IllegalArgumentException("fit, gatedFit: exactly one must be set, got "
                    + (fit == null ? "neither" : "both"));
        }
        if (gatedFit != null && (losses != null || startCheck != null)) {
            throw new IllegalArgumentException("losses, startCheck: a gated task has gatedLosses and no start check");
        }
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
        if (gatedFit != null && !intervals.isEmpty()) {
            throw new IllegalArgumentException("intervals: a gated task has none (docs/uncertainty.md)");
        }
    }

    /** A task without intervals. */
    public TaskOutcome(String setting, int n, int replicate, long seed, FitResult fit, LossReport losses,
            StartComparison startCheck, NearDegeneracy nearDegeneracy, GatedFitResult gatedFit,
            GatedLossReport gatedLosses) {
        this(setting, n, replicate, seed, fit, losses, startCheck, nearDegeneracy, gatedFit, gatedLosses, List.of());
    }

    /** This outcome with {@code matched} as its intervals. */
    public TaskOutcome withIntervals(List<MatchedIntervals> matched) {
        return new TaskOutcome(setting, n, replicate, seed, fit, losses, startCheck, nearDegeneracy, gatedFit,
                gatedLosses, matched);
    }

    /** A task of a constant-weight setting. */
    public TaskOutcome(String setting, int n, int replicate, long seed, FitResult fit, LossReport losses,
            StartComparison startCheck, NearDegeneracy nearDegeneracy) {
        this(setting, n, replicate, seed, fit, losses, startCheck, nearDegeneracy, null, null);
    }

    /** A task of a constant-weight setting, not start-checked. */
    public TaskOutcome(String setting, int n, int replicate, long seed, FitResult fit, LossReport losses,
            NearDegeneracy nearDegeneracy) {
        this(setting, n, replicate, seed, fit, losses, null, nearDegeneracy);
    }

    /** A task of a gated setting. */
    public static TaskOutcome gated(String setting, int n, int replicate, long seed, GatedFitResult fit,
            GatedLossReport losses, NearDegeneracy nearDegeneracy) {
        return new TaskOutcome(setting, n, replicate, seed, null, null, null, nearDegeneracy, fit, losses);
    }

    /** Whether this is a gated setting's task. */
    public boolean gated() {
        return gatedFit != null;
    }

    /** How the kept fit ended. */
    public FitStatus status() {
        return gated() ? gatedFit.status() : fit.status();
    }
}
