package org.dgmoe.core.study;

import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.loss.LossReport;

/**
 * Everything one task (setting, n, replicate) produced.
 *
 * @param setting   setting name
 * @param n         sample size
 * @param replicate replicate index, 0-based
 * @param seed      the task seed every stream of the task derives from
 * @param fit       the kept fit (best log-likelihood over the starts)
 * @param losses    its losses against the truth
 * @param startCheck the start-sensitivity comparison, or null when the task was not checked
 * @param nearDegeneracy how close the kept fit comes to a degenerate component
 */
public record TaskOutcome(String setting, int n, int replicate, long seed, FitResult fit, LossReport losses,
        StartComparison startCheck, NearDegeneracy nearDegeneracy) implements java.io.Serializable {

    public TaskOutcome {
        if (nearDegeneracy == null) {
            throw new IllegalArgumentException("nearDegeneracy: must not be null");
        }
    }

    /** Not start-checked. */
    public TaskOutcome(String setting, int n, int replicate, long seed, FitResult fit, LossReport losses,
            NearDegeneracy nearDegeneracy) {
        this(setting, n, replicate, seed, fit, losses, null, nearDegeneracy);
    }
}
