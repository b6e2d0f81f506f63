package org.dgmoe.app.config;

import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.cli.InputException;

/** Parses a HOCON study file into core records, reporting every problem at once. */
public final class StudyConfigLoader {
    private StudyConfigLoader() {
    }

    /**
     * Loads {@code file} with {@code overrides} ("key=value", HOCON syntax for the value, applied on
     * top of the file) and validates it.
     *
     * @throws InputException listing every problem, each with its key path and what is allowed
     */
    public static LoadedStudy load(Path file, List<String> overrides) {
        throw new UnsupportedOperationException("StudyConfigLoader.load: being implemented (issue 2)");
    }
}
