package org.dgmoe.core.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.field.ValueType;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.MixingMeasure;

/**
 * How close a fit comes to a degenerate component (docs/convergence.md, "Near-degenerate
 * components"). The likelihood of a Gaussian mixture of experts is unbounded: a component whose
 * variance shrinks onto a few points that lie near one line gains without limit, so EM's maxima
 * include spurious ones where a small component fits a handful of points with a tiny variance. They
 * are legitimate local maxima of the likelihood (the fitter reports them as converged) but not the
 * estimates the theory describes, whose parameter space keeps weights and variances away from 0.
 *
 * @param minWeight        the smallest fitted weight min_i p̂_i
 * @param minPoints        the points that component carries, min_i p̂_i · λ̂ · n (the expected number of
 *                         the n observations its responsibilities sum to at the fitted λ̂ and p̂)
 * @param minVarianceRatio the smallest fitted variance over the reference variance,
 *                         min_i σ̂_i / σ_ref ({@link #referenceVariance}, {@link #residualVariance}); NaN
 *                         when the data have no reference because they lie exactly on one line
 *                         ({@link #ofData}), and the fit is then spurious
 * @param spurious         whether the fit is spurious: minPoints &lt; {@link #MIN_POINTS} or
 *                         minVarianceRatio &lt; {@link #MIN_VARIANCE_RATIO} (or NaN)
 */
