package org.dgmoe.app.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * The Hadoop configuration of the driver's own file operations (inspecting DIR, the commit renames,
 * the history and report reads): built from the SparkConf like Spark's, so {@code spark.hadoop.*}
 * options given to spark-submit (S3 credentials, HDFS settings) apply to them as they do to
 * Spark's writes.
 */
public final class HadoopConfigurations {
    private HadoopConfigurations() {
    }

    public static Configuration fromSparkConf() {
        return SparkHadoopUtil.get().newConfiguration(new SparkConf());
    }

    /**
     * The Hadoop configuration of an executor's own file operations (a sweep's staged parts,
     * {@link FitParts}): built from the executor's SparkConf, as Spark builds that of its own writes there.
     * Built once per executor JVM and SparkConf, then copied per call: building one parses Hadoop's default
     * XML resources (a few ms, searching Spark's jars), which at one part per partition was 16 % of a
     * tiny-task sweep's executor time (issue 26, docs/performance.md); a copy clones the loaded properties, and
     * each caller may change its own copy.
     */
    public static Configuration onExecutor() {
        SparkConf conf = SparkEnv.get().conf();
        ExecutorConfiguration cached = executor;
        if (cached == null || cached.sparkConf() != conf) {
            cached = new ExecutorConfiguration(conf, SparkHadoopUtil.get().newConfiguration(conf));
            executor = cached;
        }
        return new Configuration(cached.hadoop());
    }

    /** The configuration {@link #onExecutor} built, with the SparkConf it was built from. */
    private record ExecutorConfiguration(SparkConf sparkConf, Configuration hadoop) {
    }

    /** Built by the first task of an executor JVM (a race builds it twice, harmlessly); only ever copied. */
    private static volatile ExecutorConfiguration executor;
}
