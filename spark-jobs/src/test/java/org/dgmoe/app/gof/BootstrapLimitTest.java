package org.dgmoe.app.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dgmoe.core.study.GofPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgmoe test --bootstrap} and a study's {@code test.bootstrap} share one limit, {@link GofPlan#MAX_BOOTSTRAP}
 * (issue 28: the command allowed 10⁶, a study 10⁷). No Spark work starts: the runs below stop at bad input.
 */
class BootstrapLimitTest {
    @TempDir
    Path dir;

    @Test
    void theCommandAllowsTheStudyLimitAndRefusesOneMoreNamingTheFlag() throws Exception {
        Path missingConfig = dir.resolve("no-such-study.conf");
        Path out = dir.resolve("test.json");
        TestCommandTest.Result atLimit = TestCommandTest.test("--config", missingConfig.toString(), "--setting", "line",
                "--data", dir.resolve("data.csv").toString(), "--bootstrap", String.valueOf(GofPlan.MAX_BOOTSTRAP),
                "--out", out.toString());
        assertEquals(2, atLimit.status(), atLimit.err());
        assertFalse(atLimit.err().contains("--bootstrap"), "B = GofPlan.MAX_BOOTSTRAP is allowed: " + atLimit.err());
        assertTrue(atLimit.err().contains(missingConfig.toString()), atLimit.err());

        TestCommandTest.Result above = TestCommandTest.test("--config", missingConfig.toString(), "--setting", "line",
                "--data", dir.resolve("data.csv").toString(), "--bootstrap", String.valueOf(GofPlan.MAX_BOOTSTRAP + 1),
                "--out", out.toString());
        assertEquals(2, above.status(), above.err());
        assertEquals("test: --bootstrap must be an integer in [1, 10000000], got 10000001", above.err());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "nothing written");
        }
    }
}
