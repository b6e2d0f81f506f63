package org.dgmoe.app.fit;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.dgmoe.app.base.Progress;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.uncertainty.BootstrapFit;
import org.dgmoe.core.uncertainty.BootstrapKind;

/**
 * The driver side of {@code dgmoe fit --bootstrap B}: B refits as keyed Spark tasks ({@link BootstrapRefitTasks}),
 * with a progress line on stderr, as {@code dgmoe test} runs its null refits.
 */
final class FitBootstrap {
    private FitBootstrap() {
    }

    /**
     * The refits and where they ran.
     *
     * @param refits     the B refits, in index order
     * @param master     the Spark master
     * @param partitions the partitions they ran in
     */
    record Run(List<BootstrapFit> refits, String master, int partitions) {
    }

    /**
     * Runs refits 0..B−1 of the fit keyed by {@code key}.
     *
     * @param partitions the number of partitions, or 0: min(B, 4 × the default parallelism)
     * @param tty        whether stderr is a terminal (the progress line, {@link Progress})
     */
    static Run run(SparkSession spark, Dataset data, DeviatedModel estimate, EmSettings em, BootstrapKind kind,
            long key, int count, int partitions, PrintStream err, boolean tty) {
        return run(spark, data, estimate, null, em, kind, key, count, partitions, err, tty);
    }

    /** As {@link #run} for a gated fit's estimate: the refits by the gated EM. */
    static Run runGated(SparkSession spark, Dataset data, GatedModel estimate, EmSettings em, BootstrapKind kind,
            long key, int count, int partitions, PrintStream err, boolean tty) {
        return run(spark, data, null, estimate, em, kind, key, count, partitions, err, tty);
    }

    private static Run run(SparkSession spark, Dataset data, DeviatedModel estimate, GatedModel gated, EmSettings em,
            BootstrapKind kind, long key, int count, int partitions, PrintStream err, boolean tty) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = partitions != 0 ? partitions : Math.max(1, Math.min(count, 4 * jsc.defaultParallelism()));
        List<Integer> indices = IntStream.range(0, count).boxed().toList();
        LongAccumulator done = jsc.sc().longAccumulator("dgmoe.fit.bootstrap.done");
        List<BootstrapFit> refits;
        try (Progress progress = Progress.start(err, tty, elapsed -> "fit: "
                + Progress.counted(done.value(), count, "bootstrap refits", elapsed))) {
            refits = jsc.parallelize(indices, slices)
                    .mapPartitions(new BootstrapRefitTasks(data, estimate, gated, em, kind, key, done)).collect();
        }
        return new Run(refits, jsc.master(), slices);
    }
}
