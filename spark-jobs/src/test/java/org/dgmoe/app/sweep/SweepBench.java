package org.dgmoe.app.sweep;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.SparkSessions;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.StudySummary;

/**
 * Measures the sweep's overhead (scripts/bench-sweep.sh runs it): session start, then one sweep,
 * then the sum of the per-task wall times ({@code millis} in fits/) against the sweep's wall time.
 *
 * <pre>
 *   SweepBench MASTER OUT_DIR CONFIG [--set k=v]...   the real pipeline on a study file
 *   SweepBench MASTER OUT_DIR --fake SECONDS           a CPU-burning stand-in worth SECONDS of task time
 * </pre>
 * Prints one {@code key=value} line per figure on stdout, then where the task slots' time went
 * ({@link SlotTimeListener}).
 */
public final class SweepBench {
    private SweepBench() {
    }

    public static void main(String[] args) throws Exception {
        String master = args[0];
        Path out = Path.of(args[1]);
        boolean fake = args[2].equals("--fake");
        long t0 = System.nanoTime();
        SparkConf conf = SparkSessions.embedded(new SparkConf().setMaster(master).setAppName("dgmoe sweep bench"));
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.range(1).count();
        double sessionSeconds = (System.nanoTime() - t0) / 1e9;
        SlotTimeListener slots = new SlotTimeListener();
        spark.sparkContext().addSparkListener(slots);

        SweepCommand.Environment env;
        List<String> sweepArgs = new ArrayList<>(List.of("--out", out.toString()));
        if (fake) {
            double seconds = Double.parseDouble(args[3]);
            Study study = burnStudy();
            LoadedStudy loaded = FakeTasks.loaded(study, "f".repeat(64));
            long total = 0;
            for (TaskKey k : FakeTasks.keys(study)) {
                total += k.n();
            }
            double nanosPerUnit = seconds * 1e9 / total;
            TaskFunction burn = (s, setting, n, r) -> {
                long until = System.nanoTime() + (long) (n * nanosPerUnit);
                double x = 0;
                while (System.nanoTime() < until) {
                    x += Math.sqrt(x + n);
                }
                return FakeTasks.outcome(s, setting, n, r + (x < 0 ? 1 : 0));
            };
            env = new SweepCommand.Environment(o -> loaded, o -> spark, false, l -> SweepBench::burnStudy, burn,
                    r -> new FakeRates(), false);
            sweepArgs.add(0, "fake.conf");
        } else {
            env = new SweepCommand.Environment(SweepCommand.Environment.production().loader(), o -> spark, false,
                    ConfigStudySource::of, TaskFunction.REAL, r -> StudySummary.Estimator.of(new RateEstimator(r)), false);
            for (int i = 2; i < args.length; i++) {
                sweepArgs.add(args[i]);
            }
        }
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        long t1 = System.nanoTime();
        int status = SweepCommand.run(sweepArgs.toArray(String[]::new), err, err, env);
        double wallSeconds = (System.nanoTime() - t1) / 1e9;
        if (status != 0 && status != 3) {
            System.exit(status);
        }
        spark.sparkContext().listenerBus().waitUntilEmpty();
        String slotReport = slots.report(spark.sparkContext().defaultParallelism());
        Row sums = spark.read().parquet(out.resolve("fits").toString())
                .selectExpr("sum(millis) / 1000.0", "count(*)").first();
        double taskSeconds = ((Number) sums.get(0)).doubleValue();
        int cores = spark.sparkContext().defaultParallelism();
        double ideal = taskSeconds / cores;
        System.out.printf("master=%s%ncores=%d%ntasks=%d%nsession_start_s=%.2f%ntask_cpu_s=%.2f%nideal_wall_s=%.2f%n"
                + "sweep_wall_s=%.2f%nratio=%.3f%nbound_s=%.2f%nwithin_bound=%s%n", master, cores,
                ((Number) sums.get(1)).longValue(), sessionSeconds, taskSeconds, ideal, wallSeconds,
                wallSeconds / ideal, 1.15 * ideal + sessionSeconds, wallSeconds <= 1.15 * ideal);
        System.out.println("phase_seconds=" + new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("manifest.json").toFile()).get("phase_seconds"));
        System.out.print(slotReport);
        spark.stop();
        Files.deleteIfExists(out.resolve("_SUCCESS"));
    }

    /** Two settings × 12 sample sizes × 10 replicates; task cost ∝ n. */
    static Study burnStudy() {
        Study tiny = FakeTasks.tinyStudy("burn", Map.of());
        return new Study("burn", tiny.seed(), 10, new int[] {100, 150, 200, 300, 400, 600, 800, 1200, 1600, 2400,
            3200, 4800}, tiny.settings(), tiny.losses());
    }
}
