package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;

class TaskPlanTest {
    private final Study study = FakeTasks.tinyStudy("tiny", Map.of());

    @Test
    void startsTheLargestTasksFirst() {
        List<TaskKey> plan = TaskPlan.of(study);
        assertEquals(24, plan.size());
        assertEquals(new TaskKey("a", 1600, 0), plan.get(0));
        assertEquals(new TaskKey("a", 1600, 3), plan.get(3));
        assertEquals(new TaskKey("b", 1600, 0), plan.get(4));
        assertEquals(new TaskKey("b", 100, 3), plan.get(23));
        for (int i = 1; i < plan.size(); i++) {
            assertEquals(true, plan.get(i - 1).n() >= plan.get(i).n(), "n descending at " + i);
        }
    }

    @Test
    void chunksAreContiguousRunsDealtToTheirPartitions() {
        List<TaskKey> plan = TaskPlan.of(study);
        List<List<List<TaskKey>>> chunks = TaskPlan.chunks(plan, 3, 2);
        assertEquals(4, chunks.size());
        // chunk 0 holds plan[0..6), dealt to 2 partitions: 0, 2, 4 and 1, 3, 5.
        assertEquals(List.of(List.of(plan.get(0), plan.get(2), plan.get(4)),
                List.of(plan.get(1), plan.get(3), plan.get(5))), chunks.get(0));
        assertEquals(List.of(plan.get(19), plan.get(21), plan.get(23)), chunks.get(3).get(1));
        List<TaskKey> all = new ArrayList<>(chunks.stream().flatMap(List::stream).flatMap(List::stream).toList());
        all.sort(TaskPlan.startOrder(study));
        assertEquals(plan, all, "every task exactly once");
        for (List<List<TaskKey>> chunk : chunks) {
            assertEquals(2, chunk.size());
            chunk.forEach(p -> assertEquals(3, p.size()));
        }
        assertEquals(List.of(List.of(List.of(plan.get(0)), List.of(plan.get(1))), List.of(List.of(plan.get(2)))),
                TaskPlan.chunks(plan.subList(0, 3), 1, 2), "one task per partition: slices of the start order");
        assertEquals(List.of(List.of(List.of(plan.get(0), plan.get(2)), List.of(plan.get(1)))),
                TaskPlan.chunks(plan.subList(0, 3), 2, 4), "a short last partition");
    }

    @Test
    void severalTasksPerPartitionDoNotPileTheLargestIntoOnePartition() {
        // --partitions 3 on the tiny study: 8 tasks a partition. Cost ~ n: the partitions' total
        // n must be even within the largest single task, not 1600 x 8 against 100 x 8.
        List<TaskKey> plan = TaskPlan.of(study);
        List<List<List<TaskKey>>> chunks = TaskPlan.chunks(plan, 8, 4);
        assertEquals(1, chunks.size());
        List<Integer> cost = chunks.get(0).stream().map(p -> p.stream().mapToInt(TaskKey::n).sum()).toList();
        int spread = cost.stream().mapToInt(Integer::intValue).max().getAsInt()
                - cost.stream().mapToInt(Integer::intValue).min().getAsInt();
        assertEquals(true, spread <= 1600, "partition costs " + cost);
    }

    @Test
    void remainingSkipsDoneTasksAndKeepsTheOrder() {
        Set<TaskKey> done = new HashSet<>(TaskPlan.of(study).subList(0, 10));
        List<TaskKey> rest = TaskPlan.remaining(study, done);
        assertEquals(TaskPlan.of(study).subList(10, 24), rest);
    }

    @Test
    void chunkNamesDependOnContentOnly() {
        List<List<TaskKey>> chunk = List.of(List.of(new TaskKey("a", 100, 0)), List.of(new TaskKey("a", 100, 1)));
        assertEquals(Sweep.contentKey("h", chunk), Sweep.contentKey("h", List.of(List.copyOf(chunk.get(0)),
                List.copyOf(chunk.get(1)))));
        assertEquals(16, Sweep.contentKey("h", chunk).length());
        assertEquals(false, Sweep.contentKey("h", chunk).equals(Sweep.contentKey("g", chunk)));
    }
}
