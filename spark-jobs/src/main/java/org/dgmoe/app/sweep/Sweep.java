package org.dgmoe.app.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.base.Progress;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.provenance.Manifest;
import org.dgmoe.app.provenance.PopulationJson;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.app.storage.Decision;
import org.dgmoe.app.storage.Decision.Mode;
import org.dgmoe.app.storage.FitParts;
import org.dgmoe.app.storage.History;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.storage.ParquetTable;
import org.dgmoe.app.table.CoverageTable;
import org.dgmoe.app.table.CurvesTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.HistoryTable;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.app.table.TestsTable;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.CoverageRow;
import org.dgmoe.core.summary.CoverageSummary;
import org.dgmoe.core.summary.FitColumns;
import org.dgmoe.core.summary.RateRow;
import org.dgmoe.core.summary.StudyMetrics;
import org.dgmoe.core.summary.StudySummary;

/**
 * The sweep engine: decides what an output directory allows, runs the missing tasks on Spark in
 * checkpointed chunks, and commits the tables.
 *
 * <p>Protocol. (1) {@link Decision#of} inspects DIR and refuses (before anything is written) a foreign
 * directory, another study, or a finished or interrupted run of this study without
 * {@code --resume}/{@code --overwrite}. (2) A fresh run writes {@code .staging/run.json} with the
 * config hash. (3) The tasks not yet in a committed part are batched into partitions of about equal
 * expected cost ({@link TaskPlan#partitions}) and run in chunks of whole partitions, three
 * chunk jobs in flight so the tail of one overlaps the head of the next; the executor that ran a
 * partition writes its rows as one Parquet part {@code .staging/tasks/part-K.parquet}, under a
 * temporary name renamed when complete ({@link FitParts}), and the driver gets back only the parts'
 * names. (4) Core summarises the parts one projection at a time ({@link StagedFits#columns}, {@link StudySummary},
 * {@link CoverageSummary}): per batch of settings a pass for the flags, then a pass per metric (and per group of
 * coverage parameters), each reading only its columns and dropping its column before the next; the summaries are
 * written into {@code .staging-RUNID/}; then {@link OutputDir#commit} renames them and the parts' folder (as
 * {@code fits/}) into place and writes {@code _SUCCESS} last. The driver never holds the fits' rows, nor one
 * double per fit and metric: its memory in the summaries grows with the fits of a batch of settings by a few
 * bytes for the flags and one double for the metric at hand (docs/performance.md).
 */
final class Sweep {
    /**
     * Chunk jobs in flight at once: while one chunk's last tasks run and its rows are written, the
     * next two are already queued (Spark's FIFO scheduler launches them in submission order), so no
     * core waits for the driver at a chunk boundary.
     */
    static final int CHUNKS_IN_FLIGHT = 3;
    /** The plan is cut into at most about this many chunks (checkpoints). */
    static final int TARGET_CHUNKS = 16;

    private Sweep() {
    }

    /**
     * One line per population setting sampled without replacement whose largest n exceeds
     * {@link Population#INDEPENDENT_FRACTION} of N: the replicates' samples then overlap, so they are no longer
     * independent draws from the population (docs/population.md).
     */
    static List<String> populationWarnings(Study study) {
        int largest = study.sampleSizes()[study.sampleSizes().length - 1];
        List<String> out = new ArrayList<>();
        for (Setting s : study.settings()) {
            Population p = s.populationRows();
            if (p != null && p.overlaps(largest)) {
                out.add("sweep: warning: setting '" + s.name() + "' draws up to n = " + largest + " of its population's "
                        + "N = " + p.size() + " rows without replacement, above N/10: two replicates share about n²/N = "
                        + Math.round((double) largest * largest / p.size()) + " rows, so they are no longer independent "
                        + "draws from the population and the spread of their losses understates it (docs/population.md)");
            }
        }
        return out;
    }

