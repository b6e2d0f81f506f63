package org.dgmoe.core.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.dgmoe.core.Quantiles;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.em.ReportedParameter;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;

/**
 * Bootstrap intervals of a fit's reported parameters from B refits ({@link BootstrapRefit}; docs/uncertainty.md,
 * "Bootstrap intervals"). With θ̂ the estimate, θ*_1..θ*_m the aligned parameters of the refits that did not fail
 * and q_a their type-7 quantile at probability a ({@link Quantiles#typeSevenSorted}), at level 1 − α:
 * <pre>
 *   percentile:  [q_{α/2}, q_{1−α/2}]                                          (Efron &amp; Tibshirani 1993, §13.3)
 *   basic:       [t⁻¹(2t(θ̂) − t(q_{1−α/2})), t⁻¹(2t(θ̂) − t(q_{α/2}))]        (Davison &amp; Hinkley 1997, §5.2)
 * </pre>
 * t the parameter's {@link IntervalScale}, the Wald intervals' (logit for λ and the weights, log for the
 * variances): the basic interval reflects the quantiles about θ̂ where the parameter is unconstrained, so it stays
 * in the parameter space, and the percentile interval is the same on every monotone scale. Failed refits are
 * counted ({@link #failures()}), never dropped silently; beyond {@link #MAX_FAILED_SHARE} of B they mark every
 * interval ({@link Unreliable#REFITS_FAILED}). The notes the theory attaches to the estimate itself are carried
 * over from the Wald intervals ({@link #carried}), so both methods report the same parameters.
 *
 * <p>Parameters are in the layout of {@link ObservedInformation#size}, or a gated fit's
 * ({@code GatedParameters}; the Wald intervals' layout). Immutable; arrays are copied out.
 */
public final class Bootstrap {
    /** Beyond this share of failed refits the intervals are marked {@link Unreliable#REFITS_FAILED}. */
    public static final double MAX_FAILED_SHARE = 0.10;

    private final int k;
    private final int d;
    private final double level;
    private final BootstrapKind kind;
    private final int refits;
    private final int failures;
    private final int capped;
    private final double[] estimate;
    private final double[] percentileLower;
    private final double[] percentileUpper;
    private final double[] basicLower;
    private final double[] basicUpper;
    /** The kept (not failed) refits' parameters: kept[i][b], parameter i of the b-th kept refit. */
    private final double[][] kept;
    private final boolean[] voided;
    private final List<StandardErrors.Note> notes;
    private final List<ReportedParameter> parameters;

    private Bootstrap(int k, int d, List<ReportedParameter> parameters, double level, BootstrapKind kind, int refits, int failures, int capped,
            double[] estimate, double[][] ends, double[][] kept, boolean[] voided, List<StandardErrors.Note> notes) {
        this.k = k;
        this.d = d;
        this.parameters = List.copyOf(parameters);
        this.level = level;
        this.kind = kind;
        this.refits = refits;
        this.failures = failures;
        this.capped = capped;
        this.estimate = estimate;
        this.percentileLower = ends[0];
        this.percentileUpper = ends[1];
        this.basicLower = ends[2];
        this.basicUpper = ends[3];
        this.kept = kept;
        this.voided = voided;
        this.notes = List.copyOf(notes);
    }

