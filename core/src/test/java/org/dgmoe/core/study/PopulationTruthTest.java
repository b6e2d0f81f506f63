package org.dgmoe.core.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;

/** The truth recipe of a population: deterministic in its key, certified, and the MLE it claims to be. */
class PopulationTruthTest {
    private static final GaussianLinearG0 G0 = new GaussianLinearG0(new double[] {0.5}, 1.0, 0.25);

    /** 2000 rows of a deviated model (λ = 0.3, one expert far from g0), as a population. */
    private static Population population() {
        DeviatedModel model = new DeviatedModel(0.3, new MixingMeasure(new double[] {1.0},
                List.of(new Expert(new double[] {-0.3}, 6.0, 0.09))), G0);
        return new Population(Simulator.simulate(new UniformCovariates(new double[] {0}, new double[] {10}), model,
                2000, 99L), "simulated", "hash", Population.Sampling.WITHOUT_REPLACEMENT);
    }

    private static FitSpec spec() {
        return new FitSpec(1, true, Double.NaN, InitKind.RANDOM, 1, EmSettings.DEFAULTS, NearTruthStart.DEFAULTS,
                null);
    }

    @Test
    void theRecipeIsDeterministicInItsKey() {
        Population p = population();
        PopulationTruth a = PopulationTruth.fit(p, G0, spec(), 1, 42L);
        PopulationTruth b = PopulationTruth.fit(p, G0, spec(), 1, 42L);
        // bit for bit: the same key draws the same starts and EM is deterministic
        assertEquals(a.model(), b.model());
        assertEquals(Double.doubleToLongBits(a.logLikelihood()), Double.doubleToLongBits(b.logLikelihood()));
        assertArrayEquals(a.logLikelihoods(), b.logLikelihoods());
        assertEquals(PopulationTruth.RESTARTS, a.logLikelihoods().length);
        PopulationTruth other = PopulationTruth.fit(p, G0, spec(), 1, 43L);
        assertNotEquals(Arrays.toString(a.logLikelihoods()), Arrays.toString(other.logLikelihoods()),
                "another key draws other starts");
    }

    @Test
    void theCertificateCountsTheStartsAtTheBestAndKeepsTheOthersGaps() {
        PopulationTruth t = PopulationTruth.fit(population(), G0, spec(), 1, 42L);
        assertTrue(t.finite());
        double best = Arrays.stream(t.logLikelihoods()).filter(Double::isFinite).max().orElseThrow();
        assertEquals(best, t.logLikelihood(), 0.0, "the kept fit is the highest start");
        int reached = t.reachedBest();
        assertTrue(reached >= 1);
        assertEquals(PopulationTruth.RESTARTS, reached + t.otherGaps().length + t.failed());
        assertTrue(Arrays.stream(t.otherGaps()).allMatch(g -> g > PopulationTruth.RELATIVE_TOLERANCE
                * Math.abs(best)));
        // One expert at (−0.3, 6, 0.09) with λ = 0.3 generated the rows: the MLE of 2000 rows lies within a few
        // standard errors (λ: √(0.21/2000) ≈ 0.01; the intercept ≈ 0.3/√600 ≈ 0.012 times the spread of x) of it;
        // 0.05 and 0.2 are about 5 and 10 of them.
        assertEquals(0.3, t.model().lambda(), 0.05);
        assertEquals(6.0, t.model().mixing().expert(0).intercept(), 0.2);
    }
}
