package org.dgmoe.core.em;

import java.util.List;

/**
 * The observed information of a fit at its estimate and the Jacobian that carries it to the reported parameters,
 * as {@code uncertainty.StandardErrors} reads it (docs/uncertainty.md): −H in r unconstrained coordinates u, J =
 * ∂θ/∂u, and for every reported parameter θ_p what it is ({@link #parameter}) and how it enters u
 * ({@link ObservedInformation.Coordinate}). The constant-gating fit's is {@link ObservedInformation}, a gated fit's
 * {@code em.gated.GatedInformation}.
 */
public interface Information {
    /** The number of experts. */
    int experts();

    /** The dimension of x. */
    int dimension();

    /** The number of reported parameters. */
    int size();

    /** What reported parameter {@code index} is. */
    ReportedParameter parameter(int index);

    /** The reported parameters, in order. */
    List<ReportedParameter> parameters();

    /** The index of a constant λ among the reported parameters, or −1 when λ is not one (a sigmoid λ(x)). */
    int lambdaParameter();

    /** Whether the Hessian was computed (every pass of its central differences finite). */
    boolean computed();

    /** The reported parameters at the estimate (a copy). */
    double[] estimate();

    /** How reported parameter {@code index} enters the information. */
    ObservedInformation.Coordinate coordinate(int index);

    /** −H, r×r (rows copied); null when not {@link #computed()}. */
    double[][] information();

    /** J = ∂θ/∂u, {@link #size} × r (rows copied); a row of zeros for a parameter without a coordinate. */
    double[][] jacobian();

    /**
     * For a λ(x) by x: the share of deviating data λ̄ = (1/N) Σ_n λ̂(x_n) and its gradient in u (length r), for the
     * boundary note the constant λ gets from its own standard error; null when λ is a reported parameter, or
     * constant.
     *
     * @return {λ̄, ∂λ̄/∂u_1, …, ∂λ̄/∂u_r}, or null
     */
    default double[] deviationShare() {
        return null;
    }
}
