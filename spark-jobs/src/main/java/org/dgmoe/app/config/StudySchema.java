package org.dgmoe.app.config;

import static org.dgmoe.app.config.Key.Type.BOOLEAN;
import static org.dgmoe.app.config.Key.Type.EXPRESSION;
import static org.dgmoe.app.config.Key.Type.INTEGER;
import static org.dgmoe.app.config.Key.Type.INTEGERS_OR_GRID;
import static org.dgmoe.app.config.Key.Type.LAMBDA;
import static org.dgmoe.app.config.Key.Type.MATRIX;
import static org.dgmoe.app.config.Key.Type.NUMBER;
import static org.dgmoe.app.config.Key.Type.NUMBERS;
import static org.dgmoe.app.config.Key.Type.NUMBER_MAP;
import static org.dgmoe.app.config.Key.Type.NUMBER_OR_EXPRESSION;
import static org.dgmoe.app.config.Key.Type.NUMBER_OR_NUMBERS;
import static org.dgmoe.app.config.Key.Type.OBJECT;
import static org.dgmoe.app.config.Key.Type.OBJECTS;
import static org.dgmoe.app.config.Key.Type.STRING;
import static org.dgmoe.app.config.Key.Type.STRINGS;
import static org.dgmoe.app.config.Key.Type.STRING_MAP;
import static org.dgmoe.app.config.Key.Type.VARY;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.em.StopRule;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.Covariates.Distribution;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.G0.Family;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianNonlinearG0.MeanFunction;
import org.dgmoe.core.model.LocationScaleG0.Shape;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.GofPlan;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.IntervalPlan;
import org.dgmoe.core.study.StartCheck;
import org.dgmoe.core.uncertainty.IntervalMethod;

/**
 * Every key of every {@code dgmoe.*} section, declared once. The readers take their defaults, type
 * and range checks from here; the key tables of docs/config.md are rendered from {@link #KEYS} (and a
 * test fails when they drift). Bounds and defaults that a core record also enforces come from that
 * record's constants, so they are written once.
 */
public final class StudySchema {
    private static final int INT = Integer.MAX_VALUE;

    private static final String STUDY = "dgmoe.study";
    private static final String SIZES = STUDY + ".sample-sizes";
    private static final String SETTING = STUDY + ".settings[]";
    private static final String COVARIATES = SETTING + ".covariates";
    private static final String G0 = SETTING + ".g0";
    private static final String TRUTH = SETTING + ".truth";
    private static final String POPULATION = SETTING + ".population";
    private static final String FIT = SETTING + ".fit";
    private static final String GATING = SETTING + ".gating";
    private static final String DEVIATION = SETTING + ".deviation";
    private static final String GATE = TRUTH + ".experts[].gate";
    private static final String LOSSES = STUDY + ".losses";
    private static final String INTERVALS = STUDY + ".intervals";
    private static final String RATES = "dgmoe.rates";

    // ------------------------------------------------------------------ dgmoe
    public static final Key DGMOE_STUDY = Key.required(STUDY, OBJECT, "the study: name, seed, replicates, "
            + "sample-sizes, settings");
    public static final Key DGMOE_RATES = Key.optional(RATES, OBJECT, null, "how rates are estimated from the "
            + "curves").defaultText("all defaults");
    public static final Key DGMOE_SPARK = Key.optional("dgmoe.spark", OBJECT, null, "the sweep's Spark session")
            .defaultText("all defaults");
    public static final Key DGMOE_OUTPUT = Key.optional("dgmoe.output", OBJECT, null, "where the sweep writes")
            .defaultText("all defaults");
    public static final Key DGMOE_SWEEP = Key.optional("dgmoe.sweep", OBJECT, null, "how the sweep runs")
            .defaultText("all defaults");

    // ------------------------------------------------------------------ dgmoe.study
    public static final Key NAME = Key.required(STUDY + ".name", STRING, "names the study's output")
            .constraint("non-empty");
    public static final Key SEED = Key.required(STUDY + ".seed", INTEGER, "every random stream derives from it and "
            + "the task key (setting name, n, replicate)").constraint("64-bit");
    public static final Key REPLICATES = Key.required(STUDY + ".replicates", INTEGER, "replicates per (setting, n)")
            .range(Range.closed(1, INT));
    public static final Key SAMPLE_SIZES = Key.required(SIZES, INTEGERS_OR_GRID, "the sample sizes n: a list, or a "
            + "grid { min, max, count, spacing }");
    public static final Key SETTINGS = Key.required(STUDY + ".settings", OBJECTS, "the settings")
            .constraint("at least one; names unique");
    public static final Key LOSSES_SECTION = Key.optional(LOSSES, OBJECT, null, "loss settings shared by all "
            + "settings").defaultText("all defaults");
    public static final Key INTERVALS_SECTION = Key.optional(INTERVALS, OBJECT, null, "a coverage study: every fit "
            + "also gets intervals for every true parameter, matched to the truth's atoms by the Voronoi cells, kept in "
            + "`fits/` (`<method>_lower`, `<method>_upper`, `<method>_notes`) and counted against the truth in "
            + "`coverage/` (docs/uncertainty.md, \"Coverage\")").constraint("settings of constant gating only")
            .defaultText("none: no intervals, no `coverage/`");

