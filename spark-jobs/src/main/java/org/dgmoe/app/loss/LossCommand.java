package org.dgmoe.app.loss;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dgmoe.app.base.Args;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.files.OutputFiles;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.core.loss.GatedLossReport;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskRunner;

/** {@code dgmoe loss}: every loss and component-wise error of a fit against the setting's truth. */
public final class LossCommand implements Command {

    @Override
    public String name() {
        return "loss";
    }

    @Override
    public String summary() {
        return "every loss and component-wise error of a fit against the setting's truth";
    }

    @Override
    public String usage() {
        return """
                usage: dgmoe loss --config FILE --setting NAME --fit FILE.json [--set KEY=VALUE]... --out FILE.json

                Measures the fitted parameters against the setting's truth with the study's losses
                settings (dgmoe.study.losses): the Voronoi loss, the generalized Wasserstein distance
                of order wassersteinOrder, the expected Hellinger distance over the covariates, |λ̂ − λ*|,
                and per true atom (cells, atom = 1..k*) the fitted atoms of its Voronoi cell (members,
                0-based indices into the fit's experts) with the mass, slope, intercept and variance
                errors; g0Cell holds the atoms nearer a Gaussian g0 than every true atom (only for a
                gaussian-linear g0).

                For a setting gated by x (gating or deviation not constant; docs/gated-losses.md) the
                file holds the metrics of a gated task's row of the sweep's fits/, under the same names
                (voronoi, hellinger, lambda_error or lambda_slope_error and lambda_intercept_error,
                per true atom cell{j}_mass, cell{j}_gate_location, cell{j}_gate_covariance (Gaussian
                gates), cell{j}_slope, _intercept, _variance), the cell sizes cell{j}_size, and cells
                (atom, members); the fit file then has the truth's gated shape (a dgmoe fit file of the
                setting: experts[i].gate, lambda { slope, intercept } under sigmoid).

                  --config FILE     the study file (HOCON)
                  --setting NAME    a setting of the study
                  --fit FILE.json   a fit (as written by dgmoe fit) or any parameter file of the
                                    setting's family (any number of experts)
                  --set KEY=VALUE   override a key of the study file (repeatable; VALUE is HOCON)
                  --out FILE.json   the losses to write (replaced only on success)
                """;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) {
        Args args = Args.parse(name(), argList, Set.of("config", "setting", "fit", "set", "out"), Set.of("set"));
        if (args.help()) {
            out.print(usage());
            return 0;
        }
        List<String> problems = new ArrayList<>();
        Path config = args.requiredPath("config", "FILE", problems);
        String settingName = args.required("setting", "NAME", problems);
        Path fitFile = args.requiredPath("fit", "FILE.json", problems);
        Path target = args.requiredPath("out", "FILE.json", problems);
        InputException.throwIfAny(problems);
        OutputFiles.checkTarget(target, "--out");
        LoadedStudy study = StudyConfigLoader.load(config, args.all("set"));
        Setting setting = study.setting(settingName);
        if (setting.gated()) {
            GatedModel truth = setting.truth();
            GatedModel fitted = JsonFiles.readGatedModel(fitFile, truth.g0(), truth.dimension(),
                    truth.gating().type(), truth.deviation().type(), 0, "");
            GatedLossReport report;
            try {
                // the losses of a gated task's fits/ row, by the same code (TaskRunner#gatedLosses)
                report = new TaskRunner(study.study()).gatedLosses(setting, fitted);
            } catch (IllegalArgumentException e) {
                throw new InputException(fitFile + ": cannot measure this fit: " + e.getMessage());
            }
            write(JsonFiles.gatedLoss(report, truth), setting, study, target);
            return 0;
        }
        DeviatedModel truth = setting.deviatedTruth();
        DeviatedModel fitted = JsonFiles.readModel(fitFile, truth.g0(), truth.dimension(), 0, "");
        LossReport report;
        try {
            report = new LossCalculator(study.study().losses()).compute(fitted, truth, setting.covariates());
        } catch (IllegalArgumentException e) {
            // e.g. a Voronoi cell whose size has no r̄ in dgmoe.study.losses.voronoi.rbar
            throw new InputException(fitFile + ": cannot measure this fit: " + e.getMessage());
        }
        write(JsonFiles.loss(report), setting, study, target);
        return 0;
    }

    /** Adds the setting's name and the provenance to {@code json} and writes it. */
    private static void write(ObjectNode json, Setting setting, LoadedStudy study, Path target) {
        json.put("setting", setting.name());
        json.set(Provenance.KEY, Provenance.current(study, Instant.now()).toJson());
        JsonFiles.write(target, json);
    }
}
