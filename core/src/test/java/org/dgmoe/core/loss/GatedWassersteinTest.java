package org.dgmoe.core.loss;

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
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.NoG0;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.summary.FitLosses;
import org.junit.jupiter.api.Test;

/** The generalized Wasserstein distance between Gaussian-gated mixing measures (docs/gated-losses.md). */
class GatedWassersteinTest {
    private static final GatedLosses LOSSES = new GatedLosses(LossSettings.DEFAULTS);

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
        return new GatedModel(new ConstantDeviation(1), new GaussianGating(w, c, gamma), experts, NoG0.INSTANCE);
    }

    // Truth: two atoms 10 apart in b. Fitted: F1 near T1 (Δc = 0.3, Δb = 0.4: location 0.5; ΔΓ = 0.06, Δσ = 0.08:
    // scale 0.1), F2 halfway in b (5 from each), F3 = T2.
    private static final double[][] TRUTH = {{0.5, 0, 1, 1, 0, 1}, {0.5, 0, 1, 1, 10, 1}};
    private static final double[][] FITTED = {{0.3, 0.3, 1.06, 1, 0.4, 1.08}, {0.3, 0, 1, 1, 5, 1},
        {0.4, 0, 1, 1, 10, 1}};

    @Test
    void twoAgainstThreeAtomsByHand() {
        // k = 3, k* = 2: order r̄(2) = 4. Costs ‖Δ(c, a, b)‖^4 + ‖Δ(Γ, σ)‖^2: F1→T1 0.5^4 + 0.1^2 = 0.0725,
        // F1→T2 92.25^2 + 0.01, F2→T1 = F2→T2 = 5^4 = 625, F3→T1 = 10^4, F3→T2 = 0. Optimal plan: F1 sends 0.3 to T1,
        // F3 0.4 to T2, F2 fills the rest (0.2 to T1, 0.1 to T2): 0.3·0.0725 + 0.3·625 = 187.52175.
        GatedLossReport r = LOSSES.compute(gaussian(FITTED), gaussian(TRUTH));
        assertEquals(4, r.wassersteinOrder());
        double expected = Math.pow(0.3 * 0.0725 + 0.3 * 625, 0.25);
        // A few ulp of a six-entry plan's sum and of the powers (a 1e-16 relative error, then the 1/4 power).
        assertEquals(expected, r.generalizedWasserstein(), 1e-13 * expected);
        assertEquals(expected, GatedLosses.generalizedWasserstein(gaussian(FITTED), gaussian(TRUTH), 4),
                1e-13 * expected);
    }

    @Test
    void zeroAtTheTruthAndAtAnOverFittedCopy() {
        GatedModel truth = gaussian(TRUTH);
        // Exactly 0: every used arc of the plan costs 0 (x − x).
        assertEquals(0.0, LOSSES.compute(truth, truth).generalizedWasserstein(), 0.0);
        GatedModel split = gaussian(new double[] {0.2, 0, 1, 1, 0, 1}, new double[] {0.3, 0, 1, 1, 0, 1}, TRUTH[1]);
        GatedLossReport r = LOSSES.compute(split, truth);
        assertEquals(4, r.wassersteinOrder());
        assertEquals(0.0, r.generalizedWasserstein(), 0.0);
    }

    @Test
    void symmetricUnderPermutationsOfEitherModelsAtoms() {
        double w = LOSSES.compute(gaussian(FITTED), gaussian(TRUTH)).generalizedWasserstein();
        double[][] fittedPermuted = {FITTED[2], FITTED[0], FITTED[1]};
        double[][] truthPermuted = {TRUTH[1], TRUTH[0]};
        for (double v : new double[] {
            LOSSES.compute(gaussian(fittedPermuted), gaussian(TRUTH)).generalizedWasserstein(),
            LOSSES.compute(gaussian(FITTED), gaussian(truthPermuted)).generalizedWasserstein(),
            LOSSES.compute(gaussian(fittedPermuted), gaussian(truthPermuted)).generalizedWasserstein()}) {
            // The plan is found along other paths: the same sum up to its association (a few ulp).
            assertEquals(w, v, 1e-13 * w);
        }
    }

    /**
     * 30 cases (d = 1, 2; k = k* = 3 with equal weights, solved by scipy's linear_sum_assignment, and with unequal
     * weights or k = 4, 5 over-fitted, solved as a linear program by scipy's linprog/HiGHS) recorded by
     * {@code gated_wasserstein_reference.py}. Tolerance 1e-12 relative: both are exact up to rounding (the LP's basic
     * solution agreed with the assignment to 2.5e-16 on 300 equal-weight cases when recorded,
     * docs/gated-losses.md); Transport's successive shortest paths sum the same costs in another order.
     */
    @Test
    void agreesWithScipy() throws IOException {
        int cases = 0;
        int assignments = 0;
        try (InputStream in = GatedWassersteinTest.class.getResourceAsStream("gated_wasserstein_reference.txt")) {
            assertNotNull(in, "gated_wasserstein_reference.txt on the test classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] t = line.trim().split("\\s+");
                int d = Integer.parseInt(t[1]);
                int k = Integer.parseInt(t[2]);
                int kStar = Integer.parseInt(t[3]);
                int r = Integer.parseInt(t[4]);
                double[] v = new double[t.length - 5];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(t[i + 5]);
                }
                int per = 1 + d + d * d + d + 2;
                GatedModel fitted = gaussianFrom(v, 0, k, d);
                GatedModel truth = gaussianFrom(v, per * k, kStar, d);
                double expected = v[v.length - 1];
                String label = line.substring(0, 30);
                assertEquals(expected, GatedLosses.generalizedWasserstein(fitted, truth, r), 1e-12 * expected, label);
                if (r == LOSSES.settings().rbar().getOrDefault(k - kStar + 1, 1)) {
                    // The default order r̄(k − k* + 1) (1 at k = k*): what compute reports.
                    GatedLossReport report = LOSSES.compute(fitted, truth);
                    assertEquals(r, report.wassersteinOrder(), label);
                    assertEquals(expected, report.generalizedWasserstein(), 1e-12 * expected, label);
                }
                assignments += t[0].equals("assignment") ? 1 : 0;
                cases++;
            }
        }
        assertEquals(30, cases);
        assertEquals(12, assignments);
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
            experts.add(new Expert(a, b, v[o++]));
        }
        return new GatedModel(new ConstantDeviation(1), new GaussianGating(w, c, gamma), experts, NoG0.INSTANCE);
    }

    @Test
    void onlyGaussianGatingHasOneAndItReachesTheFitsRow() {
        GatedModel truth = gaussian(TRUTH);
        List<String> names = Metrics.names(truth);
        assertEquals(List.of(Metrics.VORONOI, Metrics.GENERALIZED_WASSERSTEIN, Metrics.HELLINGER),
                names.subList(0, 3));
        GatedLossReport r = LOSSES.compute(gaussian(FITTED), truth);
        FitLosses row = FitLosses.of(r, truth);
        assertEquals(r.generalizedWasserstein(), row.metrics().get(Metrics.GENERALIZED_WASSERSTEIN));
        assertEquals(Integer.valueOf(4), row.wassersteinOrder());

        GatedModel softmax = new GatedModel(new ConstantDeviation(1),
                new SoftmaxGating(new double[][] {{1}, {0}}, new double[] {0, 0}),
                List.of(new Expert(new double[] {1}, 0, 1), new Expert(new double[] {-1}, 2, 1)), NoG0.INSTANCE);
        GatedLossReport s = LOSSES.compute(softmax, softmax);
        assertTrue(Double.isNaN(s.generalizedWasserstein()));
        assertEquals(0, s.wassersteinOrder());
        assertTrue(!Metrics.names(softmax).contains(Metrics.GENERALIZED_WASSERSTEIN),
                "exp(β_0) are not the weights of a probability measure: no W for softmax gating");
        assertEquals(null, FitLosses.of(s, softmax).wassersteinOrder());
        assertThrows(IllegalArgumentException.class, () -> GatedLosses.generalizedWasserstein(softmax, softmax, 1));
        assertThrows(IllegalArgumentException.class, () -> GatedLosses.generalizedWasserstein(truth, truth, 0));
    }
}
