package org.dgmoe.app.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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
import org.dgmoe.app.storage.ChunkFile;
import org.dgmoe.app.storage.Decision;
import org.dgmoe.app.storage.Decision.Mode;
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
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.CoverageSummary;
import org.dgmoe.core.summary.FitRow;
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
 * config hash. (3) The tasks not yet in a finished chunk are batched into partitions of about equal
 * expected cost ({@link TaskPlan#partitions}) and run in chunks of whole partitions, three
 * chunk jobs in flight so the tail of one overlaps the head of the next; the driver writes each
 * chunk's rows as one {@link ChunkFile} {@code .staging/tasks/chunk-K.rows}, under a temporary name
 * renamed when complete. (4) All chunk rows are read back and decoded ({@link FitsTable}), sorted,
 * summarised by core ({@link StudySummary}), and written into {@code .staging-RUNID/}, then
 * {@link OutputDir#commit} renames them into place and writes {@code _SUCCESS} last.
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
        List<TaskKey> plan = TaskPlan.of(study);
        Set<TaskKey> done = readStaged(dir, table, err).stream().map(r -> TaskKey.of(table.fromRow(r)))
                .collect(Collectors.toSet());
        List<TaskKey> todo = TaskPlan.remaining(study, done);

        int parallelism = spark.sparkContext().defaultParallelism();
        double partitionCost = TaskPlan.partitionCost(TaskPlan.costs(study, plan), options.partitions(), parallelism);
        List<List<TaskKey>> batches = TaskPlan.partitions(todo, TaskPlan.costs(study, todo), partitionCost);
        int partitions = batches.size();
        int partitionsPerChunk = Math.max(4 * parallelism, (partitions + TARGET_CHUNKS - 1) / TARGET_CHUNKS);
        List<List<List<TaskKey>>> chunks = TaskPlan.chunks(batches, partitionsPerChunk);

        LongAccumulator finished = spark.sparkContext().longAccumulator("dgmoe.tasks.done");
        LongAccumulator failed = spark.sparkContext().longAccumulator("dgmoe.tasks.failed");
        LongAccumulator capped = spark.sparkContext().longAccumulator("dgmoe.tasks.capped");
        PartitionRunner runTasks = new PartitionRunner(source, task, table, finished, failed, capped);
        long tasksStart = System.nanoTime();
        try (Progress progress = Progress.start(err, tty, taskLine(plan.size(), plan.size() - todo.size(), finished,
                failed, capped))) {
            runChunks(spark, loaded.configHash(), runId, chunks, runTasks, table.schema(), dir);
        }

        long assembleStart = System.nanoTime();
        // The staged rows are written as read (sorted): decoded once for the summaries, never re-encoded.
        List<Staged> staged = new ArrayList<>(uniqueByKey(readStaged(dir, table, err), table));
        staged.sort(Comparator.comparing(x -> TaskKey.of(x.fit()), TaskPlan.tableOrder(study)));
        List<FitRow> fits = staged.stream().map(Staged::fit).toList();
        if (fits.size() != plan.size()) {
            throw new IllegalStateException("the staged chunks hold " + fits.size() + " tasks, the study has "
                    + plan.size() + " (a chunk that cannot be read was deleted; --resume computes its tasks again)");
        }
        StudySummary summary = StudySummary.of(study, fits, rates);

        Path target = dir.finalStaging(runId);
        write(spark, staged.stream().map(Staged::row).toList(), table.schema(), new Path(target, FitsTable.FOLDER));
        List<String> varied = StudyMetrics.variedColumns(study);
        write(spark, summary.curves().stream().map(c -> CurvesTable.toRow(c, varied)).toList(),
                CurvesTable.schema(varied), new Path(target, CurvesTable.FOLDER));
        write(spark, summary.rates().stream().map(r -> RatesTable.toRow(r, varied)).toList(),
                RatesTable.schema(varied), new Path(target, RatesTable.FOLDER));
        if (study.intervals() != null) {
            // counted from the fits' own intervals, so a resumed run counts every run's fits alike
            write(spark, CoverageSummary.of(study, fits).stream().map(c -> CoverageTable.toRow(c, varied)).toList(),
                    CoverageTable.schema(varied), new Path(target, CoverageTable.FOLDER));
        }
        long gofStart = System.nanoTime();
        GofStage.Tables gof = GofStage.run(spark, study, source, options.partitions(), err, tty);
        long gofNanos = System.nanoTime() - gofStart;
        if (gof != null) {
            write(spark, gof.nulls(), NullsTable.SCHEMA, new Path(target, NullsTable.FOLDER));
            write(spark, gof.tests(), TestsTable.SCHEMA, new Path(target, TestsTable.FOLDER));
            write(spark, gof.power(), PowerTable.SCHEMA, new Path(target, PowerTable.FOLDER));
        }
        Map<String, Long> counts = statusCounts(fits);
        long end = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("prepare", (tasksStart - startNanos) / 1e9);
        seconds.put("tasks", (assembleStart - tasksStart) / 1e9);
        seconds.put("assemble", (end - assembleStart - gofNanos) / 1e9);
        if (gof != null) {
            seconds.put("goodness_of_fit", gofNanos / 1e9);
        }
        Manifest.Run run = new Manifest.Run(runId, spark.sparkContext().master(), started, resumed, Instant.now(),
                plan.size(), todo.size(), partitions, counts, seconds);
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
        out.println("sweep: wrote " + dir.display() + ": " + fits.size() + " fits (" + todo.size()
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
     * Runs the chunks, {@link #CHUNKS_IN_FLIGHT} at a time, each persisted by the driver as soon as
     * its job is done ({@link OutputDir#writeChunk}: no Spark job, so no task slot is taken from the
     * next chunks' tasks).
     */
    private static void runChunks(SparkSession spark, String configHash, String runId,
            List<List<List<TaskKey>>> chunks, PartitionRunner runTasks, StructType schema, OutputDir dir) throws IOException {
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
                List<List<TaskKey>> chunk = chunks.get(i);
                String description = "dgmoe sweep chunk " + (i + 1) + "/" + chunks.size();
                futures.add(pool.submit(() -> {
                    jsc.setJobGroup(group, description, true);
                    List<Row> rows = jsc.parallelize(chunk, chunk.size()).flatMap(runTasks).collect();
                    dir.writeChunk("chunk-" + contentKey(configHash, chunk), schema, rows);
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

    /** The name of a chunk: a hash of the config and its task keys, so equal content gets an equal name. */
    static String contentKey(String configHash, List<List<TaskKey>> chunk) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(configHash.getBytes(StandardCharsets.UTF_8));
            for (List<TaskKey> partition : chunk) {
                for (TaskKey k : partition) {
                    sha.update(("\n" + k).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The fits of every finished staged chunk. A chunk file that cannot be read (damaged, or of
     * another format version or schema) is reported on {@code err} and deleted, so its tasks count
     * as not done.
     */
    private static List<Row> readStaged(OutputDir dir, FitsTable table, PrintStream err) throws IOException {
        StructType schema = table.schema();
        List<Row> rows = new ArrayList<>();
        for (Path file : dir.finishedChunks()) {
            try {
                rows.addAll(dir.readChunk(file, schema));
            } catch (ChunkFile.Unreadable e) {
                err.println("sweep: " + e.getMessage() + "; deleting it, its tasks count as not done");
                dir.deleteChunk(file);
            }
        }
        return rows;
    }

    /** A staged row and its decoding. */
    private record Staged(Row row, FitRow fit) {
    }

    /** One row per task key, decoded (a task in two chunks is kept once; both rows are equal but for millis). */
    private static java.util.Collection<Staged> uniqueByKey(List<Row> rows, FitsTable table) {
        Map<TaskKey, Staged> unique = new LinkedHashMap<>();
        for (Row r : rows) {
            FitRow f = table.fromRow(r);
            unique.putIfAbsent(TaskKey.of(f), new Staged(r, f));
        }
        return unique.values();
    }

    private static Map<String, Long> statusCounts(List<FitRow> fits) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (FitStatus s : FitStatus.values()) {
            counts.put(FitsTable.statusLabel(s), 0L);
        }
        for (FitRow f : fits) {
            counts.merge(FitsTable.statusLabel(f.status()), 1L, Long::sum);
        }
        return counts;
    }

    /** Writes a table from the driver ({@link ParquetTable}): one Parquet file, no Spark job. */
    private static void write(SparkSession spark, List<Row> rows, StructType schema, Path target) throws IOException {
        ParquetTable.write(spark.sparkContext().hadoopConfiguration(), target, schema, rows);
    }
}
