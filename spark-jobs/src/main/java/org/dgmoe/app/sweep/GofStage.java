package org.dgmoe.app.sweep;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.dgmoe.app.base.Progress;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.TestsTable;
import org.dgmoe.core.gof.NullFit;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.PowerSummary;
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
 * (setting, n) — the replicate's data set is the fit task's ({@code TaskRunner.data}); a second Spark job
 * ({@code tests/}, {@link TestsTable}).</li>
 * <li>The driver summarises the tests ({@link PowerSummary}: {@code power/}, {@link PowerTable}).</li>
 * </ol>
 *
 * Units start largest n first (the cost of a refit grows with n) and are dealt to the partitions in turn,
 * so every partition holds a like mixture of large and small units. Every unit is a pure function of the
 * study and its key, and the driver sorts the rows, so the tables do not depend on the partitioning, the
 * executors or retries. Executors get the study from the {@link StudySource} (once per JVM) and return core
 * values ({@link NullFit}, {@link TestRow}); the driver alone encodes them as table rows.
 *
 * <p>Resume: the stage's tables are written into the run's final staging folder and committed with
 * {@code fits/}; nothing of the stage is checkpointed. A run killed during the stage leaves no
 * {@code tests/}, {@code power/} or {@code nulls/} in DIR, and {@code --resume} computes the whole stage
 * again (after the fit tasks still missing) — the same rows, since they depend only on the keys.
 */
final class GofStage {
    /** Default partitions per core when {@code --partitions} is not given: small enough units to balance. */
    static final int PARTITIONS_PER_CORE = 8;

    private GofStage() {
    }

    /** The stage's rows, sorted: {@code nulls/}, {@code tests/}, {@code power/}. */
    record Tables(List<Row> nulls, List<Row> tests, List<Row> power) {
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
     */
    static Tables run(SparkSession spark, Study study, StudySource source, int partitions, PrintStream err,
            boolean tty) {
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

        List<Unit> tests = new ArrayList<>();
        for (Setting s : tested) {
            for (int n : study.sampleSizes()) {
                for (int r = 0; r < study.replicates(); r++) {
                    tests.add(new Unit(s.name(), n, r));
                }
            }
        }
        tests.sort(costFirst);
        Broadcast<Map<String, NullSample>> shared = jsc.broadcast(samples);
        jsc.setJobGroup("dgmoe-gof", "dgmoe goodness of fit: tests", true);
        LongAccumulator testsDone = jsc.sc().longAccumulator("dgmoe.gof.tests.done");
        List<TestRow> testRows;
        try (Progress progress = Progress.start(err, tty, elapsed -> "sweep: goodness of fit: "
                + Progress.counted(testsDone.value(), tests.size(), "tests", elapsed))) {
            testRows = new ArrayList<>(jsc.parallelize(deal(tests, parts), Math.min(parts, tests.size()))
                    .flatMap(new TestRunner(source, shared, testsDone)).collect());
        } finally {
            shared.destroy();
        }
        testRows.sort(Comparator.<TestRow>comparingInt(t -> index.get(t.setting())).thenComparingInt(TestRow::n)
                .thenComparingInt(TestRow::replicate));
        List<Row> power = PowerSummary.of(study, testRows).stream().map(PowerTable::toRow).toList();
        err.println(String.format("sweep: goodness of fit done: null refits %.1f s, tests %.1f s", (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9));
        return new Tables(nullRows, testRows.stream().map(TestsTable::toRow).toList(), power);
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
     * The executor function of the tests: one {@link TestRow} per unit, against the broadcast null samples,
     * each counted into {@code done}.
     */
    private record TestRunner(StudySource source, Broadcast<Map<String, NullSample>> samples, LongAccumulator done)
            implements FlatMapFunction<List<Unit>, TestRow> {
        @Override
        public Iterator<TestRow> call(List<Unit> units) {
            Study study = source.study();
            List<TestRow> out = new ArrayList<>(units.size());
            for (Unit u : units) {
                NullSample nulls = samples.value().get(cell(u.setting(), u.n()));
                out.add(SweepGof.test(study, study.setting(u.setting()), u.n(), u.index(), nulls));
                done.add(1);
            }
            return out.iterator();
        }
    }
}
