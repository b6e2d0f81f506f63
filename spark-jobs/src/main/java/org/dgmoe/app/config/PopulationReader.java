package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.POPULATION_DATA;
import static org.dgmoe.app.config.StudySchema.POPULATION_EXPERTS;
import static org.dgmoe.app.config.StudySchema.POPULATION_SAMPLE;
import static org.dgmoe.app.config.StudySchema.POPULATION_X;
import static org.dgmoe.app.config.StudySchema.POPULATION_Y;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.data.DataColumns;
import org.dgmoe.app.data.DataFile;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.PopulationTruth;
import org.dgmoe.core.study.Setting;

/**
 * Reads a setting with a {@code population} block (docs/population.md): the data file is its population, read
 * once per JVM (cached by path, content hash and columns), and its truth is the full-data MLE of the model by
 * {@link PopulationTruth}'s recipe, computed once per JVM and recipe key (the driver computes it; a sweep ships
 * the driver's truths to the executors, {@link #useTruths}). The file's content hash replaces its path in the
 * config hash ({@link #hashedConfig}), so a changed file is a different study and is never resumed into.
 */
public final class PopulationReader {
    /** The rows read in this JVM, by absolute path, content hash and columns. */
    private static final Map<String, Dataset> ROWS = new ConcurrentHashMap<>();
    /** The truths computed or received in this JVM, by recipe key. */
    private static final Map<Long, PopulationTruth> TRUTHS = new ConcurrentHashMap<>();

    private PopulationReader() {
    }

    /** Truths computed elsewhere (the driver's), used instead of computing them again in this JVM. */
    public static void useTruths(Iterable<PopulationTruth> truths) {
        for (PopulationTruth t : truths) {
            TRUTHS.putIfAbsent(t.key(), t);
        }
    }

    /** The setting at {@code s}, which has a {@code population} block, or null when anything is wrong (reported). */
    static Setting read(Node s, LossSettings losses, Map<String, Double> varied) {
        Problems problems = s.problems();
        int before = problems.count();
        String name = s.string(StudySchema.SETTING_NAME);
        if (name != null && name.isBlank()) {
            problems.add(s.path(StudySchema.SETTING_NAME.name()), "must be a non-empty string");
        }
        for (Key k : List.of(StudySchema.SETTING_COVARIATES, StudySchema.SETTING_TRUTH, StudySchema.SETTING_TEST)) {
            if (s.has(k.name())) {
                problems.add(s.path(k.name()), "a setting with population draws x and y from the data file and its "
                        + "truth is the full-data MLE (docs/population.md); remove " + k.name() + " or population"
                        + (k == StudySchema.SETTING_TEST ? " (a population setting has no test block in this version)"
                                : ""));
            }
        }
        Gating.Type gating = SettingReader.type(s, StudySchema.SETTING_GATING, StudySchema.GATING_TYPE,
                Gating.Type.class, Gating.Type.CONSTANT);
        Deviation.Type deviation = SettingReader.type(s, StudySchema.SETTING_DEVIATION, StudySchema.DEVIATION_TYPE,
                Deviation.Type.class, Deviation.Type.CONSTANT);
        if (SettingReader.family(gating, deviation) != null) {
            problems.add(s.path(StudySchema.SETTING_POPULATION.name()), "fits the constant-weight model in this "
                    + "version; remove gating and deviation");
        }
        Node p = s.child(StudySchema.SETTING_POPULATION);
        String data = null;
        List<String> x = null;
        String y = null;
        Population.Sampling sampling = null;
        Long experts = null;
        if (p != null) {
            data = p.string(POPULATION_DATA);
            x = columns(p);
            y = p.string(POPULATION_Y);
            sampling = p.named(POPULATION_SAMPLE, Population.Sampling.class);
            experts = p.integer(POPULATION_EXPERTS);
            p.finish();
        }
        int d = x == null || x.isEmpty() ? 1 : x.size();
        G0 g0 = SettingReader.g0(s.child(StudySchema.SETTING_G0), d, x == null ? List.of() : x, false);
        int kStar = experts != null ? experts.intValue() : peekFitExperts(s);
        if (kStar < 1 && p != null) {
            problems.add(p.path(POPULATION_EXPERTS.name()), "missing, and so is fit.experts: say how many experts the "
                    + "truth has (" + POPULATION_EXPERTS.doc() + ")");
        }
        FitSpec fit = FitReader.read(s.child(StudySchema.SETTING_FIT), problems, g0, d, kStar, losses,
                s.path(StudySchema.SETTING_FIT.name()), null, Deviation.Type.CONSTANT);
        if (fit != null && g0 != null && !g0.isNone() && !fit.lambdaFree() && Double.isNaN(fit.fixedLambda())) {
            problems.add(s.path(StudySchema.SETTING_FIT.name()) + ".lambda", "a population has no λ* to hold λ at: "
                    + "write free or the number to fix it at");
        }
        Map<String, Double> theory = SettingReader.theory(s.child(StudySchema.SETTING_THEORY));
        s.has(StudySchema.SETTING_VARY.name()); // expanded by StudyReader before; known, for suggestions
        s.finish();
        if (problems.count() > before) {
            return null;
        }
        Population population;
        try {
            population = population(p, data, x, y, sampling);
        } catch (InputException e) {
            problems.add(p.path(POPULATION_DATA.name()), e.getMessage());
            return null;
        }
        long key = recipeKey(population, x, y, kStar, g0, s.raw(StudySchema.SETTING_G0.name()), fit);
        PopulationTruth truth = TRUTHS.computeIfAbsent(key, k -> PopulationTruth.fit(population, g0, fit, kStar, k));
        if (!truth.finite()) {
            problems.add(s.path(StudySchema.SETTING_POPULATION.name()), "the full-data fit of the truth ended "
                    + truth.status() + " from every one of " + PopulationTruth.RESTARTS + " starts; this model has no "
                    + "finite MLE on " + data);
            return null;
        }
        try {
            return new Setting(name, population, GatedModel.of(truth.model()), fit, theory, varied, null, truth);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(s.path(), e);
            return null;
        }
    }

