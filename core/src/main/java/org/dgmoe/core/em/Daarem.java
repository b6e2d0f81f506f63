package org.dgmoe.core.em;

/**
 * DAAREM: damped Anderson acceleration with restarts and ε-monotonicity (Henderson &amp; Varadhan 2019,
 * J. Comput. Graph. Statist. 28(4), Algorithm 1; the R package {@code daarem}, function
 * {@code daarem_base_objfn}) over the EM map of one fit, in the unconstrained coordinates x = U(θ) of
 * {@link Iterate#toUnconstrained}, with strict monotonicity (ε = 0).
 *
 * <h2>One iteration</h2>
 * With G(x) = U(M(U⁻¹(x))) the EM map in these coordinates, the current iterate x_k, the residual
 * f_k = G(x_k) − x_k and the last ones x_{k−1}, f_{k−1}:
 * <ol>
 * <li>Append the columns Δx = x_k − x_{k−1} and Δf = f_k − f_{k−1} to X_k and F_k (at most m of them;
 * after m iterations the history is dropped and refilled: the restarts, every m iterations as in the
 * package, where {@code count == nlag} resets it).</li>
 * <li>The damped least-squares coefficients (paper eq. 8): γ = argmin ‖f_k − F_k γ‖² + λ_k‖γ‖², by the
 * SVD F_k = U D Vᵀ: γ = V diag(d_j/(d_j² + λ_k)) Uᵀf_k. λ_k is chosen ({@link #dampingFind}) so that
 * ‖γ(λ_k)‖² ≈ δ_k ‖γ(0)‖², δ_k = 1/(1 + α^(κ − s_k)) (paper eq. 10) with α = 1.2, κ = 25 and s_k the
 * number of accepted accelerated steps so far (the package's {@code shrink.count}): strong damping first,
 * relaxing towards plain Anderson acceleration as steps succeed.</li>
 * <li>The proposal (paper eq. 7): x' = x_k + f_k − (X_k + F_k)γ.</li>
 * <li>Accept x' when ℓ(U⁻¹(x')) is finite and ≥ ℓ(x_k) (the package accepts ℓ' ≥ ℓ − ε with
 * ε = 0.01; here ε = 0, so the accepted ℓ never decreases, as under {@link Squarem}); otherwise take
 * the EM step x_{k+1} = G(x_k). A non-finite proposal also empties the history (as the package does).</li>
 * </ol>
 * The package's cyclic check (s_k ← max(s_k − m, −2κ) when ℓ at a restart is below ℓ at the previous
 * restart) never fires under strict monotonicity and is kept for fidelity.
 *
 * <h2>Order</h2>
 * m = min({@link #ORDER}, ⌈p/2⌉) with p the number of unconstrained coordinates: the package's
 * {@code nlag = min(order, ceiling(num.params/2))} with its default {@code order = 5}.
 *
 * <h2>Cost and stopping</h2>
 * One pass over the data gives ℓ at a point and the statistics of its M-step, so an accepted iteration
 * costs one pass (the M-step at x_k, whose pass was the proposal's) and a rejected one two. Every pass
 * counts as one evaluation against {@code max-iterations}: the M-step counts the pass that gave its
 * statistics, and a pass whose statistics are discarded (a rejected proposal; an ℓ-only check, below)
 * counts on its own. The stopping rule is checked on the plain EM step θ_k → M(θ_k) of every iteration,
 * so it means what it means for plain EM; its step part (largest scaled step) is free, its ℓ part costs
 * a pass at M(θ_k), paid only when the step part holds (always under the relative rule, which has none).
 * When the rule holds the fit returns M(θ_k), CONVERGED.
 *
 * <h2>Newton hand-off</h2>
 * With {@code polish} ({@link Acceleration#DAAREM_NEWTON}) the {@link NewtonPolish} is tried exactly as
 * under {@link Acceleration#SQUAREM_NEWTON} ({@link Squarem#POLISH_TRIGGER}, {@link Squarem#FIRST_POLISH},
 * doubling after a failed try), the trigger being the ℓ gain of the last accepted iteration; a failed
 * try restarts DAAREM from the polished point with an empty history.
 */
final class Daarem {
    private Daarem() {
    }

    /** The package's default {@code order} (the largest history length m). */
    static final int ORDER = 5;
    /** α of δ_k = 1/(1 + α^(κ − s_k)) (the package's {@code alpha}). */
    private static final double ALPHA = 1.2;
    /** κ of δ_k (the package's {@code kappa}). */
    private static final double KAPPA = 25;
    /** Newton iterations of {@link #dampingFind} (the package's {@code maxit}). */
    private static final int DAMPING_ITERATIONS = 10;
    /** One-sided Jacobi sweeps at most; m ≤ 5 columns converge in a handful. */
    private static final int JACOBI_SWEEPS = 30;