    // ------------------------------------------------------------------ intervals (coverage)
    public static final Key INTERVALS_METHODS = Key.optional(INTERVALS + ".methods", STRINGS, null, "how the "
            + "intervals are made; `wald`: from the observed information and the delta method, as `dgmoe fit` "
            + "reports them; `bootstrap-percentile`, `bootstrap-basic`: the two intervals of the same B parametric "
            + "refits per fit, as `dgmoe fit --bootstrap B` reports them (refits run once when both are named)")
            .values(ConfigNamed.configNames(IntervalMethod.class))
            .constraint("distinct").defaultText("`[wald]`");
    public static final Key INTERVALS_LEVEL = Key.optional(INTERVALS + ".level", NUMBER, IntervalPlan.DEFAULT_LEVEL,
            "the intervals' nominal level").range(Range.open(0, 1));
    public static final Key INTERVALS_BOOTSTRAP = Key.optional(INTERVALS + ".bootstrap", INTEGER, null, "B, the "
            + "parametric bootstrap refits per fit, from the estimate, keyed by the task's seed (docs/uncertainty.md, "
            + "\"Bootstrap intervals\")").range(Range.closed(1, GofPlan.MAX_BOOTSTRAP))
            .constraint("required with a bootstrap method among `methods`, refused without one");

    // ------------------------------------------------------------------ sample sizes
    public static final Key SIZE = Key.required(SIZES + "[]", INTEGER, "the list form: each sample size, strictly "
            + "increasing").range(Range.closed(1, INT));
    public static final Key GRID_MIN = Key.required(SIZES + ".min", INTEGER, "the smallest n")
            .range(Range.closed(1, INT));
    public static final Key GRID_MAX = Key.required(SIZES + ".max", INTEGER, "the largest n")
            .range(Range.closed(1, INT)).constraint("≥ min");
    public static final Key GRID_COUNT = Key.required(SIZES + ".count", INTEGER, "the number of sizes before "
            + "equal neighbours are merged").range(Range.closed(1, 100_000)).constraint("1 needs min = max");
    public static final Key GRID_SPACING = Key.optional(SIZES + ".spacing", STRING, GridSpacing.LOG.configName(),
            "`log`: equal steps in log n; `linear`: equal steps in n").values(GridSpacing.class);

    // ------------------------------------------------------------------ a setting
    public static final Key SETTING_NAME = Key.required(SETTING + ".name", STRING, "part of every task's random "
            + "key, so renaming a setting changes its data").constraint("non-empty, unique in the study");
    public static final Key SETTING_COVARIATES = Key.optional(COVARIATES, OBJECT, null, "the law of x (not needed "
            + "by `dgmoe fit` and `dgmoe test` on data, docs/gof.md)")
            .defaultText("required, except with `gating.type = gaussian`: `{ distribution = gate }`");
    public static final Key SETTING_G0 = Key.required(G0, OBJECT, "the known density");
    public static final Key SETTING_GATING = Key.optional(GATING, OBJECT, null, "how the experts share x: the "
            + "gating π(x) of the truth (\"Gating and deviation\" below, docs/gating.md)")
            .defaultText("`{ type = constant }`");
    public static final Key SETTING_DEVIATION = Key.optional(DEVIATION, OBJECT, null, "how λ depends on x: the "
            + "deviation λ(x) of the truth (\"Gating and deviation\" below)").defaultText("`{ type = constant }`");
    public static final Key SETTING_TRUTH = Key.optional(TRUTH, OBJECT, null, "λ* and the true experts (not "
            + "needed by `dgmoe fit` and `dgmoe test` on data: they need g0 and `fit.experts`, docs/gof.md)")
            .defaultText("required, except with `population`");
    public static final Key SETTING_POPULATION = Key.optional(POPULATION, OBJECT, null, "a data file as the "
            + "population, in place of `covariates` and `truth`: each task draws its n rows from it, and the truth is "
            + "the full-data MLE of the model (docs/population.md)").constraint("not with `covariates` or `truth`; "
            + "constant gating and deviation; no `test`").defaultText("none: data simulated from `truth`");
    public static final Key POPULATION_DATA = Key.required(POPULATION + ".data", STRING, "the CSV or Parquet file "
            + "(as `--data` reads it), relative to the study file's folder; its content hash is part of the config "
            + "hash");
    public static final Key POPULATION_X = Key.required(POPULATION + ".x", STRINGS, "the covariate columns, in "
            + "the order of the slopes (d = their number)").constraint("columns of the file");
    public static final Key POPULATION_Y = Key.required(POPULATION + ".y", STRING, "the response column")
            .constraint("a column of the file");
    public static final Key POPULATION_SAMPLE = Key.optional(POPULATION + ".sample", STRING,
            Population.Sampling.WITHOUT_REPLACEMENT.configName(), "how a task draws its n rows of the N; without "
            + "replacement every n must be < N, and the sweep warns above n = N/10 (the replicates' samples overlap, "
            + "so they are no longer independent draws)").values(Population.Sampling.class);
    public static final Key POPULATION_EXPERTS = Key.optional(POPULATION + ".experts", INTEGER, null, "k*, the "
            + "experts of the truth (the full-data MLE); `fit.experts` above it over-fits")
            .range(Range.closed(1, FitSpec.MAX_EXPERTS)).defaultText("`fit.experts`");
    public static final Key SETTING_FIT = Key.optional(FIT, OBJECT, null, "how the model is fitted")
            .defaultText("all defaults");
    public static final Key SETTING_THEORY = Key.optional(SETTING + ".theory", NUMBER_MAP, null, "`{ <metric> = "
            + "<exponent> }`: the expected exponent of n of a metric of this setting, or `unknown`")
            .range(Range.FINITE);
    public static final Key SETTING_VARY = Key.optional(SETTING + ".vary", VARY, null, "a rate map: the setting "
            + "becomes one setting per point, named `<name>:<column>=<value>,...` (\"Rate maps\" below)")
            .constraint("at most " + Vary.MAX_POINTS + " points");

