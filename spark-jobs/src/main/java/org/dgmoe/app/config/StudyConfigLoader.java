package org.dgmoe.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Suggestions;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.em.StopRule;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0.MeanFunction;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.GridCovariates;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.NormalCovariates;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.StartCheck;
import org.dgmoe.core.study.Study;

/**
 * Parses a HOCON study file into core records, reporting every problem at once. The keys, their
 * defaults and the message format are documented in {@code docs/config.md}; keep the two in step.
 */
public final class StudyConfigLoader {

    /**
     * Sections of {@code dgmoe} that belong to other commands (the sweep's Spark and output
     * settings). The loader accepts them without reading them; they are part of the resolved config
     * and its hash. The commands that own them read them from {@link #resolve}.
     */
    public static final Set<String> OTHER_SECTIONS = Set.of("spark", "output", "sweep");

    private static final String P = "dgmoe.study";
    private static final String G0_TYPES = "one of none, gaussian-linear, gaussian-nonlinear, student-t";

    private StudyConfigLoader() {
    }

    /**
     * Loads {@code file} with {@code overrides} ("key=value", HOCON syntax for the value, applied on
     * top of the file) and validates it.
     *
     * @throws InputException listing every problem, each with its key path and what is allowed
     */
    public static LoadedStudy load(Path file, List<String> overrides) {
        Config config = resolve(file, overrides);
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
        Study study = study(top.child("study", true, "the study { name, seed, replicates, sample-sizes, settings }"));
        RateSettings rates = rates(top.child("rates", false, ""));
        top.allow(OTHER_SECTIONS);
        top.finish();
        problems.throwIfAny();
        String resolved = CanonicalJson.render(dgmoe);
        return new LoadedStudy(study, rates, file.toString(), resolved, CanonicalJson.sha256(resolved));
    }

