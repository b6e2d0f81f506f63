package org.dgmoe.core.rate;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.Quantiles;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.random.Seeds;

/**
 * Summaries per n and empirical rates with bootstrap intervals (docs/rates.md). Immutable,
 * thread-safe.
 *
 * <p>Quantiles are R's type 7 (the default of R's {@code quantile} and of NumPy): for sorted
 * x_(1) ≤ … ≤ x_(N) and probability q, h = (N − 1) q, Q = x_(⌊h⌋+1) + (h − ⌊h⌋)(x_(⌊h⌋+2) − x_(⌊h⌋+1)).
 * The median is type 7 at q = 1/2 (the usual median).
 */
public final class RateEstimator {
    private final RateSettings settings;

    public RateEstimator(RateSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: must not be null");
        }
        this.settings = settings;
    }

    public RateSettings settings() {
        return settings;
    }

    /**
     * Summary of {@code values} (the per-replicate metric at sample size n; not modified).
     * Non-finite values are excluded and added to {@code failed}. With no finite value every
     * statistic is NaN.
     */
    public CurvePoint point(long n, double[] values, int failed) {
        if (failed < 0) {
            throw new IllegalArgumentException("failed: must be >= 0, got " + failed);
        }
        double[] x = finite(values);
        if (x == values) {
            x = values.clone(); // sorted below: the caller's array is not ours to reorder
        }
        int count = x.length;
        int excluded = failed + (values.length - count);
        if (count == 0) {
            return new CurvePoint(n, 0, excluded, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        Arrays.sort(x);
        double mean = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = count == 1 ? 0 : Math.sqrt(ss / (count - 1));
        return new CurvePoint(n, count, excluded, mean, Quantiles.typeSevenSorted(x, 0.5), sd, Quantiles.typeSevenSorted(x, 0.1),
                Quantiles.typeSevenSorted(x, 0.9));
    }

    /**
     * Summary of the values of the fits at n whose statuses are {@code statuses} (parallel arrays, not
     * modified), with the guardrails' selection: only converged fits unless
     * {@link RateSettings#includeNonConverged()}; unselected fits count as failed. The point records
     * how many fits did not converge and how many hit the iteration cap.
     */
    public CurvePoint point(long n, double[] values, FitStatus[] statuses) {
        double[] selected = Guardrails.select(values, statuses, settings.includeNonConverged());
        CurvePoint p = point(n, selected, 0);
        FitCounts c = FitCounts.of(n, statuses);
        return new CurvePoint(p.n(), p.count(), p.failed(), p.mean(), p.median(), p.sd(), p.q10(), p.q90(),
                c.nonConverged(), c.capped());
    }

    /**
     * The guarded rate of a metric: {@code values[i][r]} is the metric of fit r at {@code n[i]} and
     * {@code statuses[i][r]} its status (not modified). Fits are selected as in
     * {@link #point(long, double[], FitStatus[])}, the rate is {@link #estimate(long[], double[][], double)}
     * of the selection, and {@link Guardrails#apply} sets the verdict UNRELIABLE when more than 5% of
     * the fits at some n hit the cap, and the faster-than-parametric flag (interval below −1/2 minus
     * the tolerance).
     */
    public RateEstimate estimate(long[] n, double[][] values, FitStatus[][] statuses, double theory) {
        if (statuses == null || values == null || statuses.length != values.length) {
            throw new IllegalArgumentException("values, statuses: must be non-null and of equal length");
        }
        return estimate(n, new double[][][] {values}, new FitStatus[][][] {statuses}, new double[] {theory})[0];
    }

    /**
     * The rate of a metric: {@code values[i]} are the per-replicate values at {@code n[i]} (not
     * modified); {@code theory} is the theoretical exponent (a slope, e.g. −0.5 for n^{-1/2}) or NaN.
     *
     * <p>Slope and intercept: ordinary least squares of log(mean) on log(n) over the sizes whose
     * finite values have a positive mean (non-finite values are dropped; a size with no finite value
     * or a zero mean cannot enter a log-log fit and is skipped). Interval: percentile bootstrap at
     * {@code settings.confidence()}; each resample redraws, within every size, as many values as it
     * has (with replacement), from the generator {@code Seeds.stream(settings.seed(), BOOTSTRAP)},
     * so the same inputs always give the same interval. Verdict: see {@link #verdict}.
     */
    public RateEstimate estimate(long[] n, double[][] values, double theory) {
        return estimate(n, new double[][][] {values}, new double[] {theory})[0];
    }

    /**
     * The guarded rates of several metrics over the same sizes: {@code values[m]}, {@code statuses[m]} and
     * {@code theory[m]} as {@link #estimate(long[], double[][], FitStatus[][], double)} takes them (not
     * modified), each result equal to that call's bit for bit. Cheaper: the bootstrap's draws depend only on
     * how many values each size has, so metrics whose counts agree share them ({@link RateBootstrap}).
     */
    public RateEstimate[] estimate(long[] n, double[][][] values, FitStatus[][][] statuses, double[] theory) {
        if (values == null || statuses == null || theory == null || statuses.length != values.length
                || theory.length != values.length) {
            throw new IllegalArgumentException("values, statuses, theory: must be non-null and of equal length");
        }
        double[][][] selected = new double[values.length][][];
        FitCounts[][] counts = new FitCounts[values.length][];
        for (int m = 0; m < values.length; m++) {
            if (statuses[m] == null || values[m] == null || statuses[m].length != values[m].length) {
                throw new IllegalArgumentException("values[" + m + "], statuses[" + m
                        + "]: must be non-null and of equal length");
            }
            selected[m] = new double[values[m].length][];
            counts[m] = new FitCounts[values[m].length];
            for (int i = 0; i < values[m].length; i++) {
                selected[m][i] = select(values[m][i], statuses[m][i]);
                counts[m][i] = FitCounts.of(n[i], statuses[m][i]);
            }
        }
        RateEstimate[] out = estimate(n, selected, theory);
        for (int m = 0; m < out.length; m++) {
            out[m] = Guardrails.apply(out[m], counts[m], settings.tolerance());
        }
        return out;
    }

    /**
     * The rates of several metrics over the same sizes, {@code values[m]} and {@code theory[m]} as
     * {@link #estimate(long[], double[][], double)} takes them (not modified), each equal to that call's bit
     * for bit.
     */
    public RateEstimate[] estimate(long[] n, double[][][] values, double[] theory) {
        if (n == null || values == null || theory == null || theory.length != values.length) {
            throw new IllegalArgumentException("n, values, theory: must be non-null, values and theory of equal "
                    + "length");
        }
        double[] logN = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            if (n[i] < 1) {
                throw new IllegalArgumentException("n[" + i + "]: must be >= 1, got " + n[i]);
            }
            logN[i] = Math.log(n[i]);
        }
        int metrics = values.length;
        double[][][] clean = new double[metrics][n.length][];
        double[][] fit = new double[metrics][];
        for (int m = 0; m < metrics; m++) {
            if (values[m] == null || n.length != values[m].length) {
                throw new IllegalArgumentException("n, values: must be non-null and of equal length, got "
                        + n.length + " and " + (values[m] == null ? "null" : values[m].length));
            }
            double[] logMean = new double[n.length];
            for (int i = 0; i < n.length; i++) {
                clean[m][i] = finite(values[m][i]);
                logMean[i] = clean[m][i].length == 0 ? Double.NaN : Math.log(mean(clean[m][i]));
            }
            fit[m] = leastSquares(logN, logMean);
        }
        // a rate without a slope gets no interval; the others are bootstrapped, metrics of equal counts together
        boolean[] bootstrap = new boolean[metrics];
        for (int m = 0; m < metrics; m++) {
            bootstrap[m] = !Double.isNaN(fit[m][0]);
        }
        double[][] slopes = RateBootstrap.slopes(logN, clean, bootstrap, settings.bootstrapResamples(),
                () -> Seeds.stream(settings.seed(), Seeds.Stream.BOOTSTRAP));
        RateEstimate[] out = new RateEstimate[metrics];
        double alpha = 1 - settings.confidence();
        for (int m = 0; m < metrics; m++) {
            double ciLow = Double.NaN;
            double ciHigh = Double.NaN;
            if (bootstrap[m]) {
                double[] sorted = slopes[m];
                Arrays.sort(sorted);
                ciLow = Quantiles.typeSevenSorted(sorted, alpha / 2);
                ciHigh = Quantiles.typeSevenSorted(sorted, 1 - alpha / 2);
            }
            Verdict v = verdict(fit[m][0], ciLow, ciHigh, theory[m]);
            out[m] = new RateEstimate(fit[m][0], fit[m][1], ciLow, ciHigh, theory[m], v,
                    Guardrails.flag(ciHigh, settings.tolerance()),
                    v == Verdict.INCONCLUSIVE ? inconclusive(ciLow, ciHigh, theory[m], settings.tolerance()) : "");
        }
        return out;
    }

    /** {@link Guardrails#select}, without the copy when every fit is selected (then nothing is set to NaN). */
    private double[] select(double[] values, FitStatus[] statuses) {
        boolean all = values.length == statuses.length;
        for (int i = 0; all && i < statuses.length; i++) {
            all = Guardrails.selected(statuses[i], settings.includeNonConverged());
        }
        // otherwise the copy with the unselected set to NaN (or Guardrails' error for unequal lengths)
        return all ? values : Guardrails.select(values, statuses, settings.includeNonConverged());
    }

    /** The reason of an interval that holds 0 (or lies above it). */
    public static final String HOLDS_ZERO = "inconclusive: the interval reaches 0, so the loss may not fall at all";

    /** The reason of an interval that holds both the theory's exponent and the parametric −1/2. */
    public static final String HOLDS_BOTH = "inconclusive: the widened interval holds both the theory's exponent and "
            + "the parametric -1/2, so it cannot tell them apart";

    /**
     * Why an interval that holds {@code theory} once widened by {@code tolerance} is still not read as
     * agreement, or "" when it is (docs/rates.md, "Inconclusive"):
     * <ul>
     * <li>{@link #HOLDS_ZERO} when theory &lt; 0 and ciHigh ≥ 0: a rate that may be 0 is no evidence of a
     * decay, however slow the exponent (the interval −0.225 [−0.687, 0.123] of issue 24 "agreed" with
     * −1/2);</li>
     * <li>{@link #HOLDS_BOTH} when the exponent differs from −1/2 by more than the tolerance and the
     * widened interval holds −1/2 too: the interval cannot tell the theory's slow rate (an over-fitted
     * cell's −1/8) from the parametric one, so it confirms neither.</li>
     * </ul>
     * The constants are the verdicts' own: the tolerance ({@link RateSettings#tolerance()}, 0.05 by
     * default) and {@link Guardrails#PARAMETRIC}; no other bound on the width is applied.
     */
    public static String inconclusive(double ciLow, double ciHigh, double theory, double tolerance) {
        if (theory < 0 && ciHigh >= 0) {
            return HOLDS_ZERO;
        }
        if (Math.abs(theory - Guardrails.PARAMETRIC) > tolerance && ciLow - tolerance <= Guardrails.PARAMETRIC
                && Guardrails.PARAMETRIC <= ciHigh + tolerance) {
            return HOLDS_BOTH;
        }
        return "";
    }

    /**
     * The verdict of an interval against a theory exponent, read as a bound (docs/rates.md): NO_THEORY
     * when theory is NaN; UNRELIABLE when the slope or an end of the interval is NaN; with
     * tol = {@link RateSettings#tolerance()}, FASTER_THAN_THEORY when ciHigh + tol &lt; theory (the whole
     * widened interval below the exponent), SLOWER_THAN_THEORY when ciLow − tol &gt; theory (wholly above),
     * else INCONCLUSIVE when {@link #inconclusive} gives a reason (the interval reaches 0, or holds both the
     * exponent and −1/2), else AGREES. Only an interval that would agree is made inconclusive: one wholly
     * above the exponent stays a contradiction even when it reaches 0.
     */
    public Verdict verdict(double slope, double ciLow, double ciHigh, double theory) {
        if (Double.isNaN(theory)) {
            return Verdict.NO_THEORY;
        }
        if (Double.isNaN(slope) || Double.isNaN(ciLow) || Double.isNaN(ciHigh)) {
            return Verdict.UNRELIABLE;
        }
        double tol = settings.tolerance();
        if (ciHigh + tol < theory) {
            return Verdict.FASTER_THAN_THEORY;
        }
        if (ciLow - tol > theory) {
            return Verdict.SLOWER_THAN_THEORY;
        }
        return inconclusive(ciLow, ciHigh, theory, tol).isEmpty() ? Verdict.AGREES : Verdict.INCONCLUSIVE;
    }

    /**
     * {slope, intercept} of the least-squares line y = intercept + slope·x over the points with a
     * finite y; NaN for both with fewer than two such points (or all x equal).
     */
    static double[] leastSquares(double[] x, double[] y) {
        int m = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                m++;
                sx += x[i];
                sy += y[i];
            }
        }
        if (m < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mx = sx / m;
        double my = sy / m;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                sxx += (x[i] - mx) * (x[i] - mx);
                sxy += (x[i] - mx) * (y[i] - my);
            }
        }
        if (!(sxx > 0)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double slope = sxy / sxx;
        return new double[] {slope, my - slope * mx};
    }

    /** The finite values, in order: {@code values} itself when all are (callers never modify either). */
    private static double[] finite(double[] values) {
        int c = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                c++;
            }
        }
        if (c == values.length) {
            return values;
        }
        double[] out = new double[c];
        int k = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                out[k++] = v;
            }
        }
        return out;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
