package org.dgmoe.core.model;

/** The one shared log-sum-exp: {@code log Σ exp(t_i) = m + log Σ exp(t_i − m)}, m = max t_i. */
public final class LogSumExp {
    private LogSumExp() {
    }

    /**
     * log Σ_{i<len} exp(t[i]); −∞ when every term is −∞ (an empty mixture), NaN if any term is NaN.
     * The array is not modified.
     */
    public static double of(double[] t, int len) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            if (Double.isNaN(t[i])) {
                return Double.NaN;
            }
            if (t[i] > m) {
                m = t[i];
            }
        }
        if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
            return m;
        }
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += Math.exp(t[i] - m);
        }
        return m + Math.log(s);
    }

    /** log(exp(a) + exp(b)). */
    public static double of(double a, double b) {
        if (a < b) {
            double t = a;
            a = b;
            b = t;
        }
        if (a == Double.NEGATIVE_INFINITY) {
            return a;
        }
        return a + Math.log1p(Math.exp(b - a));
    }
}
