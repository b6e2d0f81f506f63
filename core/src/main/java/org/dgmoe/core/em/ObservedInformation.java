package org.dgmoe.core.em;

import java.util.Arrays;
import java.util.List;

/**
 * The observed information of a fit at its estimate, and the Jacobian that carries it to the reported
 * parameters (docs/uncertainty.md). Computed by {@link EmFitter#observedInformation} with the certificate's own
 * Hessian ({@link NewtonPolish}): −H = −∂²ℓ/∂u∂uᵀ in the unconstrained coordinates u of the fit's centred
 * frame, u = [logit λ], then per expert log p_i (the last one's held fixed: the softmax gauge), a_i, b̃_i (the
 * frame's intercept b̃_i = b_i + a_iᵀx̄ − ȳ), log(σ_i − floor); a coordinate at its bound (λ within 1e−12 of 0
 * or 1, a variance at the floor) is not among them. r is the number kept.
 *
 * <p>The reported parameters θ, in the layout of {@link #size}: λ, p_1..p_k, then per expert a_i1..a_id, b_i,
 * σ_i (data units; σ_i a variance). {@link #jacobian()} is ∂θ/∂u at the estimate, analytic:
 * <pre>
 *   ∂λ/∂logit λ = λ(1 − λ)
 *   ∂p_l/∂log p_i = p_l(δ_li − p_i)          (softmax; i &lt; k)
 *   ∂a_ij/∂a_ij = 1,  ∂b_i/∂a_ij = −x̄_j      (b_i = b̃_i − a_iᵀx̄ + ȳ)
 *   ∂b_i/∂b̃_i = 1
 *   ∂σ_i/∂log(σ_i − floor) = σ_i − floor
 * </pre>
 * so that by the delta method Cov(θ̂) ≈ J (−H)⁻¹ Jᵀ. Immutable; arrays are copied in and out.
 */
public final class ObservedInformation implements Information {
    /** How a reported parameter enters the information. */
    public enum Coordinate {
        /** Estimated, with a coordinate of its own in u. */
        FREE,
        /** Not estimated: λ held by {@code fit.lambda} or without g0 (λ = 1), the weight of a single expert. */
        FIXED,
        /** Estimated, but at a bound of the parameter space (λ at 0 or 1, a variance at the floor, a weight at
         * {@code fit.bounds.weight}): not a stationary point in that coordinate. */
        AT_BOUND
    }

    private final int k;
    private final int d;
    private final double[] estimate;
    private final Coordinate[] coordinates;
    private final double[] information;
    private final double[] jacobian;
    private final int r;
    private final List<ReportedParameter> parameters;

    private ObservedInformation(int k, int d, double[] estimate, Coordinate[] coordinates, double[] information,
            double[] jacobian, int r) {
        this.k = k;
        this.d = d;
        this.estimate = estimate;
        this.coordinates = coordinates;
        this.information = information;
        this.jacobian = jacobian;
        this.r = r;
        this.parameters = ReportedParameter.constant(k, d);
    }

    /** The number of reported parameters of k experts in dimension d: 1 + k + k(d + 2). */
    public static int size(int k, int d) {
        return 1 + k + k * (d + 2);
    }

    /** The index of λ in the reported layout. */
    public static int lambdaIndex() {
        return 0;
    }

    /** The index of expert i's weight (0-based i). */
    public static int weightIndex(int i) {
        return 1 + i;
    }

    /** The index of slope coordinate j of expert i in a layout of k experts. */
    public static int slopeIndex(int k, int d, int i, int j) {
        return 1 + k + i * (d + 2) + j;
    }

    /** The index of expert i's intercept. */
    public static int interceptIndex(int k, int d, int i) {
        return 1 + k + i * (d + 2) + d;
    }

    /** The index of expert i's variance. */
    public static int varianceIndex(int k, int d, int i) {
        return 1 + k + i * (d + 2) + d + 1;
    }

