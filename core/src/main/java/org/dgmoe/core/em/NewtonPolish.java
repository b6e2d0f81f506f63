package org.dgmoe.core.em;

/**
 * Newton steps on ℓ in the unconstrained coordinates u = U(θ) ({@link Iterate#toUnconstrained}), and
 * the optimality certificate of a fit (docs/convergence.md, "The optimality certificate").
 *
 * <h2>Coordinates</h2>
 * u without the last expert's log-weight: U⁻¹ renormalises the weights, so adding a constant to every
 * log p_i changes nothing and ℓ is flat along it (−H would be singular); fixing one of them removes
 * that gauge. A coordinate at its bound (λ within 1e−12 of 0 or 1, a variance within 1e−6·floor of the
 * floor) is held fixed as well. r denotes the number of coordinates kept.
 *
 * <h2>Gradient and Hessian</h2>
 * The gradient g = ∂ℓ/∂u is the analytic score ({@link Score}, computed from the statistics of one
 * pass) through the chain rule: ∂/∂logit λ = λ(1 − λ) ∂/∂λ, ∂/∂log(σ − floor) = (σ − floor) ∂/∂σ, the
 * log-weights are the softmax logits η of {@link Score}, a and b unchanged. The Hessian H is the central
 * difference of g, column c from g(u ± h_c e_c), symmetrised: 2r passes. h_c = 10⁻⁴ in the log and
 * logit coordinates, 10⁻⁴·√σ_i/s_j for a slope (s_j the covariate's s.d.) and 10⁻⁴·√σ_i for an
 * intercept, i.e. 10⁻⁴ of each coordinate's natural scale: the truncation error is O(h²) ≈ 10⁻⁸
 * relative, the rounding of g (≈ 10⁻¹⁶ N per entry) divided by 2h stays below 10⁻¹¹ N.
 *
 * <h2>Certificate</h2>
 * With −H positive definite (Cholesky succeeds), the Newton step δ = (−H)⁻¹g predicts the gain
 * ℓ(u + δ) − ℓ(u) ≈ ½ gᵀ(−H)⁻¹g of the quadratic model: the distance to the local maximum, in
 * log-likelihood units. Its square root times √2 is that distance in standard errors of the estimate
 * (−H is the observed information), so a gain of 10⁻⁸ puts the estimate 1.4·10⁻⁴ standard errors from
 * the maximum. When −H is not positive definite the point is not certified (the gain is NaN).
 *
 * <h2>Polish</h2>
 * From an iterate EM has brought close ({@link Squarem}): analyse; stop certified when the gain at a
 * fresh, unshifted Hessian is at most the tolerance; otherwise try u + tδ for t = 1, 1/4, …, 4⁻⁶ and
 * accept the first with ℓ ≥ ℓ(u) + 10⁻⁴ t gᵀδ (Armijo), at most {@link #MAX_STEPS} times. The Hessian
 * is reused while the predicted gain at least halves per step (the chord method: a step then costs the
 * one pass that gives ℓ and the next gradient). Where −H is not positive definite (the flat, curved
 * valleys of over-fitted models) the step uses −H + μ·diag(|H_jj|) with the smallest μ ∈ {10⁻⁴, …, 10²}
 * that is (Levenberg–Marquardt). Accepted steps only increase ℓ, so the fit stays monotone. Every pass
 * of a polish counts as one EM-map evaluation (it costs one).
 */
final class NewtonPolish {
    /** Newton steps per polish (with the chord method's reused Hessian, each costs about one pass). */
    static final int MAX_STEPS = 30;
    private static final double RELATIVE_STEP = 1e-4;
    private static final double ARMIJO = 1e-4;
    /** The shortest step fraction the backtracking tries (4⁻⁶): in a flat valley δ can overshoot by far. */
    private static final double MIN_STEP = 1.0 / 4096;

    private final EmFitter.Run run;
    private final int k;
    private final int d;
    private final int m;
    private final int stride;
    private final int weightOffset;
    private final double floor;
    private final double[] xScale;
    private final int[] kept;
    private int r;
    private final double[] u;
    private final double[] ut;
    private final double[] score;
    private final double[] gu;
    private final double[] g;
    private final double[] gPlus;
    private final double[] gMinus;
    private final double[] hessian;
    private final double[] chol;
    private final double[] delta;
    private final Iterate probe;

