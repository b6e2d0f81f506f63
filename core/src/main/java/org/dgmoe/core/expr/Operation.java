package org.dgmoe.core.expr;

/**
 * The primitive operations of an expression: the arithmetic operators and a fixed list of functions, each
 * with its arity. Evaluation is by a switch over this closed list; nothing else can be called. The
 * transcendental functions are {@link StrictMath}'s, whose results are the same on every JVM and
 * architecture, so a simulated data set does not depend on the machine (as for
 * {@link org.dgmoe.core.model.GaussianNonlinearG0#mean}).
 */
enum Operation {
    ADD("+", 2),
    SUBTRACT("-", 2),
    MULTIPLY("*", 2),
    DIVIDE("/", 2),
    /** a ^ b, also written pow(a, b). */
    POWER("pow", 2),
    NEGATE("-", 1),
    EXP("exp", 1),
    LOG("log", 1),
    LOG1P("log1p", 1),
    EXPM1("expm1", 1),
    SQRT("sqrt", 1),
    ABS("abs", 1),
    SIN("sin", 1),
    COS("cos", 1),
    TAN("tan", 1),
    SINH("sinh", 1),
    COSH("cosh", 1),
    TANH("tanh", 1),
    ASIN("asin", 1),
    ACOS("acos", 1),
    ATAN("atan", 1),
    ATAN2("atan2", 2),
    MIN("min", 2),
    MAX("max", 2);

    /** The functions callable by name, in the order messages list them. */
    static final Operation[] FUNCTIONS = {EXP, LOG, LOG1P, EXPM1, SQRT, ABS, SIN, COS, TAN, SINH, COSH, TANH, ASIN,
        ACOS, ATAN, ATAN2, MIN, MAX, POWER};

    private final String symbol;
    private final int arity;

    Operation(String symbol, int arity) {
        this.symbol = symbol;
        this.arity = arity;
    }

    /** The operator or the function's name. */
    String symbol() {
        return symbol;
    }

    int arity() {
        return arity;
    }

    /** The function called {@code name}, or null. */
    static Operation function(String name) {
        for (Operation f : FUNCTIONS) {
            if (f.symbol.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The function names, in order. */
    static String functionNames() {
        StringBuilder sb = new StringBuilder();
        for (Operation f : FUNCTIONS) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.symbol);
        }
        return sb.toString();
    }

    /** A unary operation's value at a. */
    double apply(double a) {
        switch (this) {
            case NEGATE:
                return -a;
            case EXP:
                return StrictMath.exp(a);
            case LOG:
                return StrictMath.log(a);
            case LOG1P:
                return StrictMath.log1p(a);
            case EXPM1:
                return StrictMath.expm1(a);
            case SQRT:
                return StrictMath.sqrt(a);
            case ABS:
                return Math.abs(a);
            case SIN:
                return StrictMath.sin(a);
            case COS:
                return StrictMath.cos(a);
            case TAN:
                return StrictMath.tan(a);
            case SINH:
                return StrictMath.sinh(a);
            case COSH:
                return StrictMath.cosh(a);
            case TANH:
                return StrictMath.tanh(a);
            case ASIN:
                return StrictMath.asin(a);
            case ACOS:
                return StrictMath.acos(a);
            case ATAN:
                return StrictMath.atan(a);
            default:
                throw new IllegalStateException(this + " is not unary");
        }
    }

    /** A binary operation's value at (a, b). */
    double apply(double a, double b) {
        switch (this) {
            case ADD:
                return a + b;
            case SUBTRACT:
                return a - b;
            case MULTIPLY:
                return a * b;
            case DIVIDE:
                return a / b;
            case POWER:
                return StrictMath.pow(a, b);
            case ATAN2:
                return StrictMath.atan2(a, b);
            case MIN:
                return Math.min(a, b);
            case MAX:
                return Math.max(a, b);
            default:
                throw new IllegalStateException(this + " is not binary");
        }
    }
}
