package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.dgmoe.app.config.RunSettings;
import org.junit.jupiter.api.Test;

/** A flag wins over the study's run section, which wins over the built-in default. */
class SweepOptionsPrecedenceTest {
    private static final RunSettings CONFIG = new RunSettings("spark://config:7077",
            Map.of("spark.executor.memory", "4g"), "out/config", "hist/config", 8, true);

    @Test
    void theFlagWinsOverTheConfig() {
        SweepOptions o = SweepOptions.parse(new String[] {"s.conf", "--out", "out/flag", "--master", "local[2]",
                "--partitions", "3", "--history", "hist/flag"}).withRunSettings(CONFIG, "study");
        assertEquals("out/flag", o.out());
        assertEquals("local[2]", o.master());
        assertEquals(3, o.partitions());
        assertEquals("hist/flag", o.history());
        assertEquals(true, o.failOnDisagreement());
        assertEquals(Map.of("spark.executor.memory", "4g"), o.sparkConf());
    }

    @Test
    void theConfigWinsOverTheBuiltInDefault() {
        SweepOptions o = SweepOptions.parse(new String[] {"s.conf"}).withRunSettings(CONFIG, "study");
        assertEquals("out/config", o.out());
        assertEquals("spark://config:7077", o.master());
        assertEquals(8, o.partitions());
        assertEquals("hist/config", o.history());
    }

    @Test
    void withoutEitherTheBuiltInDefault() {
        SweepOptions o = SweepOptions.parse(new String[] {"s.conf"}).withRunSettings(RunSettings.NONE, "study");
        assertEquals("out/study", o.out());
        assertEquals(null, o.master(), "spark-submit's master, else local[*], is decided by the session");
        assertEquals(0, o.partitions());
        assertEquals(null, o.history());
        assertEquals(false, o.failOnDisagreement());
        SweepOptions flag = SweepOptions.parse(new String[] {"s.conf", "--fail-on-disagreement"})
                .withRunSettings(RunSettings.NONE, "study");
        assertEquals(true, flag.failOnDisagreement());
    }

    @Test
    void sparkSubmitsConfWinsOverTheStudysConfAndTheStudysMasterOverSparkSubmits() {
        SparkConf submitted = new SparkConf(false).set("spark.master", "yarn").set("spark.executor.memory", "8g");
        SweepOptions o = SweepOptions.parse(new String[] {"s.conf"}).withRunSettings(new RunSettings(
                "spark://config:7077", Map.of("spark.executor.memory", "4g", "spark.executor.cores", "2"), null, null, 0,
                false), "study");
        SparkConf conf = SweepCommand.sparkConf(o, submitted);
        assertEquals("spark://config:7077", conf.get("spark.master"));
        assertEquals("8g", conf.get("spark.executor.memory"), "spark-submit's --conf wins");
        assertEquals("2", conf.get("spark.executor.cores"));
        SweepOptions none = SweepOptions.parse(new String[] {"s.conf"}).withRunSettings(RunSettings.NONE, "study");
        assertEquals("yarn", SweepCommand.sparkConf(none, new SparkConf(false).set("spark.master", "yarn"))
                .get("spark.master"));
        SparkConf local = SweepCommand.sparkConf(none, new SparkConf(false));
        assertEquals("local[*]", local.get("spark.master"));
        assertEquals("127.0.0.1", local.get("spark.driver.host"));
    }
}
