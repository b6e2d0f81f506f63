package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The Patra–Sen lower confidence bound against an independent implementation written from the paper
 * (src/test/resources/org/dgmoe/core/gof/patra_sen_reference.py: scipy's isotonic regression, every grid
 * point evaluated; its data in patra_sen_data.csv, its output in patra_sen_reference.out), and its
 * level by Monte Carlo; and against the authors' own R package on the same data (patra_sen_authors.R and
 * patra_sen_authors.out, their code not kept here).
 */
class PatraSenTest {
    /** The probes of D printed by the script, in its order. */
    private static final double[] PROBES = {0.0005, 1.0 / 600, 0.1, 0.25, 0.5, 0.75, 599.0 / 600};

    @Test
    void matchesTheReferenceScriptOnFourDataSets() throws IOException {
        Map<String, double[]> sets = dataSets();
        Map<String, String[]> out = referenceOutput();
        assertEquals(List.of("uniform", "beta30", "beta80", "beta30ties"), new ArrayList<>(sets.keySet()));
        for (Map.Entry<String, double[]> e : sets.entrySet()) {
            String name = e.getKey();
            PatraSen ps = PatraSen.of(e.getValue());
            LambdaLowerBound bound = ps.lowerBound();
            String[] line = out.get(name + " bound");
            assertEquals(1000, bound.n(), name);
            // The same algorithm on the same grid: the bound is the same multiple of 1/600, so equal to 1e-12
            // (the only difference is the division k/600 done twice).
            assertEquals(Double.parseDouble(line[0]), bound.value(), 1e-12, name);
            assertEquals(Integer.parseInt(line[1]) / 600.0, bound.value(), 1e-12, name);
            // D itself at seven γ: to 1e-9 absolute (values up to 0.36; PAVA's pooled means and the sum over
            // 1000 points are summed in another order by scipy, a few 1e-16 apart, far below 1e-9).
            String[] d = out.get(name + " D");
            for (int i = 0; i < PROBES.length; i++) {
                assertEquals(Double.parseDouble(d[i]), ps.distance(PROBES[i]), 1e-9, name + " D(" + PROBES[i] + ")");
            }
            // The bisection gives the authors' count over the whole grid, because D is non-increasing in γ
            // (checked here on every grid point, up to 1e-15 of rounding).
            double threshold = PatraSen.CRITICAL / Math.sqrt(1000);
            int count = 0;
            double previous = Double.POSITIVE_INFINITY;
            for (int k = 1; k <= PatraSen.GRID; k++) {
                double dk = ps.distance(PatraSen.gridPoint(k));
                assertTrue(dk <= previous + 1e-15, name + ": D rises at k = " + k);
                previous = dk;
                count += dk > threshold ? 1 : 0;
            }
            assertEquals(count / 600.0, bound.value(), 0.0, name);
        }
        // What the data sets are there for: all-uniform gives 0, 30% and 80% of Beta(1, 8) bounds below the
        // share (α₀ = the share: Beta(1, 8) has density 0 at 1, so none of it can pass for uniform).
        assertEquals(0.0, PatraSen.lowerBound(sets.get("uniform")).value(), 0.0);
        double beta30 = PatraSen.lowerBound(sets.get("beta30")).value();
        double beta80 = PatraSen.lowerBound(sets.get("beta80")).value();
        assertTrue(beta30 > 0.15 && beta30 < 0.3, "beta30: " + beta30);
        assertTrue(beta80 > 0.6 && beta80 < 0.8, "beta80: " + beta80);
    }

    @Test
    void matchesTheAuthorsRPackage() throws IOException {
        // patra_sen_authors.out: the authors' mixmodel (R, Iso::pava) on the same data: the bound and D at
        // 1/600 and 0.5, the same algorithm and grid, so the tolerances of the test above.
        Map<String, double[]> sets = dataSets();
        for (String line : lines("patra_sen_authors.out")) {
            String[] f = line.trim().split(" ");
            PatraSen ps = PatraSen.of(sets.get(f[0]));
            assertEquals(Double.parseDouble(f[2]), ps.lowerBound().value(), 1e-12, f[0]);
            assertEquals(Double.parseDouble(f[4]), ps.distance(PatraSen.gridPoint(1)), 1e-9, f[0]);
            assertEquals(Double.parseDouble(f[6]), ps.distance(PatraSen.gridPoint(300)), 1e-9, f[0]);
        }
        assertEquals(4, lines("patra_sen_authors.out").size());
    }

    @Test
    void onUniformDataTheBoundIsZeroInAbout95PercentOfReplicates() {
        // 1000 replicates of n = 200 U(0, 1): the bound is positive exactly when the test of
        // "u ~ U(0, 1)" by √n D(1/600) rejects, at level about 5% (the asymptotic q; numpy gave 5.3% at
        // n = 200 over 4000 replicates). Band [0.93, 0.97]: 0.95 ± 2.9 binomial standard deviations
        // (√(0.05·0.95/1000) = 0.0069); the seed is fixed, so the outcome is too.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261207L);
        int replicates = 1000;
        int zero = 0;
        double[] u = new double[200];
        for (int r = 0; r < replicates; r++) {
            for (int i = 0; i < u.length; i++) {
                u[i] = rng.nextDouble();
            }
            zero += PatraSen.lowerBound(u).value() == 0 ? 1 : 0;
        }
        double share = (double) zero / replicates;
        assertTrue(share >= 0.93 && share <= 0.97, "share of replicates with bound 0: " + share);
    }