    /**
     * Runs the study into the decided directory.
     *
     * @return 0, or 3 when a rate is slower than its theory (the only disagreement: the exponents are
     *         bounds, docs/rates.md) and {@code --fail-on-disagreement} was given
     */
    static int execute(SparkSession spark, LoadedStudy loaded, SweepOptions options, Decision decision,
            StudySource source, TaskFunction task, StudySummary.Estimator rates, PrintStream out, PrintStream err, boolean tty) throws IOException {
        OutputDir dir = decision.dir();
        Study study = loaded.study();
        if (decision.mode() == Mode.NOTHING_TO_DO) {
            boolean disagrees = spark.read().parquet(dir.path(RatesTable.FOLDER).toString()).collectAsList().stream()
                    .map(RatesTable::fromRow).anyMatch(r -> r.verdict().contradictsTheory());
            out.println("sweep: " + dir.display() + " already holds this finished study (config hash "
                    + loaded.configHash() + "); nothing to do (--overwrite recomputes it)");
            return exitStatus(disagrees, options);
        }
        GofStage.warnings(study).forEach(err::println);
        populationWarnings(study).forEach(err::println);
        long startNanos = System.nanoTime();
        Instant now = Instant.now();
        String runId = runId(now);
        Instant started = now;
        Instant resumed = null;
        dir.removeLeftovers();
        if (decision.mode() == Mode.FRESH) {
            dir.startStaging(Manifest.runRecord(loaded, runId, now));
        } else {
            Instant first = Manifest.instant(dir.readText(new Path(dir.staging(), OutputDir.RUN)), "started");
            started = first == null ? now : first;
            resumed = now;
        }
        FitsTable table = new FitsTable(study);
        Planned planned = plan(spark, study, options, StagedFits.done(dir, study, table, err));
        long total = planned.total();
        long computed = planned.todo();
        LongAccumulator finished = spark.sparkContext().longAccumulator("dgmoe.tasks.done");
        LongAccumulator failed = spark.sparkContext().longAccumulator("dgmoe.tasks.failed");
        LongAccumulator capped = spark.sparkContext().longAccumulator("dgmoe.tasks.capped");
        PartitionRunner runTasks = new PartitionRunner(source, task, table, finished, failed, capped,
                loaded.configHash(), dir.tasks().toString());
        long tasksStart = System.nanoTime();
        try (Progress progress = Progress.start(err, tty, taskLine(total, total - computed, finished, failed,
                capped))) {
            runChunks(spark, runId, planned, runTasks);
        }
        int partitions = planned.partitions();

        long assembleStart = System.nanoTime();
        FitColumns fits = StagedFits.columns(dir, study, table);
        StudySummary summary;
        List<CoverageRow> coverage;
        try {
            summary = StudySummary.of(study, fits, rates);
            // counted from the fits' own intervals, so a resumed run counts every run's fits alike
            coverage = CoverageSummary.of(study, fits);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the staged parts of " + dir.display() + ": " + e.getMessage()
                    + " (--resume computes missing tasks again; --overwrite computes the study afresh)", e);
        }

        Path target = dir.finalStaging(runId);
        List<String> varied = StudyMetrics.variedColumns(study);
        write(spark, summary.curves().stream().map(c -> CurvesTable.toRow(c, varied)).toList(),
                CurvesTable.schema(varied), new Path(target, CurvesTable.FOLDER));
        write(spark, summary.rates().stream().map(r -> RatesTable.toRow(r, varied)).toList(),
                RatesTable.schema(varied), new Path(target, RatesTable.FOLDER));
        if (study.intervals() != null) {
            write(spark, coverage.stream().map(c -> CoverageTable.toRow(c, varied)).toList(),
                    CoverageTable.schema(varied), new Path(target, CoverageTable.FOLDER));
        }
        long gofStart = System.nanoTime();
        // tests/ is written by the executors, part by part; nulls/ and power/ by the driver
        GofStage.Tables gof = GofStage.run(spark, study, source, options.partitions(), err, tty, loaded.configHash(),
                new Path(target, TestsTable.FOLDER));
        if (gof != null) {
            write(spark, gof.nulls(), NullsTable.SCHEMA, new Path(target, NullsTable.FOLDER));
            write(spark, gof.power(), PowerTable.SCHEMA, new Path(target, PowerTable.FOLDER));
        }
        long gofNanos = System.nanoTime() - gofStart;
        Map<String, Long> counts = StagedFits.statusCounts(dir, table);
        long end = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("prepare", (tasksStart - startNanos) / 1e9);
        seconds.put("tasks", (assembleStart - tasksStart) / 1e9);
        seconds.put("assemble", (end - assembleStart - gofNanos) / 1e9);
        if (gof != null) {
            seconds.put("goodness_of_fit", gofNanos / 1e9);
        }
        Manifest.Run run = new Manifest.Run(runId, spark.sparkContext().master(), started, resumed, Instant.now(),
                (int) total, (int) computed, partitions, counts, seconds);
        Provenance provenance = Provenance.current(loaded, run.finished());
        if (PopulationJson.any(study)) {
            dir.writeText(new Path(target, OutputDir.TRUTH), PopulationJson.truthFile(study, provenance));
        }
        dir.writeText(new Path(target, OutputDir.MANIFEST), Manifest.write(loaded, run, provenance));
        dir.commit(target, runId);
        if (options.history() != null) {
            HistoryTable.Run entry = new HistoryTable.Run(run.finished(), runId, study.name(), loaded.configHash(),
                    provenance.gitCommit());
            try {
                // the history is keyed by (study, setting, metric): it keeps the rates over all fits
                List<RateRow> overAllFits = summary.rates().stream().filter(RateRow::allFits).toList();
                Path file = History.append(spark, options.history(), entry, overAllFits);
                err.println("sweep: appended " + overAllFits.size() + " rates to the history " + OutputDir.display(file));
            } catch (IOException | RuntimeException e) {
                // the study itself is committed: say so, and fail the run (a nightly job must notice)
                err.println("dgmoe sweep: the study is complete in " + dir.display() + ", but appending its rates to the "
                        + "history " + options.history() + " failed: " + e);
                return ExitStatus.FAILED;
            }
        }

