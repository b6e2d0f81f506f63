package org.dgmoe.app.config;

import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.Setting;

/**
 * A setting read for a command that works on a user's data ({@code dgmoe fit}, {@code dgmoe test}): what
 * is needed to fit and test data, with the truth optional. A setting without {@code truth} (and without
 * {@code covariates}: the data hold x) still needs its g0 and {@code fit.experts}, and may name a gated family
 * ({@code gating}, {@code deviation}) to fit with random starts; see {@link StudyConfigLoader#loadForData}.
 *
 * @param study          the study's name
 * @param seed           the study seed
 * @param name           the setting's name
 * @param path           its key path, {@code dgmoe.study.settings[i]}
 * @param g0             the known density
 * @param dimension      d, the number of covariates
 * @param gating         the gating family of the fitted model ({@code gating.type}; constant by default)
 * @param deviation      its deviation family ({@code deviation.type}; constant by default)
 * @param fit            how the model is fitted
 * @param covariates     the covariate law, or null when the setting has none
 * @param setting        the whole setting when it has a truth, else null
 * @param source         the file it came from
 * @param resolvedConfig the resolved {@code dgmoe} config without the run sections (as {@link LoadedStudy})
 * @param configHash     SHA-256 of {@code resolvedConfig}
 */
public record DataSetting(String study, long seed, String name, String path, G0 g0, int dimension,
        Gating.Type gating, Deviation.Type deviation, FitSpec fit, Covariates covariates, Setting setting, String source,
        String resolvedConfig, String configHash) {

    /** This setting with {@code g0} in place of its own (a {@code columns} g0 bound to the data's values). */
    public DataSetting withG0(G0 g0) {
        return new DataSetting(study, seed, name, path, g0, dimension, gating, deviation, fit, covariates, setting,
                source, resolvedConfig, configHash);
    }

    /** True when the setting has a truth. */
    public boolean hasTruth() {
        return setting != null;
    }

    /** True when the fitted model is gated by x (a gating or deviation that is not constant): the gated EM fits it. */
    public boolean gated() {
        return gating != Gating.Type.CONSTANT || deviation != Deviation.Type.CONSTANT;
    }
}
