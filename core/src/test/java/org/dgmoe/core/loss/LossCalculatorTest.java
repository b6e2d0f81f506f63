package org.dgmoe.core.loss;

import static org.dgmoe.core.loss.Models.model;
import static org.dgmoe.core.loss.Models.permute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.junit.jupiter.api.Test;

class LossCalculatorTest {
    private static final Covariates X = new UniformCovariates(new double[] {0}, new double[] {1});
    private static final G0 STUDENT = new StudentTG0(new double[] {0.5}, 0, 1, 3);
    private static final LossCalculator CALC = new LossCalculator(new LossSettings(Map.of(2, 4, 3, 6), 0, 64, 64));

    // Truth: ω1* = (a 1, b 0, σ 1), ω2* = (a −1, b 2, σ 0.5), p* = (1/2, 1/2), λ* = 0.6.
    private static final double[][] TRUE_ATOMS = {{0.5, 1, 0, 1}, {0.5, -1, 2, 0.5}};
    // Fitted, λ = 0.5: two atoms near ω1*, one near ω2*.
    private static final double[][] FITTED_ATOMS = {{0.3, 1.1, 0, 1}, {0.2, 0.9, 0.2, 1.2}, {0.5, -1, 2.5, 0.5}};

    @Test
    void handComputedVoronoiAndCells() {
        DeviatedModel truth = model(0.6, STUDENT, TRUE_ATOMS);
        DeviatedModel fitted = model(0.5, STUDENT, FITTED_ATOMS);
        LossReport r = CALC.compute(fitted, truth, X);
        // Cells: atoms 0, 1 → ω1* (|A_1| = 2, exponent r̄(2) = 4, σ gets 2); atom 2 → ω2* (|A_2| = 1).
        assertArrayEquals(new int[] {0, 1}, r.cells().get(0).members());
        assertArrayEquals(new int[] {2}, r.cells().get(1).members());
        // |λ − λ*| = 0.1
        // masses: |0.5·0.5 − 0.6·0.5| = 0.05 for both cells
        // cell 1: 0.3·(0.1⁴ + 0⁴ + 0²) + 0.2·(0.1⁴ + 0.2⁴ + 0.2²) = 3e-5 + 0.2·0.0417 = 0.00837; ×λ = 0.004185
        // cell 2: 0.5·(0 + 0.5 + 0) = 0.25; ×λ = 0.125
        // D = 0.1 + 0.05 + 0.05 + 0.004185 + 0.125 = 0.329185
        assertEquals(0.329185, r.voronoi(), 1e-12);
        assertEquals(0.1, r.lambdaError(), 1e-15);
        CellError c1 = r.cells().get(0);
        assertEquals(0.05, c1.massError(), 1e-15);
        assertEquals(0.3 * 0.1 + 0.2 * 0.1, c1.slopeError(), 1e-15); // 0.05
        assertEquals(0.2 * 0.2, c1.interceptError(), 1e-15); // 0.04
        assertEquals(0.2 * 0.2, c1.varianceError(), 1e-15); // 0.04
        CellError c2 = r.cells().get(1);
        assertEquals(0.05, c2.massError(), 1e-15);
        assertEquals(0.0, c2.slopeError(), 0.0);
        assertEquals(0.25, c2.interceptError(), 1e-15);
        assertEquals(0.0, c2.varianceError(), 0.0);
        assertNull(r.g0Cell());
    }

    @Test
    void handComputedGeneralizedWasserstein() {
        // Order r̄(k − k* + 1) = r̄(2) = 4; cost ‖Δ(a, b)‖⁴ + |Δσ|²:
        //   atom 0 → ω1*: 0.1⁴ = 1e-4;   atom 1 → ω1*: (0.01 + 0.04)² + 0.2² = 0.0025 + 0.04 = 0.0425;
        //   atom 2 → ω2*: 0.5⁴ = 0.0625; all cross costs exceed 46.
        // The marginals (0.3, 0.2, 0.5) → (0.5, 0.5) allow atoms 0, 1 → ω1* and atom 2 → ω2* exactly:
        //   0.3·1e-4 + 0.2·0.0425 + 0.5·0.0625 = 0.00003 + 0.0085 + 0.03125 = 0.03978; W̃ = 0.03978^(1/4).
        LossReport r = CALC.compute(model(0.5, STUDENT, FITTED_ATOMS), model(0.6, STUDENT, TRUE_ATOMS), X);
        assertEquals(4, r.wassersteinOrder());
        assertEquals(Math.pow(0.03978, 0.25), r.generalizedWasserstein(), 1e-12);
    }

