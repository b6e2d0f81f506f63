package org.dgmoe.app.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the sweep runs, from {@code dgmoe.spark}, {@code dgmoe.output} and {@code dgmoe.sweep}. None of
 * it changes results, so none of it is part of the config hash. The sweep's flags win over these
 * values, and these over the built-in defaults.
 *
 * @param master             {@code dgmoe.spark.master}, or null
 * @param sparkConf          {@code dgmoe.spark.conf}: Spark properties, each {@code spark.*}
 * @param outputDir          {@code dgmoe.output.dir}, or null
 * @param history            {@code dgmoe.output.history}, or null
 * @param partitions         {@code dgmoe.sweep.partitions}, or 0 when not given
 * @param failOnDisagreement {@code dgmoe.sweep.fail-on-disagreement}
 */
public record RunSettings(String master, Map<String, String> sparkConf, String outputDir, String history,
        int partitions, boolean failOnDisagreement) {

    /** A study file without run sections. */
    public static final RunSettings NONE = new RunSettings(null, Map.of(), null, null, 0, false);

    public RunSettings {
        sparkConf = java.util.Collections.unmodifiableMap(new TreeMap<>(sparkConf));
        for (String key : sparkConf.keySet()) {
            if (!key.startsWith("spark.")) {
                throw new IllegalArgumentException("conf." + key + ": keys must be Spark properties (spark.*)");
            }
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions: must be >= 1, or 0 for the sweep's choice, got " + partitions);
        }
    }
}
