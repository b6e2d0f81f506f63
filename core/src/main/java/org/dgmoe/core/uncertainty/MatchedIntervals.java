package org.dgmoe.core.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.loss.CellError;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;

/**
 * One method's intervals of a fit, matched to the truth's parameters (docs/uncertainty.md, "Coverage"): the
 * sweep's per-fit record from which {@code coverage/} is counted. The parameters are the truth's, in the layout
 * of {@link ObservedInformation#size}(k*, d): λ*, p*_1..p*_k*, then per true atom a*_j, b*_j, σ*_j. A fitted
 * atom answers for true atom j when it lies in j's Voronoi cell A_j (the loss code's cells,
 * {@link LossCalculator#voronoiCells}, as {@link CellError#members()} reports them):
 * <ul>
 * <li>|A_j| = 1: that atom's intervals;</li>
 * <li>|A_j| ≥ 2 (an over-fitted cell): for a*_j, b*_j, σ*_j the member nearest ω*_j (the cells' own distance,
 * {@link LossCalculator#atomDistance}; ties to the lower index), for p*_j the cell's mass Σ_{A_j} p_i with its
 * interval (Wald: the delta method's, {@link StandardErrors#weightSumInterval}; bootstrap: that of the aligned
 * refits' sums, {@link Bootstrap#weightSumInterval}); every one of them is marked
 * {@value #SHARED_CELL};</li>
 * <li>|A_j| = 0 (an empty cell): no interval (NaN ends), marked {@value #EMPTY_CELL};</li>
 * <li>fitted atoms in cell 0 (nearer a Gaussian g0's atom than to every true atom) answer for no true parameter.</li>
 * </ul>
 * λ* is matched to λ̂. Each parameter carries its notes: the {@link Unreliable} reasons {@link StandardErrors} gives
 * the parameters it was taken from ({@link #token}), and the two cell marks above, joined by {@code +}; "" when
 * none. Immutable; arrays are copied in and out.
 *
 * @param method how the intervals were made
 * @param lower  lower ends, NaN where there is no interval
 * @param upper  upper ends, NaN where there is none
 * @param notes  per parameter, the marks joined by {@code +}, "" for a reliable interval
 */
