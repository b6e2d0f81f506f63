package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One stream for a sweep's progress (issue 28): the task progress line and the goodness-of-fit stage's
 * lines go to stderr, as docs/architecture.md says; stdout holds only the result line, so a script can
 * read it alone.
 */
class ProgressStreamTest {
    @Test
    void everyProgressLineGoesToStderrAndOnlyTheResultToStdout() {
        TestSweeps.Result run = TestSweeps.smallGofRun();
        assertEquals(0, run.status(), run.err());
        List<String> out = run.out().lines().toList();
        assertEquals(1, out.size(), run.out());
        assertTrue(out.get(0).startsWith("sweep: wrote "), run.out());
        List<String> err = run.err().lines().filter(l -> l.startsWith("sweep: ")).toList();
        assertTrue(err.stream().anyMatch(l -> l.startsWith("sweep: 2/2 tasks done")), run.err());
        assertTrue(err.stream().anyMatch(l -> l.startsWith("sweep: goodness of fit: ")), run.err());
        assertTrue(err.stream().anyMatch(l -> l.startsWith("sweep: goodness of fit done: ")), run.err());
        // the stage's two jobs have progress lines too (issue 24), each ending with all of its units done
        assertTrue(err.stream().anyMatch(l -> l.matches("sweep: goodness of fit: (\\d+)/\\1 null refits done, .*")),
                run.err());
        assertTrue(err.stream().anyMatch(l -> l.matches("sweep: goodness of fit: (\\d+)/\\1 tests done, .*")),
                run.err());
    }
}
