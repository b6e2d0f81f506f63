package org.dgmoe.core.expr;

import java.util.List;

/**
 * A refused expression text: what is wrong, at which column (1-based, in characters of the text). The
 * message is {@code <parameter>: <problem>}, as for {@link org.dgmoe.core.InvalidParameterException}; for an
 * unknown name {@link #unknownName()} and {@link #candidates()} let a caller add a "did you mean" by edit
 * distance (the app's suggestion helper), so core keeps no second copy of it.
 */
public final class ExpressionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String problem;
    private final int column;
    private final String unknownName;
    private final List<String> candidates;
    private final String allowed;

    /**
     * @param parameter   the key the text was given for ({@code g0.location})
     * @param problem     what is wrong, with its column ({@code unknown name 'dos' at column 7})
     * @param column      1-based column of the offending character (0 when the text as a whole is wrong)
     * @param unknownName the name not recognised, or null when the problem is not an unknown name
     * @param candidates  the names that would have been recognised there (empty when not an unknown name)
     * @param allowed     what is allowed, in words, for a message's parenthesis (empty when nothing to add)
     */
    public ExpressionException(String parameter, String problem, int column, String unknownName,
            List<String> candidates, String allowed) {
        super(parameter + ": " + problem + (allowed.isEmpty() ? "" : " (" + allowed + ")"));
        this.parameter = parameter;
        this.problem = problem;
        this.column = column;
        this.unknownName = unknownName;
        this.candidates = List.copyOf(candidates);
        this.allowed = allowed;
    }

    /** The key the text was given for. */
    public String parameter() {
        return parameter;
    }

    /** What is wrong and at which column, without the key and without {@link #allowed()}. */
    public String problem() {
        return problem;
    }

    /** 1-based column of the offending character, 0 when the text as a whole is wrong. */
    public int column() {
        return column;
    }

    /** The name not recognised, or null. */
    public String unknownName() {
        return unknownName;
    }

    /** The names that would have been recognised where {@link #unknownName()} stood. */
    public List<String> candidates() {
        return candidates;
    }

    /** What is allowed, in words (the covariate names and the functions), or empty. */
    public String allowed() {
        return allowed;
    }
}
