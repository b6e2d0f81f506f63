package org.dgmoe.core.expr;

/**
 * The loops of a compiled expression: one operation over n rows of columns. The four arithmetic operators
 * get a loop each (C2 vectorises them); the functions, whose cost is their own, share a loop that calls
 * {@link Operation#apply}. Every value is the one {@link Term#value} computes at that row.
 */
final class Kernels {
    private Kernels() {
    }

    /** {@code top[i] = op(top[i])}. */
    static void unary(Operation op, double[] top, int n) {
        switch (op) {
            case NEGATE:
                for (int i = 0; i < n; i++) {
                    top[i] = -top[i];
                }
                break;
            case ABS:
                for (int i = 0; i < n; i++) {
                    top[i] = Math.abs(top[i]);
                }
                break;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.sqrt(top[i]);
                }
                break;
            case EXP:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.exp(top[i]);
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.log(top[i]);
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    top[i] = op.apply(top[i]);
                }
        }
    }

    /** {@code out[i] = op(a[ao + i], b[bo + i])}; out may be a or b (read before written, row by row). */
    static void binary(Operation op, double[] out, double[] a, int ao, double[] b, int bo, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    out[i] = a[ao + i] + b[bo + i];
                }
                break;
            case SUBTRACT:
                for (int i = 0; i < n; i++) {
                    out[i] = a[ao + i] - b[bo + i];
                }
                break;
            case MULTIPLY:
                for (int i = 0; i < n; i++) {
                    out[i] = a[ao + i] * b[bo + i];
                }
                break;
            case DIVIDE:
                for (int i = 0; i < n; i++) {
                    out[i] = a[ao + i] / b[bo + i];
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[i] = op.apply(a[ao + i], b[bo + i]);
                }
        }
    }

    /** {@code top[i] = op(top[i], c)}. */
    static void numberRight(Operation op, double[] top, double c, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    top[i] = top[i] + c;
                }
                break;
            case SUBTRACT:
                for (int i = 0; i < n; i++) {
                    top[i] = top[i] - c;
                }
                break;
            case MULTIPLY:
                for (int i = 0; i < n; i++) {
                    top[i] = top[i] * c;
                }
                break;
            case DIVIDE:
                for (int i = 0; i < n; i++) {
                    top[i] = top[i] / c;
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    top[i] = op.apply(top[i], c);
                }
        }
    }

    /** {@code top[i] = op(c, top[i])}. */
    static void numberLeft(Operation op, double[] top, double c, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    top[i] = c + top[i];
                }
                break;
            case SUBTRACT:
                for (int i = 0; i < n; i++) {
                    top[i] = c - top[i];
                }
                break;
            case MULTIPLY:
                for (int i = 0; i < n; i++) {
                    top[i] = c * top[i];
                }
                break;
            case DIVIDE:
                for (int i = 0; i < n; i++) {
                    top[i] = c / top[i];
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    top[i] = op.apply(c, top[i]);
                }
        }
    }
}