    /**
     * Runs DAAREM from {@code th} (ℓ(th) = {@code ll}, the workspace holding its statistics) until the fit
     * stops.
     */
    static FitResult run(EmFitter.Run run, Iterate th, double ll, boolean polish) {
        int k = run.k;
        int d = run.d;
        boolean lambdaEntry = run.lambdaEntry;
        double floor = run.floor;
        int max = run.settings.maxIterations();
        double tolerance = run.settings.tolerance();
        boolean relative = run.settings.stop() == StopRule.RELATIVE;
        double stepTolerance = run.settings.stepTolerance();
        int p = Iterate.unconstrainedSize(k, d, lambdaEntry);
        int m = Math.min(ORDER, (p + 1) / 2);
        Iterate tg = new Iterate(k, d);
        Iterate tp = new Iterate(k, d);
        double[] xOld = new double[p];
        double[] fOld = new double[p];
        double[] x = new double[p];
        double[] xg = new double[p];
        double[] f = new double[p];
        double[] xp = new double[p];
        double[] dx = new double[p * m];
        double[] df = new double[p * m];
        Workspace w = new Workspace(p, m);
        int count = 0;
        int shrinkCount = 0;
        double lambdaRidge = 100_000; // the package's start (lambda.ridge), r.penalty 0
        double rPenalty = 0;
        double llStar = Double.NaN;
        boolean fresh = true;
        int nextPolish = polish ? Squarem.FIRST_POLISH * p : 0;
        th.toUnconstrained(lambdaEntry, floor, x);
        while (true) {
            if (run.evaluations >= max) {
                return run.result(th, ll, FitStatus.MAX_ITERATIONS, true);
            }
            FitStatus failure = run.map(th, tg);
            if (failure != null) {
                return run.result(th, ll, failure, true);
            }
            tg.toUnconstrained(lambdaEntry, floor, xg);
            for (int j = 0; j < p; j++) {
                f[j] = xg[j] - x[j];
            }
            double step = Iterate.maxStep(th, tg);
            boolean checkable = tolerance > 0 && (relative || step < stepTolerance);
            // A proposal needs room for its own pass and, if rejected, the EM step's (and the check's).
            boolean plainStep = fresh || max - run.evaluations < 2 + (checkable ? 1 : 0);
            double llBefore = ll;
            if (checkable || plainStep) {
                double llG = run.pass(tg);
                if (!Double.isFinite(llG)) {
                    return run.result(th, ll, FitStatus.NON_FINITE, false);
                }
                run.record(th, tg, ll, llG);
                boolean done = run.converged();
                if (done || plainStep) {
                    // The EM step x_{k+1} = G(x_k); the workspace holds its statistics.
                    System.arraycopy(x, 0, xOld, 0, p);
                    System.arraycopy(f, 0, fOld, 0, p);
                    System.arraycopy(xg, 0, x, 0, p);
                    Iterate swap = th;
                    th = tg;
                    tg = swap;
                    ll = llG;
                    run.iterations++;
                    run.report(ll);
                    if (done || run.evaluations >= max) {
                        return run.result(th, ll, done ? FitStatus.CONVERGED : FitStatus.MAX_ITERATIONS, true);
                    }
                    if (fresh) {
                        fresh = false;
                        count = 0;
                        llStar = ll;
                    }
                    continue;
                }
                run.evaluations++; // the check's pass: its statistics are overwritten by the proposal's
            } else {
                run.record(th, tg, ll, Double.NaN); // ℓ(M(θ_k)) not evaluated: its change is unknown
            }
            // Step 1: the history (restarted when count was reset to 0).
            count++;
            int col = count - 1;
            for (int j = 0; j < p; j++) {
                dx[col * p + j] = x[j] - xOld[j];
                df[col * p + j] = f[j] - fOld[j];
            }
            // Step 2: damped least squares by the SVD of F (p × count).
            w.svd(df, count);
            double ftf = 0;
            for (int c = 0; c < count; c++) {
                double uy = 0;
                if (w.sigma[c] > 0) {
                    for (int j = 0; j < p; j++) {
                        uy += w.u[c * p + j] * f[j];
                    }
                }
                w.uy[c] = uy;
                w.uySq[c] = uy * uy;
                ftf += uy * uy * w.sigma[c] * w.sigma[c];
            }
            ftf = Math.sqrt(ftf);
            dampingFind(w, count, shrinkCount, ftf, lambdaRidge, rPenalty);
            lambdaRidge = w.lambda;
            rPenalty = w.r;
            for (int c = 0; c < count; c++) {
                double s = w.sigma[c];
                w.dd[c] = s > 0 ? s * w.uy[c] / (s * s + lambdaRidge) : 0;
            }
            // Step 3: γ = V dd; x' = x + f − (X + F)γ.
            for (int j = 0; j < p; j++) {
                xp[j] = x[j] + f[j];
            }
            for (int a = 0; a < count; a++) {
                double gamma = 0;
                for (int c = 0; c < count; c++) {
                    gamma += w.v[a * m + c] * w.dd[c];
                }
                for (int j = 0; j < p; j++) {
                    xp[j] -= gamma * (dx[a * p + j] + df[a * p + j]);
                }
            }
            // Step 4: strict monotonicity.
            tp.fromUnconstrained(th.lambda, lambdaEntry, floor, xp);
            boolean acceptedNow = false;
            if (tp.isFinite()) {
                double llP = run.pass(tp);
                if (Double.isFinite(llP) && llP >= ll) {
                    acceptedNow = true;
                    System.arraycopy(x, 0, xOld, 0, p);
                    System.arraycopy(f, 0, fOld, 0, p);
                    tp.toUnconstrained(lambdaEntry, floor, x); // canonical: the log-weights of U(θ')
                    Iterate swap = th;
                    th = tp;
                    tp = swap;
                    ll = llP;
                    shrinkCount++;
                } else {
                    run.evaluations++; // the rejected proposal's pass
                    if (!Double.isFinite(llP)) {
                        count = 0;
                    }
                }
            } else {
                count = 0;
            }
            if (!acceptedNow) {
                System.arraycopy(x, 0, xOld, 0, p);
                System.arraycopy(f, 0, fOld, 0, p);
                System.arraycopy(xg, 0, x, 0, p);
                Iterate swap = th;
                th = tg;
                tg = swap;
                double llG = run.pass(th);
                if (!Double.isFinite(llG)) {
                    return run.result(tg, ll, FitStatus.NON_FINITE, false); // tg: the previous iterate
                }
                ll = llG;
            }
            if (count == m) {
                count = 0;
                if (ll < llStar) {
                    shrinkCount = Math.max(shrinkCount - m, (int) (-2 * KAPPA));
                }
                llStar = ll;
            }
            run.iterations++;
            run.report(ll);
            if (polish && Math.abs(ll - llBefore) < Squarem.POLISH_TRIGGER && run.evaluations >= nextPolish
                    && run.evaluations + 2 * p + 1 <= max) {
                NewtonPolish newton = run.newton();
                double polishTolerance = relative ? tolerance * Math.abs(ll) : tolerance;
                double llp = newton.polish(th, ll, polishTolerance);
                if (newton.certified() != null) {
                    return run.result(th, llp, FitStatus.CONVERGED, false, newton.certified());
                }
                nextPolish = 2 * run.evaluations;
                ll = llp;
                run.evaluations++;
                if (!Double.isFinite(run.pass(th))) {
                    return run.result(th, ll, FitStatus.NON_FINITE, false);
                }
                th.toUnconstrained(lambdaEntry, floor, x);
                fresh = true;
                count = 0;
            }
        }
    }

