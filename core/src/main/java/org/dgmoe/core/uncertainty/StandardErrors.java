package org.dgmoe.core.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.ObservedInformation;

/**
 * Standard errors and Wald intervals of a fit's reported parameters from the observed information
 * (docs/uncertainty.md). With −H the observed information in the unconstrained coordinates u and J = ∂θ/∂u
 * ({@link ObservedInformation}), the covariance of θ̂ is estimated by the delta method as
 * <pre>
 *   Cov(θ̂) ≈ J (−H)⁻¹ Jᵀ,   se_p = √(J_p (−H)⁻¹ J_pᵀ),
 * </pre>
 * (−H)⁻¹ from the Cholesky factor of −H (a factor that does not exist is the status
 * {@link Status#NOT_POSITIVE_DEFINITE}, every standard error NaN). The Wald interval at {@code level} is
 * computed on the parameter's {@link IntervalScale} and mapped back: t⁻¹(t(θ̂) ± z·|t'(θ̂)|·se_p), z the
 * standard normal's (1 + level)/2 quantile. Where the theory says the information does not describe the
 * estimate's spread, {@link #notes()} say so ({@link Unreliable}).
 *
 * <p>Parameters are in the layout of {@link ObservedInformation#size}: λ, p_1..p_k, then per expert the slope,
 * intercept and variance; {@link #name} gives each the path of its estimate in fit.json. Immutable; arrays are
 * copied in and out.
 */
public final class StandardErrors {
    /** Whether the covariance could be computed. */
    public enum Status {
        /** −H positive definite: standard errors computed. */
        COMPUTED,
        /** No Hessian (a failed fit, or a pass of its central differences not finite). */
        NO_HESSIAN,
        /** −H not positive definite: no inverse. */
        NOT_POSITIVE_DEFINITE
    }

    /**
     * One reliability note: a reason, the parameters it concerns (indices in the layout) and the particulars.
     *
     * @param reason     why
     * @param parameters the parameters it applies to, ascending
     * @param text       a sentence with the particulars (values, the spurious rule's finding)
     */
    public record Note(Unreliable reason, List<Integer> parameters, String text) {
        public Note {
            if (reason == null || text == null) {
                throw new IllegalArgumentException("reason, text: must not be null");
            }
            parameters = List.copyOf(parameters);
        }
    }

    /** The default level of the intervals. */
    public static final double DEFAULT_LEVEL = 0.95;

    private final int k;
    private final int d;
    private final double level;
    private final double z;
    private final Status status;
    private final double[] estimate;
    private final double[] standardError;
    private final double[] lower;
    private final double[] upper;
    /** Cov(θ̂) = J (−H)⁻¹ Jᵀ over the free parameters (row-major p × p), NaN elsewhere and when not computed. */
    private final double[] covariance;
    private final List<Note> notes;

    private StandardErrors(int k, int d, double level, double z, Status status, double[] estimate,
            double[] standardError, double[] lower, double[] upper, double[] covariance, List<Note> notes) {
        this.k = k;
        this.d = d;
        this.level = level;
        this.z = z;
        this.status = status;
        this.estimate = estimate;
        this.standardError = standardError;
        this.lower = lower;
        this.upper = upper;
        this.covariance = covariance;
        this.notes = List.copyOf(notes);
    }

    /**
     * The standard errors and intervals of a fit.
     *
     * @param information its observed information ({@code EmFitter#observedInformation})
     * @param status      the fit's status: DEGENERATE and NON_FINITE fits get none, MAX_ITERATIONS ones are marked
     * @param caveats     the near-degenerate experts and the truth's size, for the notes
     * @param level       the intervals' level, in (0, 1)
     * @throws IllegalArgumentException on a level outside (0, 1), or caveats for another number of experts
     */
    public static StandardErrors of(ObservedInformation information, FitStatus status, Caveats caveats, double level) {
        if (information == null || status == null || caveats == null) {
            throw new IllegalArgumentException("information, status, caveats: must not be null");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level: must be in (0, 1), got " + level);
        }
        int k = information.experts();
        int d = information.dimension();
        if (caveats.nearDegenerate().length != k) {
            throw new IllegalArgumentException("caveats.nearDegenerate: must have " + k + " entries, got "
                    + caveats.nearDegenerate().length);
        }
        int p = ObservedInformation.size(k, d);
        double[] estimate = information.estimate();
        double[] se = new double[p];
        Arrays.fill(se, Double.NaN);
        double[] cov = new double[p * p];
        Arrays.fill(cov, Double.NaN);
        Map<Unreliable, Note> notes = new EnumMap<>(Unreliable.class);
        Status covariance = covariance(information, status, se, cov, notes);
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + level / 2);

