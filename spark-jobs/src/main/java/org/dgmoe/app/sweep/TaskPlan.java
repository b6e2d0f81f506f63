package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * The tasks of a study in the order they are started, and their split into Spark partitions and
 * checkpoint chunks.
 *
 * <p>Cost grows with n (and with the iterations, which also tend to grow with n), so tasks are
 * started largest first: n descending, then setting (study order), then replicate. Spark's local
 * and cluster schedulers launch a stage's tasks in partition order; chunks are contiguous slices of
 * this order and a chunk's tasks are dealt to its partitions in turn (partition 0 holds its tasks
 * 0, m, 2m, …), so the long tasks start first, the short ones fill the gaps at the end, and with
 * several tasks per partition no partition holds all the largest ones.
 */
public final class TaskPlan {
    private TaskPlan() {
    }

    /** Every task of {@code study}, in start order. */
    public static List<TaskKey> of(Study study) {
        List<TaskKey> tasks = new ArrayList<>();
        for (Setting s : study.settings()) {
            for (int n : study.sampleSizes()) {
                for (int r = 0; r < study.replicates(); r++) {
                    tasks.add(new TaskKey(s.name(), n, r));
                }
            }
        }
        tasks.sort(startOrder(study));
        return tasks;
    }

    /** The tasks of {@code study} not in {@code done}, in start order. */
    public static List<TaskKey> remaining(Study study, Set<TaskKey> done) {
        List<TaskKey> tasks = new ArrayList<>(of(study));
        tasks.removeIf(done::contains);
        return tasks;
    }

    /** n descending, then setting in study order, then replicate. */
    public static Comparator<TaskKey> startOrder(Study study) {
        Map<String, Integer> index = settingIndex(study);
        return Comparator.<TaskKey>comparingInt(k -> -k.n())
                .thenComparingInt(k -> index.get(k.setting()))
                .thenComparingInt(TaskKey::replicate);
    }

    /** The order of the output table: setting in study order, then n, then replicate. */
    public static Comparator<TaskKey> tableOrder(Study study) {
        Map<String, Integer> index = settingIndex(study);
        return Comparator.<TaskKey>comparingInt(k -> index.get(k.setting()))
                .thenComparingInt(TaskKey::n)
                .thenComparingInt(TaskKey::replicate);
    }

    private static Map<String, Integer> settingIndex(Study study) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < study.settings().size(); i++) {
            index.put(study.settings().get(i).name(), i);
        }
        return index;
    }

    /**
     * Splits {@code tasks} (in start order) into checkpoint chunks. A chunk is a contiguous run of
     * at most {@code tasksPerPartition · partitionsPerChunk} tasks, dealt to m partitions in turn:
     * partition p of a chunk of t tasks holds its tasks p, p + m, p + 2m, … with m = ⌈t /
     * tasksPerPartition⌉. Dealing, not slicing, is what keeps the partitions' costs even when a
     * partition holds several tasks: contiguous slices would put every largest-n task of the chunk
     * into its first partitions, and those would run long after the others had finished. With one
     * task per partition the two are the same. Each chunk becomes one Spark job whose rows are
     * persisted together.
     *
     * @param tasks             in start order; not modified
     * @param tasksPerPartition tasks in one Spark partition, ≥ 1
     * @param partitionsPerChunk partitions in one chunk, ≥ 1
     * @return chunks, each a list of partitions, each a list of tasks
     */
    public static List<List<List<TaskKey>>> chunks(List<TaskKey> tasks, int tasksPerPartition,
            int partitionsPerChunk) {
        if (tasksPerPartition < 1) {
            throw new IllegalArgumentException("tasksPerPartition: must be >= 1, got " + tasksPerPartition);
        }
        if (partitionsPerChunk < 1) {
            throw new IllegalArgumentException("partitionsPerChunk: must be >= 1, got " + partitionsPerChunk);
        }
        List<List<List<TaskKey>>> chunks = new ArrayList<>();
        long perChunk = (long) tasksPerPartition * partitionsPerChunk;
        for (int from = 0; from < tasks.size(); from = (int) Math.min(tasks.size(), from + perChunk)) {
            List<TaskKey> slice = tasks.subList(from, (int) Math.min(tasks.size(), from + perChunk));
            int m = (slice.size() + tasksPerPartition - 1) / tasksPerPartition;
            List<List<TaskKey>> chunk = new ArrayList<>(m);
            for (int p = 0; p < m; p++) {
                List<TaskKey> partition = new ArrayList<>(tasksPerPartition);
                for (int i = p; i < slice.size(); i += m) {
                    partition.add(slice.get(i));
                }
                chunk.add(List.copyOf(partition));
            }
            chunks.add(List.copyOf(chunk));
        }
        return chunks;
    }
}