    /**
     * Parses {@code file}, lays the {@code --set} overrides on top (later ones win; objects merge as
     * in HOCON, other values are replaced) and resolves substitutions. For commands that read
     * sections of their own (see {@link #OTHER_SECTIONS}).
     *
     * @throws InputException for a missing file, a syntax error (naming file and line), a malformed
     *                        override or an unresolved substitution
     */
    public static Config resolve(Path file, List<String> overrides) {
        if (!Files.exists(file)) {
            throw new InputException(file + ": no such study file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InputException(file + ": not a readable file");
        }
        Config base;
        try {
            base = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
        } catch (ConfigException e) {
            throw new InputException(syntaxMessage(file, e));
        }
        List<String> problems = new ArrayList<>();
        Config layered = base;
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                problems.add("--set " + override + ": must be key=value, e.g. --set dgmoe.study.replicates=5");
                continue;
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1);
            try {
                ConfigUtil.splitPath(key);
            } catch (ConfigException e) {
                problems.add("--set " + override + ": '" + key + "' is not a key path (keys are separated by dots, "
                        + "e.g. dgmoe.study.replicates)");
                continue;
            }
            try {
                Config one = ConfigFactory.parseString(key + " = " + value,
                        ConfigParseOptions.defaults().setOriginDescription("--set " + override));
                layered = one.withFallback(layered);
            } catch (ConfigException e) {
                problems.add("--set " + override + ": the value is not valid HOCON (" + e.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        try {
            return layered.resolve();
        } catch (ConfigException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** Typesafe's parse messages start with the origin ("file: line: ..."); make sure the file is named. */
    private static String syntaxMessage(Path file, ConfigException e) {
        String m = e.getMessage();
        String name = file.getFileName().toString();
        return m.contains(name) ? m : file + ": " + m;
    }

    // ---------------------------------------------------------------- study

    private static Study study(Node s) {
        if (s == null) {
            return null;
        }
        Problems problems = s.problems();
        int before = problems.count();
        String name = s.string("name", true, "a non-empty string (names the output)");
        if (name != null && name.isBlank()) {
            problems.add(s.path("name"), "must be a non-empty string");
        }
        Long seed = s.integer("seed", true, "an integer (every random stream derives from it)");
        Long replicates = s.integer("replicates", true, "an integer >= 1");
        if (replicates != null && !(replicates >= 1 && replicates <= Integer.MAX_VALUE)) {
            problems.add(s.path("replicates"), "must be an integer >= 1, got " + replicates);
        }
        int[] sizes = sampleSizes(s);
        LossSettings losses = losses(s.child("losses", false, ""));
        List<Setting> settings = new ArrayList<>();
        List<Node> items = s.objects("settings", true, "a list of settings [ { name, covariates, g0, truth, fit } ]");
        if (items != null && items.isEmpty()) {
            problems.add(s.path("settings"), "must hold at least one setting");
        }
        Map<String, Integer> seen = new HashMap<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                if (item == null) {
                    continue;
                }
                Setting setting = setting(item, losses);
                String settingName = setting != null ? setting.name() : peekString(item, "name");
                if (settingName != null) {
                    Integer earlier = seen.putIfAbsent(settingName, i);
                    if (earlier != null) {
                        problems.add(item.path("name"), "must be unique; settings[" + earlier + "] is also called '"
                                + settingName + "'");
                    }
                }
                if (setting != null) {
                    settings.add(setting);
                }
            }
        }
        s.finish();
        if (problems.count() > before) {
            return null;
        }
        try {
            return new Study(name, seed, replicates.intValue(), sizes, settings, losses);
        } catch (IllegalArgumentException e) {
            problems.add(P, e.getMessage());
            return null;
        }
    }

    private static String peekString(Node n, String key) {
        Object v = n.raw(key);
        return v instanceof String str ? str : null;
    }

    // ---------------------------------------------------------------- sample sizes

    private static int[] sampleSizes(Node s) {
        Object raw = s.raw("sample-sizes");
        String path = s.path("sample-sizes");
        Problems problems = s.problems();
        if (raw == null) {
            s.missing("sample-sizes", "a list of sizes [100, 1000] or { min, max, count, spacing = log | linear }");
            return null;
        }
        if (raw instanceof List<?> list) {
            if (list.isEmpty()) {
                problems.add(path, "must hold at least one sample size, got []");
                return null;
            }
            int[] sizes = new int[list.size()];
            boolean ok = true;
            for (int i = 0; i < sizes.length; i++) {
                Long v = Node.toInteger(problems, path + "[" + i + "]", list.get(i));
                if (v == null) {
                    ok = false;
                } else if (!(v >= 1 && v <= Integer.MAX_VALUE)) {
                    problems.add(path + "[" + i + "]", "must be an integer >= 1, got " + v);
                    ok = false;
                } else {
                    sizes[i] = v.intValue();
                    if (i > 0 && ok && sizes[i] <= sizes[i - 1]) {
                        problems.add(path + "[" + i + "]", "sizes must be strictly increasing, got " + sizes[i]
                                + " after " + sizes[i - 1]);
                        ok = false;
                    }
                }
            }
            return ok ? sizes : null;
        }
        if (!(raw instanceof Map<?, ?>)) {
            problems.add(path, "must be a list of sizes [100, 1000] or { min, max, count, spacing = log | linear }, got "
                    + Node.describe(raw));
            return null;
        }
        Node grid = Node.of(problems, path, raw);
        int before = problems.count();
        Long min = grid.integer("min", true, "an integer >= 1, the smallest n");
        Long max = grid.integer("max", true, "an integer >= min, the largest n");
        Long count = grid.integer("count", true, "an integer >= 1, the number of sizes before deduplication");
        String spacing = grid.string("spacing", false, "");
        if (spacing == null && !grid.has("spacing")) {
            spacing = "log";
        }
        grid.finish();
        if (min != null && !(min >= 1 && min <= Integer.MAX_VALUE)) {
            problems.add(grid.path("min"), "must be an integer >= 1, got " + min);
        }
        if (max != null && min != null && !(max >= min && max <= Integer.MAX_VALUE)) {
            problems.add(grid.path("max"), "must be an integer >= min = " + min + " (and <= " + Integer.MAX_VALUE
                    + "), got " + max);
        }
        if (count != null && !(count >= 1 && count <= 100_000)) {
            problems.add(grid.path("count"), "must be an integer in [1, 100000], got " + count);
        }
        if (count != null && count == 1 && min != null && max != null && !min.equals(max)) {
            problems.add(grid.path("count"), "count = 1 needs min = max, got min = " + min + ", max = " + max);
        }
        if (spacing != null && !spacing.equals("log") && !spacing.equals("linear")) {
            problems.add(grid.path("spacing"), "must be log or linear, got '" + spacing + "'");
        }
        if (problems.count() > before) {
            return null;
        }
        return expandGrid(min.intValue(), max.intValue(), count.intValue(), spacing.equals("log"));
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

    // ---------------------------------------------------------------- losses and rates

    private static LossSettings losses(Node l) {
        LossSettings d = LossSettings.DEFAULTS;
        if (l == null) {
            return d;
        }
        Problems problems = l.problems();
        int before = problems.count();
        Map<Integer, Integer> rbar = new TreeMap<>(d.rbar());
        Node voronoi = l.child("voronoi", false, "");
        if (voronoi != null) {
            Node r = voronoi.child("rbar", false, "");
            if (r != null) {
                for (String key : r.keys()) {
                    r.raw(key);
                    int m;
                    try {
                        m = Integer.parseInt(key);
                    } catch (NumberFormatException e) {
                        problems.add(r.path(key), "keys of rbar are cell sizes m >= 2 (integers), got '" + key + "'");
                        continue;
                    }
                    if (m < 2) {
                        problems.add(r.path(key), "keys of rbar are cell sizes m >= 2, got " + m);
                        continue;
                    }
                    Long v = r.integer(key, true, "");
                    if (v != null && !(v >= 1 && v <= 1000)) {
                        problems.add(r.path(key), "must be an integer >= 1, got " + v);
                    } else if (v != null) {
                        rbar.put(m, v.intValue());
                    }
                }
                r.finish();
            }
            voronoi.finish();
        }
        int order = d.wassersteinOrder();
        Node w = l.child("wasserstein", false, "");
        if (w != null) {
            Long v = w.integer("order", false, "");
            if (v != null && !(v >= 0 && v <= 1000)) {
                problems.add(w.path("order"), "must be an integer >= 1, or 0 for r̄(k − k* + 1), got " + v);
            } else if (v != null) {
                order = v.intValue();
            }
            w.finish();
        }
        int points = d.hellingerCovariatePoints();
        int nodes = d.hellingerQuadratureNodes();
        Node h = l.child("hellinger", false, "");
        if (h != null) {
            Long v = h.integer("covariate-points", false, "");
            if (v != null && !(v >= 1 && v <= 10_000_000)) {
                problems.add(h.path("covariate-points"), "must be an integer >= 1, got " + v);
            } else if (v != null) {
                points = v.intValue();
            }
            v = h.integer("quadrature-nodes", false, "");
            if (v != null && !(v >= 8 && v <= 100_000)) {
                problems.add(h.path("quadrature-nodes"), "must be an integer >= 8, got " + v);
            } else if (v != null) {
                nodes = v.intValue();
            }
            h.finish();
        }
        l.finish();
        if (problems.count() > before) {
            return d;
        }
        try {
            return new LossSettings(rbar, order, points, nodes);
        } catch (IllegalArgumentException e) {
            problems.add(l.path(), e.getMessage());
            return d;
        }
    }

    private static RateSettings rates(Node r) {
        RateSettings d = RateSettings.DEFAULTS;
        if (r == null) {
            return d;
        }
        Problems problems = r.problems();
        int before = problems.count();
        Long bootstrap = r.integer("bootstrap", false, "");
        if (bootstrap != null && !(bootstrap >= 100 && bootstrap <= 10_000_000)) {
            problems.add(r.path("bootstrap"), "must be an integer >= 100, got " + bootstrap);
        }
        double confidence = r.number("confidence", d.confidence());
        if (!Double.isNaN(confidence) && !(confidence > 0 && confidence < 1)) {
            problems.add(r.path("confidence"), "must be in (0, 1), got " + Node.format(confidence));
        }
        double tolerance = r.number("tolerance", d.tolerance());
        if (!Double.isNaN(tolerance) && !(tolerance >= 0 && Double.isFinite(tolerance))) {
            problems.add(r.path("tolerance"), "must be >= 0, got " + Node.format(tolerance));
        }
        Long seed = r.integer("seed", false, "");
        boolean includeAll = d.includeNonConverged();
        Object inc = r.raw("include-non-converged");
        if (inc != null) {
            if (inc instanceof Boolean b) {
                includeAll = b;
            } else {
                problems.add(r.path("include-non-converged"), "must be true or false, got " + Node.describe(inc));
            }
        }
        r.finish();
        if (problems.count() > before) {
            return d;
        }
        return new RateSettings(bootstrap == null ? d.bootstrapResamples() : bootstrap.intValue(), confidence,
                tolerance, seed == null ? d.seed() : seed, includeAll);
    }

    // ---------------------------------------------------------------- one setting

    private static Setting setting(Node s, LossSettings losses) {
        Problems problems = s.problems();
        int before = problems.count();
        String name = s.string("name", true, "a non-empty string, unique in the study");
        if (name != null && name.isBlank()) {
            problems.add(s.path("name"), "must be a non-empty string");
        }
        int d = dimension(s);
        Covariates covariates = covariates(s.child("covariates", true,
                "{ distribution = uniform | normal | grid, ... }"), d);
        G0 g0 = g0(s.child("g0", true, "{ type = " + G0_TYPES.substring("one of ".length()).replace(", ", " | ")
                + ", ... }"), d);
        DeviatedModel truth = null;
        Node t = s.child("truth", true, "{ lambda, experts = [ { weight, slope, intercept, variance }, ... ] }");
        if (t != null) {
            truth = Parameters.model(t, g0, d, 0, "");
            t.finish();
        }
        int kStar = truth != null ? truth.size() : peekExpertCount(t);
        FitSpec fit = fit(s.child("fit", false, ""), g0, d, kStar, truth, losses, s.path("fit"));
        Map<String, Double> theory = theory(s.child("theory", false, ""));
        if (truth != null) {
            // A theory entry for a metric the setting does not produce would be silently ignored (or fail
            // in the middle of a sweep): name it here, with the metrics that exist.
            List<String> metrics = org.dgmoe.core.loss.Metrics.names(truth);
            for (String metric : theory.keySet()) {
                if (!metrics.contains(metric)) {
                    problems.add(s.path("theory") + "." + metric, "is not a metric of this setting; its metrics are "
                            + metrics);
                }
            }
        }
        s.finish();
        if (problems.count() > before) {
            return null;
        }
        try {
            return new Setting(name, covariates, truth, fit, theory);
        } catch (IllegalArgumentException e) {
            problems.add(s.path(), e.getMessage());
            return null;
        }
    }

    /**
     * The covariate dimension d of a setting: covariates.dimension when given, else the length of
     * truth.experts[0].slope, else 1. Every slope and covariate list is then checked against it.
     */
    private static int dimension(Node s) {
        if (s.raw("covariates") instanceof Map<?, ?> c && c.get("dimension") instanceof Number n
                && n.doubleValue() >= 1 && n.doubleValue() <= 10_000 && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (s.raw("truth") instanceof Map<?, ?> t && t.get("experts") instanceof List<?> experts && !experts.isEmpty()
                && experts.get(0) instanceof Map<?, ?> e && e.get("slope") instanceof List<?> slope && !slope.isEmpty()) {
            return slope.size();
        }
        return 1;
    }

    private static int peekExpertCount(Node t) {
        if (t != null && t.raw("experts") instanceof List<?> experts) {
            return experts.size();
        }
        return 0;
    }

    private static Covariates covariates(Node c, int d) {
        if (c == null) {
            return null;
        }
        Problems problems = c.problems();
        int before = problems.count();
        if (c.has("dimension")) {
            // When valid, it is d (see dimension()), and every slope is checked against it.
            Long dim = c.integer("dimension", false, "");
            if (dim != null && !(dim >= 1 && dim <= 10_000)) {
                problems.add(c.path("dimension"), "must be an integer in [1, 10000], got " + dim);
            }
        }
        String distribution = c.string("distribution", true, "uniform, normal or grid");
        Covariates out = null;
        if (distribution == null) {
            c.skipUnknownCheck();
        } else {
            switch (distribution) {
                case "uniform" -> {
                    double[] min = vector(c, "min", d, 0.0);
                    double[] max = vector(c, "max", d, 1.0);
                    if (min != null && max != null) {
                        for (int j = 0; j < d; j++) {
                            if (!(max[j] > min[j]) || !Double.isFinite(min[j]) || !Double.isFinite(max[j])) {
                                problems.add(c.path("max"), "must be finite and > min in every coordinate, got max"
                                        + (d > 1 ? "[" + j + "]" : "") + " = " + Node.format(max[j]) + " <= min = "
                                        + Node.format(min[j]));
                                break;
                            }
                        }
                    }
                    if (problems.count() == before) {
                        out = new UniformCovariates(min, max);
                    }
                }
                case "normal" -> {
                    double[] mean = vector(c, "mean", d, 0.0);
                    double[] sd = vector(c, "sd", d, 1.0);
                    if (sd != null) {
                        for (int j = 0; j < d; j++) {
                            if (!(sd[j] > 0) || !Double.isFinite(sd[j])) {
                                problems.add(c.path("sd"), "must be > 0 (a standard deviation) in every coordinate, "
                                        + "got " + Node.format(sd[j]));
                                break;
                            }
                        }
                    }
                    if (problems.count() == before) {
                        out = new NormalCovariates(mean, sd);
                    }
                }
                case "grid" -> {
                    if (d != 1) {
                        problems.add(c.path("distribution"), "grid covariates need dimension 1, but the experts' slopes "
                                + "have " + d + " entries");
                    }
                    double min = c.number("min", 0.0);
                    double max = c.number("max", 1.0);
                    if (!Double.isNaN(min) && !Double.isNaN(max) && !(max > min && Double.isFinite(max)
                            && Double.isFinite(min))) {
                        problems.add(c.path("max"), "must be finite and > min = " + Node.format(min) + ", got "
                                + Node.format(max));
                    }
                    if (problems.count() == before) {
                        out = new GridCovariates(min, max);
                    }
                }
                default -> {
                    problems.add(c.path("distribution"), "must be one of uniform, normal, grid, got '" + distribution
                            + "'");
                    c.skipUnknownCheck();
                }
            }
        }
        c.finish();
        return problems.count() > before ? null : out;
    }

    /** A scalar (broadcast to d coordinates) or a list of d numbers; the default when absent. */
    private static double[] vector(Node c, String key, int d, double defaultValue) {
        Object raw = c.raw(key);
        double[] out = new double[d];
        if (raw == null) {
            java.util.Arrays.fill(out, defaultValue);
            return out;
        }
        if (raw instanceof List<?>) {
            double[] v = c.numbers(key, false, "");
            if (v == null) {
                return null;
            }
            if (v.length != d) {
                c.problems().add(c.path(key), "must be a number or a list of d = " + d + " numbers, got a list of "
                        + v.length);
                return null;
            }
            return v;
        }
        Double v = Node.toNumber(c.problems(), c.path(key), raw);
        if (v == null) {
            return null;
        }
        java.util.Arrays.fill(out, v);
        return out;
    }

    private static G0 g0(Node g, int d) {
        if (g == null) {
            return null;
        }
        Problems problems = g.problems();
        int before = problems.count();
        String type = g.string("type", true, G0_TYPES);
        G0 out = null;
        if (type == null) {
            g.skipUnknownCheck();
        } else {
            switch (type) {
                case "none" -> out = NoG0.INSTANCE;
                case "gaussian-linear" -> {
                    double[] slope = Parameters.slope(g, "slope", d, "a list of d = " + d + " numbers");
                    double intercept = g.number("intercept", true, "a number");
                    double variance = g.number("variance", true, "a number > 0");
                    finiteCheck(g, "intercept", intercept);
                    positiveCheck(g, "variance", variance);
                    if (problems.count() == before) {
                        out = new GaussianLinearG0(slope, intercept, variance);
                    }
                }
                case "gaussian-nonlinear" -> {
                    String function = g.string("function", true, "one of sin, quadratic, exp");
                    double[] coefficients = g.numbers("coefficients", true,
                            "a list: [c0, c1] for sin (c0·sin(c1·s)) and exp (c0·exp(c1·s)), [c0, c1, c2] for quadratic");
                    double variance = g.number("variance", true, "a number > 0");
                    positiveCheck(g, "variance", variance);
                    MeanFunction f = null;
                    if (function != null) {
                        try {
                            f = MeanFunction.fromConfigName(function);
                        } catch (IllegalArgumentException e) {
                            problems.add(g.path("function"), "must be one of sin, quadratic, exp, got '" + function + "'");
                        }
                    }
                    if (f != null && coefficients != null && coefficients.length != f.coefficientCount()) {
                        problems.add(g.path("coefficients"), "function " + f.configName() + " takes "
                                + f.coefficientCount() + " coefficients, got " + coefficients.length);
                    }
                    if (problems.count() == before) {
                        out = new GaussianNonlinearG0(f, coefficients, variance);
                    }
                }
                case "student-t" -> {
                    double[] slope = Parameters.slope(g, "slope", d, "a list of d = " + d + " numbers");
                    double intercept = g.number("intercept", true, "a number");
                    double scale = g.number("scale", true, "a number > 0");
                    double dof = g.number("dof", true, "a number > 0, the degrees of freedom");
                    finiteCheck(g, "intercept", intercept);
                    positiveCheck(g, "scale", scale);
                    positiveCheck(g, "dof", dof);
                    if (problems.count() == before) {
                        out = new StudentTG0(slope, intercept, scale, dof);
                    }
                }
                default -> {
                    problems.add(g.path("type"), "must be " + G0_TYPES + ", got '" + type + "'");
                    g.skipUnknownCheck();
                }
            }
        }
        g.finish();
        return problems.count() > before ? null : out;
    }

    private static void finiteCheck(Node n, String key, double v) {
        if (!Double.isNaN(v) && !Double.isFinite(v)) {
            n.problems().add(n.path(key), "must be finite, got " + v);
        }
    }

    private static void positiveCheck(Node n, String key, double v) {
        if (!Double.isNaN(v) && !(v > 0 && Double.isFinite(v))) {
            n.problems().add(n.path(key), "must be > 0, got " + Node.format(v));
        }
    }

    private static FitSpec fit(Node f, G0 g0, int d, int kStar, DeviatedModel truth, LossSettings losses,
            String path) {
        Problems problems = f == null ? null : f.problems();
        EmSettings em = EmSettings.DEFAULTS;
        NearTruthStart noise = NearTruthStart.DEFAULTS;
        boolean none = g0 != null && g0.isNone();
        if (f == null) {
            // All defaults: k = k*, λ free (fixed at 1 without g0), near-truth start.
            if (kStar < 1) {
                return null;
            }
            return new FitSpec(kStar, !none, Double.NaN, InitKind.NEAR_TRUTH, 1, em.withLambdaFree(!none), noise, null);
        }
        int before = problems.count();
        Long k = null;
        if (f.has("experts")) {
            k = f.integer("experts", false, "");
        } else if (kStar >= 1) {
            k = (long) kStar;
        }
        if (k != null && !(k >= 1 && k <= 1000)) {
            problems.add(f.path("experts"), "must be an integer >= 1, got " + k);
            k = null;
        }
        // λ: free | fixed | a number in [0, 1].
        boolean lambdaFree = !none;
        double fixedLambda = Double.NaN;
        Object lambda = f.raw("lambda");
        if (lambda != null) {
            if ("free".equals(lambda)) {
                if (none) {
                    problems.add(f.path("lambda"), "cannot be free when g0.type = none (λ is fixed at 1); remove it");
                }
            } else if ("fixed".equals(lambda)) {
                lambdaFree = false;
            } else if (lambda instanceof Number || lambda instanceof String s && isNumber(s)) {
                double v = Node.toNumber(problems, f.path("lambda"), lambda);
                if (!(v >= 0 && v <= 1)) {
                    problems.add(f.path("lambda"), "must be free, fixed, or a number in [0, 1], got " + Node.format(v));
                } else if (none && v != 1) {
                    problems.add(f.path("lambda"), "must be 1 when g0.type = none, got " + Node.format(v));
                } else {
                    lambdaFree = false;
                    fixedLambda = none ? Double.NaN : v;
                }
            } else {
                problems.add(f.path("lambda"), "must be free, fixed (at the start's value), or a number in [0, 1], got "
                        + Node.describe(lambda));
            }
        }
        String initName = f.string("init", false, "");
        InitKind init = InitKind.NEAR_TRUTH;
        if (initName != null) {
            try {
                init = InitKind.fromConfigName(initName);
            } catch (IllegalArgumentException e) {
                problems.add(f.path("init"), "must be one of near-truth, random, given, got '" + initName + "'");
                init = null;
            }
        }
        if (init == InitKind.NEAR_TRUTH && k != null && kStar >= 1 && k < kStar) {
            problems.add(f.path("experts"), "must be >= k* = " + kStar + " (the number of true experts) for init = "
                    + "near-truth, got " + k);
        }
        if (k != null && kStar >= 1) {
            // Any fitted atom may be nearest any true atom, so a Voronoi cell can hold up to k atoms: the
            // losses need r̄(m) for every m in 2..k, and a cell size without one must fail here, before a
            // sweep starts, never in the middle of it.
            for (int m = 2; m <= k; m++) {
                if (!losses.rbar().containsKey(m)) {
                    problems.add(f.path("experts"), "k = " + k + " fitted experts allow Voronoi cells of up to " + k
                            + " atoms, and r̄(" + m + ") is not known in closed form: give it as "
                            + "dgmoe.study.losses.voronoi.rbar." + m + " (known: " + new TreeMap<>(losses.rbar()) + ")");
                    break;
                }
            }
        }
        Long restarts = f.integer("restarts", false, "");
        if (restarts != null && !(restarts >= 1 && restarts <= 100_000)) {
            problems.add(f.path("restarts"), "must be an integer >= 1, got " + restarts);
        }
        Long maxIterations = f.integer("max-iterations", false, "");
        if (maxIterations != null && !(maxIterations >= 1 && maxIterations <= Integer.MAX_VALUE)) {
            problems.add(f.path("max-iterations"), "must be an integer >= 1, got " + maxIterations);
        }
        // Stopping rule. A tolerance given without a rule keeps the meaning it had before rules existed:
        // the published relative rule on plain EM (unless accelerate says otherwise), so existing
        // study files reproduce their published numbers.
        String stopName = f.string("stop", false, "");
        boolean legacy = f.has("tolerance") && stopName == null;
        StopRule stop = legacy ? StopRule.RELATIVE : StopRule.ABSOLUTE;
        if (stopName != null) {
            try {
                stop = StopRule.fromConfigName(stopName);
            } catch (IllegalArgumentException e) {
                problems.add(f.path("stop"), "must be one of absolute (default: |Δℓ| < tolerance and largest "
                        + "scaled step < step-tolerance), relative (the published |Δℓ|/|ℓ| < tolerance), got '"
                        + stopName + "'");
            }
        }
        double tolerance = f.number("tolerance", EmSettings.defaultTolerance(stop));
        if (!Double.isNaN(tolerance) && !(tolerance >= 0 && Double.isFinite(tolerance))) {
            problems.add(f.path("tolerance"), "must be >= 0 (0 runs exactly max-iterations), got "
                    + Node.format(tolerance));
        }
        double stepTolerance = f.number("step-tolerance", em.stepTolerance());
        if (!Double.isNaN(stepTolerance) && !(stepTolerance > 0)) {
            problems.add(f.path("step-tolerance"), "must be > 0 (the bound on the largest scaled parameter step of "
                    + "stop = absolute), got " + Node.format(stepTolerance));
        }
        String accelerateName = f.string("accelerate", false, "");
        Acceleration acceleration = legacy ? Acceleration.NONE : em.acceleration();
        if (accelerateName != null) {
            try {
                acceleration = Acceleration.fromConfigName(accelerateName);
            } catch (IllegalArgumentException e) {
                problems.add(f.path("accelerate"), "must be one of squarem (default), none, got '" + accelerateName
                        + "'");
            }
        }
        StartCheck startCheck = StartCheck.OFF;
        Node sc = f.child("start-check", false, "");
        if (sc != null) {
            double fraction = sc.number("fraction", 0.1);
            if (!Double.isNaN(fraction) && !(fraction >= 0 && fraction <= 1)) {
                problems.add(sc.path("fraction"), "must be in [0, 1] (the share of replicates refitted from random "
                        + "starts), got " + Node.format(fraction));
            }
            Long checkRestarts = sc.integer("restarts", false, "");
            if (checkRestarts != null && !(checkRestarts >= 1 && checkRestarts <= 10_000)) {
                problems.add(sc.path("restarts"), "must be an integer in 1..10000, got " + checkRestarts);
            }
            sc.finish();
            if (fraction >= 0 && fraction <= 1 && (checkRestarts == null || checkRestarts >= 1
                    && checkRestarts <= 10_000)) {
                startCheck = new StartCheck(fraction, checkRestarts == null ? StartCheck.DEFAULT_RESTARTS
                        : checkRestarts.intValue());
            }
        }
        double floor = f.number("variance-floor", em.varianceFloor());
        if (!Double.isNaN(floor) && !(floor > 0 && Double.isFinite(floor))) {
            problems.add(f.path("variance-floor"), "must be > 0, got " + Node.format(floor));
        }
        Node n = f.child("init-noise", false, "");
        if (n != null) {
            double ls = n.number("location-scale", noise.locationScale());
            double le = n.number("location-exponent", noise.locationExponent());
            double vs = n.number("variance-scale", noise.varianceScale());
            double ve = n.number("variance-exponent", noise.varianceExponent());
            for (String key : List.of("location-scale", "variance-scale")) {
                double v = key.startsWith("location") ? ls : vs;
                if (!Double.isNaN(v) && !(v >= 0 && Double.isFinite(v))) {
                    problems.add(n.path(key), "must be >= 0, got " + Node.format(v));
                }
            }
            finiteCheck(n, "location-exponent", le);
            finiteCheck(n, "variance-exponent", ve);
            n.finish();
            if (!Double.isNaN(ls + le + vs + ve) && problems.count() == before) {
                try {
                    noise = new NearTruthStart(ls, le, vs, ve);
                } catch (IllegalArgumentException e) {
                    problems.add(n.path(), e.getMessage());
                }
            }
        }
        DeviatedModel start = null;
        Node s = f.child("start", false, "");
        if (s != null) {
            if (init != InitKind.GIVEN) {
                problems.add(f.path("start"), "is only used with init = given; remove it or set init = given");
            }
            if (k != null) {
                start = Parameters.model(s, g0, d, k.intValue(), "fit.experts");
            }
            s.allow(Parameters.FIT_RESULT_KEYS);
            s.finish();
        } else if (init == InitKind.GIVEN) {
            f.missing("start", "init = given needs start = { lambda, experts = [ { weight, slope, intercept, variance }"
                    + ", ... ] }");
        }
        f.finish();
        if (problems.count() > before || k == null || init == null) {
            return null;
        }
        try {
            em = new EmSettings(maxIterations == null ? em.maxIterations() : maxIterations.intValue(), tolerance, floor,
                    lambdaFree, stop, stepTolerance, acceleration);
            return new FitSpec(k.intValue(), lambdaFree, fixedLambda, init, restarts == null ? 1 : restarts.intValue(),
                    em, noise, start, startCheck);
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Map<String, Double> theory(Node t) {
        if (t == null) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String metric : t.keys()) {
            Object v = t.raw(metric);
            if ("unknown".equals(v)) {
                out.put(metric, Double.NaN);
            } else if (v instanceof Number num && Double.isFinite(num.doubleValue())) {
                out.put(metric, num.doubleValue());
            } else {
                t.problems().add(t.path(metric), "must be the expected exponent of n (a number, e.g. -0.5) or "
                        + "\"unknown\", got " + Node.describe(v));
            }
        }
        t.finish();
        return out;
    }
}
