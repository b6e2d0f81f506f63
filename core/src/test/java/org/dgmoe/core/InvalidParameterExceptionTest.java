package org.dgmoe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.em.ParameterBounds;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.study.StartCheck;
import org.junit.jupiter.api.Test;

/**
 * The records a study file is read into refuse a value by naming its parameter, relative to the
 * record, and the message is {@code <parameter>: <problem>} as before the type existed.
 */
class InvalidParameterExceptionTest {

    private static void refuses(String parameter, String message, Supplier<?> build) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, build::get);
        assertEquals(parameter, e.parameter());
        assertEquals(message, e.getMessage());
        assertEquals(parameter + ": " + e.problem(), e.getMessage());
    }

    @Test
    void recordsNameTheRefusedParameter() {
        refuses("variance", "variance: must be > 0 and finite, got 0.0", () -> new Expert(new double[] {1}, 0, 0));
        refuses("slope[1]", "slope[1]: must be finite, got NaN",
                () -> new StudentTG0(new double[] {1, Double.NaN}, 0, 1, 3));
        refuses("bounds.weight", "bounds.weight: must be in [0, 1), got 1.0", () -> new ParameterBounds(0, 1));
        refuses("fraction", "fraction: must be in [0, 1], got 2.0", () -> new StartCheck(2, 1));
        refuses("variance-exponent", "variance-exponent: must be finite, got Infinity",
                () -> new NearTruthStart(0.005, -0.083, 0.0005, Double.POSITIVE_INFINITY));
        refuses("confidence", "confidence: must be in (0, 1), got 1.0",
                () -> new RateSettings(RateSettings.DEFAULTS.bootstrapResamples(), 1.0, 0, 1L, false));
        refuses("bootstrap", "bootstrap: must be 0 (the default) or an integer in [1, 10000000], got -1",
                () -> new org.dgmoe.core.study.GofPlan(-1, new double[] {0.05}));
    }
}
