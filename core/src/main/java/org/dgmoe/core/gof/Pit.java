package org.dgmoe.core.gof;

import java.util.Arrays;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;

/**
 * The fit-free baselines on the probability integral transform uᵢ = G0(yᵢ|xᵢ): under the simple H0 the uᵢ
 * are iid U(0, 1) whatever g0 and the covariates are (reference: docs/gof.md, "Baselines").
 *
 * <ul>
 * <li>Kolmogorov–Smirnov D = sup_u |F_n(u) − u|, its exact two-sided p-value from Commons Statistics
 * ({@link KolmogorovSmirnovTest}, {@link PValueMethod#EXACT}; it computes the survival function directly,
 * so tiny p-values are not lost to 1 − cdf).</li>
 * <li>Cramér–von Mises W² = 1/(12n) + Σᵢ (u_(i) − (2i − 1)/(2n))².</li>
 * <li>Anderson–Darling A² = −n − (1/n) Σᵢ (2i − 1)[log u_(i) + log(1 − u_(n+1−i))], with u clamped to
 * [{@link #CLAMP}, 1 − 2⁻⁵³] (a uᵢ of exactly 0 or 1, possible in floating point far in a tail,
 * would make A² infinite).</li>
 * </ul>
 * W² and A² are calibrated by the null sample of the test (their values on the B null data sets,
 * {@link NullFit}), which is exact for the same reason the LRT's p-value is.
 */
public final class Pit {
    /** Clamp of u for Anderson–Darling: far below 1/n for any n a study can hold. */
    public static final double CLAMP = 1e-300;

    private Pit() {
    }

    /** uᵢ = G0(yᵢ|xᵢ) in index order. */
    public static double[] transform(Dataset data, G0 g0) {
        if (g0.isNone()) {
            throw new IllegalArgumentException("g0: the probability integral transform needs a known g0, got 'none'");
        }
        int n = data.size();
        double[] u = new double[n];
        double[] x = new double[data.dimension()];
        for (int i = 0; i < n; i++) {
            data.copyX(i, x);
            u[i] = g0.cdfAt(i, x, data.y(i));
        }
        return u;
    }

    /** The Kolmogorov–Smirnov statistic and exact two-sided p-value of u against U(0, 1). */
    public static Baseline kolmogorovSmirnov(double[] u) {
        checked(u);
        KolmogorovSmirnovTest.OneResult r = KolmogorovSmirnovTest.withDefaults().with(PValueMethod.EXACT)
                .test(u, Pit::uniformCdf);
        return new Baseline(r.getStatistic(), r.getPValue());
    }

    /** The Kolmogorov–Smirnov statistic D alone (no p-value). */
    public static double kolmogorovSmirnovStatistic(double[] u) {
        double[] s = sorted(u);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.max((i + 1.0) / n - s[i], s[i] - (double) i / n));
        }
        return d;
    }

    /** Cramér–von Mises W² of u against U(0, 1). */
    public static double cramerVonMises(double[] u) {
        double[] s = sorted(u);
        int n = s.length;
        double w = 1.0 / (12.0 * n);
        for (int i = 0; i < n; i++) {
            double r = s[i] - (2.0 * i + 1) / (2.0 * n);
            w += r * r;
        }
        return w;
    }

    /** Anderson–Darling A² of u against U(0, 1), u clamped to [CLAMP, 1 − 2⁻⁵³]. */
    public static double andersonDarling(double[] u) {
        double[] s = sorted(u);
        int n = s.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double lo = clamp(s[i]);
            double hi = clamp(s[n - 1 - i]);
            sum += (2.0 * i + 1) * (Math.log(lo) + Math.log1p(-hi));
        }
        return -n - sum / n;
    }

    private static double clamp(double v) {
        return Math.min(Math.nextDown(1.0), Math.max(CLAMP, v));
    }

    private static double uniformCdf(double v) {
        return v <= 0 ? 0 : v >= 1 ? 1 : v;
    }

    private static double[] sorted(double[] u) {
        return Arrays.stream(checked(u)).sorted().toArray();
    }

    static double[] checked(double[] u) {
        if (u == null || u.length == 0) {
            throw new IllegalArgumentException("u: must hold at least one value");
        }
        for (int i = 0; i < u.length; i++) {
            if (!(u[i] >= 0 && u[i] <= 1)) {
                throw new IllegalArgumentException("u[" + i + "]: must be in [0, 1], got " + u[i]);
            }
        }
        return u;
    }
}
