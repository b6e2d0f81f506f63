package org.dgmoe.app.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.dgmoe.app.base.Progress;
import org.dgmoe.app.storage.FitParts;
import org.dgmoe.app.storage.HadoopConfigurations;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.TestsTable;
import org.dgmoe.core.gof.NullFit;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.PowerSummary;
import org.dgmoe.core.gof.PowerTally;
import org.dgmoe.core.gof.SweepGof;
import org.dgmoe.core.gof.TestRow;
import org.dgmoe.core.study.GofPlan;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * The goodness-of-fit stage of a sweep whose settings have a {@code test} block (docs/gof.md, "Size and
 * power studies"), run on Spark after the fit tasks and apart from their plan:
 *
 * <ol>
 * <li>Null refits: every (null sample, n, b), b = 0..B−1, is one unit, {@link SweepGof#nullRefit} (keyed by
 * {@code Seeds.sharedNullKey(study seed, null description, n)} and b alone); settings that differ only in the
 * truth's deviation share one null sample ({@link SweepGof#nullDescription}, and the same B), refitted once
 * under the first of them; one Spark job.</li>
 * <li>The driver collects them ({@code nulls/}, {@link NullsTable}), checks that every null sample holds
 * exactly b = 0..B−1, and broadcasts the {@link NullSample}s (core values, Serializable).</li>
 * <li>Tests: every (setting, n, replicate) is one unit, {@link SweepGof#test} against the null sample of its
 * (setting, n) — the replicate's data set is the fit task's ({@code TaskRunner.data}); a second Spark job.
 * The executor of a partition writes its tests as one part of {@code tests/} ({@link TestsTable}, rows sorted
 * by setting in study order, n, replicate) into the run's final staging folder ({@link FitParts}: a temporary
 * name renamed when complete, named by a hash of the config and the partition's units, so a retried or
 * speculative attempt never adds a row twice), and returns only the part's name and its tests'
 * {@link PowerTally}; the driver merges them as they arrive (Spark's reduce).</li>
 * <li>The driver turns the merged tally into {@code power/} ({@link PowerSummary#of(Study, PowerTally)},
 * {@link PowerTable}): the rows {@code PowerSummary.of} of all the tests would give.</li>
 * </ol>
 *
 * Units start largest n first (the cost of a refit grows with n) and are dealt to the partitions in turn,
 * so every partition holds a like mixture of large and small units. Every unit is a pure function of the
 * study and its key, so the tables do not depend on the partitioning, the executors or retries: {@code nulls/}
 * and {@code power/} are sorted by the driver, {@code tests/} is the same set of rows in parts that depend on
 * the partitioning. Executors get the study from the {@link StudySource} (once per JVM). The null refits come
 * back to the driver as core values ({@link NullFit}): it must hold every null sample anyway, to broadcast it
 * to the tests, and they are O(B × sizes × distinct nulls), not O(replicates × cells) as the tests are.
 *
 * <p>Resume: the stage's tables are written into the run's final staging folder (the parts of {@code tests/} by
 * the executors, {@code nulls/} and {@code power/} by the driver) and committed with {@code fits/}; nothing of
 * the stage is checkpointed. A run killed during the stage leaves no
 * {@code tests/}, {@code power/} or {@code nulls/} in DIR, and {@code --resume} computes the whole stage
 * again (after the fit tasks still missing) — the same rows, since they depend only on the keys.
 */
final class GofStage {
    /** Default partitions per core when {@code --partitions} is not given: small enough units to balance. */
    static final int PARTITIONS_PER_CORE = 8;

    private GofStage() {
    }

    /**
     * What the driver writes of the stage, sorted ({@code nulls/}, {@code power/}), and the names of the parts the
     * executors committed to {@code tests/}.
     */
    record Tables(List<Row> nulls, List<String> testParts, List<Row> power) {
    }

    /** What a partition of the tests returns: the parts it committed (one) and the tally of its tests. */
    record TestParts(List<String> parts, PowerTally tally) implements Serializable {
        TestParts merge(TestParts other) {
            List<String> both = new ArrayList<>(parts);
            both.addAll(other.parts);
            return new TestParts(both, tally.merge(other.tally));
        }
    }

    /** One unit of the stage: null refit {@code index} of (setting, n), or the test of replicate {@code index}. */
    record Unit(String setting, int n, int index) implements Serializable {
    }

    /** What a null refit unit returns: the refit of {@code unit} under the null key {@code key} of its (setting, n). */
    record Refit(Unit unit, long key, NullFit fit) implements Serializable {
    }

    /** The settings of {@code study} with a test block, in study order. */
    static List<Setting> tested(Study study) {
        return study.settings().stream().filter(s -> s.test() != null).toList();
    }

    /**
     * The warnings of a study's test blocks: a B given below the default max(10·R, 9 999) (the p-values stay
     * exact, but the shared null sample's error is then not small beside the replicates' own).
     */
    static List<String> warnings(Study study) {
        Map<Integer, List<String>> below = new java.util.TreeMap<>();
        for (int i = 0; i < study.settings().size(); i++) {
            GofPlan t = study.settings().get(i).test();
            if (t != null && t.belowDefault(study.replicates())) {
                below.computeIfAbsent(t.bootstrap(), k -> new ArrayList<>()).add("settings[" + i + "]");
            }
        }
        List<String> out = new ArrayList<>();
        int r = study.replicates();
        below.forEach((b, where) -> out.add("sweep: warning: test.bootstrap = " + b + " of dgmoe.study."
                + (where.size() == 1 ? where.get(0) : "{" + String.join(", ", where) + "}") + " is below the "
                + "documented minimum max(10 · replicates, 9999) = " + GofPlan.defaultBootstrap(r) + ": every p-value "
                + "is still exact, but the " + r + " replicates of an n share one null sample, whose size at 0.05 has "
                + "standard error " + String.format(java.util.Locale.ROOT, "%.4f", Math.sqrt(0.05 * 0.95 / b))
                + " beside the replicates' " + String.format(java.util.Locale.ROOT, "%.4f", Math.sqrt(0.05 * 0.95 / r))
                + "; power/ reports it and widens the size band (docs/gof.md)"));
        return out;
    }

    /**
     * Runs the stage, or returns null when no setting has a test block.
     *
     * @param partitions the sweep's {@code --partitions} (0: {@link #PARTITIONS_PER_CORE} per core)
     * @param tty        stderr is a terminal (the progress lines of the two jobs: {@link Progress})
     * @param configHash the study's config hash (the test parts' content keys, {@link Sweep#contentKey})
     * @param tests      the new folder the executors write {@code tests/}'s parts into (in the run's final
     *                   staging folder, committed with it)
     */
    static Tables run(SparkSession spark, Study study, StudySource source, int partitions, PrintStream err,
            boolean tty, String configHash, Path tests) throws IOException {
        List<Setting> tested = tested(study);
        if (tested.isEmpty()) {
            return null;
        }
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parts = partitions > 0 ? partitions : PARTITIONS_PER_CORE * Math.max(1, jsc.defaultParallelism());
        Comparator<Unit> costFirst = costOrder(study);

        // one null sample per (null description, B, n): the first setting of each description refits it for all
        Map<String, String> owner = new LinkedHashMap<>();
        for (Setting s : tested) {
            owner.putIfAbsent(sampleId(s, study), s.name());
        }
        List<Unit> refits = new ArrayList<>();
        for (Setting s : tested) {
            if (!owner.get(sampleId(s, study)).equals(s.name())) {
                continue;
            }
            int b = s.test().bootstrap(study.replicates());
            for (int n : study.sampleSizes()) {
                for (int i = 0; i < b; i++) {
                    refits.add(new Unit(s.name(), n, i));
                }
            }
        }
        refits.sort(costFirst);
        err.println("sweep: goodness of fit: " + refits.size() + " null refits (" + owner.size() + " distinct null"
                + (owner.size() == 1 ? "" : "s") + " of " + tested.size() + " tested settings × "
                + study.sampleSizes().length + " sizes), then " + tested.size() * study.sampleSizes().length
                * study.replicates() + " tests");
        jsc.setJobGroup("dgmoe-gof", "dgmoe goodness of fit: null refits", true);
        LongAccumulator refitsDone = jsc.sc().longAccumulator("dgmoe.gof.refits.done");
        List<Refit> refitted;
        try (Progress progress = Progress.start(err, tty, elapsed -> "sweep: goodness of fit: "
                + Progress.counted(refitsDone.value(), refits.size(), "null refits", elapsed))) {
            refitted = new ArrayList<>(jsc.parallelize(deal(refits, parts), Math.min(parts, refits.size()))
                    .flatMap(new NullRunner(source, refitsDone)).collect());
        }
        Map<String, Integer> index = settingIndex(study);
        refitted.sort(Comparator.<Refit>comparingInt(r -> index.get(r.unit().setting()))
                .thenComparingInt(r -> r.unit().n()).thenComparingInt(r -> r.unit().index()));
        Map<String, List<Refit>> fits = new LinkedHashMap<>();
        for (Refit r : refitted) {
            fits.computeIfAbsent(cell(r.unit().setting(), r.unit().n()), k -> new ArrayList<>()).add(r);
        }
        Map<String, NullSample> samples = new HashMap<>();
        List<Row> nullRows = new ArrayList<>();
        for (Setting s : tested) {
            for (int n : study.sampleSizes()) {
                List<Refit> sample = fits.get(cell(owner.get(sampleId(s, study)), n));
                int b = s.test().bootstrap(study.replicates());
                List<NullFit> nullFits = sample == null ? List.of() : sample.stream().map(Refit::fit).toList();
                // NullSample.of refuses a refit lost or computed twice: never silently repaired
                if (sample == null || NullSample.of(nullFits).size() != b) {
                    throw new IllegalStateException("the null sample of " + cell(s.name(), n) + " holds "
                            + (sample == null ? 0 : sample.size()) + " refits, expected " + b);
                }
                samples.put(cell(s.name(), n), NullSample.of(nullFits));
                // nulls/ keeps one row per (setting, n, b): a shared sample's rows repeat under each setting
                for (Refit r : sample) {
                    nullRows.add(NullsTable.toRow(s.name(), n, r.key(), r.fit()));
                }
            }
        }
        long t1 = System.nanoTime();

        List<Unit> units = new ArrayList<>();
        for (Setting s : tested) {
            for (int n : study.sampleSizes()) {
                for (int r = 0; r < study.replicates(); r++) {
                    units.add(new Unit(s.name(), n, r));
                }
            }
        }
        units.sort(costFirst);
        List<List<Unit>> dealt = deal(units, parts);
        Broadcast<Map<String, NullSample>> shared = jsc.broadcast(samples);
        jsc.setJobGroup("dgmoe-gof", "dgmoe goodness of fit: tests", true);
        LongAccumulator testsDone = jsc.sc().longAccumulator("dgmoe.gof.tests.done");
        FileSystem fs = tests.getFileSystem(jsc.hadoopConfiguration());
        fs.mkdirs(tests);
        TestParts written;
        try (Progress progress = Progress.start(err, tty, elapsed -> "sweep: goodness of fit: "
                + Progress.counted(testsDone.value(), units.size(), "tests", elapsed))) {
            written = jsc.parallelize(dealt, dealt.size())
                    .map(new TestRunner(source, shared, testsDone, configHash, tests.toString()))
                    .reduce(TestParts::merge);
        } finally {
            shared.destroy();
        }
        // every partition's part, and nothing else: unfinished attempts' temporary files are deleted
        List<String> committed = FitParts.committed(fs, tests).stream().map(Path::getName).toList();
        if (!committed.equals(written.parts().stream().sorted().toList()) || committed.size() != dealt.size()) {
            throw new IllegalStateException("tests/: " + dealt.size() + " partitions returned the parts "
                    + written.parts() + ", the folder holds " + committed);
        }
        List<Row> power = PowerSummary.of(study, written.tally()).stream().map(PowerTable::toRow).toList();
        err.println(String.format("sweep: goodness of fit done: null refits %.1f s, tests %.1f s", (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9));
        return new Tables(nullRows, committed, power);
    }

    /** n descending, then setting in study order, then the index. */
    static Comparator<Unit> costOrder(Study study) {
        Map<String, Integer> index = settingIndex(study);
        return Comparator.<Unit>comparingInt(u -> -u.n()).thenComparingInt(u -> index.get(u.setting()))
                .thenComparingInt(Unit::index);
    }

    /** {@code units} (in start order) dealt to m = min(parts, size) partitions in turn: partition p holds p, p + m, …. */
    static List<List<Unit>> deal(List<Unit> units, int parts) {
        int m = Math.max(1, Math.min(parts, units.size()));
        List<List<Unit>> out = new ArrayList<>(m);
        for (int p = 0; p < m; p++) {
            List<Unit> partition = new ArrayList<>();
            for (int i = p; i < units.size(); i += m) {
                partition.add(units.get(i));
            }
            out.add(List.copyOf(partition));
        }
        return out;
    }

    private static Map<String, Integer> settingIndex(Study study) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < study.settings().size(); i++) {
            index.put(study.settings().get(i).name(), i);
        }
        return index;
    }

    /** What identifies a setting's null sample: its null description ({@link SweepGof#nullDescription}) and B. */
    static String sampleId(Setting s, Study study) {
        return SweepGof.nullDescription(s) + "; B=" + s.test().bootstrap(study.replicates());
    }

    static String cell(String setting, int n) {
        return setting + "/" + n;
    }

    /** The executor function of the null refits: one {@link Refit} per unit, each counted into {@code done}. */
    private record NullRunner(StudySource source, LongAccumulator done) implements FlatMapFunction<List<Unit>, Refit> {
        @Override
        public Iterator<Refit> call(List<Unit> units) {
            Study study = source.study();
            List<Refit> out = new ArrayList<>(units.size());
            for (Unit u : units) {
                Setting s = study.setting(u.setting());
                out.add(new Refit(u, SweepGof.nullKey(study, s, u.n()), SweepGof.nullRefit(study, s, u.n(), u.index())));
                done.add(1);
            }
            return out.iterator();
        }
    }

    /**
     * The executor function of the tests: a partition's units tested against the broadcast null samples, each
     * counted into {@code done}, their rows written as one part of {@code tests/} sorted by (setting in study
     * order, n, replicate) ({@link FitParts}); returns the part's name and the tests' {@link PowerTally}.
     */
    private record TestRunner(StudySource source, Broadcast<Map<String, NullSample>> samples, LongAccumulator done,
            String configHash, String tests) implements Function<List<Unit>, TestParts> {
        @Override
        public TestParts call(List<Unit> units) throws IOException {
            Study study = source.study();
            List<TestRow> out = new ArrayList<>(units.size());
            for (Unit u : units) {
                NullSample nulls = samples.value().get(cell(u.setting(), u.n()));
                out.add(SweepGof.test(study, study.setting(u.setting()), u.n(), u.index(), nulls));
                done.add(1);
            }
            Map<String, Integer> index = settingIndex(study);
            out.sort(Comparator.<TestRow>comparingInt(t -> index.get(t.setting())).thenComparingInt(TestRow::n)
                    .thenComparingInt(TestRow::replicate));
            Path part = FitParts.write(HadoopConfigurations.onExecutor(), new Path(tests),
                    Sweep.contentKey(configHash, units), TestsTable.SCHEMA, out.stream().map(TestsTable::toRow).toList());
            return new TestParts(List.of(part.getName()), PowerTally.of(study, out));
        }
    }
}
