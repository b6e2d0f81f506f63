package org.dgmoe.app.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Suggestions;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.study.Study;

/**
 * Parses a HOCON study into core records, reporting every problem at once. A population's relative
 * {@code data} path is resolved against the study file's folder (a text's: the working directory) before
 * anything is read ({@link PopulationReader}). The keys, their defaults
 * and ranges are declared in {@link StudySchema}; one reader per section reads them ({@link
 * StudyReader}, {@link SettingReader}, {@link FitReader}, {@link LossesReader}, {@link RatesReader},
 * {@link RunSettingsReader}); {@link ConfigText} does the file IO and the {@code --set} layering.
 */
public final class StudyConfigLoader {

    /**
     * The sections of {@code dgmoe} that say how the sweep runs, not what it computes. They are left
     * out of the resolved config and its hash, so a rerun with more executor memory or another output
     * folder is the same study and can {@code --resume}.
     */
    public static final Set<String> RUN_SECTIONS = Set.of(StudySchema.DGMOE_SPARK.name(),
            StudySchema.DGMOE_OUTPUT.name(), StudySchema.DGMOE_SWEEP.name());

    private StudyConfigLoader() {
    }

    /**
     * Loads {@code file} with {@code overrides} ("key=value", HOCON syntax for the value, applied on
     * top of the file) and validates it.
     *
     * @throws InputException listing every problem, each with its key path and what is allowed
     */
    public static LoadedStudy load(Path file, List<String> overrides) {
        Path folder = file.toAbsolutePath().getParent();
        return read(PopulationReader.absolutePaths(ConfigText.resolve(file, overrides), folder), file.toString());
    }

    /**
     * Loads the HOCON (or JSON) {@code text} with {@code overrides}; {@code origin} names it in
     * messages and in {@link LoadedStudy#source()}. Executors load the driver's resolved config so.
     *
     * @throws InputException listing every problem
     */
    public static LoadedStudy load(String text, String origin, List<String> overrides) {
        return read(PopulationReader.absolutePaths(ConfigText.resolve(text, origin, overrides),
                Path.of("").toAbsolutePath()), origin);
    }

    private static LoadedStudy read(Config config, String source) {
        Problems problems = new Problems("");
        Map<String, Object> root = config.root().unwrapped();
        Object dgmoe = root.get("dgmoe");
        if (dgmoe == null) {
            String suggestion = Suggestions.closest("dgmoe", root.keySet());
            problems.add("dgmoe", "missing; a study file holds dgmoe { study { ... } }"
                    + (suggestion == null ? "" : " (found '" + suggestion + "': a typo?)"));
            problems.throwIfAny();
        }
        Node top = Node.of(problems, "dgmoe", dgmoe);
        problems.throwIfAny();
        Study study = StudyReader.read(top.child(StudySchema.DGMOE_STUDY));
        RateSettings rates = RatesReader.read(top.child(StudySchema.DGMOE_RATES));
        RunSettings run = RunSettingsReader.read(top);
        top.finish();
        problems.throwIfAny();
        String resolved = resolvedJson(config);
        // A population's file enters the hash by its content, not its path (PopulationReader.hashedConfig).
        String hashed = PopulationReader.hashedConfig(resolved, hashedSections(config));
        return new LoadedStudy(study, rates, run, source, resolved, CanonicalJson.sha256(hashed));
    }

    /** The resolved {@code dgmoe} config without the run sections, as canonical JSON (what the hash covers). */
    static String resolvedJson(Config config) {
        return CanonicalJson.render(hashedSections(config));
    }

    /** The resolved {@code dgmoe} config without the run sections. */
    static Map<String, Object> hashedSections(Config config) {
        Map<String, Object> results = new LinkedHashMap<>(config.getObject("dgmoe").unwrapped());
        results.keySet().removeAll(RUN_SECTIONS);
        return results;
    }

    /**
     * Loads the one setting {@code settingName} of {@code file} for a command on a user's data ({@code dgmoe
     * fit}, {@code dgmoe test}). Such a setting needs no {@code truth} and no {@code covariates} (the data
     * hold x): without a truth it needs its {@code g0} and {@code fit.experts}, and its dimension d is
     * {@code covariates.dimension}, else the length of {@code g0.slope}, else the number of {@code --x} columns
     * ({@link #loadForData(Path, List, String, List)}), else the largest j of the xj a location-scale g0 names,
     * else 1. The other settings of the
     * file are not read. The config hash is that of {@link #load}.
     *
     * @throws InputException listing every problem of the study's name, seed, losses and that setting
     */
    public static DataSetting loadForData(Path file, List<String> overrides, String settingName) {
        return loadForData(file, overrides, settingName, List.of());
    }

    /**
     * As {@link #loadForData(Path, List, String)} for data whose covariate columns are {@code columns}
     * ({@code --x}, or empty for x1, …, xd): a location-scale g0's expressions may name them, and they give d
     * when neither {@code covariates.dimension} nor {@code g0.slope} does.
     */
    public static DataSetting loadForData(Path file, List<String> overrides, String settingName,
            List<String> columns) {
        return DataSettingReader.read(PopulationReader.absolutePaths(ConfigText.resolve(file, overrides),
                file.toAbsolutePath().getParent()), file.toString(), settingName, columns);
    }

    /** As {@link #loadForData(Path, List, String)} from HOCON or JSON text (executors load the driver's resolved config so). */
    public static DataSetting loadForData(String text, String origin, String settingName) {
        return DataSettingReader.read(ConfigText.resolve(text, origin, List.of()), origin, settingName, List.of());
    }

    /**
     * The grid {@code {min, max, count, spacing}}: count points equally spaced in log n (log) or n
     * (linear) from min to max, each rounded to the nearest integer (halves up), then duplicates
     * dropped. The ends are exactly min and max; fewer than count sizes remain when rounding makes
     * neighbours equal (e.g. many points between 10 and 20).
     */
    public static int[] expandGrid(int min, int max, int count, boolean log) {
        if (count == 1) {
            return new int[] {min};
        }
        int[] out = new int[count];
        int m = 0;
        for (int i = 0; i < count; i++) {
            double t = (double) i / (count - 1);
            long v;
            if (i == 0) {
                v = min;
            } else if (i == count - 1) {
                v = max;
            } else if (log) {
                v = Math.round(Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))));
            } else {
                v = Math.round(min + t * ((double) max - min));
            }
            v = Math.max(min, Math.min(max, v));
            if (m == 0 || v > out[m - 1]) {
                out[m++] = (int) v;
            }
        }
        return java.util.Arrays.copyOf(out, m);
    }
}
