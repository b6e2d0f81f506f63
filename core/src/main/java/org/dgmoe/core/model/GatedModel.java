package org.dgmoe.core.model;

import java.util.List;
import org.dgmoe.core.InvalidParameterException;

/**
 * The gated deviated Gaussian mixture of experts
 * {@code p(y|x) = (1 − λ(x)) g0(y|x) + λ(x) Σ_i π_i(x) φ(y; a_iᵀx + b_i, σ_i)}: the deviated model of
 * reference §1 ({@link DeviatedModel}) with a covariate-dependent deviation weight λ(x)
 * ({@link Deviation}) and gating π(x) ({@link Gating}). With constant λ and constant gating it is
 * exactly a {@link DeviatedModel} ({@link #of}, {@link #asDeviated}).
 *
 * <p>With {@link NoG0}, λ must be the constant 1 (a gated Gaussian MoE). Every part that looks at x must
 * have the experts' dimension.
 */
public record GatedModel(Deviation deviation, Gating gating, List<Expert> experts, G0 g0)
        implements java.io.Serializable {

    public GatedModel {
        if (deviation == null || gating == null || experts == null || g0 == null) {
            throw new IllegalArgumentException("deviation, gating, experts, g0: must not be null (use NoG0 for no g0)");
        }
        experts = List.copyOf(experts);
        if (experts.isEmpty()) {
            throw new InvalidParameterException("experts", "must have at least one expert, got none");
        }
        if (gating.size() != experts.size()) {
            throw new InvalidParameterException("gate", "must have one gate per expert (" + experts.size() + "), got "
                    + gating.size());
        }
        int d = experts.get(0).dimension();
        for (int i = 1; i < experts.size(); i++) {
            if (experts.get(i).dimension() != d) {
                throw new InvalidParameterException("experts[" + i + "].slope", "must have dimension " + d
                        + " like experts[0], got " + experts.get(i).dimension());
            }
        }
        if (gating.dimension() != 0 && gating.dimension() != d) {
            throw new InvalidParameterException("gate", "must have the experts' dimension " + d + ", got "
                    + gating.dimension());
        }
        if (deviation.dimension() != 0 && deviation.dimension() != d) {
            throw new InvalidParameterException("lambda.slope", "must have the experts' dimension " + d + ", got "
                    + deviation.dimension());
        }
        if (g0.isNone() && !deviation.isOne()) {
            throw new InvalidParameterException("lambda", "must be 1 when g0 is 'none', got " + deviation);
        }
        if (g0.dimension() != 0 && g0.dimension() != d) {
            throw new InvalidParameterException("g0.slope", "must have the experts' dimension " + d + ", got "
                    + g0.dimension());
        }
    }

    /** The deviated model as a gated one: constant λ, constant gating p_i. */
    public static GatedModel of(DeviatedModel m) {
        return new GatedModel(new ConstantDeviation(m.lambda()), new ConstantGating(m.mixing().weights()),
                m.mixing().experts(), m.g0());
    }

    /** True when λ and the gating are constants, so {@link #asDeviated} gives the same model. */
    public boolean isConstant() {
        return deviation instanceof ConstantDeviation && gating instanceof ConstantGating;
    }

    /**
     * The same model as a {@link DeviatedModel}.
     *
     * @throws IllegalStateException unless {@link #isConstant()}
     */
    public DeviatedModel asDeviated() {
        if (!(deviation instanceof ConstantDeviation c) || !(gating instanceof ConstantGating p)) {
            throw new IllegalStateException("a model with " + deviation.type().configName() + " deviation and "
                    + gating.type().configName() + " gating is not a deviated model with constant weights");
        }
        return new DeviatedModel(c.lambda(), new MixingMeasure(p.weights(), experts), g0);
    }

    /**
     * The conditional law at one covariate point as a deviated model: λ = λ(x) and weights π_i(x) (each at least
     * {@link Double#MIN_NORMAL}, so a gate weight that underflows stays a valid weight; the sum moves by at most
     * k·2⁻¹⁰²², far inside {@link MixingMeasure#WEIGHT_SUM_TOLERANCE}). Its density at x is this model's at x.
     */
    public DeviatedModel at(double[] x) {
        int k = experts.size();
        double[] w = new double[k];
        gating.logWeights(x, w);
        for (int i = 0; i < k; i++) {
            w[i] = Math.max(Double.MIN_NORMAL, Math.exp(w[i]));
        }
        double lambda = deviation.isOne() ? 1 : deviation.weight(x);
        return new DeviatedModel(lambda, new MixingMeasure(w, experts), g0);
    }

    /** Number of experts k. */
    public int size() {
        return experts.size();
    }

    /** Covariate dimension d. */
    public int dimension() {
        return experts.get(0).dimension();
    }

    public Expert expert(int i) {
        return experts.get(i);
    }

    /** log p(y | x), by log-sum-exp of the g0 and expert terms. */
    public double logDensity(double[] x, double y) {
        int k = experts.size();
        double[] t = new double[k + 1];
        gating.logWeights(x, t);
        double logLambda = deviation.logWeight(x);
        for (int i = 0; i < k; i++) {
            t[i] += logLambda + experts.get(i).logDensity(x, y);
        }
        t[k] = deviation.isOne() ? Double.NEGATIVE_INFINITY : deviation.logComplement(x) + g0.logDensity(x, y);
        return LogSumExp.of(t, k + 1);
    }

    /** P(Y ≤ y | x). */
    public double cdf(double[] x, double y) {
        int k = experts.size();
        double[] logPi = new double[k];
        gating.logWeights(x, logPi);
        double s = 0;
        for (int i = 0; i < k; i++) {
            Expert e = experts.get(i);
            s += Math.exp(logPi[i]) * StandardNormal.cdf((y - e.mean(x)) / Math.sqrt(e.variance()));
        }
        if (deviation.isOne()) {
            return s;
        }
        double lambda = deviation.weight(x);
        return (1 - lambda) * g0.cdf(x, y) + lambda * s;
    }

    /** Σ_n log p(y_n | x_n): the exact scalar reference the fitters' kernels are tested against. */
    public double logLikelihood(Dataset data) {
        double[] x = new double[data.dimension()];
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            data.copyX(i, x);
            s += logDensity(x, data.y(i));
        }
        return s;
    }
}
