package org.dgmoe.app.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.sweep.FakeTasks;
import org.dgmoe.core.random.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One provenance: the manifest records what a bit-for-bit rerun needs (the generator and the numerical
 * libraries' versions) in the one object every output writes, which reads back as written; a manifest
 * written before that object existed still reads (report, export, resume).
 */
class ProvenanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    /** A manifest as dgmoe wrote it before the provenance object: the same keys at the top level. */
    static final String OLD_MANIFEST = """
            {"study": "old", "config_hash": "%s", "study_seed": 7, "sample_sizes": [200, 400], "replicates": 2,
             "settings": ["a"], "source": "old.conf", "run_id": "r0",
             "git_commit": "0123456789abcdef0123456789abcdef01234567",
             "versions": {"dgmoe": "0.1.0", "spark": "4.2.0", "java": "17", "commons_rng": "1.6"},
             "random_generator": "XO_RO_SHI_RO_128_PP", "host": "h1", "os": "Linux 6.1 amd64", "cpus": 8,
             "master": "local[8]", "started": "2024-02-07T01:00:00Z", "finished": "2024-02-07T01:05:00Z",
             "tasks": 8, "tasks_computed_by_last_run": 8, "partitions": 4, "status_counts": {"converged": 8},
             "phase_seconds": {"tasks": 1.5}, "resolved_config": {}}
            """.formatted("d".repeat(64));

    @TempDir
    Path tmp;

    @Test
    void theManifestNamesTheGeneratorAndTheLibraryVersions() throws Exception {
        var loaded = FakeTasks.loaded(FakeTasks.tinyStudy("tiny", Map.of()), "c".repeat(64));
        Manifest.Run run = new Manifest.Run("r1", "local[2]", T, null, T, 4, 4, 4, Map.of("converged", 4L),
                Map.of("tasks", 1.0));
        Provenance provenance = Provenance.current(loaded.source(), loaded.configHash(), loaded.study().seed(), T);
        JsonNode m = JSON.readTree(Manifest.write(loaded, run, provenance));
        JsonNode p = m.get(Provenance.KEY);
        assertEquals(Seeds.GENERATOR, p.get("random_generator").asText());
        JsonNode v = p.get("versions");
        // the root pom's commons-rng.version and commons-math3.version (surefire passes them), read from the jars
        assertEquals(System.getProperty("test.commons-rng.version"), v.get("commons_rng").asText(), v::toString);
        assertEquals(v.get("commons_rng").asText(), v.get("commons_rng_sampling").asText(), v::toString);
        assertEquals(System.getProperty("test.commons-math3.version"), v.get("commons_math").asText(),
                v::toString);
        assertTrue(v.get("java").asText().startsWith(System.getProperty("java.version")), v::toString);
        assertEquals(org.apache.spark.package$.MODULE$.SPARK_VERSION(), v.get("spark").asText());
        assertFalse(v.get("commons_statistics").asText().equals(Provenance.UNKNOWN), v::toString);
        assertEquals("c".repeat(64), p.get("config_hash").asText());
        assertEquals(loaded.study().seed(), p.get("study_seed").asLong());
        assertEquals(T.toString(), p.get("created").asText());
        assertEquals(provenance, Provenance.of(m), "the manifest's provenance reads back as written");
        // the resolved grid, replicates and settings, so that any task can be named exactly
        int[] sizes = loaded.study().sampleSizes();
        assertEquals(sizes.length, m.get("sample_sizes").size());
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(sizes[i], m.get("sample_sizes").get(i).asInt());
        }
        assertEquals(loaded.study().replicates(), m.get("replicates").asInt());
        assertEquals(loaded.study().settings().size(), m.get("settings").size());
        for (String key : List.of("study", "run_id", "master", "started", "finished", "tasks", "status_counts",
                "phase_seconds", "resolved_config")) {
            assertTrue(m.has(key), key);
        }
        for (String moved : List.of("config_hash", "git_commit", "versions", "host", "os", "cpus")) {
            assertFalse(m.has(moved), moved + " is said once, in the provenance");
        }
    }

    @Test
    void theCurrentProvenanceSaysWhereItRanAndReadsBackAsWritten() throws Exception {
        Provenance p = Provenance.current("s.conf", "e".repeat(64), 42, T);
        assertEquals(Runtime.getRuntime().availableProcessors(), p.cpus());
        assertTrue(p.os().startsWith(System.getProperty("os.name")), p.os());
        assertEquals(Seeds.GENERATOR, p.randomGenerator());
        assertEquals(List.of("dgmoe", "spark", "java", "commons_rng", "commons_rng_sampling", "commons_math",
                "commons_statistics"), new ArrayList<>(p.versions().keySet()));
        JsonNode written = JSON.readTree(JSON.writeValueAsString(p.toJson()));
        assertEquals(List.of("source", "config_hash", "study_seed", "git_commit", "versions", "random_generator",
                "host", "os", "cpu", "cpus", "created"), fieldNames(written));
        assertEquals(p, Provenance.of(written));
        // under its key in an output, as in fit.json and test.json
        assertEquals(p, Provenance.of(JSON.createObjectNode().put("n", 3).set(Provenance.KEY, p.toJson())));
    }

    @Test
    void aManifestWrittenBeforeTheProvenanceObjectStillReads() throws Exception {
        Provenance p = Provenance.of(JSON.readTree(OLD_MANIFEST));
        assertEquals("d".repeat(64), p.configHash());
        assertEquals("old.conf", p.source());
        assertEquals(7, p.studySeed());
        assertEquals("0123456789abcdef0123456789abcdef01234567", p.gitCommit());
        assertEquals(Map.of("dgmoe", "0.1.0", "spark", "4.2.0", "java", "17", "commons_rng", "1.6"), p.versions());
        assertEquals("h1", p.host());
        assertEquals(8, p.cpus());
        assertEquals(Provenance.UNKNOWN, p.cpu(), "older manifests did not record the CPU model");
        assertEquals(Instant.parse("2024-02-07T01:05:00Z"), p.created(), "an older manifest's finished");
        // nothing at all (an older test.json's or fit.json's document): unknown, never an exception
        Provenance none = Provenance.of(JSON.createObjectNode());
        assertEquals(Provenance.UNKNOWN, none.configHash());
        assertEquals(-1, none.cpus());
        assertNull(none.created());
    }

    @Test
    void resumeFindsTheConfigHashOfAnOldAndANewManifest() throws Exception {
        var loaded = FakeTasks.loaded(FakeTasks.tinyStudy("tiny", Map.of()), "c".repeat(64));
        Path old = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(old.resolve(OutputDir.MANIFEST), OLD_MANIFEST);
        Files.writeString(old.resolve("_SUCCESS"), "");
        assertEquals("d".repeat(64), new OutputDir(old.toString(), new Configuration()).inspect().finishedHash());

        Path fresh = Files.createDirectories(tmp.resolve("new"));
        Manifest.Run run = new Manifest.Run("r1", "local[2]", T, null, T, 4, 4, 4, Map.of(), Map.of());
        Files.writeString(fresh.resolve(OutputDir.MANIFEST), Manifest.write(loaded, run,
                Provenance.current(loaded.source(), loaded.configHash(), 1, T)));
        Files.writeString(fresh.resolve("_SUCCESS"), "");
        Files.createDirectories(fresh.resolve(".staging"));
        Files.writeString(fresh.resolve(".staging").resolve(OutputDir.RUN), Manifest.runRecord(loaded, "r2", T));
        OutputDir.State state = new OutputDir(fresh.toString(), new Configuration()).inspect();
        assertEquals("c".repeat(64), state.finishedHash());
        assertEquals("c".repeat(64), state.stagingHash(), "the staging run record");
    }

    @Test
    void anOldRunRecordStillResumes() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old-staging").resolve(OutputDir.STAGING));
        Files.writeString(old.resolve(OutputDir.RUN), """
                {"study": "old", "config_hash": "%s", "run_id": "r0", "started": "2024-02-07T01:00:00Z"}
                """.formatted("f".repeat(64)));
        assertEquals("f".repeat(64), new OutputDir(old.getParent().toString(), new Configuration()).inspect()
                .stagingHash());
    }

    /** One writer: no other main source puts a provenance key into JSON (Page and tables name their own). */
    @Test
    void onlyProvenanceWritesProvenanceKeys() throws Exception {
        Pattern put = Pattern.compile("\\.(put|set)\\(\"(source|config_hash|configHash|study_seed|git_commit|gitCommit|"
                + "versions|random_generator|randomGenerator|cpus|created|version)\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                if (f.endsWith(Path.of("provenance", "Provenance.java"))) {
                    continue;
                }
                Matcher m = put.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(f.getFileName() + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void aProvenanceRefusesWhatCannotBe() {
        assertThrows(IllegalArgumentException.class, () -> new Provenance("s", "h", 1, "g", Map.of(), "r", "h", "o",
                "c", 0, T));
        assertThrows(NullPointerException.class, () -> new Provenance(null, "h", 1, "g", Map.of(), "r", "h", "o",
                "c", 1, T));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
