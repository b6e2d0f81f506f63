package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;

class TaskPlanTest {
    private final Study study = FakeTasks.tinyStudy("tiny", Map.of());

    @Test
    void startsTheLargestTasksFirst() {
        List<TaskRange> ranges = TaskPlan.of(study);
        assertEquals(6, ranges.size(), "one range a cell (2 settings × 3 sizes)");
        assertEquals(new TaskRange(0, 1600, 0, 4), ranges.get(0));
        assertEquals(new TaskRange(1, 1600, 0, 4), ranges.get(1));
        assertEquals(new TaskRange(1, 100, 0, 4), ranges.get(5));
        List<TaskKey> plan = FakeTasks.keys(study);
        assertEquals(24, plan.size());
        assertEquals(24, TaskPlan.size(study));
        assertEquals(new TaskKey("a", 1600, 0), plan.get(0));
        assertEquals(new TaskKey("a", 1600, 3), plan.get(3));
        assertEquals(new TaskKey("b", 1600, 0), plan.get(4));
        assertEquals(new TaskKey("b", 100, 3), plan.get(23));
        for (int i = 1; i < plan.size(); i++) {
            assertTrue(plan.get(i - 1).n() >= plan.get(i).n(), "n descending at " + i);
        }
    }

    @Test
    void rangesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new TaskRange(-1, 100, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TaskRange(0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TaskRange(0, 100, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TaskRange(0, 100, 3, 3), "empty");
        assertEquals(3, new TaskRange(0, 100, 2, 5).size());
    }

    @Test
    void partitionsAreContiguousRunsOfAboutEqualCost() {
        List<TaskRange> ranges = TaskPlan.of(study);
        List<TaskKey> plan = FakeTasks.keys(study);
        double[] costs = taskCosts(study, ranges);
        double total = Arrays.stream(costs).sum();
        assertEquals(total, TaskPlan.totalCost(study, ranges), 1e-9 * total, "sum of the tasks' costs (rounding)");
        double largest = Arrays.stream(costs).max().getAsDouble();
        for (int n : new int[] {1, 3, 5, 17, 100}) {
            List<List<TaskRange>> partitions = TaskPlan.partitions(study, ranges, TaskPlan.partitionCost(total, n, 2));
            assertTrue(partitions.size() <= n, n + " partitions asked, got " + partitions.size());
            List<TaskKey> flat = FakeTasks.keys(study, partitions.stream().flatMap(List::stream).toList());
            assertEquals(plan, flat, "contiguous runs of the start order, every task exactly once (" + n + ")");
            // Each partition's cost is within one task of total / n, unless it holds a single task.
            int from = 0;
            for (List<TaskRange> p : partitions) {
                long size = TaskPlan.size(p);
                double c = 0;
                for (int i = from; i < from + size; i++) {
                    c += costs[i];
                }
                from += size;
                assertTrue(size == 1 || c <= total / n + largest, "partition cost " + c + " (" + n + ")");
            }
            assertEquals(reference(costs, TaskPlan.partitionCost(total, n, 2)), sizes(partitions),
                    "the per-task rule's partitions (" + n + ")");
        }
        assertEquals(1, TaskPlan.partitions(study, ranges, TaskPlan.partitionCost(total, 1, 2)).size());
        double smallest = Arrays.stream(costs).min().getAsDouble();
        int oneEach = (int) Math.ceil(total / smallest);
        assertEquals(plan.size(), TaskPlan.partitions(study, ranges, TaskPlan.partitionCost(total, oneEach, 2))
                .size(), "a share below the cheapest task: one task each");
    }

    @Test
    void shortTasksAreBatchedAndLongOnesRunAlone() {
        // 10 000 replicates of k = 1 at n <= 100: the sweep's own choice batches them into
        // partitions of MIN_PARTITION_COST; a task costing more than that has a partition of its own.
        Study many = new Study("many", 1L, 10_000, new int[] {20, 100}, study.settings().subList(0, 1),
                study.losses());
        List<TaskRange> ranges = TaskPlan.of(many);
        double total = TaskPlan.totalCost(many, ranges);
        double cost = TaskPlan.partitionCost(total, 0, 2);
        assertEquals(TaskPlan.MIN_PARTITION_COST, cost);
        List<List<TaskRange>> partitions = TaskPlan.partitions(many, ranges, cost);
        assertTrue(partitions.size() <= Math.ceil(total / cost) && partitions.size() >= total / cost - 1,
                partitions.size() + " partitions for total " + total);
        assertTrue(partitions.size() < TaskPlan.size(many) / 50, "batched: " + partitions.size());
        // the n = 100 tasks (start order: first) fill fewer tasks a partition than the n = 20 ones
        assertTrue(TaskPlan.size(partitions.get(0)) < TaskPlan.size(partitions.get(partitions.size() - 1)));
        assertEquals(reference(taskCosts(many, ranges), cost), sizes(partitions), "the per-task rule's partitions");

        List<TaskRange> five = List.of(new TaskRange(0, 100, 0, 1), new TaskRange(0, 100, 1, 2),
                new TaskRange(0, 20, 0, 1), new TaskRange(0, 20, 1, 2), new TaskRange(0, 20, 2, 3));
        double[] mixed = {3e7, 2e7, 1e6, 1e6, 1e6};
        assertEquals(List.of(five.subList(0, 1), five.subList(1, 2), five.subList(2, 5)),
                TaskPlan.partitions(five, mixed, 1e7));
        // one range of 100 tasks of cost 1 in shares of 10: ten ranges of 10, none empty, none overlapping
        List<List<TaskRange>> tens = TaskPlan.partitions(List.of(new TaskRange(0, 20, 0, 100)), new double[] {1}, 10);
        assertEquals(10, tens.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(List.of(new TaskRange(0, 20, 10 * i, 10 * i + 10)), tens.get(i));
        }
        // a small plan still gives every core partitions to take
        Study thousand = new Study("thousand", 1L, 500, new int[] {20, 100}, study.settings().subList(0, 1),
                study.losses());
        assertEquals(TaskPlan.PARTITIONS_PER_CORE * 2, TaskPlan.partitions(thousand, TaskPlan.of(thousand),
                TaskPlan.partitionCost(TaskPlan.totalCost(thousand, TaskPlan.of(thousand)), 0, 2)).size(), 1.0);
    }

    @Test
    void aPlanOfTenMillionTasksHoldsRangesNotTasks() {
        // 10⁷ replicates of one cell a size: the plan is 2 ranges and its partitions a few ranges each; a list
        // of keys (what the plan was) would need some 10⁸ objects here.
        Study huge = new Study("huge", 1L, 10_000_000, new int[] {20, 100}, study.settings().subList(0, 1),
                study.losses());
        List<TaskRange> ranges = TaskPlan.of(huge);
        assertEquals(2, ranges.size());
        assertEquals(20_000_000, TaskPlan.size(huge));
        double total = TaskPlan.totalCost(huge, ranges);
        List<List<TaskRange>> partitions = TaskPlan.partitions(huge, ranges, TaskPlan.partitionCost(total, 0, 2));
        assertTrue(partitions.size() <= Math.ceil(total / TaskPlan.MIN_PARTITION_COST), partitions.size() + "");
        long tasks = 0;
        int next = 0;
        for (List<TaskRange> p : partitions) {
            assertTrue(p.size() <= 2, "at most one range per cell it touches: " + p);
            for (TaskRange r : p) {
                // every task once: the ranges follow each other without gap or overlap
                assertEquals(r.n() == 100 ? next : r.from(), r.from(), "contiguous at " + r);
                next = r.to() == huge.replicates() ? 0 : r.to();
                tasks += r.size();
            }
        }
        assertEquals(TaskPlan.size(huge), tasks);
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
        List<TaskRange> ranges = TaskPlan.of(study);
        List<List<TaskRange>> partitions = TaskPlan.partitions(study, ranges,
                TaskPlan.partitionCost(TaskPlan.totalCost(study, ranges), 7, 2));
        List<List<List<TaskRange>>> chunks = TaskPlan.chunks(partitions, 3);
        assertEquals((partitions.size() + 2) / 3, chunks.size());
        assertEquals(partitions, chunks.stream().flatMap(List::stream).toList());
        chunks.subList(0, chunks.size() - 1).forEach(c -> assertEquals(3, c.size()));
    }

    @Test
    void remainingIsTheClearBitsInStartOrder() {
        List<TaskKey> plan = FakeTasks.keys(study);
        DoneTasks done = new DoneTasks(study);
        plan.subList(0, 10).forEach(k -> done.mark(k.setting(), k.n(), k.replicate()));
        assertEquals(plan.subList(10, 24), FakeTasks.keys(study, TaskPlan.remaining(done)));
        assertEquals(10, done.count());
        assertFalse(done.mark("a", 1600, 0), "marked before");
        assertFalse(done.mark("c", 1600, 0), "not a setting of the study");
        assertFalse(done.mark("a", 200, 0), "not a size of the study");
        assertFalse(done.mark("a", 1600, 4), "not a replicate of the study");
        assertEquals(10, done.count());

        // scattered done tasks of a larger study: done + remaining = the plan, each task once, order kept
        Study larger = new Study("larger", 1L, 300, new int[] {20, 100, 400}, study.settings(), study.losses());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(26L);
        List<TaskKey> all = FakeTasks.keys(larger);
        DoneTasks some = new DoneTasks(larger);
        Set<TaskKey> marked = new HashSet<>();
        for (TaskKey k : all) {
            if (rng.nextInt(3) == 0) {
                some.mark(k.setting(), k.n(), k.replicate());
                marked.add(k);
            }
        }
        List<TaskRange> rest = TaskPlan.remaining(some);
        List<TaskKey> expected = new ArrayList<>(all);
        expected.removeAll(marked);
        assertEquals(expected, FakeTasks.keys(larger, rest), "the plan without the done tasks, in start order");
        assertEquals(all.size() - marked.size(), TaskPlan.size(rest));
        assertEquals(marked.size(), some.count());
        for (TaskRange r : rest) {
            // maximal runs: the replicates just outside a range are done (or out of the cell)
            assertTrue(r.from() == 0 || some.isDone(r.setting(), sizeIndex(larger, r.n()), r.from() - 1), r + "");
            assertTrue(r.to() == larger.replicates() || some.isDone(r.setting(), sizeIndex(larger, r.n()), r.to()),
                    r + "");
        }
        // and the remaining tasks partition as a fresh plan does: every one exactly once
        List<List<TaskRange>> partitions = TaskPlan.partitions(larger, rest, 1e6);
        assertEquals(expected, FakeTasks.keys(larger, partitions.stream().flatMap(List::stream).toList()));

        DoneTasks everything = new DoneTasks(study);
        plan.forEach(k -> everything.mark(k.setting(), k.n(), k.replicate()));
        assertEquals(List.of(), TaskPlan.remaining(everything));
    }

    @Test
    void partNamesDependOnTheRangesOnly() {
        List<TaskRange> partition = List.of(new TaskRange(0, 100, 0, 2), new TaskRange(1, 100, 0, 1));
        assertEquals(Sweep.contentKey("h", partition), Sweep.contentKey("h", new ArrayList<>(partition)));
        assertEquals(16, Sweep.contentKey("h", partition).length());
        assertFalse(Sweep.contentKey("h", partition).equals(Sweep.contentKey("g", partition)));
        assertFalse(Sweep.contentKey("h", partition).equals(Sweep.contentKey("h", List.of(new TaskRange(0, 100, 0, 2),
                new TaskRange(1, 100, 0, 2)))));
        assertFalse(Sweep.contentKey("h", partition).equals(Sweep.contentKey("h", partition.subList(0, 1))));
    }

    private static int sizeIndex(Study study, int n) {
        return Arrays.binarySearch(study.sampleSizes(), n);
    }

    /** The cost of every task of {@code ranges}, in order. */
    private static double[] taskCosts(Study study, List<TaskRange> ranges) {
        double[] perRange = TaskPlan.costs(study, ranges);
        double[] out = new double[(int) TaskPlan.size(ranges)];
        int i = 0;
        for (int k = 0; k < ranges.size(); k++) {
            for (int r = 0; r < ranges.get(k).size(); r++) {
                out[i++] = perRange[k];
            }
        }
        return out;
    }

    /**
     * The partition sizes of the rule as the plan of task keys applied it, task by task: with C the summed
     * cost before it, a task of cost c goes to partition ⌊(C + c/2) / P⌋.
     */
    private static List<Long> reference(double[] costs, double partitionCost) {
        List<Long> sizes = new ArrayList<>();
        long current = -1;
        double before = 0;
        for (double c : costs) {
            long index = (long) Math.floor((before + 0.5 * c) / partitionCost);
            if (index != current) {
                sizes.add(0L);
                current = index;
            }
            sizes.set(sizes.size() - 1, sizes.get(sizes.size() - 1) + 1);
            before += c;
        }
        return sizes;
    }

    private static List<Long> sizes(List<List<TaskRange>> partitions) {
        return partitions.stream().map(TaskPlan::size).toList();
    }
}
