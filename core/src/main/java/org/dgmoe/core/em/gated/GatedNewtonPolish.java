package org.dgmoe.core.em.gated;

import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;

/**
 * Newton steps on the gated fit's objective in the unconstrained coordinates u ({@link GatedCoordinates}), for
 * {@link org.dgmoe.core.em.Acceleration#SQUAREM_NEWTON}: the gated counterpart of the constant-weight fit's
 * {@code NewtonPolish} (docs/convergence.md, "Fewer evaluations: the Newton polish"), tried by
 * {@link GatedSquarem} once EM has nearly stalled.
 *
 * <h2>Analysis</h2>
 * g is the analytic score ({@link GatedScore}) from the pass at θ; H its Jacobian by the central differences of
 * {@link GatedCertificate#hessian} (2P passes for P coordinates); δ = (−H)⁻¹g by Cholesky and the predicted gain
 * ½ gᵀ(−H)⁻¹g, by the same code as the certificate ({@link GatedCertificate#factor}, {@link GatedCertificate#gain}).
 * Where −H is not positive definite (the flat, curved valleys of over-fitted models) the step uses
 * −H + μ·diag(|H_mm|) with the smallest μ ∈ {10⁻⁴, …, 10²} that is (Levenberg–Marquardt). Unlike the constant
 * fit's polish, a try only starts where −H itself is positive definite: tries that started shifted walked the
 * over-fitted valley at 2P passes a step, and on 8 over-fitted softmax fits (GatedSquaremTest's case at data
 * seeds 43, 53, …, 113; docs/performance.md, "Gated EM: SQUAREM and the Newton polish") the rule lowered the mean
 * evaluations from 370 to 342 and the worst fit's from 696 to 471 (SQUAREM alone: 773 and 1689).
 *
 * <h2>Steps</h2>
 * u + tδ for t = 1, ½, ¼, …, 2⁻¹² (step halving) until the objective rises by at least 10⁻⁴·t·gᵀδ (Armijo), so an
 * accepted step always increases it. The Hessian is reused while the predicted gain at least halves per step (the
 * chord method: a step then costs the one pass that gives the objective and the next score) and recomputed
 * otherwise; at most {@link #MAX_STEPS} steps. A point is only tried inside the M-step's own constraint set
 * (every variance above {@code EmSettings.varianceFloor()}, every Gaussian gate covariance's eigenvalues above the
 * solver's floor, each with a margin of 10⁻⁶ relative): from outside it, a generalised EM step need not increase
 * the objective, and the polished point hands back to EM. A start on such a bound is not polished.
 *
 * <h2>Stop</h2>
 * When a fresh, unshifted analysis predicts a gain at most the tolerance, the point is certified: that analysis is
 * exactly {@link GatedCertificate#at} at the point, so the fit reports it without recomputing (0 passes: they were
 * the polish's, counted as evaluations). Every pass of a polish counts as one EM-map evaluation against
 * {@code maxIterations}. Not thread-safe (it drives the fit's one {@link GatedPass}).
 */
final class GatedNewtonPolish {
    /** Newton steps per polish (with the chord method's reused Hessian, each costs about one pass). */
    static final int MAX_STEPS = 30;
    private static final double ARMIJO = 1e-4;
    /** The shortest step fraction tried, 2⁻¹²: in a flat valley δ can overshoot by far. */
    private static final double MIN_STEP = 1.0 / 4096;
    /** Relative margin kept from the M-step's floors (class comment). */
    private static final double FLOOR_MARGIN = 1e-6;

    private final GatedSquarem run;
    private final GatedPass pass;
    private final GatedCoordinates coordinates;
    private final double varianceFloor;

    /** The certificate the last {@link #polish} left at its point (null: none). */
    private Certificate certified;
    /** Whether the pass holds the responsibilities of a point other than the polished one. */
    private boolean stale;
    /** The current analysis: score, Cholesky factor of −H (+ shift), step δ, predicted gain, shift μ. */
    private double[] g;
    private double[][] l;
    private double[] delta;
    private double gain;
    private double shift;

    GatedNewtonPolish(GatedSquarem run, GatedPass pass, GatedCoordinates coordinates, double varianceFloor) {
        this.run = run;
        this.pass = pass;
        this.coordinates = coordinates;
        this.varianceFloor = varianceFloor;
    }

