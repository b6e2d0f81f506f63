package org.dgmoe.core.em;

/**
 * The SQUAREM step length (Varadhan &amp; Roland 2008, Scand. J. Statist. 35, §3) from three iterates in unconstrained
 * coordinates u0, u1 = M(u0), u2 = M(u1): with r = u1 − u0 and v = u2 − 2u1 + u0, scheme S1 s = −rᵀv/vᵀv, S2
 * s = −rᵀr/rᵀv, S3 s = √(rᵀr/vᵀv); NaN (r = v = 0) reads as 1 (a plain EM step); the result is clamped to
 * [1, stepMax]. The constant fit ({@link Squarem}) and the gated fit share it.
 */
public final class SquaremStep {
    private SquaremStep() {
    }

    /**
     * @param scheme 1, 2 or 3
     * @param m      the number of coordinates read from each array
     */
    public static double length(int scheme, double[] u0, double[] u1, double[] u2, int m, double stepMax) {
        double sr2 = 0;
        double sv2 = 0;
        double srv = 0;
        for (int j = 0; j < m; j++) {
            double r = u1[j] - u0[j];
            double v = u2[j] - 2 * u1[j] + u0[j];
            sr2 += r * r;
            sv2 += v * v;
            srv += r * v;
        }
        double s = switch (scheme) {
            case 1 -> -srv / sv2;
            case 2 -> -sr2 / srv;
            default -> Math.sqrt(sr2 / sv2);
        };
        if (Double.isNaN(s)) {
            s = 1;
        }
        return Math.max(1, Math.min(stepMax, s));
    }
}
