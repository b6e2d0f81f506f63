package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void chunksAreContiguousRunsOfWholePartitions() {
        List<TaskKey> plan = TaskPlan.of(study);
        List<List<List<TaskKey>>> chunks = TaskPlan.chunks(plan, 3, 2);
        assertEquals(4, chunks.size());
        assertEquals(List.of(plan.subList(0, 3), plan.subList(3, 6)), chunks.get(0));
        assertEquals(plan.subList(21, 24), chunks.get(3).get(1));
        assertEquals(plan, chunks.stream().flatMap(List::stream).flatMap(List::stream).toList());
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