    /**
     * Polishes {@code start} (the pass holding its responsibilities) by Newton steps until the predicted gain at
     * a fresh, unshifted analysis is at most {@code tolerance} (then {@link #certified()} is the certificate at
     * the returned point) or a step fails. Every accepted step is handed to {@link GatedSquarem#accept}. Returns
     * the polished point; the pass then holds another point's responsibilities.
     */
    GatedSquarem.Point polish(GatedSquarem.Point start, double tolerance) {
        certified = null;
        stale = false;
        GatedSquarem.Point at = start;
        double[] u = coordinates.pack(at.model());
        if (!finite(u) || !inside(at.model())) {
            return at; // a coordinate on a bound: the unconstrained Newton model does not apply
        }
        boolean fresh = analyse(at, u);
        if (!fresh || shift > 0) {
            return at; // −H not negative definite at the start: the quadratic model does not hold yet (class comment)
        }
        int max = run.settings().maxIterations();
        for (int s = 0; s < MAX_STEPS && run.evaluations < max; s++) {
            if (gain <= tolerance) {
                if (fresh && shift == 0) {
                    certified = new Certificate(gain, true, 0);
                    return at;
                }
                if (fresh || !refresh(at) || !analyse(at, u) || shift > 0) {
                    return at;
                }
                fresh = true;
                continue;
            }
            double before = gain;
            double gd = 2 * gain;
            GatedSquarem.Point accepted = null;
            double[] ut = new double[u.length];
            for (double t = 1; t >= MIN_STEP && accepted == null && run.evaluations < max; t /= 2) {
                for (int m = 0; m < u.length; m++) {
                    ut[m] = u[m] + t * delta[m];
                }
                GatedModel probe;
                try {
                    probe = coordinates.unpack(ut);
                } catch (IllegalArgumentException e) {
                    continue; // outside the parameter space numerically: a shorter step
                }
                if (!inside(probe)) {
                    continue;
                }
                run.evaluations++;
                stale = true;
                GatedSquarem.Point p = run.evaluate(probe);
                if (Double.isFinite(p.objective()) && p.objective() >= at.objective() + ARMIJO * t * gd) {
                    accepted = p;
                }
            }
            if (accepted == null) {
                if (fresh || !refresh(at) || !analyse(at, u)) {
                    return at;
                }
                fresh = true;
                continue;
            }
            at = accepted;
            stale = false;
            run.accept(at);
            u = coordinates.pack(at.model());
            // The pass at the accepted point gave its responsibilities: the next score is free (the chord step).
            g = GatedScore.of(pass, at.model(), coordinates);
            delta = GatedCertificate.step(l, g);
            gain = GatedCertificate.gain(l, g);
            fresh = false;
            if (!(gain <= 0.5 * before) || !(gain > 0)) {
                if (!analyse(at, u)) {
                    return at;
                }
                fresh = true;
            }
        }
        return at;
    }

    /**
     * The certificate at the point of the last {@link #polish} when it ended certified (a fresh, unshifted
     * analysis there predicted a gain at most the tolerance); null when it did not.
     */
    Certificate certified() {
        return certified;
    }

    /**
     * Score, Hessian, step and gain at {@code at} = U⁻¹(u), the pass holding its responsibilities; the Hessian
     * shifted when −H is not positive definite. False when the cap leaves no room, a difference point is outside
     * the parameter space, or no shift makes the matrix positive definite. Leaves the pass {@link #stale}.
     */
    private boolean analyse(GatedSquarem.Point at, double[] u) {
        if (run.evaluations + 2 * u.length + 1 > run.settings().maxIterations()) {
            return false; // no room for the analysis and the pass after it
        }
        g = GatedScore.of(pass, at.model(), coordinates);
        GatedCertificate.Differences h = GatedCertificate.hessian(pass, coordinates, u);
        run.evaluations += h.passes();
        stale = true;
        if (h.hessian() == null) {
            return false;
        }
        shift = 0;
        l = GatedCertificate.factor(h.hessian(), 0);
        for (int e = -4; l == null && e <= 2; e++) {
            shift = Math.pow(10, e);
            l = GatedCertificate.factor(h.hessian(), shift);
        }
        if (l == null) {
            return false;
        }
        delta = GatedCertificate.step(l, g);
        gain = GatedCertificate.gain(l, g);
        return Double.isFinite(gain);
    }

    /** One counted pass at {@code at} when the pass is {@link #stale}; false when the cap leaves no room. */
    private boolean refresh(GatedSquarem.Point at) {
        if (!stale) {
            return true;
        }
        if (run.evaluations >= run.settings().maxIterations()) {
            return false;
        }
        run.evaluations++;
        run.evaluate(at.model());
        stale = false;
        return true;
    }

    /** Whether θ is inside the M-step's constraint set by the margin (class comment). */
    private boolean inside(GatedModel theta) {
        for (Expert e : theta.experts()) {
            if (!(e.variance() > varianceFloor * (1 + FLOOR_MARGIN))) {
                return false;
            }
        }
        if (theta.gating() instanceof GaussianGating gate) {
            for (int i = 0; i < gate.size(); i++) {
                double[][] c = gate.covariance(i);
                double trace = 0;
                for (int j = 0; j < c.length; j++) {
                    trace += c[j][j];
                }
                // The solver floors eigenvalues at max(floor, RELATIVE_FLOOR·λ_max); the trace bounds λ_max from
                // above, so Γ − f·I positive definite with this f keeps every eigenvalue above the solver's floor.
                double f = (1 + FLOOR_MARGIN) * Math.max(GaussianGateSolver.DEFAULT_COVARIANCE_FLOOR,
                        GaussianGateSolver.RELATIVE_FLOOR * trace);
                for (int j = 0; j < c.length; j++) {
                    c[j][j] -= f;
                }
                if (!positiveDefinite(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean positiveDefinite(double[][] a) {
        double[][] l = GaussianGating.lowerCholesky(a);
        for (int j = 0; j < a.length; j++) {
            if (!(l[j][j] > 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(double[] u) {
        for (double v : u) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
