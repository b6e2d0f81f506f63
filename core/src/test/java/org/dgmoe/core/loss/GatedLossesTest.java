package org.dgmoe.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.StudentTG0;
import org.junit.jupiter.api.Test;

class GatedLossesTest {
    private static final GatedLosses LOSSES = new GatedLosses(LossSettings.DEFAULTS);
    private static final G0 STUDENT = new StudentTG0(new double[] {0.5}, 0, 1, 3);
    private static final Deviation ONE = new ConstantDeviation(1);

    // Softmax truth, d = 1, rows {β_0, β_1, a, b, σ}: ω* = exp(β_0 − β_0,last) = (2, 1).
    private static final double[][] SOFTMAX_TRUTH = {{Math.log(2), 1, 1, 0, 1}, {0, 0, -1, 2, 0.5}};

    private static GatedModel softmax(Deviation deviation, G0 g0, double[]... rows) {
        double[][] slope = new double[rows.length][];
        double[] intercept = new double[rows.length];
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            intercept[i] = rows[i][0];
            slope[i] = new double[] {rows[i][1]};
            experts.add(new Expert(new double[] {rows[i][2]}, rows[i][3], rows[i][4]));
        }
        return new GatedModel(deviation, new SoftmaxGating(slope, intercept), experts, g0);
    }

    private static GatedModel softmax(double[]... rows) {
        return softmax(ONE, NoG0.INSTANCE, rows);
    }

    /** d = 1 Gaussian-gated model, rows {w, c, Γ, a, b, σ}. */
    private static GatedModel gaussian(double[]... rows) {
        double[] w = new double[rows.length];
        double[][] c = new double[rows.length][];
        double[][][] gamma = new double[rows.length][][];
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            w[i] = rows[i][0];
            c[i] = new double[] {rows[i][1]};
            gamma[i] = new double[][] {{rows[i][2]}};
            experts.add(new Expert(new double[] {rows[i][3]}, rows[i][4], rows[i][5]));
        }
        return new GatedModel(ONE, new GaussianGating(w, c, gamma), experts, NoG0.INSTANCE);
    }

    private static double[] shifted(double[] row, double dIntercept, double dSlope) {
        double[] out = row.clone();
        out[0] += dIntercept;
        out[1] += dSlope;
        return out;
    }

    @Test
    void zeroAtTheTruthForEveryFamily() {
        GatedModel s = softmax(SOFTMAX_TRUTH);
        assertAllZero(LOSSES.compute(s, s));
        GatedModel g = gaussian(new double[] {0.4, 0, 0.2, 1, 0, 1}, new double[] {0.6, 1, 0.1, -1, 2, 0.5});
        assertAllZero(LOSSES.compute(g, g));
        GatedModel c = new GatedModel(ONE, new ConstantGating(new double[] {0.3, 0.7}),
                List.of(new Expert(new double[] {1}, 0, 1), new Expert(new double[] {2}, 1, 2)), NoG0.INSTANCE);
        assertAllZero(LOSSES.compute(c, c));
    }

    private static void assertAllZero(GatedLossReport r) {
        // Exactly 0: every difference is x − x.
        assertEquals(0.0, r.voronoi(), 0.0);
        for (GatedCellError c : r.cells()) {
            assertEquals(1, c.size());
            assertEquals(0.0, c.massError() + c.gateLocationError() + c.gateCovarianceError() + c.slopeError()
                    + c.interceptError() + c.varianceError(), 0.0);
        }
    }

    /** D at the last-gate normalisation of the authors' code (the alignment's first start). */
    private static double normalised(GatedModel fitted, GatedModel truth) {
        return SoftmaxAlignment.voronoi(GatedLosses.atoms(fitted), GatedLosses.atoms(truth),
                new LossCalculator(LossSettings.DEFAULTS));
    }

    @Test
    void softmaxExactFittedByHand() {
        // Atom 1: b + 0.1, β_1 + 0.2, β_0 + log 1.1 (ω = 2.2); atom 2 (the reference gate) exact.
        GatedModel fitted = softmax(new double[] {Math.log(2.2), 1.2, 1, 0.1, 1}, SOFTMAX_TRUTH[1]);
        // At the authors' normalisation: D1 = |2.2 − 2| + 2.2·(0.2 + 0.1) + 0 = 0.2 + 0.66 = 0.86 (tolerance: a few
        // ulp of the sums).
        assertEquals(0.86, normalised(fitted, softmax(SOFTMAX_TRUTH)), 1e-14);
        // Aligned (SoftmaxAlignment): the gate-slope terms 2.2|0.2 + t1| + |t1| are least at the weighted median
        // t1 = −0.2 (value 0.2); with the expert term 2.2·0.1 = 0.22, D(u) = |2.2u − 2| + |u − 1| + 0.42u is least at
        // the breakpoint u = 2/2.2 = 10/11: D = 1/11 + 4.2/11 = 5.2/11. Atom 1 then has ω = 2, β̃_1 = 1 (exact).
        GatedLossReport r = LOSSES.compute(fitted, softmax(SOFTMAX_TRUTH));
        assertEquals(5.2 / 11, r.voronoi(), 1e-14);
        GatedCellError c1 = r.cells().get(0);
        assertEquals(0.0, c1.massError(), 1e-14);
        assertEquals(0.0, c1.gateLocationError(), 1e-12);
        assertEquals(2.0 * 0.1, c1.interceptError(), 1e-14);
        assertEquals(0.0, c1.slopeError(), 0.0);
        assertEquals(0.0, c1.gateCovarianceError(), 0.0);
        GatedCellError c2 = r.cells().get(1);
        assertEquals(1.0 / 11, c2.massError(), 1e-14);
        assertEquals(10.0 / 11 * 0.2, c2.gateLocationError(), 1e-12);
        assertEquals(Gating.Type.SOFTMAX, r.gating());
        assertEquals(0.0, r.lambdaError(), 0.0); // constant λ = 1 on both sides
        assertTrue(Double.isNaN(r.lambdaInterceptError()) && Double.isNaN(r.lambdaSlopeError()));
    }

    @Test
    void softmaxOverFittedCellMergesWithD2Exponents() {
        // Two atoms share true atom 1's mass (ω = 1 + 1 = 2, mass error 0): one with b + 0.1 (|Δb|^4),
        // one with a + 0.2 and σ + 0.04 (|Δa|^2 + |Δσ|^2, r̄(2)/2 = 2).
        GatedModel fitted = softmax(new double[] {0, 1, 1, 0.1, 1}, new double[] {0, 1, 1.2, 0, 1.04},
                SOFTMAX_TRUTH[1]);
        GatedLossReport r = LOSSES.compute(fitted, softmax(SOFTMAX_TRUTH));
        assertArrayEquals(new int[] {0, 1}, r.cells().get(0).members());
        assertArrayEquals(new int[] {2}, r.cells().get(1).members());
        assertArrayEquals(new int[] {1, 1, 2}, GatedLosses.voronoiCells(fitted, softmax(SOFTMAX_TRUTH)));
        // D2 = 0 + 1·0.1⁴ + 1·(0.2² + 0.04²) = 1e-4 + 0.04 + 0.0016 = 0.0417.
        assertEquals(0.0417, r.voronoi(), 1e-14);
        assertEquals(0.0, r.cells().get(0).massError(), 1e-15);
        assertEquals(0.1, r.cells().get(0).interceptError(), 1e-15);
        assertEquals(0.2, r.cells().get(0).slopeError(), 1e-14);
        assertEquals(0.04, r.cells().get(0).varianceError(), 1e-14);
        // r̄(3) = 6 changes the exponents: with a third copy, a term 0.2^3 + 0.04^3 instead of the squares.
        GatedModel three = softmax(new double[] {0, 1, 1, 0.1, 1}, new double[] {0, 1, 1.2, 0, 1.04},
                new double[] {-20, 1, 1, 0, 1}, SOFTMAX_TRUTH[1]);
        double w3 = Math.exp(-20);
        // Mass error e^{-20} (the third atom's ω); the third atom is exact, so it adds no parameter term.
        double expected = w3 + Math.pow(0.1, 6) + Math.pow(0.2, 3) + Math.pow(0.04, 3);
        assertEquals(expected, normalised(three, softmax(SOFTMAX_TRUTH)), 1e-14);
        // Aligned, u = 2/(2 + e^{-20}) removes the mass error at the price of scaling the parameter terms by u: a
        // gain below e^{-20} (both the normalised value and this differ from it by less than 1e-14 otherwise).
        double aligned = LOSSES.compute(three, softmax(SOFTMAX_TRUTH)).voronoi();
        assertTrue(aligned <= expected && aligned >= expected - w3 - 1e-14, aligned + " vs " + expected);
    }

    @Test
    void softmaxOverFittedCopyOfTheTruthHasZeroLoss() {
        // True atom 1 (ω* = 2) split into two exact copies with β_0 = log 2 + log ½ = 0 each: the same
        // conditional density, mass 1 + 1 = 2, no parameter error. The reference (last) atom is fitted once.
        double[] half = SOFTMAX_TRUTH[0].clone();
        half[0] = 0;
        GatedLossReport r = LOSSES.compute(softmax(half, half, SOFTMAX_TRUTH[1]), softmax(SOFTMAX_TRUTH));
        assertEquals(0.0, r.voronoi(), 1e-15);
        assertEquals(2, r.cells().get(0).size());
    }

    @Test
    void softmaxLossIgnoresACommonShiftOfEitherModelsGates() {
        double[][] fittedRows = {{Math.log(0.9), 1.1, 1.05, -0.1, 0.9}, {0.7, 1.3, 0.8, 0.2, 1.1},
            {0, 0.1, -1, 2.1, 0.45}};
        double plain = LOSSES.compute(softmax(fittedRows), softmax(SOFTMAX_TRUTH)).voronoi();
        double[][] f2 = new double[3][];
        for (int i = 0; i < 3; i++) {
            f2[i] = shifted(fittedRows[i], 3.7, -2.5);
        }
        double[][] t2 = {shifted(SOFTMAX_TRUTH[0], -1.3, 0.6), shifted(SOFTMAX_TRUTH[1], -1.3, 0.6)};
        double moved = LOSSES.compute(softmax(f2), softmax(t2)).voronoi();
        // Same loss up to the rounding of β_i + δ − (β_k + δ) (a few ulp, raised to powers ≤ 4).
        assertEquals(plain, moved, 1e-13 * plain);
        assertTrue(plain > 0.01, "a non-trivial case: " + plain);
    }

    @Test
    void gaussianTypeOneAndTwoDifferOnlyInTheSlopeExponent() {
        // Three fitted atoms in true atom 1's cell (r̄(3) = 6): one with Δa = 0.1, two exact copies.
        for (double c : new double[] {0.5, 0.0}) {
            GatedModel truth = gaussian(new double[] {0.5, c, 0.2, 1, 0, 1}, new double[] {0.5, 3, 0.1, -1, 2, 0.5});
            GatedModel fitted = gaussian(new double[] {0.2, c, 0.2, 1.1, 0, 1}, new double[] {0.15, c, 0.2, 1, 0, 1},
                    new double[] {0.15, c, 0.2, 1, 0, 1}, new double[] {0.5, 3, 0.1, -1, 2, 0.5});
            GatedLossReport r = LOSSES.compute(fitted, truth);
            assertArrayEquals(new int[] {0, 1, 2}, r.cells().get(0).members());
            // Type I (c* ≠ 0): ‖Δa‖²; type II (c* = 0): ‖Δa‖^{r̄/2} = ‖Δa‖³. Weight 0.2.
            double expected = 0.2 * (c != 0 ? 0.01 : 0.001);
            assertEquals(expected, r.voronoi(), 1e-15);
            assertEquals(0.2 * 0.1, r.cells().get(0).slopeError(), 1e-15);
        }
    }

    @Test
    void gaussianGateTermsByHand() {
        GatedModel truth = gaussian(new double[] {0.5, 0, 0.2, 1, 0, 1}, new double[] {0.5, 3, 0.1, -1, 2, 0.5});
        // Atom 1: w + 0.1, c + 0.3, Γ + 0.05 (singleton: exponent 1); atom 2: w − 0.1, exact otherwise.
        GatedModel fitted = gaussian(new double[] {0.6, 0.3, 0.25, 1, 0, 1}, new double[] {0.4, 3, 0.1, -1, 2, 0.5});
        GatedLossReport r = LOSSES.compute(fitted, truth);
        // D = 0.1 + 0.1 + 0.6·(0.3 + 0.05) = 0.41.
        assertEquals(0.41, r.voronoi(), 1e-14);
        assertEquals(0.6 * 0.3, r.cells().get(0).gateLocationError(), 1e-15);
        assertEquals(0.6 * 0.05, r.cells().get(0).gateCovarianceError(), 1e-15);
        // Any order of the fitted atoms gives the same loss (Gaussian gates have no reference atom).
        GatedModel swapped = gaussian(new double[] {0.4, 3, 0.1, -1, 2, 0.5}, new double[] {0.6, 0.3, 0.25, 1, 0, 1});
        assertEquals(r.voronoi(), LOSSES.compute(swapped, truth).voronoi(), 0.0);
    }

    @Test
    void deviationWeightErrors() {
        Deviation truthLambda = new SigmoidDeviation(new double[] {1}, -0.5);
        Deviation fittedLambda = new SigmoidDeviation(new double[] {1.3}, -0.1);
        GatedLossReport r = LOSSES.compute(softmax(fittedLambda, STUDENT, SOFTMAX_TRUTH),
                softmax(truthLambda, STUDENT, SOFTMAX_TRUTH));
        assertEquals(0.4, r.lambdaInterceptError(), 1e-15);
        assertEquals(0.3, r.lambdaSlopeError(), 1e-15);
        assertTrue(Double.isNaN(r.lambdaError()));
        assertEquals(0.0, r.voronoi(), 0.0);
        GatedLossReport c = LOSSES.compute(softmax(new ConstantDeviation(0.7), STUDENT, SOFTMAX_TRUTH),
                softmax(new ConstantDeviation(0.6), STUDENT, SOFTMAX_TRUTH));
        assertEquals(0.1, c.lambdaError(), 1e-15);
    }

    @Test
    void refusesMismatchedFamiliesAndMissingRbar() {
        GatedModel s = softmax(SOFTMAX_TRUTH);
        GatedModel g = gaussian(new double[] {0.5, 0, 0.2, 1, 0, 1}, new double[] {0.5, 3, 0.1, -1, 2, 0.5});
        assertThrows(IllegalArgumentException.class, () -> LOSSES.compute(s, g));
        GatedLosses noRbar = new GatedLosses(new LossSettings(Map.of(), 0, 1, 64));
        GatedModel twoInOne = softmax(SOFTMAX_TRUTH[0], SOFTMAX_TRUTH[0], SOFTMAX_TRUTH[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noRbar.compute(twoInOne, s));
        assertTrue(e.getMessage().contains("losses.voronoi.rbar"), e.getMessage());
    }

    @Test
    void aCellBeyondTheKnownRbarThatEmptiesAnotherCellHasANaNVoronoiLoss() {
        // k* = 2, k = 4, every fitted atom a copy of true atom 1: cell 2 is empty and cell 1 needs r̄(4), which
        // LossSettings.DEFAULTS does not have. D is NaN (never a guess); the per-cell errors, which need no r̄, are
        // finite: cell 2's mass error is its whole true mass ω_2* = 1.
        GatedModel fourInOne = softmax(SOFTMAX_TRUTH[0], SOFTMAX_TRUTH[0], SOFTMAX_TRUTH[0], SOFTMAX_TRUTH[0]);
        GatedLossReport r = LOSSES.compute(fourInOne, softmax(SOFTMAX_TRUTH));
        assertTrue(Double.isNaN(r.voronoi()), () -> "voronoi " + r.voronoi());
        assertEquals(1.0, r.cells().get(1).massError(), 1e-12);
        assertEquals(0.0, r.cells().get(0).slopeError(), 0.0);
    }

    /**
     * The authors' formulas on 28 random near-truth cases (gated_losses_reference.py: the SGaME function copied
     * under its MIT license, the GMoE one re-implemented). Relative tolerance 1e-12: the same formula in the
     * same order up to the sum's association; the softmax fitted gates are also shifted by a common (δ, δ0)
     * here, which moves β̃ by a few ulp.
     */
    @Test
    void agreesWithTheAuthorsDiscrepancies() throws IOException {
        int cases = 0;
        try (InputStream in = GatedLossesTest.class.getResourceAsStream("gated_losses_reference.txt")) {
            assertNotNull(in, "gated_losses_reference.txt on the test classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] t = line.trim().split("\\s+");
                int d = Integer.parseInt(t[1]);
                int k = Integer.parseInt(t[2]);
                int kStar = Integer.parseInt(t[3]);
                double[] v = new double[t.length - 4];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(t[i + 4]);
                }
                double expected = v[v.length - 1];
                GatedModel fitted;
                GatedModel truth;
                if (t[0].equals("softmax")) {
                    fitted = softmaxFrom(v, 0, k, 1.25, -0.75);
                    truth = softmaxFrom(v, 5 * k, kStar, 0, 0);
                } else {
                    int per = 1 + d + d * d + d + 2;
                    fitted = gaussianFrom(v, 0, k, d);
                    truth = gaussianFrom(v, per * k, kStar, d);
                }
                // The authors' formula is D at their normalisation (the last gate at zero); dgmoe's softmax voronoi is
                // that of the aligned gates, at most it (SoftmaxAlignment; GatedLosses.atoms, then the loss as written).
                double actual = t[0].equals("softmax") ? normalised(fitted, truth) : LOSSES.compute(fitted, truth)
                        .voronoi();
                assertEquals(expected, actual, 1e-12 * expected, line.substring(0, 40));
                assertTrue(LOSSES.compute(fitted, truth).voronoi() <= actual * (1 + 1e-12), line.substring(0, 40));
                cases++;
            }
        }
        assertEquals(28, cases);
    }

    private static GatedModel softmaxFrom(double[] v, int from, int k, double shift0, double shift1) {
        double[][] rows = new double[k][];
        for (int i = 0; i < k; i++) {
            int o = from + 5 * i;
            rows[i] = new double[] {v[o] + shift0, v[o + 1] + shift1, v[o + 2], v[o + 3], v[o + 4]};
        }
        return softmax(rows);
    }

    private static GatedModel gaussianFrom(double[] v, int from, int k, int d) {
        double[] w = new double[k];
        double[][] c = new double[k][d];
        double[][][] gamma = new double[k][d][d];
        List<Expert> experts = new ArrayList<>();
        int o = from;
        for (int i = 0; i < k; i++) {
            w[i] = v[o++];
            for (int j = 0; j < d; j++) {
                c[i][j] = v[o++];
            }
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    gamma[i][j][l] = v[o++];
                }
            }
            double[] a = new double[d];
            for (int j = 0; j < d; j++) {
                a[j] = v[o++];
            }
            double b = v[o++];
            double var = v[o++];
            experts.add(new Expert(a, b, var));
        }
        return new GatedModel(ONE, new GaussianGating(w, c, gamma), experts, NoG0.INSTANCE);
    }
}
