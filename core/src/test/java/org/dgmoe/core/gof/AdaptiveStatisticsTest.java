package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.StudentTG0;
import org.junit.jupiter.api.Test;

/**
 * Higher criticism, Berk–Jones, the data-driven smooth statistic and the sup-score against an independent
 * numpy/scipy computation (src/test/resources/org/dgmoe/core/gof/adaptive_reference.py; its data in
 * adaptive_pit.csv and adaptive_score.csv, its output in adaptive_reference.out), and their wiring into the
 * null sample's Monte Carlo p-values.
 */
class AdaptiveStatisticsTest {
    /**
     * Relative tolerance 1e-10 (the brief's): both sides evaluate the same closed forms in double precision
     * (the reference the sup-score in 80-bit long double without the log-space shift), so they differ by
     * rounding only, about 1e-13 relative after n ≤ 500 terms.
     */
    private static final double RELATIVE = 1e-10;

    /** The g0 of each sup-score data set of adaptive_reference.py. */
    private static final Map<String, G0> SCORE_G0 = Map.of(
            "deviated", new GaussianLinearG0(new double[] {1.0}, 0.0, 1.0),
            "two-covariates", new GaussianLinearG0(new double[] {0.5, -1.0}, 0.3, 2.0),
            "student", new StudentTG0(new double[] {1.0}, 0.0, 1.0, 3.0),
            "overflow", new GaussianLinearG0(new double[] {0.0}, 0.0, 1.0));

    @Test
    void pitStatisticsMatchScipy() {
        Map<String, double[]> sets = pitSets();
        int checked = 0;
        for (String line : lines("adaptive_reference.out")) {
            String[] f = line.split(" ");
            if (!f[0].equals("pit")) {
                continue;
            }
            double[] u = sets.get(f[1]);
            double[] sorted = u.clone();
            Arrays.sort(sorted);
            close(Double.parseDouble(f[3]), AdaptivePit.higherCriticism(sorted), "hc of " + f[1]);
            close(Double.parseDouble(f[5]), AdaptivePit.berkJones(sorted), "bj of " + f[1]);
            double[] smooth = new double[2];
            AdaptivePit.smooth(u, smooth);
            close(Double.parseDouble(f[7]), smooth[0], "smooth of " + f[1]);
            assertEquals(Integer.parseInt(f[9]), (int) smooth[1], "the Schwarz dimension of " + f[1]);
            checked++;
        }
        assertEquals(5, checked);
    }

    @Test
    void supScoreMatchesScipyIncludingWherePhiOverG0Overflows() {
        Map<String, Dataset> sets = scoreSets();
        int checked = 0;
        for (String line : lines("adaptive_reference.out")) {
            String[] f = line.split(" ");
            if (!f[0].equals("score")) {
                continue;
            }
            double z = DeviationGrid.of(sets.get(f[1]), SCORE_G0.get(f[1])).supScore();
            assertTrue(Double.isFinite(z), f[1]);
            close(Double.parseDouble(f[2]), z, "sup-score of " + f[1]);
            checked++;
        }
        assertEquals(4, checked);
    }

    /**
     * The grid likelihood ratio against brentq on f' in long double (adaptive_reference.py): the same grid, no
     * Newton step and no bound. Tolerance {@link #RELATIVE}: Newton stops at a relative step of 1e-12 in λ, where f
     * is flat (f's error ≈ f''·Δλ²/2, far below 1e-20 relative), and both sides sum n ≤ 300 logarithms. The set
     * `overflow` (φ/g0 ≈ e^790 at one point) is +∞ by the documented rule (m above 700), where the reference's
     * long double still gives a finite value beyond it.
     */
    @Test
    void gridLikelihoodRatioMatchesBrentqAndIsInfiniteBeyondTheOverflowBound() {
        Map<String, Dataset> sets = scoreSets();
        int checked = 0;
        for (String line : lines("adaptive_reference.out")) {
            String[] f = line.split(" ");
            if (!f[0].equals("gridlr")) {
                continue;
            }
            double glr = DeviationGrid.of(sets.get(f[1]), SCORE_G0.get(f[1])).likelihoodRatio();
            double expected = Double.parseDouble(f[2]);
            if (f[1].equals("overflow")) {
                assertEquals(Double.POSITIVE_INFINITY, glr);
                assertTrue(expected > GridLikelihoodRatio.MAX_LOG_RATIO, "the reference is beyond the bound too");
            } else {
                close(expected, glr, "grid likelihood ratio of " + f[1]);
            }
            checked++;
        }
        assertEquals(4, checked);
    }

    @Test
    void theProfileMaximumIsFoundAtBothEndsAndInside() {
        // n = 2: t = (4, 0.25) has f(λ) = log(1 + 3λ) + log(1 − 0.75λ), f' = 0 at λ = 1/2 (3/(1 + 3λ) = 0.75/(1 − 0.75λ)):
        // f(1/2) = log(2.5 · 0.625) = log(1.5625); t = (4, 2) has f' ≥ 0 on [0, 1]: f(1) = log 8; t = (0.5, 1.25) has
        // f'(0) = −0.25 < 0: 0. The bound test leaves each unchanged from a best of 0 and keeps a larger best.
        double[] r = new double[2];
        double[] t = new double[2];
        assertEquals(Math.log(1.5625), GridLikelihoodRatio.maxOf(new double[] {1, 1.0 / 16}, Math.log(4), 2, r, t, 0),
                1e-15);
        assertEquals(Math.log(8), GridLikelihoodRatio.maxOf(new double[] {1, 0.5}, Math.log(4), 2, r, t, 0), 1e-15);
        assertEquals(0, GridLikelihoodRatio.maxOf(new double[] {0.4, 1}, Math.log(1.25), 2, r, t, 0), 0);
        assertEquals(3, GridLikelihoodRatio.maxOf(new double[] {1, 1.0 / 16}, Math.log(4), 2, r, t, 3), 0);
    }

