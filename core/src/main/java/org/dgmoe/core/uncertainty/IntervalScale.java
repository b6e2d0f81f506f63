package org.dgmoe.core.uncertainty;

import org.dgmoe.core.em.ReportedParameter;

/**
 * The scale a Wald interval is computed on before it is mapped back (docs/uncertainty.md): t(θ̂) ± z·se_t with
 * se_t = |t'(θ̂)|·se(θ̂), then t⁻¹ of both ends. On the scale where the parameter is unconstrained an interval
 * stays in the parameter space (λ and a weight in (0, 1), a variance positive), and the normal approximation is
 * usually better there than on the bounded scale, whose interval can cross the bound.
 */
public enum IntervalScale {
    /** Slopes and intercepts: t(θ) = θ. */
    IDENTITY,
    /** λ and the weights: t(θ) = log(θ / (1 − θ)), t' = 1/(θ(1 − θ)); the interval maps back by the sigmoid. */
    LOGIT,
    /** Variances: t(σ) = log σ, t' = 1/σ; the interval maps back by exp. */
    LOG;

    /** The scale of reported parameter {@code index} in the layout of {@code ObservedInformation#size(k, d)}. */
    public static IntervalScale of(int k, int d, int index) {
        if (index <= k) {
            return LOGIT; // λ, then the k weights
        }
        int t = (index - 1 - k) % (d + 2);
        return t == d + 1 ? LOG : IDENTITY;
    }

    /** The scale of a parameter in {@code range}: identity on the real line, logit on (0, 1), log on (0, ∞). */
    public static IntervalScale of(ReportedParameter.Range range) {
        return switch (range) {
            case REAL -> IDENTITY;
            case UNIT -> LOGIT;
            case POSITIVE -> LOG;
        };
    }

    /** t(θ). */
    public double forward(double theta) {
        return switch (this) {
            case IDENTITY -> theta;
            case LOGIT -> Math.log(theta) - Math.log1p(-theta);
            case LOG -> Math.log(theta);
        };
    }

    /** t⁻¹(t). */
    public double inverse(double t) {
        return switch (this) {
            case IDENTITY -> t;
            case LOGIT -> 1 / (1 + Math.exp(-t));
            case LOG -> Math.exp(t);
        };
    }

    /** |t'(θ)|: a standard error on the parameter's scale times this is one on t's scale (the delta method). */
    public double slope(double theta) {
        return switch (this) {
            case IDENTITY -> 1;
            case LOGIT -> 1 / (theta * (1 - theta));
            case LOG -> 1 / theta;
        };
    }
}
