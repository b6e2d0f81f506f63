package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.StartCheck;
import org.dgmoe.core.study.Study;

/**
 * The tasks of a study in the order they are started, their expected costs, and their split into
 * Spark partitions and checkpoint chunks.
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

    /** The expected cost of every task of {@code tasks}, in order. */
    static double[] costs(Study study, List<TaskKey> tasks) {
        Map<String, Setting> settings = new HashMap<>();
        for (Setting s : study.settings()) {
            settings.put(s.name(), s);
        }
        double[] c = new double[tasks.size()];
        for (int i = 0; i < c.length; i++) {
            TaskKey k = tasks.get(i);
            c[i] = cost(settings.get(k.setting()), k.n(), study.losses());
        }
        return c;
    }

    /**
     * The expected cost of one partition for the whole plan: with {@code partitions} N ≥ 1 given,
     * total / N (so the plan runs in at most N partitions of about equal cost); with 0, the sweep's
     * choice, {@link #MIN_PARTITION_COST}, lowered to total / ({@link #PARTITIONS_PER_CORE} ·
     * parallelism) for a small plan so that every core still has partitions to take.
     *
     * @param planCosts   the costs of the whole plan (done tasks included: the partition cost of a
     *                    resumed run is the fresh run's)
     * @param partitions  {@code --partitions} / {@code dgmoe.sweep.partitions}, or 0
     * @param parallelism Spark's default parallelism (cores), ≥ 1
     */
    static double partitionCost(double[] planCosts, int partitions, int parallelism) {
        if (partitions < 0 || parallelism < 1) {
            throw new IllegalArgumentException("partitions: must be >= 0, parallelism >= 1, got " + partitions
                    + ", " + parallelism);
        }
        double total = 0;
        for (double c : planCosts) {
            total += c;
        }
        if (partitions > 0) {
            return total / partitions;
        }
        return Math.min(MIN_PARTITION_COST, total / ((double) PARTITIONS_PER_CORE * parallelism));
    }

    /**
     * Cuts {@code tasks} (in start order) into partitions of about {@code partitionCost} each: with
     * C the summed cost of the tasks before it, a task of cost c goes to partition
     * ⌊(C + c/2) / partitionCost⌋ (empty ones dropped). So the partitions are contiguous runs of the
     * start order, a task costing at least {@code partitionCost} has one of its own, a plan of total
     * cost T gives at most ⌈T / partitionCost⌉ partitions, and neighbours differ in cost by at most
     * about one task.
     *
     * @param tasks in start order; not modified
     * @param costs their costs, same order, each &gt; 0
     */
    static List<List<TaskKey>> partitions(List<TaskKey> tasks, double[] costs, double partitionCost) {
        if (costs.length != tasks.size()) {
            throw new IllegalArgumentException("costs: need " + tasks.size() + ", got " + costs.length);
        }
        List<List<TaskKey>> out = new ArrayList<>();
        if (tasks.isEmpty()) {
            return out;
        }
        if (!(partitionCost > 0)) {
            throw new IllegalArgumentException("partitionCost: must be > 0, got " + partitionCost);
        }
        List<TaskKey> current = new ArrayList<>();
        long currentIndex = -1;
        double before = 0;
        for (int i = 0; i < costs.length; i++) {
            long index = (long) Math.floor((before + 0.5 * costs[i]) / partitionCost);
            if (index != currentIndex && !current.isEmpty()) {
                out.add(List.copyOf(current));
                current.clear();
            }
            currentIndex = index;
            current.add(tasks.get(i));
            before += costs[i];
        }
        if (!current.isEmpty()) {
            out.add(List.copyOf(current));
        }
        return out;
    }

    /**
     * Groups partitions (in start order) into checkpoint chunks of at most
     * {@code partitionsPerChunk} consecutive partitions. Each chunk becomes one Spark job whose rows
     * are persisted together.
     *
     * @return chunks, each a list of partitions, each a list of tasks
     */
    static List<List<List<TaskKey>>> chunks(List<List<TaskKey>> partitions, int partitionsPerChunk) {
        if (partitionsPerChunk < 1) {
            throw new IllegalArgumentException("partitionsPerChunk: must be >= 1, got " + partitionsPerChunk);
        }
        List<List<List<TaskKey>>> chunks = new ArrayList<>();
        for (int from = 0; from < partitions.size(); from += partitionsPerChunk) {
            chunks.add(List.copyOf(partitions.subList(from, Math.min(partitions.size(), from + partitionsPerChunk))));
        }
        return chunks;
    }
}
