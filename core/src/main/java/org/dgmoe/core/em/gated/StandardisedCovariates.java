package org.dgmoe.core.em.gated;

/**
 * The covariates centred and scaled per column, z_j = (x_j − m_j)/s_j with m_j the column's mean and s_j
 * its standard deviation: the Newton solvers work on z so that their Hessians have comparable diagonals
 * (conditioning, and a unit-free singularity test) and their separation bound reads in standard
 * deviations. A constant column keeps s_j = 1, so its z column is zero and the Hessian is singular (its
 * slope is not identified). The buffer is allocated once; {@link #load} overwrites it. Not thread-safe.
 */
final class StandardisedCovariates {
    final int n;
    final int d;
    /** z, column-major like {@code x}: column j is {@code z[j·n … j·n + n − 1]}. */
    final double[] z;
    final double[] mean;
    final double[] scale;
    /** How many times {@link #load} has overwritten {@link #z}: a copy of z is current while this is unchanged. */
    int loads;

    StandardisedCovariates(int n, int d) {
        this.n = n;
        this.d = d;
        z = new double[n * d];
        mean = new double[d];
        scale = new double[d];
    }

    /** Standardises column-major x (n·d values), two passes per column (mean, then centred spread). */
    void load(double[] x) {
        loads++;
        for (int j = 0; j < d; j++) {
            int off = j * n;
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += x[off + p];
            }
            double m = s / n;
            double ss = 0;
            for (int p = 0; p < n; p++) {
                double c = x[off + p] - m;
                ss += c * c;
            }
            double sd = Math.sqrt(ss / n);
            // A constant column: any scale will do (z = 0), and 1 keeps the map back finite.
            if (sd == 0) {
                sd = 1;
            }
            mean[j] = m;
            scale[j] = sd;
            for (int p = 0; p < n; p++) {
                z[off + p] = (x[off + p] - m) / sd;
            }
        }
    }

    /**
     * Σ_b w_b x̃_ab over the points [s, s + len), x̃_a = z_a (a = d: the constant 1): one entry of a Newton gradient,
     * the loops' (reference) form; w is indexed from 0.
     */
    double dot(double[] w, int a, int s, int len) {
        double sum = 0;
        if (a == d) {
            for (int b = 0; b < len; b++) {
                sum += w[b];
            }
        } else {
            int off = a * n + s;
            for (int b = 0; b < len; b++) {
                sum += w[b] * z[off + b];
            }
        }
        return sum;
    }

    /** Σ_b w_b x̃_ab x̃_cb over the points [s, s + len): one entry of a Newton Hessian, the loops' form. */
    double dot2(double[] w, int a, int c, int s, int len) {
        if (a == d) {
            return dot(w, c, s, len);
        }
        if (c == d) {
            return dot(w, a, s, len);
        }
        double sum = 0;
        int offA = a * n + s;
        int offC = c * n + s;
        for (int b = 0; b < len; b++) {
            sum += w[b] * z[offA + b] * z[offC + b];
        }
        return sum;
    }
}
