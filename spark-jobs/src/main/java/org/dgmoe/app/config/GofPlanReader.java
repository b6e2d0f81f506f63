package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.TEST_ALPHA;
import static org.dgmoe.app.config.StudySchema.TEST_BOOTSTRAP;

import org.dgmoe.core.model.G0;
import org.dgmoe.core.study.GofPlan;

/** Reads {@code settings[i].test}: the size and power study of a setting ({@link GofPlan}). */
final class GofPlanReader {
    private GofPlanReader() {
    }

    /**
     * The test block at {@code t} of a setting whose g0 is {@code g0} (null when g0 itself is invalid), or
     * null when the setting has no block or the block is wrong (every problem reported, naming its key).
     */
    static GofPlan read(Node t, G0 g0) {
        if (t == null) {
            return null;
        }
        Problems problems = t.problems();
        int before = problems.count();
        Long bootstrap = t.integer(TEST_BOOTSTRAP);
        double[] alphas = t.has(TEST_ALPHA.name()) ? t.numbers(TEST_ALPHA) : GofPlan.DEFAULT_ALPHAS;
        t.finish();
        if (g0 != null && g0.isNone()) {
            problems.add(t.path(), "needs a known g0 (H0 is \"the data come from g0\"), but g0.type = none; remove "
                    + "the test block or give a g0");
        }
        if (alphas != null) {
            for (int i = 1; i < alphas.length; i++) {
                if (!(alphas[i] > alphas[i - 1])) {
                    problems.add(t.path(TEST_ALPHA.name()), "must be " + TEST_ALPHA.constraint() + ", got "
                            + Node.format(alphas[i]) + " after " + Node.format(alphas[i - 1]));
                    break;
                }
            }
            if (alphas.length == 0) {
                problems.add(t.path(TEST_ALPHA.name()), "must hold at least one level in (0, 1), got []");
            }
        }
        if (problems.count() > before || alphas == null) {
            return null;
        }
        try {
            return new GofPlan(bootstrap == null ? 0 : bootstrap.intValue(), alphas);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(t.path(), e);
            return null;
        }
    }
}
