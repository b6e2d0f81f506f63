package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.BOOTSTRAP;
import static org.dgmoe.app.config.StudySchema.CONFIDENCE;
import static org.dgmoe.app.config.StudySchema.INCLUDE_NON_CONVERGED;
import static org.dgmoe.app.config.StudySchema.RATE_SEED;
import static org.dgmoe.app.config.StudySchema.RATE_TOLERANCE;

import org.dgmoe.core.rate.RateSettings;

/** Reads {@code dgmoe.rates}: the bootstrap of the rate's interval and which fits count. */
final class RatesReader {
    private RatesReader() {
    }

    /** The rate settings at {@code r} (null: the defaults); the defaults when invalid (reported). */
    static RateSettings read(Node r) {
        RateSettings d = RateSettings.DEFAULTS;
        if (r == null) {
            return d;
        }
        Problems problems = r.problems();
        int before = problems.count();
        Long bootstrap = r.integer(BOOTSTRAP);
        double confidence = r.number(CONFIDENCE);
        double tolerance = r.number(RATE_TOLERANCE);
        Long seed = r.integer(RATE_SEED);
        Boolean includeAll = r.bool(INCLUDE_NON_CONVERGED);
        r.finish();
        if (problems.count() > before) {
            return d;
        }
        try {
            return new RateSettings(bootstrap.intValue(), confidence, tolerance, seed, includeAll);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(r.path(), e);
            return d;
        }
    }
}
