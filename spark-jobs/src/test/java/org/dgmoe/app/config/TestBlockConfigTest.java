package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.Main;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.study.GofPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code test} block of a setting: its defaults, and every mistake named by its key (exit 2). */
class TestBlockConfigTest {
    static String study(String test, String g0) {
        return """
                dgmoe.study {
                  name = "t", seed = 1, replicates = 20, sample-sizes = [50]
                  settings = [ {
                    name = "s"
                    covariates { distribution = uniform, dimension = 1 }
                    g0 %s
                    truth { lambda = %s, experts = [ { weight = 1.0, slope = [1.0], intercept = 0.0, variance = 1.0 } ] }
                    %s
                  } ]
                }
                """.formatted(g0, g0.contains("none") ? "1.0" : "0.0", test);
    }

    static final String G0 = "{ type = gaussian-linear, slope = [1.0], intercept = 0.0, variance = 1.0 }";

    static List<String> problems(String test, String g0) {
        InputException e = assertThrows(InputException.class,
                () -> StudyConfigLoader.load(study(test, g0), "test.conf", List.of()));
        return e.problems();
    }

    @Test
    void theDefaultsAndAGivenBlock() {
        assertNull(StudyConfigLoader.load(study("", G0), "t", List.of()).study().setting("s").test());
        GofPlan t = StudyConfigLoader.load(study("test {}", G0), "t", List.of()).study().setting("s").test();
        assertEquals(new GofPlan(0, new double[] {0.01, 0.05, 0.1}), t);
        assertEquals(9999, t.bootstrap(20));
        GofPlan given = StudyConfigLoader.load(study("test { bootstrap = 199, alpha = [0.05] }", G0), "t", List.of())
                .study().setting("s").test();
        assertEquals(199, given.bootstrap(20));
    }

    @Test
    void everyMistakeNamesItsKey() {
        String at = "dgmoe.study.settings[0].test";
        assertEquals(List.of(at + ".bootstrap: must be an integer in [1, 10000000], got 0"),
                problems("test { bootstrap = 0 }", G0));
        assertEquals(List.of(at + ".bootstrap: must be >= 99 for alpha = 0.01 (the smallest p-value is 1/(B + 1), "
                + "so with fewer null refits the test can never reject at that level), got 50"),
                problems("test { bootstrap = 50 }", G0));
        assertEquals(List.of(at + ".alpha: must be non-empty, strictly increasing, got 0.05 after 0.1"),
                problems("test { alpha = [0.1, 0.05] }", G0));
        assertEquals(List.of(at + ".alpha[1]: must be in (0, 1), got 1"), problems("test { alpha = [0.1, 1.0] }", G0));
        List<String> typo = problems("test { bootstrapp = 999 }", G0);
        assertEquals(1, typo.size());
        assertTrue(typo.get(0).startsWith(at + ".bootstrapp: unknown key; did you mean 'bootstrap'?"), typo.get(0));
        List<String> none = problems("test {}", "{ type = none }");
        assertEquals(1, none.size(), none.toString());
        assertTrue(none.get(0).startsWith(at + ": needs a known g0"), none.get(0));
    }

    @Test
    void theSweepExitsTwoOnABadTestBlockAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("bad.conf");
        Files.writeString(config, study("test { bootstrap = 5, alpha = [0.05] }", G0));
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(new String[] {"sweep", config.toString(), "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("dgmoe.study.settings[0].test.bootstrap: must be >= 19"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(!Files.exists(out), "nothing written");
    }

    /**
     * The smallest n is checked against the test when the study is read: a test block with sample-sizes = [1, 2]
     * used to pass, fit every task and then fail in the goodness-of-fit stage (again on --resume).
     */
    @Test
    void aSampleSizeTooSmallForTheTestIsRefusedWhenTheStudyIsRead(@TempDir Path tmp) throws Exception {
        String tooSmall = study("test { bootstrap = 99 }", G0).replace("sample-sizes = [50]", "sample-sizes = [1, 2]");
        InputException e = assertThrows(InputException.class,
                () -> StudyConfigLoader.load(tooSmall, "test.conf", List.of()));
        assertEquals(List.of("dgmoe.study.sample-sizes[0]: must be >= " + GofPlan.MINIMUM_SAMPLE_SIZE + " because "
                + "setting 's' has a test block (the goodness-of-fit test needs at least 2 data points), got 1"),
                e.problems());
        // Without a test block one data point is a valid (if tiny) sample size; with it, two are enough.
        StudyConfigLoader.load(study("", G0).replace("sample-sizes = [50]", "sample-sizes = [1, 2]"), "t", List.of());
        StudyConfigLoader.load(study("test {}", G0).replace("sample-sizes = [50]", "sample-sizes = [2, 3]"), "t",
                List.of());

        Path config = tmp.resolve("tiny.conf");
        Files.writeString(config, tooSmall);
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(new String[] {"sweep", config.toString(), "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("dgmoe sweep: dgmoe.study.sample-sizes[0]: must be >= 2 because setting 's' has a test block (the "
                + "goodness-of-fit test needs at least 2 data points), got 1\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(!Files.exists(out), "nothing written");
    }
}
