package org.dgmoe.app.config;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.summary.FitDiagnostics;

/**
 * Reads the parameters of a deviated model, {@code {lambda, experts = [{weight, slope, intercept,
 * variance}, ...]}}: the truth of a setting, a {@code fit.start}, and the start and fit files of the
 * command line all share this shape and these checks, declared once as the keys of {@code truth} in
 * {@link StudySchema}. A setting's truth may also be gated by x ({@link #truth}: softmax or Gaussian
 * gates, a sigmoid λ(x)), and so may the start and fit files of a gated setting ({@code JsonFiles.readGatedModel}
 * reads them by {@link #truth}); {@code fit.start} is a constant-weight model in this version.
 */
public final class Parameters {
    /**
     * The keys of a fit file after its parameters: its outcome ({@link FitDiagnostics#FIT_FILE}, declared
     * there) and the provenance {@code dgmoe fit} adds. They are accepted and ignored when parameters are
     * read, so a fit file can serve as a start ("warm start") or as the input of {@code dgmoe loss}.
     */
    public static final List<String> FIT_RESULT_KEYS = fitResultKeys();

    /** The fit file's near-degeneracy object ({@code NearDegeneracy.PART}), which {@code dgmoe fit} writes. */
    public static final String FIT_NEAR_DEGENERACY = "nearDegeneracy";
    /** What a fit file says the fit is about, written by {@code dgmoe fit}: the setting. */
    public static final String FIT_SETTING = "setting";
    /** ... the rows fitted. */
    public static final String FIT_N = "n";
    /** ... how it was started (a {@code fit.init} name, or "file" for {@code --start}). */
    public static final String FIT_INIT = "init";
    /** ... the seed of its start-noise stream. */
    public static final String FIT_INIT_SEED = "initSeed";
    /** The fit file's standard errors, in the estimates' shape (docs/uncertainty.md). */
    public static final String FIT_STANDARD_ERRORS = "standardErrors";
    /** ... the intervals: method, level, the scale of each kind of parameter, and the ends in the estimates' shape. */
    public static final String FIT_INTERVALS = "intervals";
    /** ... whether the covariance was computed, and the reliability notes. */
    public static final String FIT_RELIABILITY = "reliability";

    private static List<String> fitResultKeys() {
        List<String> keys = new ArrayList<>();
        FitDiagnostics.FIT_FILE.forEach(c -> keys.add(c.field().key()));
        keys.addAll(List.of(FIT_NEAR_DEGENERACY, FIT_SETTING, FIT_N, FIT_INIT, FIT_INIT_SEED, FIT_STANDARD_ERRORS,
                FIT_INTERVALS, FIT_RELIABILITY));
        // the provenance object (provenance.Provenance.KEY; that package stands above this one), and the provenance
        // keys of fit files written before that object existed
        keys.addAll(List.of("provenance", "configHash", "version"));
        return List.copyOf(keys);
    }

    private static final String EXPERT_KEYS = "a list [ { weight, slope, intercept, variance }, ... ]";

    private Parameters() {
    }

    /**
     * The model {@code {lambda, experts}} at {@code node} with the given g0 and dimension d; null when
     * anything is wrong (every problem is reported). λ must be absent or 1 when g0 is none.
     *
     * @param g0              the family's g0 (null when g0 itself is invalid: λ is then read as for a real g0)
     * @param expectedExperts the number of experts required, or 0 for any number
     * @param expectedWhy     what {@code expectedExperts} is, for the message (e.g. "fit.experts")
     */
    public static DeviatedModel model(Node node, G0 g0, int d, int expectedExperts, String expectedWhy) {
        return model(node, g0, d, expectedExperts, expectedWhy, false);
    }

    /**
     * {@link #model(Node, G0, int, int, String)}; {@code truth}: the object is a setting's truth, whose experts
     * may carry a {@code gate} under another gating (named as such; a start or fit file has none).
     */
    private static DeviatedModel model(Node node, G0 g0, int d, int expectedExperts, String expectedWhy,
            boolean truth) {
        int before = node.problems().count();
        double lambda = lambda(node, g0);
        MixingMeasure mixing = mixing(node, "experts", d, truth);
        if (mixing != null && expectedExperts > 0 && mixing.size() != expectedExperts) {
            node.problems().add(node.path("experts"), "must hold " + expectedWhy + " = " + expectedExperts
                    + " experts, got " + mixing.size());
        }
        if (node.problems().count() > before || mixing == null || g0 == null) {
            return null;
        }
        try {
            return new DeviatedModel(lambda, mixing, g0);
        } catch (IllegalArgumentException e) {
            node.problems().addRefusal(node.path(), e);
            return null;
        }
    }

