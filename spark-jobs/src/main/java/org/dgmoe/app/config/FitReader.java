package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.ACCELERATE;
import static org.dgmoe.app.config.StudySchema.BOUNDS;
import static org.dgmoe.app.config.StudySchema.BOUNDS_VARIANCE;
import static org.dgmoe.app.config.StudySchema.BOUNDS_WEIGHT;
import static org.dgmoe.app.config.StudySchema.FIT_EXPERTS;
import static org.dgmoe.app.config.StudySchema.FIT_LAMBDA;
import static org.dgmoe.app.config.StudySchema.INIT;
import static org.dgmoe.app.config.StudySchema.INIT_NOISE;
import static org.dgmoe.app.config.StudySchema.LOCATION_EXPONENT;
import static org.dgmoe.app.config.StudySchema.LOCATION_SCALE;
import static org.dgmoe.app.config.StudySchema.MAX_ITERATIONS;
import static org.dgmoe.app.config.StudySchema.RESTARTS;
import static org.dgmoe.app.config.StudySchema.START;
import static org.dgmoe.app.config.StudySchema.START_CHECK;
import static org.dgmoe.app.config.StudySchema.START_CHECK_FRACTION;
import static org.dgmoe.app.config.StudySchema.START_CHECK_RESTARTS;
import static org.dgmoe.app.config.StudySchema.STEP_TOLERANCE;
import static org.dgmoe.app.config.StudySchema.STOP;
import static org.dgmoe.app.config.StudySchema.TOLERANCE;
import static org.dgmoe.app.config.StudySchema.VARIANCE_EXPONENT;
import static org.dgmoe.app.config.StudySchema.VARIANCE_FLOOR;
import static org.dgmoe.app.config.StudySchema.VARIANCE_SCALE;

import java.util.TreeMap;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.em.ParameterBounds;
import org.dgmoe.core.em.StopRule;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.StartCheck;

/** Reads {@code settings[i].fit}: the fitted experts, λ, the start, EM's stopping rule and its checks. */
final class FitReader {
    private FitReader() {
    }

    /**
     * The fit at {@code f} (null: all defaults) of a setting with the given g0 (null when invalid),
     * dimension d and k* true experts (0 when unknown); null when anything is wrong.
     *
     * @param problems where the setting's problems go
     * @param path     the key path of the fit, for the problems of the record itself
     */
    static FitSpec read(Node f, Problems problems, G0 g0, int d, int kStar, LossSettings losses, String path) {
        return read(f, problems, g0, d, kStar, losses, path, null, Deviation.Type.CONSTANT);
    }

