package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.EXPERTS;
import static org.dgmoe.app.config.StudySchema.EXPERT_GATE;
import static org.dgmoe.app.config.StudySchema.GATE_COVARIANCE;
import static org.dgmoe.app.config.StudySchema.GATE_INTERCEPT;
import static org.dgmoe.app.config.StudySchema.GATE_MEAN;
import static org.dgmoe.app.config.StudySchema.GATE_SLOPE;
import static org.dgmoe.app.config.StudySchema.GATE_WEIGHT;
import static org.dgmoe.app.config.StudySchema.LAMBDA_INTERCEPT;
import static org.dgmoe.app.config.StudySchema.LAMBDA_SLOPE;
import static org.dgmoe.app.config.StudySchema.LAMBDA_TRUE;
import static org.dgmoe.app.config.StudySchema.WEIGHT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * Reads a truth gated by x ({@link Parameters#truth} when a family is not constant): the experts with their
 * {@code gate} (softmax {@code { slope, intercept }}, Gaussian {@code { weight, mean, covariance }}) in place of
 * {@code weight}, or their weights under constant gating; {@code lambda} a number, or {@code { slope, intercept }}
 * under sigmoid deviation. The keys are declared in {@link StudySchema}; every problem is reported, each at its
 * key path, and the model's own checks ({@link GatedModel}, {@link SoftmaxGating}, {@link GaussianGating}) run
 * last, reported at the truth's path.
 */
final class GatedTruthReader {
    private GatedTruthReader() {
    }

    /** The truth at {@code node}, or null when anything is wrong (every problem is reported). */
    static GatedModel read(Node node, G0 g0, int d, Gating.Type gating, Deviation.Type deviation) {
        Problems problems = node.problems();
        int before = problems.count();
        Deviation lambda = deviation(node, g0, d, deviation);
        List<Node> items = node.objects(EXPERTS.name(), true, expertsShape(gating));
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            problems.add(node.path(EXPERTS.name()), "must hold at least one expert");
            return null;
        }
        int k = items.size();
        double[] weights = new double[k];
        double[][] slopes = new double[k][];
        double[] intercepts = new double[k];
        double[][] means = new double[k][];
        double[][][] covariances = new double[k][][];
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Node e = items.get(i);
            if (e == null) {
                continue;
            }
            if (gating == Gating.Type.CONSTANT) {
                weights[i] = e.number(WEIGHT);
                if (e.has(EXPERT_GATE.name())) {
                    problems.add(e.path(EXPERT_GATE.name()), "is for gating.type = softmax or gaussian; with constant "
                            + "weights each expert has weight = p_i instead");
                }
            } else {
                if (e.raw(WEIGHT.name()) != null) {
                    problems.add(e.path(WEIGHT.name()), "is for gating.type = constant; with " + gating.configName()
                            + " gating each expert has " + gateShape(gating) + " in place of weight");
                }
                Node g = e.child(EXPERT_GATE.name(), true, gating.configName() + " gating gives each expert "
                        + gateShape(gating) + " in place of weight");
                if (g != null) {
                    if (gating == Gating.Type.SOFTMAX) {
                        slopes[i] = Parameters.slope(g, GATE_SLOPE, d);
                        intercepts[i] = g.number(GATE_INTERCEPT);
                        otherFamily(g, gating, Gating.Type.GAUSSIAN, GATE_WEIGHT, GATE_MEAN, GATE_COVARIANCE);
                    } else {
                        weights[i] = g.number(GATE_WEIGHT);
                        means[i] = Parameters.slope(g, GATE_MEAN, d);
                        covariances[i] = covariance(g, d, means[i]);
                        otherFamily(g, gating, Gating.Type.SOFTMAX, GATE_SLOPE, GATE_INTERCEPT);
                    }
                    g.finish();
                }
            }
            Expert expert = Parameters.expert(e, d);
            if (expert != null) {
                experts.add(expert);
            }
            e.finish();
        }
        if (problems.count() > before) {
            return null;
        }
        if (gating != Gating.Type.SOFTMAX) {
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            if (!(Math.abs(sum - 1) <= MixingMeasure.WEIGHT_SUM_TOLERANCE)) {
                problems.add(node.path(EXPERTS.name()), (gating == Gating.Type.GAUSSIAN ? "gate weights" : "weights")
                        + " must sum to 1 (within " + MixingMeasure.WEIGHT_SUM_TOLERANCE + "), got " + sum);
                return null;
            }
        }
        try {
            Gating gate = switch (gating) {
                case CONSTANT -> new ConstantGating(weights);
                case SOFTMAX -> new SoftmaxGating(slopes, intercepts);
                case GAUSSIAN -> new GaussianGating(weights, means, covariances);
            };
            return new GatedModel(lambda, gate, experts, g0);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(node.path(), e);
            return null;
        }
    }

    /**
     * Reports the keys of the {@code other} gate family present in a gate of family {@code gating}: a declared
     * key written in the wrong family gets a message naming both, not "unknown key".
     */
    private static void otherFamily(Node g, Gating.Type gating, Gating.Type other, Key... keys) {
        for (Key k : keys) {
            if (g.has(k.name())) {
                g.problems().add(g.path(k.name()), "is a key of a " + other.configName() + " gate; a "
                        + gating.configName() + " gate is " + gateShape(gating));
            }
        }
    }

    /** What {@code experts} holds under {@code gating}, for the message of a missing list. */
    private static String expertsShape(Gating.Type gating) {
        return "a list [ { " + (gating == Gating.Type.CONSTANT ? "weight" : "gate") + ", slope, intercept, variance }, "
                + "... ]";
    }

    /** The gate object of {@code gating} (not constant), as a message names it. */
    private static String gateShape(Gating.Type gating) {
        return gating == Gating.Type.SOFTMAX ? "gate { slope = [d numbers], intercept = number }"
                : "gate { weight = number, mean = [d numbers], covariance = [[d numbers], ...] }";
    }

    /**
     * λ(x) at {@code node}: a number as {@link Parameters#lambda} reads it (constant), or the object
     * {@code { slope, intercept }} (sigmoid, which needs a g0: with g0 none λ is 1). Null when wrong (reported).
     */
    private static Deviation deviation(Node node, G0 g0, int d, Deviation.Type type) {
        Problems problems = node.problems();
        String at = node.path(LAMBDA_TRUE.name());
        if (type == Deviation.Type.CONSTANT) {
            double lambda = Parameters.lambda(node, g0);
            return Double.isNaN(lambda) ? null : new ConstantDeviation(lambda);
        }
        String shape = "an object { slope = [d numbers], intercept = number } (deviation.type = sigmoid: λ(x) = "
                + "1/(1 + exp(−(γᵀx + γ0))))";
        if (g0 != null && g0.isNone()) {
            problems.add(at, "is λ(x) of deviation.type = sigmoid, which needs a g0 to deviate from; with g0.type = none "
                    + "λ is 1 (use deviation.type = constant)");
            node.raw(LAMBDA_TRUE.name());
            return null;
        }
        Object raw = node.raw(LAMBDA_TRUE.name());
        if (raw == null) {
            node.missing(LAMBDA_TRUE.name(), shape);
            return null;
        }
        if (!(raw instanceof Map<?, ?>)) {
            problems.add(at, "must be " + shape + ", got " + Node.describe(raw));
            return null;
        }
        Node l = Node.of(problems, at, raw);
        int before = problems.count();
        double[] slope = Parameters.slope(l, LAMBDA_SLOPE, d);
        double intercept = l.number(LAMBDA_INTERCEPT);
        l.finish();
        if (problems.count() > before) {
            return null;
        }
        try {
            return new SigmoidDeviation(slope, intercept);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(node.path(), e);
            return null;
        }
    }

    /**
     * {@code gate.covariance}: d rows of d finite numbers, symmetric positive definite. The last two are
     * {@link GaussianGating}'s own checks, run here on this expert's gate alone so that every expert's
     * covariance is checked and reported at its own path. Null when wrong (reported).
     *
     * @param mean the gate's mean (null when invalid: the covariance is then checked at the origin)
     */
    private static double[][] covariance(Node g, int d, double[] mean) {
        Problems problems = g.problems();
        String at = g.path(GATE_COVARIANCE.name());
        Object raw = g.raw(GATE_COVARIANCE.name());
        if (raw == null) {
            g.missing(GATE_COVARIANCE);
            return null;
        }
        String shape = "a list of d = " + d + " rows of d numbers (" + GATE_COVARIANCE.doc() + ", e.g. "
                + (d == 1 ? "[[1.0]]" : "[[1.0, 0.0], [0.0, 1.0]] for d = 2") + ")";
        if (!(raw instanceof List<?> rows) || rows.size() != d) {
            problems.add(at, "must be " + shape + ", got " + Node.describe(raw));
            return null;
        }
        int before = problems.count();
        double[][] c = new double[d][d];
        for (int j = 0; j < d; j++) {
            if (!(rows.get(j) instanceof List<?> row) || row.size() != d) {
                problems.add(at + "[" + j + "]", "must be a list of d = " + d + " numbers, got "
                        + Node.describe(rows.get(j)));
                continue;
            }
            for (int l = 0; l < d; l++) {
                String cell = at + "[" + j + "][" + l + "]";
                Double v = Node.toNumber(problems, cell, row.get(l));
                if (v != null) {
                    c[j][l] = g.checked(GATE_COVARIANCE, cell, v);
                }
            }
        }
        if (problems.count() > before) {
            return null;
        }
        try {
            new GaussianGating(new double[] {1}, new double[][] {mean != null ? mean : new double[d]},
                    new double[][][] {c});
        } catch (InvalidParameterException e) {
            // The one-gate check names its key from expert 0's gate: put this gate's path in front instead.
            String prefix = "experts[0].gate.";
            String key = e.parameter().startsWith(prefix) ? e.parameter().substring(prefix.length()) : e.parameter();
            problems.add(g.path(key), e.problem());
            return null;
        }
        return c;
    }
}
