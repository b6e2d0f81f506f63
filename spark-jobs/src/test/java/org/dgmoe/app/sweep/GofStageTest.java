package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.TestsTable;
import org.dgmoe.core.gof.Lrt;
import org.dgmoe.core.gof.NullFit;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.PowerRow;
import org.dgmoe.core.gof.SweepGof;
import org.dgmoe.core.gof.TestKind;
import org.dgmoe.core.gof.TestRow;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskRunner;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.StudySummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goodness-of-fit stage of a real sweep (simulator, EM, the LRT recipe, PIT tests) on the shared local
 * session: its tables do not depend on the partitioning, its rows equal the core computation of each key
 * on the driver, the tested data set is the fitted one, a strong deviation gets the smallest p-value, and a
 * run that dies in the stage finishes it with {@code --resume}.
 */
class GofStageTest {
    static final String STUDY = """
            shared {
              covariates { distribution = uniform, dimension = 1, min = -1.0, max = 1.0 }
              g0 { type = gaussian-linear, slope = [1.0], intercept = 0.0, variance = 1.0 }
              fit { experts = 1, lambda = free, init = random, max-iterations = 2000 }
            }
            dgmoe.study {
              name = "gof-e2e"
              seed = 11
              replicates = 5
              sample-sizes = [60, 120]
              settings = [
                { name = "h0", covariates = ${shared.covariates}, g0 = ${shared.g0}, fit = ${shared.fit},
                  truth { lambda = 0.0, experts = [ { weight = 1.0, slope = [2.0], intercept = 1.0, variance = 0.25 } ] }
                  test { bootstrap = 19, alpha = [0.05, 0.1] } }
                { name = "strong", covariates = ${shared.covariates}, g0 = ${shared.g0}, fit = ${shared.fit},
                  truth { lambda = 0.6, experts = [ { weight = 1.0, slope = [-3.0], intercept = 5.0, variance = 0.04 } ] }
                  test { bootstrap = 19, alpha = [0.05, 0.1] } }
                { name = "untested", covariates = ${shared.covariates}, g0 = ${shared.g0}, fit = ${shared.fit},
                  truth { lambda = 0.3, experts = [ { weight = 1.0, slope = [2.0], intercept = 1.0, variance = 0.25 } ] } }
              ]
            }
            dgmoe.rates { bootstrap = 100 }
            """;

    @TempDir
    static Path tmp;
    static Path config;
    static LoadedStudy loaded;
    static Path baseline;

    record Result(int status, String err) {
    }

    @BeforeAll
    static void baseline() throws Exception {
        config = tmp.resolve("gof.conf");
        Files.writeString(config, STUDY);
        loaded = StudyConfigLoader.load(config, List.of());
        baseline = tmp.resolve("one");
        Result r = sweep(ConfigStudySource::of, "--out", baseline.toString(), "--partitions", "1");
        assertEquals(0, r.status(), r.err());
    }

    static Result sweep(java.util.function.Function<LoadedStudy, StudySource> source, String... args) {
        return sweep(config, source, args);
    }