    /** {@code population.x}: a list of distinct column names (null when wrong: reported). */
    private static List<String> columns(Node p) {
        Object raw = p.raw(POPULATION_X.name());
        if (raw == null) {
            p.missing(POPULATION_X);
            return null;
        }
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> list && !list.isEmpty()) {
            for (Object o : list) {
                if (!(o instanceof String str) || str.isBlank() || out.contains(str)) {
                    out = null;
                    break;
                }
                out.add(str);
            }
            if (out != null) {
                return out;
            }
        }
        p.problems().add(p.path(POPULATION_X.name()), "must be a non-empty list of distinct column names, e.g. "
                + "[carat], got " + Node.describe(raw));
        return null;
    }

    private static int peekFitExperts(Node s) {
        return s.raw(StudySchema.SETTING_FIT.name()) instanceof Map<?, ?> f
                && f.get(StudySchema.FIT_EXPERTS.name()) instanceof Number k ? k.intValue() : 0;
    }

    /** The population of {@code data}: its rows read once per JVM (by path, content hash and columns). */
    private static Population population(Node p, String data, List<String> x, String y,
            Population.Sampling sampling) {
        Path file = Path.of(data).toAbsolutePath().normalize();
        String hash = contentHash(file);
        List<String> roles = new ArrayList<>();
        for (int j = 0; j < x.size(); j++) {
            roles.add(p.path(POPULATION_X.name()) + "[" + j + "]");
        }
        roles.add(p.path(POPULATION_Y.name()));
        Dataset rows = ROWS.computeIfAbsent(file + "|" + hash + "|" + x + "|" + y,
                k -> DataFile.read(file, new DataColumns(x, y, roles)));
        if (rows.size() < 2) {
            throw new InputException(file + ": a population needs at least 2 rows, got " + rows.size());
        }
        return new Population(rows, data, hash, sampling);
    }

    /**
     * The key of a truth recipe: everything the full-data MLE depends on (the file's content, the columns, k*, g0,
     * λ free or fixed, the EM settings) and nothing else, so an exact and an over-fitted setting of one population
     * share their truth bit for bit.
     */
    private static long recipeKey(Population population, List<String> x, String y, int kStar, G0 g0, Object g0Raw,
            FitSpec fit) {
        String recipe = population.contentHash() + "|" + x + "|" + y + "|" + kStar + "|" + CanonicalJson.render(g0Raw)
                + "|" + g0.isNone() + "|" + fit.lambdaFree() + "|" + fit.fixedLambda() + "|" + fit.em();
        return Seeds.mix(Seeds.fnv1a64(recipe) + Seeds.GAMMA);
    }

    /**
     * SHA-256 (hex) of a data file's bytes; of a folder of Parquet part files, of each file's name and hash in name
     * order.
     */
    static String contentHash(Path file) {
        try {
            if (!Files.isDirectory(file)) {
                return Files.exists(file) ? CanonicalJson.sha256(Files.readAllBytes(file)) : "missing";
            }
            StringBuilder parts = new StringBuilder();
            try (Stream<Path> files = Files.list(file)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    parts.append(f.getFileName()).append(' ').append(CanonicalJson.sha256(Files.readAllBytes(f)))
                            .append('\n');
                }
            }
            return CanonicalJson.sha256(parts.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }

    /**
     * {@code config} with every population's relative {@code data} resolved against {@code base} (the study file's
     * folder), so the resolved config names the same file on every executor; {@code config} itself when no setting
     * has a population.
     */
    static Config absolutePaths(Config config, Path base) {
        String at = "dgmoe.study.settings";
        if (!config.hasPath(at) || !(config.getValue(at).unwrapped() instanceof List<?> settings)) {
            return config;
        }
        boolean changed = false;
        List<Object> out = new ArrayList<>();
        for (Object item : settings) {
            if (item instanceof Map<?, ?> setting && setting.get("population") instanceof Map<?, ?> population
                    && population.get("data") instanceof String data && !Path.of(data).isAbsolute()) {
                Map<Object, Object> p = new LinkedHashMap<>(population);
                p.put("data", base.resolve(data).toAbsolutePath().normalize().toString());
                Map<Object, Object> s = new LinkedHashMap<>(setting);
                s.put("population", p);
                out.add(s);
                changed = true;
            } else {
                out.add(item);
            }
        }
        return changed ? config.withValue(at, ConfigValueFactory.fromIterable(out)) : config;
    }

    /**
     * What the config hash covers: the resolved config with each population's {@code data} path replaced by
     * {@code sha256:<content hash>}, so the hash follows the file's content and not where the checkout lies;
     * {@code resolved} itself when no setting has a population (every other study keeps its hash).
     */
    static String hashedConfig(String resolved, Map<String, Object> dgmoe) {
        if (!(dgmoe.get("study") instanceof Map<?, ?> study) || !(study.get("settings") instanceof List<?> settings)
                || settings.stream().noneMatch(s -> s instanceof Map<?, ?> m && m.get("population") instanceof Map)) {
            return resolved;
        }
        List<Object> out = new ArrayList<>();
        for (Object item : settings) {
            if (item instanceof Map<?, ?> setting && setting.get("population") instanceof Map<?, ?> population
                    && population.get("data") instanceof String data) {
                Map<Object, Object> p = new LinkedHashMap<>(population);
                p.put("data", "sha256:" + contentHash(Path.of(data).toAbsolutePath().normalize()));
                Map<Object, Object> s = new LinkedHashMap<>(setting);
                s.put("population", p);
                out.add(s);
            } else {
                out.add(item);
            }
        }
        Map<Object, Object> s = new LinkedHashMap<>(study);
        s.put("settings", out);
        Map<Object, Object> top = new LinkedHashMap<>(dgmoe);
        top.put("study", s);
        return CanonicalJson.render(top);
    }
}
