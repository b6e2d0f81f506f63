package org.dgmoe.core.model;

/**
 * n observations (x_i, y_i), x_i ∈ R^d, stored as structure-of-arrays: covariate column j is
 * {@code x[j·n … j·n + n − 1]} (column-major), so EM kernels stream each column contiguously.
 *
 * <p>Immutable: the arrays are copied in; {@link #column} and {@link #ys} return copies, and
 * kernels read through {@link #columnView}/{@link #yView}, which they must not modify.
 *
 * <p>Serializable so that a data set crosses to Spark executors as itself; a deserialized one is rebuilt
 * through the validating constructor ({@link #readResolve}).
 */
public final class Dataset implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int n;
    private final int d;
    private final double[] x;
    private final double[] y;

    /**
     * @param x column-major covariates, length n·d (copied)
     * @param y responses, length n (copied)
     */
    public Dataset(int d, double[] x, double[] y) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension: must be >= 1, got " + d);
        }
        if (y == null || x == null) {
            throw new IllegalArgumentException("x and y: must not be null");
        }
        if (x.length != (long) y.length * d) {
            throw new IllegalArgumentException("x: must hold n·d = " + ((long) y.length * d) + " values, got " + x.length);
        }
        this.n = y.length;
        this.d = d;
        this.x = x.clone();
        this.y = y.clone();
    }

    /** Builds from row vectors {@code rows[i] = x_i}. */
    public static Dataset ofRows(double[][] rows, double[] y) {
        if (rows.length != y.length) {
            throw new IllegalArgumentException("rows: must have one row per response (" + y.length + "), got " + rows.length);
        }
        int d = rows.length == 0 ? 1 : rows[0].length;
        int n = y.length;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("rows[" + i + "]: must have " + d + " covariates, got " + rows[i].length);
            }
            for (int j = 0; j < d; j++) {
                x[j * n + i] = rows[i][j];
            }
        }
        return new Dataset(d, x, y);
    }

    /** Number of observations n. */
    public int size() {
        return n;
    }

    /** Covariate dimension d. */
    public int dimension() {
        return d;
    }

    public double x(int i, int j) {
        return x[j * n + i];
    }

    public double y(int i) {
        return y[i];
    }

    /** Copies x_i into {@code out} (length ≥ d). */
    public void copyX(int i, double[] out) {
        for (int j = 0; j < d; j++) {
            out[j] = x[j * n + i];
        }
    }

    /** A copy of covariate column j. */
    public double[] column(int j) {
        double[] c = new double[n];
        System.arraycopy(x, j * n, c, 0, n);
        return c;
    }

    /** A copy of the responses. */
    public double[] ys() {
        return y.clone();
    }

    /**
     * The backing column-major covariate array (length n·d), for kernels. <strong>Must not be
     * modified.</strong>
     */
    public double[] columnView() {
        return x;
    }

    /** The backing response array, for kernels. <strong>Must not be modified.</strong> */
    public double[] yView() {
        return y;
    }

    /**
     * The responses' variance Σᵢ(yᵢ − ȳ)²/n, two passes in index order (the data's scale: random
     * starts, the goodness-of-fit recipe's variance floor); NaN or infinite when a response is.
     */
    public double responseVariance() {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - mean) * (v - mean);
        }
        return s / y.length;
    }

    /** Deserialization goes through the constructor, so a stream cannot make a data set it would refuse. */
    private Object readResolve() throws java.io.InvalidObjectException {
        try {
            return new Dataset(d, x, y);
        } catch (IllegalArgumentException e) {
            throw new java.io.InvalidObjectException(e.getMessage());
        }
    }
}