public record MatchedIntervals(IntervalMethod method, double[] lower, double[] upper, String[] notes)
        implements java.io.Serializable {
    /** The mark of a parameter whose true atom's Voronoi cell holds no fitted atom. */
    public static final String EMPTY_CELL = "empty-cell";
    /** The mark of a parameter taken from a Voronoi cell of two or more fitted atoms. */
    public static final String SHARED_CELL = "shared-cell";
    /** What joins the marks of one parameter. */
    public static final String JOIN = "+";
    /** The suffix of the {@code fits/} column of the lower ends ({@link #column}). */
    public static final String LOWER = "lower";
    /** The suffix of the column of the upper ends. */
    public static final String UPPER = "upper";
    /** The suffix of the column of the notes. */
    public static final String NOTES = "notes";

    public MatchedIntervals {
        if (method == null || lower == null || upper == null || notes == null) {
            throw new IllegalArgumentException("method, lower, upper, notes: must not be null");
        }
        if (upper.length != lower.length || notes.length != lower.length) {
            throw new IllegalArgumentException("lower, upper, notes: must have one length, got " + lower.length + ", "
                    + upper.length + ", " + notes.length);
        }
        for (String n : notes) {
            if (n == null) {
                throw new IllegalArgumentException("notes: no null entries (\"\" for none)");
            }
        }
        lower = lower.clone();
        upper = upper.clone();
        notes = notes.clone();
    }

    /**
     * The Wald intervals of a fit matched to the truth.
     *
     * @param se     the fit's standard errors and intervals (the fitted layout, k experts)
     * @param fitted the fitted model
     * @param truth  the truth
     * @param cells  the fit's losses against the truth: their cells' members are the matching
     */
    public static MatchedIntervals wald(StandardErrors se, DeviatedModel fitted, DeviatedModel truth,
            LossReport cells) {
        check(se.experts(), se.dimension(), fitted, truth, cells);
        return match(IntervalMethod.WALD, se.lower(), se.upper(), se::reasons, weights -> {
            double[] sum = se.weightSumInterval(weights);
            return new double[] {sum[2], sum[3]};
        }, fitted, truth, cells);
    }

    /**
     * A fit's bootstrap intervals matched to the truth, as the Wald ones ({@link #wald}); an over-fitted cell's
     * mass gets the bootstrap interval of the refits' sums of its members' weights
     * ({@link Bootstrap#weightSumInterval}).
     *
     * @param method {@link IntervalMethod#BOOTSTRAP_PERCENTILE} or {@link IntervalMethod#BOOTSTRAP_BASIC}
     * @param boot   the fit's bootstrap intervals (the fitted layout, k experts)
     */
    public static MatchedIntervals bootstrap(IntervalMethod method, Bootstrap boot, DeviatedModel fitted,
            DeviatedModel truth, LossReport cells) {
        if (method == null || !method.bootstrap()) {
            throw new IllegalArgumentException("method: must be a bootstrap method, got " + method);
        }
        check(boot.experts(), boot.dimension(), fitted, truth, cells);
        boolean basic = method == IntervalMethod.BOOTSTRAP_BASIC;
        return match(method, basic ? boot.basicLower() : boot.percentileLower(),
                basic ? boot.basicUpper() : boot.percentileUpper(), boot::reasons, weights -> {
                    double[] sum = boot.weightSumInterval(weights);
                    return basic ? new double[] {sum[3], sum[4]} : new double[] {sum[1], sum[2]};
                }, fitted, truth, cells);
    }

    private static void check(int k, int d, DeviatedModel fitted, DeviatedModel truth, LossReport cells) {
        if (fitted.size() != k || fitted.dimension() != d || truth.dimension() != d
                || cells.cells().size() != truth.size()) {
            throw new IllegalArgumentException("intervals, truth, cells: must be of the fit's k = " + fitted.size()
                    + ", d = " + fitted.dimension() + " and the truth's k* = " + truth.size());
        }
    }

    /**
     * The matching of the class comment, for one method's intervals in the fitted layout.
     *
     * @param fittedLower the lower ends of the fitted parameters
     * @param fittedUpper their upper ends
     * @param reasons     the reasons that mark a fitted parameter
     * @param massOf      the {lower, upper} interval of a sum of fitted weights (their indices)
     */
    private static MatchedIntervals match(IntervalMethod method, double[] fittedLower, double[] fittedUpper,
            IntFunction<List<Unreliable>> reasons, Function<int[], double[]> massOf, DeviatedModel fitted,
            DeviatedModel truth, LossReport cells) {
        int k = fitted.size();
        int d = fitted.dimension();
        int kStar = truth.size();
        int p = ObservedInformation.size(kStar, d);
        double[] lo = new double[p];
        double[] hi = new double[p];
        Arrays.fill(lo, Double.NaN);
        Arrays.fill(hi, Double.NaN);
        String[] notes = new String[p];
        Arrays.fill(notes, "");
        int lambda = ObservedInformation.lambdaIndex();
        lo[lambda] = fittedLower[lambda];
        hi[lambda] = fittedUpper[lambda];
        notes[lambda] = join(reasons, List.of(lambda), null);
        for (int j = 0; j < kStar; j++) {
            int[] members = cells.cells().get(j).members();
            List<Integer> own = truthAtom(kStar, d, j);
            if (members.length == 0) {
                for (int t : own) {
                    notes[t] = EMPTY_CELL;
                }
                continue;
            }
            String shared = members.length >= 2 ? SHARED_CELL : null;
            int nearest = nearest(fitted, truth.mixing().expert(j), members);
            // the location and variance: the nearest member's own
            for (int c = 0; c <= d + 1; c++) {
                int t = ObservedInformation.slopeIndex(kStar, d, j, 0) + c;
                int f = ObservedInformation.slopeIndex(k, d, nearest, 0) + c;
                lo[t] = fittedLower[f];
                hi[t] = fittedUpper[f];
                notes[t] = join(reasons, List.of(f), shared);
            }
            // the mass: the cell's
            int t = ObservedInformation.weightIndex(j);
            List<Integer> weights = new ArrayList<>();
            for (int i : members) {
                weights.add(ObservedInformation.weightIndex(i));
            }
            if (members.length == 1) {
                lo[t] = fittedLower[weights.get(0)];
                hi[t] = fittedUpper[weights.get(0)];
            } else {
                double[] sum = massOf.apply(weights.stream().mapToInt(Integer::intValue).toArray());
                lo[t] = sum[0];
                hi[t] = sum[1];
            }
            notes[t] = join(reasons, weights, shared);
        }
        return new MatchedIntervals(method, lo, hi, notes);
    }

    /** The parameters of true atom j in the truth's layout: its weight, slope, intercept, variance. */
    private static List<Integer> truthAtom(int kStar, int d, int j) {
        List<Integer> out = new ArrayList<>();
        out.add(ObservedInformation.weightIndex(j));
        for (int c = 0; c <= d + 1; c++) {
            out.add(ObservedInformation.slopeIndex(kStar, d, j, 0) + c);
        }
        return out;
    }

    /** The member of a cell nearest the true atom (the cells' distance; ties to the lower index). */
    private static int nearest(DeviatedModel fitted, Expert atom, int[] members) {
        int best = members[0];
        double distance = LossCalculator.atomDistance(fitted.mixing().expert(best), atom);
        for (int i : members) {
            double dist = LossCalculator.atomDistance(fitted.mixing().expert(i), atom);
            if (dist < distance) {
                distance = dist;
                best = i;
            }
        }
        return best;
    }

    /** The marks of the fitted parameters {@code from} (their reasons, in the order of {@link Unreliable}), and {@code extra}. */
    private static String join(IntFunction<List<Unreliable>> of, List<Integer> from, String extra) {
        Set<Unreliable> reasons = new java.util.TreeSet<>();
        for (int f : from) {
            reasons.addAll(of.apply(f));
        }
        Set<String> marks = new LinkedHashSet<>();
        for (Unreliable u : reasons) {
            marks.add(token(u));
        }
        if (extra != null) {
            marks.add(extra);
        }
        return String.join(JOIN, marks);
    }

    /** A reason as a mark: its name in lower case with {@code -} for {@code _} ({@code over-fitted}). */
    public static String token(Unreliable reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The parameters of {@code model} in the layout of {@link ObservedInformation#size}: λ, the weights, then per expert a, b, σ. */
    public static double[] layout(DeviatedModel model) {
        int k = model.size();
        int d = model.dimension();
        double[] out = new double[ObservedInformation.size(k, d)];
        out[ObservedInformation.lambdaIndex()] = model.lambda();
        for (int i = 0; i < k; i++) {
            Expert e = model.mixing().expert(i);
            out[ObservedInformation.weightIndex(i)] = model.mixing().weight(i);
            for (int c = 0; c < d; c++) {
                out[ObservedInformation.slopeIndex(k, d, i, c)] = e.slope(c);
            }
            out[ObservedInformation.interceptIndex(k, d, i)] = e.intercept();
            out[ObservedInformation.varianceIndex(k, d, i)] = e.variance();
        }
        return out;
    }

    /**
     * A column of {@code fits/} in a study with intervals: {@code <method>_<suffix>} ({@code wald_lower}), an array
     * over the truth's parameters in the layout of {@link ObservedInformation#size}(k*, d).
     */
    public static String column(IntervalMethod method, String suffix) {
        return method.name().toLowerCase(Locale.ROOT) + "_" + suffix;
    }

    /** The number of parameters. */
    public int size() {
        return lower.length;
    }

    /** Whether parameter {@code index}'s interval is marked (by a reason or a cell mark). */
    public boolean marked(int index) {
        return !notes[index].isEmpty();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public String[] notes() {
        return notes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchedIntervals m && m.method == method && Arrays.equals(m.lower, lower)
                && Arrays.equals(m.upper, upper) && Arrays.equals(m.notes, notes);
    }

    @Override
    public int hashCode() {
        return 31 * method.hashCode() + Arrays.hashCode(lower);
    }

    @Override
    public String toString() {
        return "MatchedIntervals[" + method + ", lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper)
                + ", notes=" + Arrays.toString(notes) + "]";
    }
}
