package org.dgmoe.core.gof;

import java.util.Arrays;
import org.dgmoe.core.em.FastExp;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;

/**
 * The grid of deviations θ = (a, b, σ) two fit-free statistics of H0 λ = 0 range over (docs/gof.md, "The sup-score
 * statistic" and "The grid likelihood ratio"): the sup-score sup_θ Z(θ) ({@link SupScore}) and the grid likelihood
 * ratio sup_θ max_λ Σᵢ log(1 − λ + λ φ/g0) ({@link GridLikelihoodRatio}). One walk over the grid serves both: each θ
 * costs n exponentials of lᵢ = log φ(yᵢ; aᵀxᵢ + b, σ) − log g0(yᵢ|xᵢ), shared. O(n·|grid|), no EM.
 *
 * <p>The grid is a function of the data set it is applied to, computed the same way on the observed data and on
 * every null data set, so each statistic is one fixed function of a data set and its Monte Carlo p-value stays
 * exact (docs/gof.md). For d covariates: slopes a ∈ {0} ∪ {±(s_y/s_j) e_j : s_j &gt; 0} (s_y, s_j the empirical
 * standard deviations of y and covariate j: the steepest line the data's spread allows in that covariate); for each
 * slope, with residuals eᵢ = yᵢ − aᵀxᵢ, intercepts b at the {@link #QUANTILES} quantiles e_(⌈qn⌉),
 * q = (j − ½)/{@link #QUANTILES}, of the residuals, and variances σ = v / 4^k, k = 0..{@link #VARIANCE_STEPS} − 1,
 * v the residuals' empirical variance: |grid| = (2d + 1)·10·4 for the sup-score. The likelihood ratio takes the
 * first {@link #RATIO_VARIANCE_STEPS} variances only: the narrowest, v/64, lets a likelihood ratio fit a few points
 * with a spike, which lengthens its null law's tail (measured: docs/results.md, "A grid likelihood ratio").
 *
 * <p>A point with log g0 = −∞ or NaN (g0 cannot have produced it) makes both statistics +∞.
 */
public final class DeviationGrid {
    /** The intercepts per slope: the residuals' quantiles (j − ½)/10, j = 1..10. */
    public static final int QUANTILES = 10;
    /** The variances per slope: v, v/4, v/16, v/64 (standard deviations 1, 1/2, 1/4, 1/8 of the residuals'). */
    public static final int VARIANCE_STEPS = 4;
    /** The variances the likelihood ratio ranges over: v, v/4, v/16. */
    public static final int RATIO_VARIANCE_STEPS = 3;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /**
     * The two statistics of one data set.
     *
     * @param supScore        sup_θ Z(θ)
     * @param likelihoodRatio sup_θ max_{λ ∈ [0, 1]} Σᵢ log(1 − λ + λ φ(yᵢ; θ)/g0(yᵢ|xᵢ)) ≥ 0
     */
    public record Statistics(double supScore, double likelihoodRatio) {
    }

    private DeviationGrid() {
    }

    /** The statistics of {@code data} against {@code g0} over the data's own grid. */
    public static Statistics of(Dataset data, G0 g0) {
        int n = data.size();
        int d = data.dimension();
        double[] x = new double[d];
        double[] logG0 = new double[n];
        for (int i = 0; i < n; i++) {
            data.copyX(i, x);
            logG0[i] = g0.logDensityAt(i, x, data.y(i));
            if (!(logG0[i] > Double.NEGATIVE_INFINITY)) {
                return new Statistics(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
        }
        Walk walk = new Walk(data, logG0);
        walk.slope(new double[d]);
        double sdY = Math.sqrt(data.responseVariance());
        for (int j = 0; j < d; j++) {
            double sdX = Math.sqrt(variance(data.column(j), n));
            if (!(sdX > 0) || !(sdY > 0)) {
                continue;
            }
            for (int sign = -1; sign <= 1; sign += 2) {
                double[] slope = new double[d];
                slope[j] = sign * sdY / sdX;
                walk.slope(slope);
            }
        }
        return new Statistics(walk.supScore, walk.likelihoodRatio);
    }

    /** The walk over the grid: its scratch arrays and the two running maxima. */
    private static final class Walk {
        private final Dataset data;
        private final double[] logG0;
        private final double[] residual;
        /** The residuals, permuted so that ordered[ranks[q]] is their quantile (q + ½)/{@link #QUANTILES}. */
        private final double[] ordered;
        /** The 0-based ranks ⌈(q + ½)n/{@link #QUANTILES}⌉ − 1 of the intercepts, q &lt; QUANTILES (non-decreasing). */
        private final int[] ranks = new int[QUANTILES];
        /**
         * {l then w, m, the block exponential's two scratch arrays, then the likelihood ratio's two}: n rounded up
         * to 8 each.
         */
        private final double[][] work;
        private double supScore = Double.NEGATIVE_INFINITY;
        private double likelihoodRatio = 0;

        Walk(Dataset data, double[] logG0) {
            int n = data.size();
            this.data = data;
            this.logG0 = logG0;
            this.residual = new double[n];
            this.ordered = new double[n];
            for (int q = 0; q < QUANTILES; q++) {
                ranks[q] = (int) Math.ceil((q + 0.5) / QUANTILES * n) - 1;
            }
            // the block exponential's vector form works in whole vectors of up to 8 lanes: room for the last one
            this.work = new double[6][(n + 7) / 8 * 8];
        }

        /** Both statistics over the intercepts and variances of one slope. */
        void slope(double[] slope) {
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
                return;
            }
            System.arraycopy(residual, 0, ordered, 0, n);
            OrderStatistics.select(ordered, n, ranks);
            for (int q = 0; q < QUANTILES; q++) {
                double b = ordered[ranks[q]];
                double sigma = v;
                for (int k = 0; k < VARIANCE_STEPS; k++, sigma /= 4) {
                    double m = ratios(b, sigma);
                    supScore = Math.max(supScore, SupScore.standardised(work[0], m, n));
                    if (k < RATIO_VARIANCE_STEPS) {
                        likelihoodRatio = GridLikelihoodRatio.maxOf(work[0], m, n, work[4], work[5],
                                likelihoodRatio);
                    }
                }
            }
        }

        /**
         * wᵢ = exp(lᵢ − m) into work[0], lᵢ = log φ(residualᵢ; b, sigma) − log g0ᵢ, m = maxᵢ lᵢ returned. The
         * exponentials are the EM kernel's block exponential ({@link FastExp#expDiffInPlaceBest}: relative error
         * below 1e−15, e^(−708) for arguments below −708, an absolute error far below the largest w, 1), which makes
         * the n·|grid| exponentials a small share of a null refit's cost.
         */
        private double ratios(double b, double sigma) {
            int n = residual.length;
            double[] l = work[0];
            double logNorm = -0.5 * (LOG_2PI + Math.log(sigma));
            double halfPrecision = 0.5 / sigma;
            for (int i = 0; i < n; i++) {
                double r = residual[i] - b;
                l[i] = logNorm - halfPrecision * r * r - logG0[i];
            }
            double m = InterleavedSums.max(l, n);
            // the lanes past n hold m − m = 0: finite, and never read back
            Arrays.fill(l, n, l.length, m);
            Arrays.fill(work[1], m);
            FastExp.expDiffInPlaceBest(l, work[1], work[2], work[3], n);
            return m;
        }
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
