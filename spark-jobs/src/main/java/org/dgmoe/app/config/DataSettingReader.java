package org.dgmoe.app.config;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Suggestions;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.Setting;

/**
 * Reads the one setting a data command uses (see {@link StudyConfigLoader#loadForData}): the study's name,
 * seed and losses, then that setting — in full by {@link SettingReader} when it has a {@code truth}, else
 * its name, gating and deviation families, g0, optional covariates and fit, with {@code fit.experts} required
 * (there is no k* to default to). The other settings of the file are not read: they play no part in the command.
 */
final class DataSettingReader {
    private DataSettingReader() {
    }

    /**
     * @param columns the data's covariate column names ({@code --x}), or empty: a location-scale g0's
     *                expressions may name them, and without {@code covariates.dimension} and {@code g0.slope}
     *                they give d
     */
    static DataSetting read(Config config, String source, String settingName, List<String> columns) {
        Problems problems = new Problems("");
        Map<String, Object> root = config.root().unwrapped();
        Object dgmoe = root.get("dgmoe");
        if (dgmoe == null) {
            problems.add("dgmoe", "missing; a study file holds dgmoe { study { ... } }");
            problems.throwIfAny();
        }
        Node top = Node.of(problems, "dgmoe", dgmoe);
        problems.throwIfAny();
        Node s = top.child(StudySchema.DGMOE_STUDY);
        problems.throwIfAny();
        String study = s.string(StudySchema.NAME);
        Long seed = s.integer(StudySchema.SEED);
        LossSettings losses = LossesReader.read(s.child(StudySchema.LOSSES_SECTION));
        List<Node> items = s.objects(StudySchema.SETTINGS);
        problems.throwIfAny();
        Node item = null;
        List<String> names = new ArrayList<>();
        for (Node candidate : items) {
            if (candidate == null) {
                continue;
            }
            Object name = candidate.raw(StudySchema.SETTING_NAME.name());
            if (name instanceof String str) {
                names.add(str);
                if (str.equals(settingName) && item == null) {
                    item = candidate;
                }
            }
        }
        if (item == null) {
            String suggestion = Suggestions.closest(settingName, names);
            throw new InputException("--setting " + settingName + ": no such setting in " + source
                    + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?") + " (settings: "
                    + String.join(", ", names) + ")");
        }
        String resolved = StudyConfigLoader.resolvedJson(config);
        if (item.has(StudySchema.SETTING_TRUTH.name())) {
            Setting setting = SettingReader.read(item, losses);
            problems.throwIfAny();
            return new DataSetting(study, seed, setting.name(), item.path(), setting.truth().g0(),
                    setting.truth().dimension(), setting.truth().gating().type(), setting.truth().deviation().type(),
                    setting.fit(), setting.covariates(), setting, source, resolved,
                    CanonicalJson.sha256(resolved));
        }
        int d = dimension(item, columns);
        // The family to fit, as a setting with a truth names it; fitted with random starts (or a --start file).
        Gating.Type gating = SettingReader.type(item, StudySchema.SETTING_GATING, StudySchema.GATING_TYPE,
                Gating.Type.class, Gating.Type.CONSTANT);
        Deviation.Type deviation = SettingReader.type(item, StudySchema.SETTING_DEVIATION, StudySchema.DEVIATION_TYPE,
                Deviation.Type.class, Deviation.Type.CONSTANT);
        Node c = item.child(StudySchema.SETTING_COVARIATES.name(), false, "");
        Covariates covariates = c == null ? null : SettingReader.covariates(c, d, gating);
        G0 g0 = SettingReader.g0(item.child(StudySchema.SETTING_G0), d, columns, true);
        if (deviation == Deviation.Type.SIGMOID && g0 != null && g0.isNone()) {
            problems.add(item.path(StudySchema.SETTING_DEVIATION.name()) + "." + StudySchema.DEVIATION_TYPE.name(),
                    "sigmoid is a λ(x) that needs a g0 to deviate from; with g0.type = none λ is 1 (use constant)");
        }
        Node f = item.child(StudySchema.SETTING_FIT.name(), false, "");
        if (f == null || !f.has(StudySchema.FIT_EXPERTS.name())) {
            problems.add(item.path(StudySchema.SETTING_FIT.name()) + "." + StudySchema.FIT_EXPERTS.name(),
                    "missing; a setting without truth has no k* to default to: give the number of fitted experts, "
                            + StudySchema.FIT_EXPERTS.allowed());
        }
        FitSpec fit = FitReader.read(f, problems, g0, d, 0, losses, item.path(StudySchema.SETTING_FIT.name()),
                SettingReader.family(gating, deviation), deviation);
        item.string(StudySchema.SETTING_NAME);
        // theory is about a study's rates; a data command has none to compare, so it is accepted unread.
        item.raw(StudySchema.SETTING_THEORY.name());
        // test configures the sweep's size and power study; dgmoe test takes its B from --bootstrap.
        item.raw(StudySchema.SETTING_TEST.name());
        // a population is what a sweep subsamples; a data command fits its --data instead, so it is accepted unread.
        item.raw(StudySchema.SETTING_POPULATION.name());
        item.finish();
        problems.throwIfAny();
        return new DataSetting(study, seed, settingName, item.path(), g0, d, gating, deviation, fit, covariates, null,
                source, resolved, CanonicalJson.sha256(PopulationReader.hashedConfig(resolved,
                        StudyConfigLoader.hashedSections(config))));
    }

    /** A covariate name x1, x2, … as a word of an expression. */
    private static final Pattern COVARIATE = Pattern.compile("(?<![A-Za-z0-9_])x([1-9][0-9]{0,5})(?![A-Za-z0-9_])");

    /**
     * covariates.dimension when valid, else the length of g0.slope, else the number of {@code --x} columns when
     * given, else the largest j of the x_j a location-scale g0's expressions name, else 1.
     */
    private static int dimension(Node s, List<String> columns) {
        if (s.raw(StudySchema.SETTING_COVARIATES.name()) instanceof Map<?, ?> c
                && c.get(StudySchema.DIMENSION.name()) instanceof Number n
                && StudySchema.DIMENSION.range().contains(n.doubleValue()) && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (s.raw(StudySchema.SETTING_G0.name()) instanceof Map<?, ?> g && g.get("slope") instanceof List<?> slope
                && !slope.isEmpty()) {
            return slope.size();
        }
        if (!columns.isEmpty()) {
            return columns.size();
        }
        int d = 1;
        if (s.raw(StudySchema.SETTING_G0.name()) instanceof Map<?, ?> g) {
            for (Key k : List.of(StudySchema.G0_LOCATION, StudySchema.G0_SCALE)) {
                if (g.get(k.name()) instanceof String text) {
                    Matcher m = COVARIATE.matcher(text);
                    while (m.find()) {
                        d = Math.max(d, Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        return d;
    }
}
