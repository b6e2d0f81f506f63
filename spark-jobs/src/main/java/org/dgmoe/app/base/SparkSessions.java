package org.dgmoe.app.base;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a command. spark-submit's master (a {@code spark.master} system property) is
 * kept; without it the command runs embedded in {@code local[*]}, and an embedded session binds to
 * loopback only (the host name need not resolve), has no UI and few shuffle partitions.
 */
public final class SparkSessions {
    /**
     * The driver's loggers that print a failed read before dgmoe can say what failed: the executor's
     * stack trace of the task, the lost task (the same trace again), the aborted job, and the
     * "no metadata directory" trace of a missing folder. Each failure also reaches the caller as an
     * exception holding all they say.
     */
    static final List<String> FAILURE_LOGGERS = List.of("org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.sql.execution.streaming.sinks.FileStreamSink");

    private static final Object LOGGERS_LOCK = new Object();
    /** Open {@link FailureLogsOff}s; the levels of before the first are restored when the last closes. */
    private static int failureLogsOff;
    private static Map<String, Level> levelsBefore;

    private SparkSessions() {
    }

    /** While open, Spark logs nothing of a failed task or a missing path (see {@link #failureLogsOff()}). */
    public static final class FailureLogsOff implements AutoCloseable {
        private boolean closed;

        private FailureLogsOff() {
        }

        @Override
        public void close() {
            synchronized (LOGGERS_LOCK) {
                if (!closed) {
                    closed = true;
                    if (--failureLogsOff == 0) {
                        Configurator.setLevel(levelsBefore);
                    }
                }
            }
        }
    }

    /**
     * Turns Spark's {@link #FAILURE_LOGGERS} off until the result is closed, for a read whose failure
     * dgmoe reports itself (a corrupt part file, a missing table): its message is then the only line,
     * not the last after some 80 lines of Spark's traces. Nested and concurrent uses are counted.
     */
    public static FailureLogsOff failureLogsOff() {
        synchronized (LOGGERS_LOCK) {
            if (failureLogsOff++ == 0) {
                levelsBefore = new LinkedHashMap<>();
                Map<String, Level> off = new LinkedHashMap<>();
                for (String name : FAILURE_LOGGERS) {
                    levelsBefore.put(name, LogManager.getLogger(name).getLevel());
                    off.put(name, Level.OFF);
                }
                Configurator.setLevel(off);
            }
            return new FailureLogsOff();
        }
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
     *
     * @throws InputException the driver's heap is below Spark's minimum ({@link OutOfMemory#checkSparkMinimum})
     */
    public static SparkConf complete(SparkConf conf, String name) {
        if (!conf.contains("spark.testing.memory") && !conf.contains("spark.testing.reservedMemory")) {
            OutOfMemory.checkSparkMinimum(name, Runtime.getRuntime().maxMemory());
        }
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
