package org.dgmoe.app.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the run sections {@code dgmoe.spark}, {@code dgmoe.output} and {@code dgmoe.sweep}. */
final class RunSettingsReader {
    private RunSettingsReader() {
    }

    /** The run settings under {@code dgmoe} (the node {@code top}); {@link RunSettings#NONE} when invalid. */
    static RunSettings read(Node top) {
        Problems problems = top.problems();
        int before = problems.count();
        String master = null;
        Map<String, String> conf = new LinkedHashMap<>();
        Node spark = top.child(StudySchema.DGMOE_SPARK);
        if (spark != null) {
            master = nonBlank(spark, StudySchema.SPARK_MASTER);
            Node c = spark.child(StudySchema.SPARK_CONF.name(), false, "");
            if (c != null) {
                properties(c, "", conf);
                c.finish();
            }
            spark.finish();
        }
        String dir = null;
        String history = null;
        Node output = top.child(StudySchema.DGMOE_OUTPUT);
        if (output != null) {
            dir = nonBlank(output, StudySchema.OUTPUT_DIR);
            history = nonBlank(output, StudySchema.OUTPUT_HISTORY);
            output.finish();
        }
        Long partitions = null;
        Boolean fail = (Boolean) StudySchema.SWEEP_FAIL_ON_DISAGREEMENT.defaultValue();
        Node sweep = top.child(StudySchema.DGMOE_SWEEP);
        if (sweep != null) {
            partitions = sweep.integer(StudySchema.SWEEP_PARTITIONS);
            fail = sweep.bool(StudySchema.SWEEP_FAIL_ON_DISAGREEMENT);
            sweep.finish();
        }
        if (problems.count() > before) {
            return RunSettings.NONE;
        }
        return new RunSettings(master, conf, dir, history, partitions == null ? 0 : partitions.intValue(), fail);
    }

    private static String nonBlank(Node n, Key k) {
        String s = n.string(k);
        if (s != null && s.isBlank()) {
            n.problems().add(n.path(k.name()), "must be a non-empty string");
            return null;
        }
        return s;
    }

    /**
     * The Spark properties of {@code conf}, flattened: {@code "spark.executor.memory" = 4g} and the
     * unquoted {@code spark.executor.memory = 4g} (nested objects in HOCON) name the same property.
     */
    private static void properties(Node c, String prefix, Map<String, String> out) {
        for (String key : c.keys()) {
            String name = prefix + key;
            Object v = c.raw(key);
            if (v instanceof Map<?, ?>) {
                Node inner = Node.of(c.problems(), c.path(key), v);
                properties(inner, name + ".", out);
                inner.finish();
            } else if (!name.startsWith("spark.")) {
                c.problems().add(c.path(key), "must be a Spark property (spark.*), got '" + name + "'");
            } else if (name.equals("spark.master")) {
                // The master has its own key and precedence (--master > dgmoe.spark.master > spark-submit's);
                // as a property it would lose silently to the local[*] default.
                c.problems().add(c.path(key), "is not set here: use dgmoe.spark.master");
            } else {
                String s = c.string(key, true, "");
                if (s != null) {
                    out.put(name, s);
                }
            }
        }
    }
}