    // ------------------------------------------------------------------ vary (rate maps)
    public static final Key VARY_VALUES = Key.required(SETTING + ".vary.\"<key path>\"", NUMBERS, "the values of the "
            + "number at the key path (`g0.intercept`, `truth.experts[0].slope[0]`): object keys joined by `.`, list "
            + "elements `[i]`, starting in `covariates`, `g0`, `truth`, `fit` or `theory`").range(Range.FINITE)
            .constraint("at least one path; non-empty, distinct values");
    public static final Key VARY_ZIP = Key.optional(SETTING + ".vary." + Vary.ZIP, BOOLEAN, false, "`false`: the "
            + "cartesian product of the lists (paths in alphabetical order, the first varies slowest); `true`: the lists paired element by "
            + "element").constraint("true needs lists of one length");

    public static final Key SETTING_TEST = Key.optional(SETTING + ".test", OBJECT, null, "a size and power study: "
            + "the sweep also tests H0 \"the data come from g0\" on every (n, replicate) data set of the setting, "
            + "against one shared null sample of `bootstrap` refits per n (tables `tests/`, `power/`, `nulls/`; "
            + "docs/gof.md)").constraint("needs a g0 other than `none` and constant gating; a `sigmoid` deviation is "
            + "allowed (power/ then places it by E_x λ(x), docs/gof.md)").defaultText("none: no test");

    // ------------------------------------------------------------------ test (size and power)
    public static final Key TEST_BOOTSTRAP = Key.optional(SETTING + ".test.bootstrap", INTEGER, null, "B, the null "
            + "refits of the null sample every replicate of one (setting, n) shares; conditional on it the size at "
            + "α has standard error √(α(1 − α)/B), so it must be large. Below the default the sweep warns (each "
            + "p-value stays exact; `power/` widens the size band by 1/B)")
            .range(Range.closed(1, GofPlan.MAX_BOOTSTRAP))
            .constraint("≥ ⌈1/α⌉ − 1 for the smallest α (else no p-value can reach it)")
            .defaultText("max(" + GofPlan.BOOTSTRAP_PER_REPLICATE + " · replicates, "
                    + GofPlan.MINIMUM_BOOTSTRAP + ") rounded up to 100·j − 1");
    public static final Key TEST_ALPHA = Key.optional(SETTING + ".test.alpha", NUMBERS, null, "the levels α; a "
            + "replicate is rejected at α when its p-value is ≤ α").range(Range.open(0, 1))
            .constraint("non-empty, strictly increasing").defaultText("`[0.01, 0.05, 0.1]`");

    // ------------------------------------------------------------------ gating and deviation
    public static final Key GATING_TYPE = Key.optional(GATING + ".type", STRING, Gating.Type.CONSTANT.configName(),
            "`constant`: π_i(x) = p_i, each expert's `weight` (the deviated model); `softmax`: π_i(x) ∝ exp(β_iᵀx + "
            + "β_i0), each expert's `gate { slope, intercept }`; `gaussian`: π_i(x) ∝ w_i N(x; c_i, Γ_i), each "
            + "expert's `gate { weight, mean, covariance }`").values(Gating.Type.class)
            .constraint("not `constant`: no `test`, `fit.init = given`, `fit.start` or `fit.start-check`");
    public static final Key DEVIATION_TYPE = Key.optional(DEVIATION + ".type", STRING,
            Deviation.Type.CONSTANT.configName(), "`constant`: λ(x) = `truth.lambda`, a number; `sigmoid`: λ(x) = "
            + "1/(1 + exp(−(γᵀx + γ0))), `truth.lambda { slope, intercept }`").values(Deviation.Type.class)
            .constraint("`sigmoid` needs a g0 other than `none`");

