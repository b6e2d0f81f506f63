package org.dgmoe.app.base;

import java.util.List;

/**
 * Bad input from the user: a broken study file, a missing or malformed data file, a bad flag. The
 * command line prints every problem (each naming the key or file and what is allowed) and exits
 * with status 2, having written nothing.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InputException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: must not be empty");
        }
        this.problems = List.copyOf(problems);
    }

    public InputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    /** Throws the collected {@code problems} (of a command line, say) as one exception, if there are any. */
    public static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }
}
