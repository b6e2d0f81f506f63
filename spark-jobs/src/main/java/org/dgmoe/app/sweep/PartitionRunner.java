package org.dgmoe.app.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.dgmoe.app.storage.FitParts;
import org.dgmoe.app.storage.HadoopConfigurations;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.summary.FitRow;

/**
 * The function Spark runs on an executor for one partition of a chunk (its ranges of replicates,
 * {@link TaskRange}): each task is simulated, fitted and measured by the {@link TaskFunction} against
 * the study the {@link StudySource} gives (built once per executor JVM), checked to carry exactly the
 * seed of its key, and turned into a row
 * of {@code fits/} ({@link FitRow}, encoded by {@link FitsTable}); the executor writes the partition's
 * rows as one committed part of the staged tasks ({@link FitParts}) and returns only its name to the
 * driver. The accumulators feed the driver's progress line.
 */
final class PartitionRunner implements FlatMapFunction<List<TaskRange>, String> {
    private static final long serialVersionUID = 1L;
    private final StudySource source;
    private final TaskFunction task;
    private final FitsTable table;
    private final LongAccumulator done;
    private final LongAccumulator failed;
    private final LongAccumulator capped;
    private final String configHash;
    private final String tasks;

    /**
     * @param configHash the study's config hash (the parts' content keys: {@link Sweep#contentKey})
     * @param tasks      the folder of the staged parts ({@code DIR/.staging/tasks}), a Hadoop path
     */
    PartitionRunner(StudySource source, TaskFunction task, FitsTable table, LongAccumulator done,
            LongAccumulator failed, LongAccumulator capped, String configHash, String tasks) {
        this.configHash = configHash;
        this.tasks = tasks;
        this.source = source;
        this.task = task;
        this.table = table;
        this.done = done;
        this.failed = failed;
        this.capped = capped;
    }

    @Override
    public Iterator<String> call(List<TaskRange> ranges) throws IOException {
        Study study = source.study();
        List<Row> rows = new ArrayList<>((int) TaskPlan.size(ranges));
        for (TaskRange range : ranges) {
            Setting setting = study.settings().get(range.setting());
            int n = range.n();
            for (int r = range.from(); r < range.to(); r++) {
                long t0 = System.nanoTime();
                TaskOutcome outcome = task.run(study, setting, n, r);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                long seed = Seeds.taskSeed(study.seed(), setting.name(), n, r);
                if (!outcome.setting().equals(setting.name()) || outcome.n() != n || outcome.replicate() != r
                        || outcome.seed() != seed) {
                    throw new IllegalStateException("task " + new TaskKey(setting.name(), n, r) + " returned the "
                            + "outcome of " + outcome.setting() + "/" + outcome.n() + "/" + outcome.replicate()
                            + " with seed " + outcome.seed() + "; expected seed " + seed);
                }
                rows.add(table.toRow(FitRow.of(study, outcome, millis)));
                done.add(1);
                switch (outcome.status()) {
                    case DEGENERATE, NON_FINITE -> failed.add(1);
                    case MAX_ITERATIONS -> capped.add(1);
                    case CONVERGED -> { }
                }
            }
        }
        Path part = FitParts.write(HadoopConfigurations.onExecutor(), new Path(tasks),
                Sweep.contentKey(configHash, ranges), table.schema(), rows);
        return List.of(part.getName()).iterator();
    }
}
