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
     */
    public static Configuration onExecutor() {
        return SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf());
    }
}
