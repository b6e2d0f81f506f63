package org.dgmoe.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.expr.Expression;
import org.dgmoe.core.model.LocationScaleG0.Shape;

/**
 * g0 the user's own model predicted row by row (issue 22): {@code g0(y | row i) = f((y − μᵢ)/sᵢ)/sᵢ}, f a
 * standard density ({@link Shape}, as {@link LocationScaleG0}'s) and μᵢ, sᵢ read from two columns of the data
 * file ({@code g0 { type = columns, location = COLUMN, scale = COLUMN }}).
 *
 * <p>μ and s are not functions of the experts' covariates x, so this g0 is not a function of x: it is
 * <em>row-bound</em> ({@link G0#isRowBound}). Read from a study file it is unbound (the column names only);
 * {@link #bind} attaches the n values of the data set it is used with, and the row methods
 * ({@link #logDensities}, {@link #logDensityAt}, {@link #cdfAt}, {@link #sampleAt}) read row i's μᵢ and sᵢ; the
 * point methods ({@link #logDensity}, {@link #cdf}, {@link #sample}) refuse, since a point x alone does not say
 * which row it is. The null data sets of {@code dgmoe test} keep the observed rows and draw
 * y*ᵢ = μᵢ + sᵢ εᵢ, εᵢ ~ f, so the same binding serves them.
 *
 * <p>Distinguishability (reference §2): never a Gaussian expert. A Gaussian expert's mean is affine in x and
 * its variance constant; μᵢ is whatever the user's model predicted, which dgmoe cannot show to be affine in
 * x, so {@link #gaussianExpert} is null and the fit is in the distinguishable case.
 */
public final class ColumnsG0 implements G0 {
    private static final long serialVersionUID = 1L;

    private final Shape shape;
    private final String locationColumn;
    private final String scaleColumn;
    private final double dof;
    /** The standard law f, its log-density, CDF and quantile (one home: {@link LocationScaleG0}). */
    private final LocationScaleG0 standard;
    /** μᵢ and sᵢ of the bound data set, or null when unbound. */
    private final double[] location;
    private final double[] scale;

    /**
     * An unbound g0: the family and the columns to read.
     *
     * @param shape          the standard density
     * @param locationColumn the column of μᵢ
     * @param scaleColumn    the column of sᵢ
     * @param dof            ν &gt; 0 for {@link Shape#STUDENT_T}; NaN for the others
     */
    public ColumnsG0(Shape shape, String locationColumn, String scaleColumn, double dof) {
        this(shape, locationColumn, scaleColumn, dof, null, null);
    }

    private ColumnsG0(Shape shape, String locationColumn, String scaleColumn, double dof, double[] location,
            double[] scale) {
        if (locationColumn == null || locationColumn.isBlank()) {
            throw new InvalidParameterException("location", "must name a column of the data, got " + locationColumn);
        }
        if (scaleColumn == null || scaleColumn.isBlank()) {
            throw new InvalidParameterException("scale", "must name a column of the data, got " + scaleColumn);
        }
        List<String> one = Expression.covariateNames(1);
        // the standard law: μ = 0, s = 1; its constructor checks the shape and ν
        this.standard = new LocationScaleG0(shape, Expression.parse("location", "0", one),
                Expression.parse("scale", "1", one), dof);
        this.shape = shape;
        this.locationColumn = locationColumn;
        this.scaleColumn = scaleColumn;
        this.dof = dof;
        this.location = location;
        this.scale = scale;
    }

    /**
     * This g0 bound to a data set of n rows: {@code location[i]} = μᵢ, {@code scale[i]} = sᵢ (copied). The
     * caller checks the values against the file first and names the row ({@code DataFile}); this refuses what
     * slipped past.
     *
     * @throws InvalidParameterException when the lengths differ, a μᵢ is not finite or an sᵢ is not &gt; 0 and finite
     */
    public ColumnsG0 bind(double[] location, double[] scale) {
        if (location.length != scale.length) {
            throw new InvalidParameterException("scale", "must have one value per row of location ("
                    + location.length + "), got " + scale.length);
        }
        for (int i = 0; i < location.length; i++) {
            if (!Double.isFinite(location[i])) {
                throw new InvalidParameterException("location", "row " + (i + 1) + " is " + location[i]
                        + "; must be finite");
            }
        }
        int bad = firstInvalidScale(scale);
        if (bad >= 0) {
            throw new InvalidParameterException("scale", "row " + (bad + 1) + " is " + scale[bad]
                    + "; must be > 0 and finite");
        }
        return new ColumnsG0(shape, locationColumn, scaleColumn, dof, location.clone(), scale.clone());
    }

