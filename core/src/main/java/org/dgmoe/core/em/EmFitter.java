package org.dgmoe.core.em;

import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.G0;

/**
 * Maximum-likelihood fitting of a deviated Gaussian mixture of experts by EM (reference §3).
 * The fitter is separate from the model it fits; it is immutable and thread-safe, and every call
 * allocates its own buffers once.
 *
 * <h2>The iteration (reference §3)</h2>
 * With θ = (λ, p, a, b, σ), σ_i a variance, and φ the Gaussian density:
 * <ul>
 * <li>E-step, in log space: t_0n = log(1 − λ) + log g0(y_n|x_n) (absent for g0 none, and when
 * λ = 1 where w_0 ≡ 0), t_in = log λ + log p_i + log φ(y_n; a_iᵀx_n + b_i, σ_i);
 * w_in = exp(t_in − LSE_n) with LSE_n = log Σ_j exp t_jn = log p_θ(y_n|x_n), so ℓ(θ) = Σ_n LSE_n.
 * log g0(y_n|x_n) is a constant of the fit and is computed once ({@link G0#logDensities}).</li>
 * <li>M-step, closed form: λ' = 1 − (1/N) Σ_n w_0n (only when {@link EmSettings#lambdaFree()});
 * p_i' = Σ_n w_in / Σ_n Σ_{j≥1} w_jn; (a_i', b_i') = weighted least squares of y on z = [x, 1]
 * with weights w_in, solved centred at the expert's weighted means and scaled to unit diagonal
 * ({@link WeightedLeastSquares}); σ_i' = Σ_n w_in (y_n − a_i'ᵀx_n − b_i')² / Σ_n w_in, computed from
 * the centred statistics (since the normal equations hold), and floored at
 * {@link EmSettings#varianceFloor()} (default {@link EmSettings#DEFAULT_VARIANCE_FLOOR}). The
 * floored M-step still maximises the expected complete log-likelihood over σ ≥ floor (it is
 * unimodal in σ), so ℓ never decreases.</li>
 * </ul>
 * One fused pass over the data evaluates ℓ(θ_t) and accumulates the sufficient statistics
 * Σw, Σw·zzᵀ, Σw·zy, Σw·y² of θ_{t+1} (see {@link EmWorkspace}).
 * The whole fit runs on the data centred at their means ({@link WeightedLeastSquares.Frame}), so a
 * covariate or response far from zero costs no digits; the result is in the data's units.
 *
 * <h2>Stopping and status</h2>
 * After each plain EM step θ_t = M(θ_{t−1}) the stopping rule of {@link EmSettings#stop()} is checked
 * ({@link #converged}; docs/convergence.md): {@link StopRule#RELATIVE}, the published
 * |ℓ_t − ℓ_{t−1}| / |ℓ_{t−1}| &lt; tolerance, or {@link StopRule#ABSOLUTE} (default), |ℓ_t − ℓ_{t−1}| &lt;
 * tolerance and the largest scaled parameter step below {@link EmSettings#stepTolerance()}. The fit
 * stops with {@link FitStatus#CONVERGED} when the rule holds, with {@link FitStatus#MAX_ITERATIONS}
 * after {@code maxIterations} EM-map evaluations (tolerance 0 therefore runs exactly that many),
 * with {@link FitStatus#DEGENERATE} when an M-step cannot be carried out: a component's total
 * responsibility Σ_n w_in is not above {@link #MIN_COMPONENT_MASS}·N, or its normal matrix is
 * singular (a Cholesky pivot not above {@link #SINGULAR_PIVOT} times its diagonal entry), and with
 * {@link FitStatus#NON_FINITE} when ℓ or a new parameter is NaN or infinite. The result's model is
 * always the last valid accepted iterate θ_t and its log-likelihood is exactly ℓ(θ_t) (a sum over
 * points, not a mean). The result carries the diagnostics of the last EM step (ℓ change, relative
 * change, largest scaled step), the norm of the analytic score at θ_t ({@link Score}, computed from
 * the statistics of the pass that evaluated ℓ(θ_t), so it costs no extra pass), the number of
 * accepted iterations and of EM-map evaluations.
 *
 * <h2>Structure</h2>
 * This class is the API and the state of one fit ({@code Run}: workspace, counters, plain EM). The
 * parts live beside it: {@link WeightedLeastSquares} (the closed-form M-step), {@link Iterate} (the
 * parameter arrays and the unconstrained map u = U(θ)) and {@link Squarem} (with
 * {@link Acceleration#SQUAREM}: two EM steps, an extrapolation in unconstrained coordinates, a
 * stabilising EM step, and a fall back to the plain EM path whenever ℓ would decrease, so the
 * accepted ℓ never decreases) and {@link NewtonPolish} (with {@link Acceleration#SQUAREM_NEWTON}, the
 * default: Newton steps once EM has nearly stalled; and, for every fit, the optimality certificate
 * {@link Certificate#newtonGain()}), and {@link Daarem} (with {@link Acceleration#DAAREM} or
 * {@link Acceleration#DAAREM_NEWTON}: damped Anderson acceleration, measured against the default in
 * docs/convergence.md). {@link ParameterBounds} optionally bounds variances and weights.
 *
 * <h2>Kernels</h2>
 * {@link Kernel#FAST} (default) uses blocked structure-of-arrays loops and {@link FastExp} (relative
 * error below 1e−15 against {@link Math#exp}); where {@code jdk.incubator.vector} is present on x86-64
 * its exponentials and the d = 1 / d = 4 statistics run in vector registers ({@code VectorBlock}, FastExp's
 * arithmetic bit for bit), the statistics of other d as a weighted Gram in register tiles ({@code VectorGram}),
 * else in plain loops ({@code LaneStatistics}). {@link Kernel#REFERENCE} is the exact scalar path with
 * {@link Math#exp}/{@link Math#log} per point, which the fast path is tested against.
 */
