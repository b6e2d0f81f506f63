package org.dgmoe.app.config;

import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Suggestions;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * A study file parsed and validated into core records, with its provenance.
 *
 * @param study          the study
 * @param rates          rate-estimation settings ({@code dgmoe.rates})
 * @param run            how the sweep runs ({@code dgmoe.spark}, {@code dgmoe.output}, {@code dgmoe.sweep})
 * @param source         the file it came from (as given), or the origin of the text
 * @param resolvedConfig the fully resolved {@code dgmoe} config (after includes, substitutions and
 *                       {@code --set} overrides) without the run sections, rendered as JSON with sorted keys
 * @param configHash     SHA-256 (hex) of {@code resolvedConfig}: two runs are "the same study" iff equal
 */
public record LoadedStudy(Study study, RateSettings rates, RunSettings run, String source, String resolvedConfig,
        String configHash) {

    /** A study without run sections. */
    public LoadedStudy(Study study, RateSettings rates, String source, String resolvedConfig, String configHash) {
        this(study, rates, RunSettings.NONE, source, resolvedConfig, configHash);
    }

    /** The setting called {@code name} (a command's {@code --setting}), or an {@link InputException} naming the study's settings. */
    public Setting setting(String name) {
        List<String> names = study.settings().stream().map(Setting::name).toList();
        for (Setting s : study.settings()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        String suggestion = Suggestions.closest(name, names);
        throw new InputException("--setting " + name + ": no such setting in " + source
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?") + " (settings: "
                + String.join(", ", names) + ")");
    }
}