        List<Integer> fixed = new ArrayList<>();
        List<Integer> atBound = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            switch (information.coordinate(i)) {
                case FIXED -> fixed.add(i);
                case AT_BOUND -> atBound.add(i);
                case FREE -> {
                }
            }
        }
        List<String> why = new ArrayList<>();
        if (fixed.contains(ObservedInformation.lambdaIndex())) {
            why.add("λ is held by fit.lambda, or there is no g0 (λ = 1)");
        }
        if (k == 1) {
            why.add("a single expert's weight is 1");
        }
        add(notes, Unreliable.NOT_ESTIMATED, fixed, String.join("; ", why));
        add(notes, Unreliable.AT_BOUND, atBound, "at a bound of the parameter space (λ̂ at 0 or 1, a variance at "
                + "the floor or fit.bounds.variance, a weight at fit.bounds.weight): not a stationary point there, and "
                + "the estimate's law is not normal");
        if (status == FitStatus.MAX_ITERATIONS) {
            add(notes, Unreliable.NOT_CONVERGED, all(p), "the fit hit the iteration cap (status MAX_ITERATIONS): "
                    + "the curvature is taken where the fit stopped, not at the maximum");
        }
        int li = ObservedInformation.lambdaIndex();
        double lambda = estimate[li];
        if (Double.isFinite(se[li]) && lambda - z * se[li] <= 0) {
            add(notes, Unreliable.LAMBDA_NEAR_BOUNDARY, all(p), String.format(Locale.ROOT,
                    "λ̂ = %.4g is within %.3g standard errors (%.3g) of 0: λ = 0 is not excluded, where the "
                    + "experts are not identified and λ̂'s law has an atom at 0", lambda, z, se[li]));
        } else if (Double.isFinite(se[li]) && lambda + z * se[li] >= 1) {
            add(notes, Unreliable.LAMBDA_NEAR_BOUNDARY, List.of(li), String.format(Locale.ROOT,
                    "λ̂ = %.4g is within %.3g standard errors (%.3g) of 1: λ = 1 is not excluded, where λ̂'s law "
                    + "has an atom at 1", lambda, z, se[li]));
        }
        boolean[] degenerate = caveats.nearDegenerate();
        List<Integer> spurious = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (degenerate[i]) {
                spurious.addAll(expert(k, d, i));
            }
        }
        add(notes, Unreliable.NEAR_DEGENERATE, spurious.stream().sorted().toList(),
                "the spurious rule marks the expert: " + caveats.why());
        if (caveats.trueExperts() > 0 && k > caveats.trueExperts()) {
            add(notes, Unreliable.OVER_FITTED, all(p), k + " experts fitted, the truth has " + caveats.trueExperts()
                    + ": the Fisher information is singular at the truth");
        }

        for (Note n : notes.values()) {
            if (n.reason().voidsStandardError()) {
                for (int i : n.parameters()) {
                    se[i] = Double.NaN;
                }
            }
        }
        double[] lo = new double[p];
        double[] hi = new double[p];
        for (int i = 0; i < p; i++) {
            IntervalScale scale = IntervalScale.of(k, d, i);
            double t = scale.forward(estimate[i]);
            double half = z * scale.slope(estimate[i]) * se[i];
            lo[i] = scale.inverse(t - half);
            hi[i] = scale.inverse(t + half);
        }
        return new StandardErrors(k, d, level, z, covariance, estimate, se, lo, hi, cov,
                new ArrayList<>(notes.values()));
    }

    /**
     * Fills the free parameters' standard errors and their covariance (row-major p × p); the status, with a note
     * when there are none.
     */
    private static Status covariance(ObservedInformation information, FitStatus status, double[] se, double[] cov,
            Map<Unreliable, Note> notes) {
        int p = se.length;
        if (status == FitStatus.DEGENERATE || status == FitStatus.NON_FINITE || !information.computed()) {
            add(notes, Unreliable.NO_HESSIAN, all(p), status == FitStatus.DEGENERATE || status == FitStatus.NON_FINITE
                    ? "the fit ended " + status + ": there is no maximum to take the curvature at"
                    : "ℓ or a pass of the Hessian's central differences is not finite at the estimate");
            return Status.NO_HESSIAN;
        }
        double[][] info = information.information();
        int r = info.length;
        RealMatrix inverse;
        try {
            // The certificate's −H is exactly symmetric (NewtonPolish symmetrises it); a pivot must be > 0.
            inverse = finite(info) ? new CholeskyDecomposition(new Array2DRowRealMatrix(info, false),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0).getSolver().getInverse() : null;
        } catch (NonPositiveDefiniteMatrixException e) {
            inverse = null;
        }
        if (inverse == null) {
            add(notes, Unreliable.HESSIAN_NOT_NEGATIVE_DEFINITE, all(p), "−H has no Cholesky factor at the estimate "
                    + "(a saddle point, or a flat direction): the observed information has no inverse");
            return Status.NOT_POSITIVE_DEFINITE;
        }
        double[][] jacobian = information.jacobian();
        for (int i = 0; i < p; i++) {
            if (information.coordinate(i) != ObservedInformation.Coordinate.FREE) {
                continue;
            }
            for (int l = 0; l < p; l++) {
                if (information.coordinate(l) == ObservedInformation.Coordinate.FREE) {
                    cov[i * p + l] = bilinear(jacobian[i], inverse, jacobian[l], r);
                }
            }
            se[i] = Math.sqrt(cov[i * p + i]);
        }
        return Status.COMPUTED;
    }

    /** uᵀ M w over the first r coordinates (zeros of u skipped: most of a row of J is 0). */
    private static double bilinear(double[] u, RealMatrix m, double[] w, int r) {
        double v = 0;
        for (int a = 0; a < r; a++) {
            if (u[a] == 0) {
                continue;
            }
            for (int b = 0; b < r; b++) {
                v += u[a] * m.getEntry(a, b) * w[b];
            }
        }
        return v;
    }

    private static boolean finite(double[][] m) {
        for (double[] row : m) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void add(Map<Unreliable, Note> notes, Unreliable reason, List<Integer> parameters, String text) {
        if (!parameters.isEmpty()) {
            notes.put(reason, new Note(reason, parameters, text));
        }
    }

    private static List<Integer> all(int p) {
        List<Integer> out = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            out.add(i);
        }
        return out;
    }

    /** Expert i's parameters: its weight, then its slope, intercept and variance. */
    private static List<Integer> expert(int k, int d, int i) {
        List<Integer> out = new ArrayList<>();
        out.add(ObservedInformation.weightIndex(i));
        for (int j = 0; j < d; j++) {
            out.add(ObservedInformation.slopeIndex(k, d, i, j));
        }
        out.add(ObservedInformation.interceptIndex(k, d, i));
        out.add(ObservedInformation.varianceIndex(k, d, i));
        return out;
    }

    /**
     * The path of parameter {@code index}'s estimate in fit.json: {@code lambda}, {@code experts[i].weight},
     * {@code experts[i].slope[j]}, {@code experts[i].intercept}, {@code experts[i].variance} (0-based i, j).
     */
    public static String name(int k, int d, int index) {
        if (index == ObservedInformation.lambdaIndex()) {
            return "lambda";
        }
        if (index <= k) {
            return "experts[" + (index - 1) + "].weight";
        }
        int i = (index - 1 - k) / (d + 2);
        int t = (index - 1 - k) % (d + 2);
        String e = "experts[" + i + "].";
        return t < d ? e + "slope[" + t + "]" : t == d ? e + "intercept" : e + "variance";
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

    /** Whether the covariance was computed. */
    public Status status() {
        return status;
    }

    /** The estimates (a copy). */
    public double[] estimate() {
        return estimate.clone();
    }

    /** The standard errors, NaN where there is none (a copy). */
    public double[] standardErrors() {
        return standardError.clone();
    }

    /** The intervals' lower ends (a copy). */
    public double[] lower() {
        return lower.clone();
    }

    /** The intervals' upper ends (a copy). */
    public double[] upper() {
        return upper.clone();
    }

    /**
     * The Wald interval of the sum s of some weights (an over-fitted Voronoi cell's mass, docs/uncertainty.md,
     * "Coverage"): se(s) = √(Σ_a Σ_b Cov(θ̂_a, θ̂_b)) by the delta method, and the interval on the logit scale as a
     * weight's, t⁻¹(t(s) ± z·|t'(s)|·se(s)). NaN standard error and ends when a summand has no standard error.
     *
     * @param weights indices of weights in the layout (each in 1..k, distinct)
     * @return {s, se(s), lower, upper}
     */
    public double[] weightSumInterval(int[] weights) {
        int p = estimate.length;
        double s = 0;
        double v = 0;
        for (int a : weights) {
            if (a < 1 || a > k) {
                throw new IllegalArgumentException("weights: indices of weights in 1.." + k + ", got " + a);
            }
            s += estimate[a];
            for (int b : weights) {
                v += Double.isNaN(standardError[a]) || Double.isNaN(standardError[b]) ? Double.NaN
                        : covariance[a * p + b];
            }
        }
        double se = Math.sqrt(v);
        IntervalScale scale = IntervalScale.LOGIT;
        double t = scale.forward(s);
        double half = z * scale.slope(s) * se;
        return new double[] {s, se, scale.inverse(t - half), scale.inverse(t + half)};
    }

    /** The reliability notes, in the order of {@link Unreliable}. */
    public List<Note> notes() {
        return notes;
    }

    /** The reasons that mark parameter {@code index}, in the order of {@link Unreliable}. */
    public List<Unreliable> reasons(int index) {
        return reasons(notes, index);
    }

    /** The reasons of {@code notes} that mark parameter {@code index}, in the notes' order. */
    static List<Unreliable> reasons(List<Note> notes, int index) {
        List<Unreliable> out = new ArrayList<>();
        for (Note n : notes) {
            if (n.parameters().contains(index)) {
                out.add(n.reason());
            }
        }
        return out;
    }

    /** Whether no note marks parameter {@code index}. */
    public boolean reliable(int index) {
        return reasons(index).isEmpty();
    }
}