    /** Scratch of the small least-squares solve, allocated once per fit. */
    static final class Workspace {
        final int p;
        final int m;
        /** Left singular vectors, column c at [c·p, (c+1)·p). */
        final double[] u;
        /** Right singular vectors V (m × m, row a, column c at a·m + c). */
        final double[] v;
        final double[] sigma;
        final double[] uy;
        final double[] uySq;
        final double[] dd;
        double lambda;
        double r;

        Workspace(int p, int m) {
            this.p = p;
            this.m = m;
            this.u = new double[p * m];
            this.v = new double[m * m];
            this.sigma = new double[m];
            this.uy = new double[m];
            this.uySq = new double[m];
            this.dd = new double[m];
        }

        /**
         * The thin SVD of the p × n matrix A (column c at a[c·p ...]) by one-sided Jacobi (Hestenes 1958;
         * Golub &amp; Van Loan, Matrix Computations, 4th ed., §8.6.3): rotate column pairs of W = A until
         * they are orthogonal, accumulating the rotations in V; then σ_c = ‖W_c‖ and U_c = W_c/σ_c (0 when
         * σ_c = 0). Accurate to working precision relative to each σ, unlike the eigenvalues of AᵀA.
         */
        void svd(double[] a, int n) {
            System.arraycopy(a, 0, u, 0, p * n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    v[i * m + j] = i == j ? 1 : 0;
                }
            }
            for (int sweep = 0; sweep < JACOBI_SWEEPS; sweep++) {
                boolean rotated = false;
                for (int c1 = 0; c1 < n - 1; c1++) {
                    for (int c2 = c1 + 1; c2 < n; c2++) {
                        double alpha = 0;
                        double beta = 0;
                        double gamma = 0;
                        for (int j = 0; j < p; j++) {
                            double w1 = u[c1 * p + j];
                            double w2 = u[c2 * p + j];
                            alpha += w1 * w1;
                            beta += w2 * w2;
                            gamma += w1 * w2;
                        }
                        if (!(Math.abs(gamma) > 1e-15 * Math.sqrt(alpha * beta))) {
                            continue;
                        }
                        rotated = true;
                        double zeta = (beta - alpha) / (2 * gamma);
                        double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                        if (zeta == 0) {
                            t = 1;
                        }
                        double cs = 1 / Math.sqrt(1 + t * t);
                        double sn = cs * t;
                        for (int j = 0; j < p; j++) {
                            double w1 = u[c1 * p + j];
                            double w2 = u[c2 * p + j];
                            u[c1 * p + j] = cs * w1 - sn * w2;
                            u[c2 * p + j] = sn * w1 + cs * w2;
                        }
                        for (int i = 0; i < n; i++) {
                            double v1 = v[i * m + c1];
                            double v2 = v[i * m + c2];
                            v[i * m + c1] = cs * v1 - sn * v2;
                            v[i * m + c2] = sn * v1 + cs * v2;
                        }
                    }
                }
                if (!rotated) {
                    break;
                }
            }
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += u[c * p + j] * u[c * p + j];
                }
                s = Math.sqrt(s);
                sigma[c] = Double.isFinite(s) ? s : 0;
                for (int j = 0; j < p; j++) {
                    u[c * p + j] = s > 0 && Double.isFinite(s) ? u[c * p + j] / s : 0;
                }
            }
        }
    }

    /**
     * The ridge parameter λ with ‖γ(λ)‖ ≈ √δ_k ‖γ(0)‖ (the package's {@code DampingFind}: Newton's
     * method on φ(λ) = ‖γ(λ)‖ − v_k, v_k = √δ_k ‖γ(0)‖, in the form of Moré's trust-region root finder,
     * safeguarded by the bounds L ≤ λ ≤ U and stopped once ‖γ(λ)‖/‖γ(0)‖ lies between √δ at s_k ± ½).
     * ‖γ(λ)‖² = Σ_j (d_j uy_j/(d_j² + λ))² with uy = Uᵀf; zero singular values are left out, as the
     * package drops them. Writes λ (≥ 0; a guard the package leaves implicit) and the carried r into
     * {@code w}.
     */
    static void dampingFind(Workspace w, int n, int sk, double ftf, double lambdaStart, double rStart) {
        w.lambda = lambdaStart;
        w.r = rStart;
        double pow = KAPPA - sk;
        double target = Math.exp(-0.5 * Math.log1p(Math.pow(ALPHA, pow))); // √δ_k
        double lsNorm2 = 0;
        double lsDen = 0;
        for (int c = 0; c < n; c++) {
            double s = w.sigma[c];
            if (s > 0) {
                double s2 = s * s;
                lsNorm2 += w.uySq[c] / s2;
                lsDen += w.uySq[c] / (s2 * s2);
            }
        }
        double lsNorm = Math.sqrt(lsNorm2);
        double vk = target * lsNorm;
        if (!(vk > 0) || !Double.isFinite(vk)) {
            return;
        }
        double lambda = lambdaStart - rStart / vk;
        double lower = lsNorm * (lsNorm - vk) / lsDen;
        double upper = ftf / vk;
        double lowStop = Math.exp(-0.5 * Math.log1p(Math.pow(ALPHA, pow + 0.5)));
        double upStop = Math.exp(-0.5 * Math.log1p(Math.pow(ALPHA, pow - 0.5)));
        double sNorm = Double.NaN;
        double ratio = 0;
        for (int it = 0; it < DAMPING_ITERATIONS; it++) {
            if (lambda <= lower || lambda >= upper) {
                lambda = Math.max(1e-4 * upper, Math.sqrt(lower * upper));
            }
            double s2sum = 0;
            double derSum = 0;
            for (int c = 0; c < n; c++) {
                double s = w.sigma[c];
                if (s > 0) {
                    double den = s * s + lambda;
                    double dl = (s / den) * (s / den);
                    s2sum += w.uySq[c] * dl;
                    derSum += w.uySq[c] * dl / den;
                }
            }
            sNorm = Math.sqrt(s2sum);
            double phi = sNorm - vk;
            double phiDer = -derSum / sNorm;
            ratio = phi / phiDer;
            if (sNorm <= upStop * lsNorm && sNorm >= lowStop * lsNorm) {
                break;
            }
            if (phi < 0) {
                upper = lambda;
            }
            lower = Math.max(lower, lambda - ratio);
            lambda = lambda - sNorm * ratio / vk;
        }
        double r = sNorm * ratio;
        if (Double.isFinite(lambda) && Double.isFinite(r)) {
            w.lambda = Math.max(0, lambda);
            w.r = r;
        }
    }
}
