package org.dgmoe.app.sweep;

import java.io.Serializable;
import org.dgmoe.core.study.Study;

/**
 * How an executor obtains the study of a sweep. The study is Serializable like every core value that
 * crosses to an executor, but production does not ship it: {@link ConfigStudySource} ships the resolved
 * config text the manifest records and rebuilds the study from it once per executor JVM, checking the
 * config hash, so an executor cannot run another study than the manifest's. Tests may ship any
 * Serializable source; an implementation must give the same study on every call.
 */
@FunctionalInterface
public interface StudySource extends Serializable {

    Study study();
}
