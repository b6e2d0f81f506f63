package org.dgmoe.app.sweep;

import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.study.TaskOutcome;
import org.dgmoe.core.study.TaskRunner;

/** {@link TaskFunction#REAL}: the runner is rebuilt after deserialisation and when the study changes. */
final class RealTasks implements TaskFunction {
    private static final long serialVersionUID = 1L;
    private transient volatile TaskRunner runner;

    @Override
    public TaskOutcome run(Study study, Setting setting, int n, int replicate) {
        TaskRunner r = runner;
        if (r == null || r.study() != study) {
            r = new TaskRunner(study);
            runner = r;
        }
        return r.run(setting, n, replicate);
    }
}
