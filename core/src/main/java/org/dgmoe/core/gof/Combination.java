package org.dgmoe.core.gof;

import java.util.Arrays;
import java.util.List;

/**
 * The two combinations of the nine component tests ({@link TestKind#COMPONENTS}), each calibrated exactly on the
 * B null data sets the components were calibrated on (docs/gof.md, "The combined test").
 *
 * <p>Number the observed data set 0 and the null data sets 1..B. For each set j and component k, p_kj is the
 * component's p-value of set j computed as it is for the observed data, against the <em>other</em> B sets (the
 * B − 1 other null sets and the observed one): p_kj = #{i ∈ 0..B : S_ki ≥ S_kj}/(B + 1) for a Monte Carlo
 * component — for j = 0 exactly the component's reported p-value (1 + #{b : S*_kb ≥ S_k0})/(B + 1) — and the
 * exact p-value of set j's own D for KS. Then
 * <ul>
 * <li><b>combined</b>, the headline test ({@link TestKind#COMBINED}): the Cauchy combination (Liu &amp; Xie 2020,
 * <i>JASA</i> 115, 393–402, weights {@link #weight}) C_j = Σ_k w_k tan((1/2 − p_kj)π), calibrated exactly by its
 * rank, p = (1 + #{j ≥ 1 : C_j ≥ C_0})/(B + 1); its analytic p-value 1/2 − arctan(C_0/Σw)/π (cheap, approximate)
 * is reported beside it;</li>
 * <li><b>min-p</b> ({@link TestKind#MINP}): m_j = min_k p_kj, p = (1 + #{j ≥ 1 : m_j ≤ m_0})/(B + 1).</li>
 * </ul>
 * The Cauchy sum is the headline because in the R = 400 power study (docs/results.md) it stayed within 0.05 of
 * the best single component in 22 of 24 cells, min-p in 18. Both are exact: under H0 the B + 1 data sets (with
 * their independent start streams) are exchangeable, and (C_0..C_B) and (m_0..m_B) are permutation-equivariant
 * functions of them, so the observed one's rank is uniform, ties counted against it: P(p ≤ α) ≤ α for every α
 * and B.
 *
 * <p>Cost O(K·B) per observed data set after one sort per component and null sample ({@link NullSample#atLeast}),
 * O(K·B log B) in all; never O(B²).
 *
 * @param cauchy         C_0, the observed data's Cauchy statistic (the combined test's statistic, large = reject)
 * @param combined       the combined test's p-value: C_0's exact Monte Carlo p-value, the headline
 * @param cauchyAnalytic 1/2 − arctan(C_0)/π, the Cauchy statistic's analytic p-value (approximate)
 * @param minP           m_0, the observed data's smallest component p-value
 * @param minPValue      the min-p test's exact p-value
 */
public record Combination(double cauchy, PValue combined, double cauchyAnalytic, double minP, PValue minPValue) {

    public Combination {
        if (combined == null || minPValue == null) {
            throw new IllegalArgumentException("combined, minPValue: must not be null");
        }
    }

