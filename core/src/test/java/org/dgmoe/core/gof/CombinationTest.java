package org.dgmoe.core.gof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.Dataset;
import org.junit.jupiter.api.Test;

/**
 * The combined tests ({@link Combination}) against an independent numpy computation
 * (src/test/resources/org/dgmoe/core/gof/combination_reference.py) that applies the leave-one-out definition
 * directly, O(B²): every null set's p-value of every component against the other B sets, counted pair by pair.
 * Its inputs: combination_statistics.csv, the component statistics of two real small tests dumped by this class
 * ({@code -Ddgmoe.dumpCombination=FILE}; g0 = N(x, 1), n = 60, B = 19, at λ* = 0 and 0.3), and
 * combination_synthetic.csv, written by the script (B = 19 to 99, statistics rounded to few values so that
 * ties are everywhere, an observed set tied with nulls, and one case without ties). Its output:
 * combination_reference.out.
 */
class CombinationTest {
    /**
     * Relative tolerance of the Cauchy statistic and its analytic p-value: both sides add the same nine weighted
     * tangents in the same order in double precision; numpy's tan and Java's differ by at most an ulp or two,
     * and a tangent of 1/(πp) with p ≥ 1/100 carries no cancellation, so 1e-12 holds with room. The p-values
     * are ratios of whole counts and must be equal exactly.
     */
    private static final double RELATIVE = 1e-12;

    private static final String[] COLUMNS = {"lrt", "ks", "ks_p", "cvm", "ad", "hc", "bj", "smooth", "supscore",
        "gridlr"};

    @Test
    void matchesTheLeaveOneOutDefinitionComputedByNumpy() {
        Map<String, List<double[]>> cases = new LinkedHashMap<>();
        cases.putAll(read("combination_statistics.csv"));
        cases.putAll(read("combination_synthetic.csv"));
        int checked = 0;
        for (String line : lines("combination_reference.out")) {
            String[] f = line.split(" ");
            List<double[]> sets = cases.get(f[0]);
            Combination c = combine(sets);
            String what = "case " + f[0];
            close(Double.parseDouble(f[1]), c.cauchy(), what + ": combined (Cauchy) statistic C_0");
            assertEquals(Double.parseDouble(f[2]), c.combined().value(), 0.0, what + ": combined p-value");
            close(Double.parseDouble(f[3]), c.cauchyAnalytic(), what + ": Cauchy analytic p-value");
            assertEquals(Double.parseDouble(f[4]), c.minP(), 0.0, what + ": m_0");
            assertEquals(Double.parseDouble(f[5]), c.minPValue().value(), 0.0, what + ": min-p p-value");
            checked++;
        }
        assertEquals(7, checked, "two real and five synthetic cases");
    }

    @Test
    void aStrongDeviationGetsTheSmallestCombinedPValueAndTheObservedComponentsAreTheReportedOnes() {
        Dataset data = GofFixtures.notes(0.5, 200, 11L);
        LrtRecipe recipe = LrtRecipe.of(1, EmSettings.DEFAULTS);
        GoodnessOfFit.Observed observed = GoodnessOfFit.observe(data, GofFixtures.NOTES_G0, recipe, 5L);
        List<NullFit> fits = new ArrayList<>();
        for (int b = 0; b < 19; b++) {
            fits.add(NullRefit.run(data, GofFixtures.NOTES_G0, recipe, 5L, b));
        }
        GoodnessOfFit.Result r = GoodnessOfFit.result(observed, NullSample.of(fits));
        assertEquals(1.0 / 20, r.combined().value(), 0.0);
        assertEquals(r.combination().combined(), r.combined(), "the headline is the Cauchy combination's exact p");
        assertEquals(1.0 / 20, r.combination().minPValue().value(), 0.0);
        // m_0 is the smallest of the reported component p-values (here KS's exact one, far below 1/20)
        double smallest = Math.min(r.ks().pValue(), Math.min(r.lrt().value(), r.cvm().pValue()));
        assertTrue(r.combination().minP() <= smallest, "m_0 = " + r.combination().minP());
        assertEquals(r.ks().pValue(), r.combination().minP(), 0.0);
    }