    /**
     * Predicted gain ½gᵀ(−H)⁻¹g of the current step: of the last {@link #analyse} (NaN when −H was not
     * positive definite), or of the step a chord or a shifted Hessian gave since.
     */
    private double gain = Double.NaN;
    /** Whether −H was positive definite at the last {@link #analyse}. */
    private boolean negativeDefinite;
    /** Whether the last {@link #analyse} computed the whole Hessian (its passes were all finite). */
    private boolean hessianReady;
    /** The Levenberg–Marquardt shift of the current step (0: Newton's own). */
    private double shift;
    /** Whether passes count as EM-map evaluations (during a polish, not for the final certificate). */
    private boolean counting;

    NewtonPolish(EmFitter.Run run, double[] xScale) {
        this.run = run;
        this.k = run.k;
        this.d = run.d;
        this.m = Iterate.unconstrainedSize(k, d, run.lambdaEntry);
        this.stride = d + 3;
        this.weightOffset = run.lambdaEntry ? 1 : 0;
        this.floor = run.floor;
        this.xScale = xScale;
        this.kept = new int[m];
        this.u = new double[m];
        this.ut = new double[m];
        this.score = new double[Score.size(k, d, run.lambdaEntry)];
        this.gu = new double[m];
        this.g = new double[m];
        this.gPlus = new double[m];
        this.gMinus = new double[m];
        this.hessian = new double[m * m];
        this.chol = new double[m * m];
        this.delta = new double[m];
        this.probe = new Iterate(k, d);
    }

    /**
     * The optimality certificate at {@code th}, whose statistics the workspace holds: one
     * {@link #analyse}, its gain and definiteness, and the passes it made (2r when every one was finite).
     * Leaves the workspace holding the statistics of another point.
     */
    Certificate certificate(Iterate th) {
        int before = run.passes;
        analyse(th);
        return new Certificate(gain, negativeDefinite, run.passes - before);
    }

