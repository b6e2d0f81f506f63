package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.StartCheck;
import org.dgmoe.core.study.Study;

/**
 * The tasks of a study in the order they are started, their expected costs, and their split into
 * Spark partitions and checkpoint chunks, all as ranges of replicates ({@link TaskRange}): the plan's
 * memory grows with the cells (setting, n) and the partitions, never with the tasks (issue 26).
 *
 * <p>Cost grows with n·k (and with the evaluations, which also tend to grow with n), so tasks are
 * started largest first: n descending, then setting (study order), then replicate. Spark's local
 * and cluster schedulers launch a stage's tasks in partition order. A partition is a contiguous run
 * of this order of about equal expected cost ({@link #partitions}): a task that costs at least the
 * partition cost runs alone, as before batching; short tasks are batched until their sum reaches it,
 * so Spark's few milliseconds per partition are paid once per batch, not per task. Chunks are
 * contiguous runs of partitions, so the long tasks start first and the short ones fill the gaps at
 * the end.
 */
public final class TaskPlan {
    private TaskPlan() {
    }

    /** Every task of {@code study}, in start order: one range per cell (setting, n). */
    public static List<TaskRange> of(Study study) {
        return remaining(new DoneTasks(study));
    }

    /** The number of tasks of {@code study}: settings × sample sizes × replicates. */
    public static long size(Study study) {
        return (long) study.settings().size() * study.sampleSizes().length * study.replicates();
    }

    /** The number of tasks of {@code ranges}. */
    public static long size(List<TaskRange> ranges) {
        long tasks = 0;
        for (TaskRange r : ranges) {
            tasks += r.size();
        }
        return tasks;
    }

    /**
     * The tasks of {@code done}'s study not marked done, in start order: per cell (n descending, then
     * setting in study order) the runs of its replicates not done, each run one range.
     */
    static List<TaskRange> remaining(DoneTasks done) {
        Study study = done.study();
        int[] sizes = study.sampleSizes(); // strictly increasing (Study): walked backwards, n descending
        int replicates = study.replicates();
        List<TaskRange> out = new ArrayList<>();
        for (int i = sizes.length - 1; i >= 0; i--) {
            for (int s = 0; s < study.settings().size(); s++) {
                int from = done.next(s, i, 0, false);
                while (from < replicates) {
                    int to = done.next(s, i, from, true);
                    out.add(new TaskRange(s, sizes[i], from, to));
                    from = done.next(s, i, to, false);
                }
            }
        }
        return out;
    }

    /**
     * A partition's expected cost when the sweep chooses it (no {@code --partitions}), in the units of
     * {@link #cost}: about 0.1 s of work at the measured 5–10 ns per unit, so Spark's per-partition
     * cost (≈ 5 ms on 2 cores: scheduling, task serialisation, result transfer) stays near 5% of it.
     */
    static final double MIN_PARTITION_COST = 1e7;
    /** With the sweep's choice, at least this many partitions per core while tasks last (balance). */
    static final int PARTITIONS_PER_CORE = 8;
    /** EM-map evaluations a fit is expected to need, when its cap allows (docs/performance.md). */
    static final int EXPECTED_EVALUATIONS = 200;
    /** Integrand evaluations per covariate point of the Hellinger quadrature, and their cost in units. */
    static final int QUADRATURE_EVALUATIONS = 300;
    static final double UNITS_PER_INTEGRAND_COMPONENT = 3;
    /** The rest of a task (seeding, simulation set-up, start, the row): ≈ 0.1 ms. */
    static final double TASK_OVERHEAD = 1e4;

    /**
     * A gated fit's cost per point, expert and EM evaluation relative to the constant fit's: its pass keeps the
     * responsibilities and its gate step makes a few Newton passes; 3 is a rough ratio (docs/performance.md),
     * enough for batching, which only needs ratios.
     */
    static final double GATED_PASS_FACTOR = 3;