    /**
     * As {@link #read(Node, Problems, G0, int, int, LossSettings, String)} for a setting whose truth may be gated
     * by x. A gated setting starts near the truth or at random: {@code init = given}, {@code start} and
     * {@code start-check} are for constant-weight settings in this version, and a λ held at a number is a
     * constant λ, which a sigmoid deviation is not.
     *
     * @param family    the gated truth as messages name it ("a setting with softmax gating and constant
     *                  deviation"), or null for a constant-weight setting
     * @param deviation the truth's deviation family (null when invalid)
     */
    static FitSpec read(Node f, Problems problems, G0 g0, int d, int kStar, LossSettings losses, String path,
            String family, Deviation.Type deviation) {
        EmSettings em = EmSettings.DEFAULTS;
        boolean none = g0 != null && g0.isNone();
        if (f == null) {
            // All defaults: k = k*, λ free (fixed at 1 without g0), near-truth start.
            if (kStar < 1) {
                return null;
            }
            return fitSpec(problems, path, kStar, !none, Double.NaN, InitKind.NEAR_TRUTH, 1, em.withLambdaFree(!none),
                    NearTruthStart.DEFAULTS, null, StartCheck.OFF);
        }
        int before = problems.count();
        Long k = f.has(FIT_EXPERTS.name()) ? f.integer(FIT_EXPERTS) : kStar >= 1 ? Long.valueOf(kStar) : null;
        if (k != null && !FIT_EXPERTS.range().contains(k)) {
            problems.add(f.path(FIT_EXPERTS.name()), "must be " + FIT_EXPERTS.allowed() + " (it defaults to k*), got "
                    + k);
            k = null;
        }
        // λ: free | fixed | a number in [0, 1].
        boolean lambdaFree = !none;
        double fixedLambda = Double.NaN;
        Object lambda = f.raw(FIT_LAMBDA.name());
        String lambdaPath = f.path(FIT_LAMBDA.name());
        if (lambda != null) {
            if ("free".equals(lambda)) {
                if (none) {
                    problems.add(lambdaPath, "cannot be free when g0.type = none (λ is fixed at 1); remove it");
                }
            } else if ("fixed".equals(lambda)) {
                lambdaFree = false;
            } else if (lambda instanceof Number || lambda instanceof String s && isNumber(s)) {
                double v = Node.toNumber(problems, lambdaPath, lambda);
                if (!FIT_LAMBDA.range().contains(v)) {
                    problems.add(lambdaPath, "must be free, fixed, or a number " + FIT_LAMBDA.range().describe()
                            + ", got " + Node.format(v));
                } else if (deviation == Deviation.Type.SIGMOID) {
                    problems.add(lambdaPath, "must be free or fixed (at the start's λ(x)) under deviation.type = "
                            + "sigmoid; a number would hold a constant λ, got " + Node.format(v));
                } else if (none && v != 1) {
                    problems.add(lambdaPath, "must be 1 when g0.type = none, got " + Node.format(v));
                } else {
                    lambdaFree = false;
                    fixedLambda = none ? Double.NaN : v;
                }
            } else {
                problems.add(lambdaPath, "must be free, fixed (at the start's value), or a number "
                        + FIT_LAMBDA.range().describe() + ", got " + Node.describe(lambda));
            }
        }
        InitKind init = f.named(INIT, InitKind.class);
        if (family != null && init == InitKind.GIVEN) {
            problems.add(f.path(INIT.name()), "given is for constant-weight settings in this version, and this is "
                    + family + "; use " + InitKind.NEAR_TRUTH.configName() + " or " + InitKind.RANDOM.configName());
            init = null;
        }
        if (init == InitKind.NEAR_TRUTH && k != null && kStar >= 1 && k < kStar) {
            problems.add(f.path(FIT_EXPERTS.name()), "must be >= k* = " + kStar + " (the number of true experts) for "
                    + "init = near-truth, got " + k);
        }
        if (k != null && kStar >= 1) {
            // While every true atom keeps a fitted atom, a Voronoi cell holds at most k − k* + 1 atoms: the
            // losses need r̄(m) for every m in 2..k − k* + 1, and a missing one must fail here, before a sweep
            // starts, never in the middle of it. A larger cell leaves some true atom's cell empty; its Voronoi
            // loss is then NaN where r̄ is unknown (LossCalculator#cellOrder), never a guess.
            long largest = k - kStar + 1;
            for (int m = 2; m <= largest; m++) {
                if (!losses.rbar().containsKey(m)) {
                    problems.add(f.path(FIT_EXPERTS.name()), "k = " + k + " fitted experts against k* = " + kStar
                            + " true ones put up to " + largest + " atoms in a Voronoi cell, and r̄(" + m + ") is not "
                            + "known in closed form: give it as dgmoe.study.losses.voronoi.rbar." + m + " (known: "
                            + new TreeMap<>(losses.rbar()) + ")");
                    break;
                }
            }
        }
        Long restarts = f.integer(RESTARTS);
        Long maxIterations = f.integer(MAX_ITERATIONS);
        // Stopping rule. A tolerance given without a rule keeps the meaning it had before rules existed:
        // the published relative rule on plain EM (unless accelerate says otherwise), so existing
        // study files reproduce their published numbers.
        StopRule named = f.named(STOP, StopRule.class);
        boolean legacy = f.has(TOLERANCE.name()) && named == null;
        StopRule stop = named != null ? named : legacy ? StopRule.RELATIVE : StopRule.ABSOLUTE;
        double tolerance = f.has(TOLERANCE.name()) ? f.number(TOLERANCE) : EmSettings.defaultTolerance(stop);
        double stepTolerance = f.number(STEP_TOLERANCE);
        Acceleration namedAcceleration = f.named(ACCELERATE, Acceleration.class);
        Acceleration acceleration = namedAcceleration != null ? namedAcceleration
                : legacy ? Acceleration.NONE : em.acceleration();
        StartCheck startCheck;
        if (family != null && f.has(START_CHECK.name())) {
            problems.add(f.path(START_CHECK.name()), "is for constant-weight settings in this version, and this is "
                    + family + "; remove it");
            startCheck = null;
        } else {
            startCheck = startCheck(f.child(START_CHECK));
        }
        ParameterBounds bounds = bounds(f.child(BOUNDS));
        if (family != null && f.has(BOUNDS.name())) {
            problems.add(f.path(BOUNDS.name()), "is for constant-weight settings in this version (the gated fitter "
                    + "applies fit.variance-floor only), and this is " + family + "; remove it");
            bounds = null;
        }
        if (family != null && (acceleration == Acceleration.DAAREM || acceleration == Acceleration.DAAREM_NEWTON)) {
            problems.add(f.path(ACCELERATE.name()), "the gated fitter runs none, squarem or squarem-newton (and the "
                    + "SQUAREM schemes), not " + acceleration.configName() + ", and this is " + family);
        }
        double floor = f.number(VARIANCE_FLOOR);
        NearTruthStart noise = noise(f.child(INIT_NOISE));
        DeviatedModel start = null;
        Node s = f.child(START);
        if (s != null && family != null) {
            problems.add(f.path(START.name()), "is for constant-weight settings in this version, and this is "
                    + family + "; remove it and use init = " + InitKind.NEAR_TRUTH.configName() + " or "
                    + InitKind.RANDOM.configName());
        } else if (s != null) {
            if (init != InitKind.GIVEN) {
                problems.add(f.path(START.name()), "is only used with init = given; remove it or set init = given");
            }
            if (k != null) {
                start = Parameters.model(s, g0, d, k.intValue(), "fit.experts");
            }
            s.allow(Parameters.FIT_RESULT_KEYS);
            s.finish();
        } else if (init == InitKind.GIVEN) {
            f.missing(START.name(), "init = given needs start = { lambda, experts = [ { weight, slope, intercept, "
                    + "variance }, ... ] }");
        }
        f.finish();
        if (problems.count() > before || k == null || init == null || bounds == null) {
            return null;
        }
        return fitSpec(problems, path, k.intValue(), lambdaFree, fixedLambda, init, restarts.intValue(),
                new EmSettings(maxIterations.intValue(), tolerance, floor, lambdaFree, stop, stepTolerance,
                        acceleration, bounds), noise, start, startCheck);
    }

