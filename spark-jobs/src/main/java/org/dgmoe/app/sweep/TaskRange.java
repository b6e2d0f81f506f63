package org.dgmoe.app.sweep;

import java.io.Serializable;

/**
 * A run of tasks of one cell of a study: the replicates {@code from} (inclusive) to {@code to}
 * (exclusive) of the setting at index {@code setting} (study order) and sample size {@code n}. The
 * tasks of a cell share their expected cost ({@link TaskPlan#cost}), so a plan is a short list of
 * ranges, never a list of task keys: its size grows with the cells and partitions, not with the
 * replicates (issue 26).
 *
 * @param setting the setting's index in {@code Study.settings()}, ≥ 0
 * @param n       sample size, ≥ 1
 * @param from    first replicate, ≥ 0
 * @param to      one past the last replicate, &gt; {@code from}
 */
public record TaskRange(int setting, int n, int from, int to) implements Serializable {

    public TaskRange {
        if (setting < 0) {
            throw new IllegalArgumentException("setting: must be an index >= 0, got " + setting);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n: must be >= 1, got " + n);
        }
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("replicates: need 0 <= from < to, got [" + from + ", " + to + ")");
        }
    }

    /** The number of tasks, {@code to − from}. */
    public int size() {
        return to - from;
    }

    /** A stable text form, used in the parts' content keys: {@code setting/n/from-to}. */
    @Override
    public String toString() {
        return setting + "/" + n + "/" + from + "-" + to;
    }
}
