package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PValueTest {

    @Test
    void isOnePlusExceedancesOverBPlusOneWithTiesCounted() {
        double[] nulls = {0.0, 1.0, 2.5, 2.5, 3.0, 0.2, 7.0, 0.0, 1.1, 2.4};
        PValue p = PValue.of(2.5, nulls);
        assertEquals(4, p.exceedances()); // 2.5, 2.5, 3.0, 7.0
        assertEquals(10, p.bootstrap());
        assertEquals(5.0 / 11, p.value(), 0);
        assertEquals(Math.sqrt(5.0 / 11 * 6.0 / 11 / 10), p.standardError(), 1e-15);
        // T = 0 (λ = 0 won): every null statistic is ≥ 0, p = 1.
        assertEquals(1.0, PValue.of(0, nulls).value(), 0);
    }

    @Test
    void isNeverZero() {
        PValue p = PValue.of(1e9, new double[] {1, 2, 3});
        assertEquals(0, p.exceedances());
        assertEquals(0.25, p.value(), 0);
        assertTrue(p.value() > 0);
        assertEquals(0, p.lower(), 0);
    }

    @Test
    void rejectsAtAlphaWhenPIsAtMostAlpha() {
        // p = 1/20 = 0.05 exactly (0 of 19): rejected at 0.05 (p <= alpha, the rule of exact size), not at 0.01
        PValue p = PValue.ofExceedances(0, 19);
        assertEquals(0.05, p.value(), 0);
        assertTrue(p.rejects(0.05));
        assertFalse(p.rejects(0.01));
        assertFalse(PValue.ofExceedances(3, 19).rejects(0.1)); // p = 0.2
    }

    @Test
    void clopperPearsonMatchesScipy() {
        // gof_reference.py: scipy.stats.beta.ppf(0.025, X, B − X + 1), beta.ppf(0.975, X + 1, B − X).
        // 1e-9: both invert the regularized incomplete beta to near machine precision.
        cp(0, 19, 0.0, 0.17646691180696536);
        cp(3, 99, 0.006293347274172098, 0.08601126433737949);
        cp(50, 199, 0.19260374658281743, 0.31747866572672995);
        cp(999, 999, 0.9963142371342606, 1.0);
    }

    private static void cp(int x, int b, double lo, double hi) {
        PValue p = PValue.ofExceedances(x, b);
        assertEquals(lo, p.lower(), 1e-9 * Math.max(lo, 1e-300));
        assertEquals(hi, p.upper(), 1e-9);
        assertEquals((1.0 + x) / (b + 1.0), p.value(), 0);
    }

    @Test
    void refusesNanAndEmpty() {
        assertThrows(IllegalArgumentException.class, () -> PValue.of(Double.NaN, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> PValue.of(1, new double[] {}));
        assertThrows(IllegalArgumentException.class, () -> PValue.of(1, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> PValue.ofExceedances(5, 4));
    }
}
