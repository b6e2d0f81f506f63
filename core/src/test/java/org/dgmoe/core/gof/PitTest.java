package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.NoG0;
import org.junit.jupiter.api.Test;

/**
 * The PIT and its baselines against scipy (src/test/resources/org/dgmoe/core/gof/gof_reference.py, output
 * in gof_reference.out) and against the integral definitions of W² and A².
 */
class PitTest {

    // gof_reference.py: stats.norm.cdf / stats.t.cdf of the small data set.
    static final double[] LINEAR_CDF = {0.6554217416103243, 0.42074029056089707, 0.46017216272297096,
        0.7642375022207488, 0.21185539858339675, 0.21185539858339675, 0.4522415739794161, 0.4681186279860126,
        0.8314723925331622, 0.4364405371085673};
    static final double[] STUDENT_CDF = {0.7591047720978743, 0.6878198506719311, 0.7401155663273495,
        0.8857434459991427, 0.6765747803387244, 0.46026492166101685, 0.7609416435844858, 0.6966343559356629,
        0.9120713249545342, 0.7158551166753251};
    static final double[] SIN_CDF = {0.7797288515269235, 0.5333003989806355, 0.6397552033431989,
        0.9672468200070217, 0.9751023410481489, 0.5116625297981743, 0.7860623010648556, 0.5734080196421756,
        0.9948960836959693, 0.5771131229077641};

    @Test
    void everyG0sCdfMatchesScipy() {
        // Tolerance 1e-13: Commons Math's erfc and regularized beta are accurate to a few ulps; scipy's too.
        assertArrayClose(LINEAR_CDF, Pit.transform(GofFixtures.small(), GofFixtures.LINEAR), 1e-13);
        assertArrayClose(STUDENT_CDF, Pit.transform(GofFixtures.small(), GofFixtures.STUDENT), 1e-12);
        assertArrayClose(SIN_CDF, Pit.transform(GofFixtures.small(), GofFixtures.SIN), 1e-13);
        assertThrows(IllegalArgumentException.class, () -> Pit.transform(GofFixtures.small(), NoG0.INSTANCE));
    }

    @Test
    void cdfIsTheIntegralOfTheDensity() {
        // d/dy G0(y|x) = g0(y|x): central difference, step 1e-5, relative error O(h²) ≈ 1e-9.
        double h = 1e-5;
        for (G0 g0 : new G0[] {GofFixtures.LINEAR, GofFixtures.STUDENT, GofFixtures.SIN}) {
            for (double y : new double[] {-1.3, 0.2, 0.9, 2.7}) {
                double[] x = {0.4};
                double derivative = (g0.cdf(x, y + h) - g0.cdf(x, y - h)) / (2 * h);
                assertEquals(Math.exp(g0.logDensity(x, y)), derivative, 1e-7 * Math.exp(g0.logDensity(x, y)),
                        g0.type() + " at y = " + y);
            }
        }
    }

    @Test
    void kolmogorovSmirnovMatchesScipyExact() {
        // scipy.stats.kstest(u, 'uniform', method='exact'); D to 1e-15, p to 1e-9 relative (both exact
        // algorithms; scipy's and Commons Statistics' differ only in rounding).
        check(Pit.kolmogorovSmirnov(LINEAR_CDF), 0.23188137201398734, 0.5785148597049613);
        check(Pit.kolmogorovSmirnov(skewed()), 0.21441972482103955, 1.2770587949971093e-16);
        check(Pit.kolmogorovSmirnov(golden()), 0.03134989717599046, 0.9999999480465113);
        assertEquals(0.21441972482103955, Pit.kolmogorovSmirnovStatistic(skewed()), 1e-15);
        assertEquals(0.23188137201398734, Pit.kolmogorovSmirnovStatistic(LINEAR_CDF), 1e-15);
    }

    private static void check(Baseline b, double d, double p) {
        assertEquals(d, b.statistic(), 1e-15);
        assertEquals(p, b.pValue(), 1e-9 * p);
    }

    @Test
    void cramerVonMisesMatchesScipyAndItsIntegral() {
        // scipy.stats.cramervonmises(u, 'uniform').statistic
        assertEquals(0.14648475220090879, Pit.cramerVonMises(LINEAR_CDF), 1e-13);
        assertEquals(9.763747617258783, Pit.cramerVonMises(skewed()), 1e-11);
        assertEquals(0.010024275980887265, Pit.cramerVonMises(golden()), 1e-14);
        for (double[] u : new double[][] {LINEAR_CDF, STUDENT_CDF, skewed(), golden()}) {
            assertEquals(integral(u, false), Pit.cramerVonMises(u), 1e-11 * integral(u, false));
        }
    }

    @Test
    void andersonDarlingEqualsItsIntegral() {
        for (double[] u : new double[][] {LINEAR_CDF, STUDENT_CDF, SIN_CDF, skewed(), golden()}) {
            assertEquals(integral(u, true), Pit.andersonDarling(u), 1e-10 * integral(u, true));
        }
    }

    @Test
    void andersonDarlingIsFiniteAtZeroAndOne() {
        double[] u = {0.0, 0.3, 0.6, 1.0};
        double a = Pit.andersonDarling(u);
        assertEquals(true, Double.isFinite(a) && a > 0);
        assertThrows(IllegalArgumentException.class, () -> Pit.cramerVonMises(new double[] {0.2, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Pit.kolmogorovSmirnov(new double[] {1.5}));
    }

    /**
     * n ∫₀¹ (F_n(u) − u)² w(u) du in closed form over the pieces where F_n = c is constant: w = 1 gives
     * W² (∫ (c − u)² = ((c − a)³ − (c − b)³)/3), w = 1/(u(1 − u)) gives A² (the integrand is
     * −1 + c²/u + (1 − c)²/(1 − u)).
     */
    private static double integral(double[] u, boolean weighted) {
        double[] s = u.clone();
        Arrays.sort(s);
        int n = s.length;
        double total = 0;
        for (int i = 0; i <= n; i++) {
            double a = i == 0 ? 0 : s[i - 1];
            double b = i == n ? 1 : s[i];
            double c = (double) i / n;
            if (!(b > a)) {
                continue;
            }
            if (!weighted) {
                total += (Math.pow(c - a, 3) - Math.pow(c - b, 3)) / 3;
            } else {
                double piece = -(b - a);
                if (c > 0) {
                    piece += c * c * Math.log(b / a);
                }
                if (c < 1) {
                    piece += (1 - c) * (1 - c) * Math.log((1 - a) / (1 - b));
                }
                total += piece;
            }
        }
        return n * total;
    }

    /** u_i = ((i + 0.5)/400)^1.8, as in gof_reference.py. */
    static double[] skewed() {
        double[] u = new double[400];
        for (int i = 0; i < u.length; i++) {
            u[i] = Math.pow((i + 0.5) / 400, 1.8);
        }
        return u;
    }

    /** u_i = frac(0.5 + i·(√5 − 1)/2), i < 57, as in gof_reference.py. */
    static double[] golden() {
        double g = (Math.sqrt(5) - 1) / 2;
        double[] u = new double[57];
        for (int i = 0; i < u.length; i++) {
            double v = 0.5 + i * g;
            u[i] = v - Math.floor(v);
        }
        return u;
    }

    private static void assertArrayClose(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "index " + i);
        }
    }
}
