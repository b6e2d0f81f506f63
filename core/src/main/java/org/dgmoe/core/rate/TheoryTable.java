package org.dgmoe.core.rate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.study.Setting;

/**
 * The theoretical exponent of every metric of a setting: the slope of log(mean loss) on log(n)
 * that reference §5 predicts (so −0.5 for n^{-1/2}), NaN where the theory gives none. The rules are
 * spelled out in docs/rates.md; in short:
 * <ul>
 *   <li>Expected Voronoi cell sizes m_j = #{i : NearTruthStart.assignment(k, k*)[i] = j}.</li>
 *   <li>{@code hellinger}: −1/2. {@code cell{j}_mass}: −1/2. Parameters of a cell with m_j = 1: −1/2;
 *       with m_j ≥ 2: slope and intercept −1/(2 r̄(m_j)), variance −1/r̄(m_j); NaN if r̄(m_j) is not
 *       configured.</li>
 *   <li>{@code voronoi}: −1/2 (NaN if some r̄(m_j) is missing). {@code generalized_wasserstein}:
 *       −1/(2 r̄(k − k* + 1)) when W̃'s order is the default r̄(k − k* + 1) (−1/2 when k = k*), NaN for
 *       any other configured order.</li>
 *   <li>{@code lambda_error}: −1/2 only when g0 is distinguishable and λ is estimated; NaN with g0
 *       {@code none} (λ ≡ 1, the error is identically 0) or with λ held fixed (the error is a
 *       constant).</li>
 *   <li>Non-distinguishable g0 (a Gaussian expert (a0, b0, σ0)): NaN for {@code lambda_error},
 *       {@code voronoi}, {@code generalized_wasserstein}, every {@code cell0_*}, and every metric of the
 *       true atom nearest to (a0, b0, σ0) in the Euclidean distance on ω = (a, b, σ) (ties to the
 *       smallest index): the atom whose fitted atoms can trade mass with g0.</li>
 *   <li>Under-fitted settings (k &lt; k*): NaN everywhere (the model is misspecified).</li>
 *   <li>The boundary λ* = 0 with a g0 (the data come from g0 alone, reference §7's null): the experts
 *       do not enter the density, so only {@code hellinger} keeps −1/2.</li>
 * </ul>
 * The rules depend on the setting's {@link Regime}, which is a property of each setting: along a
 * rate map (one setting per point) it can change from point to point, e.g. from
 * {@link Regime#G0_EXPERT_APART} to {@link Regime#FULL_OVERLAP} where g0 reaches an atom, or to
 * {@link Regime#BOUNDARY} at λ* = 0.
 * {@code Setting.theory} entries then override the defaults (NaN = unknown).
 */
public final class TheoryTable {
    private TheoryTable() {
    }

    /** The regime of a setting: which of the theory's cases (reference §2, §5) its truth and fit fall in. */
    public enum Regime {
        /** k &lt; k*: misspecified, no exponent at all. */
        UNDER_FITTED("under-fitted (k < k*): no exponent"),
        /** λ* = 0 with a g0: the data come from g0 alone; only the density has an exponent. */
        BOUNDARY("boundary λ* = 0: only the density has an exponent"),
        /** g0 {@code none}: a plain mixture of experts (λ ≡ 1). */
        NO_G0("no g0: plain mixture of experts"),
        /** g0 is not a Gaussian expert: λ and G identifiable, every default exponent. */
        DISTINGUISHABLE("distinguishable g0"),
        /** g0 a Gaussian expert equal to no true atom: λ and the atom nearest g0 have no exponent. */
        G0_EXPERT_APART("g0 a Gaussian expert away from the atoms: no exponent for λ and the atom nearest g0"),
        /** g0 a Gaussian expert equal to a true atom: λ and that atom's weight are not identified separately. */
        FULL_OVERLAP("g0 on a true atom (full overlap): no exponent for λ and that atom");

        private final String description;

        Regime(String description) {
            this.description = description;
        }

        /** One line for reports. */
        public String description() {
            return description;
        }
    }

    /** The regime of {@code setting}. */
    public static Regime regime(Setting setting) {
        if (setting.gated()) {
            return gatedRegime(setting);
        }
        DeviatedModel truth = setting.deviatedTruth();
        if (setting.fit().experts() < truth.size()) {
            return Regime.UNDER_FITTED;
        }
        if (truth.g0().isNone()) {
            return Regime.NO_G0;
        }
        if (truth.lambda() == 0) {
            return Regime.BOUNDARY;
        }
        if (!truth.g0().isGaussianExpert()) {
            return Regime.DISTINGUISHABLE;
        }
        Expert g0 = truth.g0().gaussianExpert();
        for (int j = 0; j < truth.size(); j++) {
            if (g0.equals(truth.mixing().expert(j))) {
                return Regime.FULL_OVERLAP;
            }
        }
        return Regime.G0_EXPERT_APART;
    }

