package org.dgmoe.app.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.dgmoe.app.config.LoadedStudy;

/**
 * A sweep's {@code manifest.json} and the small run record kept beside its staged tasks. The manifest
 * holds the study's grid, the run and, under {@link Provenance#KEY}, the {@link Provenance}; its other
 * keys are spelled as before that object existed, so what reads them (report, export, resume, scripts)
 * reads a manifest of either version.
 */
public final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {
    }

    /**
     * What a run consists of beside the study.
     *
     * @param runId       id of the run that finished the study
     * @param master      the Spark master
     * @param started     start of the first run of the study (a resumed study keeps it)
     * @param resumedFrom start of this run when it resumed, or null
     * @param finished    when the tables were committed
     * @param tasks       tasks of the study
     * @param computed    tasks computed by this run (the rest came from an interrupted run)
     * @param partitions  Spark partitions this run used
     * @param statusCounts rows by status label
     * @param seconds     wall time of this run's phases (prepare, tasks, assemble), before the commit
     */
    public record Run(String runId, String master, Instant started, Instant resumedFrom, Instant finished, long tasks,
            long computed, int partitions, Map<String, Long> statusCounts, Map<String, Double> seconds) {
    }

    /**
     * {@code .staging/run.json}: which study the staged tasks belong to (its config hash, read by
     * {@link Provenance#of}, decides whether a later run may resume them) and when the first run started.
     */
    public static String runRecord(LoadedStudy loaded, String runId, Instant started) {
        ObjectNode n = JSON.createObjectNode();
        n.put("study", loaded.study().name());
        n.put("run_id", runId);
        n.put("started", started.toString());
        n.set(Provenance.KEY, Provenance.current(loaded, started).toJson());
        return write(n);
    }

    /** The manifest of a finished study; {@code provenance} is {@link Provenance#current} at the commit. */
    public static String write(LoadedStudy loaded, Run run, Provenance provenance) {
        ObjectNode n = JSON.createObjectNode();
        n.put("study", loaded.study().name());
        // The resolved grid (a {min, max, count} block expands to these), so a task can be named exactly.
        var sizes = n.putArray("sample_sizes");
        for (int size : loaded.study().sampleSizes()) {
            sizes.add(size);
        }
        n.put("replicates", loaded.study().replicates());
        var settings = n.putArray("settings");
        loaded.study().settings().forEach(s -> settings.add(s.name()));
        if (PopulationJson.any(loaded.study())) {
            n.set("populations", PopulationJson.populations(loaded.study()));
        }
        n.set(Provenance.KEY, provenance.toJson());
        n.put("run_id", run.runId());
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
}
