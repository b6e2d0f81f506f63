package org.dgmoe.core.em.gated;

/**
 * The short element-wise loops of {@link GatedBlockPass}, each its own method (EmWorkspace explains why: C2
 * compiles and vectorises them alone instead of inlining them into the pass, whose size then limits what it
 * does with its loops). Arrays are block buffers indexed from 0; {@code len} ≤ {@link GatedBlockPass#BLOCK}.
 */
final class BlockLoops {
    private BlockLoops() {
    }

    /** d = 1: s = b0 + b1·x, and gm = max(gm, s) when {@code maxSoFar}, else gm = s. */
    static void scoreOne(double[] s, double[] x0, double b0, double b1, double[] gm, boolean maxSoFar,
            int len) {
        if (maxSoFar) {
            for (int e = 0; e < len; e++) {
                double v = b0 + b1 * x0[e];
                s[e] = v;
                gm[e] = Math.max(gm[e], v);
            }
        } else {
            for (int e = 0; e < len; e++) {
                double v = b0 + b1 * x0[e];
                s[e] = v;
                gm[e] = v;
            }
        }
    }

    /** t[e] += c and m[e] = t[e]. */
    static void shiftAndCopy(double[] t, double c, double[] m, int len) {
        for (int e = 0; e < len; e++) {
            double te = t[e] + c;
            t[e] = te;
            m[e] = te;
        }
    }

    static void copy(double[] from, double[] to, int len) {
        System.arraycopy(from, 0, to, 0, len);
    }

    static void addTo(double[] acc, double[] v, int len) {
        for (int e = 0; e < len; e++) {
            acc[e] += v[e];
        }
    }

    static void subtractFrom(double[] acc, double[] v, int len) {
        for (int e = 0; e < len; e++) {
            acc[e] -= v[e];
        }
    }

    static void addConstant(double[] acc, double c, int len) {
        for (int e = 0; e < len; e++) {
            acc[e] += c;
        }
    }

    static void multiplyBy(double[] acc, double[] v, int len) {
        for (int e = 0; e < len; e++) {
            acc[e] *= v[e];
        }
    }

    /** out[off + e] = v[e]·w[e]: a product stored straight into a column of n values. */
    static void multiplyInto(double[] v, double[] w, double[] out, int off, int len) {
        for (int e = 0; e < len; e++) {
            out[off + e] = v[e] * w[e];
        }
    }

    static void reciprocal(double[] v, double[] out, int len) {
        for (int e = 0; e < len; e++) {
            out[e] = 1.0 / v[e];
        }
    }

    static double sumLanes(double[] lane) {
        double s = 0;
        for (double v : lane) {
            s += v;
        }
        return s;
    }
}
