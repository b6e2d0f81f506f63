package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.core.study.Setting;
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
    void partitionsAreContiguousRunsOfAboutEqualCost() {
        List<TaskKey> plan = TaskPlan.of(study);
        double[] costs = TaskPlan.costs(study, plan);
        double total = java.util.Arrays.stream(costs).sum();
        for (int n : new int[] {1, 3, 5, 17, 100}) {
            List<List<TaskKey>> partitions = TaskPlan.partitions(plan, costs, TaskPlan.partitionCost(costs, n, 2));
            assertTrue(partitions.size() <= n, n + " partitions asked, got " + partitions.size());
            assertEquals(plan, partitions.stream().flatMap(List::stream).toList(),
                    "contiguous runs of the start order, every task once (" + n + ")");
            // Each partition's cost is within one task of total / n, unless it holds a single task.
            double largest = java.util.Arrays.stream(costs).max().getAsDouble();
            int from = 0;
            for (List<TaskKey> p : partitions) {
                double c = 0;
                for (int i = from; i < from + p.size(); i++) {
                    c += costs[i];
                }
                from += p.size();
                assertTrue(p.size() == 1 || c <= total / n + largest, "partition cost " + c + " (" + n + ")");
            }
        }
        assertEquals(1, TaskPlan.partitions(plan, costs, TaskPlan.partitionCost(costs, 1, 2)).size());
        double smallest = java.util.Arrays.stream(costs).min().getAsDouble();
        int oneEach = (int) Math.ceil(total / smallest);
        assertEquals(plan.size(), TaskPlan.partitions(plan, costs, TaskPlan.partitionCost(costs, oneEach, 2)).size(),
                "a share below the cheapest task: one task each");
    }

    @Test
    void shortTasksAreBatchedAndLongOnesRunAlone() {
        // 10 000 replicates of k = 1 at n <= 1600: the sweep's own choice batches them into
        // partitions of MIN_PARTITION_COST; a task costing more than that has a partition of its own.
        Study many = new Study("many", 1L, 10_000, new int[] {20, 100}, study.settings().subList(0, 1),
                study.losses());
        List<TaskKey> plan = TaskPlan.of(many);
        double[] costs = TaskPlan.costs(many, plan);
        double cost = TaskPlan.partitionCost(costs, 0, 2);
        assertEquals(TaskPlan.MIN_PARTITION_COST, cost);
        List<List<TaskKey>> partitions = TaskPlan.partitions(plan, costs, cost);
        double total = java.util.Arrays.stream(costs).sum();
        assertTrue(partitions.size() <= Math.ceil(total / cost) && partitions.size() >= total / cost - 1,
                partitions.size() + " partitions for total " + total);
        assertTrue(partitions.size() < plan.size() / 50, "batched: " + partitions.size());
        // the n = 100 tasks (start order: first) fill fewer tasks a partition than the n = 20 ones
        assertTrue(partitions.get(0).size() < partitions.get(partitions.size() - 1).size());

        double[] mixed = {3e7, 2e7, 1e6, 1e6, 1e6};
        List<TaskKey> five = plan.subList(0, 5);
        assertEquals(List.of(List.of(five.get(0)), List.of(five.get(1)), five.subList(2, 5)),
                TaskPlan.partitions(five, mixed, 1e7));
        // a small plan still gives every core partitions to take
        assertEquals(TaskPlan.PARTITIONS_PER_CORE * 2, TaskPlan.partitions(plan.subList(0, 1000),
                java.util.Arrays.copyOf(costs, 1000), TaskPlan.partitionCost(java.util.Arrays.copyOf(costs, 1000),
                        0, 2)).size(), 1.0);
    }

    @Test
    void costGrowsWithNAndKAndIncludesTheLosses() {
        Setting a = study.setting("a");
        Setting b = study.setting("b");
        double a100 = TaskPlan.cost(a, 100, study.losses());
        assertTrue(TaskPlan.cost(a, 1600, study.losses()) > a100);
        assertTrue(TaskPlan.cost(b, 100, study.losses()) > a100, "k = 2 and the quadrature cost more");
        // a (k = k* = 1, no g0) has a closed-form Hellinger distance: its loss costs one unit a point
        assertEquals(100 * 1 * 1 * TaskPlan.EXPECTED_EVALUATIONS + study.losses().hellingerCovariatePoints()
                + TaskPlan.TASK_OVERHEAD, a100, 1e-9);
    }

    @Test
    void chunksAreContiguousRunsOfPartitions() {
        List<TaskKey> plan = TaskPlan.of(study);
        List<List<TaskKey>> partitions = TaskPlan.partitions(plan, TaskPlan.costs(study, plan),
                TaskPlan.partitionCost(TaskPlan.costs(study, plan), 7, 2));
        List<List<List<TaskKey>>> chunks = TaskPlan.chunks(partitions, 3);
        assertEquals((partitions.size() + 2) / 3, chunks.size());
        assertEquals(partitions, chunks.stream().flatMap(List::stream).toList());
        chunks.subList(0, chunks.size() - 1).forEach(c -> assertEquals(3, c.size()));
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
