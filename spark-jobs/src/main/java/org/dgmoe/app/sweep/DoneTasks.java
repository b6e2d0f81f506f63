package org.dgmoe.app.sweep;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.dgmoe.core.study.Study;

/**
 * The tasks of a study already done (a resumed run's committed parts): per (setting, n) cell a bit set of
 * its replicates, so it costs one bit a task, not a key object (issue 26). {@link TaskPlan#remaining} turns
 * the clear bits into ranges. Mutable, filled by one thread (the driver reading the parts' key columns).
 */
final class DoneTasks {
    private final Study study;
    private final Map<String, Integer> settingIndex = new HashMap<>();
    private final Map<Integer, Integer> sizeIndex = new HashMap<>();
    /** [setting index][size index]: the done replicates; null until one is marked. */
    private final BitSet[][] done;
    private long count;

    /** None of the tasks of {@code study}. */
    DoneTasks(Study study) {
        this.study = study;
        for (int i = 0; i < study.settings().size(); i++) {
            settingIndex.put(study.settings().get(i).name(), i);
        }
        int[] sizes = study.sampleSizes();
        for (int i = 0; i < sizes.length; i++) {
            sizeIndex.put(sizes[i], i);
        }
        done = new BitSet[study.settings().size()][sizes.length];
    }

    /**
     * Marks the task (setting, n, replicate) done. A key that is not a task of the study (another
     * setting, size or replicate count) is ignored here: it is no work to do, and the assembly of the
     * fits refuses it with its own message.
     *
     * @return whether it is a task of the study not marked before
     */
    boolean mark(String setting, int n, int replicate) {
        Integer s = settingIndex.get(setting);
        Integer i = sizeIndex.get(n);
        if (s == null || i == null || replicate < 0 || replicate >= study.replicates()) {
            return false;
        }
        BitSet bits = done[s][i];
        if (bits == null) {
            bits = new BitSet(study.replicates());
            done[s][i] = bits;
        }
        if (bits.get(replicate)) {
            return false;
        }
        bits.set(replicate);
        count++;
        return true;
    }

    /** Whether the task (setting index, size index, replicate) is done. */
    boolean isDone(int setting, int size, int replicate) {
        BitSet bits = done[setting][size];
        return bits != null && bits.get(replicate);
    }

    /**
     * The first replicate at or after {@code from} of the cell (setting index, size index) with the given
     * state, or the study's replicate count if none.
     */
    int next(int setting, int size, int from, boolean isDone) {
        BitSet bits = done[setting][size];
        int r;
        if (bits == null) {
            r = isDone ? -1 : from;
        } else {
            r = isDone ? bits.nextSetBit(from) : bits.nextClearBit(from);
        }
        return r < 0 || r > study.replicates() ? study.replicates() : r;
    }

    /** The number of distinct tasks of the study marked done. */
    long count() {
        return count;
    }

    Study study() {
        return study;
    }
}
