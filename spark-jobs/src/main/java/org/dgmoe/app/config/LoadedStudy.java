package org.dgmoe.app.config;

import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.study.Study;

/**
 * A study file parsed and validated into core records, with its provenance.
 *
 * @param study          the study
 * @param rates          rate-estimation settings ({@code dgmoe.rates})
 * @param source         the file it came from (as given)
 * @param resolvedConfig the fully resolved {@code dgmoe} config (after includes, substitutions and
 *                       {@code --set} overrides), rendered as JSON with sorted keys
 * @param configHash     SHA-256 (hex) of {@code resolvedConfig}: two runs are "the same study" iff equal
 */
public record LoadedStudy(Study study, RateSettings rates, String source, String resolvedConfig, String configHash) {
}