    /**
     * The regime of a gated setting: under-fitted, no g0, or whether g0 is distinguishable from the experts. The
     * softmax-contaminated MoE's distinguishability is a g0 that is not a Gaussian expert, or one that equals no
     * true expert; g0 equal to a true expert is {@link Regime#FULL_OVERLAP}.
     */
    private static Regime gatedRegime(Setting setting) {
        GatedModel truth = setting.truth();
        if (setting.fit().experts() < truth.size()) {
            return Regime.UNDER_FITTED;
        }
        if (truth.g0().isNone()) {
            return Regime.NO_G0;
        }
        if (truth.g0().isGaussianExpert() && truth.experts().contains(truth.g0().gaussianExpert())) {
            return Regime.FULL_OVERLAP;
        }
        return Regime.DISTINGUISHABLE;
    }

    /** The table of {@code setting} with the default loss settings (r̄(2) = 4, r̄(3) = 6, default W̃ order). */
    public static Map<String, Double> forSetting(Setting setting) {
        return forSetting(setting, LossSettings.DEFAULTS);
    }

    /**
     * Metric → exponent (NaN unknown), in the order of {@link Metrics#names(DeviatedModel)}: the §5
     * defaults merged with {@code setting.theory()}.
     *
     * @throws IllegalArgumentException when an override names no metric of the setting or is positive
     */
    public static Map<String, Double> forSetting(Setting setting, LossSettings losses) {
        return table(setting, losses, null);
    }

    /**
     * The table of {@code setting} for fits whose Voronoi cells hold {@code sizes[j]} fitted atoms
     * (j = 1..k*, index 0 unused; not modified) instead of {@link #plannedCellSizes}: a cell's
     * parameter exponents follow the atoms the fits actually put there (−1/2 for one, −1/(2 r̄(m)) and
     * −1/r̄(m) for m ≥ 2), a cell with no atom has none (its atom is missed: nothing decays), and so
     * has {@code voronoi} then. The regime rules and {@code setting.theory()} overrides apply as in
     * {@link #forSetting(Setting, LossSettings)}; with the planned sizes the two tables are equal.
     *
     * @throws IllegalArgumentException when sizes does not have k* + 1 entries, or one is negative
     */
    public static Map<String, Double> forLayout(Setting setting, LossSettings losses, int[] sizes) {
        int kStar = setting.truth().size();
        if (sizes == null || sizes.length != kStar + 1) {
            throw new IllegalArgumentException("sizes: must have k* + 1 = " + (kStar + 1) + " entries (index 0 unused)");
        }
        for (int j = 1; j <= kStar; j++) {
            if (sizes[j] < 0) {
                throw new IllegalArgumentException("sizes[" + j + "]: must be >= 0, got " + sizes[j]);
            }
        }
        return table(setting, losses, sizes.clone());
    }

    /** The table with cell sizes {@code sizes}, or the planned ones when null. */
    private static Map<String, Double> table(Setting setting, LossSettings losses, int[] sizes) {
        int kStar = setting.truth().size();
        int k = setting.fit().experts();
        List<String> names = Metrics.names(setting.truth());
        LinkedHashMap<String, Double> table = new LinkedHashMap<>();
        for (String name : names) {
            table.put(name, Double.NaN);
        }
        Regime regime = regime(setting);
        if (setting.gated()) {
            if (regime != Regime.UNDER_FITTED) {
                GatedTheoryTable.defaults(table, setting, losses, sizes == null ? plannedCellSizes(setting) : sizes,
                        regime == Regime.DISTINGUISHABLE || regime == Regime.NO_G0);
            }
        } else if (regime == Regime.BOUNDARY) {
            table.put(Metrics.HELLINGER, -0.5);
        } else if (regime != Regime.UNDER_FITTED) {
            defaults(table, setting, losses, k, kStar, sizes == null ? plannedCellSizes(setting) : sizes);
        }
        for (Map.Entry<String, Double> e : setting.theory().entrySet()) {
            if (!table.containsKey(e.getKey())) {
                throw new IllegalArgumentException("theory." + e.getKey() + ": not a metric of setting '"
                        + setting.name() + "'; its metrics are " + names);
            }
            double v = e.getValue();
            if (v > 0 || Double.isInfinite(v)) {
                throw new IllegalArgumentException("theory." + e.getKey() + ": an exponent is the slope of log(mean "
                        + "loss) on log(n), finite and <= 0 (e.g. -0.5 for n^(-1/2)), or NaN for unknown; got " + v);
            }
            table.put(e.getKey(), v);
        }
        return Collections.unmodifiableMap(table);
    }

