package org.dgmoe.app.sweep;

import java.io.Serializable;
import org.dgmoe.core.summary.FitRow;

/**
 * The identity of one task of a study: (setting, n, replicate). With the study seed it fixes every
 * random number of the task (see {@code org.dgmoe.core.random.Seeds}).
 *
 * @param setting   setting name
 * @param n         sample size
 * @param replicate replicate index, 0-based
 */
public record TaskKey(String setting, int n, int replicate) implements Serializable {

    public TaskKey {
        if (setting == null || setting.isEmpty()) {
            throw new IllegalArgumentException("setting: must be a non-empty name");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n: must be >= 1, got " + n);
        }
        if (replicate < 0) {
            throw new IllegalArgumentException("replicate: must be >= 0, got " + replicate);
        }
    }

    /** The key of a fit. */
    public static TaskKey of(FitRow fit) {
        return new TaskKey(fit.setting(), fit.n(), fit.replicate());
    }

    /** A stable text form, used in messages: {@code setting/n/replicate}. */
    @Override
    public String toString() {
        return setting + "/" + n + "/" + replicate;
    }
}
