package org.dgmoe.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * Wald coverage on a small Monte Carlo: the quickstart's exactly fitted setting (k = k* = 2, λ* = 0.5, Student-t
 * g0), {@value #REPLICATES} data sets of n = {@value #N}, each fitted from the truth with the defaults; the share
 * of 95% intervals that hold the true value, per parameter, must lie in the binomial band of 0.95. Deterministic:
 * the data of replicate R come from the fixed task seed Seeds.taskSeed({@value #SEED}, "wald-coverage", n, R).
 * About 9 s of CPU (one core).
 */
class WaldCoverageTest {
    static final int REPLICATES = 200;
    static final int N = 2000;
    static final long SEED = 20261207L;

    /**
     * The band: the central interval of Binomial(200, 0.95) holding all but {@value} of its mass, per parameter.
     * With 9 parameters (Bonferroni) a correct interval procedure fails the test with probability at most 1% for
     * a given seed; the band is [179, 198] of 200, i.e. coverage in [0.895, 0.99] (scipy.stats.binom.ppf(TAIL/2,
     * 200, 0.95) and ppf(1 − TAIL/2, ...)). Measured at this seed: 188 to 192 of 200 for every parameter. An
     * interval a third too narrow (z = 1.3) would cover about 81%, 162 of 200, and fail.
     */
    static final double TAIL = 0.01 / 9;

    @Test
    void everyParameterIsCoveredAtTheNominalRateWithinTheBinomialBand() {
        DeviatedModel truth = Quickstart.truth();
        EmFitter fitter = new EmFitter(EmSettings.DEFAULTS);
        int k = truth.size();
        int d = truth.dimension();
        int p = ObservedInformation.size(k, d);
        double[] truthValues = new double[p];
        truthValues[ObservedInformation.lambdaIndex()] = truth.lambda();
        for (int i = 0; i < k; i++) {
            truthValues[ObservedInformation.weightIndex(i)] = truth.mixing().weight(i);
            truthValues[ObservedInformation.slopeIndex(k, d, i, 0)] = truth.mixing().expert(i).slope(0);
            truthValues[ObservedInformation.interceptIndex(k, d, i)] = truth.mixing().expert(i).intercept();
            truthValues[ObservedInformation.varianceIndex(k, d, i)] = truth.mixing().expert(i).variance();
        }
        int[] covered = new int[p];
        for (int r = 0; r < REPLICATES; r++) {
            Dataset data = Simulator.simulate(Quickstart.COVARIATES, truth, N, Seeds.taskSeed(SEED, "wald-coverage", N, r));
            FitResult fit = fitter.fit(data, truth);
            assertEquals(FitStatus.CONVERGED, fit.status(), "replicate " + r);
            StandardErrors se = StandardErrors.of(fitter.observedInformation(data, fit), fit.status(), Caveats.none(k),
                    0.95);
            int replicate = r;
            assertTrue(se.notes().isEmpty(), () -> "replicate " + replicate + ": " + se.notes());
            double[] lo = se.lower();
            double[] hi = se.upper();
            for (int i = 0; i < p; i++) {
                if (lo[i] <= truthValues[i] && truthValues[i] <= hi[i]) {
                    covered[i]++;
                }
            }
        }
        BinomialDistribution nominal = BinomialDistribution.of(REPLICATES, 0.95);
        int low = nominal.inverseCumulativeProbability(TAIL / 2);
        int high = nominal.inverseCumulativeProbability(1 - TAIL / 2);
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < p; i++) {
            report.append(StandardErrors.name(k, d, i)).append(' ').append(covered[i]).append('/').append(REPLICATES)
                    .append("; ");
        }
        for (int i = 0; i < p; i++) {
            int c = covered[i];
            assertTrue(c >= low && c <= high, StandardErrors.name(k, d, i) + ": " + c + " of " + REPLICATES
                    + " outside [" + low + ", " + high + "]; " + report);
        }
        assertEquals(179, low, "the band stated above");
        assertEquals(198, high, "the band stated above");
    }
}
