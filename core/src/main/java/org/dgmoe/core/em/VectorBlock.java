package org.dgmoe.core.em;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two parts of {@link EmWorkspace}'s block pass that C2's auto-vectoriser cannot do on JDK 17,
 * written with the incubating Vector API ({@code jdk.incubator.vector}); used only when the JVM has
 * the module ({@link EmWorkspace#VECTOR}), otherwise the pure-Java loops run.
 * <ul>
 * <li>{@link #expDiffInPlace}: the k + 1 exponentials, {@link FastExp}'s arithmetic bit for bit
 * with its 2ⁿ step (scalar there: C2 does not vectorise double↔long bit moves on JDK 17) done by a
 * vector reinterpretation. Not {@code VectorOperators.EXP}: HotSpot compiles that to SVML, but
 * the same code run before C2 compiles it (interpreter, C1) computes each lane with
 * {@link Math#exp}, which differs in the last bit, so a fit's result would depend on JIT timing
 * (found by SweepEndToEndTest: a Spark task and the test thread disagreed in the 15th digit).
 * Every operation used here (add, mul, max, shifts, reinterpretation) is exact IEEE arithmetic in
 * either mode.</li>
 * <li>{@link #statisticsOne} and {@link #statisticsFour}: Σ w·v_j·v_l of one expert over the block
 * (v = [x, 1, y]) with every statistic in its own vector register across the whole block (6 at
 * d = 1, 21 at d = 4), loaded and stored once per block. The loop path must keep them as 256-wide
 * lane arrays instead (C2 does not vectorise a floating-point sum it would have to reorder), and at
 * d = 4 its 21·k lane arrays (126 KB for k = 3) do not fit L1.</li>
 * </ul>
 * The statistics use the loop path's products in its order (w = e/S; w·v_j once; (w·v_j)·v_l), so
 * they differ from it only by the order of the sums over points (per lane of {@link #LANES} instead
 * of 256); the exponentials are identical.
 */
final class VectorBlock {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Points per vector: 8 with AVX-512, 4 with AVX2. Divides {@link EmWorkspace#BLOCK}. */
    static final int LANES = S.length();
    private static final DoubleVector ZERO = DoubleVector.zero(S);
    // The constants of the exponential are FastExp's (the same arithmetic, bit for bit).

    private VectorBlock() {
    }

    /**
     * {@code t[e] = exp(t[e] − m[e])} for e &lt; len rounded up to a multiple of {@link #LANES}
     * (the block buffers' capacity is {@link EmWorkspace#BLOCK}, a multiple of it; entries past len
     * are stale and their exponentials unused).
     *
     * @param t read and overwritten; m read only
     */
    static void expDiffInPlace(double[] t, double[] m, int len) {
        // The exponential is written out here, not called: this method's bytecode then exceeds C2's
        // FreqInlineSize (325 bytes), so it is never inlined into EmWorkspace's block pass. Whether C2
        // inlined it had depended on the order in which the two were compiled, and the inlined form ran
        // 5–10% slower (docs/performance.md): one form, whatever the JIT's timing.
        // The constants as vectors once per call (C2 would hoist the broadcasts too).
        final DoubleVector low = DoubleVector.broadcast(S, FastExp.LOW);
        final DoubleVector log2e = DoubleVector.broadcast(S, FastExp.LOG2E);
        final DoubleVector shifter = DoubleVector.broadcast(S, FastExp.SHIFTER);
        final DoubleVector ln2Hi = DoubleVector.broadcast(S, FastExp.LN2_HI);
        final DoubleVector ln2Lo = DoubleVector.broadcast(S, FastExp.LN2_LO);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector c2 = DoubleVector.broadcast(S, FastExp.C2);
        final DoubleVector c3 = DoubleVector.broadcast(S, FastExp.C3);
        final DoubleVector c4 = DoubleVector.broadcast(S, FastExp.C4);
        final DoubleVector c5 = DoubleVector.broadcast(S, FastExp.C5);
        final DoubleVector c6 = DoubleVector.broadcast(S, FastExp.C6);
        final DoubleVector c7 = DoubleVector.broadcast(S, FastExp.C7);
        final DoubleVector c8 = DoubleVector.broadcast(S, FastExp.C8);
        final DoubleVector c9 = DoubleVector.broadcast(S, FastExp.C9);
        final DoubleVector c10 = DoubleVector.broadcast(S, FastExp.C10);
        final DoubleVector c11 = DoubleVector.broadcast(S, FastExp.C11);
        final DoubleVector c12 = DoubleVector.broadcast(S, FastExp.C12);
        final DoubleVector c13 = DoubleVector.broadcast(S, FastExp.C13);
        for (int e = 0; e < len; e += LANES) {
            DoubleVector x = DoubleVector.fromArray(S, t, e).sub(DoubleVector.fromArray(S, m, e));
            // FastExp's exponential of x ≤ 0, lane by lane and bit for bit: the same clamp, range
            // reduction, Estrin polynomial and 2ⁿ bits, in the same order, no fused multiply-add; only
            // the 2ⁿ step's bit move, scalar in FastExp, is a vector reinterpretation here.
            DoubleVector v = x.max(low);
            DoubleVector kd = v.mul(log2e).add(shifter);
            DoubleVector nn = kd.sub(shifter);
            DoubleVector r = v.sub(nn.mul(ln2Hi)).sub(nn.mul(ln2Lo));
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector r8 = r4.mul(r4);
            DoubleVector s0 = r.add(one).add(r.mul(c3).add(c2).mul(r2));
            DoubleVector s1 = r.mul(c5).add(c4).add(r.mul(c7).add(c6).mul(r2));
            DoubleVector s2 = r.mul(c9).add(c8).add(r.mul(c11).add(c10).mul(r2));
            DoubleVector s3 = r.mul(c13).add(c12);
            DoubleVector p = s0.add(s1.mul(r4)).add(s2.add(s3.mul(r4)).mul(r8));
            LongVector bits = kd.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(FastExp.EXPONENT_BIAS_BITS);
            p.mul(bits.reinterpretAsDoubles()).intoArray(t, e);
        }
    }

    /**
     * d = 1: adds the block's Σw, Σw·x, Σw·x², Σw·y, Σw·xy, Σw·y² of one expert to the per-lane
     * statistics acc[o + s·LANES ..] in {@link EmWorkspace#pair} order (x,x), (x,1), (x,y), (1,1),
     * (1,y), (y,y); w = t·inv for the first len points (0 past them).
     *
     * @param t the expert's exponentials e_i, inv 1/S, x and y the block's columns: read only
     * @param acc read and updated
     */
    static void statisticsOne(double[] t, double[] inv, double[] x, double[] y, double[] acc, int o, int len) {
        DoubleVector xx = DoubleVector.fromArray(S, acc, o);
        DoubleVector x1 = DoubleVector.fromArray(S, acc, o + LANES);
        DoubleVector xy = DoubleVector.fromArray(S, acc, o + 2 * LANES);
        DoubleVector w1 = DoubleVector.fromArray(S, acc, o + 3 * LANES);
        DoubleVector y1 = DoubleVector.fromArray(S, acc, o + 4 * LANES);
        DoubleVector yy = DoubleVector.fromArray(S, acc, o + 5 * LANES);
        for (int e = 0; e < len; e += LANES) {
            DoubleVector w = DoubleVector.fromArray(S, t, e).mul(DoubleVector.fromArray(S, inv, e));
            if (e + LANES > len) {
                w = ZERO.blend(w, S.indexInRange(e, len));
            }
            DoubleVector xv = DoubleVector.fromArray(S, x, e);
            DoubleVector yv = DoubleVector.fromArray(S, y, e);
            DoubleVector wx = w.mul(xv);
            DoubleVector wy = w.mul(yv);
            w1 = w1.add(w);
            x1 = x1.add(wx);
            xx = xx.add(wx.mul(xv));
            y1 = y1.add(wy);
            xy = xy.add(wy.mul(xv));
            yy = yy.add(wy.mul(yv));
        }
        xx.intoArray(acc, o);
        x1.intoArray(acc, o + LANES);
        xy.intoArray(acc, o + 2 * LANES);
        w1.intoArray(acc, o + 3 * LANES);
        y1.intoArray(acc, o + 4 * LANES);
        yy.intoArray(acc, o + 5 * LANES);
    }

    /**
     * d = 4: as {@link #statisticsOne} for the 21 statistics of v = [x_1, x_2, x_3, x_4, 1, y]
     * (s_c is the c-th of the upper triangle, row by row: {@link EmWorkspace#pair} order).
     *
     * @param xb the block's four x columns, read only
     */
    static void statisticsFour(double[] t, double[] inv, double[][] xb, double[] yb, double[] acc, int o, int len) {
        DoubleVector s0 = DoubleVector.fromArray(S, acc, o + 0 * LANES);
        DoubleVector s1 = DoubleVector.fromArray(S, acc, o + 1 * LANES);
        DoubleVector s2 = DoubleVector.fromArray(S, acc, o + 2 * LANES);
        DoubleVector s3 = DoubleVector.fromArray(S, acc, o + 3 * LANES);
        DoubleVector s4 = DoubleVector.fromArray(S, acc, o + 4 * LANES);
        DoubleVector s5 = DoubleVector.fromArray(S, acc, o + 5 * LANES);
        DoubleVector s6 = DoubleVector.fromArray(S, acc, o + 6 * LANES);
        DoubleVector s7 = DoubleVector.fromArray(S, acc, o + 7 * LANES);
        DoubleVector s8 = DoubleVector.fromArray(S, acc, o + 8 * LANES);
        DoubleVector s9 = DoubleVector.fromArray(S, acc, o + 9 * LANES);
        DoubleVector s10 = DoubleVector.fromArray(S, acc, o + 10 * LANES);
        DoubleVector s11 = DoubleVector.fromArray(S, acc, o + 11 * LANES);
        DoubleVector s12 = DoubleVector.fromArray(S, acc, o + 12 * LANES);
        DoubleVector s13 = DoubleVector.fromArray(S, acc, o + 13 * LANES);
        DoubleVector s14 = DoubleVector.fromArray(S, acc, o + 14 * LANES);
        DoubleVector s15 = DoubleVector.fromArray(S, acc, o + 15 * LANES);
        DoubleVector s16 = DoubleVector.fromArray(S, acc, o + 16 * LANES);
        DoubleVector s17 = DoubleVector.fromArray(S, acc, o + 17 * LANES);
        DoubleVector s18 = DoubleVector.fromArray(S, acc, o + 18 * LANES);
        DoubleVector s19 = DoubleVector.fromArray(S, acc, o + 19 * LANES);
        DoubleVector s20 = DoubleVector.fromArray(S, acc, o + 20 * LANES);
        for (int e = 0; e < len; e += LANES) {
            DoubleVector w = DoubleVector.fromArray(S, t, e).mul(DoubleVector.fromArray(S, inv, e));
            if (e + LANES > len) {
                w = ZERO.blend(w, S.indexInRange(e, len));
            }
            DoubleVector x0 = DoubleVector.fromArray(S, xb[0], e);
            DoubleVector x1 = DoubleVector.fromArray(S, xb[1], e);
            DoubleVector x2 = DoubleVector.fromArray(S, xb[2], e);
            DoubleVector x3 = DoubleVector.fromArray(S, xb[3], e);
            DoubleVector yv = DoubleVector.fromArray(S, yb, e);
            s18 = s18.add(w);
            DoubleVector wx0 = w.mul(x0);
            s4 = s4.add(wx0);
            s0 = s0.add(wx0.mul(x0));
            s1 = s1.add(wx0.mul(x1));
            s2 = s2.add(wx0.mul(x2));
            s3 = s3.add(wx0.mul(x3));
            s5 = s5.add(wx0.mul(yv));
            DoubleVector wx1 = w.mul(x1);
            s9 = s9.add(wx1);
            s6 = s6.add(wx1.mul(x1));
            s7 = s7.add(wx1.mul(x2));
            s8 = s8.add(wx1.mul(x3));
            s10 = s10.add(wx1.mul(yv));
            DoubleVector wx2 = w.mul(x2);
            s13 = s13.add(wx2);
            s11 = s11.add(wx2.mul(x2));
            s12 = s12.add(wx2.mul(x3));
            s14 = s14.add(wx2.mul(yv));
            DoubleVector wx3 = w.mul(x3);
            s16 = s16.add(wx3);
            s15 = s15.add(wx3.mul(x3));
            s17 = s17.add(wx3.mul(yv));
            DoubleVector wyv = w.mul(yv);
            s19 = s19.add(wyv);
            s20 = s20.add(wyv.mul(yv));
        }
        s0.intoArray(acc, o + 0 * LANES);
        s1.intoArray(acc, o + 1 * LANES);
        s2.intoArray(acc, o + 2 * LANES);
        s3.intoArray(acc, o + 3 * LANES);
        s4.intoArray(acc, o + 4 * LANES);
        s5.intoArray(acc, o + 5 * LANES);
        s6.intoArray(acc, o + 6 * LANES);
        s7.intoArray(acc, o + 7 * LANES);
        s8.intoArray(acc, o + 8 * LANES);
        s9.intoArray(acc, o + 9 * LANES);
        s10.intoArray(acc, o + 10 * LANES);
        s11.intoArray(acc, o + 11 * LANES);
        s12.intoArray(acc, o + 12 * LANES);
        s13.intoArray(acc, o + 13 * LANES);
        s14.intoArray(acc, o + 14 * LANES);
        s15.intoArray(acc, o + 15 * LANES);
        s16.intoArray(acc, o + 16 * LANES);
        s17.intoArray(acc, o + 17 * LANES);
        s18.intoArray(acc, o + 18 * LANES);
        s19.intoArray(acc, o + 19 * LANES);
        s20.intoArray(acc, o + 20 * LANES);
    }
}
