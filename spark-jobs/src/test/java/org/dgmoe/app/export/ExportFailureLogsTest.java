package org.dgmoe.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.sweep.SparkLogs;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.app.sweep.TestSweeps;
import org.dgmoe.app.table.FitsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corrupt part file given to {@code dgmoe export} gives dgmoe's one line naming the folder and the
 * table, and Spark logs no task failure, lost task or stack trace before it (issue 28).
 */
class ExportFailureLogsTest {
    @TempDir
    Path tmp;

    @Test
    void aCorruptFitsPartFileIsOneLineWithoutSparkTraces() throws Exception {
        Path sweep = TestSweeps.copy(TestSweeps.smallGofSweep(), tmp.resolve("sweep"));
        try (Stream<Path> s = Files.list(sweep.resolve(FitsTable.FOLDER))) {
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
        Path out = tmp.resolve("csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] status = new int[1];
        List<SparkLogs.Event> logged = SparkLogs.during(() -> {
            try {
                status[0] = new ExportCommand(SparkTestSession::get, false).run(List.of("--in", sweep.toString(),
                        "--out", out.toString()), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
            } catch (InputException e) {
                status[0] = 2;
                err.writeBytes(("dgmoe: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status[0], text);
        assertTrue(text.startsWith("dgmoe: --in " + sweep + ": cannot read fits/ as Parquet: "), text);
        assertEquals(1, text.lines().count(), text);
        assertEquals(List.of(), logged, "Spark's logs of the failed read");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("sweep"), s.map(p -> p.getFileName().toString()).toList(), "nothing written");
        }
    }
}