    // ------------------------------------------------------------------ covariates
    public static final Key DISTRIBUTION = Key.required(COVARIATES + ".distribution", STRING, "`uniform`: "
            + "independent uniform coordinates; `normal`: independent normal coordinates; `grid`: n equally "
            + "spaced points (deterministic, d = 1); `gate`: x ~ Σ_i w_i N(c_i, Γ_i), the law the Gaussian gate "
            + "implies (only with `gating.type = gaussian`; no other key)").values(Arrays.stream(Distribution.values())
            .filter(v -> v != Distribution.POPULATION).map(Distribution::configName).toArray(String[]::new));
    /** The largest covariate dimension d. */
    public static final int MAX_DIMENSION = 10_000;
    public static final Key DIMENSION = Key.optional(COVARIATES + ".dimension", INTEGER, null, "the covariate "
            + "dimension d; every slope must have d entries").range(Range.closed(1, MAX_DIMENSION))
            .defaultText("length of `truth.experts[0].slope`");
    public static final Key UNIFORM_MIN = Key.optional(COVARIATES + ".min", NUMBER_OR_NUMBERS, 0.0, "`uniform` and "
            + "`grid` (a number for grid): the lower end").range(Range.FINITE);
    public static final Key UNIFORM_MAX = Key.optional(COVARIATES + ".max", NUMBER_OR_NUMBERS, 1.0, "`uniform` and "
            + "`grid` (a number for grid): the upper end").range(Range.FINITE).constraint("> min in every coordinate");
    public static final Key NORMAL_MEAN = Key.optional(COVARIATES + ".mean", NUMBER_OR_NUMBERS, 0.0, "`normal`: the "
            + "mean").range(Range.FINITE);
    public static final Key NORMAL_SD = Key.optional(COVARIATES + ".sd", NUMBER_OR_NUMBERS, 1.0, "`normal`: the "
            + "standard deviation").range(Range.above(0));

    // ------------------------------------------------------------------ g0
    public static final Key G0_TYPE = Key.required(G0 + ".type", STRING, "the family of g0")
            .values(Family.class);
    public static final Key G0_SLOPE = Key.required(G0 + ".slope", NUMBERS, "`gaussian-linear`, `student-t`: the "
            + "d coefficients of x").range(Range.FINITE).constraint("d entries");
    public static final Key G0_INTERCEPT = Key.required(G0 + ".intercept", NUMBER, "`gaussian-linear`, "
            + "`student-t`: the intercept").range(Range.FINITE);
    public static final Key G0_VARIANCE = Key.required(G0 + ".variance", NUMBER, "`gaussian-linear`, "
            + "`gaussian-nonlinear`: the variance σ0").range(Range.above(0));
    public static final Key G0_FUNCTION = Key.required(G0 + ".function", STRING, "`gaussian-nonlinear`: the mean "
            + "function m(s)").values(MeanFunction.class);
    public static final Key G0_COEFFICIENTS = Key.required(G0 + ".coefficients", NUMBERS, "`gaussian-nonlinear`: "
            + "[c0, c1] for sin and exp, [c0, c1, c2] for quadratic").range(Range.FINITE);
    public static final Key G0_SCALE = Key.required(G0 + ".scale", NUMBER_OR_EXPRESSION, "`student-t`: the scale s; "
            + "`location-scale`: s(x), a number or an expression as `location`; `columns`: the data column of sᵢ")
            .range(Range.above(0))
            .constraint("and finite at every x g0 meets (`location-scale`: checked on the data, or on "
                    + LocationScaleReader.PROBE_POINTS + " draws of the covariates in a study; `columns`: at every "
                    + "data row)");
    public static final Key G0_DOF = Key.required(G0 + ".dof", NUMBER, "`student-t`, and `location-scale` or "
            + "`columns` with `family = student-t`: the degrees of freedom ν").range(Range.above(0));
    public static final Key G0_FAMILY = Key.required(G0 + ".family", STRING, "`location-scale`, `columns`: the "
            + "standard density f of g0 = f((y − μ(x))/s(x))/s(x)").values(Shape.class);
    public static final Key G0_LOCATION = Key.required(G0 + ".location", EXPRESSION, "`location-scale`: μ(x), "
            + "an expression of the covariates x1 … xd: numbers, + − * / ^, parentheses, pi and the functions "
            + "exp, log, log1p, expm1, sqrt, abs, sin, cos, tan, sinh, cosh, tanh, asin, acos, atan, atan2, min, "
            + "max, pow (nothing else: no method calls, no other names); for `dgmoe fit`/`dgmoe test` in a setting "
            + "without truth, also the data's `--x` column names. `columns`: the data column of μᵢ");

