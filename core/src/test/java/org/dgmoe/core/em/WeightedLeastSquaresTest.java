package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.NoG0;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The M-step's weighted least squares far from the origin (issue 14: real data are not centred). */
class WeightedLeastSquaresTest {
    private static final MathContext MC = new MathContext(60);

    /**
     * x ∈ [1000, 1001], y ≈ 5·10⁵, one expert, no g0: one M-step is OLS. The reference is OLS in
     * 60-digit BigDecimal on the same doubles (two-pass: means, then centred sums), independent of the
     * fitter. Raw moments in double lose ~11 digits here (the variance was 8e-4 off before the M-step
     * was centred); the centred M-step keeps all but a few, so 1e-9 relative is a margin of ~10⁵ over
     * its rounding (n = 2000 sums of O(1) terms) and far below the 1e-4 of raw moments.
     */
    @ParameterizedTest
    @EnumSource(EmFitter.Kernel.class)
    void oneExpertFarFromTheOriginIsOlsToOneInABillion(EmFitter.Kernel kernel) {
        int n = 2000;
        UniformRandomProvider rng = Fixtures.rng(1414);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1000 + rng.nextDouble();
            double noise = rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5;
            y[i] = 5e5 + 3.0 * (x[i] - 1000) + 0.7 * noise;
        }
        Dataset data = new Dataset(1, x, y);

        BigDecimal bn = BigDecimal.valueOf(n);
        BigDecimal sx = BigDecimal.ZERO;
        BigDecimal sy = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            sx = sx.add(new BigDecimal(x[i]));
            sy = sy.add(new BigDecimal(y[i]));
        }
        BigDecimal mx = sx.divide(bn, MC);
        BigDecimal my = sy.divide(bn, MC);
        BigDecimal sxx = BigDecimal.ZERO;
        BigDecimal sxy = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal dx = new BigDecimal(x[i]).subtract(mx, MC);
            BigDecimal dy = new BigDecimal(y[i]).subtract(my, MC);
            sxx = sxx.add(dx.multiply(dx, MC), MC);
            sxy = sxy.add(dx.multiply(dy, MC), MC);
        }
        BigDecimal slope = sxy.divide(sxx, MC);
        BigDecimal intercept = my.subtract(slope.multiply(mx, MC), MC);
        BigDecimal rss = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal r = new BigDecimal(y[i]).subtract(slope.multiply(new BigDecimal(x[i]), MC), MC)
                    .subtract(intercept, MC);
            rss = rss.add(r.multiply(r, MC), MC);
        }
        double variance = rss.divide(bn, MC).doubleValue();

        DeviatedModel start = new DeviatedModel(1.0, new MixingMeasure(new double[] {1.0},
                List.of(new Expert(new double[] {0.0}, 0.0, 1.0))), NoG0.INSTANCE);
        FitResult r = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(2).withTolerance(0), kernel).fit(data, start);
        Expert e = r.model().mixing().expert(0);
        assertEquals(slope.doubleValue(), e.slope(0), 1e-9 * Math.abs(slope.doubleValue()), "slope");
        assertEquals(intercept.doubleValue(), e.intercept(), 1e-9 * Math.abs(intercept.doubleValue()), "intercept");
        assertEquals(variance, e.variance(), 1e-9 * variance, "variance = RSS/n");
    }

    /**
     * Shifting the data by (c_x, c_y) shifts every fitted intercept by c_y − aᵀc_x and changes nothing
     * else (the model is translation-equivariant); a deviated fit with g0 absent, k = 2, 40 EM steps.
     * Tolerance: the shifted data hold x + 1000 rounded (ulp 1.1e-13), which perturbs the fit by ~1e-12;
     * 1e-8 absolute on slopes and variances, 1e-8 relative on intercepts, catches any raw-moment loss
     * (~1e-4 at this offset).
     */
    @ParameterizedTest
    @EnumSource(EmFitter.Kernel.class)
    void fitsAreTranslationEquivariant(EmFitter.Kernel kernel) {
        DeviatedModel truth = Fixtures.none(1);
        Dataset data = Fixtures.simulate(truth, 1500, 77);
        int n = data.size();
        double cx = 1000;
        double cy = 5e5;
        double[] x = data.columnView().clone();
        double[] y = data.ys();
        for (int i = 0; i < n; i++) {
            x[i] += cx;
            y[i] += cy;
        }
        Dataset shifted = new Dataset(1, x, y);
        EmFitter fitter = new EmFitter(EmSettings.DEFAULTS.withMaxIterations(40).withTolerance(0)
                .withAcceleration(Acceleration.NONE), kernel);
        FitResult a = fitter.fit(data, truth);
        List<Expert> moved = new java.util.ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            Expert t = truth.mixing().expert(i);
            moved.add(new Expert(t.slope(), t.intercept() + cy - t.slope(0) * cx, t.variance()));
        }
        DeviatedModel shiftedStart = truth.with(truth.lambda(), new MixingMeasure(truth.mixing().weights(), moved));
        FitResult b = fitter.fit(shifted, shiftedStart);
        for (int i = 0; i < truth.size(); i++) {
            Expert ea = a.model().mixing().expert(i);
            Expert eb = b.model().mixing().expert(i);
            assertEquals(ea.slope(0), eb.slope(0), 1e-8, "slope " + i);
            assertEquals(ea.variance(), eb.variance(), 1e-8, "variance " + i);
            double expected = ea.intercept() + cy - ea.slope(0) * cx;
            assertEquals(expected, eb.intercept(), 1e-8 * Math.abs(expected), "intercept " + i);
            assertEquals(a.model().mixing().weight(i), b.model().mixing().weight(i), 1e-8, "weight " + i);
        }
    }
}
