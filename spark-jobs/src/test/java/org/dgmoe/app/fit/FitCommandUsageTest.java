package org.dgmoe.app.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dgmoe.app.config.Parameters;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.field.Column;
import org.dgmoe.core.summary.FitDiagnostics;
import org.junit.jupiter.api.Test;

/** {@code dgmoe fit --help} lists every key of a fit file's outcome with its declared doc. */
class FitCommandUsageTest {
    @Test
    void theUsageListsEveryOutcomeKeyWithItsDoc() {
        String usage = new FitCommand().usage();
        for (Column<FitResult> c : FitDiagnostics.FIT_FILE) {
            assertTrue(usage.matches("(?s).*\\n  " + c.field().key() + " +" + java.util.regex.Pattern.quote(
                    c.field().doc()) + "\\n.*"), c.field().key() + " in\n" + usage);
        }
        assertTrue(usage.contains("\n  " + Parameters.FIT_NEAR_DEGENERACY + " "), usage);
        for (String key : java.util.List.of(Parameters.FIT_STANDARD_ERRORS, Parameters.FIT_INTERVALS,
                Parameters.FIT_RELIABILITY)) {
            assertTrue(usage.contains("\n  " + key + " "), key + " in\n" + usage);
        }
        for (var f : org.dgmoe.core.study.NearDegeneracy.PART.fields()) {
            assertTrue(usage.matches("(?s).*\\n    " + f.key() + " +" + java.util.regex.Pattern.quote(f.doc())
                    + "\\n.*"), f.key() + " in\n" + usage);
        }
    }
}
