package org.dgmoe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dgmoe.app.Main;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.sweep.SparkLogs;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.app.sweep.TestSweeps;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.TestsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep that {@code dgmoe report} cannot read (a corrupt part file, a missing table) gives dgmoe's
 * one line naming the folder and the table, and Spark logs no task failure, lost task or stack trace
 * before it (issue 28: the line used to come after some 80 lines of Spark's traces).
 */
class ReportFailureLogsTest {
    @TempDir
    Path tmp;

    record Result(int status, String err, List<SparkLogs.Event> logged) {
    }

    /** Runs the command as {@link Main} would (bad input printed as {@code dgmoe: ...}, exit 2), capturing Spark's logs. */
    static Result report(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] status = new int[1];
        List<SparkLogs.Event> logged = SparkLogs.during(() -> {
            try {
                status[0] = new ReportCommand(SparkTestSession::get, false).run(List.of(args),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
            } catch (InputException e) {
                status[0] = 2;
                err.writeBytes(("dgmoe: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        return new Result(status[0], err.toString(StandardCharsets.UTF_8), logged);
    }

    /** Cuts every part file of {@code table} to half its length, as an interrupted copy leaves it (and drops Hadoop's checksums). */
    static void truncateParts(Path table) throws Exception {
        try (Stream<Path> s = Files.list(table)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".crc")) {
                    Files.delete(p);
                } else if (name.endsWith(".parquet")) {
                    byte[] bytes = Files.readAllBytes(p);
                    Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                }
            }
        }
    }

    @Test
    void aCorruptFitsPartFileIsOneLineWithoutSparkTraces() throws Exception {
        Path sweep = TestSweeps.copy(TestSweeps.smallGofSweep(), tmp.resolve("sweep"));
        truncateParts(sweep.resolve(FitsTable.FOLDER));
        Path page = tmp.resolve("page");
        Result r = report("--in", sweep.toString(), "--out", page.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("dgmoe: --in " + sweep + ": cannot read fits/ as Parquet: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(List.of(), r.logged(), "Spark's logs of the failed read");
        assertFalse(Files.exists(page));
    }

    @Test
    void aMissingTestsTableIsOneLineWithoutSparkTraces() throws Exception {
        Path sweep = TestSweeps.copy(TestSweeps.smallGofSweep(), tmp.resolve("sweep"));
        org.dgmoe.app.storage.LocalFolder.deleteTree(sweep.resolve(TestsTable.FOLDER));
        Path page = tmp.resolve("page");
        Result r = report("--in", sweep.toString(), "--out", page.toString());
        assertEquals(2, r.status(), r.err());
        // refused before any read since FinishedSweep.gofTables; a read of it would be as quiet as fits/ above
        assertTrue(r.err().startsWith("dgmoe: --in " + sweep + ": lacks tests/"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(List.of(), r.logged(), "Spark's logs of the failed read");
        assertFalse(Files.exists(page));
    }
}
