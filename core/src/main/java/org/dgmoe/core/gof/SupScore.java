package org.dgmoe.core.gof;

import java.util.Arrays;
import org.dgmoe.core.em.FastExp;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;

/**
 * The sup-score statistic of H0 λ = 0 (reference: docs/gof.md, "The sup-score statistic"): no fit, O(n·|grid|).
 *
 * <p>At λ = 0 the derivative in λ of the log-likelihood of (1 − λ) g0 + λ φ(·; aᵀx + b, σ) is the score
 * S(θ) = Σᵢ rᵢ(θ), rᵢ(θ) = φ(yᵢ; aᵀxᵢ + b, σ)/g0(yᵢ|xᵢ) − 1, θ = (a, b, σ), σ a variance; a deviation
 * towards θ raises the likelihood when S(θ) > 0. Standardised by the empirical spread of the rᵢ,
 * Z(θ) = √n r̄ / s_r with s_r² = (1/n) Σᵢ (rᵢ − r̄)² (a self-normalised sum: it needs no integral of φ²/g0,
 * which is infinite when φ is wider than g0's tails allow), and the statistic is sup_θ Z(θ) over the grid
 * below. Z(θ) is 0 for a θ where every rᵢ is equal (no information on θ).
 *
 * <p>Log space: with lᵢ = log φ − log g0 and m = maxᵢ lᵢ, wᵢ = exp(lᵢ − m) ∈ (0, 1] and
 * Z = √n (w̄ − e^(−m)) / s_w, the same number without computing φ/g0, which overflows far in g0's tails.
 * A point with log g0 = −∞ or NaN (g0 cannot have produced it) makes the statistic +∞.
 *
 * <p>The grid is a function of the data set it is applied to, computed the same way on the observed data and
 * on every null data set, so the statistic is one fixed function of a data set and the Monte Carlo p-value
 * stays exact (docs/gof.md). For d covariates: slopes a ∈ {0} ∪ {±(s_y/s_j) e_j : s_j > 0} (s_y, s_j the
 * empirical standard deviations of y and covariate j: the steepest line the data's spread allows in that
 * covariate); for each slope, with residuals eᵢ = yᵢ − aᵀxᵢ, intercepts b at the {@link #QUANTILES} quantiles
 * e_(⌈qn⌉), q = (j − ½)/{@link #QUANTILES}, of the residuals, and variances σ = v / 4^k, k = 0..{@link
 * #VARIANCE_STEPS} − 1, v the residuals' empirical variance. |grid| = (2d + 1)·10·4.
 */
public final class SupScore {
    /** The intercepts per slope: the residuals' quantiles (j − ½)/10, j = 1..10. */
    public static final int QUANTILES = 10;
    /** The variances per slope: v, v/4, v/16, v/64 (standard deviations 1, 1/2, 1/4, 1/8 of the residuals'). */
    public static final int VARIANCE_STEPS = 4;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private SupScore() {
    }

    /** sup_θ Z(θ) of {@code data} against {@code g0} over the data's own grid. */
    public static double statistic(Dataset data, G0 g0) {
        int n = data.size();
        int d = data.dimension();
        double[] x = new double[d];
        double[] logG0 = new double[n];
        for (int i = 0; i < n; i++) {
            data.copyX(i, x);
            logG0[i] = g0.logDensityAt(i, x, data.y(i));
            if (!(logG0[i] > Double.NEGATIVE_INFINITY)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double sdY = Math.sqrt(data.responseVariance());
        double[] slope = new double[d];
        double[] residual = new double[n];
        double[] sorted = new double[n];
        // the block exponential's vector form works in whole vectors of up to 8 lanes: room for the last one
        double[][] scratch = new double[4][(n + 7) / 8 * 8];
        double best = supOverSlope(data, slope, logG0, residual, sorted, scratch, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < d; j++) {
            double sdX = Math.sqrt(variance(data.column(j), n));
            if (!(sdX > 0) || !(sdY > 0)) {
                continue;
            }
            for (int sign = -1; sign <= 1; sign += 2) {
                Arrays.fill(slope, 0);
                slope[j] = sign * sdY / sdX;
                best = supOverSlope(data, slope, logG0, residual, sorted, scratch, best);
            }
        }
        return best;
    }

    /** max(best, sup of Z over the intercepts and variances of one slope). */
    private static double supOverSlope(Dataset data, double[] slope, double[] logG0, double[] residual,
            double[] sorted, double[][] scratch, double best) {
        int n = residual.length;
        int d = slope.length;
        double[] xs = data.columnView();
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int j = 0; j < d; j++) {
                mean += slope[j] * xs[j * n + i];
            }
            residual[i] = data.y(i) - mean;
        }
        double v = variance(residual, n);
        if (!(v > 0) || Double.isInfinite(v)) {
            return best;
        }
        System.arraycopy(residual, 0, sorted, 0, n);
        Arrays.sort(sorted);
        double rootN = Math.sqrt(n);
        for (int q = 1; q <= QUANTILES; q++) {
            double b = sorted[(int) Math.ceil((q - 0.5) / QUANTILES * n) - 1];
            double sigma = v;
            for (int k = 0; k < VARIANCE_STEPS; k++, sigma /= 4) {
                best = Math.max(best, standardisedScore(residual, b, sigma, logG0, scratch, rootN));
            }
        }
        return best;
    }

    /**
     * Z(θ) = √n (w̄ − e^(−m)) / s_w for the expert N(residual; b, sigma) (log space, class comment). The
     * exponentials are the EM kernel's block exponential ({@link FastExp#expDiffInPlaceBest}: relative error
     * below 1e−15, e^(−708) for arguments below −708, an absolute error far below the largest w, 1), which
     * makes the n·|grid| exponentials a small share of a null refit's cost.
     *
     * @param work {l, m, and the block exponential's two scratch arrays}, each of length n rounded up to 8
     */
    private static double standardisedScore(double[] residual, double b, double sigma, double[] logG0,
            double[][] work, double rootN) {
        int n = residual.length;
        double[] l = work[0];
        double logNorm = -0.5 * (LOG_2PI + Math.log(sigma));
        double halfPrecision = 0.5 / sigma;
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double r = residual[i] - b;
            l[i] = logNorm - halfPrecision * r * r - logG0[i];
        }
        for (int i = 0; i < n; i++) {
            m = Math.max(m, l[i]);
        }
        // the lanes past n hold m − m = 0: finite, and never read back
        Arrays.fill(l, n, l.length, m);
        Arrays.fill(work[1], m);
        FastExp.expDiffInPlaceBest(l, work[1], work[2], work[3], n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += l[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double c = l[i] - mean;
            squares += c * c;
        }
        double sd = Math.sqrt(squares / n);
        if (!(sd > 0)) {
            return 0;
        }
        return rootN * (mean - Math.exp(-m)) / sd;
    }

    /** The empirical variance (1/n) Σ (vᵢ − v̄)² of the first n values, two passes. */
    private static double variance(double[] v, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += v[i];
        }
        mean /= n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double c = v[i] - mean;
            s += c * c;
        }
        return s / n;
    }
}
