package org.dgmoe.core.em.gated;

import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * Maximum-likelihood fitting of a gated deviated mixture of experts
 * {@code p(y|x) = (1 − λ(x)) g0(y|x) + λ(x) Σ_i π_i(x) φ(y; a_iᵀx + b_i, σ_i)} ({@link GatedModel}) by EM.
 * Immutable and thread-safe; every call allocates its buffers once. The constant-weight model has its own,
 * faster fitter ({@link EmFitter}); this one fits every family, the constant one included (a test holds the two
 * to the same maximum).
 *
 * <h2>The iteration</h2>
 * <b>E-step</b> ({@link GatedPass}): responsibilities r_0n ∝ (1 − λ(x_n)) g0(y_n|x_n) and
 * r_in ∝ λ(x_n) π_i(x_n) φ(y_n; a_iᵀx_n + b_i, σ_i), in log space; ρ_n = Σ_i r_in = 1 − r_0n.
 * <b>M-step</b> ({@link GatedMStep}), on the expected complete log-likelihood
 * Q = Σ_n [r_0n log(1 − λ(x_n)) + ρ_n log λ(x_n)] + Σ_n Σ_i r_in log π_i(x_n) + Σ_n Σ_i r_in log φ_in, whose
 * three parts have disjoint parameters:
 * <ol>
 * <li>M1, experts: weighted least squares of y on [x, 1] with weights r_in, variance floored at
 * {@link EmSettings#varianceFloor()} (exact, as in {@link EmFitter});</li>
 * <li>M2, deviation: constant λ' = (1/N) Σ_n ρ_n (when free and there is a g0); sigmoid λ(x), by Newton on the
 * weighted logistic likelihood with soft targets ρ_n ({@link SigmoidDeviationSolver});</li>
 * <li>M3, gate: constant p_i' = Σ_n r_in / Σ_n ρ_n; softmax, Newton/IRLS on the weighted multinomial-logistic
 * likelihood Σ_n Σ_i r_in log π_i(x_n) with expert 1's gate at zero ({@link SoftmaxGateSolver}); Gaussian,
 * closed form ({@link GaussianGateSolver}).</li>
 * </ol>
 * The Newton solvers halve their steps so that their part of Q never decreases; every other part is maximised
 * exactly, so the objective never decreases (a generalised EM; a test checks it step by step).
 *
 * <h2>Gaussian gating maximises the joint likelihood</h2>
 * A Gaussian gate π_i(x) ∝ w_i N(x; c_i, Γ_i) has no closed-form conditional M-step. As GLLiM and the
 * Gaussian-gated MoE papers do, the fit is of the joint law of (x, y) in which x ~ h = Σ_i w_i N(c_i, Γ_i) and,
 * given x, y follows the gated model: draw a component z ~ w, x ~ N(c_z, Γ_z), then y ~ g0(·|x) with probability
 * 1 − λ(x), else y ~ φ_z. Its conditional law is exactly the gated model, and its complete-data likelihood is
 * closed form in (w, c, Γ) with the component posterior u_in = r_in + r_0n π_i(x_n) as weights. The objective
 * is then Σ_n log h(x_n) + ℓ: {@link GatedFitResult#objective()} reports it beside ℓ.
 *
 * <h2>Stopping and status</h2>
 * As {@link EmFitter#converged}: after each EM step, the settings' rule on the objective's change and on the
 * largest scaled step max_m |Δu_m| / (1 + |u_m|) in the unconstrained coordinates u ({@link GatedCoordinates}).
 * {@link FitStatus#DEGENERATE} when a component's mass is not above {@link EmFitter#MIN_COMPONENT_MASS}·N, a
 * design is collinear, or a gate runs off to infinity (separable data: the solvers' SEPARATED or SINGULAR);
 * {@link FitStatus#NON_FINITE} when the objective or a parameter stops being finite. The result's model is the
 * last valid iterate and its ℓ is exactly ℓ of that model. A softmax gate is reported with expert 1's gate at
 * zero.
 *
 * <h2>Acceleration ({@link EmSettings#acceleration()})</h2>
 * {@link Acceleration#NONE}: the plain (generalised) EM above, one M-step per iteration.
 * {@link Acceleration#SQUAREM} (and {@code SQUAREM_S1}, {@code SQUAREM_S2}): SQUAREM in the coordinates u, falling
 * back to the plain EM path whenever the objective would decrease ({@link GatedSquarem}).
 * {@link Acceleration#SQUAREM_NEWTON}, the default: SQUAREM, then Newton steps in u once EM has nearly stalled,
 * CONVERGED also when the polish certifies the iterate ({@link GatedNewtonPolish}). DAAREM is not implemented for
 * the gated fit: {@code DAAREM} and {@code DAAREM_NEWTON} are refused ({@code fit.accelerate}). Under every one the
 * accepted objective never decreases, and {@link GatedFitResult#evaluations()} counts M-steps plus the polish's
 * passes, capped by {@link EmSettings#maxIterations()}.
 */
public final class GatedEmFitter {

    private final EmSettings settings;
    private final EmFitter rule;

    public GatedEmFitter(EmSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: must not be null");
        }
        if (settings.acceleration() == Acceleration.DAAREM || settings.acceleration() == Acceleration.DAAREM_NEWTON) {
            throw new InvalidParameterException("accelerate", "the gated fit (a gating or deviation by x) does not "
                    + "implement " + settings.acceleration().configName() + "; use squarem-newton (the default), "
                    + "squarem, squarem-s1, squarem-s2 or none");
        }
        this.settings = settings;
        this.rule = new EmFitter(settings);
    }

    public EmSettings settings() {
        return settings;
    }

    /**
     * Fits the family of {@code start} (its gating, deviation, g0 and number of experts) to {@code data} from
     * {@code start}. A constant λ stays at the start's value unless {@link EmSettings#lambdaFree()}.
     */
    public GatedFitResult fit(Dataset data, GatedModel start) {
        return fit(data, start, null);
    }

    /**
     * As {@link #fit(Dataset, GatedModel)}, telling {@code listener} the objective of every accepted iterate, the
     * start included (under plain EM every evaluated one; under SQUAREM not the rejected extrapolations, nor the
     * polish's difference points and line-search probes).
     */
    public GatedFitResult fit(Dataset data, GatedModel start, ObjectiveListener listener) {
        if (data == null || start == null) {
            throw new IllegalArgumentException("data and start: must not be null");
        }
        if (start.dimension() != data.dimension()) {
            throw new IllegalArgumentException("start: expert dimension must equal the data dimension "
                    + data.dimension() + ", got " + start.dimension());
        }
        long t0 = System.nanoTime();
        GatedModel theta = start.gating() instanceof SoftmaxGating s
                ? new GatedModel(start.deviation(), s.normalised(), start.experts(), start.g0()) : start;
        boolean hasG0 = !start.g0().isNone() && !start.deviation().isOne();
        double[] logG0 = null;
        if (hasG0) {
            logG0 = new double[data.size()];
            start.g0().logDensities(data, logG0);
        }
        GatedPass pass = new GatedPass(data, start.size(), logG0);
        boolean lambdaFree = hasG0 && settings.lambdaFree();
        GatedMStep mstep = new GatedMStep(pass, theta, lambdaFree, settings.varianceFloor());
        GatedCoordinates coordinates = new GatedCoordinates(theta, lambdaFree);
        double ll = pass.run(theta);
        double objective = ll + pass.covariateLogDensity;
        if (listener != null) {
            listener.evaluated(objective);
        }
        int iterations = 0;
        int evaluations = 0;
        double lastChange = Double.NaN;
        double lastRelative = Double.NaN;
        double lastStep = Double.NaN;
        FitStatus status = Double.isFinite(objective) ? null : FitStatus.NON_FINITE;
        if (status == null && settings.acceleration() != Acceleration.NONE) {
            int scheme = switch (settings.acceleration()) {
                case SQUAREM_S1 -> 1;
                case SQUAREM_S2 -> 2;
                default -> 3;
            };
            return new GatedSquarem(settings, pass, mstep, coordinates, listener, scheme,
                    settings.acceleration() == Acceleration.SQUAREM_NEWTON, t0)
                    .run(new GatedSquarem.Point(theta, ll, objective));
        }
        double[] u = status == null ? coordinates.pack(theta) : null;
        while (status == null) {
            if (evaluations >= settings.maxIterations()) {
                status = FitStatus.MAX_ITERATIONS;
                break;
            }
            GatedModel next = mstep.apply(theta);
            evaluations++;
            if (next == null) {
                status = mstep.failure;
                break;
            }
            double nextLl = pass.run(next);
            double nextObjective = nextLl + pass.covariateLogDensity;
            if (listener != null) {
                listener.evaluated(nextObjective);
            }
            if (!Double.isFinite(nextObjective)) {
                status = FitStatus.NON_FINITE;
                break;
            }
            double[] nextU = coordinates.pack(next);
            lastChange = nextObjective - objective;
            lastRelative = Math.abs(lastChange) / Math.abs(objective);
            lastStep = largestScaledStep(u, nextU);
            theta = next;
            ll = nextLl;
            objective = nextObjective;
            u = nextU;
            iterations++;
            if (rule.converged(lastChange, lastRelative, lastStep)) {
                status = FitStatus.CONVERGED;
            }
        }
        int likelihoodPasses = pass.passes;
        Certificate certificate = certificate(status, settings, pass, theta, coordinates);
        long millis = (System.nanoTime() - t0) / 1_000_000L;
        return new GatedFitResult(theta, ll, objective, iterations, status, millis, lastChange, lastRelative, lastStep,
                evaluations, certificate, likelihoodPasses, mstep.solverPasses());
    }

    /**
     * The certificate of a fit that stopped at a valid iterate θ, as EmFitter gives one (not with tolerance 0,
     * which benchmarks use to run a fixed number of steps); {@link Certificate#NONE} otherwise.
     */
    static Certificate certificate(FitStatus status, EmSettings settings, GatedPass pass, GatedModel theta,
            GatedCoordinates coordinates) {
        if ((status == FitStatus.CONVERGED || status == FitStatus.MAX_ITERATIONS) && settings.tolerance() > 0) {
            return GatedCertificate.at(pass, theta, coordinates);
        }
        return Certificate.NONE;
    }

    /**
     * The observed information of a fit by this fitter at its estimate, with the certificate's Hessian
     * (docs/uncertainty.md, "Gated fits"): 1 + 2r passes over {@code data}.
     *
     * @param fit a fit of {@code data} by this fitter (its λ free or held by these settings)
     */
    public GatedInformation observedInformation(Dataset data, GatedFitResult fit) {
        return GatedInformation.at(data, fit.model(), settings.lambdaFree(), settings.varianceFloor());
    }

    /** max_m |u'_m − u_m| / (1 + |u_m|). */
    static double largestScaledStep(double[] u, double[] next) {
        double s = 0;
        for (int m = 0; m < u.length; m++) {
            s = Math.max(s, Math.abs(next[m] - u[m]) / (1 + Math.abs(u[m])));
        }
        return s;
    }

    /** Told the objective of every iterate the fitter accepts, the start included. */
    @FunctionalInterface
    public interface ObjectiveListener {
        void evaluated(double objective);
    }
}
