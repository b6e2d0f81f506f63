package org.dgmoe.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every command answers --help, -h and `dgmoe help COMMAND` with its usage and exit 0, writing nothing else. */
class HelpTest {
    record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The commands the general help lists (lines "  NAME  summary" under "commands:"). */
    private static List<String> listedCommands() {
        String usage = run("help").out();
        String block = usage.substring(usage.indexOf("commands:\n") + "commands:\n".length(), usage.indexOf("\n\n",
                usage.indexOf("commands:\n")));
        Matcher m = Pattern.compile("(?m)^  (\\S+)\\s").matcher(block);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyCommandAnswersHelpWithExitZero() {
        List<String> commands = listedCommands();
        assertEquals(List.of("sweep", "simulate", "fit", "loss", "test", "report", "export", "help"), commands);
        for (String command : commands.subList(0, commands.size() - 1)) {
            for (String[] args : List.of(new String[] {command, "--help"}, new String[] {command, "-h"},
                    new String[] {"help", command}, new String[] {command, "--out", "x", "--help"})) {
                Result r = run(args);
                String what = String.join(" ", args);
                assertEquals(0, r.status(), what + ": " + r.err());
                assertTrue(r.out().startsWith("usage: dgmoe " + command), what + ": " + r.out());
                assertEquals("", r.err(), what);
            }
        }
        assertEquals(0, run("--help").status());
        assertEquals(0, run("--version").status());
        assertTrue(run("--version").out().startsWith("dgmoe "));
    }
}