    /**
     * Gradient, Hessian, Newton step and predicted gain at {@code th}, whose statistics the workspace
     * holds. Leaves the workspace holding the statistics of another point. Returns whether −H is
     * positive definite.
     */
    boolean analyse(Iterate th) {
        hessianReady = false;
        stale = true; // its gradientAt passes leave the workspace at other points
        th.toUnconstrained(run.lambdaEntry, floor, u);
        selectCoordinates(th);
        if (counting && run.evaluations + 2 * r + 1 > run.settings.maxIterations()) {
            return fail(); // the cap leaves no room for the analysis and the pass after it
        }
        gradient(th, g);
        for (int c = 0; c < r; c++) {
            int j = kept[c];
            double h = step(th, j);
            System.arraycopy(u, 0, ut, 0, m);
            ut[j] = u[j] + h;
            if (!gradientAt(th.lambda, gPlus)) {
                return fail();
            }
            ut[j] = u[j] - h;
            if (!gradientAt(th.lambda, gMinus)) {
                return fail();
            }
            for (int e = 0; e < r; e++) {
                hessian[e * r + c] = (gPlus[e] - gMinus[e]) / (2 * h);
            }
        }
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < a; b++) {
                double v = 0.5 * (hessian[a * r + b] + hessian[b * r + a]);
                hessian[a * r + b] = v;
                hessian[b * r + a] = v;
            }
        }
        hessianReady = true;
        shift = 0;
        if (!factor(0)) {
            return fail();
        }
        newtonStep();
        negativeDefinite = Double.isFinite(gain);
        if (!negativeDefinite) {
            gain = Double.NaN;
        }
        return negativeDefinite;
    }

    /**
     * −H of the last {@link #analyse} in its kept coordinates, r×r row-major (a copy), or null when that
     * analysis did not compute the whole Hessian (a pass was not finite). Symmetric; not necessarily
     * positive definite.
     */
    double[] information() {
        if (!hessianReady) {
            return null;
        }
        double[] out = new double[r * r];
        for (int e = 0; e < r * r; e++) {
            out[e] = -hessian[e];
        }
        return out;
    }

    /** The indices into u = U(θ) of the coordinates the last {@link #analyse} kept, in its Hessian's order (a copy). */
    int[] keptCoordinates() {
        return java.util.Arrays.copyOf(kept, r);
    }

    /**
     * chol = the Cholesky factor of −H + μ·diag(|H_jj|) (Levenberg–Marquardt's shift); false unless
     * that is positive definite.
     */
    private boolean factor(double mu) {
        for (int a = 0; a < r; a++) {
            for (int b = 0; b <= a; b++) {
                chol[a * r + b] = -hessian[a * r + b];
            }
            chol[a * r + a] += mu * Math.abs(hessian[a * r + a]);
        }
        return cholesky();
    }

    /**
     * After an analysis found −H not positive definite: the smallest shift μ ∈ {10⁻⁴, 10⁻³, …, 10²} that
     * makes −H + μ·diag(|H_jj|) positive definite, and the step δ it gives (an ascent direction, shorter
     * than Newton's; gain is then the shifted model's, not a certificate). False when none does.
     */
    private boolean shifted() {
        if (!hessianReady) {
            return false;
        }
        for (double mu = 1e-4; mu <= 1e2; mu *= 10) {
            if (factor(mu)) {
                shift = mu;
                newtonStep();
                return Double.isFinite(gain) && gain > 0;
            }
        }
        return false;
    }

    /** δ = (−H)⁻¹g from the Cholesky factor in chol, and gain = ½ gᵀδ. */
    private void newtonStep() {
        for (int a = 0; a < r; a++) {
            double v = g[a];
            for (int b = 0; b < a; b++) {
                v -= chol[a * r + b] * delta[b];
            }
            delta[a] = v / chol[a * r + a];
        }
        for (int a = r - 1; a >= 0; a--) {
            double v = delta[a];
            for (int b = a + 1; b < r; b++) {
                v -= chol[b * r + a] * delta[b];
            }
            delta[a] = v / chol[a * r + a];
        }
        double gd = 0;
        for (int a = 0; a < r; a++) {
            gd += g[a] * delta[a];
        }
        gain = 0.5 * gd;
    }

    /**
     * Whether the workspace may hold the statistics of a point other than the polished iterate (a
     * rejected line-search probe, or {@link #analyse}'s difference points): {@link #analyse} reads the
     * gradient at th from the workspace, so {@link #refresh} must run first.
     */
    private boolean stale;

    /** One counted pass at th when the workspace is {@link #stale}; false when the cap leaves no room for it. */
    private boolean refresh(Iterate th) {
        if (!stale) {
            return true;
        }
        if (run.evaluations >= run.settings.maxIterations()) {
            return false;
        }
        run.evaluations++;
        run.pass(th);
        stale = false;
        return true;
    }

    private boolean fail() {
        gain = Double.NaN;
        negativeDefinite = false;
        return false;
    }

    /**
     * Polishes {@code th} in place (ℓ(th) = {@code ll}, the workspace holding its statistics) by
     * Newton steps until the predicted gain at a fresh Hessian is at most {@code tolerance} (then
     * {@link #certified()} is the certificate at th) or a step fails. The Hessian is reused while it works (the chord
     * method: a step then costs one pass, which gives ℓ and the next gradient) and recomputed when a
     * step fails or the predicted gain falls by less than half. Returns ℓ of th on return; the workspace
     * then holds the statistics of another point. Every pass is counted as an EM-map evaluation.
     */
    double polish(Iterate th, double ll, double tolerance) {
        certified = null;
        int max = run.settings.maxIterations();
        counting = true;
        try {
            if (run.minWeight > 0 && !withinWeightBound(th, 1e-9)) {
                return ll; // a weight at its bound: the unconstrained Newton model does not apply
            }
            stale = false;
            boolean fresh = analyse(th) || shifted();
            if (!fresh) {
                return ll;
            }
            for (int s = 0; s < MAX_STEPS && run.evaluations < max; s++) {
                if (gain <= tolerance) {
                    if (fresh && shift == 0) {
                        certified = new Certificate(gain, negativeDefinite, 0);
                        return ll;
                    }
                    if (!refresh(th) || !(analyse(th) || shifted())) {
                        return ll;
                    }
                    fresh = true;
                    if (shift > 0) {
                        return ll;
                    }
                    continue;
                }
                double before = gain;
                double gd = 2 * gain;
                boolean accepted = false;
                for (double t = 1; t >= MIN_STEP && !accepted && run.evaluations < max; t /= 4) {
                    System.arraycopy(u, 0, ut, 0, m);
                    for (int c = 0; c < r; c++) {
                        ut[kept[c]] += t * delta[c];
                    }
                    probe.fromUnconstrained(th.lambda, run.lambdaEntry, floor, ut);
                    if (!probe.isFinite() || !withinWeightBound(probe)) {
                        continue;
                    }
                    run.evaluations++;
                    stale = true;
                    double llt = run.pass(probe);
                    if (Double.isFinite(llt) && llt >= ll + ARMIJO * t * gd) {
                        th.copyFrom(probe);
                        ll = llt;
                        stale = false;
                        accepted = true;
                        run.iterations++;
                        run.report(ll);
                    }
                }
                if (!accepted) {
                    if (fresh || !refresh(th) || !(analyse(th) || shifted())) {
                        return ll;
                    }
                    fresh = true;
                    continue;
                }
                // The pass at the accepted point gave its statistics: the next gradient is free.
                th.toUnconstrained(run.lambdaEntry, floor, u);
                gradient(th, g);
                newtonStep();
                fresh = false;
                if (!(gain <= 0.5 * before) || !(gain > 0)) {
                    if (!(analyse(th) || shifted())) {
                        return ll;
                    }
                    fresh = true;
                }
            }
            return ll;
        } finally {
            counting = false;
        }
    }

    private boolean withinWeightBound(Iterate th) {
        return withinWeightBound(th, 0);
    }

    /** Every weight above the bound by more than {@code margin} relative (always true without a bound). */
    private boolean withinWeightBound(Iterate th, double margin) {
        for (double p : th.weight) {
            if (p < run.minWeight * (1 + margin)) {
                return false;
            }
        }
        return true;
    }

    /** See {@link #certified()}. */
    private Certificate certified;

    /**
     * The certificate at the iterate of the last {@link #polish} when it ended with the predicted gain at a
     * fresh, unshifted Hessian at most its tolerance (0 passes: they were the polish's, counted as EM-map
     * evaluations); null when it did not.
     */
    Certificate certified() {
        return certified;
    }

    private void selectCoordinates(Iterate th) {
        r = 0;
        if (run.lambdaEntry && th.lambda > 1e-12 && th.lambda < 1 - 1e-12) {
            kept[r++] = 0;
        }
        for (int i = 0; i < k; i++) {
            int o = weightOffset + i * stride;
            if (i < k - 1) {
                kept[r++] = o;
            }
            for (int j = 0; j <= d; j++) {
                kept[r++] = o + 1 + j;
            }
            if (th.variance[i] - floor > 1e-6 * floor) {
                kept[r++] = o + 2 + d;
            }
        }
    }

    private double step(Iterate th, int j) {
        if (j < weightOffset) {
            return RELATIVE_STEP;
        }
        int i = (j - weightOffset) / stride;
        int c = (j - weightOffset) % stride;
        if (c == 0 || c == d + 2) {
            return RELATIVE_STEP;
        }
        double sd = Math.sqrt(th.variance[i]);
        return c <= d ? RELATIVE_STEP * sd / xScale[c - 1] : RELATIVE_STEP * sd;
    }

    /** The kept entries of ∂ℓ/∂u at U⁻¹(ut) into out (one pass); false if ℓ is not finite there. */
    private boolean gradientAt(double fixedLambda, double[] out) {
        probe.fromUnconstrained(fixedLambda, run.lambdaEntry, floor, ut);
        if (!probe.isFinite()) {
            return false;
        }
        if (counting) {
            run.evaluations++;
        }
        if (!Double.isFinite(run.pass(probe))) {
            return false;
        }
        gradient(probe, out);
        return true;
    }

    /** The kept entries of ∂ℓ/∂u at th from the workspace's statistics (which must be th's) into out. */
    private void gradient(Iterate th, double[] out) {
        run.score(th, score);
        int so = run.lambdaEntry ? 1 : 0;
        if (run.lambdaEntry) {
            gu[0] = th.lambda * (1 - th.lambda) * score[0];
        }
        for (int i = 0; i < k; i++) {
            int o = weightOffset + i * stride;
            int e = so + k + i * (d + 2);
            gu[o] = score[so + i];
            for (int j = 0; j <= d; j++) {
                gu[o + 1 + j] = score[e + j];
            }
            gu[o + 2 + d] = (th.variance[i] - floor) * score[e + d + 1];
        }
        for (int c = 0; c < r; c++) {
            out[c] = gu[kept[c]];
        }
    }

    /** Cholesky LLᵀ of the r×r lower triangle of chol in place; false unless positive definite. */
    private boolean cholesky() {
        for (int j = 0; j < r; j++) {
            double s = chol[j * r + j];
            for (int l = 0; l < j; l++) {
                s -= chol[j * r + l] * chol[j * r + l];
            }
            if (!(s > 0) || !Double.isFinite(s)) {
                return false;
            }
            double lj = Math.sqrt(s);
            chol[j * r + j] = lj;
            for (int i = j + 1; i < r; i++) {
                double v = chol[i * r + j];
                for (int l = 0; l < j; l++) {
                    v -= chol[i * r + l] * chol[j * r + l];
                }
                chol[i * r + j] = v / lj;
            }
        }
        return true;
    }
}
