package org.dgmoe.core.model;

import java.util.Objects;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.TDistribution;
import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.expr.Expression;

/**
 * g0 a location-scale family written by the user: {@code g0(y | x) = f((y − μ(x))/s(x)) / s(x)}, f a standard
 * density ({@link Shape}) and μ, s {@link Expression}s of the covariates (issue 22). The four closed g0 types
 * are shorthands of this form: {@code gaussian-linear} is {@code normal} with an affine μ and a constant s = √σ0,
 * {@code gaussian-nonlinear} is {@code normal} with μ = m(x₁ + … + x_d), {@code student-t} is {@code student-t}
 * with an affine μ and a constant s.
 *
 * <p>The scale must be &gt; 0 and finite wherever g0 is used; a caller validates it over the data
 * ({@link #firstInvalidScale}) before the density, CDF or sampler is asked at a point, which otherwise give
 * NaN there. Distinguishability (reference §2): g0 is a Gaussian expert, the non-distinguishable case, exactly
 * when f is normal, s names no covariate and μ is affine in x as {@link Expression#affine} decides on the tree.
 */
public final class LocationScaleG0 implements G0 {
    private static final long serialVersionUID = 1L;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG_TWO = Math.log(2);

    /** The standard density f of the family; {@code g0.family} names one ({@link ConfigNamed}). */
    public enum Shape implements ConfigNamed {
        /** f(t) = exp(−t²/2)/√(2π). */
        NORMAL,
        /** f(t) = Γ((ν+1)/2)/(Γ(ν/2)√(νπ)) (1 + t²/ν)^(−(ν+1)/2). */
        STUDENT_T,
        /** f(t) = exp(−|t|)/2. */
        LAPLACE,
        /** f(t) = exp(−t)/(1 + exp(−t))². */
        LOGISTIC
    }

    private final Shape shape;
    private final Expression location;
    private final Expression scale;
    private final double dof;
    /** log f(0) for normal and Student-t (the normaliser), −log 2 for Laplace, 0 for logistic (unused). */
    private final double logNormaliser;
    /** The Student-t law of the CDF and quantile, rebuilt after deserialisation. */
    private transient TDistribution student;

    /**
     * @param shape    the standard density
     * @param location μ(x)
     * @param scale    s(x), of the same names as {@code location}
     * @param dof      ν &gt; 0 for {@link Shape#STUDENT_T}; NaN for the others
     */
    public LocationScaleG0(Shape shape, Expression location, Expression scale, double dof) {
        if (shape == null) {
            throw new InvalidParameterException("family", "must be one of "
                    + String.join(", ", ConfigNamed.configNames(Shape.class)) + ", got null");
        }
        if (location == null || scale == null) {
            throw new InvalidParameterException(location == null ? "location" : "scale", "must be an expression");
        }
        if (!location.names().equals(scale.names())) {
            throw new InvalidParameterException("scale", "must use the names of location " + location.names()
                    + ", got " + scale.names());
        }
        if (location.names().isEmpty()) {
            throw new InvalidParameterException("location", "needs at least one covariate name");
        }
        if (shape == Shape.STUDENT_T ? !(dof > 0) || !Double.isFinite(dof) : !Double.isNaN(dof)) {
            throw new InvalidParameterException("dof", shape == Shape.STUDENT_T ? "must be > 0 and finite, got " + dof
                    : "applies to family student-t only, got " + dof + " for " + shape.configName());
        }
        if (scale.isConstant() && (!(scale.value(new double[location.names().size()]) > 0)
                || !Double.isFinite(scale.value(new double[location.names().size()])))) {
            throw new InvalidParameterException("scale", "must be > 0 and finite, got "
                    + scale.value(new double[location.names().size()]) + " ('" + scale.text() + "')");
        }
        this.shape = shape;
        this.location = location;
        this.scale = scale;
        this.dof = dof;
        this.logNormaliser = switch (shape) {
            case NORMAL -> -HALF_LOG_TWO_PI;
            case STUDENT_T -> Gamma.logGamma((dof + 1) / 2) - Gamma.logGamma(dof / 2) - 0.5 * Math.log(dof * Math.PI);
            case LAPLACE -> -LOG_TWO;
            case LOGISTIC -> 0;
        };
    }

