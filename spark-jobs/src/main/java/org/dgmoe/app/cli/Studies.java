package org.dgmoe.app.cli;

import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Suggestions;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.core.study.Setting;

/** The study and setting a command works on. */
public final class Studies {
    private Studies() {
    }

    /** The setting called {@code name}, or an {@link InputException} naming the study's settings. */
    static Setting setting(LoadedStudy study, String name) {
        List<String> names = study.study().settings().stream().map(Setting::name).toList();
        for (Setting s : study.study().settings()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        String suggestion = Suggestions.closest(name, names);
        throw new InputException("--setting " + name + ": no such setting in " + study.source()
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?") + " (settings: "
                + String.join(", ", names) + ")");
    }

    /** Throws the collected problems of the command line, if any. */
    public static void check(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }
}
