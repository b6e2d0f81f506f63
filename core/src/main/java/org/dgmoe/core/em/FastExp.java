package org.dgmoe.core.em;

/**
 * A block exponential for the EM kernel, written as three simple loops that HotSpot's C2
 * superword pass vectorises (the first two) in pure Java, without {@code jdk.incubator.vector}.
 *
 * <p>Algorithm (Cody–Waite): clamp x to [−708, 0]; n = round(x / ln 2) by the 1.5·2⁵² shifter
 * (round to nearest even); r = (x − n·ln2_hi) − n·ln2_lo with ln2_hi holding 32 significant bits, so
 * n·ln2_hi is exact for |n| ≤ 2²⁰ and |r| ≤ ln2/2 + 2⁻³⁰; e^r by its Taylor polynomial of degree 13
 * evaluated by Estrin's scheme (short dependency chains); finally × 2ⁿ built from the exponent bits.
 * The truncation error of the polynomial is below (ln2/2)¹⁴/14! ≈ 4e−18; the measured relative
 * error against {@link Math#exp} over [−708, 0] is below 1e−15 (test {@code FastExpTest}: max over
 * 10⁶ uniform arguments and over all decades, typically 3–4e−16, i.e. 2 ulp).
 *
 * <p>Domain: the kernel only exponentiates x = t − max t ≤ 0. Arguments below −708 (including
 * −∞) return e^−708 ≈ 3.3e−308 instead of a subnormal or 0: an absolute error below 3.3e−308,
 * invisible next to the normaliser S ≥ 1 and far below the degeneracy threshold of
 * {@link EmFitter#MIN_COMPONENT_MASS}. NaN propagates (Math.max keeps NaN). Positive arguments are
 * outside the contract.
 */
public final class FastExp {
    /** Lower clamp: e^−708 ≈ 3.3e−308 is still a normal double, so 2ⁿ needs no subnormal handling. */
    static final double LOW = -708.0;
    static final double LOG2E = 1.4426950408889634;
    /** ln 2 split: the high part has 32 significant bits (fdlibm), the low part the rest. */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits. */
    static final double SHIFTER = 6755399441055744.0;
    static final long EXPONENT_BIAS_BITS = 0x3ff0000000000000L;

    static final double C2 = 1 / 2.0;
    static final double C3 = 1 / 6.0;
    static final double C4 = 1 / 24.0;
    static final double C5 = 1 / 120.0;
    static final double C6 = 1 / 720.0;
    static final double C7 = 1 / 5040.0;
    static final double C8 = 1 / 40320.0;
    static final double C9 = 1 / 362880.0;
    static final double C10 = 1 / 3628800.0;
    static final double C11 = 1 / 39916800.0;
    static final double C12 = 1 / 479001600.0;
    static final double C13 = 1 / 6227020800.0;

    private FastExp() {
    }

    /**
     * {@code t[b] = exp(t[b] − m[b])} for b &lt; len.
     *
     * @param t  read and overwritten
     * @param m  read only
     * @param rr scratch, length ≥ len, overwritten
     * @param kk scratch, length ≥ len, overwritten
     */
    static void expDiffInPlace(double[] t, double[] m, double[] rr, double[] kk, int len) {
        // Loop 1 (vectorised): range reduction.
        for (int b = 0; b < len; b++) {
            double x = Math.max(t[b] - m[b], LOW);
            double kd = x * LOG2E + SHIFTER;
            double n = kd - SHIFTER;
            rr[b] = (x - n * LN2_HI) - n * LN2_LO;
            kk[b] = kd;
        }
        polynomial(rr, t, len);
        scale(t, kk, len);
    }

    /**
     * {@code t[b] = exp(t[b] − m[b])} for b &lt; len by the form {@link EmWorkspace}'s fast pass uses: the
     * {@link VectorBlock} form when {@link EmWorkspace#VECTOR}, else {@link #expDiffInPlace}; the two agree bit
     * for bit. Public (the only public member) for the gated EM's E-step in {@code org.dgmoe.core.em.gated},
     * which must use the same exponential as the constant-weight kernel it is measured against.
     *
     * @param t  read and overwritten
     * @param m  read only
     * @param rr scratch, length ≥ len, overwritten (unused by the vector form)
     * @param kk scratch, length ≥ len, overwritten (unused by the vector form)
     */
    public static void expDiffInPlaceBest(double[] t, double[] m, double[] rr, double[] kk, int len) {
        if (EmWorkspace.VECTOR) {
            VectorBlock.expDiffInPlace(t, m, len);
        } else {
            expDiffInPlace(t, m, rr, kk, len);
        }
    }

    /**
     * {@code out[b] = exp(x[b])} for b &lt; len, x ≤ 0 (used by tests).
     *
     * @param x read only; out, rr, kk written
     */
    static void exp(double[] x, double[] out, double[] rr, double[] kk, int len) {
        for (int b = 0; b < len; b++) {
            double v = Math.max(x[b], LOW);
            double kd = v * LOG2E + SHIFTER;
            double n = kd - SHIFTER;
            rr[b] = (v - n * LN2_HI) - n * LN2_LO;
            kk[b] = kd;
        }
        polynomial(rr, out, len);
        scale(out, kk, len);
    }

    /** Loop 2 (vectorised): Estrin evaluation of Σ_{j≤13} r^j / j!. */
    private static void polynomial(double[] rr, double[] out, int len) {
        for (int b = 0; b < len; b++) {
            double r = rr[b];
            double r2 = r * r;
            double r4 = r2 * r2;
            double r8 = r4 * r4;
            double s0 = (1 + r) + (C2 + C3 * r) * r2;
            double s1 = (C4 + C5 * r) + (C6 + C7 * r) * r2;
            double s2 = (C8 + C9 * r) + (C10 + C11 * r) * r2;
            double s3 = C12 + C13 * r;
            out[b] = (s0 + s1 * r4) + (s2 + s3 * r4) * r8;
        }
    }

    /**
     * Loop 3 (scalar: C2 in JDK 17 does not vectorise double↔long bit moves): × 2ⁿ. The low 11 bits
     * of kd's bit pattern hold n in two's complement (n ∈ [−1022, 0]); shifting them into the
     * exponent field and adding the bias gives the bits of 2ⁿ (the overflow out of bit 63 is intended).
     */
    private static void scale(double[] out, double[] kk, int len) {
        for (int b = 0; b < len; b++) {
            out[b] *= Double.longBitsToDouble((Double.doubleToRawLongBits(kk[b]) << 52) + EXPONENT_BIAS_BITS);
        }
    }
}