    // ------------------------------------------------------------------ truth (and every parameter object)
    public static final Key LAMBDA_TRUE = Key.required(TRUTH + ".lambda", NUMBER, "λ*, the weight of the experts "
            + "against g0; must be 1 or absent for g0 `none`. With `deviation.type = sigmoid` an object "
            + "`{ slope, intercept }` instead").range(Range.closed(0, 1));
    public static final Key LAMBDA_SLOPE = Key.required(TRUTH + ".lambda.slope", NUMBERS, "`deviation.type = "
            + "sigmoid`: γ, the d coefficients of x in λ(x) = 1/(1 + exp(−(γᵀx + γ0)))").range(Range.FINITE)
            .constraint("d entries");
    public static final Key LAMBDA_INTERCEPT = Key.required(TRUTH + ".lambda.intercept", NUMBER, "`deviation.type "
            + "= sigmoid`: γ0").range(Range.FINITE);
    public static final Key EXPERTS = Key.required(TRUTH + ".experts", OBJECTS, "the true experts; k* = its length")
            .constraint("at least one; the weights sum to 1 within " + Key.docNumber(MixingMeasure.WEIGHT_SUM_TOLERANCE));
    public static final Key WEIGHT = Key.required(TRUTH + ".experts[].weight", NUMBER, "the expert's weight pᵢ "
            + "(`gating.type = constant`; the other gatings give `gate` instead)").range(Range.aboveUpTo(0, 1));
    public static final Key EXPERT_GATE = Key.required(GATE, OBJECT, "`gating.type` softmax or gaussian: the "
            + "expert's gate, in place of `weight`").constraint("not allowed with `gating.type = constant`");
    public static final Key GATE_SLOPE = Key.required(GATE + ".slope", NUMBERS, "softmax: β_i, the d coefficients "
            + "of x in the gate score β_iᵀx + β_i0 (the gates are identified up to a common shift)")
            .range(Range.FINITE).constraint("d entries");
    public static final Key GATE_INTERCEPT = Key.required(GATE + ".intercept", NUMBER, "softmax: β_i0")
            .range(Range.FINITE);
    public static final Key GATE_WEIGHT = Key.required(GATE + ".weight", NUMBER, "gaussian: w_i, the weight of the "
            + "expert's component of the law of x").range(Range.aboveUpTo(0, 1))
            .constraint("the weights sum to 1 within " + Key.docNumber(MixingMeasure.WEIGHT_SUM_TOLERANCE));
    public static final Key GATE_MEAN = Key.required(GATE + ".mean", NUMBERS, "gaussian: c_i, the mean of x in the "
            + "expert's component").range(Range.FINITE).constraint("d entries");
    public static final Key GATE_COVARIANCE = Key.required(GATE + ".covariance", MATRIX, "gaussian: Γ_i, the "
            + "covariance of x in the expert's component, as rows").range(Range.FINITE)
            .constraint("symmetric positive definite");
    public static final Key SLOPE = Key.required(TRUTH + ".experts[].slope", NUMBERS, "the d coefficients aᵢ of x")
            .range(Range.FINITE).constraint("d entries");
    public static final Key INTERCEPT = Key.required(TRUTH + ".experts[].intercept", NUMBER, "the intercept bᵢ")
            .range(Range.FINITE);
    public static final Key VARIANCE = Key.required(TRUTH + ".experts[].variance", NUMBER, "σᵢ, a variance, not "
            + "a standard deviation").range(Range.above(0));

