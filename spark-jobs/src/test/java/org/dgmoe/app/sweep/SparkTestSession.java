package org.dgmoe.app.sweep;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.SparkSessions;

/**
 * The one local Spark session of the sweep tests: two threads, up to three attempts per task
 * ({@code local[2,3]}, so the retry test can fail a first attempt), loopback only, no UI. Created
 * on first use, stopped by Spark's shutdown hook.
 */
public final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            SparkConf conf = SparkSessions.embedded(new SparkConf().setMaster("local[2,3]").setAppName("dgmoe-sweep-tests"))
                    .set("spark.sql.shuffle.partitions", "2");
            session = SparkSession.builder().config(conf).getOrCreate();
        }
        return session;
    }
}
