package org.dgmoe.app.simulate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dgmoe.app.base.Args;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.data.DataCsv;
import org.dgmoe.app.files.OutputFiles;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskRunner;

/** {@code dgmoe simulate}: writes the exact data set the sweep fits for one (setting, n, replicate). */
public final class SimulateCommand implements Command {

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "write the data set of one (setting, n, replicate) as CSV";
    }

    @Override
    public String usage() {
        return """
                usage: dgmoe simulate --config FILE --setting NAME --n N --replicate R [--set KEY=VALUE]... --out FILE.csv

                Writes the data set that the sweep simulates for task (setting, n, replicate): the
                same seed (study seed, setting name, n, replicate), hence the same numbers. The CSV
                has the header x1,...,xd,y and one line per observation; numbers are written so that
                they read back to exactly the same doubles.

                  --config FILE     the study file (HOCON)
                  --setting NAME    a setting of the study
                  --n N             sample size, >= 1 (need not be on the study's grid)
                  --replicate R     replicate index, >= 0
                  --set KEY=VALUE   override a key of the study file (repeatable; VALUE is HOCON)
                  --out FILE        the CSV to write (replaced only on success)
                """;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) {
        Args args = Args.parse(name(), argList, Set.of("config", "setting", "n", "replicate", "set", "out"),
                Set.of("set"));
        if (args.help()) {
            out.print(usage());
            return 0;
        }
        List<String> problems = new ArrayList<>();
        Path config = args.requiredPath("config", "FILE", problems);
        String settingName = args.required("setting", "NAME", problems);
        Integer n = args.integer("n", "N", 1, true, 0, problems);
        Integer replicate = args.integer("replicate", "R", 0, true, 0, problems);
        Path target = args.requiredPath("out", "FILE.csv", problems);
        InputException.throwIfAny(problems);
        OutputFiles.checkTarget(target, "--out");
        LoadedStudy study = StudyConfigLoader.load(config, args.all("set"));
        Setting setting = study.setting(settingName);
        Dataset data = new TaskRunner(study.study()).data(setting, n, replicate);
        OutputFiles.write(target, w -> DataCsv.write(data, w));
        return 0;
    }
}