    /**
     * The information at {@code th} (in the frame), from the certificate's analysis there.
     *
     * @param inData          th in data units ({@link WeightedLeastSquares.Frame#leave})
     * @param lambdaEstimated whether λ is estimated (fit.lambda free and a g0)
     * @param lambdaEntry     whether u has a logit-λ entry ({@link EmFitter.Run#lambdaEntry})
     * @param information     −H over the kept coordinates, r×r row-major, or null when not computed
     * @param kept            indices into u of the kept coordinates, in −H's order
     */
    static ObservedInformation of(Iterate th, Iterate inData, boolean lambdaEstimated, boolean lambdaEntry, double floor,
            double minWeight, double[] xShift, double[] information, int[] kept) {
        int k = th.weight.length;
        int d = xShift.length;
        int p = size(k, d);
        int r = information == null ? 0 : kept.length;
        double[] estimate = new double[p];
        Coordinate[] coordinates = new Coordinate[p];
        Arrays.fill(coordinates, Coordinate.FREE);
        estimate[lambdaIndex()] = inData.lambda;
        for (int i = 0; i < k; i++) {
            estimate[weightIndex(i)] = inData.weight[i];
            for (int j = 0; j < d; j++) {
                estimate[slopeIndex(k, d, i, j)] = inData.slope[i][j];
            }
            estimate[interceptIndex(k, d, i)] = inData.intercept[i];
            estimate[varianceIndex(k, d, i)] = inData.variance[i];
            if (k == 1) {
                coordinates[weightIndex(i)] = Coordinate.FIXED;
            } else if (minWeight > 0 && th.weight[i] < minWeight * (1 + 1e-9)) {
                coordinates[weightIndex(i)] = Coordinate.AT_BOUND;
            }
        }
        boolean lambdaKept = false;
        boolean[] varianceKept = new boolean[k];
        int weightOffset = lambdaEntry ? 1 : 0;
        int stride = d + 3;
        double[] jac = new double[p * r];
        for (int c = 0; c < r; c++) {
            int j = kept[c];
            if (j < weightOffset) {
                lambdaKept = true;
                jac[lambdaIndex() * r + c] = th.lambda * (1 - th.lambda);
                continue;
            }
            int i = (j - weightOffset) / stride;
            int t = (j - weightOffset) % stride;
            if (t == 0) {
                for (int l = 0; l < k; l++) {
                    jac[weightIndex(l) * r + c] = th.weight[l] * ((l == i ? 1 : 0) - th.weight[i]);
                }
            } else if (t <= d) {
                jac[slopeIndex(k, d, i, t - 1) * r + c] = 1;
                jac[interceptIndex(k, d, i) * r + c] = -xShift[t - 1];
            } else if (t == d + 1) {
                jac[interceptIndex(k, d, i) * r + c] = 1;
            } else {
                varianceKept[i] = true;
                jac[varianceIndex(k, d, i) * r + c] = th.variance[i] - floor;
            }
        }
        if (!lambdaEstimated) {
            coordinates[lambdaIndex()] = Coordinate.FIXED;
        } else if (information != null && !lambdaKept) {
            coordinates[lambdaIndex()] = Coordinate.AT_BOUND;
        }
        for (int i = 0; i < k && information != null; i++) {
            if (!varianceKept[i]) {
                coordinates[varianceIndex(k, d, i)] = Coordinate.AT_BOUND;
            }
        }
        return new ObservedInformation(k, d, estimate, coordinates,
                information == null ? null : information.clone(), jac, r);
    }

    @Override
    public int size() {
        return estimate.length;
    }

    @Override
    public ReportedParameter parameter(int index) {
        return parameters.get(index);
    }

    @Override
    public List<ReportedParameter> parameters() {
        return parameters;
    }

    @Override
    public int lambdaParameter() {
        return lambdaIndex();
    }

    /** The number of experts. */
    @Override
    public int experts() {
        return k;
    }

    /** The dimension of x. */
    @Override
    public int dimension() {
        return d;
    }

    /** The number r of unconstrained coordinates kept (0 when the Hessian was not computed). */
    public int coordinates() {
        return r;
    }

    /** Whether the Hessian was computed (every pass of its central differences finite). */
    @Override
    public boolean computed() {
        return information != null;
    }

    /** The reported parameters at the estimate, in the layout of {@link #size} (a copy). */
    @Override
    public double[] estimate() {
        return estimate.clone();
    }

    /** How reported parameter {@code index} enters the information. */
    @Override
    public Coordinate coordinate(int index) {
        return coordinates[index];
    }

    /** −H, r×r (rows copied); null when not {@link #computed()}. */
    @Override
    public double[][] information() {
        if (information == null) {
            return null;
        }
        double[][] out = new double[r][];
        for (int a = 0; a < r; a++) {
            out[a] = Arrays.copyOfRange(information, a * r, (a + 1) * r);
        }
        return out;
    }

    /** J = ∂θ/∂u, {@link #size} × r (rows copied); a row of zeros for a parameter without a coordinate. */
    @Override
    public double[][] jacobian() {
        int p = estimate.length;
        double[][] out = new double[p][];
        for (int a = 0; a < p; a++) {
            out[a] = Arrays.copyOfRange(jacobian, a * r, (a + 1) * r);
        }
        return out;
    }
}
