package org.dgmoe.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class TransportTest {

    @Test
    void handSolvedUnequalWeights() {
        // Supply 1/2 at 0 and 1/2 at 1; demand 1/4 at 0 and 3/4 at 1; cost |x − y|. The mass 1/4 of
        // the surplus at 0 must move to 1: cost 1/4·1 = 0.25.
        Transport.Plan plan = Transport.solve(new double[] {0.5, 0.5}, new double[] {0.25, 0.75},
                new double[][] {{0, 1}, {1, 0}});
        assertEquals(0.25, plan.cost(), 1e-15);
        assertEquals(0.25, plan.plan()[0][0], 1e-15);
        assertEquals(0.25, plan.plan()[0][1], 1e-15);
        assertEquals(0.5, plan.plan()[1][1], 1e-15);
        assertEquals(0.0, plan.plan()[1][0], 0.0);
    }

    @Test
    void handSolvedThreeByTwo() {
        // Supply (0.2, 0.3, 0.5), demand (0.6, 0.4), cost [[1,4],[2,1],[3,6]].
        // Ship everything to column 0 first: 0.2·1 + 0.3·2 + 0.5·3 = 2.3; moving x_i from column 0 to
        // column 1 changes the cost by (c_i1 − c_i0) = (+3, −1, +3) per unit, and 0.4 must move:
        // row 1 moves all its 0.3 (−0.3), the remaining 0.1 costs +3 per unit (+0.3): optimum 2.3.
        Transport.Plan plan = Transport.solve(new double[] {0.2, 0.3, 0.5}, new double[] {0.6, 0.4},
                new double[][] {{1, 4}, {2, 1}, {3, 6}});
        assertEquals(2.3, plan.cost(), 1e-14);
        assertEquals(0.3, plan.plan()[1][1], 1e-15);
    }

    @Test
    void equalWeightsMatchBruteForceOverPermutations() {
        // With k = k* and equal weights 1/k the optimum is a permutation (Birkhoff–von Neumann).
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        for (int trial = 0; trial < 60; trial++) {
            int k = 2 + trial % 5;
            double[][] cost = randomCost(rng, k, k);
            double[] w = new double[k];
            java.util.Arrays.fill(w, 1.0 / k);
            double best = Double.POSITIVE_INFINITY;
            for (int[] perm : permutations(k)) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += cost[i][perm[i]] / k;
                }
                best = Math.min(best, s);
            }
            Transport.Plan plan = Transport.solve(w, w, cost);
            assertEquals(best, plan.cost(), 1e-12 * Math.max(1, best), "trial " + trial);
            assertMarginals(plan.plan(), w, w);
        }
    }

    @Test
    void randomProblemsMatchCommonsMathSimplex() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
        for (int trial = 0; trial < 40; trial++) {
            int k = 1 + rng.nextInt(6);
            int m = 1 + rng.nextInt(5);
            double[] p = randomWeights(rng, k);
            double[] q = randomWeights(rng, m);
            double[][] cost = randomCost(rng, k, m);
            Transport.Plan plan = Transport.solve(p, q, cost);
            double lp = simplex(p, q, cost);
            assertEquals(lp, plan.cost(), 1e-9 * Math.max(1, lp), "trial " + trial);
            assertMarginals(plan.plan(), p, q);
        }
    }

    @Test
    void rejectsMisuse() {
        assertThrows(IllegalArgumentException.class,
                () -> Transport.solve(new double[] {1}, new double[] {1}, new double[][] {{-1}}));
        assertThrows(IllegalArgumentException.class,
                () -> Transport.solve(new double[] {0}, new double[] {1}, new double[][] {{1}}));
    }

    private static void assertMarginals(double[][] plan, double[] p, double[] q) {
        for (int i = 0; i < p.length; i++) {
            double s = 0;
            for (int j = 0; j < q.length; j++) {
                assertTrue(plan[i][j] >= 0);
                s += plan[i][j];
            }
            assertEquals(p[i], s, 1e-12);
        }
        for (int j = 0; j < q.length; j++) {
            double s = 0;
            for (double[] row : plan) {
                s += row[j];
            }
            assertEquals(q[j], s, 1e-12);
        }
    }

    private static double simplex(double[] p, double[] q, double[][] cost) {
        int k = p.length;
        int m = q.length;
        double[] c = new double[k * m];
        for (int i = 0; i < k; i++) {
            System.arraycopy(cost[i], 0, c, i * m, m);
        }
        Collection<LinearConstraint> cons = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double[] a = new double[k * m];
            for (int j = 0; j < m; j++) {
                a[i * m + j] = 1;
            }
            cons.add(new LinearConstraint(a, Relationship.EQ, p[i]));
        }
        // One column constraint is implied by the others; dropping it keeps rounding from making the
        // system infeasible.
        for (int j = 0; j < m - 1; j++) {
            double[] a = new double[k * m];
            for (int i = 0; i < k; i++) {
                a[i * m + j] = 1;
            }
            cons.add(new LinearConstraint(a, Relationship.EQ, q[j]));
        }
        PointValuePair sol = new SimplexSolver().optimize(new MaxIter(10_000), new LinearObjectiveFunction(c, 0),
                new LinearConstraintSet(cons), GoalType.MINIMIZE, new NonNegativeConstraint(true));
        return sol.getValue();
    }

    private static double[] randomWeights(UniformRandomProvider rng, int k) {
        double[] w = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            w[i] = 0.05 + rng.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] /= s;
        }
        return w;
    }

    private static double[][] randomCost(UniformRandomProvider rng, int k, int m) {
        double[][] c = new double[k][m];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < m; j++) {
                c[i][j] = 10 * rng.nextDouble();
            }
        }
        return c;
    }

    private static List<int[]> permutations(int k) {
        List<int[]> out = new ArrayList<>();
        permute(new int[k], new boolean[k], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int v = 0; v < cur.length; v++) {
            if (!used[v]) {
                used[v] = true;
                cur[pos] = v;
                permute(cur, used, pos + 1, out);
                used[v] = false;
            }
        }
    }
}
