package org.dgmoe.app.base;

import java.io.PrintStream;
import java.util.List;

/**
 * A subcommand of {@code dgmoe}. {@link org.dgmoe.app.Main} dispatches on {@link #name()}; a
 * command prints its results to files or {@code out}, its diagnostics to {@code err}, and signals
 * bad input by throwing {@link InputException} (Main prints it and exits with status 2).
 */
public interface Command {

    /** The word that selects the command, e.g. {@code fit}. */
    String name();

    /** One line for {@code dgmoe help}. */
    String summary();

    /** The full help text of {@code dgmoe help NAME} and {@code dgmoe NAME --help}. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command word
     * @return the exit status (0 on success)
     * @throws InputException for bad input; nothing has been written when it is thrown
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