    /**
     * The Voronoi cell sizes the table assumes: {@code sizes[j]} = m_j for the true atom j = 1..k*
     * (index 0 unused), the near-truth assignment of k fitted atoms to k* true ones. A fit whose
     * cells came out otherwise (an atom that migrated to another true atom, or to cell 0) has other
     * exponents than the table's; {@link Guardrails#cellsDiffer} flags rates where that is common.
     *
     * @throws IllegalArgumentException when k &lt; k* (no assignment gives every true atom one)
     */
    public static int[] plannedCellSizes(Setting setting) {
        return plannedCellSizes(setting.fit().experts(), setting.truth().size());
    }

    /** {@link #plannedCellSizes(Setting)} of k fitted atoms and k* true ones (k ≥ k* ≥ 1). */
    public static int[] plannedCellSizes(int k, int kStar) {
        int[] sizes = new int[kStar + 1];
        for (int j : NearTruthStart.assignment(k, kStar)) {
            sizes[j + 1]++;
        }
        return sizes;
    }

    private static void defaults(Map<String, Double> table, Setting setting, LossSettings losses, int k, int kStar,
            int[] sizes) {
        DeviatedModel truth = setting.deviatedTruth();
        boolean nonDistinguishable = truth.g0().isGaussianExpert();
        int nearG0 = nonDistinguishable ? nearestAtom(truth.mixing(), truth.g0().gaussianExpert()) : -1;

        table.put(Metrics.HELLINGER, -0.5);
        boolean allRbarKnown = true;
        for (int j = 1; j <= kStar; j++) {
            if (j == nearG0) {
                continue;
            }
            int m = sizes[j];
            if (m == 0) {
                allRbarKnown = false; // a missed atom: its cell's errors and the Voronoi loss do not decay
                continue;
            }
            table.put(Metrics.cellMass(j), -0.5);
            if (m == 1) {
                table.put(Metrics.cellSlope(j), -0.5);
                table.put(Metrics.cellIntercept(j), -0.5);
                table.put(Metrics.cellVariance(j), -0.5);
            } else {
                Integer r = losses.rbar().get(m);
                if (r == null) {
                    allRbarKnown = false;
                } else {
                    table.put(Metrics.cellSlope(j), -1.0 / (2 * r));
                    table.put(Metrics.cellIntercept(j), -1.0 / (2 * r));
                    table.put(Metrics.cellVariance(j), -1.0 / r);
                }
            }
        }
        if (nonDistinguishable) {
            return;
        }
        if (allRbarKnown) {
            table.put(Metrics.VORONOI, -0.5);
        }
        double w = wassersteinExponent(k, kStar, losses);
        if (!Double.isNaN(w)) {
            table.put(Metrics.GENERALIZED_WASSERSTEIN, w);
        }
        if (!truth.g0().isNone() && setting.fit().lambdaFree()) {
            table.put(Metrics.LAMBDA_ERROR, -0.5);
        }
    }

    /**
     * The exponent of W̃_r for k fitted and k* true atoms at the default order r = r̄(k − k* + 1) (1 when k = k*),
     * NaN when r̄(k − k* + 1) is not configured or another order is. W̃_r^r = min Σ q_ij (‖Δ location‖^r +
     * ‖Δ scale‖^{r/2}) (reference §4; the Gaussian-gated model's W̃ adds the gate's c to the location and Γ to the
     * scale, docs/gated-losses.md). An atom fitted by one component has its errors ~ n^{-1/2}, so its scale term
     * decays like n^{-r/4}; an over-fitted cell's terms decay like n^{-1/2} at r = r̄ (each parameter's power in the
     * Voronoi loss is at most r̄ on locations and r̄/2 on scales). The slowest term rules, then the 1/r power:
     * n^{-1/(2r̄)} when over-fitted (r̄ ≥ 4, so r/4 ≥ 1/2), but n^{-1/4} when k = k* (r = 1), where the scale
     * term's square root is slower than the parameters' n^{-1/2} (docs/rates.md, docs/results.md).
     */
    public static double wassersteinExponent(int k, int kStar, LossSettings losses) {
        int m = k - kStar + 1;
        Integer rbar = m == 1 ? Integer.valueOf(1) : losses.rbar().get(m);
        if (rbar == null || (losses.wassersteinOrder() != 0 && losses.wassersteinOrder() != rbar)) {
            return Double.NaN;
        }
        double costExponent = m == 1 ? -rbar / 4.0 : Math.max(-rbar / 4.0, -0.5);
        return costExponent / rbar;
    }

    /**
     * 1-based index of the true atom nearest to {@code atom} on ω = (a, b, σ), ties to the smallest
     * index: the Voronoi cell of {@code atom} as the losses define it.
     */
    static int nearestAtom(MixingMeasure truth, Expert atom) {
        return LossCalculator.voronoiCells(new MixingMeasure(new double[] {1.0}, List.of(atom)), truth, null)[0];
    }
}
