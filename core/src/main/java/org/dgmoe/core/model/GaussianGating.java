package org.dgmoe.core.model;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.dgmoe.core.InvalidParameterException;

/**
 * Gaussian gating π_i(x) = w_i N(x; c_i, Γ_i) / Σ_j w_j N(x; c_j, Γ_j): the gate of the Gaussian-gated
 * MoE in its GLLiM parameterisation (Nguyen et al., CRPE-GMoE). It is the posterior of component i given
 * x when x ~ Σ_i w_i N(c_i, Γ_i), the covariate law this gating implies ({@link #sampleCovariates}).
 *
 * <p>Immutable. Each Γ_i must be symmetric positive definite; its Cholesky factor L_i (Γ_i = L_i L_iᵀ)
 * and log det Γ_i are computed once, in the constructor.
 */
public final class GaussianGating implements Gating {
    private static final long serialVersionUID = 1L;

    /** Largest allowed |Γ_jl − Γ_lj| relative to the diagonal: symmetric up to decimal rounding. */
    private static final double SYMMETRY_TOLERANCE = 1e-12;

    private final double[] weights;
    private final double[][] means;
    private final double[][][] covariances;
    private final transient double[][][] cholesky;
    private final transient double[] logNormaliser;

    /**
     * @param weights     w_i &gt; 0, summing to 1 (within {@link MixingMeasure#WEIGHT_SUM_TOLERANCE})
     * @param means       c_i, k rows of d entries
     * @param covariances Γ_i, k symmetric positive definite d×d matrices
     */
    public GaussianGating(double[] weights, double[][] means, double[][][] covariances) {
        if (weights == null || means == null || covariances == null || weights.length == 0) {
            throw new InvalidParameterException("experts", "must have at least one expert, got none");
        }
        int k = weights.length;
        if (means.length != k || covariances.length != k) {
            throw new InvalidParameterException("gate", "every expert needs a weight, a mean and a covariance; got "
                    + k + " weights, " + means.length + " means, " + covariances.length + " covariances");
        }
        this.weights = new ConstantGating(weights).weights();
        int d = means[0] == null ? 0 : means[0].length;
        this.means = new double[k][];
        this.covariances = new double[k][][];
        this.cholesky = new double[k][][];
        this.logNormaliser = new double[k];
        for (int i = 0; i < k; i++) {
            String key = "experts[" + i + "].gate";
            if (means[i] == null || means[i].length == 0 || means[i].length != d) {
                throw new InvalidParameterException(key + ".mean", "must have " + Math.max(d, 1)
                        + " entries like experts[0], got " + (means[i] == null ? "null" : means[i].length));
            }
            this.means[i] = means[i].clone();
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(means[i][j])) {
                    throw new InvalidParameterException(key + ".mean[" + j + "]", "must be finite, got " + means[i][j]);
                }
            }
            this.covariances[i] = checkedCovariance(covariances[i], d, key + ".covariance");
            this.cholesky[i] = cholesky(this.covariances[i], key + ".covariance");
            double logDet = 0;
            for (int j = 0; j < d; j++) {
                logDet += 2 * Math.log(cholesky[i][j][j]);
            }
            // log(w_i) − ½ (d log 2π + log det Γ_i): the x-free part of log w_i N(x; c_i, Γ_i).
            this.logNormaliser[i] = Math.log(this.weights[i]) - 0.5 * (d * Math.log(2 * Math.PI) + logDet);
        }
    }

    private static double[][] checkedCovariance(double[][] c, int d, String key) {
        if (c == null || c.length != d) {
            throw new InvalidParameterException(key, "must be a " + d + "×" + d + " matrix, got "
                    + (c == null ? "null" : c.length + " rows"));
        }
        double[][] out = new double[d][];
        for (int j = 0; j < d; j++) {
            if (c[j] == null || c[j].length != d) {
                throw new InvalidParameterException(key + "[" + j + "]", "must have " + d + " entries, got "
                        + (c[j] == null ? "null" : c[j].length));
            }
            out[j] = c[j].clone();
            for (int l = 0; l < d; l++) {
                if (!Double.isFinite(out[j][l])) {
                    throw new InvalidParameterException(key + "[" + j + "][" + l + "]", "must be finite, got " + out[j][l]);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int l = 0; l < j; l++) {
                double scale = Math.sqrt(Math.abs(out[j][j] * out[l][l]));
                if (Math.abs(out[j][l] - out[l][j]) > SYMMETRY_TOLERANCE * Math.max(scale, Double.MIN_NORMAL)) {
                    throw new InvalidParameterException(key, "must be symmetric, got [" + j + "][" + l + "] = "
                            + out[j][l] + " and [" + l + "][" + j + "] = " + out[l][j]);
                }
            }
        }
        return out;
    }

    /** The lower Cholesky factor of a symmetric matrix, refusing one that is not positive definite. */
    private static double[][] cholesky(double[][] a, String key) {
        double[][] l = lowerCholesky(a);
        for (int j = 0; j < a.length; j++) {
            if (!(l[j][j] > 0)) {
                throw new InvalidParameterException(key, "must be positive definite (a covariance), got "
                        + Arrays.deepToString(a));
            }
        }
        return l;
    }

    /**
     * The lower Cholesky factor L of a symmetric matrix a = L Lᵀ (a not modified). When a is not positive
     * definite some diagonal entry L_jj is NaN or 0 (the square root of a pivot ≤ 0) and the entries after it are
     * not meaningful: test every L_jj &gt; 0 to know. The one Cholesky of the gated code (the gate's
     * coordinates, score and polish use it).
     */
    public static double[][] lowerCholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double s = a[j][j];
            for (int m = 0; m < j; m++) {
                s -= l[j][m] * l[j][m];
            }
            l[j][j] = Math.sqrt(s);
            for (int r = j + 1; r < d; r++) {
                double t = a[r][j];
                for (int m = 0; m < j; m++) {
                    t -= l[r][m] * l[j][m];
                }
                l[r][j] = t / l[j][j];
            }
        }
        return l;
    }

    /** log w_i − ½(d log 2π + log det Γ_i): {@link #logJoint} at x = c_i, computed once by the constructor. */
    public double logNormaliser(int i) {
        return logNormaliser[i];
    }

    /** A copy of Γ_i's lower Cholesky factor L_i (Γ_i = L_i L_iᵀ), computed once by the constructor. */
    public double[][] choleskyFactor(int i) {
        double[][] out = new double[cholesky[i].length][];
        for (int j = 0; j < out.length; j++) {
            out[j] = cholesky[i][j].clone();
        }
        return out;
    }

    @Override
    public Type type() {
        return Type.GAUSSIAN;
    }

    @Override
    public int size() {
        return weights.length;
    }

    @Override
    public int dimension() {
        return means[0].length;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double weight(int i) {
        return weights[i];
    }

    /** A copy of c_i. */
    public double[] mean(int i) {
        return means[i].clone();
    }

    /** A copy of Γ_i. */
    public double[][] covariance(int i) {
        double[][] out = new double[covariances[i].length][];
        for (int j = 0; j < out.length; j++) {
            out[j] = covariances[i][j].clone();
        }
        return out;
    }

    /** log(w_i N(x; c_i, Γ_i)) = log w_i − ½(d log 2π + log det Γ_i) − ½ |L_i⁻¹(x − c_i)|². */
    public double logJoint(int i, double[] x) {
        return logJoint(i, x, new double[means[i].length]);
    }

    /**
     * As {@link #logJoint(int, double[])}, with {@code scratch} (length ≥ d, overwritten) for the forward
     * substitution L_i u = x − c_i, so that a pass over many points allocates nothing.
     */
    public double logJoint(int i, double[] x, double[] scratch) {
        double[][] l = cholesky[i];
        double[] c = means[i];
        int d = c.length;
        double q = 0;
        for (int j = 0; j < d; j++) {
            double s = x[j] - c[j];
            for (int m = 0; m < j; m++) {
                s -= l[j][m] * scratch[m];
            }
            double u = s / l[j][j];
            scratch[j] = u;
            q += u * u;
        }
        return logNormaliser[i] - 0.5 * q;
    }

    /** log π_i(x) = log w_i N(x; c_i, Γ_i) − log Σ_j w_j N(x; c_j, Γ_j). */
    @Override
    public void logWeights(double[] x, double[] out) {
        int k = weights.length;
        for (int i = 0; i < k; i++) {
            out[i] = logJoint(i, x);
        }
        double z = LogSumExp.of(out, k);
        for (int i = 0; i < k; i++) {
            out[i] -= z;
        }
    }

    /** log Σ_i w_i N(x; c_i, Γ_i): the log-density of x under the law this gating implies. */
    public double logCovariateDensity(double[] x) {
        double[] t = new double[weights.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = logJoint(i, x);
        }
        return LogSumExp.of(t, t.length);
    }

    /**
     * Fills n covariates from Σ_i w_i N(c_i, Γ_i), column-major ({@link Covariates#fill}'s layout). Per
     * point, in order: one uniform choosing i by inversion over the cumulative weights, then d standard
     * normals z, x = c_i + L_i z.
     */
    public void sampleCovariates(int n, UniformRandomProvider rng, double[] out) {
        int k = weights.length;
        int d = means[0].length;
        double[] cumulative = new double[k];
        double acc = 0;
        for (int i = 0; i < k; i++) {
            acc += weights[i];
            cumulative[i] = acc;
        }
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[d];
        for (int p = 0; p < n; p++) {
            double v = rng.nextDouble() * acc;
            int i = 0;
            while (i < k - 1 && v >= cumulative[i]) {
                i++;
            }
            for (int j = 0; j < d; j++) {
                z[j] = gauss.sample();
            }
            double[][] l = cholesky[i];
            for (int j = 0; j < d; j++) {
                double s = means[i][j];
                for (int m = 0; m <= j; m++) {
                    s += l[j][m] * z[m];
                }
                out[j * n + p] = s;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianGating g && Arrays.equals(weights, g.weights) && Arrays.deepEquals(means, g.means)
                && Arrays.deepEquals(covariances, g.covariances);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(weights) + Arrays.deepHashCode(means)) + Arrays.deepHashCode(covariances);
    }

    @Override
    public String toString() {
        return "GaussianGating[weights=" + Arrays.toString(weights) + ", means=" + Arrays.deepToString(means)
                + ", covariances=" + Arrays.deepToString(covariances) + "]";
    }

    /** Deserialization goes through the constructor: the factors are rebuilt and the values re-checked. */
    private Object readResolve() throws java.io.InvalidObjectException {
        try {
            return new GaussianGating(weights, means, covariances);
        } catch (IllegalArgumentException e) {
            throw new java.io.InvalidObjectException(e.getMessage());
        }
    }
}