    /**
     * The expected cost of the task (setting, n) in units of one point-component EM-map evaluation:
     * n·k·(starts)·(expected evaluations) for the fits, plus the losses (the Hellinger quadrature:
     * covariate points × integrand evaluations × components, or one closed-form value per point)
     * once per kept fit, plus a fixed overhead. A start check adds its expected share of refits.
     * Only ratios matter: it orders nothing (the start order does), it sizes the batches.
     */
    static double cost(Setting setting, int n, LossSettings losses) {
        FitSpec fit = setting.fit();
        EmSettings em = fit.em();
        double evaluations = em.tolerance() == 0 ? em.maxIterations() : Math.min(em.maxIterations(),
                EXPECTED_EVALUATIONS);
        StartCheck check = fit.startCheck();
        double checked = check.enabled() ? check.fraction() : 0;
        double starts = fit.restarts() + checked * check.restarts();
        int k = fit.experts();
        int kStar = setting.truth().size();
        if (setting.gated()) {
            // The gated EM: its E-step keeps every responsibility and its gate step runs a few Newton passes
            // (GATED_PASS_FACTOR); its Hellinger distance is by quadrature at every covariate point.
            double hellinger = losses.hellingerCovariatePoints() * QUADRATURE_EVALUATIONS * UNITS_PER_INTEGRAND_COMPONENT
                    * (k + kStar + 1);
            return GATED_PASS_FACTOR * n * k * starts * evaluations + hellinger + TASK_OVERHEAD;
        }
        double perPoint = LossCalculator.hellingerInClosedForm(k, setting.deviatedTruth()) ? 1
                : QUADRATURE_EVALUATIONS * UNITS_PER_INTEGRAND_COMPONENT * (k + kStar + 1);
        double loss = losses.hellingerCovariatePoints() * perPoint * (1 + checked);
        return (double) n * k * starts * evaluations + loss + TASK_OVERHEAD;
    }

    /** The expected cost of each task of each range of {@code ranges} (one value a range: a cell's tasks share it). */
    static double[] costs(Study study, List<TaskRange> ranges) {
        double[] c = new double[ranges.size()];
        for (int i = 0; i < c.length; i++) {
            TaskRange r = ranges.get(i);
            c[i] = cost(study.settings().get(r.setting()), r.n(), study.losses());
        }
        return c;
    }

    /** The expected cost of the tasks of {@code ranges}: Σ size × cost per task. */
    static double totalCost(Study study, List<TaskRange> ranges) {
        double[] c = costs(study, ranges);
        double total = 0;
        for (int i = 0; i < c.length; i++) {
            total += ranges.get(i).size() * c[i];
        }
        return total;
    }

    /**
     * The expected cost of one partition for the whole plan: with {@code partitions} N ≥ 1 given,
     * total / N (so the plan runs in at most N partitions of about equal cost); with 0, the sweep's
     * choice, {@link #MIN_PARTITION_COST}, lowered to total / ({@link #PARTITIONS_PER_CORE} ·
     * parallelism) for a small plan so that every core still has partitions to take.
     *
     * @param planCost    the expected cost of the whole plan ({@link #totalCost} of {@link #of}: done
     *                    tasks included, so the partition cost of a resumed run is the fresh run's)
     * @param partitions  {@code --partitions} / {@code dgmoe.sweep.partitions}, or 0
     * @param parallelism Spark's default parallelism (cores), ≥ 1
     */
    static double partitionCost(double planCost, int partitions, int parallelism) {
        if (partitions < 0 || parallelism < 1) {
            throw new IllegalArgumentException("partitions: must be >= 0, parallelism >= 1, got " + partitions
                    + ", " + parallelism);
        }
        if (partitions > 0) {
            return planCost / partitions;
        }
        return Math.min(MIN_PARTITION_COST, planCost / ((double) PARTITIONS_PER_CORE * parallelism));
    }

    /** {@link #partitions(List, double[], double)} with the study's costs ({@link #costs}). */
    static List<List<TaskRange>> partitions(Study study, List<TaskRange> todo, double partitionCost) {
        return partitions(todo, costs(study, todo), partitionCost);
    }

