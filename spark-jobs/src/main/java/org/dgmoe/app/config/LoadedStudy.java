package org.dgmoe.app.config;

import org.dgmoe.core.rate.RateSettings;
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
}
