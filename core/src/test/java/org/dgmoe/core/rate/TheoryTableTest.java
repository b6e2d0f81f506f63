package org.dgmoe.core.rate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Setting;
import org.junit.jupiter.api.Test;

class TheoryTableTest {
    private static final G0 STUDENT = new StudentTG0(new double[] {0}, 0, 1, 3);

    private static Setting setting(G0 g0, int k, boolean lambdaFree, Map<String, Double> theory) {
        MixingMeasure g = new MixingMeasure(new double[] {0.5, 0.5}, List.of(new Expert(new double[] {1}, 0, 1),
                new Expert(new double[] {-1}, 2, 0.5)));
        DeviatedModel truth = new DeviatedModel(g0.isNone() ? 1 : 0.6, g, g0);
        FitSpec fit = new FitSpec(k, lambdaFree, Double.NaN, InitKind.NEAR_TRUTH, 1,
                EmSettings.DEFAULTS.withLambdaFree(lambdaFree), NearTruthStart.DEFAULTS, null);
        return new Setting("s", new UniformCovariates(new double[] {0}, new double[] {1}), truth, fit, theory);
    }

    @Test
    void distinguishableOverfittedDefaults() {
        // k = 4, k* = 2: assignment (0, 1, 0, 1) → both cells hold 2 atoms → r̄(2) = 4:
        // a, b: −1/8; σ: −1/4; masses −1/2. W̃ order r̄(4 − 2 + 1) = r̄(3) = 6: −1/12.
        Map<String, Double> t = TheoryTable.forSetting(setting(STUDENT, 4, true, null));
        assertEquals(Metrics.names(2, false), List.copyOf(t.keySet()));
        assertEquals(-0.5, t.get("voronoi"));
        assertEquals(-1.0 / 12, t.get("generalized_wasserstein"));
        assertEquals(-0.5, t.get("hellinger"));
        assertEquals(-0.5, t.get("lambda_error"));
        for (int j = 1; j <= 2; j++) {
            assertEquals(-0.5, t.get("cell" + j + "_mass"));
            assertEquals(-0.125, t.get("cell" + j + "_slope"));
            assertEquals(-0.125, t.get("cell" + j + "_intercept"));
            assertEquals(-0.25, t.get("cell" + j + "_variance"));
        }
    }

    @Test
    void plannedCellSizesAreTheNearTruthAssignment() {
        assertArrayEquals(new int[] {0, 2, 1}, TheoryTable.plannedCellSizes(setting(STUDENT, 3, true, null)));
        assertArrayEquals(new int[] {0, 2, 2}, TheoryTable.plannedCellSizes(setting(STUDENT, 4, true, null)));
        assertArrayEquals(new int[] {0, 1, 1}, TheoryTable.plannedCellSizes(setting(STUDENT, 2, true, null)));
    }

    @Test
    void cellSizesFollowTheNearTruthAssignment() {
        // k = 3, k* = 2: assignment (0, 1, 0): cell 1 has 2 atoms, cell 2 has 1. W̃ order r̄(2) = 4: −1/8.
        Map<String, Double> t = TheoryTable.forSetting(setting(STUDENT, 3, true, null));
        assertEquals(-0.125, t.get("cell1_slope"));
        assertEquals(-0.25, t.get("cell1_variance"));
        assertEquals(-0.5, t.get("cell2_slope"));
        assertEquals(-0.5, t.get("cell2_variance"));
        assertEquals(-0.125, t.get("generalized_wasserstein"));
        // k = 6: cells of 3 atoms → r̄(3) = 6: −1/12 and −1/6; W̃ needs r̄(5): unknown.
        Map<String, Double> six = TheoryTable.forSetting(setting(STUDENT, 6, true, null));
        assertEquals(-1.0 / 12, six.get("cell1_intercept"));
        assertEquals(-1.0 / 6, six.get("cell2_variance"));
        assertTrue(six.get("generalized_wasserstein").isNaN());
        // k = 8: cells of 4 atoms, r̄(4) not configured: unknown, as is D.
        Map<String, Double> eight = TheoryTable.forSetting(setting(STUDENT, 8, true, null));
        assertTrue(eight.get("cell1_slope").isNaN());
        assertTrue(eight.get("voronoi").isNaN());
        assertEquals(-0.5, eight.get("cell1_mass"));
        // With r̄(4) = 8 configured it is known: −1/16.
        Map<String, Double> configured = TheoryTable.forSetting(setting(STUDENT, 8, true, null),
                new LossSettings(Map.of(2, 4, 3, 6, 4, 8), 0, 16, 16));
        assertEquals(-1.0 / 16, configured.get("cell1_slope"));
    }

    @Test
    void lambdaUnknownWithoutG0OrWhenFixed() {
        assertTrue(TheoryTable.forSetting(setting(NoG0.INSTANCE, 2, true, null)).get("lambda_error").isNaN());
        assertTrue(TheoryTable.forSetting(setting(STUDENT, 2, false, null)).get("lambda_error").isNaN());
        // k = k*: W̃_1 = min Σ q (‖Δ(a,b)‖ + |Δσ|^{1/2}); |Δσ|^{1/2} ~ n^{-1/4} is the slowest term.
        assertEquals(-0.25, TheoryTable.forSetting(setting(NoG0.INSTANCE, 2, true, null)).get("generalized_wasserstein"));
    }

