package org.dgmoe.core.loss;

/**
 * Exact optimal transport between two small discrete measures: the transportation linear program
 * <pre>
 *   min Σ_{i,j} q_ij c_ij   subject to   Σ_j q_ij = p_i,  Σ_i q_ij = p*_j,  q_ij ≥ 0
 * </pre>
 * solved by successive shortest paths on the bipartite residual graph (Bellman–Ford, since the
 * residual graph carries the negative costs −c_ij of arcs that already hold flow). Each
 * augmentation pushes the bottleneck amount along a cheapest source-to-sink path; when all supply
 * is shipped the plan is optimal (no negative residual cycle), exactly up to floating-point rounding.
 *
 * <p>Both weight vectors are first divided by their own sums, so weights summing to 1 only within
 * {@code MixingMeasure.WEIGHT_SUM_TOLERANCE} still give a balanced problem. Intended for the k × k*
 * problems of the losses (tens of atoms at most): the cost is O((k + k*)·k·k*) per augmentation.
 */
public final class Transport {
    /** Remaining supply or demand at or below this (on the normalised scale) counts as shipped. */
    static final double SHIPPED = 1e-15;

    private Transport() {
    }

    /**
     * An optimal plan.
     *
     * @param cost the minimal total cost Σ q_ij c_ij
     * @param plan the coupling q (rows: supply atoms, columns: demand atoms); a fresh array owned by the caller
     */
    public record Plan(double cost, double[][] plan) {
    }

    /**
     * Solves the transport problem.
     *
     * @param supply weights p_i ≥ 0 with a positive sum (not modified)
     * @param demand weights p*_j ≥ 0 with a positive sum (not modified)
     * @param cost   c_ij ≥ 0 and finite, supply.length rows of demand.length entries (not modified)
     */
    public static Plan solve(double[] supply, double[] demand, double[][] cost) {
        int k = supply.length;
        int m = demand.length;
        if (k == 0 || m == 0) {
            throw new IllegalArgumentException("supply, demand: must be non-empty, got " + k + " and " + m);
        }
        if (cost.length != k) {
            throw new IllegalArgumentException("cost: must have " + k + " rows, got " + cost.length);
        }
        double[] rs = normalised(supply, "supply");
        double[] rd = normalised(demand, "demand");
        for (int i = 0; i < k; i++) {
            if (cost[i].length != m) {
                throw new IllegalArgumentException("cost[" + i + "]: must have " + m + " entries, got " + cost[i].length);
            }
            for (int j = 0; j < m; j++) {
                if (!(cost[i][j] >= 0) || !Double.isFinite(cost[i][j])) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "]: must be >= 0 and finite, got "
                            + cost[i][j]);
                }
            }
        }
        double[][] flow = new double[k][m];
        // Dist and predecessors: supply nodes 0..k-1, demand nodes 0..m-1. predOfDemand[j] = supply
        // node whose forward arc reached j; predOfSupply[i] = demand node whose backward arc reached i
        // (−1: i is a root, entered from the source).
        double[] distS = new double[k];
        double[] distD = new double[m];
        int[] predS = new int[k];
        int[] predD = new int[m];
        double scale = 0;
        for (double[] row : cost) {
            for (double c : row) {
                scale = Math.max(scale, c);
            }
        }
        // Relaxations must improve by more than rounding, or a zero-cost cycle could relax forever.
        double improve = 1e-14 * Math.max(scale, Double.MIN_NORMAL);
        int maxAugmentations = 100 * (k + m) * (k + m);
        for (int aug = 0; aug < maxAugmentations; aug++) {
            boolean anySupply = false;
            for (int i = 0; i < k; i++) {
                if (rs[i] > SHIPPED) {
                    distS[i] = 0;
                    anySupply = true;
                } else {
                    distS[i] = Double.POSITIVE_INFINITY;
                }
                predS[i] = -1;
            }
            boolean anyDemand = false;
            for (int j = 0; j < m; j++) {
                distD[j] = Double.POSITIVE_INFINITY;
                predD[j] = -1;
                anyDemand |= rd[j] > SHIPPED;
            }
            if (!anySupply || !anyDemand) {
                return new Plan(total(flow, cost), flow);
            }
            for (int pass = 0; pass <= k + m; pass++) {
                boolean changed = false;
                for (int i = 0; i < k; i++) {
                    if (distS[i] == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    for (int j = 0; j < m; j++) {
                        double nd = distS[i] + cost[i][j];
                        if (nd < distD[j] - improve) {
                            distD[j] = nd;
                            predD[j] = i;
                            changed = true;
                        }
                    }
                }
                for (int j = 0; j < m; j++) {
                    if (distD[j] == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    for (int i = 0; i < k; i++) {
                        if (flow[i][j] > 0) {
                            double nd = distD[j] - cost[i][j];
                            if (nd < distS[i] - improve) {
                                distS[i] = nd;
                                predS[i] = j;
                                changed = true;
                            }
                        }
                    }
                }
                if (!changed) {
                    break;
                }
            }
            int target = -1;
            for (int j = 0; j < m; j++) {
                if (rd[j] > SHIPPED && distD[j] < Double.POSITIVE_INFINITY
                        && (target < 0 || distD[j] < distD[target])) {
                    target = j;
                }
            }
            if (target < 0) {
                throw new IllegalStateException("Transport: no augmenting path with demand left (bug)");
            }
            // Bottleneck along the path target ← i ← j' ← i' ... ← root.
            double bottleneck = rd[target];
            int j = target;
            int steps = 0;
            int root;
            while (true) {
                int i = predD[j];
                int back = predS[i];
                if (back < 0) {
                    root = i;
                    break;
                }
                bottleneck = Math.min(bottleneck, flow[i][back]);
                j = back;
                if (++steps > k + m) {
                    throw new IllegalStateException("Transport: cyclic predecessor chain (bug)");
                }
            }
            bottleneck = Math.min(bottleneck, rs[root]);
            j = target;
            while (true) {
                int i = predD[j];
                flow[i][j] += bottleneck;
                int back = predS[i];
                if (back < 0) {
                    break;
                }
                flow[i][back] = flow[i][back] == bottleneck ? 0 : Math.max(0, flow[i][back] - bottleneck);
                j = back;
            }
            rs[root] = rs[root] == bottleneck ? 0 : rs[root] - bottleneck;
            rd[target] = rd[target] == bottleneck ? 0 : rd[target] - bottleneck;
        }
        throw new IllegalStateException("Transport: no convergence after " + maxAugmentations + " augmentations (bug)");
    }

    private static double[] normalised(double[] w, String name) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException(name + "[" + i + "]: must be >= 0 and finite, got " + w[i]);
            }
            s += w[i];
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException(name + ": must have a positive sum, got " + s);
        }
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / s;
        }
        return out;
    }

    private static double total(double[][] flow, double[][] cost) {
        double s = 0;
        for (int i = 0; i < flow.length; i++) {
            for (int j = 0; j < flow[i].length; j++) {
                s += flow[i][j] * cost[i][j];
            }
        }
        return s;
    }
}