public record NearDegeneracy(double minWeight, double minPoints, double minVarianceRatio, boolean spurious)
        implements java.io.Serializable {
    // The constants MIN_POINTS and MIN_VARIANCE_RATIO below are thresholds; the fields carry _FIELD.
    public static final Field<NearDegeneracy> MIN_WEIGHT_FIELD = Field.of("minWeight", ValueType.DOUBLE,
            "the smallest fitted weight", NearDegeneracy::minWeight);
    public static final Field<NearDegeneracy> MIN_POINTS_FIELD = Field.of("minPoints", ValueType.DOUBLE,
            "the points that component carries, min weight · λ̂ · n", NearDegeneracy::minPoints);
    public static final Field<NearDegeneracy> MIN_VARIANCE_RATIO_FIELD = Field.of("minVarianceRatio", ValueType.DOUBLE,
            "the smallest fitted variance over the reference variance", NearDegeneracy::minVarianceRatio);
    public static final Field<NearDegeneracy> SPURIOUS_FIELD = Field.of("spurious", ValueType.BOOLEAN,
            "whether the fit is spurious (too few points or too narrow a component)", NearDegeneracy::spurious);

    /** The diagnosis's fields, in table order. */
    public static final Part<NearDegeneracy> PART = new Part<>(List.of(MIN_WEIGHT_FIELD, MIN_POINTS_FIELD,
            MIN_VARIANCE_RATIO_FIELD, SPURIOUS_FIELD), v -> new NearDegeneracy(v.number(MIN_WEIGHT_FIELD), v.number(MIN_POINTS_FIELD),
            v.number(MIN_VARIANCE_RATIO_FIELD), v.bool(SPURIOUS_FIELD)));

    /**
     * Fewer carried points than this make a fit spurious. An expert has d + 2 parameters (slope,
     * intercept, variance); a component resting on about that many points can nearly interpolate them
     * and drive its variance toward 0 (the unbounded likelihood). Ten points is several times that at
     * d = 1, and the fewest at which the variance test below is sharp (see there).
     */
    public static final double MIN_POINTS = 10;

    /**
     * A smallest variance below this fraction of the reference makes a fit spurious. A component that
     * models m points of a sub-population whose noise variance is at least σ_ref has a weighted
     * residual variance of about σ_ref · χ²_{m−2} / (m − 2) (d = 1); the chance that it falls below
     * 0.2 σ_ref is 0.9% at m = 10, 1e-4 at m = 20 and 2e-6 at m = 30 (scipy.stats.chi2.cdf(0.2 ν, ν)).
     * A component carrying at least {@link #MIN_POINTS} points that is five times narrower than the
     * narrowest truth has therefore picked points that happen to lie near a line; it is not an estimate
     * of any true atom. Measured (docs/convergence.md, "Near-degenerate components"): the rule marks 1 of
     * the quickstart's 160 exactly fitted fits (at n = 200) and 88 of its 160 over-fitted ones (without the
     * variance bound the quickstart has had since 2026-12-02; with it 0 and 3).
     */
    public static final double MIN_VARIANCE_RATIO = 0.2;

    public NearDegeneracy {
        if (!(minWeight >= 0 && minWeight <= 1)) {
            throw new IllegalArgumentException("minWeight: must be in [0, 1], got " + minWeight);
        }
        if (!(minPoints >= 0) || !(minVarianceRatio > 0 || Double.isNaN(minVarianceRatio) && spurious)) {
            throw new IllegalArgumentException("minPoints, minVarianceRatio: must be >= 0 and > 0 (NaN only for a "
                    + "spurious fit without a reference), got " + minPoints + ", " + minVarianceRatio);
        }
    }

    /**
     * The diagnosis of {@code fitted}, a fit to {@code data} without a truth ({@code dgmoe fit}), against
     * a reference variance taken from the data: the {@link #residualVariance} of y on (1, x), or, when the
     * covariates are collinear, the sample variance of y (its regression on 1 alone). When that is not
     * above {@code varianceFloor} (at most d + 1 points, y constant or an exact linear function of x up
     * to rounding, or a scatter the floor cannot resolve), one expert passes through every point as far
     * as the fitter can tell: the likelihood grows until a variance meets the floor, and any fit is
     * spurious, with a NaN ratio (the data have no scale to compare with).
     *
     * @param varianceFloor the fitter's lower bound on a variance ({@code fit.variance-floor}), &gt; 0
     */
    public static NearDegeneracy ofData(DeviatedModel fitted, Dataset data, double varianceFloor) {
        double reference = dataReference(data, varianceFloor);
        if (!Double.isNaN(reference)) {
            return of(fitted, data.size(), reference);
        }
        NearDegeneracy unscaled = of(fitted, data.size(), 1);
        return new NearDegeneracy(unscaled.minWeight(), unscaled.minPoints(), Double.NaN, true);
    }

    /**
     * As {@link #ofData} for a gated fit ({@link #ofGated}'s weights and points): the same reference variance from
     * the data, and the same NaN ratio and spurious fit when the data have no scale above the floor.
     */
    public static NearDegeneracy ofGatedData(GatedModel fitted, Dataset data, double varianceFloor) {
        double reference = dataReference(data, varianceFloor);
        if (!Double.isNaN(reference)) {
            return ofGated(fitted, data, reference);
        }
        NearDegeneracy unscaled = ofGated(fitted, data, 1);
        return new NearDegeneracy(unscaled.minWeight(), unscaled.minPoints(), Double.NaN, true);
    }

    /** {@link #ofData}'s reference variance, NaN when it is not above {@code varianceFloor} (or not finite). */
    private static double dataReference(Dataset data, double varianceFloor) {
        if (!(varianceFloor > 0)) {
            throw new IllegalArgumentException("varianceFloor: must be > 0, got " + varianceFloor);
        }
        double reference = exactFitOrResidualVariance(data);
        if (Double.isNaN(reference)) { // collinear covariates: y regressed on the intercept alone
            reference = interceptOnlyVariance(data);
        }
        return reference > varianceFloor && Double.isFinite(reference) ? reference : Double.NaN;
    }

    /** Why this fit is spurious, as a phrase for a warning (empty when it is not). */
    public String why() {
        if (!spurious) {
            return "";
        }
        if (Double.isNaN(minVarianceRatio)) {
            return "the data lie on one line (y constant or a linear function of x, or at most d + 1 rows; their "
                    + "residual variance is not above the variance floor), so the likelihood is unbounded and a "
                    + "component's variance ends at the floor";
        }
        List<String> reasons = new ArrayList<>();
        if (minPoints < MIN_POINTS) {
            reasons.add("its smallest component carries " + String.format(Locale.ROOT, "%.3g", minPoints)
                    + " points (fewer than " + (int) MIN_POINTS + ")");
        }
        if (minVarianceRatio < MIN_VARIANCE_RATIO) {
            reasons.add("its narrowest component's variance is " + String.format(Locale.ROOT, "%.3g", minVarianceRatio)
                    + " times the reference variance (below " + MIN_VARIANCE_RATIO + ")");
        }
        return String.join(", and ", reasons);
    }

    /**
     * The diagnosis of {@code fitted} on n points against {@code referenceVariance}.
     *
     * @throws IllegalArgumentException when n &lt; 1 or the reference is not positive and finite
     */
    public static NearDegeneracy of(DeviatedModel fitted, int n, double referenceVariance) {
        if (n < 1) {
            throw new IllegalArgumentException("n: must be >= 1, got " + n);
        }
        if (!(referenceVariance > 0) || !Double.isFinite(referenceVariance)) {
            throw new IllegalArgumentException("referenceVariance: must be > 0 and finite, got " + referenceVariance);
        }
        MixingMeasure m = fitted.mixing();
        double minWeight = Double.POSITIVE_INFINITY;
        double minVariance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m.size(); i++) {
            minWeight = Math.min(minWeight, m.weight(i));
            minVariance = Math.min(minVariance, m.expert(i).variance());
        }
        double points = minWeight * fitted.lambda() * n;
        double ratio = minVariance / referenceVariance;
        return new NearDegeneracy(minWeight, points, ratio, points < MIN_POINTS || ratio < MIN_VARIANCE_RATIO);
    }

    /**
     * Which experts of {@code fitted} (on n points) this diagnosis's rule marks: those carrying fewer than
     * {@link #MIN_POINTS} points (p_i · λ̂ · n) or with a variance below {@link #MIN_VARIANCE_RATIO} times the
     * reference (the reference this diagnosis used: its smallest variance over minVarianceRatio); every expert
     * when the data had no reference (minVarianceRatio NaN), none when the fit is not spurious. For the
     * reliability notes of the standard errors (docs/uncertainty.md).
     *
     * @param fitted the model this diagnosis was made of, with a constant λ and weights
     */
    public boolean[] experts(DeviatedModel fitted, int n) {
        MixingMeasure m = fitted.mixing();
        boolean[] out = new boolean[m.size()];
        if (!spurious) {
            return out;
        }
        double minVariance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m.size(); i++) {
            minVariance = Math.min(minVariance, m.expert(i).variance());
        }
        double reference = minVariance / minVarianceRatio;
        for (int i = 0; i < m.size(); i++) {
            out[i] = Double.isNaN(minVarianceRatio) || m.weight(i) * fitted.lambda() * n < MIN_POINTS
                    || m.expert(i).variance() / reference < MIN_VARIANCE_RATIO;
        }
        return out;
    }

    /**
     * Which experts of a gated fit to {@code data} this diagnosis's rule marks, as {@link #experts(DeviatedModel,
     * int)}: those carrying fewer than {@link #MIN_POINTS} points (Σ_n λ(x_n) π_i(x_n), {@link #ofGated}'s) or with
     * a variance below {@link #MIN_VARIANCE_RATIO} times the reference; every expert when the data had no reference,
     * none when the fit is not spurious.
     *
     * @param fitted the model this diagnosis was made of
     */
    public boolean[] gatedExperts(GatedModel fitted, Dataset data) {
        int k = fitted.size();
        boolean[] out = new boolean[k];
        if (!spurious) {
            return out;
        }
        double[] points = new double[k];
        double[] x = new double[data.dimension()];
        double[] logPi = new double[k];
        for (int p = 0; p < data.size(); p++) {
            data.copyX(p, x);
            fitted.gating().logWeights(x, logPi);
            double lambda = fitted.deviation().weight(x);
            for (int i = 0; i < k; i++) {
                points[i] += lambda * Math.exp(logPi[i]);
            }
        }
        double minVariance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            minVariance = Math.min(minVariance, fitted.expert(i).variance());
        }
        double reference = minVariance / minVarianceRatio;
        for (int i = 0; i < k; i++) {
            out[i] = Double.isNaN(minVarianceRatio) || points[i] < MIN_POINTS
                    || fitted.expert(i).variance() / reference < MIN_VARIANCE_RATIO;
        }
        return out;
    }

    /**
     * The diagnosis of a gated fit to {@code data} against {@code referenceVariance}: a component's weight is its
     * average gate weight over the data, (1/N) Σ_n π_i(x_n), and the points it carries Σ_n λ(x_n) π_i(x_n) (for
     * constant λ and weights these are p_i and p_i λ N, as {@link #of(DeviatedModel, int, double)}).
     */
    public static NearDegeneracy ofGated(GatedModel fitted, Dataset data, double referenceVariance) {
        if (!(referenceVariance > 0) || !Double.isFinite(referenceVariance)) {
            throw new IllegalArgumentException("referenceVariance: must be > 0 and finite, got " + referenceVariance);
        }
        int k = fitted.size();
        int n = data.size();
        double[] weight = new double[k];
        double[] points = new double[k];
        double[] x = new double[data.dimension()];
        double[] logPi = new double[k];
        for (int p = 0; p < n; p++) {
            data.copyX(p, x);
            fitted.gating().logWeights(x, logPi);
            double lambda = fitted.deviation().weight(x);
            for (int i = 0; i < k; i++) {
                double pi = Math.exp(logPi[i]);
                weight[i] += pi;
                points[i] += lambda * pi;
            }
        }
        double minWeight = Double.POSITIVE_INFINITY;
        double minPoints = Double.POSITIVE_INFINITY;
        double minVariance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            minWeight = Math.min(minWeight, weight[i] / n);
            minPoints = Math.min(minPoints, points[i]);
            minVariance = Math.min(minVariance, fitted.expert(i).variance());
        }
        double ratio = minVariance / referenceVariance;
        return new NearDegeneracy(minWeight, minPoints, ratio, minPoints < MIN_POINTS || ratio < MIN_VARIANCE_RATIO);
    }

    /**
     * The reference variance when the truth is known: the smallest variance of its experts, and of
     * g0 when g0 is a Gaussian expert (a fitted component may model g0 in the non-distinguishable
     * case). Any component narrower than every true one by a large factor is then suspect.
     */
    public static double referenceVariance(GatedModel truth) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < truth.size(); i++) {
            min = Math.min(min, truth.expert(i).variance());
        }
        if (truth.g0().isGaussianExpert()) {
            min = Math.min(min, truth.g0().gaussianExpert().variance());
        }
        return min;
    }

    /**
     * The reference variance without a truth: the residual variance of the ordinary least-squares
     * regression of y on (1, x), RSS / (n − d − 1). It is the variance of one expert fitted to all
     * the data, an upper bound on the scale of any component that models part of it; a component far
     * narrower than the data's own scatter around its regression line is then suspect in the same way
     * (the ratio is smaller than against a truth, so read its threshold as conservative).
     *
     * @throws IllegalArgumentException when n ≤ d + 1, the covariates are collinear, or RSS = 0
     */
    public static double residualVariance(Dataset data) {
        int n = data.size();
        int d = data.dimension();
        if (n <= d + 1) {
            throw new IllegalArgumentException("data: the residual variance needs more than d + 1 = " + (d + 1)
                    + " points, got " + n);
        }
        double v = exactFitOrResidualVariance(data);
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("data: the covariates are collinear; no least-squares fit of y on x");
        }
        if (!(v > 0)) {
            throw new IllegalArgumentException("data: y is an exact linear function of x (residual variance 0)");
        }
        return v;
    }

    /** The sample variance of y, RSS / (n − 1) of its regression on 1 alone; 0 for fewer than 2 points. */
    private static double interceptOnlyVariance(Dataset data) {
        int n = data.size();
        double[] y = data.yView();
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[i];
        }
        mean /= n;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            rss += (y[i] - mean) * (y[i] - mean);
        }
        return n < 2 ? 0 : rss / (n - 1);
    }

    /**
     * {@link #residualVariance}, but 0 when one line passes through every point (at most d + 1 points,
     * or RSS = 0) and NaN when the covariates are collinear, instead of throwing.
     */
    private static double exactFitOrResidualVariance(Dataset data) {
        int n = data.size();
        int d = data.dimension();
        if (n <= d + 1) {
            return 0;
        }
        double[] x = data.columnView();
        double[] y = data.yView();
        double[] mean = new double[d];
        double yMean = 0;
        for (int i = 0; i < n; i++) {
            yMean += y[i];
        }
        yMean /= n;
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[j * n + i];
            }
            mean[j] = s / n;
        }
        // centred normal equations: the intercept is eliminated and the Gram matrix stays well scaled
        double[][] gram = new double[d][d];
        double[] xy = new double[d];
        for (int j = 0; j < d; j++) {
            for (int l = 0; l <= j; l++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (x[j * n + i] - mean[j]) * (x[l * n + i] - mean[l]);
                }
                gram[j][l] = s;
                gram[l][j] = s;
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (x[j * n + i] - mean[j]) * (y[i] - yMean);
            }
            xy[j] = s;
        }
        RealVector beta;
        try {
            beta = new LUDecomposition(new Array2DRowRealMatrix(gram, false)).getSolver()
                    .solve(new ArrayRealVector(xy, false));
        } catch (SingularMatrixException e) {
            return Double.NaN;
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - yMean;
            for (int j = 0; j < d; j++) {
                r -= beta.getEntry(j) * (x[j * n + i] - mean[j]);
            }
            rss += r * r;
        }
        return rss > 0 ? rss / (n - d - 1) : 0;
    }
}