    /**
     * B refits one after another, in this thread: {@link BootstrapRefit#run} for b = 0..B−1, the very refits the
     * Spark tasks of {@code dgmoe fit --bootstrap} compute (a sweep task calls this for one fit).
     */
    public static List<BootstrapFit> refits(Dataset data, DeviatedModel estimate, EmSettings em, BootstrapKind kind,
            long key, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: must be >= 1, got " + count);
        }
        List<BootstrapFit> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            out.add(BootstrapRefit.run(data, estimate, em, kind, key, b));
        }
        return out;
    }

    /**
     * B refits of a gated fit one after another, in this thread: {@link BootstrapRefit#run(Dataset, GatedModel,
     * GatedEmFitter, BootstrapKind, long, int)} for b = 0..B−1.
     */
    public static List<BootstrapFit> refits(Dataset data, GatedModel estimate, GatedEmFitter fitter,
            BootstrapKind kind, long key, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: must be >= 1, got " + count);
        }
        List<BootstrapFit> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            out.add(BootstrapRefit.run(data, estimate, fitter, kind, key, b));
        }
        return out;
    }

    /**
     * The bootstrap intervals beside a fit's Wald intervals: the estimate, level and notes are the Wald ones'
     * ({@link #carried}).
     *
     * @param wald      the fit's standard errors
     * @param fitStatus the fit's status (a failed fit's NO_HESSIAN note is carried: there is no estimate)
     * @param kind      how the refits' data were drawn
     * @param refits    the B refits, indices 0..B−1 in any order
     */
    public static Bootstrap of(StandardErrors wald, FitStatus fitStatus, BootstrapKind kind, List<BootstrapFit> refits) {
        return of(wald.experts(), wald.dimension(), wald.parameters(), wald.estimate(), wald.level(), kind, refits,
                carried(wald, fitStatus));
    }

    /**
     * The Wald notes that concern the estimate rather than its Hessian, which the bootstrap does not use: all
     * but {@link Unreliable#HESSIAN_NOT_NEGATIVE_DEFINITE}, and {@link Unreliable#NO_HESSIAN} only when the fit
     * itself failed (DEGENERATE, NON_FINITE). A boundary estimate keeps its {@code AT_BOUND} note and no
     * interval: the bootstrap is not consistent there either (Andrews 2000).
     */
    public static List<StandardErrors.Note> carried(StandardErrors wald, FitStatus fitStatus) {
        boolean fitFailed = fitStatus == FitStatus.DEGENERATE || fitStatus == FitStatus.NON_FINITE;
        List<StandardErrors.Note> out = new ArrayList<>();
        for (StandardErrors.Note n : wald.notes()) {
            if (n.reason() == Unreliable.HESSIAN_NOT_NEGATIVE_DEFINITE
                    || n.reason() == Unreliable.NO_HESSIAN && !fitFailed) {
                continue;
            }
            out.add(n);
        }
        return out;
    }

    /**
     * The bootstrap intervals of an estimate.
     *
     * @param k        the number of experts
     * @param d        the dimension of x
     * @param estimate θ̂ in the layout of {@link ObservedInformation#size}(k, d) ({@link BootstrapRefit#parameters})
     * @param level    the intervals' level, in (0, 1)
     * @param kind     how the refits' data were drawn
     * @param refits   the B ≥ 1 refits, indices exactly 0..B−1 in any order (sorted here, so the result does not
     *                 depend on the order they arrive in)
     * @param carried  notes on the estimate (reasons and parameters) to mark the intervals with; a reason that
     *                 {@link Unreliable#voidsStandardError() voids} leaves its parameters' intervals NaN
     * @throws IllegalArgumentException on a level outside (0, 1), an estimate of the wrong length, or refit
     *                                  indices that are not 0..B−1
     */
    public static Bootstrap of(int k, int d, double[] estimate, double level, BootstrapKind kind,
            List<BootstrapFit> refits, List<StandardErrors.Note> carried) {
        return of(k, d, ReportedParameter.constant(k, d), estimate, level, kind, refits, carried);
    }

    /** As {@link #of(int, int, double[], double, BootstrapKind, List, List)} in the layout of {@code parameters}. */
    private static Bootstrap of(int k, int d, List<ReportedParameter> parameters, double[] estimate, double level,
            BootstrapKind kind, List<BootstrapFit> refits, List<StandardErrors.Note> carried) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level: must be in (0, 1), got " + level);
        }
        int p = parameters.size();
        if (estimate.length != p) {
            throw new IllegalArgumentException("estimate: must have " + p + " entries, got " + estimate.length);
        }
        if (kind == null || refits == null || carried == null || refits.isEmpty()) {
            throw new IllegalArgumentException("kind, refits, carried: must not be null, refits not empty");
        }
        List<BootstrapFit> sorted = new ArrayList<>(refits);
        sorted.sort(Comparator.comparingInt(BootstrapFit::index));
        int failures = 0;
        int capped = 0;
        for (int b = 0; b < sorted.size(); b++) {
            BootstrapFit f = sorted.get(b);
            if (f.index() != b) {
                throw new IllegalArgumentException("refits: indices must be 0.." + (sorted.size() - 1)
                        + ", each once; got " + f.index() + " in place " + b);
            }
            if (f.parameters().length != p) {
                throw new IllegalArgumentException("refits[" + b + "].parameters: must have " + p + " entries");
            }
            if (f.failed()) {
                failures++;
            } else if (f.status() == FitStatus.MAX_ITERATIONS) {
                capped++;
            }
        }
        int m = sorted.size() - failures;
        double[][] ends = new double[4][p];
        boolean[] voided = new boolean[p];
        for (StandardErrors.Note n : carried) {
            if (n.reason().voidsStandardError()) {
                for (int i : n.parameters()) {
                    voided[i] = true;
                }
            }
        }
        // the kept refits' parameters, one row per parameter (the quantiles and the sums of weights read them)
        double[][] kept = new double[p][m];
        int c = 0;
        for (BootstrapFit f : sorted) {
            if (!f.failed()) {
                for (int i = 0; i < p; i++) {
                    kept[i][c] = f.parameter(i);
                }
                c++;
            }
        }
        for (int i = 0; i < p; i++) {
            double[] e = ends(kept[i], estimate[i], IntervalScale.of(parameters.get(i).range()), level,
                    voided[i]);
            for (int j = 0; j < 4; j++) {
                ends[j][i] = e[j];
            }
        }
        List<StandardErrors.Note> notes = new ArrayList<>(carried);
        if (failures > MAX_FAILED_SHARE * sorted.size()) {
            List<Integer> all = new ArrayList<>(p);
            for (int i = 0; i < p; i++) {
                all.add(i);
            }
            notes.add(new StandardErrors.Note(Unreliable.REFITS_FAILED, all, String.format(Locale.ROOT,
                    "%d of %d bootstrap refits failed (DEGENERATE or NON_FINITE), more than %.0f%%: the intervals "
                    + "are the quantiles of the %d that did not, a selected part of the bootstrap law", failures,
                    sorted.size(), 100 * MAX_FAILED_SHARE, m)));
        }
        notes.sort(Comparator.comparing(StandardErrors.Note::reason));
        return new Bootstrap(k, d, parameters, level, kind, sorted.size(), failures, capped, estimate.clone(), ends, kept,
                voided, notes);
    }

    /**
     * The percentile and basic ends {percentile lower, percentile upper, basic lower, basic upper} from the kept
     * refits' values of one parameter (the equations of the class comment), all NaN when {@code voided}.
     */
    private static double[] ends(double[] values, double estimate, IntervalScale scale, double level,
            boolean voided) {
        double alpha = 1 - level;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        // Quantiles on the parameter's own scale: the percentile interval is the same on any monotone scale
        // up to the interpolation between order statistics, and no logit of a λ* of exactly 0 or 1 enters it.
        double qLow = voided ? Double.NaN : Quantiles.typeSevenSorted(sorted, alpha / 2);
        double qHigh = voided ? Double.NaN : Quantiles.typeSevenSorted(sorted, 1 - alpha / 2);
        double t = scale.forward(estimate);
        return new double[] {qLow, qHigh, scale.inverse(2 * t - scale.forward(qHigh)),
            scale.inverse(2 * t - scale.forward(qLow))};
    }

    /**
     * The bootstrap intervals of a sum of weights Σ_{i∈A} p_i (an over-fitted Voronoi cell's mass; the Wald
     * counterpart is {@link StandardErrors#weightSumInterval}): the same percentile and basic intervals, on the
     * logit scale, of the refits' sums Σ_{i∈A} p*_i, which the alignment of the refits' atoms to θ̂'s makes
     * well defined. NaN when a summed weight has no interval (a voiding note).
     *
     * @param weights the weights' indices in the layout of {@link ObservedInformation#size}: 1..k
     * @return {Σ p̂_i, percentile lower, percentile upper, basic lower, basic upper}
     */
    public double[] weightSumInterval(int[] weights) {
        int m = kept.length == 0 ? 0 : kept[0].length;
        double[] sums = new double[m];
        double s = 0;
        boolean none = false;
        for (int a : weights) {
            if (a < 1 || a > k) {
                throw new IllegalArgumentException("weights: indices of weights in 1.." + k + ", got " + a);
            }
            s += estimate[a];
            none |= voided[a];
            for (int b = 0; b < m; b++) {
                sums[b] += kept[a][b];
            }
        }
        double[] e = ends(sums, s, IntervalScale.LOGIT, level, none);
        return new double[] {s, e[0], e[1], e[2], e[3]};
    }

    /** The reasons that mark parameter {@code index}, in the order of {@link Unreliable}. */
    public List<Unreliable> reasons(int index) {
        return StandardErrors.reasons(notes, index);
    }

    /** What parameter {@code index} is (the Wald intervals' layout). */
    public ReportedParameter parameter(int index) {
        return parameters.get(index);
    }

    public int experts() {
        return k;
    }

    public int dimension() {
        return d;
    }

    /** The number of reported parameters. */
    public int size() {
        return estimate.length;
    }

    /** The intervals' level. */
    public double level() {
        return level;
    }

    /** How the refits' data were drawn. */
    public BootstrapKind kind() {
        return kind;
    }

    /** B, the number of refits, failed ones included. */
    public int refits() {
        return refits;
    }

    /** The refits that failed ({@link BootstrapFit#failed()}): counted here, left out of the quantiles. */
    public int failures() {
        return failures;
    }

    /** The refits that hit the iteration cap (MAX_ITERATIONS) and did not fail: counted, and in the quantiles. */
    public int capped() {
        return capped;
    }

    /** The estimate θ̂ (a copy). */
    public double[] estimate() {
        return estimate.clone();
    }

    /** The percentile intervals' lower ends, NaN where there is none (a copy). */
    public double[] percentileLower() {
        return percentileLower.clone();
    }

    /** The percentile intervals' upper ends (a copy). */
    public double[] percentileUpper() {
        return percentileUpper.clone();
    }

    /** The basic intervals' lower ends (a copy). */
    public double[] basicLower() {
        return basicLower.clone();
    }

    /** The basic intervals' upper ends (a copy). */
    public double[] basicUpper() {
        return basicUpper.clone();
    }

    /** The reliability notes, in the order of {@link Unreliable}. */
    public List<StandardErrors.Note> notes() {
        return notes;
    }
}
