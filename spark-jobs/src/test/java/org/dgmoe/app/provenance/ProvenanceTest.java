package org.dgmoe.app.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.dgmoe.app.sweep.FakeTasks;
import org.dgmoe.core.random.Seeds;
import org.junit.jupiter.api.Test;

/** The manifest records what a bit-for-bit rerun needs: the generator and the numerical libraries' versions. */
class ProvenanceTest {
    @Test
    void theManifestNamesTheGeneratorAndTheLibraryVersions() throws Exception {
        var loaded = FakeTasks.loaded(FakeTasks.tinyStudy("tiny", Map.of()), "c".repeat(64));
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        Provenance.Run run = new Provenance.Run("r1", "local[2]", "4.2.0", t, null, t, 4, 4, 4,
                Map.of("converged", 4L), Map.of("tasks", 1.0));
        JsonNode m = new ObjectMapper().readTree(Provenance.manifest(loaded, run));
        assertEquals(Seeds.GENERATOR, m.get("random_generator").asText());
        JsonNode v = m.get("versions");
        // the root pom's commons-rng.version and commons-math3.version (surefire passes them), read from the jars
        assertEquals(System.getProperty("test.commons-rng.version"), v.get("commons_rng").asText(), v::toString);
        assertEquals(v.get("commons_rng").asText(), v.get("commons_rng_sampling").asText(), v::toString);
        assertEquals(System.getProperty("test.commons-math3.version"), v.get("commons_math").asText(),
                v::toString);
        assertTrue(v.get("java").asText().startsWith(System.getProperty("java.version")), v::toString);
        assertEquals("c".repeat(64), m.get("config_hash").asText());
        // the resolved grid, replicates and settings, so that any task can be named exactly
        int[] sizes = loaded.study().sampleSizes();
        assertEquals(sizes.length, m.get("sample_sizes").size());
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(sizes[i], m.get("sample_sizes").get(i).asInt());
        }
        assertEquals(loaded.study().replicates(), m.get("replicates").asInt());
        assertEquals(loaded.study().settings().size(), m.get("settings").size());
    }
}
