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
import org.dgmoe.core.em.Information;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.em.ReportedParameter;

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
 * <p>Parameters are in the information's layout ({@link Information#parameters}): for a constant-gating fit that of
 * {@link ObservedInformation#size}, λ, p_1..p_k, then per expert the slope, intercept and variance; for a gated
 * fit that of {@code em.gated.GatedParameters}. {@link #name} gives each the path of its estimate in fit.json.
 * Immutable; arrays are copied in and out.
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
    private final List<ReportedParameter> parameters;

    private StandardErrors(int k, int d, List<ReportedParameter> parameters, double level, double z, Status status,
            double[] estimate, double[] standardError, double[] lower, double[] upper, double[] covariance,
            List<Note> notes) {
        this.k = k;
        this.parameters = List.copyOf(parameters);
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
     * @param information its observed information ({@code EmFitter#observedInformation},
     *                    {@code GatedEmFitter#observedInformation})
     * @param status      the fit's status: DEGENERATE and NON_FINITE fits get none, MAX_ITERATIONS ones are marked
     * @param caveats     the near-degenerate experts and the truth's size, for the notes
     * @param level       the intervals' level, in (0, 1)
     * @throws IllegalArgumentException on a level outside (0, 1), or caveats for another number of experts
     */
    public static StandardErrors of(Information information, FitStatus status, Caveats caveats, double level) {
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
        int p = information.size();
        List<ReportedParameter> parameters = information.parameters();
        double[] estimate = information.estimate();
        double[] se = new double[p];
        Arrays.fill(se, Double.NaN);
        double[] cov = new double[p * p];
        Arrays.fill(cov, Double.NaN);
        Map<Unreliable, Note> notes = new EnumMap<>(Unreliable.class);
        double[] share = information.deviationShare();
        double[] shareSe = {Double.NaN};
        Status covariance = covariance(information, status, se, cov, notes, share, shareSe);
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
        int li = information.lambdaParameter();
        if (li >= 0 && fixed.contains(li)) {
            why.add("λ is held by fit.lambda, or there is no g0 (λ = 1)");
        }
        if (k == 1) {
            why.add("a single expert's weight is 1");
        }
        if (fixed.stream().anyMatch(i -> parameters.get(i).path().contains(".gate."))) {
            why.add("expert 1's softmax gate is the reference, 0: the gates are identified only up to a common "
                    + "translation, and the others are reported as contrasts to it");
        }
        add(notes, Unreliable.NOT_ESTIMATED, fixed, String.join("; ", why));
        add(notes, Unreliable.AT_BOUND, atBound, "at a bound of the parameter space (λ̂ at 0 or 1, a variance at "
                + "the floor or fit.bounds.variance, a weight at fit.bounds.weight): not a stationary point there, and "
                + "the estimate's law is not normal");
        if (status == FitStatus.MAX_ITERATIONS) {
            add(notes, Unreliable.NOT_CONVERGED, all(p), "the fit hit the iteration cap (status MAX_ITERATIONS): "
                    + "the curvature is taken where the fit stopped, not at the maximum");
        }
        if (li < 0 && share != null) {
            boundary(notes, share[0], shareSe[0], z, p, deviation(parameters));
        }
        double lambda = li < 0 ? Double.NaN : estimate[li];
        double lambdaSe = li < 0 ? Double.NaN : se[li];
        if (Double.isFinite(lambdaSe) && lambda - z * lambdaSe <= 0) {
            add(notes, Unreliable.LAMBDA_NEAR_BOUNDARY, all(p), String.format(Locale.ROOT,
                    "λ̂ = %.4g is within %.3g standard errors (%.3g) of 0: λ = 0 is not excluded, where the "
                    + "experts are not identified and λ̂'s law has an atom at 0", lambda, z, lambdaSe));
        } else if (Double.isFinite(lambdaSe) && lambda + z * lambdaSe >= 1) {
            add(notes, Unreliable.LAMBDA_NEAR_BOUNDARY, List.of(li), String.format(Locale.ROOT,
                    "λ̂ = %.4g is within %.3g standard errors (%.3g) of 1: λ = 1 is not excluded, where λ̂'s law "
                    + "has an atom at 1", lambda, z, lambdaSe));
        }
        boolean[] degenerate = caveats.nearDegenerate();
        List<Integer> spurious = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (degenerate[i]) {
                spurious.addAll(expert(parameters, i));
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
            IntervalScale scale = IntervalScale.of(parameters.get(i).range());
            double t = scale.forward(estimate[i]);
            double half = z * scale.slope(estimate[i]) * se[i];
            lo[i] = scale.inverse(t - half);
            hi[i] = scale.inverse(t + half);
        }
        return new StandardErrors(k, d, parameters, level, z, covariance, estimate, se, lo, hi, cov,
                new ArrayList<>(notes.values()));
    }

    /**
     * The boundary note of a λ(x) by x, from its share of deviating data λ̄ = (1/N) Σ_n λ̂(x_n) and the share's
     * standard error (the delta method through λ(x)'s coefficients): the constant λ's rule applied to λ̄. Near 0
     * (λ(x) ≈ 0 over the data, or saturating toward it) the experts are not identified: every parameter is marked;
     * near 1 (λ(x) saturating toward 1) the deviation's coefficients run toward infinity: they are marked.
     */
    private static void boundary(Map<Unreliable, Note> notes, double share, double se, double z, int p,
            List<Integer> deviation) {
        if (Double.isFinite(se) && share - z * se <= 0) {
            add(notes, Unreliable.LAMBDA_NEAR_BOUNDARY, all(p), String.format(Locale.ROOT,
                    "λ(x) averages %.4g over the data, within %.3g standard errors (%.3g) of 0: λ(x) ≡ 0 is not "
                    + "excluded, where the experts are not identified", share, z, se));
        } else if (Double.isFinite(se) && share + z * se >= 1) {
            add(notes, Unreliable.LAMBDA_NEAR_BOUNDARY, deviation, String.format(Locale.ROOT,
                    "λ(x) averages %.4g over the data, within %.3g standard errors (%.3g) of 1: λ(x) saturates at 1, "
                    + "where its coefficients run to infinity", share, z, se));
        }
    }

    /** The deviation's parameters (those of no expert: λ, or λ(x)'s coefficients). */
    private static List<Integer> deviation(List<ReportedParameter> parameters) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).expert() < 0) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Fills the free parameters' standard errors and their covariance (row-major p × p); the status, with a note
     * when there are none.
     */
    private static Status covariance(Information information, FitStatus status, double[] se, double[] cov,
            Map<Unreliable, Note> notes, double[] share, double[] shareSe) {
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
        if (share != null) {
            double[] row = Arrays.copyOfRange(share, 1, share.length);
            shareSe[0] = Math.sqrt(bilinear(row, inverse, row, r));
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

    /** Expert i's parameters: its weight or gate, then its slope, intercept and variance. */
    private static List<Integer> expert(List<ReportedParameter> parameters, int i) {
        List<Integer> out = new ArrayList<>();
        for (int a = 0; a < parameters.size(); a++) {
            if (parameters.get(a).expert() == i) {
                out.add(a);
            }
        }
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

    /** The path of parameter {@code index}'s estimate in fit.json ({@link ReportedParameter#path}). */
    public String name(int index) {
        return parameters.get(index).path();
    }

    /** What parameter {@code index} is. */
    public ReportedParameter parameter(int index) {
        return parameters.get(index);
    }

    /** The reported parameters, in order. */
    public List<ReportedParameter> parameters() {
        return parameters;
    }

    /** Whether these are a gated fit's (parameters other than those of {@link ObservedInformation#size}). */
    public boolean gated() {
        return !parameters.equals(ReportedParameter.constant(k, d));
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
