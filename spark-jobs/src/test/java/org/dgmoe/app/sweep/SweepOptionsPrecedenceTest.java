package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
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
}
