package org.dgmoe.core.em.gated;

import java.util.Arrays;
import org.dgmoe.core.em.EmFitter;

/**
 * Damped Newton ascent of a concave objective Q(θ) of q parameters: the engine of
 * {@link SoftmaxGateSolver} (multinomial logistic regression with soft labels) and
 * {@link SigmoidDeviationSolver} (binary logistic regression with soft targets). Subclasses give Q, its
 * gradient g and its negative Hessian A = −∇²Q (positive semi-definite: Q is concave); buffers are
 * allocated once, in the constructor. Not thread-safe.
 *
 * <p>Each step solves A δ = g by Cholesky (Newton/IRLS), caps δ so that no parameter moves more than
 * {@link #MAX_STEP}, and halves the step until the Armijo condition Q(θ + tδ) ≥ Q(θ) + {@link #ARMIJO}·t·gᵀδ
 * holds (Nocedal &amp; Wright, Numerical Optimization, §3.1), so Q increases at every accepted step: the
 * gated EM's M-step is then a GEM step whatever status ends the ascent.
 */
abstract class NewtonAscent {

    /**
     * Convergence: the Newton decrement gᵀA⁻¹g/2, the quadratic model's predicted gain Q* − Q, at most
     * 1e−12 per unit of weight (Σρ for the gate, n for λ). Q is O(1) per unit of weight and its rounding
     * about 1e−16 per unit, so the test sits four orders above rounding; the parameter error it leaves
     * is O(√(decrement/curvature)) ≈ 1e−6 in standardised units, and the final polish step (taken when
     * it does not lower Q) squares it, as Newton converges quadratically.
     */
    static final double DECREMENT_TOLERANCE = 1e-12;

    /** Default step cap: a well-posed logistic regression converges in ~5–15 Newton steps from zero. */
    static final int DEFAULT_MAX_STEPS = 100;

    /**
     * Newton steps per gated EM M-step ({@link GatedMStep}): one, warm-started at the current gate. A GEM needs
     * only that each M-step not lower its part of Q, which the step halving guarantees; one Newton step on Q(·|θ_t)
     * from θ_t leaves an error quadratic in the distance to Q's maximiser, so the EM map keeps the exact EM's
     * Jacobian at the fixed point and its rate (Lange 1995, "A gradient algorithm locally equivalent to the EM
     * algorithm", J. R. Statist. Soc. B 57). Measured (docs/performance.md, "Gated EM kernel (issue 21)"): EM
     * iterations to a 1e−10 tolerance within +2 of the full solve's on GatedFixtures' Newton families (n = 3000) and
     * within 1.2% on an over-fitted softmax case (k = 3 on k* = 2, 4 760–18 260 iterations), to the same maximum
     * (objectives equal to 1e−10), with 1.3–2.7× less CPU; two steps cost as much as the full solve near the fixed
     * point (a step plus the polish). Solving to convergence stays the solvers' default ({@link #DEFAULT_MAX_STEPS}).
     */
    static final int GEM_STEPS = 1;

    /** Step halvings before giving up (t = 2⁻⁴⁰ ≈ 1e−12 of a Newton step): then {@link SolverStatus#STALLED}. */
    static final int MAX_HALVINGS = 40;

    /** Armijo's sufficient-increase fraction, the customary 1e−4 (Nocedal &amp; Wright §3.1). */
    static final double ARMIJO = 1e-4;

    /**
     * Largest move of any standardised parameter in one step: 5 log-odds units per standard deviation
     * (a factor e⁵ ≈ 150 in an odds ratio). From a poor start a full Newton step can overshoot far; the cap
     * keeps a single step from jumping past {@link #SEPARATION_BOUND}, so crossing it takes at least four
     * consecutive ascending steps in a direction where Q keeps rising.
     */
    static final double MAX_STEP = 5;

    /**
     * Separation bound on every standardised parameter (a slope per standard deviation of its covariate,
     * or an intercept at the covariates' mean): 20 log-odds units, an odds ratio of e²⁰ ≈ 5e8 per standard
     * deviation, a step function for any practical purpose. Newton reaching it means Q's supremum is
     * approached at infinity (separated labels, or a row of zero responsibilities):
     * {@link SolverStatus#SEPARATED}. The bound sits below where such an ascent would meet
     * {@link #DECREMENT_TOLERANCE}: a gate whose weight e^θ is all that is left to gain has decrement ≈ e^θ
     * per unit of weight, reaching 1e−12 only at θ ≈ −27.6, so a separating ascent is reported SEPARATED,
     * not CONVERGED.
     */
    static final double SEPARATION_BOUND = 20;

