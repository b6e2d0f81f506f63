package org.dgmoe.core.rate;

import java.util.Map;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.study.Setting;

/**
 * The theoretical exponents of the gated losses ({@code org.dgmoe.core.loss.GatedLosses}): the slope of
 * log(mean loss) on log(n) each paper's result implies (−0.5 for n^{-1/2}), with the source beside each, and
 * {@code Double.NaN} ("unknown") where no paper gives one. docs/gated-losses.md has the table.
 *
 * <p>Every paper bounds its Voronoi loss by n^{-1/2} (up to log factors). A term raised to the power q in
 * that loss, with a weight bounded away from 0, therefore has error n^{-1/(2q)}: that is how the
 * per-parameter exponents below follow from the losses' exponents, as in {@link TheoryTable}. The component
 * errors of {@code GatedCellError} are weighted sums Σ ω_i ‖Δ‖ (power 1 of each distance), so they decay
 * like the slowest member, n^{-1/(2q)}.
 */
public final class GatedTheoryTable {
    /** Nguyen, Nguyen &amp; Ho, "Demystifying softmax gating function in Gaussian mixture of experts", NeurIPS 2023. */
    public static final String SOFTMAX_PAPER = "Nguyen, Nguyen & Ho, NeurIPS 2023 (arXiv 2305.03288)";
    /** Nguyen, Nguyen, Nguyen &amp; Ho, "Towards convergence rates for parameter estimation in Gaussian-gated MoE", AISTATS 2024. */
    public static final String GAUSSIAN_PAPER = "Nguyen, Nguyen, Nguyen & Ho, AISTATS 2024 (arXiv 2305.07572)";
    /** Yan, Nguyen, Le, Akbarian, Ho &amp; Rinaldo, "On minimax estimation of parameters in softmax-contaminated MoE", NeurIPS 2025. */
    public static final String CONTAMINATED_PAPER = "Yan, Nguyen, Le, Akbarian, Ho & Rinaldo, NeurIPS 2025 (arXiv 2505.18455)";

    private GatedTheoryTable() {
    }

    /** The quantities a gated loss reports ({@code GatedLossReport}, {@code GatedCellError}). */
    public enum Quantity {
        /** The family's Voronoi loss. */
        VORONOI,
        /** A cell's mass error |Σ ω_i − ω_j*|. */
        MASS,
        /** The gate's location: β_1 (softmax) or c (Gaussian). */
        GATE_LOCATION,
        /** The Gaussian gate's covariance Γ. */
        GATE_COVARIANCE,
        /** The expert slope a. */
        SLOPE,
        /** The expert intercept b. */
        INTERCEPT,
        /** The expert variance σ. */
        VARIANCE,
        /** γ0 of a sigmoid deviation weight. */
        LAMBDA_INTERCEPT,
        /** γ of a sigmoid deviation weight. */
        LAMBDA_SLOPE
    }

    /**
     * An exponent and where it comes from.
     *
     * @param value  the exponent of n (≤ 0), NaN for unknown
     * @param source the paper and result it follows from, or why it is unknown
     */
    public record Exponent(double value, String source) {
        public Exponent {
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("source: every exponent names its source");
            }
            if (value > 0 || Double.isInfinite(value)) {
                throw new IllegalArgumentException("value: an exponent is finite and <= 0, or NaN; got " + value);
            }
        }