    @Test
    void aPointG0CannotProduceMakesTheSupScoreInfinite() {
        // 1e200 squared overflows: log g0 = −∞, so g0 cannot have produced it; a status value, not NaN.
        Dataset data = Dataset.ofRows(new double[][] {{0}, {0.5}, {1}}, new double[] {0.1, 1e200, -0.3});
        DeviationGrid.Statistics s = DeviationGrid.of(data, SCORE_G0.get("deviated"));
        assertEquals(Double.POSITIVE_INFINITY, s.supScore());
        assertEquals(Double.POSITIVE_INFINITY, s.likelihoodRatio());
    }

    @Test
    void aSparseExcessAtEitherEndRaisesHigherCriticismAlike() {
        // HC⁺ is taken at both ends: u ↦ 1 − u (exactly representable here: multiples of 1/64) leaves it unchanged.
        double[] u = new double[64];
        for (int i = 0; i < u.length; i++) {
            u[i] = i < 4 ? (i + 1) / 1024.0 : (i + 0.5) / 64;
        }
        double[] mirrored = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            mirrored[i] = 1 - u[i];
        }
        Arrays.sort(mirrored);
        double[] sorted = u.clone();
        Arrays.sort(sorted);
        assertEquals(AdaptivePit.higherCriticism(sorted), AdaptivePit.higherCriticism(mirrored), 0);
        assertEquals(AdaptivePit.berkJones(sorted), AdaptivePit.berkJones(mirrored), 1e-12 * AdaptivePit.berkJones(sorted));
        assertTrue(AdaptivePit.higherCriticism(sorted) > 3, "four points below 1/256 of 64 are a sparse excess");
    }

    @Test
    void everyAdaptiveStatisticGetsItsMonteCarloPValueFromTheSameNullDataSets() {
        // B = 39 null data sets under g0 and one data set with 30% of N(2x + 1, 0.25): each statistic of the
        // null sample is the one AdaptiveStatistics.of computes on that null data set, and the deviation is
        // rejected at 1/(B + 1) by all four (n = 400: far beyond their detection thresholds).
        G0 g0 = SCORE_G0.get("deviated");
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(25L);
        int n = 400;
        double[][] rows = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i][0] = 2 * rng.nextDouble() - 1;
            y[i] = rng.nextDouble() < 0.3 ? 2 * rows[i][0] + 1 + 0.5 * gaussian(rng) : rows[i][0] + gaussian(rng);
        }
        Dataset observed = Dataset.ofRows(rows, y);
        List<NullFit> fits = new ArrayList<>();
        int b = 39;
        for (int k = 0; k < b; k++) {
            Dataset nullData = NullRefit.conditional(observed, g0, rng);
            AdaptiveStatistics a = AdaptiveStatistics.of(nullData, g0, Pit.transform(nullData, g0));
            fits.add(new NullFit(k, 0, false, 0, FitStatus.CONVERGED, 0, 1, 0, 0, a));
        }
        NullSample nulls = NullSample.of(fits);
        AdaptiveStatistics a = AdaptiveStatistics.of(observed, g0, Pit.transform(observed, g0));
        for (TestKind kind : new TestKind[] {TestKind.HC, TestKind.BJ, TestKind.SMOOTH, TestKind.SUPSCORE, TestKind.GRIDLR}) {
            assertEquals(nulls.fit(7).adaptive().statistic(kind), nulls.statistics(kind)[7], 0, kind.label());
            assertEquals(1.0 / (b + 1), PValue.of(a.statistic(kind), nulls.statistics(kind)).value(), 0, kind.label());
        }
        assertThrows(IllegalArgumentException.class, () -> a.statistic(TestKind.LRT));
        assertEquals(TestKind.SUPSCORE, TestKind.of("supscore"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestKind.of("hc+"));
        assertTrue(e.getMessage().contains("hc, bj, smooth, supscore"), e.getMessage());
    }

    private static double gaussian(UniformRandomProvider rng) {
        return org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng).sample();
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, RELATIVE * Math.max(1e-300, Math.abs(expected)), what);
    }

    /** adaptive_pit.csv: set name → its u in file order. */
    private static Map<String, double[]> pitSets() {
        Map<String, List<Double>> byName = new LinkedHashMap<>();
        List<String> rows = lines("adaptive_pit.csv");
        for (String line : rows.subList(1, rows.size())) {
            String[] f = line.split(",");
            byName.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[1]));
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        byName.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** adaptive_score.csv: set name → its data set (x2 empty for one covariate). */
    private static Map<String, Dataset> scoreSets() {
        Map<String, List<double[]>> byName = new LinkedHashMap<>();
        List<String> rows = lines("adaptive_score.csv");
        for (String line : rows.subList(1, rows.size())) {
            String[] f = line.split(",", -1);
            double[] r = f[2].isEmpty() ? new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[3])}
                    : new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])};
            byName.computeIfAbsent(f[0], k -> new ArrayList<>()).add(r);
        }
        Map<String, Dataset> out = new LinkedHashMap<>();
        byName.forEach((k, v) -> {
            double[][] x = new double[v.size()][];
            double[] y = new double[v.size()];
            for (int i = 0; i < y.length; i++) {
                double[] r = v.get(i);
                x[i] = Arrays.copyOf(r, r.length - 1);
                y[i] = r[r.length - 1];
            }
            out.put(k, Dataset.ofRows(x, y));
        });
        return out;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = AdaptiveStatisticsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
