package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.DIMENSION;
import static org.dgmoe.app.config.StudySchema.DISTRIBUTION;
import static org.dgmoe.app.config.StudySchema.G0_COEFFICIENTS;
import static org.dgmoe.app.config.StudySchema.G0_DOF;
import static org.dgmoe.app.config.StudySchema.G0_FUNCTION;
import static org.dgmoe.app.config.StudySchema.G0_INTERCEPT;
import static org.dgmoe.app.config.StudySchema.G0_SCALE;
import static org.dgmoe.app.config.StudySchema.G0_SLOPE;
import static org.dgmoe.app.config.StudySchema.G0_TYPE;
import static org.dgmoe.app.config.StudySchema.G0_VARIANCE;
import static org.dgmoe.app.config.StudySchema.NORMAL_MEAN;
import static org.dgmoe.app.config.StudySchema.NORMAL_SD;
import static org.dgmoe.app.config.StudySchema.UNIFORM_MAX;
import static org.dgmoe.app.config.StudySchema.UNIFORM_MIN;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GateCovariates;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0.MeanFunction;
import org.dgmoe.core.model.GridCovariates;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.NormalCovariates;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.GofPlan;
import org.dgmoe.core.study.Setting;

/**
 * Reads one {@code dgmoe.study.settings[i]}: name, gating and deviation families, covariates, g0, truth (see
 * {@link Parameters#truth}), fit (see {@link FitReader}), theory, test.
 */
final class SettingReader {
    private SettingReader() {
    }

    /** The setting at {@code s}, or null when anything is wrong (every problem is reported). */
    static Setting read(Node s, LossSettings losses) {
        return read(s, losses, Map.of());
    }

