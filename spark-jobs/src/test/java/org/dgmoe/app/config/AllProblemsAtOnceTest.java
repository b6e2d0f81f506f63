package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.base.InputException;
import org.junit.jupiter.api.Test;

/**
 * A study file with several independent mistakes is reported in one pass, also those that only show
 * once another key of the same setting is read (the weights of a truth whose g0 has a misspelt key).
 */
class AllProblemsAtOnceTest {
    @Test
    void fiveIndependentMistakesGiveFiveMessages() throws Exception {
        Path file = Path.of(getClass().getResource("/studies/five-mistakes.conf").toURI());
        InputException e = assertThrows(InputException.class, () -> StudyConfigLoader.load(file, List.of()));
        assertEquals(List.of(
                "dgmoe.study.replicates: must be an integer in [1, 2147483647], got 0",
                "dgmoe.study.settings[0].g0.dof: missing; a number > 0 (`student-t`, and `location-scale` or `columns` with `family = student-t`: the degrees of freedom ν)",
                "dgmoe.study.settings[0].g0.dfo: unknown key; did you mean 'dof'? (allowed here: type, slope, intercept, scale, dof)",
                "dgmoe.study.settings[0].truth.experts: weights must sum to 1 (within 1.0E-9), got 0.9",
                "dgmoe.study.settings[0].fit.restarts: must be an integer in [1, 100000], got 0"), e.problems());
    }
}
