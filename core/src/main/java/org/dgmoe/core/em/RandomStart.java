package org.dgmoe.core.em;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.MixingMeasure;

/**
 * A data-driven start for users fitting real data (reference §6: "offer data-driven starts too").
 *
 * <p>Each expert i = 0..k−1 is the ordinary least-squares line through its own random subset of
 * m = min(n, {@value #POINTS_PER_PARAMETER}·(d + 1)) points drawn without replacement (small
 * subsets make the k lines differ, so EM does not start from k copies of one regression, as random
 * partitions of a large sample would). Its variance is the subset's mean squared residual, clamped
 * to [max(floor, var(y)/100), max(floor, var(y))] with var(y) the variance of all responses: a
 * subset that happens to lie on a line must not start at a near-zero variance, and no expert needs
 * more spread than the whole data. When a subset's design is singular (e.g. repeated covariate
 * values) the expert is flat: slope 0, intercept the subset mean. Weights are equal (1/k); λ is the
 * given value (1 for g0 none). The start is a valid model for any data with n ≥ 1.
 *
 * <p>Draws: for each expert in turn, one permutation of 0..n−1 (its first m entries) from {@code rng}.
 */
public final class RandomStart {
    /** Points per regression parameter in each expert's subset. */
    public static final int POINTS_PER_PARAMETER = 5;

    private RandomStart() {
    }

    /**
     * A random start with k experts for {@code data}, in the family of {@code g0}; λ starts at
     * {@code lambda} (ignored and 1 for g0 none).
     *
     * @param lambda in [0, 1] unless g0 is none
     */
    public static DeviatedModel draw(Dataset data, G0 g0, int k, double lambda, UniformRandomProvider rng) {
        return draw(data, g0, k, lambda, EmSettings.DEFAULT_VARIANCE_FLOOR, rng);
    }

    /**
     * As {@link #draw(Dataset, G0, int, double, UniformRandomProvider)}, with the start's variances
     * at or above {@code varianceFloor}, the floor the fit will use (a start below it would be lifted
     * by the first M-step anyway, and SQUAREM's parametrisation log(σ − floor) needs σ ≥ floor).
     *
     * @param varianceFloor &gt; 0
     */
    public static DeviatedModel draw(Dataset data, G0 g0, int k, double lambda, double varianceFloor,
            UniformRandomProvider rng) {
        if (!(varianceFloor > 0) || Double.isInfinite(varianceFloor)) {
            throw new IllegalArgumentException("varianceFloor: must be finite and > 0, got " + varianceFloor);
        }
        if (data == null || g0 == null || rng == null) {
            throw new IllegalArgumentException("data, g0 and rng: must not be null");
        }
        if (k < 1) {
            throw new IllegalArgumentException("fit.experts: must be >= 1, got " + k);
        }
        if (data.size() < 1) {
            throw new IllegalArgumentException("data: must hold at least 1 point, got 0");
        }
        if (g0.dimension() != 0 && g0.dimension() != data.dimension()) {
            throw new IllegalArgumentException("g0.slope: must have the data dimension " + data.dimension()
                    + ", got " + g0.dimension());
        }
        double startLambda = g0.isNone() ? 1.0 : lambda;
        if (!(startLambda >= 0 && startLambda <= 1)) {
            throw new IllegalArgumentException("lambda: must be in [0, 1], got " + lambda);
        }
        int n = data.size();
        int d = data.dimension();
        int p = d + 1;
        int m = Math.min(n, POINTS_PER_PARAMETER * p);
        double floor = varianceFloor;
        double varY = data.responseVariance();
        varY = Double.isFinite(varY) ? varY : 0;
        double low = Math.max(floor, varY / 100);
        double high = Math.max(floor, varY);
        PermutationSampler perm = new PermutationSampler(rng, n, m);
        double[] weights = new double[k];
        Arrays.fill(weights, 1.0 / k);
        List<Expert> experts = new ArrayList<>(k);
        double[] xi = new double[d];
        for (int i = 0; i < k; i++) {
            int[] subset = perm.sample();
            double[] a = new double[p * p];
            double[] rhs = new double[p];
            double[] z = new double[p];
            for (int idx : subset) {
                data.copyX(idx, xi);
                System.arraycopy(xi, 0, z, 0, d);
                z[d] = 1;
                double y = data.y(idx);
                for (int r = 0; r < p; r++) {
                    rhs[r] += z[r] * y;
                    for (int c = 0; c <= r; c++) {
                        a[r * p + c] += z[r] * z[c];
                    }
                }
            }
            double[] beta = choleskySolve(a, rhs, p);
            double[] slope = new double[d];
            double intercept;
            if (beta == null) {
                double mean = 0;
                for (int idx : subset) {
                    mean += data.y(idx);
                }
                intercept = mean / m;
            } else {
                System.arraycopy(beta, 0, slope, 0, d);
                intercept = beta[d];
            }
            double rss = 0;
            for (int idx : subset) {
                data.copyX(idx, xi);
                double r = data.y(idx) - intercept;
                for (int j = 0; j < d; j++) {
                    r -= slope[j] * xi[j];
                }
                rss += r * r;
            }
            double v = Math.min(high, Math.max(low, rss / m));
            experts.add(new Expert(slope, intercept, v));
        }
        return new DeviatedModel(startLambda, new MixingMeasure(weights, experts), g0);
    }


    /** Cholesky solve of the lower triangle of a (modified); null when singular to 1e−12 or non-finite. */
    private static double[] choleskySolve(double[] a, double[] rhs, int p) {
        for (int j = 0; j < p; j++) {
            double diag = a[j * p + j];
            double s = diag;
            for (int m = 0; m < j; m++) {
                s -= a[j * p + m] * a[j * p + m];
            }
            if (!(s > EmFitter.SINGULAR_PIVOT * diag) || !Double.isFinite(s)) {
                return null;
            }
            double lj = Math.sqrt(s);
            a[j * p + j] = lj;
            for (int i = j + 1; i < p; i++) {
                double v = a[i * p + j];
                for (int m = 0; m < j; m++) {
                    v -= a[i * p + m] * a[j * p + m];
                }
                a[i * p + j] = v / lj;
            }
        }
        double[] beta = new double[p];
        for (int i = 0; i < p; i++) {
            double v = rhs[i];
            for (int m = 0; m < i; m++) {
                v -= a[i * p + m] * beta[m];
            }
            beta[i] = v / a[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double v = beta[i];
            for (int m = i + 1; m < p; m++) {
                v -= a[m * p + i] * beta[m];
            }
            beta[i] = v / a[i * p + i];
        }
        for (double b : beta) {
            if (!Double.isFinite(b)) {
                return null;
            }
        }
        return beta;
    }
}
