package org.dgmoe.core;

/**
 * A refused value of one named parameter: what a core record throws when a value it was built from is
 * not allowed. The message is {@code <parameter>: <problem>}, as for every {@link IllegalArgumentException}
 * of core (house style: it names the argument, the value and what is allowed); a caller that knows
 * where the parameter was read ({@code dgmoe.study.settings[0].fit}) puts that path in front of
 * {@link #parameter()} without reading the message.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String problem;

    /**
     * @param parameter the refused parameter's key relative to the record that refused it
     *                  ({@code experts}, {@code hellinger.quadrature-nodes}, {@code alpha[1]}); non-empty
     * @param problem   what is wrong with its value and what is allowed ({@code must be >= 1, got 0})
     */
    public InvalidParameterException(String parameter, String problem) {
        super(parameter + ": " + problem);
        if (parameter == null || parameter.isEmpty() || problem == null) {
            throw new IllegalArgumentException("parameter, problem: must be given, got " + parameter + ", " + problem);
        }
        this.parameter = parameter;
        this.problem = problem;
    }

    /** The refused parameter's key relative to the record that refused it. */
    public String parameter() {
        return parameter;
    }

    /** What is wrong with its value and what is allowed. */
    public String problem() {
        return problem;
    }
}
