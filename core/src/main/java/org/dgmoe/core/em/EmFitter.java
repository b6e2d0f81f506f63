package org.dgmoe.core.em;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.MixingMeasure;

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
 * with weights w_in, solved by a Cholesky factorisation of the (d+1)×(d+1) normal matrix
 * Σ_n w_in z_n z_nᵀ; σ_i' = Σ_n w_in (y_n − a_i'ᵀx_n − b_i')² / Σ_n w_in, computed from the
 * statistics as (Σw y² − β'ᵀ Σw z y)/Σw (since the normal equations hold), and floored at
 * {@link EmSettings#varianceFloor()} (default {@link EmSettings#DEFAULT_VARIANCE_FLOOR}). The
 * floored M-step still maximises the expected complete log-likelihood over σ ≥ floor (it is
 * unimodal in σ), so ℓ never decreases.</li>
 * </ul>
 * One fused pass over the data evaluates ℓ(θ_t) and accumulates the sufficient statistics
 * Σw, Σw·zzᵀ, Σw·zy, Σw·y² of θ_{t+1} (see {@link EmWorkspace}).
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
 * <h2>SQUAREM</h2>
 * With {@link Acceleration#SQUAREM} (default) each iteration is a SQUAREM cycle (Varadhan &amp; Roland
 * 2008, scheme S3, with the R package's step-length adaptation; see {@code Run#squarem}): two EM
 * steps, an extrapolation in unconstrained coordinates, a stabilising EM step, and a fall back to the
 * plain EM path whenever ℓ would decrease, so the accepted ℓ never decreases.
 *
 * <h2>Kernels</h2>
 * {@link Kernel#FAST} (default) uses blocked, vectorisable loops and {@link FastExp} (relative error
 * below 1e−15 against {@link Math#exp}); {@link Kernel#REFERENCE} is the exact scalar path with
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

    public Kernel kernel() {
        return kernel;
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
        if (data == null) {
            throw new IllegalArgumentException("data: must not be null");
        }
        if (start == null) {
            throw new IllegalArgumentException("start: must not be null");
        }
        if (data.size() < 1) {
            throw new IllegalArgumentException("data: must hold at least 1 point, got " + data.size());
        }
        if (start.dimension() != data.dimension()) {
            throw new IllegalArgumentException("start: expert dimension must equal the data dimension "
                    + data.dimension() + ", got " + start.dimension());
        }
        if (start.g0().dimension() != 0 && start.g0().dimension() != data.dimension()) {
            throw new IllegalArgumentException("start.g0: dimension must equal the data dimension "
                    + data.dimension() + ", got " + start.g0().dimension());
        }
        return new Run(data, start, listener).execute();
    }

    /** The analytic projected score of {@code model} on {@code data} with these settings' λ and floor. */
    public double[] score(Dataset data, DeviatedModel model) {
        return Score.of(data, model, settings.lambdaFree(), settings.varianceFloor());
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

    /**
     * The largest scaled parameter step from {@code from} to {@code to} (see {@link StopRule#ABSOLUTE}):
     * λ and p absolute, a and b over √σ, σ relative, σ taken at {@code to}.
     */
    static double maxStep(Params from, Params to) {
        double m = Math.abs(to.lambda - from.lambda);
        boolean nan = Double.isNaN(m);
        for (int i = 0; i < to.weight.length; i++) {
            double sd = Math.sqrt(to.variance[i]);
            double s = Math.abs(to.weight[i] - from.weight[i]);
            for (int j = 0; j < to.slope[i].length; j++) {
                s = Math.max(s, Math.abs(to.slope[i][j] - from.slope[i][j]) / sd);
            }
            s = Math.max(s, Math.abs(to.intercept[i] - from.intercept[i]) / sd);
            s = Math.max(s, Math.abs(to.variance[i] - from.variance[i]) / to.variance[i]);
            nan |= Double.isNaN(s);
            m = Math.max(m, s);
        }
        return nan ? Double.NaN : m;
    }

    /** The state of one fit: buffers, counters and the two iteration schemes. */
    private final class Run {
        private final long t0 = System.nanoTime();
        private final DeviatedModel start;
        private final IterationListener listener;
        private final boolean hasG0;
        private final boolean lambdaEntry;
        private final EmWorkspace ws;
        private final MStep mstep;
        private final int k;
        private final int d;
        private int evaluations;
        private int iterations;
        private double lastChange = Double.NaN;
        private double lastRelative = Double.NaN;
        private double lastStep = Double.NaN;

        Run(Dataset data, DeviatedModel start, IterationListener listener) {
            this.start = start;
            this.listener = listener;
            this.d = data.dimension();
            this.k = start.size();
            G0 g0 = start.g0();
            this.hasG0 = !g0.isNone() && start.lambda() < 1;
            this.lambdaEntry = hasG0 && settings.lambdaFree();
            double[] logG0 = null;
            if (hasG0) {
                logG0 = new double[data.size()];
                g0.logDensities(data, logG0);
            }
            this.ws = new EmWorkspace(data.columnView(), data.yView(), d, k, logG0);
            this.mstep = new MStep(d);
        }

        boolean useG0(Params th) {
            return hasG0 && th.lambda < 1;
        }

        double pass(Params th) {
            boolean g = useG0(th);
            return kernel == Kernel.FAST
                    ? ws.passFast(g, th.lambda, th.weight, th.slope, th.intercept, th.variance)
                    : ws.passReference(g, th.lambda, th.weight, th.slope, th.intercept, th.variance);
        }

        /** ℓ only (the statistics of this pass will not be used). */
        double evaluate(Params th) {
            boolean g = useG0(th);
            return kernel == Kernel.FAST
                    ? ws.logLikelihoodFast(g, th.lambda, th.weight, th.slope, th.intercept, th.variance)
                    : ws.passReference(g, th.lambda, th.weight, th.slope, th.intercept, th.variance);
        }

        /** M-step from the statistics in ws into {@code out}; counts one EM-map evaluation. */
        FitStatus map(Params from, Params out) {
            evaluations++;
            return mstep.apply(ws, from, out, useG0(from));
        }

        void record(Params from, Params to, double llFrom, double llTo) {
            lastChange = llTo - llFrom;
            lastRelative = Math.abs(llTo - llFrom) / Math.abs(llFrom);
            lastStep = maxStep(from, to);
        }

        void report(double ll) {
            if (listener != null) {
                listener.onIterate(iterations, ll);
            }
        }

        /** The result at θ; {@code statsAtTheta} says whether ws holds the statistics of a pass at θ. */
        FitResult result(Params th, double ll, FitStatus status, boolean statsAtTheta) {
            DeviatedModel model = th == null ? start : th.toModel(start);
            double scoreNorm = Double.NaN;
            if (th != null && statsAtTheta && Double.isFinite(ll)) {
                double[] g = new double[Score.size(k, d, lambdaEntry)];
                Score.fromStatistics(ws, lambdaEntry, useG0(th), th.lambda, th.weight, th.slope, th.intercept,
                        th.variance, settings.varianceFloor(), g);
                scoreNorm = Score.norm(g);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000L;
            return new FitResult(model, ll, iterations, status, millis, lastRelative, lastChange, lastStep, scoreNorm,
                    evaluations);
        }

        FitResult execute() {
            Params cur = Params.of(start);
            double ll = pass(cur);
            report(ll);
            if (!Double.isFinite(ll)) {
                return result(null, ll, FitStatus.NON_FINITE, false);
            }
            return settings.acceleration() == Acceleration.SQUAREM ? squarem(cur, ll) : plain(cur, ll);
        }

        /** Plain EM from θ with ℓ(θ) = ll and ws holding the statistics at θ. */
        FitResult plain(Params cur, double ll) {
            Params next = new Params(k, d);
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
                Params swap = cur;
                cur = next;
                next = swap;
                report(ll);
                if (evaluateOnly) {
                    return result(cur, ll, FitStatus.MAX_ITERATIONS, false);
                }
                if (converged(lastChange, lastRelative, lastStep)) {
                    return result(cur, ll, FitStatus.CONVERGED, true);
                }
            }
        }

        /**
         * SQUAREM (S3) from θ0 with ℓ(θ0) = ll0 and ws holding the statistics at θ0. One cycle: θ1 = M(θ0),
         * θ2 = M(θ1); in u = U(θ) (see {@link Params#toUnconstrained}), r = u1 − u0, v = u2 − 2u1 + u0,
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
        FitResult squarem(Params p0, double ll0) {
            Params p1 = new Params(k, d);
            Params p2 = new Params(k, d);
            Params pe = new Params(k, d);
            Params pn = new Params(k, d);
            int m = Params.unconstrainedSize(k, d, lambdaEntry);
            double[] u0 = new double[m];
            double[] u1 = new double[m];
            double[] u2 = new double[m];
            double[] ue = new double[m];
            double floor = settings.varianceFloor();
            double stepMax = 1;
            while (true) {
                if (evaluations >= settings.maxIterations()) {
                    return result(p0, ll0, FitStatus.MAX_ITERATIONS, true);
                }
                FitStatus failure = map(p0, p1);
                if (failure != null) {
                    return result(p0, ll0, failure, true);
                }
                double ll1 = pass(p1);
                if (!Double.isFinite(ll1)) {
                    return result(p0, ll0, FitStatus.NON_FINITE, false);
                }
                record(p0, p1, ll0, ll1);
                boolean done = converged(lastChange, lastRelative, lastStep);
                if (done || evaluations >= settings.maxIterations()) {
                    iterations++;
                    report(ll1);
                    return result(p1, ll1, done ? FitStatus.CONVERGED : FitStatus.MAX_ITERATIONS, true);
                }
                failure = map(p1, p2);
                if (failure != null) {
                    iterations++;
                    report(ll1);
                    return result(p1, ll1, failure, true);
                }
                p0.toUnconstrained(lambdaEntry, floor, u0);
                p1.toUnconstrained(lambdaEntry, floor, u1);
                p2.toUnconstrained(lambdaEntry, floor, u2);
                double sr2 = 0;
                double sv2 = 0;
                for (int j = 0; j < m; j++) {
                    double r = u1[j] - u0[j];
                    double v = u2[j] - 2 * u1[j] + u0[j];
                    sr2 += r * r;
                    sv2 += v * v;
                }
                double s = Math.sqrt(sr2 / sv2);
                if (Double.isNaN(s)) {
                    s = 1;
                }
                s = Math.max(1, Math.min(stepMax, s));
                Params candidate = null;
                double llNew = Double.NaN;
                if (Math.abs(s - 1) > 0.01 && evaluations < settings.maxIterations()) {
                    for (int j = 0; j < m; j++) {
                        double r = u1[j] - u0[j];
                        double v = u2[j] - 2 * u1[j] + u0[j];
                        ue[j] = u0[j] + 2 * s * r + s * s * v;
                    }
                    pe.fromUnconstrained(p0.lambda, lambdaEntry, floor, ue);
                    if (pe.isFinite() && Double.isFinite(pass(pe)) && map(pe, pn) == null) {
                        llNew = pass(pn);
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
                    llNew = pass(p2);
                    if (!Double.isFinite(llNew)) {
                        iterations++;
                        report(ll1);
                        return result(p1, ll1, FitStatus.NON_FINITE, false);
                    }
                    candidate = p2;
                }
                if (s == stepMax) {
                    stepMax *= 4;
                }
                // Rotate buffers: the accepted iterate becomes θ0 (ws holds its statistics).
                Params old = p0;
                if (candidate == p2) {
                    p0 = p2;
                    p2 = old;
                } else {
                    p0 = pn;
                    pn = old;
                }
                ll0 = llNew;
                iterations++;
                report(ll0);
            }
        }
    }

    /** Mutable parameter arrays of one iterate (kept primitive so the loop allocates nothing). */
    static final class Params {
        double lambda;
        final double[] weight;
        final double[][] slope;
        final double[] intercept;
        final double[] variance;

        Params(int k, int d) {
            weight = new double[k];
            slope = new double[k][d];
            intercept = new double[k];
            variance = new double[k];
        }

        static Params of(DeviatedModel m) {
            int k = m.size();
            Params p = new Params(k, m.dimension());
            p.lambda = m.lambda();
            for (int i = 0; i < k; i++) {
                Expert e = m.mixing().expert(i);
                p.weight[i] = m.mixing().weight(i);
                p.slope[i] = e.slope();
                p.intercept[i] = e.intercept();
                p.variance[i] = e.variance();
            }
            return p;
        }

        /** Entries of the unconstrained vector u = U(θ). */
        static int unconstrainedSize(int k, int d, boolean lambdaEntry) {
            return (lambdaEntry ? 1 : 0) + k * (d + 3);
        }

        /**
         * u = U(θ), the coordinates SQUAREM extrapolates in: [logit λ (when estimated)], log p_i (a
         * softmax gauge: U⁻¹ renormalises), a_i, b_i, log(σ_i − floor). Every u maps back to a valid θ
         * (weights in the open simplex, λ in (0, 1), variances above the floor), so an extrapolation
         * needs no projection, whose kinks would spoil the quadratic extrapolation at the boundary. Values
         * at the boundary (λ ∈ {0, 1}, σ at the floor) are clamped to 1e-15 from it (resp. 1e-12·floor
         * above it) so u stays finite; such coordinates barely move and the ℓ check guards the rest.
         */
        void toUnconstrained(boolean lambdaEntry, double floor, double[] u) {
            int o = 0;
            if (lambdaEntry) {
                double l = Math.min(1 - 1e-15, Math.max(1e-15, lambda));
                u[o++] = Math.log(l) - Math.log1p(-l);
            }
            for (int i = 0; i < weight.length; i++) {
                u[o++] = Math.log(weight[i]);
                for (double a : slope[i]) {
                    u[o++] = a;
                }
                u[o++] = intercept[i];
                u[o++] = Math.log(Math.max(variance[i] - floor, 1e-12 * floor));
            }
        }

        /** θ = U⁻¹(u) (see {@link #toUnconstrained}); λ is {@code fixedLambda} when not estimated. */
        void fromUnconstrained(double fixedLambda, boolean lambdaEntry, double floor, double[] u) {
            int o = 0;
            lambda = lambdaEntry ? 1 / (1 + Math.exp(-u[o++])) : fixedLambda;
            double max = Double.NEGATIVE_INFINITY;
            int stride = slope[0].length + 3;
            for (int i = 0; i < weight.length; i++) {
                max = Math.max(max, u[o + i * stride]);
            }
            double total = 0;
            for (int i = 0; i < weight.length; i++) {
                weight[i] = Math.exp(u[o++] - max);
                total += weight[i];
                for (int j = 0; j < slope[i].length; j++) {
                    slope[i][j] = u[o++];
                }
                intercept[i] = u[o++];
                variance[i] = floor + Math.exp(u[o++]);
            }
            for (int i = 0; i < weight.length; i++) {
                weight[i] /= total;
            }
        }

        /** Every parameter finite, weights and λ positive, variances positive. */
        boolean isFinite() {
            if (!(lambda > 0 && lambda <= 1)) {
                return false;
            }
            for (int i = 0; i < weight.length; i++) {
                if (!(weight[i] > 0) || !Double.isFinite(intercept[i]) || !(variance[i] > 0)
                        || !Double.isFinite(variance[i])) {
                    return false;
                }
                for (double a : slope[i]) {
                    if (!Double.isFinite(a)) {
                        return false;
                    }
                }
            }
            return true;
        }

        DeviatedModel toModel(DeviatedModel family) {
            List<Expert> experts = new ArrayList<>(weight.length);
            for (int i = 0; i < weight.length; i++) {
                experts.add(new Expert(slope[i], intercept[i], variance[i]));
            }
            return family.with(lambda, new MixingMeasure(weight, experts));
        }
    }

    /** The closed-form M-step from the statistics of one pass; scratch allocated once per fit. */
    private final class MStep {
        private final int p;
        private final double[] chol;
        private final double[] rhs;
        private final double[] beta;

        MStep(int d) {
            p = d + 1;
            chol = new double[p * p];
            rhs = new double[p];
            beta = new double[p];
        }

        /** Writes θ_{t+1} into {@code next}; returns null, or the failure status (then next is garbage). */
        FitStatus apply(EmWorkspace ws, Params cur, Params next, boolean useG0) {
            int n = ws.n;
            int d = ws.d;
            int k = ws.k;
            int yc = d + 1;
            if (useG0 && settings.lambdaFree()) {
                double lambda = 1 - ws.sumW0 / n;
                next.lambda = Math.min(1, Math.max(0, lambda));
            } else {
                next.lambda = cur.lambda;
            }
            double total = 0;
            for (int i = 0; i < k; i++) {
                double mass = ws.stats[i][ws.pair(d, d)];
                if (Double.isNaN(mass)) {
                    return FitStatus.NON_FINITE;
                }
                if (!(mass > MIN_COMPONENT_MASS * n)) {
                    return FitStatus.DEGENERATE;
                }
                total += mass;
            }
            for (int i = 0; i < k; i++) {
                double[] st = ws.stats[i];
                double mass = st[ws.pair(d, d)];
                next.weight[i] = mass / total;
                for (int j = 0; j < p; j++) {
                    for (int l = 0; l <= j; l++) {
                        chol[j * p + l] = st[ws.pair(j, l)];
                    }
                    rhs[j] = st[ws.pair(j, yc)];
                }
                if (!solve()) {
                    return FitStatus.DEGENERATE;
                }
                double fitted = 0;
                for (int j = 0; j < p; j++) {
                    fitted += beta[j] * rhs[j];
                }
                double variance = (st[ws.pair(yc, yc)] - fitted) / mass;
                if (Double.isNaN(variance)) {
                    return FitStatus.NON_FINITE;
                }
                variance = Math.max(variance, settings.varianceFloor());
                for (int j = 0; j < d; j++) {
                    if (!Double.isFinite(beta[j])) {
                        return FitStatus.NON_FINITE;
                    }
                    next.slope[i][j] = beta[j];
                }
                if (!Double.isFinite(beta[d]) || !Double.isFinite(variance) || !Double.isFinite(next.weight[i])) {
                    return FitStatus.NON_FINITE;
                }
                next.intercept[i] = beta[d];
                next.variance[i] = variance;
            }
            return null;
        }

        /**
         * Solves (lower triangle of chol)·β = rhs by Cholesky LLᵀ in place; false when a pivot is not
         * above {@link #SINGULAR_PIVOT} times its diagonal entry (or is NaN).
         */
        private boolean solve() {
            for (int j = 0; j < p; j++) {
                double diag = chol[j * p + j];
                double s = diag;
                for (int m = 0; m < j; m++) {
                    s -= chol[j * p + m] * chol[j * p + m];
                }
                if (!(s > SINGULAR_PIVOT * diag)) {
                    return false;
                }
                double lj = Math.sqrt(s);
                chol[j * p + j] = lj;
                for (int i = j + 1; i < p; i++) {
                    double v = chol[i * p + j];
                    for (int m = 0; m < j; m++) {
                        v -= chol[i * p + m] * chol[j * p + m];
                    }
                    chol[i * p + j] = v / lj;
                }
            }
            for (int i = 0; i < p; i++) {
                double v = rhs[i];
                for (int m = 0; m < i; m++) {
                    v -= chol[i * p + m] * beta[m];
                }
                beta[i] = v / chol[i * p + i];
            }
            for (int i = p - 1; i >= 0; i--) {
                double v = beta[i];
                for (int m = i + 1; m < p; m++) {
                    v -= chol[m * p + i] * beta[m];
                }
                beta[i] = v / chol[i * p + i];
            }
            return true;
        }
    }
}
