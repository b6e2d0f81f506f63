package org.dgmoe.core.em;

/**
 * SQUAREM (Varadhan &amp; Roland 2008, Scand. J. Statist. 35, scheme S3) over the EM map of one fit,
 * with the SQUAREM R package's step-length adaptation and strict monotonicity.
 *
 * <p>One cycle from θ0 with ℓ(θ0) = ll0 and the workspace holding the statistics at θ0: θ1 = M(θ0),
 * θ2 = M(θ1); in u = U(θ) (see {@link Iterate#toUnconstrained}), r = u1 − u0, v = u2 − 2u1 + u0,
 * step length s = ‖r‖/‖v‖ clamped to [1, stepMax] (s = −α of Varadhan &amp; Roland, so the clamp is
 * their safeguard α ≤ −1), u' = u0 + 2s r + s² v, then the stabilising EM step θ' = M(U⁻¹(u'))
 * (skipped when s = 1, where u' = u2). θ' is accepted when ℓ(θ') is finite and ≥ ℓ(θ0); otherwise
 * the cycle falls back to θ2, the plain EM path. stepMax starts at 1 and is multiplied by 4 each time
 * s reaches it (the SQUAREM R package's step.max0 = 1, mstep = 4); after a rejected step of length s
 * it becomes max(1, s/4). The R package divides stepMax by 4 only when s = stepMax, which suits its
 * default non-monotone acceptance (ℓ may drop by 1); with strict monotonicity, over-fitted fits
 * have ‖r‖/‖v‖ ≈ 700 below a stepMax of 1024, and the R rule rejected ~80% of the cycles
 * (docs/performance.md, "SQUAREM"). The stopping rule is checked on the plain EM
 * step θ0 → θ1 of every cycle, so it means the same as for plain EM.
 */
final class Squarem {
    private Squarem() {
    }

    /**
     * The first try waits for 8·(1 + k(d + 3)) evaluations (104 for k = 3, d = 1): a try costs about
     * 2r passes, and fits that SQUAREM finishes in a few hundred evaluations (n ≲ 1000) gained nothing
     * from earlier tries (docs/convergence.md, "Fewer evaluations").
     */
    static final int FIRST_POLISH = 8;
    /**
     * The change of ℓ in one EM step below which {@link Acceleration#SQUAREM_NEWTON} tries its Newton
     * polish: EM then moves ℓ by less than a thousandth per step, where the quadratic model of ℓ has
     * been found to hold (docs/convergence.md, "Fewer evaluations").
     */
    static final double POLISH_TRIGGER = 1e-3;

    /**
     * Runs SQUAREM cycles from {@code p0} until the fit stops; {@code run} holds the statistics at p0.
     * With {@code polish}, the Newton polish ({@link NewtonPolish}) is tried once the plain EM step of a
     * cycle changes ℓ by less than {@link #POLISH_TRIGGER} and {@link #FIRST_POLISH} evaluations per
     * unconstrained coordinate have been spent, and after a failed try again only once the
     * evaluations have doubled (so failed tries cost at most about as much as the EM they interrupt);
     * the fit is CONVERGED when the polish certifies the iterate (predicted gain at most the tolerance,
     * relative to |ℓ| under the relative rule) or when the stopping rule holds.
     */
    static FitResult run(EmFitter.Run run, Iterate p0, double ll0, boolean polish) {
        return run(run, p0, ll0, polish, 3);
    }

