package org.dgmoe.core.uncertainty;

import java.util.Arrays;

/**
 * What is known about a fit beyond its information, for the reliability notes of {@link StandardErrors}: which
 * experts the {@code spurious} rule marks (NearDegeneracy) and, with a truth, how many experts it has.
 *
 * @param nearDegenerate which fitted experts are near-degenerate (length k; copied)
 * @param why            why, as a phrase (NearDegeneracy#why); empty when none is
 * @param trueExperts    the truth's number of experts k*, or 0 when there is no truth; the model is over-fitted
 *                       when k &gt; k* &gt; 0
 */
public record Caveats(boolean[] nearDegenerate, String why, int trueExperts) {
    public Caveats {
        if (nearDegenerate == null || why == null) {
            throw new IllegalArgumentException("nearDegenerate, why: must not be null");
        }
        if (trueExperts < 0) {
            throw new IllegalArgumentException("trueExperts: must be >= 0 (0: no truth), got " + trueExperts);
        }
        nearDegenerate = nearDegenerate.clone();
    }

    /** Nothing known: no expert near-degenerate, no truth; for k experts. */
    public static Caveats none(int k) {
        return new Caveats(new boolean[k], "", 0);
    }

    @Override
    public boolean[] nearDegenerate() {
        return nearDegenerate.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Caveats c && Arrays.equals(nearDegenerate, c.nearDegenerate) && why.equals(c.why)
                && trueExperts == c.trueExperts;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(nearDegenerate) + why.hashCode()) + trueExperts;
    }

    @Override
    public String toString() {
        return "Caveats[nearDegenerate=" + Arrays.toString(nearDegenerate) + ", why=" + why + ", trueExperts="
                + trueExperts + "]";
    }
}