    final int q;
    private final int maxSteps;
    /** The iterate; {@link #ascend} starts from it and leaves the returned iterate in it. */
    final double[] theta;
    private final double[] trial;
    private final double[] gradient;
    /** A, q×q row-major; only the lower triangle is filled and factorised. */
    private final double[] negHessian;
    private final double[] direction;

    /** Steps accepted by the last {@link #ascend}. */
    int steps;
    /** Q at {@link #theta} after the last {@link #ascend}. */
    double value;
    /**
     * Passes over the data so far, every {@link #ascend} of this engine summed: one per {@link #objective} and per
     * {@link #derivatives} call (the trial steps' and the derivatives' passes; a GEM step makes 2 unless it halves).
     */
    int passes;

    NewtonAscent(int q, int maxSteps) {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps: must be >= 0, got " + maxSteps);
        }
        this.q = q;
        this.maxSteps = maxSteps;
        theta = new double[q];
        trial = new double[q];
        gradient = new double[q];
        negHessian = new double[q * q];
        direction = new double[q];
    }

    /** Q at θ. */
    abstract double objective(double[] at);

    /**
     * Fills g = ∇Q(θ) and the lower triangle of A = −∇²Q(θ) (row-major q×q); both arrive zeroed. Returns Q(θ),
     * computed by the same arithmetic as {@link #objective} (the pass that needs the scores and exponentials for
     * g and A gives Q nearly free, sparing a pass per ascent).
     */
    abstract double derivatives(double[] at, double[] grad, double[] negHess);

    /**
     * Q(trial) − Q(θ) for θ = {@link #theta} and trial = θ + tδ, computed without Q itself: {@link #stepByIncrease}
     * calls it instead of {@link #objective}. Solvers that do not take such steps need not override it.
     */
    double increase(double[] trial) {
        throw new UnsupportedOperationException("this solver computes Q, not its increase");
    }

    /**
     * One Newton step from {@link #theta} as one step of {@link #ascend} capped at 1 (the same decrement test, cap,
     * Armijo halving and separation bound, the same statuses), but deciding every trial by its increase
     * Q(θ + tδ) − Q(θ) ({@link #increase}) rather than by two values of Q: {@link #derivatives} need not return Q
     * (its return value is ignored) and {@link #value} is left NaN. The increase is what the Armijo test reads, and
     * a solver that knows θ's terms from elsewhere (the E-step's gate, {@link SoftmaxGateSolver#step}) computes it
     * without Q(θ)'s pass and without the rounding of a difference of two sums.
     */
    SolverStatus stepByIncrease(double weight) {
        SolverStatus status = ascend(weight, true);
        value = Double.NaN;
        return status;
    }

    /**
     * Ascends from {@link #theta}; leaves there an iterate with Q not below the start's and returns why it
     * stopped. {@code weight} is the objective's total weight (the scale of {@link #DECREMENT_TOLERANCE}).
     */
    SolverStatus ascend(double weight) {
        return ascend(weight, false);
    }

    /** {@link #ascend}, or with {@code byIncrease} {@link #stepByIncrease}. */
    private SolverStatus ascend(double weight, boolean byIncrease) {
        steps = 0;
        int cap = byIncrease ? 1 : maxSteps;
        if (cap == 0) {
            passes++;
            value = objective(theta);
            return Double.isFinite(value) ? SolverStatus.MAX_STEPS : SolverStatus.NON_FINITE;
        }
        while (true) {
            if (steps == cap) {
                // The cap ends the ascent before the derivatives' pass that would only tell CONVERGED from MAX_STEPS:
                // for a GEM M-step capped at GEM_STEPS that pass is half of the work.
                return SolverStatus.MAX_STEPS;
            }
            Arrays.fill(gradient, 0);
            Arrays.fill(negHessian, 0);
            passes++;
            double here = derivatives(theta, gradient, negHessian);
            if (steps == 0) {
                // The start's Q; later iterates keep the Q their trial step computed (the same arithmetic). By
                // increase, Q(θ) is the baseline 0 of every trial.
                value = byIncrease ? 0 : here;
                if (!Double.isFinite(value)) {
                    return SolverStatus.NON_FINITE;
                }
            }
            if (!factorise()) {
                return finite(negHessian) ? SolverStatus.SINGULAR : SolverStatus.NON_FINITE;
            }
            solve();
            // gᵀA⁻¹g = 2 × the Newton decrement: the slope of Q along δ at t = 0.
            double slope = 0;
            for (int m = 0; m < q; m++) {
                slope += gradient[m] * direction[m];
            }
            if (!Double.isFinite(slope)) {
                return SolverStatus.NON_FINITE;
            }
            boolean converged = slope / 2 <= DECREMENT_TOLERANCE * weight;
            double largest = 0;
            for (int m = 0; m < q; m++) {
                largest = Math.max(largest, Math.abs(direction[m]));
            }
            double t = largest > MAX_STEP ? MAX_STEP / largest : 1;
            if (converged) {
                // Polish: one full step, kept only if Q does not drop (rounding decides near the top).
                double next = tryStep(t, byIncrease);
                if (next >= value && withinBound()) {
                    accept(next);
                }
                return SolverStatus.CONVERGED;
            }
            double next = Double.NaN;
            boolean accepted = false;
            for (int h = 0; h <= MAX_HALVINGS && !accepted; h++) {
                next = tryStep(t, byIncrease);
                accepted = next >= value + ARMIJO * t * slope;
                t *= 0.5;
            }
            if (!accepted) {
                return SolverStatus.STALLED;
            }
            if (!withinBound()) {
                return SolverStatus.SEPARATED;
            }
            accept(next);
        }
    }

    /**
     * trial = θ + tδ; returns Q(trial), or with {@code byIncrease} Q(trial) − Q(θ) (NaN compares false, so a NaN trial
     * is never accepted).
     */
    private double tryStep(double t, boolean byIncrease) {
        for (int m = 0; m < q; m++) {
            trial[m] = theta[m] + t * direction[m];
        }
        passes++;
        return byIncrease ? increase(trial) : objective(trial);
    }

    private boolean withinBound() {
        for (int m = 0; m < q; m++) {
            if (!(Math.abs(trial[m]) <= SEPARATION_BOUND)) {
                return false;
            }
        }
        return true;
    }

    private void accept(double next) {
        System.arraycopy(trial, 0, theta, 0, q);
        value = next;
        steps++;
    }

    private static boolean finite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * In-place Cholesky A = LLᵀ of the lower triangle. A pivot at most {@link EmFitter#SINGULAR_PIVOT} times
     * its diagonal entry (or not positive) means A is singular to working precision: collinear covariates
     * (a constant column), or weights so close to 0 or 1 that the curvature is rounding.
     */
    private boolean factorise() {
        double[] a = negHessian;
        for (int j = 0; j < q; j++) {
            double s = a[j * q + j];
            for (int m = 0; m < j; m++) {
                s -= a[j * q + m] * a[j * q + m];
            }
            if (!(s > EmFitter.SINGULAR_PIVOT * a[j * q + j])) {
                return false;
            }
            double pivot = Math.sqrt(s);
            a[j * q + j] = pivot;
            for (int r = j + 1; r < q; r++) {
                double t = a[r * q + j];
                for (int m = 0; m < j; m++) {
                    t -= a[r * q + m] * a[j * q + m];
                }
                a[r * q + j] = t / pivot;
            }
        }
        return true;
    }

    /** δ = A⁻¹g from the factor: L u = g, then Lᵀ δ = u. */
    private void solve() {
        double[] l = negHessian;
        for (int j = 0; j < q; j++) {
            double s = gradient[j];
            for (int m = 0; m < j; m++) {
                s -= l[j * q + m] * direction[m];
            }
            direction[j] = s / l[j * q + j];
        }
        for (int j = q - 1; j >= 0; j--) {
            double s = direction[j];
            for (int m = j + 1; m < q; m++) {
                s -= l[m * q + j] * direction[m];
            }
            direction[j] = s / l[j * q + j];
        }
    }
}