        public boolean known() {
            return !Double.isNaN(value);
        }
    }

    private static Exponent unknown(String why) {
        return new Exponent(Double.NaN, why);
    }

    /**
     * Softmax gating, for a quantity of a Voronoi cell of {@code cellSize} fitted atoms (any size for
     * {@link Quantity#VORONOI} and {@link Quantity#MASS}). Exact-fitted D1 ≲ n^{-1/2} gives −1/2 for every
     * parameter of a singleton cell; over-fitted D2 ≲ n^{-1/2}, with powers r̄ on β_1 and b and r̄/2 on a
     * and σ, gives −1/(2r̄) and −1/r̄.
     */
    public static Exponent softmax(Quantity q, int cellSize, LossSettings losses) {
        String d1 = SOFTMAX_PAPER + ": exact-fitted result, D1 ≲ n^{-1/2}";
        String d2 = SOFTMAX_PAPER + ": over-fitted result, D2 ≲ n^{-1/2}";
        switch (q) {
            case VORONOI:
                return new Exponent(-0.5, d1 + "; " + d2);
            case MASS:
                return new Exponent(-0.5, (cellSize <= 1 ? d1 : d2) + " (mass term, power 1)");
            case GATE_COVARIANCE:
            case LAMBDA_INTERCEPT:
            case LAMBDA_SLOPE:
                return unknown("softmax gating has no such parameter, or the paper has no deviation weight");
            default:
                break;
        }
        if (cellSize <= 1) {
            return new Exponent(-0.5, d1 + " (power 1)");
        }
        Integer r = losses.rbar().get(cellSize);
        if (r == null) {
            return unknown("r̄(" + cellSize + ") not configured (losses.voronoi.rbar)");
        }
        boolean full = q == Quantity.GATE_LOCATION || q == Quantity.INTERCEPT;
        return full ? new Exponent(-1.0 / (2 * r), d2 + " (power r̄ = " + r + " on β_1 and b)")
                : new Exponent(-1.0 / r, d2 + " (power r̄/2 = " + r / 2.0 + " on a and σ)");
    }

    /**
     * Gaussian gating. Singleton cells: −1/2 for every parameter. A cell of m ≥ 2 atoms: powers r̄ on c and
     * b (−1/(2r̄)), r̄/2 on Γ and σ (−1/r̄), and on a either 2 (−1/4) when the true gate mean c_j* ≠ 0 (type I)
     * or r̄/2 (−1/r̄) when c_j* = 0 (type II); the powers are those of the authors' code
     * (CRPE-GMoE {@code gauss_loss_GLLiM1/2}), which uses r̃(m) = r̄(m) for type II.
     */
    public static Exponent gaussian(Quantity q, int cellSize, boolean zeroGateMean, LossSettings losses) {
        String exact = GAUSSIAN_PAPER + ": exact-fitted Voronoi loss ≲ n^{-1/2}";
        String over = GAUSSIAN_PAPER + ": over-fitted Voronoi loss (type " + (zeroGateMean ? "II" : "I")
                + ") ≲ n^{-1/2}";
        switch (q) {
            case VORONOI:
                return new Exponent(-0.5, exact + "; " + over);
            case MASS:
                return new Exponent(-0.5, (cellSize <= 1 ? exact : over) + " (mass term, power 1)");
            case LAMBDA_INTERCEPT:
            case LAMBDA_SLOPE:
                return unknown("the Gaussian-gated MoE paper has no deviation weight");
            default:
                break;
        }
        if (cellSize <= 1) {
            return new Exponent(-0.5, exact + " (power 1)");
        }
        Integer r = losses.rbar().get(cellSize);
        if (q == Quantity.SLOPE && !zeroGateMean) {
            return new Exponent(-0.25, over + " (power 2 on a)");
        }
        if (r == null) {
            return unknown("r̄(" + cellSize + ") not configured (losses.voronoi.rbar)");
        }
        return switch (q) {
            case GATE_LOCATION, INTERCEPT -> new Exponent(-1.0 / (2 * r), over + " (power r̄ = " + r + ")");
            default -> new Exponent(-1.0 / r, over + " (power r̄/2 = " + r / 2.0 + ")");
        };
    }

    /**
     * Gaussian gating's generalized Wasserstein distance W̃_r between the mixing measures (docs/gated-losses.md) at the
     * default order r = r̄(k − k* + 1): the joint law of (x, y) is a location-scale Gaussian mixture that the joint
     * likelihood fits, for which Ho &amp; Nguyen (2016) bound W̃_r̄ by n^{-1/(2r̄)} over-fitted (r̄ = r̄(k − k* + 1)) and
     * Nguyen (2013) W_1 by n^{-1/2} exact-fitted. The exponent is {@link TheoryTable#wassersteinExponent}'s, as for the
     * deviated model: −1/(2r̄) over-fitted, −1/4 at k = k* (W̃_1's scale term is a square root); NaN for another
     * configured order or a missing r̄.
     */
    public static Exponent generalizedWasserstein(int experts, int kStar, LossSettings losses) {
        double e = TheoryTable.wassersteinExponent(experts, kStar, losses);
        String source = GAUSSIAN_PAPER + " (the joint law is a Gaussian mixture); Ho & Nguyen, Ann. Statist. 2016 "
                + "(W̃_r̄ ≲ n^{-1/(2r̄)}, over-fitted); Nguyen, Ann. Statist. 2013 (W_1 ≲ n^{-1/2}, exact-fitted)";
        return Double.isNaN(e) ? unknown("W̃'s order is not r̄(k − k* + 1), or that r̄ is not configured; " + source)
                : new Exponent(e, source);
    }

    /**
     * A sigmoid deviation weight λ(x) with one prompt expert (k = k* = 1), the softmax-contaminated MoE:
     * under distinguishability of g0 and the prompt, every gating and prompt parameter at the parametric
     * rate (−1/2; minimax optimal). Without it the paper's rates are slower and depend on how fast the prompt
     * approaches g0: no fixed exponent, NaN. For k ≥ 2 experts no paper gives one.
     */
    public static Exponent sigmoidDeviation(Quantity q, boolean distinguishable, int experts) {
        return switch (q) {
            case LAMBDA_INTERCEPT, LAMBDA_SLOPE, SLOPE, INTERCEPT, VARIANCE -> {
                if (experts != 1) {
                    yield unknown(CONTAMINATED_PAPER + " treats one prompt expert; no paper covers k = " + experts);
                }
                yield distinguishable
                        ? new Exponent(-0.5, CONTAMINATED_PAPER + ": distinguishable case, parametric (minimax) rates")
                        : unknown(CONTAMINATED_PAPER + ": non-distinguishable case, slower rates that depend on "
                                + "the prompt's distance to g0 (no fixed exponent)");
            }
            default -> unknown(CONTAMINATED_PAPER + " defines no Voronoi loss, gate location or mass");
        };
    }

    /**
     * Fills {@code table} (metric → exponent, the names of {@code Metrics.names(GatedModel)}) with the exponents above
     * for a gated setting whose near-truth plan gives true atom j {@code sizes[j]} fitted atoms; a metric no paper
     * gives an exponent for stays NaN. A constant λ beside a distinguishable g0 gets −1/2 (its M-step is the deviated
     * model's); a Gaussian gate's type (I: c_j* ≠ 0, II: c_j* = 0) is read per true atom.
     */
    public static void defaults(Map<String, Double> table, Setting setting, LossSettings losses, int[] sizes,
            boolean distinguishable) {
        GatedModel truth = setting.truth();
        int experts = setting.fit().experts();
        Gating.Type gate = truth.gating().type();
        put(table, Metrics.VORONOI, exponent(gate, Quantity.VORONOI, 1, false, losses, distinguishable, experts));
        // The paper's D1/D2 are the infimum over a translation of the gates: its bound is this metric's.
        put(table, Metrics.VORONOI_SHIFT_MIN, exponent(gate, Quantity.VORONOI, 1, false, losses, distinguishable,
                experts));
        if (gate == Gating.Type.GAUSSIAN && distinguishable) {
            put(table, Metrics.GENERALIZED_WASSERSTEIN, generalizedWasserstein(experts, truth.size(), losses));
        }
        // Each paper's density result: the conditional density converges in expected Hellinger distance at
        // n^{-1/2} up to a log factor, whatever the cells (and, for the contaminated MoE, distinguishable or not).
        if (table.containsKey(Metrics.HELLINGER)) {
            table.put(Metrics.HELLINGER, -0.5);
        }
        put(table, Metrics.LAMBDA_SLOPE_ERROR, sigmoidDeviation(Quantity.LAMBDA_SLOPE, distinguishable, experts));
        put(table, Metrics.LAMBDA_INTERCEPT_ERROR, sigmoidDeviation(Quantity.LAMBDA_INTERCEPT, distinguishable, experts));
        if (table.containsKey(Metrics.LAMBDA_ERROR) && distinguishable && setting.fit().lambdaFree()) {
            table.put(Metrics.LAMBDA_ERROR, -0.5);
        }
        for (int j = 1; j <= truth.size(); j++) {
            boolean zeroMean = false;
            if (truth.gating() instanceof GaussianGating g) {
                zeroMean = java.util.Arrays.stream(g.mean(j - 1)).allMatch(c -> c == 0);
            }
            int m = sizes[j];
            String cell = "cell" + j + "_";
            put(table, Metrics.cellMass(j), exponent(gate, Quantity.MASS, m, zeroMean, losses, distinguishable, experts));
            put(table, cell + Metrics.GATE_LOCATION,
                    exponent(gate, Quantity.GATE_LOCATION, m, zeroMean, losses, distinguishable, experts));
            put(table, cell + Metrics.GATE_COVARIANCE,
                    exponent(gate, Quantity.GATE_COVARIANCE, m, zeroMean, losses, distinguishable, experts));
            put(table, Metrics.cellSlope(j), exponent(gate, Quantity.SLOPE, m, zeroMean, losses, distinguishable, experts));
            put(table, Metrics.cellIntercept(j),
                    exponent(gate, Quantity.INTERCEPT, m, zeroMean, losses, distinguishable, experts));
            put(table, Metrics.cellVariance(j),
                    exponent(gate, Quantity.VARIANCE, m, zeroMean, losses, distinguishable, experts));
        }
    }

    /** The exponent of a quantity under a gating family (constant gating: the contaminated MoE's, one expert). */
    private static Exponent exponent(Gating.Type gate, Quantity q, int cellSize, boolean zeroMean, LossSettings losses,
            boolean distinguishable, int experts) {
        return switch (gate) {
            case SOFTMAX -> softmax(q, cellSize, losses);
            case GAUSSIAN -> gaussian(q, cellSize, zeroMean, losses);
            case CONSTANT -> sigmoidDeviation(q, distinguishable, experts);
        };
    }

    /** Sets a metric the table has (a name of the setting's truth) to a known exponent; leaves the rest. */
    private static void put(Map<String, Double> table, String metric, Exponent e) {
        if (table.containsKey(metric) && e.known()) {
            table.put(metric, e.value());
        }
    }
}
