package org.dgmoe.core.em.gated;

/**
 * How one M-step solver of the gated EM ended ({@link SoftmaxGateSolver}, {@link SigmoidDeviationSolver},
 * {@link GaussianGateSolver}). Numerical trouble is a status, never an exception. On every status the solver
 * returns a value whose objective is not below the start's, so the M-step stays a GEM step.
 */
public enum SolverStatus {
    /** The Newton decrement fell below its tolerance, or the closed form was computed. */
    CONVERGED,
    /** The step cap was reached first; the last (ascending) iterate is returned. */
    MAX_STEPS,
    /**
     * A parameter ran past the separation bound: the objective's supremum is not attained (a gate or λ
     * heading to a step function). The last iterate inside the bound is returned.
     */
    SEPARATED,
    /** The Hessian (or a covariance) is singular to working precision; the current iterate is returned. */
    SINGULAR,
    /**
     * No step along the Newton direction increased the objective: it is flat to rounding there, or the
     * Hessian is too ill-conditioned to give an ascent direction. The current iterate is returned.
     */
    STALLED,
    /** A component has (almost) no mass, so its parameters are undetermined; the previous value is returned. */
    DEGENERATE,
    /** The objective or its derivatives were NaN or infinite (non-finite input); the start is returned. */
    NON_FINITE
}
