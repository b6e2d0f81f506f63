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

    /**
     * Simulate, fit and measure with the core {@link TaskRunner}, one runner per study for all the
     * tasks of a Spark task (a partition), so its loss calculator draws the Hellinger points once.
     */
    TaskFunction REAL = new RealTasks();
}
