package org.dgmoe.app.sweep;

import java.io.Serializable;
import org.dgmoe.core.study.Study;

/**
 * How an executor obtains the study. Core records are plain Java values, not {@link Serializable},
 * so the driver ships something that can rebuild the study instead (for production the resolved
 * config text, see {@link ConfigStudySource}); implementations cache the result per JVM.
 */
@FunctionalInterface
public interface StudySource extends Serializable {

    Study study();
}