    @Test
    void nonDistinguishableMarksG0RelatedMetricsUnknown() {
        // g0 atom (0, 1.8, 0.6) is nearest to ω2* = (−1, 2, 0.5): its metrics, λ, D, W̃, cell 0 unknown.
        Map<String, Double> t = TheoryTable.forSetting(
                setting(new GaussianLinearG0(new double[] {0}, 1.8, 0.6), 2, true, null));
        assertEquals(Metrics.names(2, true), List.copyOf(t.keySet()));
        for (String name : List.of("lambda_error", "voronoi", "generalized_wasserstein", "cell2_mass", "cell2_slope",
                "cell2_intercept", "cell2_variance", "cell0_mass", "cell0_slope", "cell0_intercept",
                "cell0_variance")) {
            assertTrue(t.get(name).isNaN(), name);
        }
        assertEquals(-0.5, t.get("cell1_slope"));
        assertEquals(-0.5, t.get("hellinger"));
    }

    @Test
    void overridesReplaceDefaultsAndAreChecked() {
        Map<String, Double> o = new HashMap<>();
        o.put("hellinger", Double.NaN);
        o.put("cell1_slope", -0.3);
        Map<String, Double> t = TheoryTable.forSetting(setting(STUDENT, 2, true, o));
        assertTrue(t.get("hellinger").isNaN());
        assertEquals(-0.3, t.get("cell1_slope"));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> TheoryTable.forSetting(setting(STUDENT, 2, true, Map.of("helinger", -0.5))));
        assertTrue(typo.getMessage().startsWith("theory.helinger: not a metric"), typo.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TheoryTable.forSetting(setting(STUDENT, 2, true, Map.of("hellinger", 0.5))));
    }

    /** A point of a rate map: atoms (1, 0, 1) and (−1, 2, 0.5), λ*, g0 given. */
    private static Setting point(G0 g0, double lambdaStar, int k) {
        MixingMeasure g = new MixingMeasure(new double[] {0.5, 0.5}, List.of(new Expert(new double[] {1}, 0, 1),
                new Expert(new double[] {-1}, 2, 0.5)));
        FitSpec fit = new FitSpec(k, true, Double.NaN, InitKind.NEAR_TRUTH, 1, EmSettings.DEFAULTS.withLambdaFree(true),
                NearTruthStart.DEFAULTS, null);
        return new Setting("p", new UniformCovariates(new double[] {0}, new double[] {1}),
                new DeviatedModel(lambdaStar, g, g0), fit, Map.of());
    }

    @Test
    void theRegimeChangesAlongAMapAndPointsWithoutAnExponentSaySo() {
        // g0 moving onto atom 1 = (1, 0, 1) along its intercept
        Setting far = point(new GaussianLinearG0(new double[] {1}, -3, 1), 0.5, 2);
        Setting on = point(new GaussianLinearG0(new double[] {1}, 0, 1), 0.5, 2);
        assertEquals(TheoryTable.Regime.G0_EXPERT_APART, TheoryTable.regime(far));
        assertEquals(TheoryTable.Regime.FULL_OVERLAP, TheoryTable.regime(on));
        for (Setting s : List.of(far, on)) {
            Map<String, Double> t = TheoryTable.forSetting(s);
            assertTrue(Double.isNaN(t.get("lambda_error")) && Double.isNaN(t.get("cell1_slope")), t.toString());
            assertEquals(-0.5, t.get("cell2_slope"));
            assertEquals(-0.5, t.get("hellinger"));
        }
        // the atom nearest g0 is recomputed per point: g0 near atom 2 leaves atom 1 its exponents
        Setting nearTwo = point(new GaussianLinearG0(new double[] {-1}, 2.1, 0.5), 0.5, 2);
        assertEquals(-0.5, TheoryTable.forSetting(nearTwo).get("cell1_slope"));
        assertTrue(Double.isNaN(TheoryTable.forSetting(nearTwo).get("cell2_slope")));

        // λ* → 0 with a distinguishable g0: every default until the boundary, where only the density has one
        Map<String, Double> small = TheoryTable.forSetting(point(STUDENT, 0.02, 2));
        assertEquals(TheoryTable.Regime.DISTINGUISHABLE, TheoryTable.regime(point(STUDENT, 0.02, 2)));
        assertEquals(-0.5, small.get("lambda_error"));
        assertEquals(-0.5, small.get("cell1_mass"));
        Setting boundary = point(STUDENT, 0.0, 2);
        assertEquals(TheoryTable.Regime.BOUNDARY, TheoryTable.regime(boundary));
        Map<String, Double> zero = TheoryTable.forSetting(boundary);
        for (Map.Entry<String, Double> e : zero.entrySet()) {
            if (e.getKey().equals("hellinger")) {
                assertEquals(-0.5, e.getValue());
            } else {
                assertTrue(Double.isNaN(e.getValue()), e.getKey() + " has no exponent at λ* = 0, got " + e.getValue());
            }
        }
        assertEquals(TheoryTable.Regime.UNDER_FITTED, TheoryTable.regime(point(STUDENT, 0.5, 1)));
    }
}
