package org.dgmoe.core.em.gated;

import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.SquaremStep;
import org.dgmoe.core.em.StopRule;
import org.dgmoe.core.model.GatedModel;

/**
 * SQUAREM (Varadhan &amp; Roland 2008, Scand. J. Statist. 35; scheme S3 by default, S1 and S2 on request) over the
 * gated EM map, in the unconstrained coordinates u of {@link GatedCoordinates}, with the constant-weight fit's
 * step-length adaptation and strict monotonicity (its {@code Squarem}; docs/convergence.md, "SQUAREM"), and, for
 * {@link org.dgmoe.core.em.Acceleration#SQUAREM_NEWTON}, the Newton polish ({@link GatedNewtonPolish}).
 *
 * <p>One cycle from θ0 with objective f0 (the pass holding θ0's responsibilities): θ1 = M(θ0), θ2 = M(θ1);
 * r = u1 − u0, v = u2 − 2u1 + u0; s = ‖r‖/‖v‖ (S1: −rᵀv/vᵀv, S2: −rᵀr/rᵀv) clamped to [1, stepMax];
 * u' = u0 + 2s r + s² v, then the stabilising EM step θ' = M(U⁻¹(u')) (skipped when s = 1, where u' = u2). θ' is
 * accepted when its objective is finite and ≥ f0; otherwise — also when U⁻¹(u') is outside the parameter space
 * (an {@link IllegalArgumentException} from the values), its pass is not finite or its M-step fails — the cycle
 * falls back to θ2, the plain EM path, so the accepted objective never decreases. stepMax starts at 1, is
 * multiplied by 4 each time s reaches it and becomes max(1, s/4) after a rejected step of length s. The stopping
 * rule is checked on the plain EM step θ0 → θ1 of every cycle, so it means what it means for plain EM.
 *
 * <p>With the polish: once that plain step changes the objective by less than {@link #POLISH_TRIGGER} and
 * {@link #FIRST_POLISH} evaluations per coordinate have been spent, θ1 is accepted and polished; a certified polish
 * ends the fit CONVERGED with the polish's certificate, a failed one hands back to the cycles from the polished
 * point, and the next try waits until the evaluations have doubled (so failed tries cost at most about what the EM
 * between them costs). The trigger and the waits are the constant-weight fit's, measured there
 * (docs/convergence.md, "Fewer evaluations").
 *
 * <p>Counting as {@link EmFitter}: every M-step computed is one evaluation (a failing one included), every pass of
 * a polish one more, and {@code maxIterations} caps the sum. Iterations are accepted iterates. The listener hears
 * the objective of every accepted iterate (not of rejected extrapolations or line-search probes).
 */
final class GatedSquarem {
    /** Evaluations per unconstrained coordinate before the first polish (the constant fit's {@code Squarem}). */
    static final int FIRST_POLISH = 8;
    /** Objective change of a plain EM step below which the polish is tried (the constant fit's {@code Squarem}). */
    static final double POLISH_TRIGGER = 1e-3;

    /** An evaluated iterate: the model, its conditional ℓ and the objective the EM maximises. */
    record Point(GatedModel model, double logLikelihood, double objective) {
    }

    private final EmSettings settings;
    private final EmFitter rule;
    private final GatedPass pass;
    private final GatedMStep mstep;
    private final GatedCoordinates coordinates;
    private final GatedEmFitter.ObjectiveListener listener;
    private final int scheme;
    private final boolean polish;
    private final long t0;
    int evaluations;
    private int iterations;
    private double lastChange = Double.NaN;
    private double lastRelative = Double.NaN;
    private double lastStep = Double.NaN;

    /**
     * @param scheme 1, 2 or 3: the step length of Varadhan &amp; Roland's scheme S1, S2 or S3
     * @param polish whether to run the Newton polish
     * @param t0     {@link System#nanoTime()} when the fit started
     */
    GatedSquarem(EmSettings settings, GatedPass pass, GatedMStep mstep, GatedCoordinates coordinates,
            GatedEmFitter.ObjectiveListener listener, int scheme, boolean polish, long t0) {
        if (scheme < 1 || scheme > 3) {
            throw new IllegalArgumentException("scheme: must be 1, 2 or 3, got " + scheme);
        }
        this.settings = settings;
        this.rule = new EmFitter(settings);
        this.pass = pass;
        this.mstep = mstep;
        this.coordinates = coordinates;
        this.listener = listener;
        this.scheme = scheme;
        this.polish = polish;
        this.t0 = t0;
    }

    EmSettings settings() {
        return settings;
    }

    /** The pass at θ (it then holds θ's responsibilities); not counted. */
    Point evaluate(GatedModel theta) {
        double ll = pass.run(theta);
        return new Point(theta, ll, ll + pass.covariateLogDensity);
    }

    /** An accepted iterate: counted and told to the listener. */
    void accept(Point p) {
        iterations++;
        if (listener != null) {
            listener.evaluated(p.objective());
        }
    }