    @Test
    void wassersteinOrderOneWhenExactlyFitted() {
        // k = k*: r = 1, cost ‖Δ(a, b)‖ + |Δσ|^(1/2). Atom (a 1, b 0.3, σ 1.04) vs ω1*: 0.3 + 0.2 = 0.5,
        // weight 1/2; atom 2 exact: W̃ = 0.5·0.5 = 0.25.
        DeviatedModel fitted = model(0.6, STUDENT, new double[] {0.5, 1, 0.3, 1.04}, TRUE_ATOMS[1]);
        LossReport r = CALC.compute(fitted, model(0.6, STUDENT, TRUE_ATOMS), X);
        assertEquals(1, r.wassersteinOrder());
        assertEquals(0.25, r.generalizedWasserstein(), 1e-12);
    }

    @Test
    void everyLossIsZeroAtTheTruth() {
        G0[] g0s = {STUDENT, NoG0.INSTANCE, new GaussianLinearG0(new double[] {0}, 5, 2),
            new GaussianNonlinearG0(GaussianNonlinearG0.MeanFunction.SIN, new double[] {1, 3}, 0.2)};
        for (G0 g0 : g0s) {
            double lambda = g0.isNone() ? 1 : 0.6;
            DeviatedModel truth = model(lambda, g0, TRUE_ATOMS);
            LossReport r = CALC.compute(truth, truth, X);
            for (Map.Entry<String, Double> e : Metrics.toMap(r).entrySet()) {
                assertEquals(0.0, e.getValue(), 0.0, g0.type() + " " + e.getKey());
            }
        }
    }