    /** A real sweep of the study file {@code study} on the shared session (also {@link LocalDeviationGofTest}'s). */
    static Result sweep(Path study, java.util.function.Function<LoadedStudy, StudySource> source, String... args) {
        List<String> all = new ArrayList<>(List.of(study.toString()));
        all.addAll(List.of(args));
        SweepCommand.Environment env = new SweepCommand.Environment(o -> StudyConfigLoader.load(o.config(),
                o.overrides()), o -> SparkTestSession.get(), false, source, TaskFunction.REAL,
                r -> StudySummary.Estimator.of(new RateEstimator(r)), false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(all.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }

    static List<Row> rows(Path dir, String table) {
        return SparkTestSession.get().read().parquet(dir.resolve(table).toString()).collectAsList();
    }

    /** The key columns of each goodness-of-fit table, by which its rows are compared (tests/ is in no order). */
    static final Map<String, List<String>> KEYS = Map.of(
            TestsTable.FOLDER, List.of(TestsTable.SETTING, TestsTable.N, TestsTable.REPLICATE),
            NullsTable.FOLDER, List.of(TestsTable.SETTING, TestsTable.N, NullsTable.INDEX),
            PowerTable.FOLDER, List.of(TestsTable.SETTING, TestsTable.N, PowerTable.TEST, PowerTable.ALPHA));

    /** The rows of a goodness-of-fit table sorted by its key ({@link #KEYS}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Row> sorted(Path dir, String table) {
        Comparator<Row> byKey = (a, b) -> 0;
        for (String column : KEYS.get(table)) {
            byKey = byKey.thenComparing(r -> (Comparable) r.getAs(column));
        }
        return rows(dir, table).stream().sorted(byKey).toList();
    }

    /** The rows of a goodness-of-fit table as text, sorted by its key: compared as sets of rows. */
    static List<String> text(Path dir, String table) {
        return sorted(dir, table).stream().map(Row::toString).toList();
    }

    @Test
    void tablesAreIdenticalForOneThreeAndSeventeenPartitions() throws Exception {
        for (int partitions : new int[] {3, 17}) {
            Path out = tmp.resolve("p" + partitions);
            Result r = sweep(ConfigStudySource::of, "--out", out.toString(), "--partitions",
                    Integer.toString(partitions));
            assertEquals(0, r.status(), r.err());
            for (String table : List.of(TestsTable.FOLDER, NullsTable.FOLDER, PowerTable.FOLDER)) {
                assertEquals(text(baseline, table), text(out, table), table + " at " + partitions + " partitions");
            }
            assertTestPartsAreSortedAndComplete(out, Math.min(partitions, 2 * 2 * 5));
        }
        assertTestPartsAreSortedAndComplete(baseline, 1);
    }

    /**
     * tests/ holds {@code parts} committed parts (one per partition of the test job) and nothing else, each
     * sorted by (setting in study order, n, replicate), and every test once (no temporary file left).
     */
    static void assertTestPartsAreSortedAndComplete(Path dir, int parts) throws java.io.IOException {
        List<String> settings = loaded.study().settings().stream().map(Setting::name).toList();
        List<Path> files;
        try (var listing = Files.list(dir.resolve(TestsTable.FOLDER))) {
            files = listing.sorted().toList();
        }
        assertEquals(parts, files.size(), files.toString());
        int total = 0;
        for (Path f : files) {
            assertTrue(f.getFileName().toString().matches("part-[0-9a-f]{16}\\.parquet"), f.toString());
            List<TestRow> part = SparkTestSession.get().read().parquet(f.toString()).collectAsList().stream()
                    .map(TestsTable::fromRow).toList();
            List<TestRow> ordered = part.stream().sorted(Comparator.<TestRow>comparingInt(t -> settings.indexOf(
                    t.setting())).thenComparingInt(TestRow::n).thenComparingInt(TestRow::replicate)).toList();
            assertEquals(ordered, part, f + ": rows by (setting, n, replicate)");
            total += part.size();
        }
        assertEquals(2 * 2 * 5, total, "every test once");
    }

    @Test
    void everyRowIsTheCoreComputationOfItsKeyOnTheFittedData() {
        Study study = loaded.study();
        TaskRunner runner = new TaskRunner(study);
        List<TestRow> tests = rows(baseline, TestsTable.FOLDER).stream().map(TestsTable::fromRow).toList();
        List<NullsTable.Entry> nullRows = rows(baseline, NullsTable.FOLDER).stream().map(NullsTable::fromRow).toList();
        FitsTable fitsTable = new FitsTable(study);
        List<FitRow> fits = rows(baseline, FitsTable.FOLDER).stream().map(fitsTable::fromRow).toList();
        assertEquals(2 * 2 * 5, tests.size(), "two tested settings × two sizes × five replicates; none untested");
        for (String name : List.of("h0", "strong")) {
            Setting s = study.setting(name);
            for (int n : study.sampleSizes()) {
                List<NullFit> nulls = new ArrayList<>();
                for (int b = 0; b < 19; b++) {
                    nulls.add(SweepGof.nullRefit(study, s, n, b));
                }
                NullSample sample = NullSample.of(nulls);
                // nulls/ holds the executors' refits: the driver's own, bit for bit, under the (setting, n) key
                List<NullsTable.Entry> stored = nullRows.stream().filter(e -> e.setting().equals(name) && e.n() == n)
                        .sorted(java.util.Comparator.comparingInt(e -> e.fit().index())).toList();
                assertEquals(nulls, stored.stream().map(NullsTable.Entry::fit).toList(), name + "/" + n);
                assertEquals(SweepGof.nullKey(study, s, n), stored.get(0).key());
                for (int r = 0; r < study.replicates(); r++) {
                    int rep = r;
                    TestRow row = tests.stream().filter(t -> t.setting().equals(name) && t.n() == n
                            && t.replicate() == rep).findFirst().orElseThrow();
                    assertEquals(SweepGof.test(study, s, n, r, sample), row, name + "/" + n + "/" + r);
                    // the tested data set is the fitted one: same seed as fits/, and ℓ0 of TaskRunner.data
                    FitRow fit = fits.stream().filter(f -> f.setting().equals(name) && f.n() == n
                            && f.replicate() == rep).findFirst().orElseThrow();
                    assertEquals(fit.task().seed(), row.seed());
                    assertEquals(Lrt.nullLogLikelihood(runner.data(s, n, r), s.truth().g0()),
                            row.nullLogLikelihood(), 0.0);
                    assertEquals(fit.diagnostics().logLikelihood(), TaskRunner.fit(s, runner.data(s, n, r),
                            org.dgmoe.core.random.Seeds.stream(row.seed(),
                                    org.dgmoe.core.random.Seeds.Stream.INIT)).logLikelihood(), 0.0);
                    if (name.equals("strong")) {
                        assertEquals(1.0 / 20, row.pValue(), 0.0, "a strong deviation: no null T* reaches T");
                        assertEquals(0, row.exceedances());
                    }
                }
            }
        }
        List<PowerRow> power = rows(baseline, PowerTable.FOLDER).stream().map(PowerTable::fromRow).toList();
        assertEquals(2 * 2 * TestKind.values().length * 2, power.size(), "settings × sizes × ten tests × levels");
        for (PowerRow p : power) {
            assertEquals(p.setting().equals("h0"), p.sizeVerdict() != null, p.toString());
            assertEquals(p.test() == TestKind.KS ? 0 : 19, p.bootstrap());
            if (p.setting().equals("strong") && p.test() == TestKind.LRT) {
                assertEquals(5, p.rejections(), "p = 1/20 <= 0.05 in every replicate");
            }
        }
    }

    /** While set, every partition of the goodness-of-fit stage fails (the fit tasks run as usual). */
    static final AtomicInteger ARMED = new AtomicInteger();

    record CrashingSource(ConfigStudySource inner) implements StudySource {
        @Override
        public Study study() {
            if (ARMED.get() == 1 && inGofStage()) {
                throw new IllegalStateException("simulated crash in the goodness-of-fit stage");
            }
            return inner.study();
        }

        private static boolean inGofStage() {
            for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
                if (e.getClassName().startsWith(GofStage.class.getName())) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void aRunThatDiesInTheStageFinishesItWithResume() {
        Path out = tmp.resolve("resumed");
        ARMED.set(1);
        Result crashed;
        try {
            crashed = sweep(l -> new CrashingSource(ConfigStudySource.of(l)), "--out", out.toString(), "--partitions",
                    "2");
        } finally {
            ARMED.set(0);
        }
        assertEquals(ExitStatus.FAILED, crashed.status(), crashed.err());
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve(TestsTable.FOLDER)), "no tests/ before the commit");
        assertTrue(Files.exists(out.resolve(".staging/run.json")));
        Result resumed = sweep(ConfigStudySource::of, "--out", out.toString(), "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("goodness of fit done"), resumed.err());
        assertEquals(rows(baseline, FitsTable.FOLDER).size(), rows(out, FitsTable.FOLDER).size());
        for (String table : List.of(TestsTable.FOLDER, NullsTable.FOLDER, PowerTable.FOLDER)) {
            assertEquals(text(baseline, table), text(out, table), table);
        }
        assertNotNull(rows(out, PowerTable.FOLDER));
    }

    /**
     * h0 and strong differ only in the truth (λ*, the deviation's expert): one null sample serves both, so their
     * nulls/ rows are the same refits under the same key; and adding a third such setting (a λ* between them,
     * placed first in the study) refits nothing new for them and leaves their tests/ and nulls/ rows as they were.
     */
    @Test
    void settingsThatDifferOnlyInTheTruthShareOneNullAndAnotherLambdaChangesNothing() throws Exception {
        List<NullsTable.Entry> stored = rows(baseline, NullsTable.FOLDER).stream().map(NullsTable::fromRow).toList();
        for (int n : loaded.study().sampleSizes()) {
            int size = n;
            List<NullsTable.Entry> h0 = stored.stream().filter(e -> e.setting().equals("h0") && e.n() == size).toList();
            List<NullsTable.Entry> strong = stored.stream().filter(e -> e.setting().equals("strong") && e.n() == size)
                    .toList();
            assertEquals(19, h0.size());
            assertEquals(h0.stream().map(e -> e.key() + " " + e.fit()).toList(),
                    strong.stream().map(e -> e.key() + " " + e.fit()).toList(), "one null sample at n = " + n);
        }
        assertEquals(SweepGof.nullDescription(loaded.study().setting("h0")),
                SweepGof.nullDescription(loaded.study().setting("strong")));

        Path more = tmp.resolve("more.conf");
        String mid = "    { name = \"mid\", covariates = ${shared.covariates}, g0 = ${shared.g0}, "
                + "fit = ${shared.fit},\n      truth { lambda = 0.2, experts = [ { weight = 1.0, "
                + "slope = [2.0], intercept = 1.0, variance = 0.25 } ] }\n"
                + "      test { bootstrap = 19, alpha = [0.05, 0.1] } }\n";
        String marker = "  settings = [\n";
        assertTrue(STUDY.contains(marker));
        Files.writeString(more, STUDY.replace(marker, marker + mid));
        Path out = tmp.resolve("more");
        SweepCommand.Environment env = new SweepCommand.Environment(o -> StudyConfigLoader.load(o.config(),
                o.overrides()), o -> SparkTestSession.get(), false, ConfigStudySource::of, TaskFunction.REAL,
                r -> StudySummary.Estimator.of(new RateEstimator(r)), false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(new String[] {more.toString(), "--out", out.toString(), "--partitions", "3"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, log);
        assertTrue(log.contains("38 null refits (1 distinct null of 3 tested settings"), log);
        for (String table : List.of(TestsTable.FOLDER, NullsTable.FOLDER)) {
            List<String> before = text(baseline, table);
            List<Row> all = sorted(out, table);
            List<String> after = all.stream().filter(r -> !r.getAs("setting").equals("mid")).map(Row::toString)
                    .toList();
            assertEquals(before, after, table + ": h0's and strong's rows");
            assertEquals(before.size() * 3 / 2, all.size(), table + ": mid's rows added");
        }
    }

    @Test
    void aBootstrapBelowTheDefaultIsOneWarningNamingTheKeys() {
        List<String> w = GofStage.warnings(loaded.study());
        assertEquals(List.of("sweep: warning: test.bootstrap = 19 of dgmoe.study.{settings[0], settings[1]} is below "
                + "the documented minimum max(10 · replicates, 9999) = 9999: every p-value is still exact, but the 5 "
                + "replicates of an n share one null sample, whose size at 0.05 has standard error 0.0500 beside the "
                + "replicates' 0.0975; power/ reports it and widens the size band (docs/gof.md)"), w);
    }
}
