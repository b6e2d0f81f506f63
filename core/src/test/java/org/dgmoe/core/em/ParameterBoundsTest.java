package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The compact parameter space option ({@link ParameterBounds}). */
class ParameterBoundsTest {

    /**
     * An over-fitted fit (k* = 2, k = 3, Student-t g0, n = 3000) violates both bounds unbounded: the
     * split atom's two weights sum to about λ·0.5 = 0.25 of the data, so one is below 0.3 of the experts'
     * mass, and the true variances 0.09, 0.16 are below 0.15·s²_y. Bounded, every weight is ≥ 0.3 (to
     * rounding: the pinned value is the bound itself), weights sum to 1, every variance is ≥ 0.15·s²_y
     * with s²_y computed here, and ℓ never decreases once the first M-step has mapped the (unbounded)
     * start into the bounded set.
     */
    @ParameterizedTest
    @EnumSource(Acceleration.class)
    void boundedFitsStayInTheBoundedSetAndEmStaysMonotone(Acceleration acceleration) {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        int n = 3000;
        Dataset data = Fixtures.simulate(truth, n, 2718);
        DeviatedModel start = NearTruthStart.DEFAULTS.draw(truth, 3, n, Fixtures.rng(3));
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += data.y(i) / n;
        }
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            s2 += (data.y(i) - mean) * (data.y(i) - mean) / n;
        }
        EmSettings settings = EmSettings.DEFAULTS.withAcceleration(acceleration).withMaxIterations(3000);
        FitResult free = new EmFitter(settings).fit(data, start);
        double minWeight = 1;
        double minVariance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            minWeight = Math.min(minWeight, free.model().mixing().weight(i));
            minVariance = Math.min(minVariance, free.model().mixing().expert(i).variance());
        }
        assertTrue(minWeight < 0.3 && minVariance < 0.15 * s2, "the unbounded fit must violate the bounds: weight "
                + minWeight + ", variance " + minVariance + " vs " + 0.15 * s2);

        List<Double> trace = new ArrayList<>();
        FitResult r = new EmFitter(settings.withBounds(new ParameterBounds(0.15, 0.3))).fit(data, start,
                (t, ll) -> trace.add(ll));
        double total = 0;
        for (int i = 0; i < 3; i++) {
            double p = r.model().mixing().weight(i);
            total += p;
            assertTrue(p >= 0.3 * (1 - 1e-12), acceleration + ": weight " + i + " = " + p);
            assertTrue(r.model().mixing().expert(i).variance() >= 0.15 * s2 * (1 - 1e-12),
                    acceleration + ": variance " + i + " = " + r.model().mixing().expert(i).variance());
        }
        assertEquals(1.0, total, 1e-12);
        // From the first M-step on: the start lies outside the bounded set, the first step maps into it.
        for (int t = 2; t < trace.size(); t++) {
            assertTrue(trace.get(t) >= trace.get(t - 1) - 1e-11 * Math.abs(trace.get(t - 1)),
                    acceleration + ": ℓ decreased at iterate " + t);
        }
        assertTrue(r.logLikelihood() <= free.logLikelihood() + 1e-9 * Math.abs(free.logLikelihood()),
                "a bounded maximum cannot beat the unbounded one from the same start by much");
    }

    @ParameterizedTest
    @EnumSource(Acceleration.class)
    void aWeightBoundOfOneOverKOrMoreIsRefused(Acceleration acceleration) {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        Dataset data = Fixtures.simulate(truth, 100, 1);
        EmFitter fitter = new EmFitter(EmSettings.DEFAULTS.withAcceleration(acceleration)
                .withBounds(new ParameterBounds(0, 0.5)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitter.fit(data, truth));
        assertTrue(e.getMessage().startsWith("bounds.weight: must be below 1/k"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParameterBounds(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ParameterBounds(0, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new ParameterBounds(Double.NaN, 0));
    }
}