    @Test
    void lossesAreNonNegativeAndInvariantUnderPermutations() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        for (int trial = 0; trial < 10; trial++) {
            double[][] truthAtoms = randomAtoms(rng, 3);
            double[][] fittedAtoms = randomAtoms(rng, 5);
            // Cells sizes must stay ≤ 3 for the default r̄; redraw until so.
            DeviatedModel truth = model(0.7, STUDENT, truthAtoms);
            DeviatedModel fitted = model(0.4 + 0.5 * rng.nextDouble(), STUDENT, fittedAtoms);
            int[] cells = LossCalculator.voronoiCells(fitted.mixing(), truth.mixing(), null);
            if (maxCellSize(cells, 3) > 3) {
                trial--;
                continue;
            }
            LossReport r = CALC.compute(fitted, truth, X);
            for (Map.Entry<String, Double> e : Metrics.toMap(r).entrySet()) {
                assertTrue(e.getValue() >= 0, e.getKey() + " = " + e.getValue());
            }
            assertTrue(r.voronoi() > 0 && r.generalizedWasserstein() > 0 && r.hellinger() > 0);
            int[] fp = {4, 2, 0, 3, 1};
            int[] tp = {2, 0, 1};
            DeviatedModel fitted2 = model(fitted.lambda(), STUDENT, permute(fittedAtoms, fp));
            DeviatedModel truth2 = model(0.7, STUDENT, permute(truthAtoms, tp));
            LossReport r2 = CALC.compute(fitted2, truth2, X);
            assertEquals(r.voronoi(), r2.voronoi(), 1e-12);
            assertEquals(r.generalizedWasserstein(), r2.generalizedWasserstein(), 1e-10);
            assertEquals(r.hellinger(), r2.hellinger(), 1e-10);
            assertEquals(r.lambdaError(), r2.lambdaError(), 0.0);
            // True atom j of the permuted truth is atom tp[j] of the original: its cell errors move along.
            for (int j = 0; j < 3; j++) {
                CellError a = r.cells().get(tp[j]);
                CellError b = r2.cells().get(j);
                assertEquals(a.size(), b.size());
                assertEquals(a.massError(), b.massError(), 1e-12);
                assertEquals(a.slopeError(), b.slopeError(), 1e-12);
                assertEquals(a.interceptError(), b.interceptError(), 1e-12);
                assertEquals(a.varianceError(), b.varianceError(), 1e-12);
            }
        }
    }

    @Test
    void cellsOfTwoAndThreeAtomsUseRbar() {
        // One true atom (a 0, b 0, σ 1), λ = λ* = 1 (no g0), so D = mass term 0 + parameter terms.
        double[] t = {1, 0, 0, 1};
        // Two atoms, each weight 1/2, Δa = 0.1, Δb = 0, Δσ = 0.1: D = 0.5·(0.1⁴ + 0.1²)·2 = 0.0101 with
        // r̄(2) = 4 (σ gets r̄/2 = 2). With exponent 1 it would be 0.2.
        LossReport two = CALC.compute(model(1, NoG0.INSTANCE, new double[] {0.5, 0.1, 0, 1.1},
                new double[] {0.5, 0.1, 0, 1.1}), model(1, NoG0.INSTANCE, t), X);
        assertEquals(0.0101, two.voronoi(), 1e-15);
        // Three atoms of weight 1/3 with the same errors: r̄(3) = 6, σ gets 3: D = 0.1⁶ + 0.1³ = 0.001001.
        double[] a = {1.0 / 3, 0.1, 0, 1.1};
        LossReport three = CALC.compute(model(1, NoG0.INSTANCE, a, a, a), model(1, NoG0.INSTANCE, t), X);
        assertEquals(0.001001, three.voronoi(), 1e-15);
        // A configured r̄(3) = 8 changes it: 0.1⁸ + 0.1⁴ = 1.0001e-4.
        LossCalculator custom = new LossCalculator(new LossSettings(Map.of(2, 4, 3, 8), 1, 16, 16));
        assertEquals(1.0001e-4, custom.compute(model(1, NoG0.INSTANCE, a, a, a), model(1, NoG0.INSTANCE, t), X)
                .voronoi(), 1e-16);
    }

    @Test
    void aCellBeyondTheKnownRbarThatEmptiesAnotherCellHasANaNVoronoiLoss() {
        // k* = 2, k = 4: all four fitted atoms nearest true atom 1, so cell 2 is empty and cell 1 needs r̄(4),
        // which is not configured. The Voronoi loss is NaN (recorded, never a guess); the cell errors, which need
        // no r̄, stay finite; W̃'s order r̄(k − k* + 1) = r̄(3) is known.
        double[] t1 = {0.5, 0, 0, 1};
        double[] t2 = {0.5, 0, 10, 1};
        double[] a = {0.25, 0.1, 0, 1.1};
        LossReport r = CALC.compute(model(1, NoG0.INSTANCE, a, a, a, a), model(1, NoG0.INSTANCE, t1, t2), X);
        assertTrue(Double.isNaN(r.voronoi()), () -> "voronoi " + r.voronoi());
        assertEquals(0.1, r.cells().get(0).slopeError(), 1e-15);
        assertEquals(0.5, r.cells().get(1).massError(), 1e-15);
        assertTrue(Double.isFinite(r.generalizedWasserstein()), () -> "W " + r.generalizedWasserstein());
        // The same fit with r̄(4) configured has a finite loss: the NaN comes from the missing entry alone.
        LossCalculator withFour = new LossCalculator(new LossSettings(Map.of(2, 4, 3, 6, 4, 8), 0, 16, 16));
        assertTrue(Double.isFinite(withFour.compute(model(1, NoG0.INSTANCE, a, a, a, a),
                model(1, NoG0.INSTANCE, t1, t2), X).voronoi()));
    }

    @Test
    void fourAtomCellWithoutRbarFailsNamingTheEntry() {
        double[] t = {1, 0, 0, 1};
        double[] a = {0.25, 0.1, 0, 1.1};
        // Fix the W̃ order so that the Voronoi loss is what fails.
        LossCalculator calc = new LossCalculator(new LossSettings(Map.of(2, 4, 3, 6), 1, 16, 16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> calc.compute(model(1, NoG0.INSTANCE, a, a, a, a), model(1, NoG0.INSTANCE, t), X));
        assertTrue(e.getMessage().startsWith("losses.voronoi.rbar: no entry for a cell of 4 atoms; add "
                + "losses.voronoi.rbar { 4 = ... }"), e.getMessage());
        // The default W̃ order r̄(k − k* + 1) = r̄(4) fails the same way.
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> CALC.wassersteinOrder(4, 1));
        assertTrue(w.getMessage().contains("losses.voronoi.rbar { 4 = ... }"), w.getMessage());
        // With r̄(4) configured it works: r̄(4) = 8, σ gets 4: D = 0.1⁸ + 0.1⁴.
        LossCalculator ok = new LossCalculator(new LossSettings(Map.of(2, 4, 3, 6, 4, 8), 0, 16, 16));
        LossReport r = ok.compute(model(1, NoG0.INSTANCE, a, a, a, a), model(1, NoG0.INSTANCE, t), X);
        assertEquals(1.0001e-4, r.voronoi(), 1e-16);
        assertEquals(8, r.wassersteinOrder());
    }

    @Test
    void emptyCellKeepsItsMassTerm() {
        // Both fitted atoms sit at ω1*; ω2* gets none. λ = λ* = 1.
        // D = |1·1 − 0.5| (cell 1 mass) + |0 − 0.5| (empty cell 2) + 0 (cell 1 has 2 exact atoms) = 1.
        DeviatedModel truth = model(1, NoG0.INSTANCE, TRUE_ATOMS);
        DeviatedModel fitted = model(1, NoG0.INSTANCE, new double[] {0.5, 1, 0, 1}, new double[] {0.5, 1, 0, 1});
        LossReport r = CALC.compute(fitted, truth, X);
        assertEquals(1.0, r.voronoi(), 1e-15);
        assertEquals(0, r.cells().get(1).size());
        assertEquals(0.5, r.cells().get(1).massError(), 1e-15);
        assertEquals(0.0, r.cells().get(1).slopeError(), 0.0);
    }

    @Test
    void cellZeroInTheNonDistinguishableCase() {
        // g0 = f(y | 0·x + 5, σ0 = 2). Truth ω1* = (1, 0, 1), ω2* = (−1, 2, 0.5), λ* = 0.6.
        G0 g0 = new GaussianLinearG0(new double[] {0}, 5, 2);
        DeviatedModel truth = model(0.6, g0, TRUE_ATOMS);
        // Fitted λ = 0.8; atom 2 (0, 4.9, 2.1) is nearest to (0, 5, 2) → cell 0.
        DeviatedModel fitted = model(0.8, g0, new double[] {0.4, 1, 0, 1}, new double[] {0.35, -1, 2, 0.5},
                new double[] {0.25, 0, 4.9, 2.1});
        LossReport r = CALC.compute(fitted, truth, X);
        CellError c0 = r.g0Cell();
        assertArrayEquals(new int[] {2}, c0.members());
        // Mass on g0's parameters: fitted (1 − 0.8) + 0.8·0.25 = 0.4 against true 1 − 0.6 = 0.4: error 0
        // (up to rounding); equivalently |0.8·0.75 − 0.6| = 0.
        assertEquals(0.0, c0.massError(), 1e-15);
        assertEquals(0.0, c0.slopeError(), 0.0);
        assertEquals(0.25 * 0.1, c0.interceptError(), 1e-15);
        assertEquals(0.25 * 0.1, c0.varianceError(), 1e-15);
        // D over true atoms only: |0.8 − 0.6| + |0.8·0.4 − 0.3| + |0.8·0.35 − 0.3| + 0 = 0.2 + 0.02 + 0.02.
        assertEquals(0.24, r.voronoi(), 1e-14);
        assertEquals(List.of("cell0_mass", "cell0_slope", "cell0_intercept", "cell0_variance"),
                List.copyOf(Metrics.toMap(r).keySet()).subList(12, 16));
        // A tie between g0 and a true atom goes to the true atom: the midpoint (0.5, 2.5, 1.5) of
        // ω1* = (1, 0, 1) and g0's (0, 5, 2) is equidistant from both.
        double[] mid = {1.0, 0.5, 2.5, 1.5};
        int[] cell = LossCalculator.voronoiCells(Models.mixing(mid), Models.mixing(new double[] {1, 1, 0, 1}),
                ((GaussianLinearG0) g0).expert());
        assertEquals(1, cell[0]);
    }

    @Test
    void metricNamesMatchTheReportInOrder() {
        LossReport r = CALC.compute(model(0.5, STUDENT, FITTED_ATOMS), model(0.6, STUDENT, TRUE_ATOMS), X);
        assertEquals(Metrics.names(2, false), List.copyOf(Metrics.toMap(r).keySet()));
        assertEquals(List.of("voronoi", "generalized_wasserstein", "hellinger", "lambda_error", "cell1_mass",
                "cell1_slope", "cell1_intercept", "cell1_variance", "cell2_mass", "cell2_slope", "cell2_intercept",
                "cell2_variance"), Metrics.names(2, false));
        assertEquals(Map.of("wasserstein_order", 4, "cell1_size", 2, "cell2_size", 1), Metrics.labels(r));
        assertEquals(Metrics.labelNames(2, false), List.copyOf(Metrics.labels(r).keySet()));
    }

    @Test
    void rejectsMismatchedG0() {
        assertThrows(IllegalArgumentException.class, () -> CALC.compute(model(0.6, STUDENT, TRUE_ATOMS),
                model(0.6, new StudentTG0(new double[] {0.5}, 0, 1, 4), TRUE_ATOMS), X));
    }

    private static int maxCellSize(int[] cells, int kStar) {
        int[] c = new int[kStar + 1];
        int max = 0;
        for (int v : cells) {
            max = Math.max(max, ++c[v]);
        }
        return max;
    }

    private static double[][] randomAtoms(UniformRandomProvider rng, int k) {
        double[][] atoms = new double[k][];
        double s = 0;
        for (int i = 0; i < k; i++) {
            atoms[i] = new double[] {0.1 + rng.nextDouble(), 2 * rng.nextDouble() - 1, 4 * rng.nextDouble() - 2,
                0.1 + rng.nextDouble()};
            s += atoms[i][0];
        }
        double acc = 0;
        for (int i = 0; i < k - 1; i++) {
            atoms[i][0] /= s;
            acc += atoms[i][0];
        }
        atoms[k - 1][0] = 1 - acc;
        return atoms;
    }
}