public final class EmFitter {

    /**
     * A component whose total responsibility Σ_n w_in is at most 1e−10·N (equivalently λ·p_i ≤ 1e−10)
     * has lost its mass: it owns less than a millionth of a point for every N ≤ 10⁴ and less than
     * 10⁻³ of a point for N ≤ 10⁷, so its parameters are determined by rounding, not data.
     */
    public static final double MIN_COMPONENT_MASS = 1e-10;

    /**
     * A Cholesky pivot at most 1e−12 times its diagonal entry means the weighted design [x, 1] of a
     * component is collinear to within 1e−12 (e.g. all its mass on one covariate value): the WLS
     * solution is not determined.
     */
    public static final double SINGULAR_PIVOT = 1e-12;

    /** Which implementation of the data pass to run; both implement the same iteration. */
    public enum Kernel {
        /** Blocked structure-of-arrays loops, the fast exponential, one log per 32 points. */
        FAST,
        /** Exact scalar per-point log-sum-exp with Math.exp/Math.log: the reference. */
        REFERENCE
    }

    private final EmSettings settings;
    private final Kernel kernel;

    public EmFitter(EmSettings settings) {
        this(settings, Kernel.FAST);
    }

    public EmFitter(EmSettings settings, Kernel kernel) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: must not be null");
        }
        if (kernel == null) {
            throw new IllegalArgumentException("kernel: must be FAST or REFERENCE, got null");
        }
        this.settings = settings;
        this.kernel = kernel;
    }

    public EmSettings settings() {
        return settings;
    }

    /**
     * Fits the family of {@code start} (its g0, its number of experts) to {@code data}, starting
     * from {@code start}. λ stays at the start's value when {@link EmSettings#lambdaFree()} is false.
     */
    public FitResult fit(Dataset data, DeviatedModel start) {
        return fit(data, start, null);
    }

    /**
     * As {@link #fit(Dataset, DeviatedModel)}, reporting ℓ of every evaluated iterate (the start
     * included) to {@code listener} (may be null).
     */
    public FitResult fit(Dataset data, DeviatedModel start, IterationListener listener) {
        EmData.check(data, start);
        return new Run(EmData.forStart(data, start), start, listener, true).execute();
    }

    /**
     * As {@link #fit(Dataset, DeviatedModel)} on data whose frame and log g0 are already made (the same
     * result bit for bit): for many fits of one data set.
     *
     * @throws IllegalArgumentException when {@code start}'s g0 is not the one {@code data} was made under
     */
    public FitResult fit(EmData data, DeviatedModel start) {
        EmData.check(data, start);
        return new Run(data, start, null, true).execute();
    }

    /**
     * As {@link #fit(Dataset, DeviatedModel)}, without the optimality certificate: for a fit that is only
     * compared and discarded (a restart candidate, a start-check refit), which would pay 2r passes for
     * nothing. Everything but the certificate is what {@code fit} returns, bit for bit; the result's
     * newtonGain is NaN (not negative definite), and {@link #certify} adds the certificate afterwards.
     * A certificate the Newton polish left at the estimate costs nothing and is kept for {@code certify}.
     */
    public UncertifiedFit fitUncertified(Dataset data, DeviatedModel start) {
        EmData.check(data, start);
        return fitUncertified(EmData.forStart(data, start), start);
    }

    /**
     * As {@link #fitUncertified(Dataset, DeviatedModel)} on data whose frame and log g0 are already made.
     *
     * @throws IllegalArgumentException when {@code start}'s g0 is not the one {@code data} was made under
     */
    public UncertifiedFit fitUncertified(EmData data, DeviatedModel start) {
        EmData.check(data, start);
        Run run = new Run(data, start, null, false);
        FitResult result = run.execute();
        return new UncertifiedFit(result, this, start, data.data().size(), run.pending);
    }

    /**
     * The result of {@code fit} with the optimality certificate {@link #fit(Dataset, DeviatedModel)} would
     * have reported: bit for bit the same newtonGain and hessianNegativeDefinite, its millis and
     * certificatePasses including this call's (2r + 1 passes: one at the estimate, whose statistics the
     * fit did not keep, then the Hessian's 2r; 0 when the polish's analysis is reused). A fit that would
     * get no certificate (tolerance 0, DEGENERATE, NON_FINITE) is returned as it is.
     *
     * @param data the data {@code fit} was made on
     * @param fit  a fit of this fitter ({@link #fitUncertified})
     * @throws IllegalArgumentException when {@code fit} was made by a fitter with other settings or kernel,
     *                                  or on data of another size or dimension
     */
    public FitResult certify(Dataset data, UncertifiedFit fit) {
        if (data == null || fit == null) {
            throw new IllegalArgumentException("data and fit: must not be null");
        }
        if (!fit.fitter().settings.equals(settings) || fit.fitter().kernel != kernel) {
            throw new IllegalArgumentException("fit: made with other settings or kernel than this fitter's");
        }
        DeviatedModel start = fit.start();
        if (data.size() != fit.size() || data.dimension() != start.dimension()) {
            throw new IllegalArgumentException("data: the fit was made on " + fit.size() + " points of dimension "
                    + start.dimension() + ", got " + data.size() + " of dimension " + data.dimension());
        }
        FitResult r = fit.result();
        UncertifiedFit.Pending pending = fit.pending();
        if (pending == null) {
            return r;
        }
        if (pending.polished() != null) {
            return r.withCertificate(pending.polished(), r.millis());
        }
        long t0 = System.nanoTime();
        Run run = new Run(EmData.forStart(data, start), start, null, true);
        Iterate th = new Iterate(run.k, run.d);
        th.copyFrom(pending.estimate());
        // The fit's last pass at the estimate gave the statistics its certificate starts from; this pass,
        // on the same frame and parameters, gives the same ones, so the analysis repeats bit for bit.
        run.pass(th);
        Certificate computed = run.newton().certificate(th);
        long millis = (System.nanoTime() - t0) / 1_000_000L;
        // This call's passes: the one at the estimate, then the certificate's.
        return r.withCertificate(new Certificate(computed.newtonGain(), computed.hessianNegativeDefinite(), run.passes),
                r.millis() + millis);
    }

    /**
     * The observed information of {@code fit} on {@code data} at its estimate, with the certificate's own
     * Hessian (one pass at the estimate, then the 2r passes of {@link NewtonPolish}'s central differences, in
     * the fit's centred frame), and the Jacobian to the reported parameters (docs/uncertainty.md). Not
     * {@link ObservedInformation#computed()} when ℓ or a pass of the differences is not finite there. The
     * fitter's settings give the variance floor, the bounds and whether λ is estimated, so use the fitter
     * that made the fit.
     *
     * @param data the data {@code fit} was made on
     */
    public ObservedInformation observedInformation(Dataset data, FitResult fit) {
        if (fit == null) {
            throw new IllegalArgumentException("fit: must not be null");
        }
        DeviatedModel model = fit.model();
        EmData.check(data, model);
        Run run = new Run(EmData.forStart(data, model), model, null, true);
        Iterate inData = Iterate.of(model);
        Iterate th = Iterate.of(model);
        run.frame.enter(th);
        double[] information = null;
        int[] kept = new int[0];
        if (Double.isFinite(run.pass(th))) {
            NewtonPolish newton = run.newton();
            newton.analyse(th);
            information = newton.information();
            kept = newton.keptCoordinates();
        }
        boolean lambdaEstimated = settings.lambdaFree() && !model.g0().isNone();
        return ObservedInformation.of(th, inData, lambdaEstimated, run.lambdaEntry, run.floor, run.minWeight,
                run.frame.xShift, information, kept);
    }

    /**
     * Whether the stopping rule holds after a plain EM step with change ℓ_t − ℓ_{t−1} = {@code change},
     * relative change {@code relativeChange} and largest scaled step {@code step}. Tolerance 0 never stops.
     */
    public boolean converged(double change, double relativeChange, double step) {
        double tol = settings.tolerance();
        if (!(tol > 0)) {
            return false;
        }
        return switch (settings.stop()) {
            case RELATIVE -> relativeChange < tol;
            case ABSOLUTE -> Math.abs(change) < tol && step < settings.stepTolerance();
        };
    }

    /** The state of one fit: buffers, counters, plain EM; {@link Squarem} drives it too. */
    final class Run {
        private final long t0 = System.nanoTime();
        private final DeviatedModel start;
        private final IterationListener listener;
        private final boolean hasG0;
        final boolean lambdaEntry;
        final EmSettings settings = EmFitter.this.settings;
        private final EmWorkspace ws;
        private final WeightedLeastSquares mstep;
        /** The variance floor of this fit: the settings' floor, or the larger bound of {@link ParameterBounds}. */
        final double floor;
        /** The weight bound of this fit ({@link ParameterBounds#weight()}; 0: none). */
        final double minWeight;
        /** The data's centred frame the whole fit runs in (see {@link WeightedLeastSquares}). */
        final WeightedLeastSquares.Frame frame;
        final int k;
        final int d;
        int evaluations;
        int iterations;
        private double lastChange = Double.NaN;
        private double lastRelative = Double.NaN;
        private double lastStep = Double.NaN;
        private NewtonPolish newton;
        /** Data passes made so far ({@link #pass}, {@link #evaluate}). */
        int passes;
        /** Whether {@link #result} computes the optimality certificate ({@link #fitUncertified}: not). */
        private final boolean certify;
        /** Without {@link #certify}: the certificate {@link #result} would have added (null: none). */
        UncertifiedFit.Pending pending;

        /** @param data made under {@code start}'s g0 (checked by the callers) */
        Run(EmData data, DeviatedModel start, IterationListener listener, boolean certify) {
            this.start = start;
            this.certify = certify;
            this.listener = listener;
            this.d = data.data().dimension();
            this.k = start.size();
            G0 g0 = start.g0();
            this.hasG0 = !g0.isNone() && start.lambda() < 1;
            this.lambdaEntry = hasG0 && settings.lambdaFree();
            this.frame = data.frame;
            this.ws = new EmWorkspace(data.data().columnView(), frame.xShift, frame.y, d, k,
                    hasG0 ? data.logG0 : null, EmWorkspace.VECTOR, data.blocks);
            ParameterBounds bounds = settings.bounds();
            if (bounds.weight() * k >= 1) {
                throw new IllegalArgumentException("bounds.weight: must be below 1/k = " + (1.0 / k) + " for k = " + k
                        + " experts, got " + bounds.weight());
            }
            double bound = bounds.variance() * frame.yVariance;
            this.floor = Double.isFinite(bound) ? Math.max(settings.varianceFloor(), bound) : settings.varianceFloor();
            this.minWeight = bounds.weight();
            this.mstep = new WeightedLeastSquares(d, settings.lambdaFree(), floor, minWeight);
        }

        boolean useG0(Iterate th) {
            return hasG0 && th.lambda < 1;
        }

        double pass(Iterate th) {
            passes++;
            boolean g = useG0(th);
            return kernel == Kernel.FAST
                    ? ws.passFast(g, th.lambda, th.weight, th.slope, th.intercept, th.variance)
                    : ws.passReference(g, th.lambda, th.weight, th.slope, th.intercept, th.variance);
        }

        /** ℓ only (the statistics of this pass will not be used). */
        double evaluate(Iterate th) {
            passes++;
            boolean g = useG0(th);
            return kernel == Kernel.FAST
                    ? ws.logLikelihoodFast(g, th.lambda, th.weight, th.slope, th.intercept, th.variance)
                    : ws.passReference(g, th.lambda, th.weight, th.slope, th.intercept, th.variance);
        }

        /** M-step from the statistics in ws into {@code out}; counts one EM-map evaluation. */
        FitStatus map(Iterate from, Iterate out) {
            evaluations++;
            return mstep.apply(ws, from, out, useG0(from));
        }

        void record(Iterate from, Iterate to, double llFrom, double llTo) {
            lastChange = llTo - llFrom;
            lastRelative = Math.abs(llTo - llFrom) / Math.abs(llFrom);
            lastStep = Iterate.maxStep(from, to);
        }

        /** The projected score at th in the fit's frame, from the statistics of the last pass (th's). */
        void score(Iterate th, double[] out) {
            Score.fromStatistics(ws, lambdaEntry, useG0(th), th.lambda, th.weight, th.slope, th.intercept,
                    th.variance, floor, out);
        }

        /** The Newton polish and certificate of this fit, created on first use. */
        NewtonPolish newton() {
            if (newton == null) {
                newton = new NewtonPolish(this, frame.xScale);
            }
            return newton;
        }

        /** ℓ_t − ℓ_{t−1} of the EM step last {@link #record}ed. */
        double lastChange() {
            return lastChange;
        }

        /** Whether the stopping rule holds for the EM step last {@link #record}ed. */
        boolean converged() {
            return EmFitter.this.converged(lastChange, lastRelative, lastStep);
        }

        void report(double ll) {
            if (listener != null) {
                listener.onIterate(iterations, ll);
            }
        }

        /** The result at θ; {@code statsAtTheta} says whether ws holds the statistics of a pass at θ. */
        FitResult result(Iterate th, double ll, FitStatus status, boolean statsAtTheta) {
            return result(th, ll, status, statsAtTheta, null);
        }

        /**
         * As {@link #result(Iterate, double, FitStatus, boolean)}; {@code polished} is the certificate the
         * Newton polish left at θ ({@link NewtonPolish#certified()}), which the result then reuses, or null.
         */
        FitResult result(Iterate th, double ll, FitStatus status, boolean statsAtTheta, Certificate polished) {
            DeviatedModel model = start;
            if (th != null) {
                Iterate inData = new Iterate(k, d);
                inData.copyFrom(th);
                frame.leave(inData);
                model = inData.toModel(start);
            }
            double scoreNorm = Double.NaN;
            // The passes from here on (at θ, after the iteration stopped) are the result's certificatePasses.
            int before = passes;
            // Tolerance 0 (benchmarks: exactly maxIterations evaluations) gets no certificate: it costs 2r
            // passes (NewtonPolish) that a timing must not include.
            boolean certifiable = th != null && Double.isFinite(ll) && settings.tolerance() > 0
                    && (status == FitStatus.CONVERGED || status == FitStatus.MAX_ITERATIONS);
            // The score is computed as with the certificate, also without it, so that the two results are
            // the same but for the certificate.
            if (th != null && Double.isFinite(ll) && (statsAtTheta || certifiable)) {
                if (!statsAtTheta || polished != null) {
                    pass(th);
                }
                double[] g = new double[Score.size(k, d, lambdaEntry)];
                score(th, g);
                frame.scoreToData(lambdaEntry, k, g);
                scoreNorm = Score.norm(g);
            }
            Certificate computed = Certificate.NONE;
            if (certifiable && certify) {
                computed = polished != null ? polished : newton().certificate(th);
            } else if (certifiable) {
                Iterate estimate = new Iterate(k, d);
                estimate.copyFrom(th);
                pending = new UncertifiedFit.Pending(estimate, polished);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000L;
            // Its passes: those at θ after the iteration stopped (the score's, the certificate's).
            return new FitResult(model, ll, iterations, status, millis, lastRelative, lastChange, lastStep, scoreNorm,
                    evaluations, new Certificate(computed.newtonGain(), computed.hessianNegativeDefinite(), passes - before));
        }

        FitResult execute() {
            Iterate cur = Iterate.of(start);
            frame.enter(cur);
            double ll = pass(cur);
            report(ll);
            if (!Double.isFinite(ll)) {
                return result(null, ll, FitStatus.NON_FINITE, false);
            }
            return switch (settings.acceleration()) {
                case NONE -> plain(cur, ll);
                case SQUAREM -> Squarem.run(this, cur, ll, false);
                case SQUAREM_NEWTON -> Squarem.run(this, cur, ll, true);
                case SQUAREM_S1 -> Squarem.run(this, cur, ll, false, 1);
                case SQUAREM_S2 -> Squarem.run(this, cur, ll, false, 2);
                case DAAREM -> Daarem.run(this, cur, ll, false);
                case DAAREM_NEWTON -> Daarem.run(this, cur, ll, true);
            };
        }

        /** Plain EM from θ with ℓ(θ) = ll and ws holding the statistics at θ. */
        FitResult plain(Iterate cur, double ll) {
            Iterate next = new Iterate(k, d);
            while (true) {
                if (evaluations >= settings.maxIterations()) {
                    return result(cur, ll, FitStatus.MAX_ITERATIONS, true);
                }
                FitStatus failure = map(cur, next);
                if (failure != null) {
                    return result(cur, ll, failure, true);
                }
                // With tolerance 0 (benchmarks) the last permitted M-step needs only ℓ: the fast path skips
                // the statistics, and the result's score is then NaN. Otherwise the statistics are kept, so
                // a capped fit still reports its score.
                boolean evaluateOnly = settings.tolerance() == 0 && evaluations >= settings.maxIterations();
                double llNext = evaluateOnly ? evaluate(next) : pass(next);
                if (!Double.isFinite(llNext)) {
                    return result(cur, ll, FitStatus.NON_FINITE, false);
                }
                iterations++;
                record(cur, next, ll, llNext);
                ll = llNext;
                Iterate swap = cur;
                cur = next;
                next = swap;
                report(ll);
                if (evaluateOnly) {
                    return result(cur, ll, FitStatus.MAX_ITERATIONS, false);
                }
                if (converged()) {
                    return result(cur, ll, FitStatus.CONVERGED, true);
                }
            }
        }
    }
}
