package org.dgmoe.app.sweep;

import java.io.Serializable;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.study.TaskRunner;

/**
 * The statistical work of one task, run on an executor. Production uses {@link #REAL}, the core
 * {@link TaskRunner}; tests inject cheap deterministic fakes. An implementation must be a pure
 * function of its arguments (timing aside): the sweep's determinism rests on it.
 */
@FunctionalInterface
public interface TaskFunction extends Serializable {

    TaskOutcome run(Study study, Setting setting, int n, int replicate);

    /** Simulate, fit and measure with the core {@link TaskRunner}. */
    TaskFunction REAL = (study, setting, n, replicate) -> new TaskRunner(study).run(setting, n, replicate);
}
