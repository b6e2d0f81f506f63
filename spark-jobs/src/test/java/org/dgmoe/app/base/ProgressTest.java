package org.dgmoe.app.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the progress line is printed, on a clock the test moves (no timing): throttled to one plain line
 * per {@link Progress#PLAIN_INTERVAL_MILLIS} however fast the work goes, redrawn in place on a terminal.
 */
class ProgressTest {
    /** 199 refits, one every 100 ms of the test's clock, polled every 100 ms: 19.9 s of work. */
    private static List<String> run(boolean tty) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {1_000_000};
        long[] done = {0};
        try (Progress p = Progress.manual(new PrintStream(bytes, true, StandardCharsets.UTF_8), tty,
                elapsed -> "test: " + Progress.counted(done[0], 199, "null refits", elapsed), () -> now[0])) {
            for (int b = 0; b < 199; b++) {
                now[0] += 100;
                done[0]++;
                p.tick();
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        return tty ? List.of(text.split("\r", -1)) : text.lines().toList();
    }

    @Test
    void plainLinesComeAtMostEveryFiveSecondsAndTheLastSaysAllIsDone() {
        List<String> lines = run(false);
        // 19.9 s of work: lines at 5, 10 and 15 s, then the final one from close(), not 199
        assertEquals(List.of("test: 50/199 null refits done, 0:05 elapsed, ETA 0:15",
                "test: 100/199 null refits done, 0:10 elapsed, ETA 0:10",
                "test: 150/199 null refits done, 0:15 elapsed, ETA 0:05",
                "test: 199/199 null refits done, 0:20 elapsed, ETA 0:00"), lines);
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlace() {
        List<String> frames = run(true);
        // "" before the first \r, one frame per poll, and the final frame ends the line
        assertEquals(1 + 199 + 1, frames.size());
        assertEquals("test: 199/199 null refits done, 0:20 elapsed, ETA 0:00\n", frames.get(frames.size() - 1));
        assertTrue(frames.get(1).startsWith("test: 1/199 null refits done"), frames.get(1));
    }

    @Test
    void theCountNeverPassesTheTotal() {
        assertEquals("3/3 tests done, 0:00 elapsed, ETA 0:00", Progress.counted(5, 3, "tests", 0.2));
        assertEquals("0/3 tests done, 0:00 elapsed, ETA ?", Progress.counted(0, 3, "tests", 0.2));
        assertEquals("1:01:01", Progress.clock(3661));
    }
}
