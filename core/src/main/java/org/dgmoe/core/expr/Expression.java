package org.dgmoe.core.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A safe arithmetic expression of named covariates, written in a study file ({@code g0.location = "1 + 2*sin(x1)"}).
 * Expressions are data, not code: a hand-written parser ({@link Parser}) builds an immutable tree of
 * numbers, covariates and a closed list of primitive operations (+ − * / ^, unary minus, exp, log, log1p,
 * expm1, sqrt, abs, sin, cos, tan, sinh, cosh, tanh, asin, acos, atan, atan2, min, max, pow and the number
 * {@code pi}); no reflection, no scripting engine, nothing that can reach a class, a method or a file.
 *
 * <p>Two evaluations give the same doubles: {@link #value} at one point walks the tree (no allocation),
 * {@link #evaluate} over a whole data set runs the tree compiled once, in post order, to a short program
 * whose every instruction is one loop over the rows writing a {@code double[]} column (no per-point
 * allocation, no per-point dispatch). Both apply the same operations in the same order.
 */
public final class Expression implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Instruction kinds of the compiled program. */
    private static final int PUSH = 0;
    private static final int UNARY = 1;
    private static final int BINARY = 2;
    /** Operand sources of a binary instruction: the stack, a covariate column, a number. */
    private static final int STACK = 0;
    private static final int COLUMN = 1;
    private static final int NUMBER = 2;

    private final String text;
    private final List<String> names;
    private final List<String> aliases;
    private final Term root;
    // The compiled program, one entry per instruction.
    private final int[] kind;
    private final Operation[] operation;
    private final int[] leftSource;
    private final int[] leftColumn;
    private final double[] leftNumber;
    private final int[] rightSource;
    private final int[] rightColumn;
    private final double[] rightNumber;
    private final int stackDepth;

    private Expression(String text, List<String> names, List<String> aliases, Term root) {
        this.text = text;
        this.names = names;
        this.aliases = aliases;
        this.root = root;
        Compiler c = new Compiler();
        c.compile(root);
        int m = c.kinds.size();
        kind = new int[m];
        operation = new Operation[m];
        leftSource = new int[m];
        leftColumn = new int[m];
        leftNumber = new double[m];
        rightSource = new int[m];
        rightColumn = new int[m];
        rightNumber = new double[m];
        for (int i = 0; i < m; i++) {
            kind[i] = c.kinds.get(i);
            operation[i] = c.operations.get(i);
            leftSource[i] = c.leftSources.get(i);
            leftColumn[i] = c.leftColumns.get(i);
            leftNumber[i] = c.leftNumbers.get(i);
            rightSource[i] = c.rightSources.get(i);
            rightColumn[i] = c.rightColumns.get(i);
            rightNumber[i] = c.rightNumbers.get(i);
        }
        stackDepth = c.maxDepth;
    }

    /**
     * Parses {@code text}.
     *
     * @param parameter the key the text was given for, named by every refusal ({@code g0.location})
     * @param text      the expression
     * @param names     the names it may use, in the order of the point's coordinates ({@code x1 … xd}, or a data
     *                  file's column names); each a letter or '_' then letters, digits or '_', none a function
     * @throws ExpressionException naming {@code parameter}, the column and what is allowed, when the text is
     *                             not an expression of {@code names}
     */
    public static Expression parse(String parameter, String text, List<String> names) {
        return parse(parameter, text, names, List.of());
    }

    /**
     * Parses {@code text} where coordinate j may also be written {@code aliases.get(j)}: with {@code --data},
     * the data's column name beside {@code xj} (issue 22). An alias equal to its own coordinate's name is
     * harmless; one equal to another coordinate's name would make the text ambiguous and is refused.
     *
     * @param aliases empty, or one second name per entry of {@code names}, each a name as {@code names}'s
     * @throws IllegalArgumentException when a name or an alias cannot be a covariate, or an alias is another
     *                                  coordinate's name
     */
    public static Expression parse(String parameter, String text, List<String> names, List<String> aliases) {
        List<String> allowed = List.copyOf(names);
        List<String> second = List.copyOf(aliases);
        if (!second.isEmpty() && second.size() != allowed.size()) {
            throw new IllegalArgumentException("aliases: must be empty or one per name (" + allowed.size() + "), got "
                    + second.size());
        }
        for (String name : allowed) {
            checkName(name);
        }
        for (int j = 0; j < second.size(); j++) {
            checkName(second.get(j));
            int other = allowed.indexOf(second.get(j));
            if (other >= 0 && other != j) {
                throw new IllegalArgumentException("names: '" + second.get(j) + "' names covariate " + (j + 1)
                        + " as a column but is the name of covariate " + (other + 1));
            }
        }
        return new Expression(text, allowed, second, Parser.parse(parameter, text, allowed, second));
    }

    private static void checkName(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("names: '" + name + "' cannot be a covariate of an expression "
                    + "(a letter or '_' then letters, digits or '_', not a function name or pi)");
        }
    }

    /** True when {@code name} can be a covariate of an expression (an alias {@link #parse} accepts). */
    public static boolean isName(String name) {
        return name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*") && Operation.function(name) == null
                && !name.equals("pi");
    }

    /** The names {@code x1, …, xd}: a study's covariates. */
    public static List<String> covariateNames(int d) {
        List<String> out = new ArrayList<>(d);
        for (int j = 1; j <= d; j++) {
            out.add("x" + j);
        }
        return List.copyOf(out);
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    /** The names it may use, in coordinate order. */
    public List<String> names() {
        return names;
    }

    /** The second names of the coordinates (the data's column names), or empty. */
    public List<String> aliases() {
        return aliases;
    }

    /** True when it names no covariate: the same number at every point. */
    public boolean isConstant() {
        return root instanceof Term.Constant;
    }

    /** The value at the point x ({@code x[j]} the value of {@code names().get(j)}). */
    public double value(double[] x) {
        return root.value(x);
    }

    /**
     * {@code out[i]} = the value at row i of the column-major covariates ({@code columns[j·n + i]}), for
     * i &lt; n. Allocates the working columns beyond {@code out} once per call (one per level of nesting of
     * the operands), never per point.
     *
     * @param columns read only, length at least {@code names().size() · n}
     * @param out     written, length at least n
     */
    public void evaluate(double[] columns, int n, double[] out) {
        double[][] stack = new double[stackDepth][];
        stack[0] = out;
        for (int s = 1; s < stackDepth; s++) {
            stack[s] = new double[n];
        }
        int sp = 0;
        for (int k = 0; k < kind.length; k++) {
            if (kind[k] == PUSH) {
                if (leftSource[k] == COLUMN) {
                    System.arraycopy(columns, leftColumn[k] * n, stack[sp], 0, n);
                } else {
                    Arrays.fill(stack[sp], 0, n, leftNumber[k]);
                }
                sp++;
            } else if (kind[k] == UNARY) {
                Kernels.unary(operation[k], stack[sp - 1], n);
            } else if (leftSource[k] == STACK && rightSource[k] == STACK) {
                Kernels.binary(operation[k], stack[sp - 2], stack[sp - 2], 0, stack[sp - 1], 0, n);
                sp--;
            } else if (rightSource[k] == COLUMN) {
                Kernels.binary(operation[k], stack[sp - 1], stack[sp - 1], 0, columns, rightColumn[k] * n, n);
            } else if (rightSource[k] == NUMBER) {
                Kernels.numberRight(operation[k], stack[sp - 1], rightNumber[k], n);
            } else if (leftSource[k] == COLUMN) {
                Kernels.binary(operation[k], stack[sp - 1], columns, leftColumn[k] * n, stack[sp - 1], 0, n);
            } else {
                Kernels.numberLeft(operation[k], stack[sp - 1], leftNumber[k], n);
            }
        }
        if (sp != 1) {
            throw new IllegalStateException("the compiled program of '" + text + "' left " + sp + " values");
        }
    }

    /**
     * The expression as an affine function {@code aᵀx + b}, as {@code [a_1, …, a_d, b]}, when its tree is
     * affine: numbers, covariates, sums, differences and negations of affine terms, and products and
     * quotients of an affine term by a number (numbers were folded when the tree was built, so
     * {@code 2*pi*x1} and {@code x1/4} are affine); otherwise null. The decision is on the tree as written:
     * {@code x1*x1 - x1*x1 + x1}, affine only after algebra, is not recognised (null), so an unrecognised
     * affine location is treated as the non-affine function it is written as.
     */
    public double[] affine() {
        return affine(root, names.size());
    }

    private static double[] affine(Term t, int d) {
        if (t instanceof Term.Constant c) {
            double[] out = new double[d + 1];
            out[d] = c.value();
            return out;
        }
        if (t instanceof Term.Variable v) {
            double[] out = new double[d + 1];
            out[v.index()] = 1;
            return out;
        }
        Term.Apply a = (Term.Apply) t;
        Term first = a.arguments().get(0);
        switch (a.operation()) {
            case NEGATE: {
                double[] f = affine(first, d);
                return f == null ? null : scaled(f, -1);
            }
            case ADD:
            case SUBTRACT: {
                double[] f = affine(first, d);
                double[] g = affine(a.arguments().get(1), d);
                if (f == null || g == null) {
                    return null;
                }
                double sign = a.operation() == Operation.ADD ? 1 : -1;
                for (int j = 0; j <= d; j++) {
                    f[j] += sign * g[j];
                }
                return f;
            }
            case MULTIPLY: {
                Term second = a.arguments().get(1);
                if (first instanceof Term.Constant c) {
                    double[] g = affine(second, d);
                    return g == null ? null : scaled(g, c.value());
                }
                if (second instanceof Term.Constant c) {
                    double[] f = affine(first, d);
                    return f == null ? null : scaled(f, c.value());
                }
                return null;
            }
            case DIVIDE: {
                if (a.arguments().get(1) instanceof Term.Constant c) {
                    double[] f = affine(first, d);
                    if (f == null) {
                        return null;
                    }
                    for (int j = 0; j <= d; j++) {
                        f[j] /= c.value();
                    }
                    return f;
                }
                return null;
            }
            default:
                return null;
        }
    }

    private static double[] scaled(double[] f, double c) {
        for (int j = 0; j < f.length; j++) {
            f[j] *= c;
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression e && e.text.equals(text) && e.names.equals(names) && e.aliases.equals(aliases);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, names, aliases);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Compiles a tree in post order, tracking the stack depth the program needs. */
    private static final class Compiler {
        final List<Integer> kinds = new ArrayList<>();
        final List<Operation> operations = new ArrayList<>();
        final List<Integer> leftSources = new ArrayList<>();
        final List<Integer> leftColumns = new ArrayList<>();
        final List<Double> leftNumbers = new ArrayList<>();
        final List<Integer> rightSources = new ArrayList<>();
        final List<Integer> rightColumns = new ArrayList<>();
        final List<Double> rightNumbers = new ArrayList<>();
        int depth;
        int maxDepth;

        void compile(Term t) {
            if (!(t instanceof Term.Apply a)) {
                emit(PUSH, null, t, null);
                depth++;
                maxDepth = Math.max(maxDepth, depth);
                return;
            }
            Term left = a.arguments().get(0);
            if (a.operation().arity() == 1) {
                compile(left);
                emit(UNARY, a.operation(), null, null);
                return;
            }
            Term right = a.arguments().get(1);
            if (!(right instanceof Term.Apply)) {
                // the right operand read in place: one loop, no copy of a column or fill of a number
                compile(left);
                emit(BINARY, a.operation(), null, right);
            } else if (!(left instanceof Term.Apply)) {
                compile(right);
                emit(BINARY, a.operation(), left, null);
            } else {
                compile(left);
                compile(right);
                emit(BINARY, a.operation(), null, null);
                depth--;
            }
        }

        private void emit(int kind, Operation op, Term left, Term right) {
            kinds.add(kind);
            operations.add(op);
            source(left, leftSources, leftColumns, leftNumbers);
            source(right, rightSources, rightColumns, rightNumbers);
        }

        private static void source(Term t, List<Integer> sources, List<Integer> columns, List<Double> numbers) {
            if (t instanceof Term.Variable v) {
                sources.add(COLUMN);
                columns.add(v.index());
                numbers.add(0.0);
            } else if (t instanceof Term.Constant c) {
                sources.add(NUMBER);
                columns.add(-1);
                numbers.add(c.value());
            } else {
                sources.add(STACK);
                columns.add(-1);
                numbers.add(0.0);
            }
        }
    }
}