    /** The first index where {@code scale} is not &gt; 0 and finite, or −1 when there is none. */
    public static int firstInvalidScale(double[] scale) {
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i])) {
                return i;
            }
        }
        return -1;
    }

    public Shape shape() {
        return shape;
    }

    public String locationColumn() {
        return locationColumn;
    }

    public String scaleColumn() {
        return scaleColumn;
    }

    /** ν for Student-t, NaN for the other shapes. */
    public double dof() {
        return dof;
    }

    /** True when {@link #bind} attached a data set's values. */
    public boolean isBound() {
        return location != null;
    }

    /** The number of rows bound (0 when unbound). */
    public int rows() {
        return location == null ? 0 : location.length;
    }

    /** μᵢ of the bound data set. */
    public double location(int row) {
        return bound()[row];
    }

    /** sᵢ of the bound data set. */
    public double scale(int row) {
        bound();
        return scale[row];
    }

    @Override
    public Family family() {
        return Family.COLUMNS;
    }

    @Override
    public int dimension() {
        return 0;
    }

    @Override
    public boolean isRowBound() {
        return true;
    }

    @Override
    public double logDensityAt(int row, double[] x, double y) {
        double s = scale(row);
        return standard.standardLogDensity((y - location[row]) / s) - Math.log(s);
    }

    @Override
    public double cdfAt(int row, double[] x, double y) {
        return standard.standardCdf((y - location(row)) / scale[row]);
    }

    /** y = μᵢ + sᵢ F⁻¹(u), one uniform per draw, as {@link LocationScaleG0#sample}. */
    @Override
    public double sampleAt(int row, double[] x, UniformRandomProvider rng) {
        return location(row) + scale[row] * standard.standardSample(rng);
    }

    /** Row by row: {@code data} must hold the bound rows (its responses may be others, as a null draw's). */
    @Override
    public void logDensities(Dataset data, double[] out) {
        int n = data.size();
        if (n != rows()) {
            throw new IllegalArgumentException("data: a columns g0 bound to " + rows() + " rows cannot be evaluated "
                    + "on " + n);
        }
        double[] y = data.yView();
        for (int i = 0; i < n; i++) {
            out[i] = logDensityAt(i, null, y[i]);
        }
    }

    @Override
    public double logDensity(double[] x, double y) {
        throw pointRefused();
    }

    @Override
    public double cdf(double[] x, double y) {
        throw pointRefused();
    }

    @Override
    public double sample(double[] x, UniformRandomProvider rng) {
        throw pointRefused();
    }

    private UnsupportedOperationException pointRefused() {
        return new UnsupportedOperationException("a columns g0 (" + locationColumn + ", " + scaleColumn + ") is "
                + "defined at the rows of its data set, not at a point x: use the row methods");
    }

    private double[] bound() {
        if (location == null) {
            throw new IllegalStateException("a columns g0 (" + locationColumn + ", " + scaleColumn + ") is not bound "
                    + "to a data set: bind its columns' values first");
        }
        return location;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnsG0 g && g.shape == shape && g.locationColumn.equals(locationColumn)
                && g.scaleColumn.equals(scaleColumn) && Double.compare(g.dof, dof) == 0
                && Arrays.equals(g.location, location) && Arrays.equals(g.scale, scale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, locationColumn, scaleColumn, dof, Arrays.hashCode(location),
                Arrays.hashCode(scale));
    }

    @Override
    public String toString() {
        return "ColumnsG0[family=" + shape.configName() + ", location=" + locationColumn + ", scale=" + scaleColumn
                + (shape == Shape.STUDENT_T ? ", dof=" + dof : "") + (isBound() ? ", rows=" + rows() : "") + "]";
    }
}
