package org.dgmoe.core.em.gated;

import java.util.Arrays;
import org.dgmoe.core.em.BlockLogs;
import org.dgmoe.core.em.FastExp;
import org.dgmoe.core.em.LinearForms;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * The fast form of {@link GatedPass#run}: the same ℓ and responsibilities as {@link GatedPass#runReference}
 * (ℓ to 1e−13 relative, every r to 1e−13 absolute: GatedPassTest), computed as the constant-weight kernel
 * (EmWorkspace's fast pass, docs/performance.md "EM kernel") computes its own: blocks of {@link #BLOCK} points
 * copied to buffers indexed from 0 (so C2 can vectorise every loop), {@link FastExp#expDiffInPlaceBest} for
 * every exponential, and no logarithm per point.
 *
 * <h2>No normalised gate, no log per point</h2>
 * With gate scores η_in (softmax: β_iᵀx_n + β_i0; Gaussian: log w_i N(x_n; c_i, Γ_i)), m_η = max_i η_in,
 * S_η = Σ_i exp(η_in − m_η) and Z = m_η + log S_η, the true log-terms are T_0 = log(1 − λ) + log g0 and
 * T_i = log λ + η_i − Z + log φ_i. Multiplying every term of point n by e^Z leaves the responsibilities
 * unchanged and moves Z out of the exponents: with u_i = log λ + η_i + log φ_i, u_0 = T_0 + m_η and
 * M = max(u_0, u_1, …, u_k),
 * <pre>
 *   S = S_η·exp(u_0 − M) + Σ_i exp(u_i − M),   r_0 = S_η·exp(u_0 − M) / S,   r_i = exp(u_i − M) / S,
 *   ℓ_n = M − m_η + log S − log S_η.
 * </pre>
 * A sigmoid λ(x) = 1/(1 + e^−s) is treated the same way: (1 − λ)/λ = e^−s, so the experts' side needs no log λ
 * and g0's side gets −s: u_0 = log g0 − s (+ m_η), and ℓ_n loses log λ = −(max(−s, 0) + log S_λ) with
 * S_λ = 1 + e^−|s|. Each normaliser lies in [1, 2k] (S_η ∈ [1, k], S_λ ∈ [1, 2], S ≥ 1 because the term at the
 * max is 1 or S_η ≥ 1), so Σ log S is taken one log per 32 points of the product, as EmWorkspace does. The
 * gate's own exponentials exp(η_i − m_η) / S_η are π_i(x_n), kept for the Gaussian gate's M-step
 * ({@link GatedPass#gate}); with a Gaussian gate Σ_n Z_n is also the covariates' log-density.
 *
 * <h2>General d</h2>
 * For d ≥ 2 with the Vector API ({@link LinearForms#AVAILABLE}) every linear form of the pass, the k experts' means
 * a_iᵀx + b_i, a softmax gate's k scores and a sigmoid's score, is computed in one sweep of the block's columns by
 * {@link LinearForms} (issue 27) instead of a loop per form and column; the scores are the loops' bit for bit, the
 * residuals y − (a_iᵀx + b_i) differ from the loops' y − a_i1 x_1 − b_i − … by rounding only (GeneralDimensionTest
 * holds the pass to the reference at d = 5, 8, 16, 32 with GatedPassTest's tolerances).
 *
 * <p>Buffers are allocated once per fit; not thread-safe.
 */
final class GatedBlockPass {
    /** Points per block: EmWorkspace's (a multiple of the vector exponential's lane count). */
    static final int BLOCK = BlockLogs.BLOCK;

    private final GatedPass pass;
    private final int n;
    private final int d;
    private final int k;
    private final double[][] xb;
    private final double[] yb;
    /** terms[0] = g0's, terms[i + 1] = expert i's: u, then exp(u − M), then r. */
    private final double[][] terms;
    /** Gate scores η_i, then exp(η_i − m_η), then (Gaussian gate) π_i. */
    private final double[][] score;
    private final double[] max;
    private final double[] gateMax;
    private final double[] gateNorm;
    private final double[] devScore;
    private final double[] devMax;
    private final double[] devNorm;
    private final double[] norm;
    private final double[] inverse;
    private final double[] residual;
    private final double[] rr;
    private final double[] kk;
    private final double[] zero;
    /** The Gaussian gate's block scores (allocated on the first pass with a Gaussian gate). */
    private GaussianScores gaussianScores;
    /** Per-lane Σ (M − m_η − max(−s, 0)), and Σ m_η for the covariates' log-density. */
    private final double[] laneLl;
    private final double[] laneCov;
    // The θ-constants of the current pass.
    private final double[] coefficient;
    private final double[] halfPrecision;
    private final double[] intercept;
    private final double[][] slope;
    private final double[][] gateSlope;
    private final double[] gateIntercept;
    private final double[] devSlope;
    private double devIntercept;
    /** Whether the linear forms are {@link LinearForms}' (d ≥ 2 with the Vector API). */
    private final boolean forms;
    /** {@link LinearForms}' rows of the current θ: experts' [a_i, b_i], then the gate's, then the sigmoid's. */
    private final double[] formCoefficients;
    /** Its output rows: the experts' means, then {@link #score}'s rows, then {@link #devScore}; formCount used. */
    private final double[][] formRows;
    private int formCount;
    private final double[][] mean;

    GatedBlockPass(GatedPass pass) {
        this.pass = pass;
        this.n = pass.n;
        this.d = pass.d;
        this.k = pass.k;
        xb = new double[d][BLOCK];
        yb = new double[BLOCK];
        terms = new double[k + 1][BLOCK];
        score = new double[k][BLOCK];
        max = new double[BLOCK];
        gateMax = new double[BLOCK];
        gateNorm = new double[BLOCK];
        devScore = new double[BLOCK];
        devMax = new double[BLOCK];
        devNorm = new double[BLOCK];
        norm = new double[BLOCK];
        inverse = new double[BLOCK];
        residual = new double[BLOCK];
        rr = new double[BLOCK];
        kk = new double[BLOCK];
        zero = new double[BLOCK];
        laneLl = new double[BLOCK];
        laneCov = new double[BLOCK];
        coefficient = new double[k];
        halfPrecision = new double[k];
        intercept = new double[k];
        slope = new double[k][d];
        gateSlope = new double[k][d];
        gateIntercept = new double[k];
        devSlope = new double[d];
        forms = d >= 2 && LinearForms.AVAILABLE;
        formCoefficients = forms ? new double[(2 * k + 1) * (d + 1)] : null;
        formRows = forms ? new double[2 * k + 1][] : null;
        mean = forms ? new double[k][BLOCK] : null;
    }

    /** {@link GatedPass#run}'s contract. */
    double run(GatedModel theta) {
        boolean softmax = theta.gating() instanceof SoftmaxGating;
        GaussianGating gaussian = theta.gating() instanceof GaussianGating g ? g : null;
        boolean scored = softmax || gaussian != null;
        boolean sigmoid = theta.deviation() instanceof SigmoidDeviation;
        boolean useG0 = pass.hasG0();
        double g0Shift = hoist(theta, scored, sigmoid);
        if (gaussian != null) {
            if (gaussianScores == null) {
                gaussianScores = new GaussianScores(d, k);
            }
            gaussianScores.hoist(gaussian);
        }
        // π_i for the gate's M-step: the Gaussian gate's closed form, the softmax gate's Newton step (both read it).
        double[][] gate = scored ? pass.gateColumns() : null;
        Arrays.fill(laneLl, 0);
        Arrays.fill(laneCov, 0);
        double logSum = 0;
        double covariateLogSum = 0;
        int first = useG0 ? 0 : 1;
        for (int start = 0; start < n; start += BLOCK) {
            final int len = Math.min(BLOCK, n - start);
            for (int j = 0; j < d; j++) {
                System.arraycopy(pass.x, j * n + start, xb[j], 0, len);
            }
            System.arraycopy(pass.y, start, yb, 0, len);
            if (forms) {
                LinearForms.compute(formCoefficients, formCount, xb, d, formRows, len);
            }
            if (softmax) {
                softmaxScores(len);
            } else if (gaussian != null) {
                gaussianScores.block(xb, score, len);
                gateMax(len);
            }
            if (sigmoid) {
                deviationScores(len);
            }
            if (useG0) {
                // u_0 = log(1 − λ) + log g0 (+ m_η) (− s): the start of the max.
                System.arraycopy(pass.logG0(), start, terms[0], 0, len);
                BlockLoops.shiftAndCopy(terms[0], g0Shift, max, len);
                if (scored) {
                    BlockLoops.addTo(terms[0], gateMax, len);
                }
                if (sigmoid) {
                    BlockLoops.subtractFrom(terms[0], devScore, len);
                }
                if (scored || sigmoid) {
                    System.arraycopy(terms[0], 0, max, 0, len);
                }
            }
            for (int i = 0; i < k; i++) {
                logTerms(i, len, useG0 || i > 0, scored ? score[i] : null);
            }
            for (int i = first; i <= k; i++) {
                FastExp.expDiffInPlaceBest(terms[i], max, rr, kk, len);
            }
            if (scored) {
                for (int i = 0; i < k; i++) {
                    FastExp.expDiffInPlaceBest(score[i], gateMax, rr, kk, len);
                }
                BlockLoops.copy(score[0], gateNorm, len);
                for (int i = 1; i < k; i++) {
                    BlockLoops.addTo(gateNorm, score[i], len);
                }
                if (useG0) {
                    BlockLoops.multiplyBy(terms[0], gateNorm, len);
                }
            }
            BlockLoops.copy(terms[first], norm, len);
            for (int i = first + 1; i <= k; i++) {
                BlockLoops.addTo(norm, terms[i], len);
            }
            BlockLoops.reciprocal(norm, inverse, len);
            for (int i = first; i <= k; i++) {
                BlockLoops.multiplyBy(terms[i], inverse, len);
                System.arraycopy(terms[i], 0, pass.r[i], start, len);
            }
            BlockLoops.addTo(laneLl, max, len);
            logSum += BlockLogs.sumOfLogs(norm, len);
            if (scored) {
                BlockLoops.subtractFrom(laneLl, gateMax, len);
                if (gate != null) {
                    BlockLoops.reciprocal(gateNorm, inverse, len);
                    for (int i = 0; i < k; i++) {
                        BlockLoops.multiplyInto(score[i], inverse, gate[i], start, len);
                    }
                    if (gaussian != null) {
                        BlockLoops.addTo(laneCov, gateMax, len);
                    }
                }
                double logGateNorm = BlockLogs.sumOfLogs(gateNorm, len);
                logSum -= logGateNorm;
                covariateLogSum += logGateNorm;
            }
            if (sigmoid) {
                // S_λ = 1 + e^−|s|; log λ = −(max(−s, 0) + log S_λ).
                FastExp.expDiffInPlaceBest(devNorm, zero, rr, kk, len);
                BlockLoops.addConstant(devNorm, 1.0, len);
                BlockLoops.subtractFrom(laneLl, devMax, len);
                logSum -= BlockLogs.sumOfLogs(devNorm, len);
            }
        }
        pass.covariateLogDensity = gaussian != null ? BlockLoops.sumLanes(laneCov) + covariateLogSum : 0;
        return BlockLoops.sumLanes(laneLl) + logSum;
    }

    /**
     * The θ-constants: per expert log λ + log p_i − ½ log(2πσ_i) (log λ only for a constant λ, log p_i only for
     * constant gating) and 1/(2σ_i); the gate's and the sigmoid's coefficients. Returns g0's constant log(1 − λ)
     * (0 for a sigmoid λ, whose −s is added per point).
     */
    private double hoist(GatedModel theta, boolean scored, boolean sigmoid) {
        double logLambda = 0;
        double logComplement = 0;
        if (!sigmoid) {
            double lambda = ((ConstantDeviation) theta.deviation()).lambda();
            logLambda = Math.log(lambda);
            logComplement = Math.log1p(-lambda);
        } else {
            SigmoidDeviation s = (SigmoidDeviation) theta.deviation();
            devIntercept = s.intercept();
            for (int j = 0; j < d; j++) {
                devSlope[j] = s.slope(j);
            }
        }
        for (int i = 0; i < k; i++) {
            Expert e = theta.expert(i);
            double logWeight = scored ? 0 : Math.log(((ConstantGating) theta.gating()).weight(i));
            coefficient[i] = logLambda + logWeight - 0.5 * Math.log(2 * Math.PI * e.variance());
            halfPrecision[i] = 0.5 / e.variance();
            intercept[i] = e.intercept();
            for (int j = 0; j < d; j++) {
                slope[i][j] = e.slope(j);
            }
        }
        if (theta.gating() instanceof SoftmaxGating s) {
            for (int i = 0; i < k; i++) {
                gateIntercept[i] = s.intercept(i);
                for (int j = 0; j < d; j++) {
                    gateSlope[i][j] = s.slope(i, j);
                }
            }
        }
        if (forms) {
            hoistForms(theta.gating() instanceof SoftmaxGating, sigmoid);
        }
        return logComplement;
    }

    /** {@link #formCoefficients} and {@link #formRows} of the hoisted θ: experts, softmax gate, sigmoid. */
    private void hoistForms(boolean softmax, boolean sigmoid) {
        int w = d + 1;
        int r = 0;
        for (int i = 0; i < k; i++, r++) {
            System.arraycopy(slope[i], 0, formCoefficients, r * w, d);
            formCoefficients[r * w + d] = intercept[i];
            formRows[r] = mean[i];
        }
        if (softmax) {
            for (int i = 0; i < k; i++, r++) {
                System.arraycopy(gateSlope[i], 0, formCoefficients, r * w, d);
                formCoefficients[r * w + d] = gateIntercept[i];
                formRows[r] = score[i];
            }
        }
        if (sigmoid) {
            System.arraycopy(devSlope, 0, formCoefficients, r * w, d);
            formCoefficients[r * w + d] = devIntercept;
            formRows[r] = devScore;
            r++;
        }
        formCount = r;
    }

    /** score[i] = β_i0 + Σ_j β_ij x_j (already there from {@link LinearForms} when {@link #forms}) and gateMax. */
    private void softmaxScores(int len) {
        if (forms) {
            gateMax(len);
            return;
        }
        if (d == 1) {
            final double[] x0 = xb[0];
            final double[] gm = gateMax;
            for (int i = 0; i < k; i++) {
                BlockLoops.scoreOne(score[i], x0, gateIntercept[i], gateSlope[i][0], gm, i > 0, len);
            }
            return;
        }
        for (int i = 0; i < k; i++) {
            final double[] s = score[i];
            final double b0 = gateIntercept[i];
            final double b1 = gateSlope[i][0];
            final double[] x0 = xb[0];
            for (int e = 0; e < len; e++) {
                s[e] = b0 + b1 * x0[e];
            }
            for (int j = 1; j < d; j++) {
                final double b = gateSlope[i][j];
                final double[] xj = xb[j];
                for (int e = 0; e < len; e++) {
                    s[e] += b * xj[e];
                }
            }
        }
        gateMax(len);
    }

    private void gateMax(int len) {
        BlockLoops.copy(score[0], gateMax, len);
        for (int i = 1; i < k; i++) {
            final double[] s = score[i];
            for (int e = 0; e < len; e++) {
                gateMax[e] = Math.max(gateMax[e], s[e]);
            }
        }
    }

    /** devScore = s = β_0 + Σ_j β_j x_j, devMax = max(−s, 0), devNorm = −|s| (exponentiated later). */
    private void deviationScores(int len) {
        // With the forms, s is already in devScore.
        if (!forms) {
            Arrays.fill(devScore, 0, len, devIntercept);
            for (int j = 0; j < d; j++) {
                final double b = devSlope[j];
                final double[] xj = xb[j];
                for (int e = 0; e < len; e++) {
                    devScore[e] += b * xj[e];
                }
            }
        }
        for (int e = 0; e < len; e++) {
            double s = devScore[e];
            devMax[e] = Math.max(-s, 0);
            devNorm[e] = -Math.abs(s);
        }
    }

    /**
     * terms[i + 1] = c_i − h_i (y − a_iᵀx − b_i)² (+ η_i when {@code gateScore} is not null), and
     * max = max(max, that) when {@code maxSoFar}, else max = that.
     */
    private void logTerms(int i, int len, boolean maxSoFar, double[] gateScore) {
        final double[] t = terms[i + 1];
        final double[] res = residual;
        final double[] yv = yb;
        final double c = coefficient[i];
        final double h = halfPrecision[i];
        final double bi = intercept[i];
        final double a0 = slope[i][0];
        final double[] x0 = xb[0];
        if (d == 1) {
            // One pass over the block, as EmWorkspace.logWeights.
            if (gateScore == null) {
                logTermsOne(terms[i + 1], yv, x0, c, h, a0, bi, maxSoFar, len);
            } else {
                logTermsOneScored(terms[i + 1], gateScore, yv, x0, c, h, a0, bi, maxSoFar, len);
            }
            return;
        }
        if (forms) {
            final double[] mu = mean[i];
            for (int e = 0; e < len; e++) {
                res[e] = yv[e] - mu[e];
            }
        } else {
            for (int e = 0; e < len; e++) {
                res[e] = yv[e] - a0 * x0[e] - bi;
            }
            for (int j = 1; j < d; j++) {
                final double aj = slope[i][j];
                final double[] xj = xb[j];
                for (int e = 0; e < len; e++) {
                    res[e] -= aj * xj[e];
                }
            }
        }
        final double[] m = max;
        if (gateScore == null) {
            if (maxSoFar) {
                for (int e = 0; e < len; e++) {
                    double r = res[e];
                    double te = c - h * r * r;
                    t[e] = te;
                    m[e] = Math.max(m[e], te);
                }
            } else {
                for (int e = 0; e < len; e++) {
                    double r = res[e];
                    double te = c - h * r * r;
                    t[e] = te;
                    m[e] = te;
                }
            }
        } else {
            final double[] g = gateScore;
            if (maxSoFar) {
                for (int e = 0; e < len; e++) {
                    double r = res[e];
                    double te = (c + g[e]) - h * r * r;
                    t[e] = te;
                    m[e] = Math.max(m[e], te);
                }
            } else {
                for (int e = 0; e < len; e++) {
                    double r = res[e];
                    double te = (c + g[e]) - h * r * r;
                    t[e] = te;
                    m[e] = te;
                }
            }
        }
    }

    /** d = 1, no gate score: t = c − h (y − a x − b)², and the max. */
    private void logTermsOne(double[] t, double[] yv, double[] x0, double c, double h, double a0, double bi,
            boolean maxSoFar, int len) {
        final double[] m = max;
        if (maxSoFar) {
            for (int e = 0; e < len; e++) {
                double r = yv[e] - a0 * x0[e] - bi;
                double te = c - h * r * r;
                t[e] = te;
                m[e] = Math.max(m[e], te);
            }
        } else {
            for (int e = 0; e < len; e++) {
                double r = yv[e] - a0 * x0[e] - bi;
                double te = c - h * r * r;
                t[e] = te;
                m[e] = te;
            }
        }
    }

    /** d = 1 with the gate score: t = (c + η) − h (y − a x − b)², and the max. */
    private void logTermsOneScored(double[] t, double[] g, double[] yv, double[] x0, double c, double h, double a0,
            double bi, boolean maxSoFar, int len) {
        final double[] m = max;
        if (maxSoFar) {
            for (int e = 0; e < len; e++) {
                double r = yv[e] - a0 * x0[e] - bi;
                double te = (c + g[e]) - h * r * r;
                t[e] = te;
                m[e] = Math.max(m[e], te);
            }
        } else {
            for (int e = 0; e < len; e++) {
                double r = yv[e] - a0 * x0[e] - bi;
                double te = (c + g[e]) - h * r * r;
                t[e] = te;
                m[e] = te;
            }
        }
    }
}