    /**
     * As {@link #run(EmFitter.Run, Iterate, double, boolean)} with the step length of Varadhan &amp; Roland's
     * scheme {@code scheme} (their §3; the R package's {@code method}): with s = −α, S1 s = −rᵀv/vᵀv,
     * S2 s = −rᵀr/rᵀv, S3 s = ‖r‖/‖v‖. By Cauchy–Schwarz |S1| ≤ S3 ≤ |S2|; the clamp to [1, stepMax] and
     * the adaptation of stepMax are the same for all three.
     */
    static FitResult run(EmFitter.Run run, Iterate p0, double ll0, boolean polish, int scheme) {
        if (scheme < 1 || scheme > 3) {
            throw new IllegalArgumentException("scheme: must be 1, 2 or 3, got " + scheme);
        }
        int k = run.k;
        int d = run.d;
        int maxIterations = run.settings.maxIterations();
        Iterate p1 = new Iterate(k, d);
        Iterate p2 = new Iterate(k, d);
        Iterate pe = new Iterate(k, d);
        Iterate pn = new Iterate(k, d);
        int m = Iterate.unconstrainedSize(k, d, run.lambdaEntry);
        double[] u0 = new double[m];
        double[] u1 = new double[m];
        double[] u2 = new double[m];
        double[] ue = new double[m];
        double floor = run.floor;
        double stepMax = 1;
        int nextPolish = polish ? FIRST_POLISH * Iterate.unconstrainedSize(k, d, run.lambdaEntry) : 0;
        while (true) {
            if (run.evaluations >= maxIterations) {
                return run.result(p0, ll0, FitStatus.MAX_ITERATIONS, true);
            }
            FitStatus failure = run.map(p0, p1);
            if (failure != null) {
                return run.result(p0, ll0, failure, true);
            }
            double ll1 = run.pass(p1);
            if (!Double.isFinite(ll1)) {
                return run.result(p0, ll0, FitStatus.NON_FINITE, false);
            }
            run.record(p0, p1, ll0, ll1);
            boolean done = run.converged();
            if (done || run.evaluations >= maxIterations) {
                run.iterations++;
                run.report(ll1);
                return run.result(p1, ll1, done ? FitStatus.CONVERGED : FitStatus.MAX_ITERATIONS, true);
            }
            if (polish && Math.abs(run.lastChange()) < POLISH_TRIGGER && run.evaluations >= nextPolish
                    && run.evaluations + 2 * m + 1 <= maxIterations) {
                NewtonPolish newton = run.newton();
                double tolerance = run.settings.stop() == StopRule.ABSOLUTE ? run.settings.tolerance()
                        : run.settings.tolerance() * Math.abs(ll1);
                // θ1 is accepted before the polish starts from it (ℓ1 ≥ ℓ0: a plain EM step).
                run.iterations++;
                run.report(ll1);
                double llp = newton.polish(p1, ll1, tolerance);
                if (newton.certified() != null) {
                    return run.result(p1, llp, FitStatus.CONVERGED, false, newton.certified());
                }
                nextPolish = 2 * run.evaluations;
                // Restart the cycles from θ1 or the polished point (it is no longer M(θ0)).
                Iterate old = p0;
                p0 = p1;
                p1 = old;
                ll0 = llp;
                run.evaluations++;
                if (!Double.isFinite(run.pass(p0))) {
                    return run.result(p0, ll0, FitStatus.NON_FINITE, false);
                }
                continue;
            }
            failure = run.map(p1, p2);
            if (failure != null) {
                run.iterations++;
                run.report(ll1);
                return run.result(p1, ll1, failure, true);
            }
            p0.toUnconstrained(run.lambdaEntry, floor, u0);
            p1.toUnconstrained(run.lambdaEntry, floor, u1);
            p2.toUnconstrained(run.lambdaEntry, floor, u2);
            double s = SquaremStep.length(scheme, u0, u1, u2, m, stepMax);
            Iterate candidate = null;
            double llNew = Double.NaN;
            if (Math.abs(s - 1) > 0.01 && run.evaluations < maxIterations) {
                for (int j = 0; j < m; j++) {
                    double r = u1[j] - u0[j];
                    double v = u2[j] - 2 * u1[j] + u0[j];
                    ue[j] = u0[j] + 2 * s * r + s * s * v;
                }
                pe.fromUnconstrained(p0.lambda, run.lambdaEntry, floor, ue);
                if (pe.isFinite() && Double.isFinite(run.pass(pe)) && run.map(pe, pn) == null) {
                    llNew = run.pass(pn);
                    if (Double.isFinite(llNew) && llNew >= ll0) {
                        candidate = pn;
                    }
                }
            }
            if (candidate == null) {
                if (s > 1) {
                    stepMax = Math.max(1, s / 4);
                }
                s = 1;
                llNew = run.pass(p2);
                if (!Double.isFinite(llNew)) {
                    run.iterations++;
                    run.report(ll1);
                    return run.result(p1, ll1, FitStatus.NON_FINITE, false);
                }
                candidate = p2;
            }
            if (s == stepMax) {
                stepMax *= 4;
            }
            // Rotate buffers: the accepted iterate becomes θ0 (the workspace holds its statistics).
            Iterate old = p0;
            if (candidate == p2) {
                p0 = p2;
                p2 = old;
            } else {
                p0 = pn;
                pn = old;
            }
            ll0 = llNew;
            run.iterations++;
            run.report(ll0);
        }
    }
}
