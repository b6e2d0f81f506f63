package org.dgmoe.core.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written recursive-descent parser of the expression grammar, straight to a {@link Term} tree:
 *
 * <pre>
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?            right-associative: 2^3^2 = 2^9, -x^2 = -(x^2)
 *   primary := number | name | function '(' sum (',' sum)* ')' | '(' sum ')'
 * </pre>
 *
 * A name is a covariate from the allowed list or {@code pi}; a function is one of {@link Operation#FUNCTIONS}.
 * Anything else (a dot, a quote, a semicolon, an unknown name) is refused with its column, so a method call
 * such as {@code x1.getClass()} or a class name such as {@code Runtime} never gets past the parser.
 * Sub-trees without covariates are folded to their number as they are built.
 */
final class Parser {
    /** Longer texts are refused: an expression is a formula, not a program. */
    static final int MAX_LENGTH = 4000;
    /** Deeper nesting is refused before the recursion could exhaust the stack. */
    static final int MAX_DEPTH = 200;

    private final String parameter;
    private final String text;
    private final List<String> names;
    /** Second names of the coordinates ({@code aliases.get(j)} another name of {@code names.get(j)}), or empty. */
    private final List<String> aliases;
    private int pos;
    private int depth;

    private Parser(String parameter, String text, List<String> names, List<String> aliases) {
        this.parameter = parameter;
        this.text = text;
        this.names = names;
        this.aliases = aliases;
    }

    static Term parse(String parameter, String text, List<String> names, List<String> aliases) {
        Parser p = new Parser(parameter, text, names, aliases);
        if (text == null || text.isBlank()) {
            throw p.fail("is empty; write an expression of " + String.join(", ", names), 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw p.fail("is " + text.length() + " characters long; at most " + MAX_LENGTH + " are allowed", 0);
        }
        Term t = p.sum();
        p.skipSpace();
        if (p.pos < text.length()) {
            char c = text.charAt(p.pos);
            throw c == ')' ? p.fail("unexpected ')' at column " + (p.pos + 1) + ": no '(' is open", p.pos + 1)
                    : p.fail("unexpected " + p.describe(p.pos) + " at column " + (p.pos + 1)
                            + ": an operator is missing before it", p.pos + 1);
        }
        return t;
    }

    private ExpressionException fail(String problem, int column) {
        return new ExpressionException(parameter, problem, column, null, List.of(), allowed());
    }

    private String allowed() {
        return "names: " + String.join(", ", names) + (aliases.isEmpty() ? "" : " (or " + String.join(", ", aliases)
                + ")") + ", pi; functions: " + Operation.functionNames()
                + "; operators: + - * / ^ and parentheses";
    }

    private Term sum() {
        Term t = product();
        while (true) {
            skipSpace();
            if (peek('+')) {
                pos++;
                t = apply(Operation.ADD, t, product());
            } else if (peek('-')) {
                pos++;
                t = apply(Operation.SUBTRACT, t, product());
            } else {
                return t;
            }
        }
    }

    private Term product() {
        Term t = unary();
        while (true) {
            skipSpace();
            if (peek('*')) {
                pos++;
                t = apply(Operation.MULTIPLY, t, unary());
            } else if (peek('/')) {
                pos++;
                t = apply(Operation.DIVIDE, t, unary());
            } else {
                return t;
            }
        }
    }

    private Term unary() {
        skipSpace();
        if (++depth > MAX_DEPTH) {
            throw fail("nests deeper than " + MAX_DEPTH + " levels at column " + (pos + 1), pos + 1);
        }
        Term t;
        if (peek('-')) {
            pos++;
            t = apply(Operation.NEGATE, unary());
        } else if (peek('+')) {
            pos++;
            t = unary();
        } else {
            t = power();
        }
        depth--;
        return t;
    }

    private Term power() {
        Term base = primary();
        skipSpace();
        if (peek('^')) {
            pos++;
            return apply(Operation.POWER, base, unary());
        }
        return base;
    }

    private Term primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw fail("ends where a number, a name or '(' is expected (column " + (pos + 1) + ")", pos + 1);
        }
        char c = text.charAt(pos);
        if (c == '(') {
            int open = pos;
            pos++;
            Term t = sum();
            expectClose(open);
            return t;
        }
        if (Character.isDigit(c) || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            return name();
        }
        if (c == '.') {
            throw fail("unexpected '.' at column " + (pos + 1) + ": an expression has no method calls or fields",
                    pos + 1);
        }
        throw fail("unexpected " + describe(pos) + " at column " + (pos + 1)
                + ": a number, a name or '(' is expected", pos + 1);
    }

    private Term number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= text.length() || !Character.isDigit(text.charAt(pos))) {
                throw fail("malformed number '" + text.substring(start, Math.min(pos + 1, text.length()))
                        + "' at column " + (start + 1) + ": an exponent needs digits", start + 1);
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (mark == start) {
                throw new IllegalStateException("a number starts with a digit or a dot");
            }
        }
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '.')) {
            throw fail("malformed number at column " + (start + 1) + ": " + describe(pos) + " follows it", start + 1);
        }
        double v = Double.parseDouble(text.substring(start, pos));
        if (!Double.isFinite(v)) {
            throw fail("number at column " + (start + 1) + " is too large for a double", start + 1);
        }
        return new Term.Constant(v);
    }

    private Term name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        int column = start + 1;
        int at = pos;
        skipSpace();
        boolean call = peek('(');
        int index = names.indexOf(name);
        if (index < 0) {
            index = aliases.indexOf(name);
        }
        Operation f = Operation.function(name);
        if (index >= 0 || f == null && name.equals("pi")) {
            if (call) {
                throw fail("'" + name + "' at column " + column + " is a " + (index >= 0 ? "covariate" : "number")
                        + ", not a function", column);
            }
            if (at < text.length() && text.charAt(at) == '.') {
                throw fail("unexpected '.' at column " + (at + 1) + ": an expression has no method calls or fields",
                        at + 1);
            }
            return index >= 0 ? new Term.Variable(index, name) : new Term.Constant(Math.PI);
        }
        if (f == null) {
            List<String> candidates = new ArrayList<>(names);
            candidates.addAll(aliases);
            candidates.add("pi");
            for (Operation g : Operation.FUNCTIONS) {
                candidates.add(g.symbol());
            }
            throw new ExpressionException(parameter, "unknown name '" + name + "' at column " + column, column, name,
                    candidates, allowed());
        }
        if (!call) {
            throw fail("function '" + name + "' at column " + column + " needs its arguments in parentheses: "
                    + name + "(...)", column);
        }
        int open = pos;
        pos++;
        List<Term> arguments = new ArrayList<>();
        arguments.add(sum());
        skipSpace();
        while (peek(',')) {
            pos++;
            arguments.add(sum());
            skipSpace();
        }
        expectClose(open);
        if (arguments.size() != f.arity()) {
            throw fail("function '" + name + "' at column " + column + " takes " + f.arity() + " argument"
                    + (f.arity() == 1 ? "" : "s") + ", got " + arguments.size(), column);
        }
        return arguments.size() == 1 ? apply(f, arguments.get(0)) : apply(f, arguments.get(0), arguments.get(1));
    }

    private void expectClose(int open) {
        skipSpace();
        if (!peek(')')) {
            String found = pos < text.length() ? describe(pos) + " at column " + (pos + 1) : "the end";
            throw fail("missing ')' for the '(' at column " + (open + 1) + ", found " + found, pos + 1);
        }
        pos++;
    }

    /** The operation of one term, folded to its number when the term is one. */
    private static Term apply(Operation op, Term a) {
        if (a instanceof Term.Constant c) {
            return new Term.Constant(op.apply(c.value()));
        }
        return new Term.Apply(op, List.of(a));
    }

    /** The operation of two terms, folded to its number when both are numbers. */
    private static Term apply(Operation op, Term a, Term b) {
        if (a instanceof Term.Constant ca && b instanceof Term.Constant cb) {
            return new Term.Constant(op.apply(ca.value(), cb.value()));
        }
        return new Term.Apply(op, List.of(a, b));
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private String describe(int at) {
        char c = text.charAt(at);
        if (Character.isLetterOrDigit(c) || c == '_') {
            int end = at;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            return "'" + text.substring(at, end) + "'";
        }
        return Character.isISOControl(c) ? String.format("character U+%04X", (int) c) : "'" + c + "'";
    }
}
