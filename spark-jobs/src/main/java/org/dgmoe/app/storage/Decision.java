package org.dgmoe.app.storage;

import java.io.IOException;
import org.dgmoe.app.base.InputException;

/**
 * What a sweep may do with its output folder, decided before anything is written (step 1 of the
 * protocol in docs/architecture.md) and while the run holds the folder's {@link OutputLock}.
 *
 * @param mode what the run does
 * @param dir  the folder
 */
public record Decision(Mode mode, OutputDir dir) {

    /** What a run does with its directory. */
    public enum Mode {
        /** Start from no staged tasks (an old study or staging in DIR is replaced at commit). */
        FRESH,
        /** Keep the staged tasks of an interrupted run of the same study. */
        RESUME,
        /** DIR already holds this finished study (same config hash): a rerun has nothing to do. */
        NOTHING_TO_DO
    }

    /**
     * Decides what a run of the study with {@code configHash} may do with {@code dir}.
     *
     * @param resume    {@code --resume}: finish an interrupted run of the same study
     * @param overwrite {@code --overwrite}: replace what DIR holds once the new run has succeeded
     * @throws InputException when DIR must be left alone; the message names DIR and the hashes
     */
    public static Decision of(OutputDir dir, String configHash, boolean resume, boolean overwrite)
            throws IOException {
        OutputDir.State s = dir.inspect();
        String where = dir.display();
        if (s.foreign()) {
            throw new InputException(where + ": exists and is not a dgmoe sweep output (no " + OutputDir.MANIFEST
                    + " or " + OutputDir.STAGING + "/" + OutputDir.RUN + "); choose a new or empty --out");
        }
        if (overwrite) {
            return new Decision(Mode.FRESH, dir);
        }
        if (s.finishedHash() != null && !s.finishedHash().equals(configHash)) {
            throw new InputException(where + ": holds another finished study (config hash " + s.finishedHash()
                    + "; this config has hash " + configHash + "); choose another --out, or --overwrite to replace it");
        }
        if (s.stagingHash() != null && !s.stagingHash().equals(configHash) && s.finishedHash() == null) {
            throw new InputException(where + ": holds an interrupted run of another study (config hash "
                    + s.stagingHash() + "; this config has hash " + configHash
                    + "); choose another --out, or --overwrite to discard it");
        }
        if (s.finishedHash() != null) {
            // A rerun of the same study (a cron job, the README's command twice) is not bad input:
            // nothing to do, and the exit status is the finished study's (0, or 3 under
            // --fail-on-disagreement).
            return new Decision(Mode.NOTHING_TO_DO, dir);
        }
        if (s.stagingHash() != null) {
            if (resume) {
                return new Decision(Mode.RESUME, dir);
            }
            throw new InputException(where + ": holds an interrupted run of this study (config hash " + configHash
                    + "); --resume finishes it, --overwrite starts over");
        }
        return new Decision(Mode.FRESH, dir);
    }
}
