package org.dgmoe.core.em.gated;

import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.model.GatedModel;

/**
 * The optimality certificate of a gated fit, as {@link Certificate} defines it for the constant-weight fit: the
 * objective a Newton step in the unconstrained coordinates u predicts is left to gain, ½ gᵀ(−H)⁻¹g, with g the
 * analytic score ({@link GatedScore}) and H its Jacobian by central differences of g (2P passes for P
 * coordinates, the gate's and the deviation's included), and whether −H is positive definite.
 *
 * <p>The difference step is h_m = {@link #RELATIVE_STEP}·(1 + |u_m|): the truncation error of a central
 * difference, O(h²) relative, is then ~1e-8 and the rounding error, O(ε|g|/h), is ~1e-12 of the score's scale, far
 * below what a certificate has to tell apart (a gain of 1e-8 from one of 1e-2).
 */
final class GatedCertificate {
    /** Relative step of the central differences (class comment). */
    static final double RELATIVE_STEP = 1e-4;

    private GatedCertificate() {
    }

    /**
     * The certificate at θ. Leaves {@code pass} holding θ's responsibilities again.
     */
    static Certificate at(GatedPass pass, GatedModel theta, GatedCoordinates coordinates) {
        double[] u = coordinates.pack(theta);
        int size = u.length;
        double[][] h = new double[size][size];
        int passes = 0;
        boolean valid = true;
        for (int m = 0; m < size && valid; m++) {
            double step = RELATIVE_STEP * (1 + Math.abs(u[m]));
            double[] plus = score(pass, coordinates, u, m, step);
            double[] minus = score(pass, coordinates, u, m, -step);
            passes += 2;
            if (plus == null || minus == null) {
                valid = false;
                break;
            }
            for (int q = 0; q < size; q++) {
                h[q][m] = (plus[q] - minus[q]) / (2 * step);
            }
        }
        pass.run(theta);
        passes++;
        if (!valid) {
            return new Certificate(Double.NaN, false, passes);
        }
        double[] g = GatedScore.of(pass, theta, coordinates);
        // −H, symmetrised (a difference Jacobian is symmetric only up to its error), then Cholesky.
        double[][] l = new double[size][size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b <= a; b++) {
                double v = -(h[a][b] + h[b][a]) / 2;
                for (int m = 0; m < b; m++) {
                    v -= l[a][m] * l[b][m];
                }
                if (a == b) {
                    if (!(v > 0)) {
                        return new Certificate(Double.NaN, false, passes);
                    }
                    l[a][a] = Math.sqrt(v);
                } else {
                    l[a][b] = v / l[b][b];
                }
            }
        }
        // gᵀ(−H)⁻¹g = |L⁻¹g|².
        double gain = 0;
        double[] z = new double[size];
        for (int a = 0; a < size; a++) {
            double v = g[a];
            for (int m = 0; m < a; m++) {
                v -= l[a][m] * z[m];
            }
            z[a] = v / l[a][a];
            gain += z[a] * z[a];
        }
        return new Certificate(gain / 2, true, passes);
    }

    /** The score at U⁻¹(u + step·e_m), or null when that point is outside the parameter space numerically. */
    private static double[] score(GatedPass pass, GatedCoordinates coordinates, double[] u, int m, double step) {
        double[] moved = u.clone();
        moved[m] += step;
        GatedModel at;
        try {
            at = coordinates.unpack(moved);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!Double.isFinite(pass.run(at))) {
            return null;
        }
        return GatedScore.of(pass, at, coordinates);
    }
}