    @Test
    void coversTheDeviatingShareAndHasPower() {
        // 400 replicates of n = 500, 30% Beta(1, 8) (drawn by inversion, 1 − (1 − v)^(1/8)) and 70% U(0, 1):
        // α₀ = 0.3. Coverage P(bound <= 0.3) >= 0.95 − 3·√(0.05·0.95/400) = 0.917; the bound is
        // conservative here, so the check has room. Power: the median bound is above 0.1 (0.24 at n = 1000
        // in the reference data set), so a bound stuck at 0 fails.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int replicates = 400;
        int covered = 0;
        double[] bounds = new double[replicates];
        double[] u = new double[500];
        for (int r = 0; r < replicates; r++) {
            for (int i = 0; i < u.length; i++) {
                u[i] = rng.nextDouble() < 0.3 ? 1 - Math.pow(1 - rng.nextDouble(), 1.0 / 8) : rng.nextDouble();
            }
            bounds[r] = PatraSen.lowerBound(u).value();
            covered += bounds[r] <= 0.3 ? 1 : 0;
        }
        Arrays.sort(bounds);
        assertTrue(covered >= 0.917 * replicates, "covered " + covered + " of " + replicates);
        assertTrue(bounds[replicates / 2] > 0.1, "median bound " + bounds[replicates / 2]);
    }

    @Test
    void edgeCasesAndRefusals() {
        // Every u equal: F̂_γ at the one distinct value is (1 − (1 − γ)u)/γ ≥ 1, clipped to 1, so
        // D(γ) = γ(F̂ − 1) = (1 − γ)(1 − u). With u = 0.5 and n = 8 the bound is the largest k/600 with
        // 0.5(1 − k/600) > 0.6792/√8 = 0.24013: k = 311 (0.24083; k = 312 gives 0.24000).
        LambdaLowerBound point = PatraSen.lowerBound(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
        assertEquals(311.0 / 600, point.value(), 1e-15);
        assertEquals(0.5 * (1 - 0.25), PatraSen.of(new double[] {0.5, 0.5}).distance(0.25), 1e-15);
        LambdaLowerBound one = PatraSen.lowerBound(new double[] {0.3});
        assertEquals(1, one.n());
        assertEquals(PatraSen.METHOD, one.method());
        assertEquals(0.95, one.level(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> PatraSen.lowerBound(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> PatraSen.lowerBound(new double[] {0.2, 1.5}));
        assertThrows(IllegalArgumentException.class, () -> PatraSen.lowerBound(new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> PatraSen.of(new double[] {0.2}).distance(0));
        assertThrows(IllegalArgumentException.class, () -> new LambdaLowerBound(1, 0.95, 10, "patra-sen", 600));
    }

    @Test
    void isotonicRegressionByHand() {
        IsotonicRegression iso = new IsotonicRegression(5);
        double[] fit = new double[5];
        // one violator pooled: (3 + 2)/2
        iso.nonDecreasing(new double[] {1, 3, 2, 4}, new double[] {1, 1, 1, 1}, 4, fit);
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Arrays.copyOf(fit, 4), 1e-15);
        // weights: (1·3 + 3·1)/4 = 1.5
        iso.nonDecreasing(new double[] {3, 1}, new double[] {1, 3}, 2, fit);
        assertArrayEquals(new double[] {1.5, 1.5}, Arrays.copyOf(fit, 2), 1e-15);
        // a pool that grows backwards: 5, 4, 3 → 4, then with 0.5·... : (5 + 4 + 3 + 0)/4 = 3, then 6 stays
        iso.nonDecreasing(new double[] {5, 4, 3, 0, 6}, new double[] {1, 1, 1, 1, 1}, 5, fit);
        assertArrayEquals(new double[] {3, 3, 3, 3, 6}, fit, 1e-15);
        // a non-decreasing input is its own fit, bit for bit
        double[] sorted = {0.1, 0.1, 0.3, 0.7, 0.9};
        iso.nonDecreasing(sorted, new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, 5, fit);
        assertArrayEquals(sorted, fit, 0.0);
        assertThrows(IllegalArgumentException.class, () -> iso.nonDecreasing(sorted, sorted, 6, new double[6]));
    }

    /** patra_sen_data.csv: set name → its u in file order. */
    private static Map<String, double[]> dataSets() throws IOException {
        Map<String, List<Double>> lists = new LinkedHashMap<>();
        for (String line : lines("patra_sen_data.csv").subList(1, lines("patra_sen_data.csv").size())) {
            String[] f = line.split(",");
            lists.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[1]));
        }
        Map<String, double[]> sets = new LinkedHashMap<>();
        lists.forEach((k, v) -> sets.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return sets;
    }

    /** patra_sen_reference.out: "NAME bound" → {bound, k}, "NAME D" → the D at {@link #PROBES}. */
    private static Map<String, String[]> referenceOutput() throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String line : lines("patra_sen_reference.out")) {
            String[] f = line.split(" ");
            if (f[1].equals("n")) {
                out.put(f[0] + " bound", new String[] {f[4], f[6]});
            } else if (f[1].equals("D")) {
                out.put(f[0] + " D", Arrays.copyOfRange(f, 2, f.length));
            }
        }
        return out;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = PatraSenTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        }
    }
}