    /**
     * The combinations of the observed data's components against {@code nulls}.
     *
     * @param observedStatistics the observed statistic of each component in {@link TestKind#COMPONENTS} order
     *                           (KS's is not used: its p-value is exact)
     * @param observedPValues    the observed p-value of each component, same order: the ones reported
     * @param nulls              the null sample the Monte Carlo components were calibrated on
     */
    public static Combination of(double[] observedStatistics, double[] observedPValues, NullSample nulls) {
        List<TestKind> components = TestKind.COMPONENTS;
        if (observedStatistics.length != components.size() || observedPValues.length != components.size()) {
            throw new IllegalArgumentException("observed: must hold one value per component (" + components.size()
                    + ")");
        }
        int b = nulls.size();
        double[] minP = new double[b];
        Arrays.fill(minP, Double.POSITIVE_INFINITY);
        double[] cauchy = new double[b];
        double m0 = Double.POSITIVE_INFINITY;
        double c0 = 0;
        double[] p = new double[b];
        for (int k = 0; k < components.size(); k++) {
            TestKind kind = components.get(k);
            double p0 = observedPValues[k];
            // [0, 1]: KS's exact p-value may underflow to 0 far out
            if (!(p0 >= 0 && p0 <= 1)) {
                throw new IllegalArgumentException("observedPValues[" + k + "] (" + kind.label()
                        + "): must be in [0, 1], got " + p0);
            }
            nullPValues(kind, observedStatistics[k], nulls, p);
            m0 = Math.min(m0, p0);
            double weight = weight(kind);
            c0 += weight * cauchyTerm(p0);
            for (int j = 0; j < b; j++) {
                minP[j] = Math.min(minP[j], p[j]);
                cauchy[j] += weight * cauchyTerm(p[j]);
            }
        }
        int minExceedances = 0;
        int cauchyExceedances = 0;
        for (int j = 0; j < b; j++) {
            // ties are counted against the observed data: the conservative side (docs/gof.md)
            if (minP[j] <= m0) {
                minExceedances++;
            }
            if (cauchy[j] >= c0) {
                cauchyExceedances++;
            }
        }
        // Σw = 1: Liu & Xie's p = 1/2 − arctan(T/Σw)/π
        double analytic = 0.5 - Math.atan(c0) / Math.PI;
        return new Combination(c0, PValue.ofExceedances(cauchyExceedances, b), analytic, m0,
                PValue.ofExceedances(minExceedances, b));
    }

    /**
     * w_k, the weight of component {@code kind} in the Cauchy sum: 3/4 for the grid likelihood ratio, 1/32 for each of
     * the other eight (Σw = 1). Fixed before the fresh runs that check it (docs/gof.md, "The combined test": why
     * these, and the 1/2 of before).
     */
    static double weight(TestKind kind) {
        if (!kind.component()) {
            throw new IllegalArgumentException("kind: " + kind.label() + " is not a component");
        }
        return kind == TestKind.GRIDLR ? 0.75 : 1.0 / 32;
    }

    /**
     * Null set j's p-value of component {@code kind} against the B − 1 other null sets and the observed one,
     * into {@code out}: with X_j = #{i ≠ j null : S*_i ≥ S*_j} + [S_0 ≥ S*_j], PValue's (1 + X_j)/(B + 1), the
     * very formula (and direction, large = reject) of the observed data's p-value; KS's exact p-value of D*_j.
     */
    private static void nullPValues(TestKind kind, double observed, NullSample nulls, double[] out) {
        int b = nulls.size();
        if (kind == TestKind.KS) {
            for (int j = 0; j < b; j++) {
                double pj = nulls.fit(j).kolmogorovSmirnovPValue();
                if (!(pj >= 0 && pj <= 1)) {
                    throw new IllegalArgumentException("nulls: null set " + j
                            + " has no KS p-value (a table written before the combined test), got " + pj);
                }
                out[j] = pj;
            }
            return;
        }
        if (Double.isNaN(observed)) {
            throw new IllegalArgumentException("observedStatistics (" + kind.label() + "): must not be NaN");
        }
        double[] v = nulls.statistics(kind);
        int[] atLeast = nulls.atLeast(kind);
        for (int j = 0; j < b; j++) {
            int exceedances = atLeast[j] - 1 + (observed >= v[j] ? 1 : 0);
            out[j] = PValue.value(exceedances, b);
        }
    }

    /**
     * tan((1/2 − p)π), the Cauchy quantile of 1 − p (Liu &amp; Xie 2020, eq. 2): ≈ 1/(πp) for small p, finite
     * (≈ −1.6·10¹⁶) at p = 1 since π/2 is not a double.
     */
    static double cauchyTerm(double p) {
        return Math.tan((0.5 - p) * Math.PI);
    }
}
