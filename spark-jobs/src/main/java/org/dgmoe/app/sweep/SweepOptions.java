package org.dgmoe.app.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.cli.InputException;

/**
 * The flags of {@code dgmoe sweep}.
 *
 * @param config           the study file
 * @param out              the output directory, or null for {@code out/<study name>}
 * @param master           the Spark master, or null (spark-submit's, else {@code local[*]})
 * @param overrides        {@code --set key=value}, in order
 * @param resume           finish an interrupted run of the same study
 * @param overwrite        replace what DIR holds once the new run has succeeded
 * @param partitions       Spark partitions for the whole plan, or 0 for one task per partition
 * @param failOnDisagreement exit 3 when a rate disagrees with its theory
 * @param history          folder of the rate history to append this run's rates to, or null
 */
public record SweepOptions(Path config, String out, String master, List<String> overrides, boolean resume,
        boolean overwrite, int partitions, boolean failOnDisagreement, String history) {

    static final String USAGE = "usage: dgmoe sweep CONFIG [--out DIR] [--master URL] [--set key=value]... "
            + "[--resume] [--overwrite] [--partitions N] [--fail-on-disagreement] [--history DIR_H]";

    public SweepOptions {
        overrides = List.copyOf(overrides);
    }

    /**
     * Parses the arguments after {@code sweep}.
     *
     * @throws InputException naming every bad flag
     */
    public static SweepOptions parse(String[] args) {
        List<String> problems = new ArrayList<>();
        Path config = null;
        String out = null;
        String master = null;
        List<String> overrides = new ArrayList<>();
        boolean resume = false;
        boolean overwrite = false;
        int partitions = 0;
        boolean fail = false;
        String history = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--resume" -> resume = true;
                case "--overwrite" -> overwrite = true;
                case "--fail-on-disagreement" -> fail = true;
                case "--out", "--master", "--set", "--partitions", "--history" -> {
                    if (i + 1 >= args.length) {
                        problems.add(a + ": needs a value");
                        break;
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--out" -> out = v;
                        case "--master" -> master = v;
                        case "--history" -> history = v;
                        case "--set" -> {
                            if (v.indexOf('=') < 1) {
                                problems.add("--set: must be key=value, got '" + v + "'");
                            }
                            overrides.add(v);
                        }
                        default -> {
                            try {
                                partitions = Integer.parseInt(v);
                                if (partitions < 1) {
                                    problems.add("--partitions: must be >= 1, got " + v);
                                }
                            } catch (NumberFormatException e) {
                                problems.add("--partitions: must be an integer >= 1, got '" + v + "'");
                            }
                        }
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        problems.add("unknown flag '" + a + "'");
                    } else if (config != null) {
                        problems.add("only one CONFIG is allowed, got '" + config + "' and '" + a + "'");
                    } else {
                        config = Path.of(a);
                    }
                }
            }
        }
        if (config == null) {
            problems.add("CONFIG: the study file is missing");
        }
        if (resume && overwrite) {
            problems.add("--resume and --overwrite: give at most one");
        }
        if (!problems.isEmpty()) {
            problems.add(USAGE);
            throw new InputException(problems);
        }
        return new SweepOptions(config, out, master, overrides, resume, overwrite, partitions, fail, history);
    }
}
