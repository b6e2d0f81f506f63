package org.dgmoe.app.base;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a command. spark-submit's master (a {@code spark.master} system property) is
 * kept; without it the command runs embedded in {@code local[*]}, and an embedded session binds to
 * loopback only (the host name need not resolve), has no UI and few shuffle partitions.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /** The session of {@code dgmoe NAME}: spark-submit's master, else embedded {@code local[*]}. */
    public static SparkSession forCommand(String name) {
        return SparkSession.builder().config(complete(new SparkConf(), name)).getOrCreate();
    }

    /**
     * {@code conf} completed for {@code dgmoe NAME}: {@code local[*]} when no master is set, the
     * embedded settings for a local master, the application's name, and a plan-string limit above
     * the some 50 columns of {@code fits/} (Spark warns when it cuts a plan below 100 fields). Keys
     * already set are kept; {@link KryoRecords} is added to the registrators already set, so that a session
     * run with the Kryo serializer can ship records.
     */
    public static SparkConf complete(SparkConf conf, String name) {
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            embedded(conf);
        }
        conf.setIfMissing("spark.app.name", "dgmoe " + name);
        String registrators = conf.get("spark.kryo.registrator", "");
        if (!java.util.List.of(registrators.split(",")).contains(KryoRecords.class.getName())) {
            conf.set("spark.kryo.registrator", registrators.isEmpty() ? KryoRecords.class.getName()
                    : registrators + "," + KryoRecords.class.getName());
        }
        return conf.setIfMissing("spark.sql.debug.maxToStringFields", "500");
    }

    /** Settings of an embedded (local) session: loopback only, no UI, few shuffle partitions. */
    public static SparkConf embedded(SparkConf conf) {
        return conf.setIfMissing("spark.driver.host", "127.0.0.1")
                .setIfMissing("spark.driver.bindAddress", "127.0.0.1")
                .setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.sql.shuffle.partitions", "4");
    }
}