    /** The record, or null with its refusal reported at {@code path}. */
    private static FitSpec fitSpec(Problems problems, String path, int k, boolean lambdaFree, double fixedLambda,
            InitKind init, int restarts, EmSettings em, NearTruthStart noise, DeviatedModel start,
            StartCheck startCheck) {
        try {
            return new FitSpec(k, lambdaFree, fixedLambda, init, restarts, em, noise, start, startCheck);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(path, e);
            return null;
        }
    }

    /** {@code bounds}: {@link ParameterBounds#NONE} when absent; null when invalid (reported). */
    private static ParameterBounds bounds(Node b) {
        if (b == null) {
            return ParameterBounds.NONE;
        }
        double variance = b.number(BOUNDS_VARIANCE);
        double weight = b.number(BOUNDS_WEIGHT);
        b.finish();
        if (Double.isNaN(variance) || Double.isNaN(weight)) {
            return null;
        }
        try {
            return new ParameterBounds(variance, weight);
        } catch (IllegalArgumentException e) {
            b.problems().addRefusal(b.path(), e);
            return null;
        }
    }

    /** {@code start-check}: off when absent; null when invalid (reported). */
    private static StartCheck startCheck(Node sc) {
        if (sc == null) {
            return StartCheck.OFF;
        }
        double fraction = sc.number(START_CHECK_FRACTION);
        Long restarts = sc.integer(START_CHECK_RESTARTS);
        sc.finish();
        if (Double.isNaN(fraction) || restarts == null) {
            return null;
        }
        try {
            return new StartCheck(fraction, restarts.intValue());
        } catch (IllegalArgumentException e) {
            sc.problems().addRefusal(sc.path(), e);
            return null;
        }
    }

    /** {@code init-noise}: the defaults with the keys given laid over them; null when invalid (reported). */
    private static NearTruthStart noise(Node n) {
        if (n == null) {
            return NearTruthStart.DEFAULTS;
        }
        double ls = n.number(LOCATION_SCALE);
        double le = n.number(LOCATION_EXPONENT);
        double vs = n.number(VARIANCE_SCALE);
        double ve = n.number(VARIANCE_EXPONENT);
        n.finish();
        if (Double.isNaN(ls + le + vs + ve)) {
            return null;
        }
        try {
            return new NearTruthStart(ls, le, vs, ve);
        } catch (IllegalArgumentException e) {
            n.problems().addRefusal(n.path(), e);
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
}