    @Test
    void nullCountsAreOneSortAndTieAsThePValueDoes() {
        // -0.0 and 0.0 are equal to ≥, as in PValue.of; +∞ is counted
        double[] v = {0.0, -0.0, 2, Double.POSITIVE_INFINITY, 2};
        List<NullFit> fits = new ArrayList<>();
        for (int b = 0; b < v.length; b++) {
            fits.add(new NullFit(b, 0, false, 0, FitStatus.CONVERGED, 0, 0.5, 0, 0,
                    new AdaptiveStatistics(v[b], 0, 0, 1, 0, 0)));
        }
        NullSample sample = NullSample.of(fits);
        assertEquals(List.of(5, 5, 3, 1, 3), toList(sample.atLeast(TestKind.HC)));
        for (int b = 0; b < v.length; b++) {
            assertEquals(PValue.of(v[b], v).exceedances(), sample.atLeast(TestKind.HC)[b]);
        }
        assertThrows(IllegalArgumentException.class, () -> sample.atLeast(TestKind.KS));
        assertThrows(IllegalArgumentException.class, () -> sample.atLeast(TestKind.COMBINED));
    }

    /** Combination.of on sets 0 (observed) .. B of a case; the observed Monte Carlo p-values by PValue.of. */
    private static Combination combine(List<double[]> sets) {
        List<NullFit> fits = new ArrayList<>();
        for (int j = 1; j < sets.size(); j++) {
            double[] s = sets.get(j);
            fits.add(new NullFit(j - 1, s[0], false, 0, FitStatus.CONVERGED, s[1], s[2], s[3], s[4],
                    new AdaptiveStatistics(s[5], s[6], s[7], 1, s[8], s[9])));
        }
        NullSample nulls = NullSample.of(fits);
        double[] o = sets.get(0);
        double[] statistics = {o[0], o[1], o[3], o[4], o[5], o[6], o[7], o[8], o[9]};
        double[] p = new double[statistics.length];
        for (int k = 0; k < p.length; k++) {
            TestKind kind = TestKind.COMPONENTS.get(k);
            p[k] = kind == TestKind.KS ? o[2] : PValue.of(statistics[k], nulls.statistics(kind)).value();
        }
        return Combination.of(statistics, p, nulls);
    }

    /**
     * Writes combination_statistics.csv when {@code -Ddgmoe.dumpCombination=FILE} is set (else does nothing): the
     * component statistics of two small tests of g0 = N(x, 1), the observed data set first.
     */
    @Test
    void dumpRealCasesWhenAsked() throws IOException {
        String file = System.getProperty("dgmoe.dumpCombination");
        if (file == null) {
            return;
        }
        LrtRecipe recipe = LrtRecipe.of(1, EmSettings.DEFAULTS);
        try (Writer w = Files.newBufferedWriter(Path.of(file))) {
            w.write("case,set," + String.join(",", COLUMNS) + "\n");
            for (double lambda : new double[] {0.0, 0.3}) {
                String name = "real-" + lambda;
                Dataset data = GofFixtures.notes(lambda, 60, 2026L);
                GoodnessOfFit.Observed o = GoodnessOfFit.observe(data, GofFixtures.NOTES_G0, recipe, 7L);
                AdaptiveStatistics a = o.adaptive();
                w.write(row(name, 0, o.lrt().statistic(), o.ks().statistic(), o.ks().pValue(), o.cramerVonMises(),
                        o.andersonDarling(), a));
                for (int b = 0; b < 19; b++) {
                    NullFit f = NullRefit.run(data, GofFixtures.NOTES_G0, recipe, 7L, b);
                    w.write(row(name, b + 1, f.statistic(), f.kolmogorovSmirnov(), f.kolmogorovSmirnovPValue(),
                            f.cramerVonMises(), f.andersonDarling(), f.adaptive()));
                }
            }
        }
    }

    private static String row(String name, int set, double lrt, double ks, double ksP, double cvm, double ad,
            AdaptiveStatistics a) {
        return name + "," + set + "," + lrt + "," + ks + "," + ksP + "," + cvm + "," + ad + "," + a.higherCriticism()
                + "," + a.berkJones() + "," + a.smooth() + "," + a.supScore() + "," + a.gridLikelihoodRatio() + "\n";
    }

    /** Case name → its sets in order (set 0 the observed one), each the ten values of {@link #COLUMNS}. */
    private static Map<String, List<double[]>> read(String resource) {
        Map<String, List<double[]>> cases = new LinkedHashMap<>();
        List<String> lines = lines(resource);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            List<double[]> sets = cases.computeIfAbsent(f[0], k -> new ArrayList<>());
            assertEquals(sets.size(), Integer.parseInt(f[1]), "sets in order in " + resource);
            double[] v = new double[COLUMNS.length];
            for (int c = 0; c < v.length; c++) {
                v[c] = Double.parseDouble(f[c + 2]);
            }
            sets.add(v);
        }
        return cases;
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, RELATIVE * Math.max(1, Math.abs(expected)), what);
    }

    private static List<String> lines(String name) {
        try (InputStream in = CombinationTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
