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
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.GofPlan;

/** Reads one {@code dgmoe.study.settings[i]}: name, covariates, g0, truth, fit (see {@link FitReader}), theory. */
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
        Problems problems = s.problems();
        int before = problems.count();
        String name = s.string(StudySchema.SETTING_NAME);
        if (name != null && name.isBlank()) {
            problems.add(s.path(StudySchema.SETTING_NAME.name()), "must be a non-empty string");
        }
        int d = dimension(s);
        Covariates covariates = covariates(s.child(StudySchema.SETTING_COVARIATES), d);
        G0 g0 = g0(s.child(StudySchema.SETTING_G0), d);
        DeviatedModel truth = null;
        Node t = s.child(StudySchema.SETTING_TRUTH);
        if (t != null) {
            truth = Parameters.model(t, g0, d, 0, "");
            t.finish();
        }
        int kStar = truth != null ? truth.size() : peekExpertCount(t);
        FitSpec fit = FitReader.read(s.child(StudySchema.SETTING_FIT), problems, g0, d, kStar, losses,
                s.path(StudySchema.SETTING_FIT.name()));
        Map<String, Double> theory = theory(s.child(StudySchema.SETTING_THEORY));
        s.has(StudySchema.SETTING_VARY.name()); // expanded by StudyReader before; known, for suggestions
        GofPlan test = GofPlanReader.read(s.child(StudySchema.SETTING_TEST), g0);
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

    static Covariates covariates(Node c, int d) {
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
                default -> throw new IllegalStateException("a declared g0 type without a reader: " + type);
            }
        }
        g.finish();
        return problems.count() > before ? null : out;
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
