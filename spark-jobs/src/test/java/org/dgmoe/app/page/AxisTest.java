package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures' ticks (issue 24): round values, on log axes 1, 2 and 5 times the powers of ten. */
class AxisTest {
    private static List<String> labels(Axis a, double lo, double hi) {
        return a.ticks(lo, hi).stream().map(Axis.Tick::label).toList();
    }

    @Test
    void aLogAxisHasTicksAtOneTwoAndFiveTimesThePowersOfTen() {
        // the quickstart's n axis: 200 to 10 000 with the loss figure's margin of ×1.15
        assertArrayEquals(new double[] {200, 500, 1000, 2000, 5000, 10000}, Axis.logTicks(200 / 1.15, 10000 * 1.15),
                0);
        assertEquals(List.of("200", "500", "1000", "2000", "5000", "10000"), labels(Axis.log("n"), 174, 11500));
        // losses: 0.001 to 0.3; each label with the decimals its own power of ten needs, printed exactly
        assertEquals(List.of("0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2"),
                labels(Axis.log("loss"), 0.0009, 0.3));
        // below 1e-4 Format.tick writes the exponent
        assertEquals(List.of("1.00e-05", "2.00e-05", "5.00e-05", "1.00e-04"), labels(Axis.log("loss"), 9e-6, 1.2e-4));
    }

    @Test
    void aWideLogAxisHasDecadesAndANarrowOneMoreMantissas() {
        // 1e-6 to 1: 19 ticks of 1-2-5 are too many (> 10), so the 7 decades
        assertArrayEquals(new double[] {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1}, Axis.logTicks(1e-6, 1), 1e-20);
        // 1e-20 to 1: 21 decades, every 3rd (ceil(21 / 10))
        assertEquals(7, Axis.logTicks(1e-20, 1).length);
        // 300 to 450: no 1-2-5 tick inside, 1..9 × 10^k gives 300 and 400
        assertArrayEquals(new double[] {300, 400}, Axis.logTicks(300, 450), 0);
        // 310 to 390: not even that: the linear axis's round ticks
        assertEquals(List.of("320", "340", "360", "380"), labels(Axis.log("n"), 310, 390));
    }

    @Test
    void timeAndCategoryTicks() {
        // 2026-12-01 00:00 to 06:00 UTC with 10 minutes each side: 6 h 20 min / 5 = 76 min, the next round step is
        // 2 hours, on even hours of UTC
        double t0 = 1796083200; // 2026-12-01T00:00:00Z (date -u -d @1796083200)
        List<String> ticks = labels(Axis.time("run (UTC)"), t0 - 600, t0 + 6 * 3600 + 600);
        assertEquals(List.of("2026-12-01 00:00", "2026-12-01 02:00", "2026-12-01 04:00", "2026-12-01 06:00"), ticks);
        // over 20 days: 4 days / tick → 7 days, labelled by date alone
        assertEquals(List.of("2026-12-03", "2026-12-10", "2026-12-17"),
                labels(Axis.time("run (UTC)"), t0, t0 + 20 * 86400));
        assertEquals(List.of("0.1", "0.5"), labels(Axis.categories("lambda", List.of("0.1", "0.5")), -0.5, 1.5));
    }
}
