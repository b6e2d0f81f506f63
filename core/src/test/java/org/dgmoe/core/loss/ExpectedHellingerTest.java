package org.dgmoe.core.loss;

import static org.dgmoe.core.loss.Models.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.StudentTG0;
import org.junit.jupiter.api.Test;

/**
 * H² = 1 − ∫√(pq) = ½∫(√p − √q)². For two Gaussians N(μ1, v1), N(μ2, v2) (v = variance, s = √v):
 * √(φ1 φ2) = (2π)^(-1/2) (v1 v2)^(-1/4) exp(−(y−μ1)²/(4v1) − (y−μ2)²/(4v2)); the exponent is a Gaussian
 * in y with precision (v1 + v2)/(2 v1 v2), times exp(−(μ1−μ2)²/(4(v1+v2))). Integrating,
 * ∫√(φ1φ2) = (2π)^(-1/2) (v1v2)^(-1/4) √(2π · 2v1v2/(v1+v2)) · exp(…) = √(2 s1 s2/(v1+v2)) · exp(−(μ1−μ2)²/(4(v1+v2))).
 * (In terms of variances: note s1 s2 = √(v1 v2); the formula with σ as a standard deviation reads
 * √(2σ1σ2/(σ1² + σ2²)).)
 */
class ExpectedHellingerTest {
    private static final double[] X = {0.3};

    private static double closedForm(double mu1, double v1, double mu2, double v2) {
        // log bc = ½ log(2√(v1v2)/(v1+v2)) − (μ1−μ2)²/(4(v1+v2)), and 2√(v1v2)/(v1+v2) = 1 − (s1−s2)²/(v1+v2)
        // with s1 − s2 = (v1 − v2)/(s1 + s2): written so, and with H² = −expm1(log bc), nothing cancels.
        double ds = (v1 - v2) / (Math.sqrt(v1) + Math.sqrt(v2));
        double logBc = 0.5 * Math.log1p(-ds * ds / (v1 + v2)) - (mu1 - mu2) * (mu1 - mu2) / (4 * (v1 + v2));
        return -Math.expm1(logBc);
    }

    private static double squared(DeviatedModel p, DeviatedModel q) {
        return ExpectedHellinger.quadratureSquared(p, q, X, ExpectedHellinger.TIGHT_RELATIVE_TOLERANCE, 64);
    }

    private static DeviatedModel gaussian(double intercept, double variance) {
        // slope 0: the mean is the intercept at every x
        return model(1, NoG0.INSTANCE, new double[] {1, 0, intercept, variance});
    }

    @Test
    void equalMeansDifferentVariances() {
        // v1 = 1, v2 = 2: ∫√(pq) = √(2√2/3) = 0.97098..., H² = 0.029016...
        double h2 = squared(gaussian(0, 1), gaussian(0, 2));
        assertEquals(closedForm(0, 1, 0, 2), h2, 1e-12);
        assertEquals(1 - Math.sqrt(2 * Math.sqrt(2) / 3), h2, 1e-12);
    }

    @Test
    void differentMeansAndVariances() {
        assertEquals(closedForm(0, 1, 0.7, 0.5), squared(gaussian(0, 1), gaussian(0.7, 0.5)), 1e-12);
        // far apart, narrow: H² → 1
        assertEquals(closedForm(-3, 0.01, 4, 0.02), squared(gaussian(-3, 0.01), gaussian(4, 0.02)), 1e-12);
    }

    @Test
    void tinyDistancesKeepTheirRelativeAccuracy() {
        // Δμ = 1e-3, v = 1: H² = 1 − exp(−1e-6/8) ≈ 1.25e-7; Δv = 1e-4 relative: H² ≈ (Δv/v)²/16 ≈ 6e-10.
        double a = closedForm(0, 1, 1e-3, 1);
        assertEquals(a, squared(gaussian(0, 1), gaussian(1e-3, 1)), 1e-8 * a);
        double b = closedForm(0, 1, 0, 1 + 1e-4);
        assertEquals(b, squared(gaussian(0, 1), gaussian(0, 1 + 1e-4)), 1e-8 * b);
    }