    /**
     * Cuts the tasks of {@code todo} (ranges in start order) into partitions of about
     * {@code partitionCost} each: with C the summed cost of the tasks before it, a task of cost c goes
     * to partition ⌊(C + c/2) / partitionCost⌋ (empty ones dropped). So the partitions are contiguous
     * runs of the start order, a task costing at least {@code partitionCost} has one of its own, a plan
     * of total cost T gives at most ⌈T / partitionCost⌉ partitions, and neighbours differ in cost by at
     * most about one task.
     *
     * <p>Within a range every task costs the same c, so with C₀ the cost before the range its j-th task
     * goes to ⌊(C₀ + (j + ½)c) / partitionCost⌋, non-decreasing in j: each partition's end in the range
     * is found from that formula (then checked against it, so rounding cannot misplace a task) in
     * O(1), and the work is O(ranges + partitions), whatever the number of tasks.
     *
     * @param todo     ranges in start order; not modified
     * @param costs    the cost of each task of each range, same order, each &gt; 0
     * @return the partitions, each a list of ranges in start order
     */
    static List<List<TaskRange>> partitions(List<TaskRange> todo, double[] costs, double partitionCost) {
        if (costs.length != todo.size()) {
            throw new IllegalArgumentException("costs: need " + todo.size() + ", got " + costs.length);
        }
        List<List<TaskRange>> out = new ArrayList<>();
        if (todo.isEmpty()) {
            return out;
        }
        if (!(partitionCost > 0)) {
            throw new IllegalArgumentException("partitionCost: must be > 0, got " + partitionCost);
        }
        List<TaskRange> current = new ArrayList<>();
        long currentIndex = -1;
        double before = 0;
        for (int k = 0; k < costs.length; k++) {
            TaskRange range = todo.get(k);
            double c = costs[k];
            if (!(c > 0)) {
                throw new IllegalArgumentException("costs[" + k + "]: must be > 0, got " + c);
            }
            int from = 0;
            int size = range.size();
            while (from < size) {
                long index = partitionIndex(before, c, from, partitionCost);
                // the first task j > from of a later partition: from ⌊(C₀ + (j + ½)c) / P⌋ > index
                double estimate = Math.ceil(((index + 1) * partitionCost - before) / c - 0.5);
                int to = (int) Math.max(from + 1, Math.min(size, estimate));
                while (to > from + 1 && partitionIndex(before, c, to - 1, partitionCost) > index) {
                    to--;
                }
                while (to < size && partitionIndex(before, c, to, partitionCost) <= index) {
                    to++;
                }
                if (index != currentIndex && !current.isEmpty()) {
                    out.add(List.copyOf(current));
                    current.clear();
                }
                currentIndex = index;
                current.add(new TaskRange(range.setting(), range.n(), range.from() + from, range.from() + to));
                from = to;
            }
            before += size * c;
        }
        if (!current.isEmpty()) {
            out.add(List.copyOf(current));
        }
        return out;
    }

    /** The partition of the j-th task of a range of tasks costing c each, C₀ before it: ⌊(C₀ + (j + ½)c) / P⌋. */
    private static long partitionIndex(double before, double c, int j, double partitionCost) {
        return (long) Math.floor((before + (j + 0.5) * c) / partitionCost);
    }

    /**
     * Groups partitions (in start order) into checkpoint chunks of at most
     * {@code partitionsPerChunk} consecutive partitions. Each chunk becomes one Spark job.
     *
     * @return chunks, each a list of partitions
     */
    static <P> List<List<P>> chunks(List<P> partitions, int partitionsPerChunk) {
        if (partitionsPerChunk < 1) {
            throw new IllegalArgumentException("partitionsPerChunk: must be >= 1, got " + partitionsPerChunk);
        }
        List<List<P>> chunks = new ArrayList<>();
        for (int from = 0; from < partitions.size(); from += partitionsPerChunk) {
            chunks.add(List.copyOf(partitions.subList(from, Math.min(partitions.size(), from + partitionsPerChunk))));
        }
        return chunks;
    }
}
