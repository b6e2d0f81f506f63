package org.dgmoe.core.model;

import org.dgmoe.core.InvalidParameterException;

/**
 * The deviated Gaussian mixture of experts (reference §1):
 * {@code p(y|x) = (1 − λ) g0(y|x) + λ Σ_i p_i φ(y; a_iᵀx + b_i, σ_i)}.
 *
 * <p>With {@link NoG0} λ must be 1 (a plain Gaussian MoE). The dimension of g0 (if it has one) must
 * match that of the experts.
 */
public record DeviatedModel(double lambda, MixingMeasure mixing, G0 g0) implements java.io.Serializable {

    public DeviatedModel {
        if (mixing == null || g0 == null) {
            throw new IllegalArgumentException("mixing and g0: must not be null (use NoG0 for no g0)");
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new InvalidParameterException("lambda", "must be in [0, 1], got " + lambda);
        }
        if (g0.isNone() && lambda != 1) {
            throw new InvalidParameterException("lambda", "must be 1 when g0 is 'none', got " + lambda);
        }
        if (g0.dimension() != 0 && g0.dimension() != mixing.dimension()) {
            throw new InvalidParameterException("g0.slope", "must have the experts' dimension " + mixing.dimension()
                    + ", got " + g0.dimension());
        }
    }

    /** Number of experts k. */
    public int size() {
        return mixing.size();
    }

    /** Covariate dimension d. */
    public int dimension() {
        return mixing.dimension();
    }

    /** The same g0 and family with other parameters. */
    public DeviatedModel with(double newLambda, MixingMeasure newMixing) {
        return new DeviatedModel(newLambda, newMixing, g0);
    }

    /** log p(y | x), by log-sum-exp of the g0 and expert terms. */
    public double logDensity(double[] x, double y) {
        double expertPart = lambda == 0 ? Double.NEGATIVE_INFINITY : Math.log(lambda) + mixing.logDensity(x, y);
        if (lambda == 1) {
            return expertPart;
        }
        return LogSumExp.of(Math.log1p(-lambda) + g0.logDensity(x, y), expertPart);
    }

    /** P(Y ≤ y | x). */
    public double cdf(double[] x, double y) {
        double s = 0;
        for (int i = 0; i < mixing.size(); i++) {
            Expert e = mixing.expert(i);
            s += mixing.weight(i) * StandardNormal.cdf((y - e.mean(x)) / Math.sqrt(e.variance()));
        }
        return lambda == 1 ? s : (1 - lambda) * g0.cdf(x, y) + lambda * s;
    }

    /**
     * The log-likelihood Σ_i log p(y_i | x_i): the exact scalar reference (log-sum-exp per point),
     * against which fast kernels are tested.
     */
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