    // ------------------------------------------------------------------ fit
    public static final Key FIT_EXPERTS = Key.optional(FIT + ".experts", INTEGER, null, "k, the fitted experts; "
            + "≥ k* with `init = near-truth`. When k − k* + 1 ≥ 2, `losses.voronoi.rbar` must hold r̄(m) for every "
            + "cell size m ≤ k").range(Range.closed(1, FitSpec.MAX_EXPERTS)).defaultText("k*");
    public static final Key FIT_LAMBDA = Key.optional(FIT + ".lambda", LAMBDA, null, "`free`: estimated; `fixed`: "
            + "held at the start's value (λ* for near-truth and random starts, `start.lambda` for given starts); a "
            + "number: held at that value").range(Range.closed(0, 1))
            .defaultText("`free` (fixed at 1 for g0 `none`)");
    public static final Key INIT = Key.optional(FIT + ".init", STRING, InitKind.NEAR_TRUTH.configName(),
            "`near-truth`: the truth plus "
            + "n-dependent noise (reference §6; with λ free and λ* = 0 or 1, λ starts at 0.05 or 0.95, since EM can "
            + "never leave λ = 0 or 1); `random`: data-driven random starts; `given`: `start`")
            .values(InitKind.class);
    public static final Key RESTARTS = Key.optional(FIT + ".restarts", INTEGER, 1L, "starts; the fit with the "
            + "largest finite log-likelihood is kept").range(Range.closed(1, FitSpec.MAX_RESTARTS));
    public static final Key MAX_ITERATIONS = Key.optional(FIT + ".max-iterations", INTEGER,
            (long) EmSettings.DEFAULT_MAX_ITERATIONS, "cap on EM-map evaluations (M-steps; SQUAREM spends up to 3 per "
            + "iteration). A fit that reaches it has status `MAX_ITERATIONS` (`max_iterations` in the sweep's "
            + "tables)").range(Range.closed(1, INT));
    public static final Key STOP = Key.optional(FIT + ".stop", STRING, null, "the stopping rule "
            + "(docs/convergence.md). `absolute`: \\|ℓ_t − ℓ_{t−1}\\| < `tolerance` (the change of the *mean* "
            + "log-likelihood below `tolerance`/n) **and** the largest scaled parameter step < `step-tolerance`. "
            + "`relative`: the published \\|ℓ_t − ℓ_{t−1}\\|/\\|ℓ_{t−1}\\| < `tolerance` (reference §6), kept to "
            + "reproduce published studies; it stops ever earlier as n grows and fakes rates")
            .values(StopRule.class)
            .defaultText("`absolute` (`relative` when `tolerance` is given without `stop`: its meaning before rules "
                    + "existed)");
    public static final Key TOLERANCE = Key.optional(FIT + ".tolerance", NUMBER, null, "the tolerance of `stop`; 0 "
            + "runs exactly `max-iterations` EM-map evaluations (benchmarks)").range(Range.atLeast(0))
            .defaultText(Key.docNumber(EmSettings.DEFAULT_ABSOLUTE_TOLERANCE) + " (`absolute`), "
                    + Key.docNumber(EmSettings.DEFAULT_RELATIVE_TOLERANCE) + " (`relative`)");
    public static final Key STEP_TOLERANCE = Key.optional(FIT + ".step-tolerance", NUMBER,
            EmSettings.DEFAULT_STEP_TOLERANCE, "bound on the largest scaled step of `stop = absolute`: "
            + "max(\\|Δλ\\|, \\|Δp_i\\|, \\|Δa_ij\\|/√σ_i, \\|Δb_i\\|/√σ_i, \\|Δσ_i\\|/σ_i)").range(Range.above(0));
    public static final Key ACCELERATE = Key.optional(FIT + ".accelerate", STRING, null, "`squarem-newton`: "
            + "SQUAREM, then Newton steps in unconstrained coordinates once EM has nearly stalled, converged also "
            + "when the predicted gain of a Newton step is below `tolerance` (docs/convergence.md, \"Fewer "
            + "evaluations\"); `squarem`: SQUAREM-accelerated EM (Varadhan & Roland 2008, step scheme S3; "
            + "`squarem-s1`, `squarem-s2`: schemes S1, S2); `daarem`: damped Anderson acceleration with restarts "
            + "(Henderson & Varadhan 2019), `daarem-newton` with the Newton polish; `none`: plain EM. All are "
            + "monotone; the comparison is in docs/convergence.md").values(Acceleration.class)
            .defaultText("`squarem-newton` (`none` when `tolerance` is given without `stop`: the published EM)");
    public static final Key START_CHECK = Key.optional(FIT + ".start-check", OBJECT, null, "start sensitivity: "
            + "refits a share of the replicates (chosen from the task seed) from random starts and records whether "
            + "the best random start reached a different maximum (fits/ columns `start_*`)").defaultText("off");
    public static final Key START_CHECK_FRACTION = Key.optional(FIT + ".start-check.fraction", NUMBER, 0.1, "the "
            + "share of replicates refitted from random starts").range(Range.closed(0, 1));
    public static final Key START_CHECK_RESTARTS = Key.optional(FIT + ".start-check.restarts", INTEGER,
            (long) StartCheck.DEFAULT_RESTARTS, "random starts per checked replicate")
            .range(Range.closed(1, StartCheck.MAX_RESTARTS));
    public static final Key VARIANCE_FLOOR = Key.optional(FIT + ".variance-floor", NUMBER,
            EmSettings.DEFAULT_VARIANCE_FLOOR, "lower bound of every fitted variance (the likelihood is unbounded as "
            + "a variance → 0)").range(Range.above(0));
    public static final Key BOUNDS = Key.optional(FIT + ".bounds", OBJECT, null, "the compact parameter space of "
            + "the theory, enforced in the M-step (projected weights, floored variances; docs/convergence.md, "
            + "\"Bounds\")").defaultText("off");
    public static final Key BOUNDS_VARIANCE = Key.optional(FIT + ".bounds.variance", NUMBER, 0.0, "every fitted "
            + "variance ≥ this × the sample variance of the responses (0: only `variance-floor`)")
            .range(new Range(0, false, 1, true));
    public static final Key BOUNDS_WEIGHT = Key.optional(FIT + ".bounds.weight", NUMBER, 0.0, "every mixing "
            + "weight p_i ≥ this (0: none)").range(new Range(0, false, 1, true)).constraint("below 1/`experts`");
    public static final Key INIT_NOISE = Key.optional(FIT + ".init-noise", OBJECT, null, "near-truth start noise")
            .defaultText("all defaults");
    public static final Key START = Key.optional(FIT + ".start", OBJECT, null, "the start of `init = given`: a "
            + "parameter object (the keys of `truth`) with `fit.experts` experts").constraint("required with `init = "
            + "given`, not allowed otherwise");

