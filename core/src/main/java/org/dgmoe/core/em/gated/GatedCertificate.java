package org.dgmoe.core.em.gated;

import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.model.GatedModel;

/**
 * The optimality certificate of a gated fit, as {@link Certificate} defines it for the constant-weight fit: the
 * objective a Newton step in the unconstrained coordinates u predicts is left to gain, ½ gᵀ(−H)⁻¹g, with g the
 * analytic score ({@link GatedScore}) and H its Jacobian by central differences of g (2P passes for P
 * coordinates, the gate's and the deviation's included), and whether −H is positive definite. The Newton polish
 * ({@link GatedNewtonPolish}) runs the same analysis, so a certificate it leaves at the estimate is the one
 * {@link #at} would compute there, bit for bit.
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
        Differences h = hessian(pass, coordinates, u);
        pass.run(theta);
        int passes = h.passes() + 1;
        if (h.hessian() == null) {
            return new Certificate(Double.NaN, false, passes);
        }
        double[] g = GatedScore.of(pass, theta, coordinates);
        double[][] l = factor(h.hessian(), 0);
        if (l == null) {
            return new Certificate(Double.NaN, false, passes);
        }
        return new Certificate(gain(l, g), true, passes);
    }

    /**
     * The Jacobian H of the score at U⁻¹(u) by central differences, column m from the scores at u ± h_m e_m
     * (2 passes a column), or a null matrix when a difference point is outside the parameter space numerically.
     *
     * @param hessian H (not yet symmetrised: {@link #factor} does it), or null
     * @param passes  the passes made (2 per column tried)
     */
    record Differences(double[][] hessian, int passes) {
    }

    /** H at U⁻¹(u) (see {@link Differences}). Leaves {@code pass} holding another point's responsibilities. */
    static Differences hessian(GatedPass pass, GatedCoordinates coordinates, double[] u) {
        int size = u.length;
        double[][] h = new double[size][size];
        int passes = 0;
        for (int m = 0; m < size; m++) {
            double step = RELATIVE_STEP * (1 + Math.abs(u[m]));
            double[] plus = score(pass, coordinates, u, m, step);
            double[] minus = score(pass, coordinates, u, m, -step);
            passes += 2;
            if (plus == null || minus == null) {
                return new Differences(null, passes);
            }
            for (int q = 0; q < size; q++) {
                h[q][m] = (plus[q] - minus[q]) / (2 * step);
            }
        }
        return new Differences(h, passes);
    }

    /**
     * The lower Cholesky factor L of −(H + Hᵀ)/2 + μ·diag(|H_mm|) (H symmetrised, as a difference Jacobian is
     * symmetric only up to its error; μ = {@code shift} &gt; 0 is Levenberg–Marquardt's), or null when that matrix
     * is not positive definite.
     */
    static double[][] factor(double[][] h, double shift) {
        int size = h.length;
        double[][] l = new double[size][size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b <= a; b++) {
                double v = -(h[a][b] + h[b][a]) / 2;
                if (a == b && shift > 0) {
                    v += shift * Math.abs(h[a][a]);
                }
                for (int m = 0; m < b; m++) {
                    v -= l[a][m] * l[b][m];
                }
                if (a == b) {
                    if (!(v > 0) || !Double.isFinite(v)) {
                        return null;
                    }
                    l[a][a] = Math.sqrt(v);
                } else {
                    l[a][b] = v / l[b][b];
                }
            }
        }
        return l;
    }

    /** The predicted gain ½ gᵀ(LLᵀ)⁻¹g = ½ |L⁻¹g|². */
    static double gain(double[][] l, double[] g) {
        double[] z = forward(l, g);
        double gain = 0;
        for (double v : z) {
            gain += v * v;
        }
        return gain / 2;
    }

    /** The Newton step δ = (LLᵀ)⁻¹g (forward, then back substitution). */
    static double[] step(double[][] l, double[] g) {
        double[] z = forward(l, g);
        for (int a = z.length - 1; a >= 0; a--) {
            double v = z[a];
            for (int m = a + 1; m < z.length; m++) {
                v -= l[m][a] * z[m];
            }
            z[a] = v / l[a][a];
        }
        return z;
    }

    /** z = L⁻¹g. */
    private static double[] forward(double[][] l, double[] g) {
        int size = g.length;
        double[] z = new double[size];
        for (int a = 0; a < size; a++) {
            double v = g[a];
            for (int m = 0; m < a; m++) {
                v -= l[a][m] * z[m];
            }
            z[a] = v / l[a][a];
        }
        return z;
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