    @Test
    void identicalModelsGiveExactlyZeroAndTheDistanceIsSymmetric() {
        G0 t = new StudentTG0(new double[] {1}, 0, 0.5, 1);
        DeviatedModel p = model(0.6, t, new double[] {0.3, 1, 0, 0.2}, new double[] {0.7, -2, 3, 0.05});
        DeviatedModel q = model(0.55, t, new double[] {0.35, 1.1, 0, 0.25}, new double[] {0.65, -2, 3.2, 0.05});
        assertEquals(0.0, squared(p, p), 0.0);
        assertEquals(squared(p, q), squared(q, p), 1e-15);
    }

    @Test
    void heavyTailedG0MatchesABruteForceQuadrature() {
        // Cauchy g0 (dof 1) with λ̂ ≠ λ*: the tails carry ½(√0.45 − √0.4)² of g0's mass beyond [L, U].
        G0 t = new StudentTG0(new double[] {1}, 0, 0.5, 1);
        DeviatedModel p = model(0.6, t, new double[] {0.3, 1, 0, 0.2}, new double[] {0.7, -2, 3, 0.05});
        DeviatedModel q = model(0.55, t, new double[] {0.35, 1.1, 0, 0.25}, new double[] {0.65, -2, 3.2, 0.05});
        double ref = bruteForce(p, q, 0.3 + 0, 0.5);
        assertEquals(ref, squared(p, q), 1e-9 * ref);
        // Only λ differs, dof 3.
        G0 t3 = new StudentTG0(new double[] {1}, 0, 1, 3);
        DeviatedModel p3 = model(0.6, t3, new double[] {1, 0, 0, 1});
        DeviatedModel q3 = model(0.61, t3, new double[] {1, 0, 0, 1});
        double ref3 = bruteForce(p3, q3, 0.3, 1);
        assertEquals(ref3, squared(p3, q3), 1e-8 * ref3);
    }

    @Test
    void nonlinearG0MatchesABruteForceQuadrature() {
        G0 g = new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.SIN, new double[] {2, 6}, 0.3);
        DeviatedModel p = model(0.5, g, new double[] {1, 1, 0, 0.2});
        DeviatedModel q = model(0.45, g, new double[] {1, 1.02, 0.01, 0.21});
        double ref = bruteForce(p, q, 0, 1);
        assertEquals(ref, squared(p, q), 1e-9 * ref);
    }

    /**
     * ½∫(√p − √q)² dy with y = c + w·tan θ, θ ∈ (−π/2, π/2), dy = w/cos²θ dθ (maps the whole line to a
     * finite interval, so heavy tails are included), composite Simpson on 400 000 intervals. The
     * integrand has a non-zero limit at θ = ±π/2 for a Cauchy g0 (g0·dy/dθ → 1/π), so the endpoints
     * are evaluated at ±(π/2 − 1e-7).
     */
    private static double bruteForce(DeviatedModel p, DeviatedModel q, double c, double w) {
        int n = 400_000;
        double a = -Math.PI / 2;
        double h = Math.PI / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double th = i == 0 ? a + 1e-7 : i == n ? -a - 1e-7 : a + i * h;
            double y = c + w * Math.tan(th);
            double cos = Math.cos(th);
            double d = Math.exp(0.5 * p.logDensity(X, y)) - Math.exp(0.5 * q.logDensity(X, y));
            double f = 0.5 * d * d * w / (cos * cos);
            s += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return s * h / 3;
    }

    @Test
    void expectedDistanceAveragesTheSquareRootOverPoints() {
        // Two points; the slope differs, so H(x) differs by point: E H = (H(x1) + H(x2))/2.
        DeviatedModel p = model(1, NoG0.INSTANCE, new double[] {1, 1, 0, 1});
        DeviatedModel q = model(1, NoG0.INSTANCE, new double[] {1, 1.2, 0, 1});
        ExpectedHellinger e = new ExpectedHellinger(new double[] {0, 1}, 2, 1, 64,
                LossSettings.DEFAULT_HELLINGER_RELATIVE_TOLERANCE);
        // x = 0: identical means → 0; x = 1: Δμ = 0.2, v = 1: H² = 1 − exp(−0.04/8).
        double expected = 0.5 * Math.sqrt(closedForm(0, 1, 0.2, 1));
        assertEquals(expected, e.distance(p, q), 1e-12);
        assertTrue(e.distance(p, q) > 0);
    }
}