    // ------------------------------------------------------------------ init-noise
    public static final Key LOCATION_SCALE = Key.optional(FIT + ".init-noise.location-scale", NUMBER,
            NearTruthStart.DEFAULTS.locationScale(), "scale of the slope and intercept noise")
            .range(Range.atLeast(0));
    public static final Key LOCATION_EXPONENT = Key.optional(FIT + ".init-noise.location-exponent", NUMBER,
            NearTruthStart.DEFAULTS.locationExponent(), "exponent of n of the slope and intercept noise")
            .range(Range.FINITE);
    public static final Key VARIANCE_SCALE = Key.optional(FIT + ".init-noise.variance-scale", NUMBER,
            NearTruthStart.DEFAULTS.varianceScale(), "scale of the variance noise").range(Range.atLeast(0));
    public static final Key VARIANCE_EXPONENT = Key.optional(FIT + ".init-noise.variance-exponent", NUMBER,
            NearTruthStart.DEFAULTS.varianceExponent(), "exponent of n of the variance noise").range(Range.FINITE);

    // ------------------------------------------------------------------ losses
    public static final Key VORONOI = Key.optional(LOSSES + ".voronoi", OBJECT, null, "the Voronoi loss")
            .defaultText("all defaults");
    public static final Key RBAR = Key.optional(LOSSES + ".voronoi.rbar", NUMBER_MAP, null, "`{ m = r̄(m) }`, laid "
            + "over the defaults. r̄(m) for m ≥ 4 is not known in closed form: dgmoe never guesses, it must be given "
            + "here for every m up to k − k* + 1 (docs/losses.md)").range(Range.closed(1, LossSettings.MAX_ORDER)).constraint("keys: cell sizes m ≥ 2; integer "
            + "values").defaultText("`" + new java.util.TreeMap<>(LossSettings.DEFAULTS.rbar()).toString()
            .replace("=", " = ") + "`");
    public static final Key WASSERSTEIN = Key.optional(LOSSES + ".wasserstein", OBJECT, null, "the generalized "
            + "Wasserstein loss").defaultText("all defaults");
    public static final Key WASSERSTEIN_ORDER = Key.optional(LOSSES + ".wasserstein.order", INTEGER,
            (long) LossSettings.DEFAULTS.wassersteinOrder(), "order r of W̃_r; 0 means r̄(k − k* + 1) (1 when k = k*)")
            .range(Range.closed(0, LossSettings.MAX_ORDER));
    public static final Key HELLINGER = Key.optional(LOSSES + ".hellinger", OBJECT, null, "the expected Hellinger "
            + "distance").defaultText("all defaults");
    public static final Key COVARIATE_POINTS = Key.optional(LOSSES + ".hellinger.covariate-points", INTEGER,
            (long) LossSettings.DEFAULTS.hellingerCovariatePoints(), "Monte Carlo points over x")
            .range(Range.closed(1, LossSettings.MAX_COVARIATE_POINTS));
    public static final Key QUADRATURE_NODES = Key.optional(LOSSES + ".hellinger.quadrature-nodes", INTEGER,
            (long) LossSettings.DEFAULTS.hellingerQuadratureNodes(), "the adaptive quadrature's budget over y per "
            + "point (docs/losses.md)")
            .range(Range.closed(LossSettings.MIN_QUADRATURE_NODES, LossSettings.MAX_QUADRATURE_NODES));
    public static final Key RELATIVE_TOLERANCE = Key.optional(LOSSES + ".hellinger.relative-tolerance", NUMBER,
            LossSettings.DEFAULT_HELLINGER_RELATIVE_TOLERANCE, "the quadrature stops when its estimated error of H² "
            + "at a point is below this fraction of H²; the default keeps E_x H within about 5e-7 relative, a thousand "
            + "times below any Monte Carlo error of a study (measured errors ≤ 1e-9, docs/losses.md)")
            .range(Range.closed(LossSettings.MIN_RELATIVE_TOLERANCE, LossSettings.MAX_RELATIVE_TOLERANCE));

    // ------------------------------------------------------------------ rates
    public static final Key BOOTSTRAP = Key.optional(RATES + ".bootstrap", INTEGER,
            (long) RateSettings.DEFAULTS.bootstrapResamples(), "bootstrap resamples (over replicates) for the "
            + "rate's interval").range(Range.closed(RateSettings.MIN_BOOTSTRAP, RateSettings.MAX_BOOTSTRAP));
    public static final Key CONFIDENCE = Key.optional(RATES + ".confidence", NUMBER,
            RateSettings.DEFAULTS.confidence(), "the interval's nominal coverage").range(Range.open(0, 1));
    public static final Key RATE_TOLERANCE = Key.optional(RATES + ".tolerance", NUMBER,
            RateSettings.DEFAULTS.tolerance(), "the interval is widened by it before it is compared with the "
            + "theory; also the margin by which an exponent must differ from −1/2 before an interval holding both "
            + "is `inconclusive` (docs/rates.md)").range(Range.atLeast(0));
    public static final Key RATE_SEED = Key.optional(RATES + ".seed", INTEGER, RateSettings.DEFAULTS.seed(),
            "the bootstrap seed").constraint("64-bit");
    public static final Key INCLUDE_NON_CONVERGED = Key.optional(RATES + ".include-non-converged", BOOLEAN,
            RateSettings.DEFAULTS.includeNonConverged(), "curves and rates use only converged fits (false) or every "
            + "fit with a finite loss (true); see docs/convergence.md, \"Guardrails\"");

