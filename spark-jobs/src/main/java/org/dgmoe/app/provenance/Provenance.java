package org.dgmoe.app.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.dgmoe.app.base.Host;
import org.dgmoe.app.base.Version;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.core.random.Seeds;

/** The manifest of a sweep and the small run record kept beside its staged tasks. */
public final class Provenance {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Provenance() {
    }

    /** {@code .staging/run.json}: which study the staged tasks belong to. */
    public static String runRecord(LoadedStudy loaded, String runId, Instant started) {
        ObjectNode n = JSON.createObjectNode();
        n.put("study", loaded.study().name());
        n.put("config_hash", loaded.configHash());
        n.put("run_id", runId);
        n.put("started", started.toString());
        return write(n);
    }

    /**
     * What a run consists of beside the study.
     *
     * @param runId       id of the run that finished the study
     * @param master      the Spark master
     * @param sparkVersion Spark's version
     * @param started     start of the first run of the study (a resumed study keeps it)
     * @param resumedFrom start of this run when it resumed, or null
     * @param finished    when the tables were committed
     * @param tasks       tasks of the study
     * @param computed    tasks computed by this run (the rest came from an interrupted run)
     * @param partitions  Spark partitions this run used
     * @param statusCounts rows by status label
     * @param seconds     wall time of this run's phases (prepare, tasks, assemble), before the commit
     */
    public record Run(String runId, String master, String sparkVersion, Instant started, Instant resumedFrom,
            Instant finished, long tasks, long computed, int partitions, Map<String, Long> statusCounts,
            Map<String, Double> seconds) {
    }

    public static String manifest(LoadedStudy loaded, Run run) {
        ObjectNode n = JSON.createObjectNode();
        n.put("study", loaded.study().name());
        n.put("config_hash", loaded.configHash());
        n.put("study_seed", loaded.study().seed());
        // The resolved grid (a {min, max, count} block expands to these), so a task can be named exactly.
        var sizes = n.putArray("sample_sizes");
        for (int size : loaded.study().sampleSizes()) {
            sizes.add(size);
        }
        n.put("replicates", loaded.study().replicates());
        var settings = n.putArray("settings");
        loaded.study().settings().forEach(s -> settings.add(s.name()));
        n.put("source", loaded.source());
        n.put("run_id", run.runId());
        n.put("git_commit", gitCommit());
        n.set("versions", versions(run.sparkVersion()));
        n.put("random_generator", Seeds.GENERATOR);
        n.put("host", Host.name());
        n.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        n.put("cpus", Runtime.getRuntime().availableProcessors());
        n.put("master", run.master());
        n.put("started", run.started().toString());
        if (run.resumedFrom() != null) {
            n.put("resumed", run.resumedFrom().toString());
        }
        n.put("finished", run.finished().toString());
        n.put("tasks", run.tasks());
        n.put("tasks_computed_by_last_run", run.computed());
        n.put("partitions", run.partitions());
        ObjectNode counts = n.putObject("status_counts");
        run.statusCounts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        ObjectNode seconds = n.putObject("phase_seconds");
        run.seconds().forEach(seconds::put);
        JsonNode config;
        try {
            config = JSON.readTree(loaded.resolvedConfig());
        } catch (IOException e) {
            config = JSON.getNodeFactory().textNode(loaded.resolvedConfig());
        }
        n.set("resolved_config", config);
        return write(n);
    }

    /**
     * The versions a result depends on: dgmoe, Spark, Java, and the Commons libraries whose algorithms the
     * draws (generator, samplers) and the special functions come from (a result reproduces bit for bit with
     * the same versions, docs/architecture.md).
     */
    public static ObjectNode versions(String sparkVersion) {
        ObjectNode versions = JSON.createObjectNode();
        versions.put("dgmoe", Version.dgmoe());
        versions.put("spark", sparkVersion);
        versions.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        versions.put("commons_rng", Version.of(Seeds.generatorClass(), "org.apache.commons", "commons-rng-core"));
        versions.put("commons_rng_sampling", Version.of(ZigguratSampler.class, "org.apache.commons",
                "commons-rng-sampling"));
        versions.put("commons_math", Version.of(Gamma.class, "org.apache.commons", "commons-math3"));
        return versions;
    }

    /** The instant in a run record or manifest field, or null. */
    public static Instant instant(String json, String field) {
        try {
            JsonNode v = JSON.readTree(json).get(field);
            return v == null ? null : Instant.parse(v.asText());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String write(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /**
     * The git commit of the code: {@code DGMOE_GIT_COMMIT} (set by bin/dgmoe from its own checkout,
     * with a "-dirty" suffix for local changes), else {@code git rev-parse HEAD} in the working
     * directory, else "unknown".
     */
    public static String gitCommit() {
        String fromLauncher = System.getenv("DGMOE_GIT_COMMIT");
        if (fromLauncher != null && fromLauncher.matches("[0-9a-f]{40}(-dirty)?")) {
            return fromLauncher;
        }
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && outText.matches("[0-9a-f]{40}")) {
                return outText;
            }
            p.destroy();
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
