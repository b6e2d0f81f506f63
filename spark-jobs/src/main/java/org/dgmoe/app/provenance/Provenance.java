package org.dgmoe.app.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.dgmoe.app.base.Host;
import org.dgmoe.app.base.Version;
import org.dgmoe.app.config.DataSetting;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.core.random.Seeds;

/**
 * What produced an output, written as the object {@code "provenance"} of every JSON output (the sweep's
 * {@code manifest.json}, {@code fit.json}, {@code test.json}) with one spelling, snake_case as the tables'
 * columns ({@code config_hash}, {@code git_commit} in {@code history/}). A result reproduces bit for bit
 * from the same config (its hash), seed, code (commit) and library versions (docs/architecture.md); host,
 * OS and CPU say where it ran, as Tribuo's {@code ModelProvenance} records them.
 *
 * <p>What an output is about (a fit's setting, n, init and seed; a test's data and key; a sweep's grid,
 * run id and timings) is not provenance: each output keeps it beside this object.
 *
 * @param source          the study file the config was read from
 * @param configHash      SHA-256 of the resolved config (docs/config.md, "Provenance")
 * @param studySeed       the study's seed, from which every task's seeds derive
 * @param gitCommit       the commit of the code ({@link #headCommit()}), or "unknown"
 * @param versions        library → version of everything a number depends on ({@link #libraryVersions()}), in
 *                        insertion order
 * @param randomGenerator the generator every stream uses ({@link Seeds#GENERATOR})
 * @param host            the machine of the driver
 * @param os              its operating system: name, version, architecture
 * @param cpu             its CPU model, or "unknown"
 * @param cpus            the processors available to its JVM; −1 when unknown (read from an older output)
 * @param created         when the output was written; null when unknown (read from an older output)
 */
public record Provenance(String source, String configHash, long studySeed, String gitCommit,
        Map<String, String> versions, String randomGenerator, String host, String os, String cpu, int cpus,
        Instant created) {
    /** The key of the provenance object in every JSON output. */
    public static final String KEY = "provenance";
    static final String UNKNOWN = "unknown";

    public Provenance {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(configHash, "configHash");
        Objects.requireNonNull(gitCommit, "gitCommit");
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(versions, "versions")));
        Objects.requireNonNull(randomGenerator, "randomGenerator");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(cpu, "cpu");
        if (cpus < 1 && cpus != -1) {
            throw new IllegalArgumentException("cpus: must be >= 1 or -1 (unknown), got " + cpus);
        }
    }

    /** The provenance of an output of a study (a sweep's manifest, loss.json) written at {@code created}, here. */
    public static Provenance current(LoadedStudy loaded, Instant created) {
        return current(loaded.source(), loaded.configHash(), loaded.study().seed(), created);
    }

    /** The provenance of an output of one setting fitted to data (fit.json, test.json) written at {@code created}, here. */
    public static Provenance current(DataSetting setting, Instant created) {
        return current(setting.source(), setting.configHash(), setting.seed(), created);
    }

    /** The provenance of an output of the config {@code source} (hash {@code configHash}) written at {@code created}, here. */
    public static Provenance current(String source, String configHash, long studySeed, Instant created) {
        return new Provenance(source, configHash, studySeed, headCommit(), libraryVersions(), Seeds.GENERATOR, Host.name(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors(), Objects.requireNonNull(created, "created"));
    }

    /** The one writer: the object stored under {@link #KEY}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("source", source);
        n.put("config_hash", configHash);
        n.put("study_seed", studySeed);
        n.put("git_commit", gitCommit);
        ObjectNode v = n.putObject("versions");
        versions.forEach(v::put);
        n.put("random_generator", randomGenerator);
        n.put("host", host);
        n.put("os", os);
        n.put("cpu", cpu);
        n.put("cpus", cpus);
        if (created != null) {
            n.put("created", created.toString());
        }
        return n;
    }

    /**
     * The one reader: the provenance of a JSON output, from its {@link #KEY} object. An output written
     * before that object existed kept the same snake_case keys at its top level (a manifest: all of them;
     * the staging run record: {@code config_hash}); they are read from there. A key an older output lacks
     * reads as "unknown" (strings), 0 (the seed), −1 (cpus) or null (created: its {@code finished} when
     * it has one).
     */
    public static Provenance of(JsonNode document) {
        JsonNode p = document.path(KEY).isObject() ? document.get(KEY) : document;
        Map<String, String> versions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("versions").fields(); it.hasNext();) {
            var e = it.next();
            versions.put(e.getKey(), e.getValue().asText());
        }
        JsonNode cpus = p.get("cpus");
        Instant created = instant(p.get("created"));
        return new Provenance(text(p, "source"), text(p, "config_hash"), p.path("study_seed").asLong(0),
                text(p, "git_commit"), versions, text(p, "random_generator"), text(p, "host"), text(p, "os"),
                text(p, "cpu"), cpus != null && cpus.canConvertToInt() && cpus.asInt() >= 1 ? cpus.asInt() : -1,
                created != null ? created : instant(p.get("finished")));
    }

    private static String text(JsonNode p, String key) {
        JsonNode v = p.get(key);
        return v == null || v.isNull() ? UNKNOWN : v.asText();
    }

    private static Instant instant(JsonNode v) {
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The versions a result depends on: dgmoe, Spark, Java, and the Commons libraries whose algorithms the
     * draws (generator, samplers), the special functions and the tests' exact p-values come from (a result
     * reproduces bit for bit with the same versions, docs/architecture.md). Spark's is the one on the
     * classpath, which is what {@code SparkSession.version()} reports.
     */
    public static Map<String, String> libraryVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("dgmoe", Version.dgmoe());
        v.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        v.put("commons_rng", Version.of(Seeds.generatorClass(), "org.apache.commons", "commons-rng-core"));
        v.put("commons_rng_sampling", Version.of(ZigguratSampler.class, "org.apache.commons", "commons-rng-sampling"));
        v.put("commons_math", Version.of(Gamma.class, "org.apache.commons", "commons-math3"));
        v.put("commons_statistics", Version.of(KolmogorovSmirnovTest.class, "org.apache.commons",
                "commons-statistics-inference"));
        return v;
    }

    /**
     * The git commit of the code: {@code DGMOE_GIT_COMMIT} (set by bin/dgmoe from its own checkout,
     * with a "-dirty" suffix for local changes), else {@code git rev-parse HEAD} in the working
     * directory, else "unknown".
     */
    public static String headCommit() {
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
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return UNKNOWN;
    }

    /** The CPU model: Linux's {@code /proc/cpuinfo} "model name", else Windows' PROCESSOR_IDENTIFIER, else "unknown". */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name") && line.indexOf(':') > 0) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        String windows = System.getenv("PROCESSOR_IDENTIFIER");
        return windows == null || windows.isBlank() ? UNKNOWN : windows.trim();
    }
}