        long disagreements = summary.disagreements();
        out.println("sweep: wrote " + dir.display() + ": " + total + " fits (" + computed
                + " computed now), " + summary.curves().size() + " curve points, " + summary.rates().size()
                + " rates (" + disagreements + " slower than the theory, " + summary.count(Verdict.INCONCLUSIVE)
                + " inconclusive, " + summary.flagged() + " flagged); status counts " + counts);
        return exitStatus(disagreements > 0, options);
    }

    /**
     * The fit tasks' progress line: tasks done of the study's (those of an interrupted earlier run
     * included), numerical failures and capped fits of this run, and the time left at this run's rate.
     *
     * @param total  tasks of the study
     * @param before tasks finished by an earlier, interrupted run
     * @param done   tasks finished by this run
     * @param failed fits of this run that failed numerically ({@code degenerate}, {@code non_finite})
     * @param capped fits of this run that hit the iteration cap ({@code max_iterations})
     */
    static Progress.Line taskLine(long total, long before, LongAccumulator done, LongAccumulator failed,
            LongAccumulator capped) {
        return elapsed -> {
            // A task Spark runs twice (a lost executor's finished task whose result went with it) adds
            // twice: the count is clamped so the line never claims more tasks than the study has.
            long now = Math.min(done.value(), total - before);
            return String.format(java.util.Locale.ROOT,
                    "sweep: %d/%d tasks done (%d resumed), %d failed, %d capped, %s elapsed, ETA %s", before + now,
                    total, before, failed.value(), capped.value(), Progress.clock(elapsed),
                    Progress.eta(now, total - before - now, elapsed));
        };
    }

    private static int exitStatus(boolean disagreement, SweepOptions options) {
        return disagreement && options.failOnDisagreement() ? ExitStatus.DISAGREEMENT : ExitStatus.OK;
    }

    private static String runId(Instant now) {
        return Long.toString(now.toEpochMilli(), 36) + Long.toString(ProcessHandle.current().pid(), 36);
    }

    /**
     * The tasks to run: the study's tasks not {@code done}, in partitions of about equal expected cost,
     * in chunks of partitions, all as ranges of replicates ({@link TaskRange}): O(cells + partitions).
     *
     * @param total  the study's tasks
     * @param todo   those to run now
     * @param chunks the chunks, each a list of partitions, each a list of ranges
     */
    private record Planned(long total, long todo, int partitions, List<List<List<TaskRange>>> chunks) {
    }

    private static Planned plan(SparkSession spark, Study study, SweepOptions options, DoneTasks done) {
        List<TaskRange> todo = TaskPlan.remaining(done);
        int parallelism = spark.sparkContext().defaultParallelism();
        double partitionCost = TaskPlan.partitionCost(TaskPlan.totalCost(study, TaskPlan.of(study)),
                options.partitions(), parallelism);
        List<List<TaskRange>> batches = TaskPlan.partitions(study, todo, partitionCost);
        int partitionsPerChunk = Math.max(4 * parallelism, (batches.size() + TARGET_CHUNKS - 1) / TARGET_CHUNKS);
        return new Planned(TaskPlan.size(study), TaskPlan.size(todo), batches.size(),
                TaskPlan.chunks(batches, partitionsPerChunk));
    }

    /**
     * Runs the chunks, {@link #CHUNKS_IN_FLIGHT} at a time; each partition's executor commits its part
     * ({@link PartitionRunner}), and a chunk's job returns only the parts' names, one per partition.
     */
    private static void runChunks(SparkSession spark, String runId, Planned planned, PartitionRunner runTasks)
            throws IOException {
        List<List<List<TaskRange>>> chunks = planned.chunks();
        if (chunks.isEmpty()) {
            return;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String group = "dgmoe-sweep-" + runId;
        ExecutorService pool = Executors.newFixedThreadPool(CHUNKS_IN_FLIGHT, r -> {
            Thread t = new Thread(r, "dgmoe-chunk");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                List<List<TaskRange>> chunk = chunks.get(i);
                String description = "dgmoe sweep chunk " + (i + 1) + "/" + chunks.size();
                futures.add(pool.submit(() -> {
                    jsc.setJobGroup(group, description, true);
                    List<String> parts = jsc.parallelize(chunk, chunk.size()).flatMap(runTasks).collect();
                    if (parts.size() != chunk.size()) {
                        throw new IllegalStateException(description + ": " + parts.size() + " parts committed for "
                                + chunk.size() + " partitions");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            jsc.cancelJobGroup(group);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            jsc.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The name of a part: a hash of the config and its partition's units (the fit tasks' ranges,
     * {@link TaskRange}, or the goodness-of-fit stage's tests, {@code GofStage.Unit}, each by its text), so equal
     * content gets an equal name (a retried or speculative attempt of the same units writes the same part, and the
     * first rename wins: {@link FitParts}).
     */
    static String contentKey(String configHash, List<?> partition) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(configHash.getBytes(StandardCharsets.UTF_8));
            for (Object r : partition) {
                sha.update(("\n" + r).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Writes a table from the driver ({@link ParquetTable}): one Parquet file, no Spark job. */
    private static void write(SparkSession spark, List<Row> rows, StructType schema, Path target) throws IOException {
        ParquetTable.write(spark.sparkContext().hadoopConfiguration(), target, schema, rows);
    }
}
