package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dgmoe.app.Main;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.study.GofPlan;
import org.dgmoe.core.study.IntervalPlan;
import org.dgmoe.core.uncertainty.IntervalMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's {@code intervals} block: its defaults, a study without it unchanged (no interval columns, the same
 * config hash as the file without the block), and every mistake named by its key; above all {@code bootstrap}
 * among the methods is refused when the study is read (exit 2, nothing written), never silently ignored.
 */
class IntervalsConfigTest {
    static String study(String intervals, String gating) {
        return """
                dgmoe.study {
                  name = "t", seed = 1, replicates = 2, sample-sizes = [50]
                  %s
                  settings = [ {
                    name = "s"
                    covariates { distribution = uniform, dimension = 1 }
                    g0 { type = gaussian-linear, slope = [1.0], intercept = 0.0, variance = 1.0 }
                    %s
                    truth { lambda = 0.5, experts = [ { %s, slope = [1.0], intercept = 0.0, variance = 1.0 },
                                                      { %s, slope = [-1.0], intercept = 1.0, variance = 1.0 } ] }
                  } ]
                }
                """.formatted(intervals, gating, gating.isEmpty() ? "weight = 0.5" : "gate { slope = [1.0], intercept = 0.0 }",
                gating.isEmpty() ? "weight = 0.5" : "gate { slope = [0.0], intercept = 0.0 }");
    }

    static List<String> problems(String intervals) {
        InputException e = assertThrows(InputException.class,
                () -> StudyConfigLoader.load(study(intervals, ""), "test.conf", List.of()));
        return e.problems();
    }

    static final String AT = "dgmoe.study.intervals";

    @Test
    void theDefaultsAndAGivenBlock() {
        LoadedStudy without = StudyConfigLoader.load(study("", ""), "t", List.of());
        assertNull(without.study().intervals());
        assertEquals(new IntervalPlan(List.of(IntervalMethod.WALD), 0.95, 0),
                StudyConfigLoader.load(study("intervals {}", ""), "t", List.of()).study().intervals());
        LoadedStudy with = StudyConfigLoader.load(study("intervals { methods = [wald], level = 0.9 }", ""), "t",
                List.of());
        assertEquals(new IntervalPlan(List.of(IntervalMethod.WALD), 0.9, 0), with.study().intervals());
        // The block is part of the study, so of its hash; a study without it keeps the hash and the fits/ schema
        // it always had (no interval column).
        assertFalse(with.configHash().equals(without.configHash()));
        assertEquals(without.configHash(), StudyConfigLoader.load(study("", "").replace("\n  \n", "\n"), "t",
                List.of()).configHash());
        assertFalse(Arrays.stream(new FitsTable(without.study()).schema().fieldNames()).anyMatch(c -> c.startsWith("wald_")));
        assertEquals(List.of("wald_lower", "wald_upper", "wald_notes"), Arrays.stream(new FitsTable(with.study())
                .schema().fieldNames()).filter(c -> c.startsWith("wald_")).toList());
    }

    @Test
    void theBootstrapMethodsReadWithTheirRefitsAndGetTheirColumns() {
        LoadedStudy both = StudyConfigLoader.load(study("intervals { methods = [wald, bootstrap-percentile, "
                + "bootstrap-basic], bootstrap = 199 }", ""), "t", List.of());
        assertEquals(new IntervalPlan(List.of(IntervalMethod.WALD, IntervalMethod.BOOTSTRAP_PERCENTILE,
                IntervalMethod.BOOTSTRAP_BASIC), 0.95, 199), both.study().intervals());
        assertEquals(List.of("wald_lower", "wald_upper", "wald_notes", "bootstrap_percentile_lower",
                "bootstrap_percentile_upper", "bootstrap_percentile_notes", "bootstrap_basic_lower",
                "bootstrap_basic_upper", "bootstrap_basic_notes"), Arrays.stream(new FitsTable(both.study()).schema()
                .fieldNames()).filter(c -> c.startsWith("wald_") || c.startsWith("bootstrap_")).toList());
        assertEquals(new IntervalPlan(List.of(IntervalMethod.BOOTSTRAP_BASIC), 0.9, 20), StudyConfigLoader.load(
                study("intervals { methods = [bootstrap-basic], level = 0.9, bootstrap = 20 }", ""), "t", List.of())
                .study().intervals());
    }

    @Test
    void everyOtherMistakeNamesItsKey() {
        String allowed = "one of wald, bootstrap-percentile, bootstrap-basic";
        assertEquals(List.of(AT + ".methods[0]: must be " + allowed + ", got 'wals'"),
                problems("intervals { methods = [wals] }"));
        // the shorthand is not a method: the two bootstrap intervals are named apart
        assertEquals(List.of(AT + ".methods[1]: must be " + allowed + ", got 'bootstrap'"),
                problems("intervals { methods = [wald, bootstrap], bootstrap = 199 }"));
        assertEquals(List.of(AT + ".methods: must name at least one method (" + allowed + "), got []"),
                problems("intervals { methods = [] }"));
        assertEquals(List.of(AT + ".methods: must not name a method twice, got [wald, wald]"),
                problems("intervals { methods = [wald, wald] }"));
        assertEquals(List.of(AT + ".level: must be in (0, 1), got 1.5"), problems("intervals { level = 1.5 }"));
        assertEquals(List.of(AT + ".bootstrap: is the refits of the bootstrap methods, which methods [wald] does not "
                + "name: remove it"), problems("intervals { bootstrap = 199 }"));
        assertEquals(List.of(AT + ".bootstrap: must give B, the refits per fit, with methods [wald, "
                + "bootstrap-percentile] (e.g. bootstrap = 200; every fit of the study runs B refits)"),
                problems("intervals { methods = [wald, bootstrap-percentile] }"));
        assertEquals(List.of(AT + ".bootstrap: must be an integer in [1, " + GofPlan.MAX_BOOTSTRAP + "], got 0"),
                problems("intervals { methods = [bootstrap-basic], bootstrap = 0 }"));
        List<String> typo = problems("intervals { method = [wald] }");
        assertEquals(1, typo.size());
        assertTrue(typo.get(0).startsWith(AT + ".method: unknown key; did you mean 'methods'?"), typo.get(0));
        InputException gated = assertThrows(InputException.class, () -> StudyConfigLoader.load(
                study("intervals {}", "gating { type = softmax }"), "test.conf", List.of()));
        assertEquals(List.of(AT + ": standard errors exist for settings of constant gating only "
                + "(docs/uncertainty.md), but setting 's' is gated by x: remove the intervals block or the setting"),
                gated.problems());
    }

    @Test
    void theSweepExitsTwoOnBootstrapWithoutRefitsAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("bad.conf");
        Files.writeString(config, study("intervals { methods = [bootstrap-percentile] }", ""));
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(new String[] {"sweep", config.toString(), "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(AT + ".bootstrap: must give B, the refits per fit"), message);
        assertFalse(Files.exists(out), "nothing written");
    }
}