    // ------------------------------------------------------------------ run sections (dgmoe sweep)
    public static final Key SPARK_MASTER = Key.optional("dgmoe.spark.master", STRING, null, "the Spark master, "
            + "e.g. `local[4]`, `spark://host:7077`, `yarn`; `--master` wins over it, it wins over spark-submit's")
            .defaultText("spark-submit's, else `local[*]`");
    public static final Key SPARK_CONF = Key.optional("dgmoe.spark.conf", STRING_MAP, null, "Spark properties "
            + "`{ \"spark.executor.memory\" = \"4g\" }`, set unless spark-submit's `--conf` sets them")
            .constraint("keys start with `spark.`, except `spark.master` (use `master`); string values (a number or "
            + "boolean is taken as its text)");
    public static final Key OUTPUT_DIR = Key.optional("dgmoe.output.dir", STRING, null, "the sweep's output folder "
            + "(HDFS/S3 URIs work); `--out` wins over it").constraint("non-empty").defaultText("`out/<study name>`");
    public static final Key OUTPUT_HISTORY = Key.optional("dgmoe.output.history", STRING, null, "the rate history "
            + "folder each run appends its rates to; `--history` wins over it").constraint("non-empty");
    public static final Key SWEEP_PARTITIONS = Key.optional("dgmoe.sweep.partitions", INTEGER, null, "the plan's "
            + "expected cost (n·k·starts·evaluations plus the losses, per task) is cut into N equal shares, each a "
            + "contiguous run of the start order: at most N Spark partitions, a task costlier than a share alone in "
            + "one; `--partitions` wins over it. Without it tasks are batched up to about 0.1 s of expected work a "
            + "partition (at least 8 partitions per core while tasks last), so long tasks run one per partition and "
            + "short ones do not each pay Spark's per-partition cost (docs/performance.md)").range(Range.closed(1, INT))
            .defaultText("batches by expected cost");
    public static final Key SWEEP_FAIL_ON_DISAGREEMENT = Key.optional("dgmoe.sweep.fail-on-disagreement", BOOLEAN,
            false, "exit 3 when a rate is `slower-than-theory` (`inconclusive` and `faster-than-theory` do not count); "
            + "`--fail-on-disagreement` sets it too");

    // ------------------------------------------------------------------ names from R
    /**
     * What R users write for dgmoe's keys (mixtools' {@code regmixEM}: lambda = the mixing proportions,
     * sigma = standard deviations, beta = coefficients, k; flexmix: prior, coef, sigma; R's {@code dt}: df),
     * checked in order where a key is unknown: the first whose dgmoe key is allowed in that object is
     * suggested ({@link KeySynonym}). Rendered into docs/config.md, "Names from R".
     */
    public static final List<KeySynonym> SYNONYMS = List.of(
            new KeySynonym(List.of("sd", "sigma", "stdev", "std"), "variance",
                    "dgmoe takes a variance, not a standard deviation"),
            new KeySynonym(List.of("sigma2", "sigmasq", "sigma-squared", "var", "s2"), "variance", ""),
            // a Student-t g0 has a scale (its SD-like parameter), not a variance
            new KeySynonym(List.of("sd", "sigma", "stdev", "std"), "scale", "the Student-t scale s"),
            new KeySynonym(List.of("df", "nu", "degrees-of-freedom"), "dof", "ν, the Student-t degrees of freedom"),
            new KeySynonym(List.of("λ", "lam", "lambda-star", "lambda_star", "lambdastar"), "lambda", ""),
            // in an expert, mixtools' lambda (the mixing proportion) is dgmoe's weight
            new KeySynonym(List.of("prob", "pi", "prior", "p", "proportion", "lambda"), "weight",
                    "an expert's mixing proportion pᵢ; dgmoe's λ is truth.lambda, the weight of all the experts"),
            new KeySynonym(List.of("beta", "coef", "coefficients"), "slope",
                    "the d coefficients of x; the intercept is a key of its own"),
            new KeySynonym(List.of("k", "components", "ncomp"), "experts", "k, the number of experts"));

    /**
     * Every key, in declaration order (the order of the tables in docs/config.md). The JDK returns
     * declared fields in source order; were that ever to change, the docs test would fail, not pass.
     */
    public static final List<Key> KEYS = collect();

    private StudySchema() {
    }

    private static List<Key> collect() {
        List<Key> keys = new ArrayList<>();
        for (Field f : StudySchema.class.getDeclaredFields()) {
            if (f.getType() == Key.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    keys.add((Key) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("a declared key is not readable: " + f.getName(), e);
                }
            }
        }
        return List.copyOf(keys);
    }
}