    public Shape shape() {
        return shape;
    }

    public Expression location() {
        return location;
    }

    public Expression scale() {
        return scale;
    }

    /** ν for Student-t, NaN for the other shapes. */
    public double dof() {
        return dof;
    }

    /** μ(x). */
    public double location(double[] x) {
        return location.value(x);
    }

    /** s(x). */
    public double scale(double[] x) {
        return scale.value(x);
    }

    @Override
    public Family family() {
        return Family.LOCATION_SCALE;
    }

    @Override
    public int dimension() {
        return location.names().size();
    }

    /**
     * The first row of the column-major covariates ({@code columns[j·n + i]}) where s(x) is not &gt; 0 and
     * finite, or −1 when there is none.
     */
    public int firstInvalidScale(double[] columns, int n) {
        double[] s = new double[n];
        scale.evaluate(columns, n, s);
        for (int i = 0; i < n; i++) {
            if (!(s[i] > 0) || !Double.isFinite(s[i])) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #firstInvalidScale(double[], int)} over a data set's covariates. */
    public int firstInvalidScale(Dataset data) {
        return firstInvalidScale(data.columnView(), data.size());
    }

    @Override
    public double logDensity(double[] x, double y) {
        double s = scale.value(x);
        return logStandard((y - location.value(x)) / s) - Math.log(s);
    }

    /** log f(t), written for accuracy (log1p), as the reference the vectorised pass is checked against. */
    private double logStandard(double t) {
        switch (shape) {
            case NORMAL:
                return logNormaliser - 0.5 * t * t;
            case STUDENT_T:
                return logNormaliser - 0.5 * (dof + 1) * Math.log1p(t * t / dof);
            case LAPLACE:
                return logNormaliser - Math.abs(t);
            default:
                double a = Math.abs(t);
                return -a - 2 * Math.log1p(Math.exp(-a));
        }
    }

    @Override
    public void logDensities(Dataset data, double[] out) {
        // Once per fit over all n points: μ and s column by column (Expression#evaluate), then one loop per
        // shape. log(1 + u) by Math.log, not log1p (a native call, several times slower): as in
        // StudentTG0#logDensities, the rounding of 1 + u costs at most 2⁻⁵³ absolute in log g0, an additive
        // constant of ℓ far below the fit's tolerances.
        int n = data.size();
        double[] x = data.columnView();
        double[] y = data.yView();
        location.evaluate(x, n, out);
        double[] s = null;
        double constantScale = Double.NaN;
        if (scale.isConstant()) {
            constantScale = scale.value(new double[dimension()]);
        } else {
            s = new double[n];
            scale.evaluate(x, n, s);
        }
        double c = logNormaliser;
        if (s == null) {
            double inverse = 1 / constantScale;
            double shift = c - Math.log(constantScale);
            switch (shape) {
                case NORMAL:
                    for (int i = 0; i < n; i++) {
                        double t = (y[i] - out[i]) * inverse;
                        out[i] = shift - 0.5 * t * t;
                    }
                    break;
                case STUDENT_T: {
                    double half = 0.5 * (dof + 1);
                    double inverseDof = 1 / dof;
                    for (int i = 0; i < n; i++) {
                        double t = (y[i] - out[i]) * inverse;
                        out[i] = shift - half * Math.log(1 + t * t * inverseDof);
                    }
                    break;
                }
                case LAPLACE:
                    for (int i = 0; i < n; i++) {
                        out[i] = shift - Math.abs((y[i] - out[i]) * inverse);
                    }
                    break;
                default:
                    for (int i = 0; i < n; i++) {
                        double a = Math.abs((y[i] - out[i]) * inverse);
                        out[i] = shift - a - 2 * Math.log(1 + Math.exp(-a));
                    }
            }
            return;
        }
        switch (shape) {
            case NORMAL:
                for (int i = 0; i < n; i++) {
                    double t = (y[i] - out[i]) / s[i];
                    out[i] = c - 0.5 * t * t - Math.log(s[i]);
                }
                break;
            case STUDENT_T: {
                double half = 0.5 * (dof + 1);
                double inverseDof = 1 / dof;
                for (int i = 0; i < n; i++) {
                    double t = (y[i] - out[i]) / s[i];
                    out[i] = c - half * Math.log(1 + t * t * inverseDof) - Math.log(s[i]);
                }
                break;
            }
            case LAPLACE:
                for (int i = 0; i < n; i++) {
                    out[i] = c - Math.abs((y[i] - out[i]) / s[i]) - Math.log(s[i]);
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    double a = Math.abs((y[i] - out[i]) / s[i]);
                    out[i] = -a - 2 * Math.log(1 + Math.exp(-a)) - Math.log(s[i]);
                }
        }
    }

    @Override
    public double cdf(double[] x, double y) {
        return standardCdf((y - location.value(x)) / scale.value(x));
    }

    /** F(t), the standard CDF. */
    public double standardCdf(double t) {
        switch (shape) {
            case NORMAL:
                return StandardNormal.cdf(t);
            case STUDENT_T:
                return student().cumulativeProbability(t);
            case LAPLACE:
                return t < 0 ? 0.5 * Math.exp(t) : 1 - 0.5 * Math.exp(-t);
            default:
                return 1 / (1 + Math.exp(-t));
        }
    }

    /** F⁻¹(u), the standard quantile, for u in (0, 1): what {@link #sample} draws by inversion. */
    public double standardQuantile(double u) {
        switch (shape) {
            case NORMAL:
                return StandardNormal.quantile(u);
            case STUDENT_T:
                return student().inverseCumulativeProbability(u);
            case LAPLACE:
                return u < 0.5 ? Math.log(2 * u) : -Math.log(2 * (1 - u));
            default:
                return Math.log(u) - Math.log1p(-u);
        }
    }

    /** log f(t), the standard log-density. */
    public double standardLogDensity(double t) {
        return logStandard(t);
    }

    /**
     * Draws y = μ(x) + s(x) F⁻¹(u) by inversion of one uniform u in the open interval (0, 1) (53 random bits,
     * centred in their cell), so the sampler is the quantile function the scipy check covers.
     */
    @Override
    public double sample(double[] x, UniformRandomProvider rng) {
        return location.value(x) + scale.value(x) * standardSample(rng);
    }

    /** A draw of the standard law, F⁻¹(u) for one uniform u in the open interval (0, 1) (as {@link #sample}). */
    public double standardSample(UniformRandomProvider rng) {
        double u = ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
        return standardQuantile(u);
    }

    private TDistribution student() {
        TDistribution t = student;
        if (t == null) {
            t = TDistribution.of(dof);
            student = t;
        }
        return t;
    }

    /**
     * The Gaussian expert this g0 is when f is normal, s names no covariate and μ is affine
     * ({@link Expression#affine}): slope and intercept of μ, variance s²; else null.
     */
    @Override
    public Expert gaussianExpert() {
        if (shape != Shape.NORMAL || !scale.isConstant()) {
            return null;
        }
        double[] affine = location.affine();
        if (affine == null) {
            return null;
        }
        int d = dimension();
        double[] slope = java.util.Arrays.copyOf(affine, d);
        double s = scale.value(new double[d]);
        return new Expert(slope, affine[d], s * s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocationScaleG0 g && g.shape == shape && g.location.equals(location)
                && g.scale.equals(scale) && Double.compare(g.dof, dof) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, location, scale, dof);
    }

    @Override
    public String toString() {
        return "LocationScaleG0[family=" + shape.configName() + ", location=" + location.text() + ", scale="
                + scale.text() + (shape == Shape.STUDENT_T ? ", dof=" + dof : "") + "]";
    }
}