    /**
     * The setting at {@code s} with the varied values of its rate-map point ({@link Vary}; empty for a
     * hand-written setting), or null when anything is wrong (every problem is reported).
     */
    static Setting read(Node s, LossSettings losses, Map<String, Double> varied) {
        if (s.has(StudySchema.SETTING_POPULATION.name())) {
            return PopulationReader.read(s, losses, varied);
        }
        Problems problems = s.problems();
        int before = problems.count();
        String name = s.string(StudySchema.SETTING_NAME);
        if (name != null && name.isBlank()) {
            problems.add(s.path(StudySchema.SETTING_NAME.name()), "must be a non-empty string");
        }
        int d = dimension(s);
        Gating.Type gating = type(s, StudySchema.SETTING_GATING, StudySchema.GATING_TYPE, Gating.Type.class,
                Gating.Type.CONSTANT);
        Deviation.Type deviation = type(s, StudySchema.SETTING_DEVIATION, StudySchema.DEVIATION_TYPE,
                Deviation.Type.class, Deviation.Type.CONSTANT);
        String family = family(gating, deviation);
        Law law = law(s, d, gating);
        G0 g0 = g0(s.child(StudySchema.SETTING_G0), d);
        GatedModel truth = null;
        Node t = s.child(StudySchema.SETTING_TRUTH);
        if (t == null && !s.has(StudySchema.SETTING_TRUTH.name())) {
            s.missing(StudySchema.SETTING_TRUTH.name(), StudySchema.SETTING_TRUTH.allowed() + " ("
                    + StudySchema.SETTING_TRUTH.doc() + "), or a population block in place of covariates and truth");
        }
        if (t != null && gating != null && deviation != null) {
            truth = Parameters.truth(t, g0, d, gating, deviation);
            t.finish();
        }
        Covariates covariates = law.covariates();
        if (law.gate() && truth != null && truth.gating() instanceof GaussianGating gate) {
            covariates = new GateCovariates(gate);
        }
        LocationScaleReader.checkScale(s.path(StudySchema.SETTING_G0.name()) + "." + StudySchema.G0_SCALE.name(), g0,
                covariates, problems);
        int kStar = truth != null ? truth.size() : peekExpertCount(t);
        FitSpec fit = FitReader.read(s.child(StudySchema.SETTING_FIT), problems, g0, d, kStar, losses,
                s.path(StudySchema.SETTING_FIT.name()), family, deviation);
        Map<String, Double> theory = theory(s.child(StudySchema.SETTING_THEORY));
        s.has(StudySchema.SETTING_VARY.name()); // expanded by StudyReader before; known, for suggestions
        GofPlan test = GofPlanReader.read(s.child(StudySchema.SETTING_TEST), g0);
        if (test != null && gating != null && gating != Gating.Type.CONSTANT) {
            // Setting refuses it too; said here so that it comes with the file's other problems, not after them.
            // A sigmoid deviation with constant gating is allowed (docs/gof.md, "A deviation local in x").
            problems.add(s.path(StudySchema.SETTING_TEST.name()), "is for settings with constant gating in this "
                    + "version (a constant or sigmoid deviation), and this is " + family + "; remove test or set "
                    + s.path(StudySchema.SETTING_GATING.name()) + " to { type = constant }");
            test = null;
        }
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
            return new Setting(name, covariates, truth, fit, theory, varied, test);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(s.path(), e);
            return null;
        }
    }

    /**
     * The family of a setting's model, as messages name it ("a setting with softmax gating and constant
     * deviation"); null for the constant-weight model (and for an invalid type, reported where it was read).
     */
    static String family(Gating.Type gating, Deviation.Type deviation) {
        return gating == null || deviation == null
                || gating == Gating.Type.CONSTANT && deviation == Deviation.Type.CONSTANT ? null
                : "a setting with " + gating.configName() + " gating and " + deviation.configName() + " deviation";
    }

    /**
     * The family {@code typeKey} of the optional block {@code blockKey} ({@code gating}, {@code deviation}):
     * {@code absent} when the block is, null when the block or its type is invalid (reported).
     */
    static <E extends Enum<E> & ConfigNamed> E type(Node s, Key blockKey, Key typeKey, Class<E> type,
            E absent) {
        boolean given = s.has(blockKey.name());
        Node block = s.child(blockKey);
        if (block == null) {
            return given ? null : absent;
        }
        E out = block.named(typeKey, type);
        block.finish();
        return out;
    }

    /**
     * The law of x as read from {@code covariates}: {@code gate} when it is the law of the Gaussian gate,
     * built once the truth is read ({@link GateCovariates}).
     */
    private record Law(Covariates covariates, boolean gate) {
    }

    /**
     * The setting's {@code covariates}, read before g0 and the truth so that problems are listed in the file's
     * order. Absent, it is {@code gate} under Gaussian gating and missing otherwise.
     */
    private static Law law(Node s, int d, Gating.Type gating) {
        Node c = s.child(StudySchema.SETTING_COVARIATES);
        if (c == null) {
            if (s.raw(StudySchema.SETTING_COVARIATES.name()) != null) {
                return new Law(null, false); // not an object: reported
            }
            if (gating == Gating.Type.GAUSSIAN) {
                return new Law(null, true);
            }
            if (gating != null) {
                s.missing(StudySchema.SETTING_COVARIATES);
            }
            return new Law(null, false);
        }
        boolean gate = Covariates.Distribution.GATE.configName().equals(c.raw(DISTRIBUTION.name()));
        return new Law(covariates(c, d, gating), gate);
    }

    /**
     * The covariate dimension d of a setting: covariates.dimension when given, else the length of
     * truth.experts[0].slope, else 1. Every slope and covariate list is then checked against it.
     */
    private static int dimension(Node s) {
        if (s.raw("covariates") instanceof Map<?, ?> c && c.get(DIMENSION.name()) instanceof Number n
                && DIMENSION.range().contains(n.doubleValue()) && n.doubleValue() == Math.rint(n.doubleValue())) {
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

    /**
     * {@code covariates} at {@code c} (null: none); null when wrong (reported) and for {@code gate}, whose law
     * is the truth's Gaussian gate ({@link #law}; a data command's setting without truth has none).
     *
     * @param gating the setting's gating family (null when invalid: {@code gate} is then not checked against it)
     */
    static Covariates covariates(Node c, int d, Gating.Type gating) {
        if (c == null) {
            return null;
        }
        Problems problems = c.problems();
        int before = problems.count();
        // When valid, it is d (see dimension()), and every slope is checked against it.
        c.integer(DIMENSION);
        Covariates.Distribution distribution = c.named(DISTRIBUTION, Covariates.Distribution.class);
        Covariates out = null;
        if (distribution == null) {
            c.skipUnknownCheck();
        } else {
            switch (distribution) {
                case UNIFORM -> {
                    double[] min = vector(c, UNIFORM_MIN, d);
                    double[] max = vector(c, UNIFORM_MAX, d);
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
                case NORMAL -> {
                    double[] mean = vector(c, NORMAL_MEAN, d);
                    double[] sd = vector(c, NORMAL_SD, d);
                    if (sd != null) {
                        for (int j = 0; j < d; j++) {
                            if (!NORMAL_SD.range().contains(sd[j])) {
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
                case GRID -> {
                    if (d != 1) {
                        problems.add(c.path("distribution"), "grid covariates need dimension 1, but the experts' slopes "
                                + "have " + d + " entries");
                    }
                    double min = c.number(UNIFORM_MIN);
                    double max = c.number(UNIFORM_MAX);
                    if (!Double.isNaN(min) && !Double.isNaN(max) && !(max > min)) {
                        problems.add(c.path("max"), "must be finite and > min = " + Node.format(min) + ", got "
                                + Node.format(max));
                    }
                    if (problems.count() == before) {
                        out = new GridCovariates(min, max);
                    }
                }
                case GATE -> {
                    if (gating != null && gating != Gating.Type.GAUSSIAN) {
                        problems.add(c.path(DISTRIBUTION.name()), "gate draws x from the law of the Gaussian gate "
                                + "(Σ_i w_i N(c_i, Γ_i)), which needs gating.type = gaussian, got "
                                + gating.configName() + "; use uniform, normal or grid");
                    }
                }
                // DISTRIBUTION's values leave population out (a population block makes it): refused as unknown.
                case POPULATION -> throw new IllegalStateException("covariates.distribution = population was read");
                default -> throw new IllegalStateException("a declared distribution without a reader: " + distribution);
            }
        }
        c.finish();
        return problems.count() > before ? null : out;
    }

    /** A scalar (broadcast to d coordinates) or a list of d numbers; the key's default when absent. */
    private static double[] vector(Node c, Key key, int d) {
        Object raw = c.raw(key.name());
        double[] out = new double[d];
        if (raw == null) {
            Arrays.fill(out, (Double) key.defaultValue());
            return out;
        }
        if (raw instanceof List<?>) {
            double[] v = c.numbers(key.name(), false, "");
            if (v == null) {
                return null;
            }
            if (v.length != d) {
                c.problems().add(c.path(key.name()), "must be a number or a list of d = " + d + " numbers, got a list "
                        + "of " + v.length);
                return null;
            }
            return v;
        }
        Double v = Node.toNumber(c.problems(), c.path(key.name()), raw);
        if (v == null) {
            return null;
        }
        Arrays.fill(out, v);
        return out;
    }

    static G0 g0(Node g, int d) {
        return g0(g, d, List.of(), false);
    }

    /**
     * The g0 at {@code g} of dimension d; with {@code data} (a setting without truth read for {@code dgmoe fit}
     * or {@code dgmoe test}) a location-scale g0's expressions may also name coordinate j by
     * {@code columns.get(j)} (the data's column names of {@code --x}, or empty), and {@code type = columns} is
     * accepted; without it (a sweep) {@code columns} is refused, since a sweep has no data columns.
     */
    static G0 g0(Node g, int d, List<String> columns, boolean data) {
        if (g == null) {
            return null;
        }
        Problems problems = g.problems();
        int before = problems.count();
        G0.Family type = g.named(G0_TYPE, G0.Family.class);
        G0 out = null;
        if (type == null) {
            g.skipUnknownCheck();
        } else {
            switch (type) {
                case NONE -> out = NoG0.INSTANCE;
                case GAUSSIAN_LINEAR -> {
                    double[] slope = Parameters.slope(g, G0_SLOPE, d);
                    double intercept = g.number(G0_INTERCEPT);
                    double variance = g.number(G0_VARIANCE);
                    if (problems.count() == before) {
                        out = new GaussianLinearG0(slope, intercept, variance);
                    }
                }
                case GAUSSIAN_NONLINEAR -> {
                    MeanFunction f = g.named(G0_FUNCTION, MeanFunction.class);
                    double[] coefficients = g.numbers(G0_COEFFICIENTS);
                    double variance = g.number(G0_VARIANCE);
                    if (f != null && coefficients != null && coefficients.length != f.coefficientCount()) {
                        problems.add(g.path(G0_COEFFICIENTS.name()), "function " + f.configName() + " takes "
                                + f.coefficientCount() + " coefficients, got " + coefficients.length);
                    }
                    if (problems.count() == before) {
                        out = new GaussianNonlinearG0(f, coefficients, variance);
                    }
                }
                case STUDENT_T -> {
                    double[] slope = Parameters.slope(g, G0_SLOPE, d);
                    double intercept = g.number(G0_INTERCEPT);
                    double scale = g.number(G0_SCALE);
                    double dof = g.number(G0_DOF);
                    if (problems.count() == before) {
                        out = new StudentTG0(slope, intercept, scale, dof);
                    }
                }
                case LOCATION_SCALE -> out = LocationScaleReader.read(g, d, columns);
                case COLUMNS -> {
                    if (data) {
                        out = LocationScaleReader.readColumns(g);
                    } else {
                        problems.add(g.path(G0_TYPE.name()), "columns reads a location and a scale per row of a "
                                + "data file, and a sweep has no data columns: use it with dgmoe fit or dgmoe test "
                                + "--data (a setting without truth), or write μ(x) and s(x) as expressions with "
                                + "type = location-scale");
                        g.skipUnknownCheck();
                    }
                }
                default -> throw new IllegalStateException("a declared g0 type without a reader: " + type);
            }
        }
        g.finish();
        return problems.count() > before ? null : out;
    }

    static Map<String, Double> theory(Node t) {
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
