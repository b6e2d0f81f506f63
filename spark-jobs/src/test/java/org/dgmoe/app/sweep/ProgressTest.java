package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void theLineCountsTasksFailuresAndCappedFits() {
        var sc = SparkTestSession.get().sparkContext();
        LongAccumulator done = sc.longAccumulator();
        LongAccumulator failed = sc.longAccumulator();
        LongAccumulator capped = sc.longAccumulator();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 10, 2, done,
                failed, capped)) {
            assertTrue(p.line().startsWith("sweep: 2/10 tasks done (2 resumed), 0 failed, 0 capped, 0:00 elapsed, ETA ?"),
                    p.line());
            done.add(4);
            failed.add(1);
            capped.add(2);
            String line = p.line();
            assertTrue(line.startsWith("sweep: 6/10 tasks done (2 resumed), 1 failed, 2 capped, "), line);
            assertTrue(line.matches(".*elapsed, ETA \\d+:\\d\\d"), line);
            done.add(10); // a rerun task counted twice must not push the count past the total
            assertTrue(p.line().startsWith("sweep: 10/10 tasks done (2 resumed)"), p.line());
        }
    }
}
