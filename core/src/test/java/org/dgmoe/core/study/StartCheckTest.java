package org.dgmoe.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.loss.LossSettings;
import org.junit.jupiter.api.Test;

class StartCheckTest {

    private static Study study(StartCheck check) {
        Setting base = Overfit.setting(EmSettings.DEFAULTS);
        FitSpec f = base.fit();
        FitSpec spec = new FitSpec(f.experts(), f.lambdaFree(), f.fixedLambda(), f.init(), 1, f.em(),
                NearTruthStart.DEFAULTS, null, check);
        Setting s = new Setting(base.name(), base.covariates(), base.truth(), spec, base.theory());
        return new Study("check", 7L, 8, new int[] {400}, List.of(s), LossSettings.DEFAULTS);
    }

    @Test
    void checksTheChosenShareDeterministically() {
        Study all = study(new StartCheck(1.0, 2));
        TaskRunner runner = new TaskRunner(all);
        Setting s = all.settings().get(0);
        TaskOutcome a = runner.run(s, 400, 0);
        TaskOutcome b = runner.run(s, 400, 0);
        assertNotNull(a.startCheck());
        assertEquals(a.startCheck(), b.startCheck(), "deterministic from the task seed");
        StartComparison c = a.startCheck();
        assertEquals(c.randomLogLikelihood() - a.fit().logLikelihood(), c.deltaLogLikelihood(), 0.0);
        assertEquals(Math.abs(c.deltaLogLikelihood()) > StartCheck.DIFFERENT_MAXIMUM, c.differentMaximum());
        // The configured fit is unchanged by the check (the REFIT stream is separate from INIT).
        TaskOutcome off = new TaskRunner(study(StartCheck.OFF)).run(study(StartCheck.OFF).settings().get(0), 400, 0);
        assertNull(off.startCheck());
        assertEquals(off.fit().logLikelihood(), a.fit().logLikelihood(), 0.0);
        // A share of one half checks some replicates and not others.
        Study half = study(new StartCheck(0.5, 1));
        TaskRunner hr = new TaskRunner(half);
        int checked = 0;
        for (int r = 0; r < 8; r++) {
            checked += hr.run(half.settings().get(0), 400, r).startCheck() == null ? 0 : 1;
        }
        assertTrue(checked > 0 && checked < 8, "checked " + checked + " of 8");
        assertThrows(IllegalArgumentException.class, () -> new StartCheck(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new StartCheck(0.1, 0));
    }
}