    /**
     * The truth {@code {lambda, experts}} at {@code node} of the given gating and deviation families, with
     * the given g0 and dimension d; null when anything is wrong (every problem is reported). With both
     * families constant it is {@link #model}'s deviated model, read by the same code with the same checks
     * and messages; the other families are read by {@link GatedTruthReader}.
     *
     * @param g0 the setting's g0 (null when g0 itself is invalid)
     */
    public static GatedModel truth(Node node, G0 g0, int d, Gating.Type gating, Deviation.Type deviation) {
        if (gating == Gating.Type.CONSTANT && deviation == Deviation.Type.CONSTANT) {
            DeviatedModel m = model(node, g0, d, 0, "", true);
            return m == null ? null : GatedModel.of(m);
        }
        return GatedTruthReader.read(node, g0, d, gating, deviation);
    }

    /** λ at {@code node}: required in [0, 1], or absent/1 when g0 is none (returns 1 then). */
    static double lambda(Node node, G0 g0) {
        if (g0 != null && g0.isNone()) {
            if (node.has("lambda")) {
                double v = node.number("lambda", false, "");
                if (!Double.isNaN(v) && v != 1) {
                    node.problems().add(node.path("lambda"), "must be 1 or absent when g0.type = none (a plain mixture "
                            + "of experts has no g0 to deviate from), got " + Node.format(v));
                }
            }
            return 1.0;
        }
        if (node.raw(StudySchema.LAMBDA_TRUE.name()) instanceof java.util.Map<?, ?>) {
            node.problems().add(node.path(StudySchema.LAMBDA_TRUE.name()), "must be " + StudySchema.LAMBDA_TRUE.allowed()
                    + " (an object { slope, intercept } is the λ(x) of deviation.type = sigmoid), got an object");
            return Double.NaN;
        }
        return node.number(StudySchema.LAMBDA_TRUE);
    }

    /**
     * The experts at {@code node.key}, each of dimension d; null when anything is wrong. Checks each
     * weight in (0, 1], each variance &gt; 0, and that the weights sum to 1 within
     * {@link MixingMeasure#WEIGHT_SUM_TOLERANCE}.
     *
     * @param truth the experts of a setting's truth, where a {@code gate} is a declared key of another gating
     */
    static MixingMeasure mixing(Node node, String key, int d, boolean truth) {
        Problems problems = node.problems();
        int before = problems.count();
        List<Node> items = node.objects(key, true, EXPERT_KEYS);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            problems.add(node.path(key), "must hold at least one expert");
            return null;
        }
        double[] weights = new double[items.size()];
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node e = items.get(i);
            if (e == null) {
                continue;
            }
            weights[i] = e.number(StudySchema.WEIGHT);
            if (truth && e.has(StudySchema.EXPERT_GATE.name())) {
                problems.add(e.path(StudySchema.EXPERT_GATE.name()), "is for gating.type = softmax or gaussian; with "
                        + "constant weights each expert has weight = p_i instead");
            }
            Expert expert = expert(e, d);
            if (expert != null) {
                experts.add(expert);
            }
            e.finish();
        }
        if (problems.count() > before) {
            return null;
        }
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        if (!(Math.abs(sum - 1) <= MixingMeasure.WEIGHT_SUM_TOLERANCE)) {
            problems.add(node.path(key), "weights must sum to 1 (within " + MixingMeasure.WEIGHT_SUM_TOLERANCE
                    + "), got " + sum);
            return null;
        }
        return new MixingMeasure(weights, experts);
    }

    /** One expert {slope, intercept, variance} of dimension d (weight is read by the caller). */
    static Expert expert(Node e, int d) {
        Problems problems = e.problems();
        int before = problems.count();
        double[] slope = slope(e, StudySchema.SLOPE, d);
        double intercept = e.number(StudySchema.INTERCEPT);
        double variance = e.number(StudySchema.VARIANCE);
        if (problems.count() > before) {
            return null;
        }
        return new Expert(slope, intercept, variance);
    }

    /** The slope list {@code key}: exactly d finite numbers. */
    static double[] slope(Node node, Key key, int d) {
        double[] slope = node.numbers(key);
        if (slope != null && slope.length != d) {
            node.problems().add(node.path(key.name()), "must have d = " + d + " entries (the covariate dimension), got "
                    + slope.length);
            return null;
        }
        return slope;
    }
}
