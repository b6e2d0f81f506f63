package org.dgmoe.core.expr;

/**
 * The loops of a compiled expression: one operation over n rows of columns. The four arithmetic operators
 * (C2 vectorises them) and every unary function get a loop each; the binary functions (pow, atan2, min, max)
 * share a loop that calls {@link Operation#apply}. Every value is the one {@link Term#value} computes at that
 * row.
 */
final class Kernels {
    private Kernels() {
    }

    /**
     * {@code top[i] = op(top[i])}: a loop per function, so the switch is taken once per column, not per row
     * (a shared loop calling {@link Operation#apply} cost 1.5× a built-in g0's sin mean in the benchmark).
     */
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
            case LOG1P:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.log1p(top[i]);
                }
                break;
            case EXPM1:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.expm1(top[i]);
                }
                break;
            case SIN:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.sin(top[i]);
                }
                break;
            case COS:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.cos(top[i]);
                }
                break;
            case TAN:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.tan(top[i]);
                }
                break;
            case SINH:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.sinh(top[i]);
                }
                break;
            case COSH:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.cosh(top[i]);
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.tanh(top[i]);
                }
                break;
            case ASIN:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.asin(top[i]);
                }
                break;
            case ACOS:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.acos(top[i]);
                }
                break;
            case ATAN:
                for (int i = 0; i < n; i++) {
                    top[i] = StrictMath.atan(top[i]);
                }
                break;
            default:
                throw new IllegalStateException(op + " is not unary");
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
