package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.INTERVALS_BOOTSTRAP;
import static org.dgmoe.app.config.StudySchema.INTERVALS_LEVEL;
import static org.dgmoe.app.config.StudySchema.INTERVALS_METHODS;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.study.IntervalPlan;
import org.dgmoe.core.uncertainty.IntervalMethod;

/** Reads {@code dgmoe.study.intervals}: the intervals every fit of a coverage study gets ({@link IntervalPlan}). */
final class IntervalPlanReader {
    private IntervalPlanReader() {
    }

    /**
     * The block at {@code b}, or null when the study has none or the block is wrong (every problem reported,
     * naming its key).
     */
    static IntervalPlan read(Node b) {
        if (b == null) {
            return null;
        }
        Problems problems = b.problems();
        int before = problems.count();
        List<IntervalMethod> methods = methods(b);
        double level = b.number(INTERVALS_LEVEL);
        Long bootstrap = b.integer(INTERVALS_BOOTSTRAP);
        b.finish();
        if (problems.count() > before || methods == null) {
            return null;
        }
        try {
            return new IntervalPlan(methods, level, bootstrap == null ? 0 : bootstrap.intValue());
        } catch (IllegalArgumentException e) {
            problems.addRefusal(b.path(), e);
            return null;
        }
    }

    /** {@code methods}: a list of method names ({@code [wald]} when absent); null when wrong (reported). */
    private static List<IntervalMethod> methods(Node b) {
        String key = INTERVALS_METHODS.name();
        Object raw = b.raw(key);
        if (raw == null) {
            return List.of(IntervalMethod.WALD);
        }
        if (!(raw instanceof List<?> list)) {
            b.problems().add(b.path(key), "must be a list of methods, e.g. [wald] (" + INTERVALS_METHODS.allowed()
                    + "), got " + Node.describe(raw));
            return null;
        }
        List<IntervalMethod> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            String at = b.path(key) + "[" + i + "]";
            Object v = list.get(i);
            IntervalMethod method = null;
            for (IntervalMethod m : IntervalMethod.values()) {
                if (m.configName().equals(v)) {
                    method = m;
                }
            }
            if (method == null) {
                b.problems().add(at, "must be " + INTERVALS_METHODS.allowed() + ", got " + Node.describe(v));
                ok = false;
            } else {
                out.add(method);
            }
        }
        if (ok && list.isEmpty()) {
            b.problems().add(b.path(key), "must name at least one method (" + INTERVALS_METHODS.allowed()
                    + "), got []");
            ok = false;
        }
        return ok ? out : null;
    }
}
