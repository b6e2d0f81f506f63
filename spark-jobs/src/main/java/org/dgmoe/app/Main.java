package org.dgmoe.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.OutOfMemory;
import org.dgmoe.app.base.Suggestions;
import org.dgmoe.app.base.Version;
import org.dgmoe.app.export.ExportCommand;
import org.dgmoe.app.fit.FitCommand;
import org.dgmoe.app.gof.TestCommand;
import org.dgmoe.app.loss.LossCommand;
import org.dgmoe.app.report.ReportCommand;
import org.dgmoe.app.simulate.SimulateCommand;
import org.dgmoe.app.sweep.SweepCommand;

/**
 * The {@code dgmoe} command line: a small dispatcher over {@link Command}s.
 *
 * <p>Exit status: 0 on success, 2 for bad input (every problem printed as {@code dgmoe: <problem>}
 * on stderr, nothing written) or a heap too small for the input ({@link OutOfMemory}: the message says how to
 * raise it), 1 for
 * an internal error (a bug: the stack trace is printed).
 */
public final class Main {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Main() {
        this(List.of(new SweepCommand(), new SimulateCommand(), new FitCommand(), new LossCommand(), new TestCommand(),
                new ReportCommand(), new ExportCommand()));
    }

    /** The dispatcher over {@code commands}, in the order of the help text (tests pass their own). */
    Main(List<Command> commands) {
        for (Command c : commands) {
            this.commands.put(c.name(), c);
        }
    }

    public static void main(String[] args) {
        OutOfMemory.silenceOnExhaustion();
        int status = new Main().run(args, System.out, System.err);
        System.out.flush();
        // exit explicitly: Spark leaves non-daemon threads behind.
        System.exit(status);
    }

    /** Runs the command line {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return ExitStatus.BAD_INPUT;
        }
        String first = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (first) {
            case "--version", "version" -> {
                out.println("dgmoe " + Version.dgmoe());
                return 0;
            }
            case "help", "--help", "-h" -> {
                if (rest.isEmpty()) {
                    out.print(usage());
                    return 0;
                }
                Command c = commands.get(rest.get(0));
                if (c == null) {
                    return fail(err, List.of(unknownCommand(rest.get(0))));
                }
                out.print(c.usage());
                return 0;
            }
            default -> {
                Command c = commands.get(first);
                if (c == null) {
                    return fail(err, List.of(unknownCommand(first)));
                }
                try {
                    return c.run(rest, out, err);
                } catch (InputException e) {
                    return fail(err, e.problems());
                } catch (OutOfMemoryError e) {
                    OutOfMemory.silenceOtherThreads();
                    return fail(err, List.of(OutOfMemory.message(first)));
                } catch (Exception e) { // also the checked exceptions Scala code throws undeclared
                    if (OutOfMemory.causedBy(e)) { // Spark wraps an error of its driver threads
                        OutOfMemory.silenceOtherThreads();
                        return fail(err, List.of(OutOfMemory.message(first)));
                    }
                    err.println("dgmoe: internal error in '" + first + "' (please report it): " + e);
                    e.printStackTrace(err);
                    return ExitStatus.FAILED;
                }
            }
        }
    }

    private static int fail(PrintStream err, List<String> problems) {
        for (String p : problems) {
            err.println("dgmoe: " + p);
        }
        return ExitStatus.BAD_INPUT;
    }

    private String unknownCommand(String name) {
        String s = Suggestions.closest(name, commands.keySet());
        return "unknown command '" + name + "'" + (s == null ? "" : "; did you mean '" + s + "'?")
                + " (commands: " + String.join(", ", commands.keySet()) + "; see dgmoe help)";
    }

    /** The general help text. */
    public String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: dgmoe COMMAND [OPTIONS]\n\n");
        sb.append("Monte Carlo studies of maximum-likelihood estimation in the deviated Gaussian mixture of experts.\n\n");
        sb.append("commands:\n");
        for (Command c : commands.values()) {
            sb.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        sb.append(String.format("  %-10s %s%n", "help", "this text; dgmoe help COMMAND (or COMMAND --help) for one command"));
        sb.append("\noptions: --version\n");
        sb.append("Bad input exits with status 2 and writes nothing. See README.md and docs/config.md.\n");
        return sb.toString();
    }
}
