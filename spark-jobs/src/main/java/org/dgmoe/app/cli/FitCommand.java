package org.dgmoe.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dgmoe.app.base.Args;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.Version;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskRunner;

/** {@code dgmoe fit}: fits a setting's model family to a CSV data set. */
public final class FitCommand implements Command {

    @Override
    public String name() {
        return "fit";
    }

    @Override
    public String summary() {
        return "fit a setting's model (its g0, fit.experts, λ free or fixed) to a CSV data set";
    }

    @Override
    public String usage() {
        return """
                usage: dgmoe fit --config FILE --setting NAME --data FILE.csv [--start FILE.json] [--replicate R]
                                 [--set KEY=VALUE]... --out FILE.json

                Fits the family of the setting (its g0, fit.experts experts, λ free or fixed, EM
                settings of its fit block) to the data by EM and writes the fitted parameters and the
                outcome of the fit. A fit that fails numerically (iteration cap, a lost component, a
                non-finite likelihood) is not an error: its status says so.

                Without --start the setting's fit.init is used, with n = the number of data rows:
                near-truth starts at the setting's truth plus noise, random draws fit.restarts random
                starts and keeps the best, given uses fit.start. Start noise comes from the stream
                Seeds.stream(Seeds.taskSeed(study seed, setting, n, R), INIT), R = --replicate
                (default 0): for data written by `dgmoe simulate --n n --replicate R` this is exactly
                the start of the sweep's task (setting, n, R).

                  --config FILE     the study file (HOCON)
                  --setting NAME    a setting of the study
                  --data FILE.csv   header x1,...,xd,y (as written by dgmoe simulate)
                  --start FILE.json a start {"lambda": .., "experts": [{"weight", "slope", "intercept",
                                    "variance"}, ...]} with fit.experts experts (a fit file works too)
                  --replicate R     replicate index of the start-noise stream, >= 0 (default 0)
                  --set KEY=VALUE   override a key of the study file (repeatable; VALUE is HOCON)
                  --out FILE.json   the fit to write (replaced only on success): the parameters plus
                                    logLikelihood (the sum over points), iterations, status, millis,
                                    and the convergence diagnostics (docs/convergence.md):
                                    lastRelativeChange, lastChange (ℓ change of the last EM step),
                                    lastStep (its largest scaled parameter step), scoreNorm (norm of
                                    the analytic score at the estimate), emEvaluations, and the
                                    optimality certificate: newtonGain (the log-likelihood a Newton
                                    step predicts is left to gain; "NaN" when the Hessian is not
                                    negative definite), hessianNegativeDefinite
                """;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) {
        Args args = Args.parse(name(), argList, Set.of("config", "setting", "data", "start", "replicate", "set", "out"),
                Set.of("set"));
        if (args.help()) {
            out.print(usage());
            return 0;
        }
        List<String> problems = new ArrayList<>();
        Path config = args.requiredPath("config", "FILE", problems);
        String settingName = args.required("setting", "NAME", problems);
        Path dataFile = args.requiredPath("data", "FILE.csv", problems);
        Integer replicate = args.integer("replicate", "R", 0, false, 0, problems);
        Path target = args.requiredPath("out", "FILE.json", problems);
        String startFile = args.optional("start");
        Studies.check(problems);
        OutputFiles.checkTarget(target, "--out");
        LoadedStudy study = StudyConfigLoader.load(config, args.all("set"));
        Setting setting = Studies.setting(study, settingName);
        int d = setting.truth().dimension();
        Dataset data = DataCsv.read(dataFile, d);
        FitSpec spec = setting.fit();
        DeviatedModel start = startFile == null ? null
                : JsonFiles.readModel(Path.of(startFile), setting.truth().g0(), d, spec.experts(), "fit.experts");

        FitResult result;
        String init;
        long taskSeed = Seeds.taskSeed(study.study().seed(), setting.name(), data.size(), replicate);
        if (start != null) {
            // The same path as a study's init = given: one start, λ held as fit.lambda says.
            FitSpec given = new FitSpec(spec.experts(), spec.lambdaFree(), spec.fixedLambda(), InitKind.GIVEN, 1,
                    spec.em(), spec.noise(), start);
            Setting withStart = new Setting(setting.name(), setting.covariates(), setting.truth(), given,
                    setting.theory());
            result = TaskRunner.fit(withStart, data, Seeds.stream(taskSeed, Seeds.Stream.INIT));
            init = "file";
        } else {
            result = TaskRunner.fit(setting, data, Seeds.stream(taskSeed, Seeds.Stream.INIT));
            init = spec.init().configName();
        }
        ObjectNode json = JsonFiles.fit(result);
        json.put("setting", setting.name());
        json.put("n", data.size());
        json.put("init", init);
        json.put("initSeed", taskSeed);
        json.put("configHash", study.configHash());
        json.put("version", Version.dgmoe());
        JsonFiles.write(target, json);
        return 0;
    }
}
