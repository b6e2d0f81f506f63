package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.util.LongAccumulator;
import org.dgmoe.app.base.Progress;
import org.junit.jupiter.api.Test;

/** The fit tasks' progress line ({@link Sweep#taskLine}); when it is printed is {@code base.ProgressTest}'s. */
class ProgressTest {
    @Test
    void theLineCountsTasksFailuresAndCappedFits() {
        var sc = SparkTestSession.get().sparkContext();
        LongAccumulator done = sc.longAccumulator();
        LongAccumulator failed = sc.longAccumulator();
        LongAccumulator capped = sc.longAccumulator();
        Progress.Line line = Sweep.taskLine(10, 2, done, failed, capped);
        assertEquals("sweep: 2/10 tasks done (2 resumed), 0 failed, 0 capped, 0:00 elapsed, ETA ?", line.at(0));
        done.add(4);
        failed.add(1);
        capped.add(2);
        // 4 tasks of this run in 8 s: the 4 left take 8 s more
        assertEquals("sweep: 6/10 tasks done (2 resumed), 1 failed, 2 capped, 0:08 elapsed, ETA 0:08", line.at(8));
        done.add(10); // a rerun task counted twice must not push the count past the total
        assertEquals("sweep: 10/10 tasks done (2 resumed), 1 failed, 2 capped, 1:05 elapsed, ETA 0:00",
                line.at(65));
    }
}
