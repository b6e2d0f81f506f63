package org.dgmoe.app.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.base.Args;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.config.RunSettings;
import org.dgmoe.app.storage.OutputLock;

/**
 * The flags of {@code dgmoe sweep}.
 *
 * @param config           the study file
 * @param out              the output directory, or null for {@code out/<study name>}
 * @param master           the Spark master, or null (spark-submit's, else {@code local[*]})
 * @param overrides        {@code --set key=value}, in order
 * @param resume           finish an interrupted run of the same study
 * @param overwrite        replace what DIR holds once the new run has succeeded
 * @param breakLock        take over DIR's lock whoever holds it (the operator knows its run is gone)
 * @param partitions       at most this many Spark partitions of equal expected cost for the whole plan, or 0
 *                         for the sweep's batching by cost ({@code TaskPlan})
 * @param failOnDisagreement exit 3 when a rate is slower than its theory (verdict slower-than-theory)
 * @param history          folder of the rate history to append this run's rates to, or null
 * @param sparkConf        Spark properties set unless spark-submit set them ({@code dgmoe.spark.conf})
 */
public record SweepOptions(Path config, String out, String master, List<String> overrides, boolean resume,
        boolean overwrite, boolean breakLock, int partitions, boolean failOnDisagreement, String history,
        Map<String, String> sparkConf) {

    static final String USAGE = "usage: dgmoe sweep CONFIG [--out DIR] [--master URL] [--set key=value]... "
            + "[--resume] [--overwrite] [--break-lock] [--partitions N] [--fail-on-disagreement] [--history DIR_H]";

    public SweepOptions {
        overrides = List.copyOf(overrides);
        sparkConf = Map.copyOf(sparkConf);
    }

    /**
     * These flags over the study's run sections: a flag given wins over the config's value, and that
     * over the built-in default ({@code out/<study name>}; no master: spark-submit's, else
     * {@code local[*]}; batching by expected cost; no history; no exit 3).
     */
    public SweepOptions withRunSettings(RunSettings run, String studyName) {
        return new SweepOptions(config, firstOf(out, run.outputDir(), "out/" + studyName), firstOf(master,
                run.master(), null), overrides, resume, overwrite, breakLock,
                partitions != 0 ? partitions : run.partitions(), failOnDisagreement || run.failOnDisagreement(), firstOf(history, run.history(), null), run.sparkConf());
    }

    private static String firstOf(String flag, String config, String builtIn) {
        return flag != null ? flag : config != null ? config : builtIn;
    }

    /**
     * Which lock found in DIR this run takes over: any with {@code --break-lock}; one whose holder is provably
     * gone with {@code --resume} or {@code --overwrite} (the commands that expect an earlier run's folder);
     * none otherwise.
     */
    public OutputLock.Takeover takeover() {
        return breakLock ? OutputLock.Takeover.ANY
                : resume || overwrite ? OutputLock.Takeover.STALE : OutputLock.Takeover.NEVER;
    }

    /**
     * Parses the arguments after {@code sweep} with the one parser of every command ({@link Args});
     * null for {@code --help}.
     *
     * @throws InputException naming every bad flag
     */
    public static SweepOptions parse(String[] argv) {
        Args args;
        try {
            args = Args.parse("sweep", List.of(argv), Set.of("out", "master", "set", "partitions", "history"),
                    Set.of("set"), Set.of("resume", "overwrite", "break-lock", "fail-on-disagreement"), "CONFIG");
        } catch (InputException e) {
            List<String> problems = new ArrayList<>(e.problems());
            problems.add(USAGE);
            throw new InputException(problems);
        }
        if (args.help()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        for (String v : args.all("set")) {
            if (v.indexOf('=') < 1) {
                problems.add("--set: must be key=value, got '" + v + "'");
            }
        }
        Integer partitions = args.integer("partitions", "N", 1, false, 0, problems);
        if (args.positional() == null) {
            problems.add("CONFIG: the study file is missing");
        }
        if (args.has("resume") && args.has("overwrite")) {
            problems.add("--resume and --overwrite: give at most one");
        }
        if (!problems.isEmpty()) {
            problems.add(USAGE);
            throw new InputException(problems);
        }
        return new SweepOptions(Path.of(args.positional()), args.optional("out"), args.optional("master"),
                args.all("set"), args.has("resume"), args.has("overwrite"), args.has("break-lock"), partitions,
                args.has("fail-on-disagreement"), args.optional("history"), Map.of());
    }
}
