package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.NoG0;
import org.junit.jupiter.api.Test;

class StartsTest {

    @Test
    void nearTruthAssignsWeightsAndLambdaByConstruction() {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.35);
        DeviatedModel s = NearTruthStart.DEFAULTS.draw(truth, 5, 1000, Fixtures.rng(1));
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, NearTruthStart.assignment(5, 2));
        // Atoms 0, 2, 4 share p1* = 0.4; atoms 1, 3 share p2* = 0.6.
        double[] expected = {0.4 / 3, 0.6 / 2, 0.4 / 3, 0.6 / 2, 0.4 / 3};
        assertArrayEquals(expected, s.mixing().weights(), 1e-15);
        assertEquals(0.35, s.lambda(), 0.0);
        assertEquals(truth.g0(), s.g0());
        // Zero noise reproduces the true atoms exactly.
        DeviatedModel exact = new NearTruthStart(0, -0.083, 0, -0.25).draw(truth, 3, 1000, Fixtures.rng(1));
        assertEquals(truth.mixing().expert(0), exact.mixing().expert(0));
        assertEquals(truth.mixing().expert(1), exact.mixing().expert(1));
        assertEquals(truth.mixing().expert(0), exact.mixing().expert(2));
        assertThrows(IllegalArgumentException.class, () -> NearTruthStart.DEFAULTS.draw(truth, 1, 10, Fixtures.rng(1)));
        assertThrows(IllegalArgumentException.class, () -> NearTruthStart.DEFAULTS.draw(truth, 2, 0, Fixtures.rng(1)));
    }

    @Test
    void nearTruthNoiseScales() {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(2), 2, 0.5);
        int n = 1000;
        int draws = 4000;
        double locationSd = 0.005 * Math.pow(n, -0.083);
        double varianceSd = 0.0005 * Math.pow(n, -0.25);
        double sumSq = 0;
        double sum = 0;
        double sumAbsVar = 0;
        int count = 0;
        var rng = Fixtures.rng(42);
        for (int r = 0; r < draws; r++) {
            DeviatedModel s = NearTruthStart.DEFAULTS.draw(truth, 2, n, rng);
            for (int i = 0; i < 2; i++) {
                Expert t = truth.mixing().expert(i);
                Expert e = s.mixing().expert(i);
                double[] dev = {e.slope(0) - t.slope(0), e.slope(1) - t.slope(1), e.intercept() - t.intercept()};
                for (double v : dev) {
                    sum += v;
                    sumSq += v * v;
                    count++;
                }
                double dv = e.variance() - t.variance();
                assertTrue(dv >= 0, "variance noise is |N|");
                sumAbsVar += dv;
            }
        }
        // 24 000 location deviations: the sample sd has relative SE 1/√(2·24000) ≈ 0.5%, the mean SE
        // sd/√24000 ≈ 0.65% of sd; tolerances 3% and 4% of sd are ≥ 6 SE.
        double sd = Math.sqrt(sumSq / count);
        assertEquals(locationSd, sd, 0.03 * locationSd, "location noise sd");
        assertEquals(0, sum / count, 0.04 * locationSd, "location noise mean");
        // E|N(0, s²)| = s √(2/π); 8000 draws, relative SE ≈ 0.75/√8000 ≈ 0.85%: 5% ≈ 6 SE.
        assertEquals(varianceSd * Math.sqrt(2 / Math.PI), sumAbsVar / (2 * draws), 0.05 * varianceSd, "variance noise");
    }

    @Test
    void randomStartIsValidForAnyData() {
        DeviatedModel truth = Fixtures.truth(Fixtures.studentT(1), 1, 0.5);
        Dataset data = Fixtures.simulate(truth, 1000, 1);
        DeviatedModel s = RandomStart.draw(data, truth.g0(), 3, 0.5, Fixtures.rng(2));
        assertEquals(3, s.size());
        assertEquals(0.5, s.lambda(), 0.0);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, s.mixing().weights(), 0.0);
        double varY = 0;
        double mean = 0;
        for (double v : data.yView()) {
            mean += v / data.size();
        }
        for (double v : data.yView()) {
            varY += (v - mean) * (v - mean) / data.size();
        }
        for (int i = 0; i < 3; i++) {
            double v = s.mixing().expert(i).variance();
            assertTrue(v >= varY / 100 * (1 - 1e-12) && v <= varY * (1 + 1e-12), "variance clamp: " + v);
        }
        // Deterministic given the generator.
        assertEquals(s, RandomStart.draw(data, truth.g0(), 3, 0.5, Fixtures.rng(2)));
        // g0 none: λ = 1 whatever is passed.
        assertEquals(1.0, RandomStart.draw(data, NoG0.INSTANCE, 2, 0.2, Fixtures.rng(3)).lambda(), 0.0);
        // Degenerate data: constant covariates, a single point, constant responses, d = 3.
        Dataset constantX = new Dataset(1, new double[] {1, 1, 1, 1}, new double[] {1, 2, 3, 4});
        assertEquals(0.0, RandomStart.draw(constantX, NoG0.INSTANCE, 2, 1, Fixtures.rng(4)).mixing().expert(0).slope(0));
        Dataset single = new Dataset(1, new double[] {0.5}, new double[] {2});
        DeviatedModel one = RandomStart.draw(single, NoG0.INSTANCE, 2, 1, Fixtures.rng(5));
        assertEquals(2.0, one.mixing().expert(1).intercept(), 0.0);
        assertEquals(EmSettings.DEFAULT_VARIANCE_FLOOR, one.mixing().expert(1).variance(), 0.0);
        Dataset flat = new Dataset(1, new double[] {0, 1, 2}, new double[] {3, 3, 3});
        assertTrue(RandomStart.draw(flat, NoG0.INSTANCE, 1, 1, Fixtures.rng(6)).mixing().expert(0).variance() > 0);
        Dataset d3 = Fixtures.simulate(Fixtures.none(3), 200, 7);
        assertEquals(3, RandomStart.draw(d3, NoG0.INSTANCE, 4, 1, Fixtures.rng(8)).dimension());
        // A configured floor above the data's spread: every start variance is at least the floor.
        DeviatedModel floored = RandomStart.draw(data, truth.g0(), 3, 0.5, 50.0, Fixtures.rng(2));
        for (int i = 0; i < 3; i++) {
            assertTrue(floored.mixing().expert(i).variance() >= 50.0, "variance " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> RandomStart.draw(data, truth.g0(), 3, 0.5, 0.0,
                Fixtures.rng(1)));
        assertThrows(IllegalArgumentException.class, () -> RandomStart.draw(data, truth.g0(), 0, 0.5, Fixtures.rng(1)));
        assertThrows(IllegalArgumentException.class, () -> RandomStart.draw(data, truth.g0(), 2, 1.5, Fixtures.rng(1)));
    }
}
