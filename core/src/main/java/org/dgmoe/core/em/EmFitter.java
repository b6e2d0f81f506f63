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
 * After each M-step the new iterate is evaluated; the fit stops with {@link FitStatus#CONVERGED}
 * when |ℓ_t − ℓ_{t−1}| / |ℓ_{t−1}| &lt; tolerance, with {@link FitStatus#MAX_ITERATIONS} after
 * {@code maxIterations} M-steps (tolerance 0 therefore runs exactly {@code maxIterations} of them),
 * with {@link FitStatus#DEGENERATE} when an M-step cannot be carried out: a component's total
 * responsibility Σ_n w_in is not above {@link #MIN_COMPONENT_MASS}·N, or its normal matrix is
 * singular (a Cholesky pivot not above {@link #SINGULAR_PIVOT} times its diagonal entry), and with
 * {@link FitStatus#NON_FINITE} when ℓ or a new parameter is NaN or infinite. The result's model is
 * always the last valid iterate θ_t and its log-likelihood is exactly ℓ(θ_t) (a sum over points,
 * not a mean), and its iteration count is t, the number of M-steps that produced θ_t.
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

    /** The same settings with another kernel. */
    public EmFitter withKernel(Kernel newKernel) {
        return new EmFitter(settings, newKernel);
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
        long t0 = System.nanoTime();
        final int n = data.size();
        final int d = data.dimension();
        final int k = start.size();
        final G0 g0 = start.g0();
        final boolean hasG0 = !g0.isNone() && start.lambda() < 1;
        double[] logG0 = null;
        if (hasG0) {
            logG0 = new double[n];
            g0.logDensities(data, logG0);
        }
        EmWorkspace ws = new EmWorkspace(data.columnView(), data.yView(), d, k, logG0);
        Params cur = Params.of(start);
        Params next = new Params(k, d);
        MStep mstep = new MStep(d);

        double ll = pass(ws, hasG0 && cur.lambda < 1, cur);
        if (listener != null) {
            listener.onIterate(0, ll);
        }
        if (!Double.isFinite(ll)) {
            return result(start, ll, 0, FitStatus.NON_FINITE, t0, Double.NaN);
        }
        int iteration = 0;
        double relativeChange = Double.NaN;
        while (true) {
            if (iteration >= settings.maxIterations()) {
                return result(cur.toModel(start), ll, iteration, FitStatus.MAX_ITERATIONS, t0, relativeChange);
            }
            FitStatus failure = mstep.apply(ws, cur, next, hasG0 && cur.lambda < 1);
            if (failure != null) {
                return result(cur.toModel(start), ll, iteration, failure, t0, relativeChange);
            }
            // After the last permitted M-step only ℓ is needed: the fast path skips the statistics.
            boolean last = iteration + 1 >= settings.maxIterations();
            double llNext = last
                    ? evaluate(ws, hasG0 && next.lambda < 1, next)
                    : pass(ws, hasG0 && next.lambda < 1, next);
            if (!Double.isFinite(llNext)) {
                return result(cur.toModel(start), ll, iteration, FitStatus.NON_FINITE, t0, relativeChange);
            }
            iteration++;
            relativeChange = Math.abs(llNext - ll) / Math.abs(ll);
            ll = llNext;
            Params swap = cur;
            cur = next;
            next = swap;
            if (listener != null) {
                listener.onIterate(iteration, ll);
            }
            if (relativeChange < settings.tolerance()) {
                return result(cur.toModel(start), ll, iteration, FitStatus.CONVERGED, t0, relativeChange);
            }
        }
    }

    private double pass(EmWorkspace ws, boolean useG0, Params th) {
        return kernel == Kernel.FAST
                ? ws.passFast(useG0, th.lambda, th.weight, th.slope, th.intercept, th.variance)
                : ws.passReference(useG0, th.lambda, th.weight, th.slope, th.intercept, th.variance);
    }

    /** ℓ only (the statistics of this pass will not be used). */
    private double evaluate(EmWorkspace ws, boolean useG0, Params th) {
        return kernel == Kernel.FAST
                ? ws.logLikelihoodFast(useG0, th.lambda, th.weight, th.slope, th.intercept, th.variance)
                : ws.passReference(useG0, th.lambda, th.weight, th.slope, th.intercept, th.variance);
    }

    private static FitResult result(DeviatedModel model, double ll, int iterations, FitStatus status, long t0,
            double relativeChange) {
        long millis = (System.nanoTime() - t0) / 1_000_000L;
        return new FitResult(model, ll, iterations, status, millis, relativeChange);
    }

    /** Mutable parameter arrays of one iterate (kept primitive so the loop allocates nothing). */
    private static final class Params {
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