    /** Runs the cycles from {@code p0}, whose objective is finite and whose responsibilities the pass holds. */
    GatedFitResult run(Point p0) {
        int max = settings.maxIterations();
        int size = coordinates.size();
        GatedNewtonPolish newton = polish ? new GatedNewtonPolish(this, pass, coordinates, settings.varianceFloor())
                : null;
        int nextPolish = FIRST_POLISH * size;
        double stepMax = 1;
        double[] ue = new double[size];
        while (true) {
            if (evaluations >= max) {
                return result(p0, FitStatus.MAX_ITERATIONS, null);
            }
            GatedModel m1 = mstep.apply(p0.model());
            evaluations++;
            if (m1 == null) {
                return result(p0, mstep.failure, null);
            }
            Point p1 = evaluate(m1);
            if (!Double.isFinite(p1.objective())) {
                return result(p0, FitStatus.NON_FINITE, null);
            }
            double[] u0 = coordinates.pack(p0.model());
            double[] u1 = coordinates.pack(m1);
            lastChange = p1.objective() - p0.objective();
            lastRelative = Math.abs(lastChange) / Math.abs(p0.objective());
            lastStep = GatedEmFitter.largestScaledStep(u0, u1);
            boolean done = rule.converged(lastChange, lastRelative, lastStep);
            if (done || evaluations >= max) {
                accept(p1);
                return result(p1, done ? FitStatus.CONVERGED : FitStatus.MAX_ITERATIONS, null);
            }
            if (polish && Math.abs(lastChange) < POLISH_TRIGGER && evaluations >= nextPolish
                    && evaluations + 2 * size + 1 <= max) {
                double tolerance = settings.stop() == StopRule.ABSOLUTE ? settings.tolerance()
                        : settings.tolerance() * Math.abs(p1.objective());
                // θ1 is accepted before the polish starts from it (a plain EM step: its objective is ≥ f0).
                accept(p1);
                Point polished = newton.polish(p1, tolerance);
                if (newton.certified() != null) {
                    return result(polished, FitStatus.CONVERGED, newton.certified());
                }
                nextPolish = 2 * evaluations;
                // Restart the cycles from the polished point (it is no longer M(θ0)); the pass is elsewhere, and
                // bringing it back is one more counted pass, which the polish's probes may have left no room for.
                if (evaluations >= max) {
                    return result(polished, FitStatus.MAX_ITERATIONS, null);
                }
                evaluations++;
                p0 = evaluate(polished.model());
                if (!Double.isFinite(p0.objective())) {
                    return result(polished, FitStatus.NON_FINITE, null);
                }
                continue;
            }
            GatedModel m2 = mstep.apply(m1);
            evaluations++;
            if (m2 == null) {
                accept(p1);
                return result(p1, mstep.failure, null);
            }
            double[] u2 = coordinates.pack(m2);
            double s = SquaremStep.length(scheme, u0, u1, u2, size, stepMax);
            Point candidate = null;
            if (Math.abs(s - 1) > 0.01 && evaluations < max) {
                for (int j = 0; j < size; j++) {
                    double r = u1[j] - u0[j];
                    double v = u2[j] - 2 * u1[j] + u0[j];
                    ue[j] = u0[j] + 2 * s * r + s * s * v;
                }
                candidate = extrapolated(ue, p0.objective());
            }
            if (candidate == null) {
                if (s > 1) {
                    stepMax = Math.max(1, s / 4);
                }
                s = 1;
                candidate = evaluate(m2);
                if (!Double.isFinite(candidate.objective())) {
                    accept(p1);
                    return result(p1, FitStatus.NON_FINITE, null);
                }
            }
            if (s == stepMax) {
                stepMax *= 4;
            }
            p0 = candidate;
            accept(p0);
        }
    }

    /**
     * The stabilising EM step from U⁻¹(ue) (one evaluation), or null when it is not accepted: U⁻¹(ue) outside
     * the parameter space, a pass that is not finite, a failing M-step, or an objective below {@code least}.
     */
    private Point extrapolated(double[] ue, double least) {
        GatedModel extrapolated;
        try {
            extrapolated = coordinates.unpack(ue);
        } catch (IllegalArgumentException e) {
            return null; // outside the parameter space numerically (a variance overflowing, say)
        }
        if (!Double.isFinite(pass.run(extrapolated))) {
            return null;
        }
        GatedModel stabilised = mstep.apply(extrapolated);
        evaluations++;
        if (stabilised == null) {
            return null;
        }
        Point p = evaluate(stabilised);
        return Double.isFinite(p.objective()) && p.objective() >= least ? p : null;
    }

    /** The result at {@code p}; {@code polished} is the certificate the polish left there, or null. */
    private GatedFitResult result(Point p, FitStatus status, Certificate polished) {
        int likelihoodPasses = pass.passes;
        Certificate certificate = polished != null ? polished
                : GatedEmFitter.certificate(status, settings, pass, p.model(), coordinates);
        long millis = (System.nanoTime() - t0) / 1_000_000L;
        return new GatedFitResult(p.model(), p.logLikelihood(), p.objective(), iterations, status, millis, lastChange,
                lastRelative, lastStep, evaluations, certificate, likelihoodPasses, mstep.solverPasses());
    }
}
