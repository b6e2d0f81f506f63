package org.dgmoe.app.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.Args;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Progress;
import org.dgmoe.app.base.SparkSessions;
import org.dgmoe.app.config.DataSetting;
import org.dgmoe.app.config.Parameters;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.data.DataColumns;
import org.dgmoe.app.data.DataFile;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.files.OutputFiles;
import org.dgmoe.app.files.StandardErrorsJson;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.core.ConfigNamed;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.em.BestFit;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.em.gated.GatedRestarts;
import org.dgmoe.core.field.Column;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.DataFit;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.GofPlan;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskIntervals;
import org.dgmoe.core.study.TaskRunner;
import org.dgmoe.core.summary.FitDiagnostics;
import org.dgmoe.core.uncertainty.Bootstrap;
import org.dgmoe.core.uncertainty.BootstrapKind;
import org.dgmoe.core.uncertainty.StandardErrors;

/** {@code dgmoe fit}: fits a setting's model family to a CSV data set. */
public final class FitCommand implements Command {
    /** The key in the fit file's near-degeneracy object naming what its variance ratio is taken against: truth or data. */
    static final String REFERENCE = "reference";

    private final Function<String, SparkSession> session;
    private final boolean ownsSession;
    private final BooleanSupplier tty;

    public FitCommand() {
        this(FitCommand::session, true, Progress::stderrIsTerminal);
    }

    /**
     * With the session of {@code session.apply(master)} for {@code --bootstrap} (tests pass a shared one and own
     * nothing) and {@code tty}: whether stderr is a terminal (the progress line, {@link Progress}).
     */
    FitCommand(Function<String, SparkSession> session, boolean ownsSession, BooleanSupplier tty) {
        this.session = session;
        this.ownsSession = ownsSession;
        this.tty = tty;
    }

    /**
     * What {@code --bootstrap} asked for.
     *
     * @param count      B, the refits
     * @param kind       parametric or nonparametric
     * @param partitions Spark partitions of the refits, 0: the default
     * @param master     the Spark master, or null
     */
    record BootstrapOptions(int count, BootstrapKind kind, int partitions, String master) {
    }

    @Override
    public String name() {
        return "fit";
    }

    @Override
    public String summary() {
        return "fit a setting's model (its g0, fit.experts, λ free or fixed) to a CSV or Parquet data set";
    }

    @Override
    public String usage() {
        return """
                usage: dgmoe fit --config FILE --setting NAME --data FILE [--x COLS] [--y COL] [--start FILE.json]
                                 [--replicate R] [--bootstrap B [--bootstrap-kind KIND] [--partitions N]
                                 [--master URL]] [--set KEY=VALUE]... --out FILE.json

                Fits the family of the setting (its g0, fit.experts experts, λ free or fixed, EM
                settings of its fit block) to the data by EM and writes the fitted parameters and the
                outcome of the fit. A fit that fails numerically (iteration cap, a lost component, a
                non-finite likelihood) is not an error: its status says so.

                Without --start the setting's fit.init is used, with n = the number of data rows:
                near-truth starts at the setting's truth plus noise, random draws fit.restarts random
                starts and keeps the best, given uses fit.start. Start noise comes from the stream
                Seeds.stream(Seeds.taskSeed(study seed, setting, n, R), INIT), R = --replicate
                (default 0): for data written by `dgmoe simulate --n n --replicate R` this is exactly
                the start of the sweep's task (setting, n, R). A setting fitted to data needs no
                truth (nor covariates): it then needs g0 and fit.experts, and init = random or given
                (or --start); see docs/gof.md, "Data files".

                A setting gated by x (gating { type = softmax | gaussian }, deviation { type = sigmoid })
                is fitted by the gated EM as a sweep fits it (docs/gating.md): with a truth, near-truth
                or random starts from the same stream, so simulated data of task (setting, n, R) get
                that task's fit; without a truth, init = random. Its parameters are written in the
                names of a gated truth: "lambda" a number or {"slope", "intercept"} (sigmoid), each
                expert's "gate" ({"slope", "intercept"}, softmax, expert 1's gate at zero; or
                {"weight", "mean", "covariance"}, Gaussian) in place of "weight".

                  --config FILE     the study file (HOCON)
                  --setting NAME    a setting of the study
                  --data FILE       CSV with a header row (as written by dgmoe simulate, or any CSV with
                                    named columns, extra columns ignored), or Parquet (a .parquet file
                                    or a folder of part files)
                  --x COLS          the covariate columns, comma-separated, in slope order (default
                                    x1,...,xd)
                  --y COL           the response column (default y)
                  --start FILE.json a start {"lambda": .., "experts": [{"weight", "slope", "intercept",
                                    "variance"}, ...]} with fit.experts experts (a fit file works too);
                                    for a gated setting in the gated names above
                  --replicate R     replicate index of the start-noise stream, >= 0 (default 0)
                  --bootstrap B     also B bootstrap refits (Spark tasks; progress on stderr) and their
                                    percentile and basic intervals beside the Wald ones; each refit starts
                                    from the estimate with the setting's EM settings, its experts matched
                                    to the estimate's (docs/uncertainty.md, "Bootstrap intervals"; a gated
                                    fit's gates travel with their experts)
                  --bootstrap-kind KIND  parametric (default: y redrawn from the fitted model at the
                                    data's x) or nonparametric (rows resampled with replacement)
                  --partitions N    Spark partitions of the refits (default min(B, 4 x the parallelism));
                                    the intervals do not depend on it
                  --master URL      Spark master (default: spark-submit's, else embedded local[*])
                  --set KEY=VALUE   override a key of the study file (repeatable; VALUE is HOCON)
                  --out FILE.json   the fit to write (replaced only on success): the parameters, the
                                    outcome of the fit (below; docs/convergence.md), what it is
                                    about (setting, n, init, initSeed) and its provenance
                                    (config_hash, git_commit, versions, host, ...; docs/config.md)

                On success stdout shows the estimates (λ, each expert's weight, its equation in the
                data's column names and its variance; for a gated fit λ(x) under sigmoid and each
                expert's gate), ℓ, how many starts reached the kept maximum and
                the distinct maxima the others found (starts within 0.001 in ℓ count as one; more
                fit.restarts are worth a try when few reached it), a table of the estimates with their
                standard errors and 95% Wald intervals (a gated fit's λ(x) coefficients and gates too;
                a note where they are not reliable, with the reason: docs/uncertainty.md), with --bootstrap the bootstrap's percentile and basic
                intervals beside them and how many refits failed, and a warning for a spurious fit.

                The outcome in FILE.json:
                """ + outcomeKeys() + nearDegeneracyKeys() + uncertaintyKeys();
    }

    /** One line per key of a fit file's outcome, with its doc ({@link FitDiagnostics#FIT_FILE}). */
    static String outcomeKeys() {
        StringBuilder out = new StringBuilder();
        for (Column<FitResult> c : FitDiagnostics.FIT_FILE) {
            out.append(String.format("  %-24s %s\n", c.field().key(), c.field().doc()));
        }
        return out.toString();
    }

    /**
     * The near-degeneracy object's keys ({@link NearDegeneracy#PART}), with the reference each ratio is
     * taken against.
     */
    static String nearDegeneracyKeys() {
        StringBuilder out = new StringBuilder(String.format("  %-24s %s\n", Parameters.FIT_NEAR_DEGENERACY,
                "how near the fit comes to a degenerate component (docs/convergence.md); when spurious, a"));
        out.append(String.format("  %-24s %s\n", "", "warning on stdout (exit status 0):"));
        for (var f : NearDegeneracy.PART.fields()) {
            out.append(String.format("    %-22s %s\n", f.key(), f.doc()));
        }
        out.append(String.format("    %-22s %s\n", REFERENCE, "truth: the setting's smallest true variance; data: "
                + "the residual"));
        out.append(String.format("    %-22s %s\n", "", "variance of y on (1, x); the ratio is NaN when that is not "
                + "above"));
        out.append(String.format("    %-22s %s\n", "", "fit.variance-floor (the data lie on one line)"));
        return out.toString();
    }

    /** The keys of the standard errors (docs/uncertainty.md). */
    static String uncertaintyKeys() {
        String f = "  %-24s %s\n";
        return String.format(f, Parameters.FIT_STANDARD_ERRORS, "the standard error of every estimate, in the "
                + "estimates' shape (lambda, experts[i].weight, ...): from")
                + String.format(f, "", "the observed information by the delta method; NaN where there is none")
                + String.format(f, Parameters.FIT_INTERVALS, "a list, one block per method: method (wald; with "
                + "--bootstrap also")
                + String.format(f, "", "bootstrap-percentile, bootstrap-basic), level (0.95), the scale each kind of "
                + "parameter's")
                + String.format(f, "", "interval is computed on (logit, log, identity), then [lower, upper] in the "
                + "estimates' shape;")
                + String.format(f, "", "a bootstrap block also has kind, B, failures (refits DEGENERATE or "
                + "NON_FINITE, left out),")
                + String.format(f, "", "capped (refits at the iteration cap, kept) and its notes (as "
                + "reliability.notes)")
                + String.format(f, Parameters.FIT_RELIABILITY, "status (COMPUTED, NO_HESSIAN, NOT_POSITIVE_DEFINITE) "
                + "and notes: per reason (at a")
                + String.format(f, "", "bound, λ near 0 or 1, near-degenerate, over-fitted, ...) the parameters it "
                + "marks and why");
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) {
        Args args = Args.parse(name(), argList, Set.of("config", "setting", "data", "x", "y", "start", "replicate", "set",
                "out", "bootstrap", "bootstrap-kind", "partitions", "master"),
                Set.of("set"));
        if (args.help()) {
            out.print(usage());
            return 0;
        }
        List<String> problems = new ArrayList<>();
        Path config = args.requiredPath("config", "FILE", problems);
        String settingName = args.required("setting", "NAME", problems);
        Path dataFile = args.requiredPath("data", "FILE", problems);
        Integer replicate = args.integer("replicate", "R", 0, false, 0, problems);
        Path target = args.requiredPath("out", "FILE.json", problems);
        String startFile = args.optional("start");
        BootstrapOptions bootstrap = bootstrapOptions(args, problems);
        InputException.throwIfAny(problems);
        OutputFiles.checkTarget(target, "--out");
        DataSetting family = StudyConfigLoader.loadForData(config, args.all("set"), settingName,
                DataColumns.names(args.optional("x")));
        if (family.g0().isRowBound() && bootstrap != null) {
            throw new InputException("fit: --bootstrap: " + family.path() + ".g0.type is columns, a location and a "
                    + "scale per row of this data set; a bootstrap data set has other rows, whose g0 the columns do "
                    + "not give (docs/gof.md, \"g0 from the data's columns\")");
        }
        int d = family.dimension();
        DataColumns columns = DataColumns.of(args.optional("x"), args.optional("y"), d);
        Dataset data = DataFile.read(dataFile, columns);
        DataFile.checkG0Scale(dataFile, data, columns, family.g0(), family.path() + ".g0");
        family = family.withG0(DataFile.bindG0(dataFile, data, columns, family.g0(), family.path() + ".g0"));
        if (family.gated()) {
            return fitGated(family, data, columns, startFile, replicate, bootstrap, target, out, err);
        }
        FitSpec spec = family.fit();
        DeviatedModel start = startFile == null ? null
                : JsonFiles.readModel(Path.of(startFile), family.g0(), d, spec.experts(), "fit.experts");

        BestFit.Restarts restarts;
        String init;
        long taskSeed = Seeds.taskSeed(family.seed(), family.name(), data.size(), replicate);
        if (!family.hasTruth()) {
            FitSpec used = start == null ? spec : new FitSpec(spec.experts(), spec.lambdaFree(), spec.fixedLambda(),
                    InitKind.GIVEN, 1, spec.em(), spec.noise(), start);
            try {
                restarts = DataFit.fitRestarts(family.g0(), used, data, Seeds.stream(taskSeed, Seeds.Stream.INIT));
            } catch (InvalidParameterException e) {
                throw new InputException(family.path() + "." + e.parameter() + ": " + e.problem());
            } catch (IllegalArgumentException e) {
                throw new InputException(family.path() + ": " + e.getMessage());
            }
            init = start == null ? spec.init().configName() : "file";
        } else if (start != null) {
            Setting setting = family.setting();
            // The same path as a study's init = given: one start, λ held as fit.lambda says.
            FitSpec given = new FitSpec(spec.experts(), spec.lambdaFree(), spec.fixedLambda(), InitKind.GIVEN, 1,
                    spec.em(), spec.noise(), start);
            Setting withStart = new Setting(setting.name(), setting.covariates(), setting.truth(), given,
                    setting.theory());
            restarts = TaskRunner.fitRestarts(withStart, data, Seeds.stream(taskSeed, Seeds.Stream.INIT));
            init = "file";
        } else {
            restarts = TaskRunner.fitRestarts(family.setting(), data, Seeds.stream(taskSeed, Seeds.Stream.INIT));
            init = spec.init().configName();
        }
        FitResult result = restarts.best();
        // Against the truth's smallest variance as in a sweep's fits/ row; without a truth, against the data's
        NearDegeneracy degeneracy = family.hasTruth() ? TaskRunner.nearDegeneracy(family.setting(), data.size(), result)
                : NearDegeneracy.ofData(result.model(), data, spec.em().varianceFloor());
        // The observed information at the kept estimate, by the fitter that made it (its floor, bounds and λ)
        StandardErrors se = TaskIntervals.standardErrors(spec.em(), data, result, degeneracy,
                family.hasTruth() ? family.setting().truth().size() : 0, StandardErrors.DEFAULT_LEVEL);
        Bootstrap boot = bootstrap == null ? null
                : bootstrap(bootstrap, data, result, spec.em(), taskSeed, se, err);
        ObjectNode json = StandardErrorsJson.putAll(JsonFiles.fit(result), se, boot);
        write(json, family, data.size(), init, taskSeed, degeneracy, target);
        out.print(FitSummary.text(family.name(), data.size(), columns, lambda(family), restarts, se, boot));
        return finish(degeneracy, result.status(), target, out);
    }

    /** --bootstrap and its companions; null without --bootstrap (the companions then are problems). */
    private static BootstrapOptions bootstrapOptions(Args args, List<String> problems) {
        Integer count = args.integer("bootstrap", "B", 1, false, 0, problems);
        Integer partitions = args.integer("partitions", "N", 1, false, 0, problems);
        String kindName = args.optional("bootstrap-kind");
        BootstrapKind kind = BootstrapKind.PARAMETRIC;
        if (kindName != null) {
            try {
                kind = ConfigNamed.fromConfigName(BootstrapKind.class, "--bootstrap-kind", kindName);
            } catch (InvalidParameterException e) {
                problems.add("fit: --bootstrap-kind " + e.problem());
            }
        }
        if (count != null && count > GofPlan.MAX_BOOTSTRAP) {
            problems.add("fit: --bootstrap must be an integer in [1, " + GofPlan.MAX_BOOTSTRAP + "], got " + count);
        }
        if (count == null || count == 0) {
            for (String companion : List.of("bootstrap-kind", "partitions", "master")) {
                if (args.optional(companion) != null && count != null) {
                    problems.add("fit: --" + companion + " applies to the bootstrap refits and needs --bootstrap B");
                }
            }
            return null;
        }
        return new BootstrapOptions(count, kind, partitions == null ? 0 : partitions, args.optional("master"));
    }

    /** The B refits on Spark ({@link FitBootstrap}), then their intervals beside the Wald ones ({@link Bootstrap#of}). */
    private Bootstrap bootstrap(BootstrapOptions options, Dataset data, FitResult result, EmSettings em, long key,
            StandardErrors se, PrintStream err) {
        SparkSession spark = session.apply(options.master());
        FitBootstrap.Run run;
        try {
            run = FitBootstrap.run(spark, data, result.model(), em, options.kind(), key, options.count(),
                    options.partitions(), err, tty.getAsBoolean());
        } finally {
            if (ownsSession) {
                spark.stop();
            }
        }
        return Bootstrap.of(se, result.status(), options.kind(), run.refits());
    }

    /** As {@link #bootstrap} for a gated fit: its refits by the gated EM ({@link FitBootstrap#runGated}). */
    private Bootstrap bootstrapGated(BootstrapOptions options, Dataset data, GatedFitResult result, EmSettings em,
            long key, StandardErrors se, PrintStream err) {
        SparkSession spark = session.apply(options.master());
        FitBootstrap.Run run;
        try {
            run = FitBootstrap.runGated(spark, data, result.model(), em, options.kind(), key, options.count(),
                    options.partitions(), err, tty.getAsBoolean());
        } finally {
            if (ownsSession) {
                spark.stop();
            }
        }
        return Bootstrap.of(se, result.status(), options.kind(), run.refits());
    }

    /** --master if given, else spark-submit's, else embedded local[*] ({@link SparkSessions}). */
    static SparkSession session(String master) {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        }
        return SparkSession.builder().config(SparkSessions.complete(conf, "fit")).getOrCreate();
    }

    /**
     * A setting gated by x: with a truth, the sweep's gated fit ({@link TaskRunner#fitGatedRestarts}: the same
     * starts from the same INIT stream, so simulated data of task (setting, n, R) get that task's fit); without
     * one, random starts ({@link DataFit#fitGatedRestarts}); with {@code --start}, one fit from that file's model
     * ({@link TaskRunner#fitGatedFrom}). Then the standard errors at the kept estimate and, with
     * {@code --bootstrap}, the gated refits' intervals (docs/uncertainty.md, "Gated fits").
     */
    private int fitGated(DataSetting family, Dataset data, DataColumns columns, String startFile, int replicate,
            BootstrapOptions bootstrap, Path target, PrintStream out, PrintStream err) {
        FitSpec spec = family.fit();
        GatedModel start = startFile == null ? null
                : JsonFiles.readGatedModel(Path.of(startFile), family.g0(), family.dimension(), family.gating(),
                        family.deviation(), spec.experts(), "fit.experts");
        long taskSeed = Seeds.taskSeed(family.seed(), family.name(), data.size(), replicate);
        UniformRandomProvider initRng = Seeds.stream(taskSeed, Seeds.Stream.INIT);
        GatedRestarts restarts;
        try {
            if (start != null) {
                restarts = TaskRunner.fitGatedFrom(spec, data, start);
            } else if (family.hasTruth()) {
                restarts = TaskRunner.fitGatedRestarts(family.setting(), data, initRng);
            } else {
                restarts = DataFit.fitGatedRestarts(family.g0(), family.gating(), family.deviation(), spec, data,
                        initRng);
            }
        } catch (InvalidParameterException e) {
            throw new InputException(family.path() + "." + e.parameter() + ": " + e.problem());
        }
        GatedFitResult result = restarts.best();
        // Against the truth's smallest variance as in a sweep's fits/ row; without a truth, against the data's
        NearDegeneracy degeneracy = family.hasTruth()
                ? NearDegeneracy.ofGated(result.model(), data, NearDegeneracy.referenceVariance(family.setting().truth()))
                : NearDegeneracy.ofGatedData(result.model(), data, spec.em().varianceFloor());
        StandardErrors se = TaskIntervals.standardErrors(spec.em(), data, result, degeneracy,
                family.hasTruth() ? family.setting().truth().size() : 0, StandardErrors.DEFAULT_LEVEL);
        Bootstrap boot = bootstrap == null ? null
                : bootstrapGated(bootstrap, data, result, spec.em(), taskSeed, se, err);
        write(StandardErrorsJson.putAll(JsonFiles.gatedFit(result), se, boot), family, data.size(),
                start != null ? "file" : spec.init().configName(), taskSeed, degeneracy, target);
        out.print(FitSummary.gatedText(family.name(), data.size(), columns, lambda(family), restarts, se, boot));
        return finish(degeneracy, result.status(), target, out);
    }

    /** Adds what the fit is about (near-degeneracy, setting, n, init, initSeed, provenance) and writes the file. */
    private static void write(ObjectNode json, DataSetting family, int n, String init, long taskSeed,
            NearDegeneracy degeneracy, Path target) {
        ObjectNode near = JsonFiles.part(NearDegeneracy.PART, degeneracy);
        near.put(REFERENCE, family.hasTruth() ? "truth" : "data");
        json.set(Parameters.FIT_NEAR_DEGENERACY, near);
        json.put(Parameters.FIT_SETTING, family.name());
        json.put(Parameters.FIT_N, n);
        json.put(Parameters.FIT_INIT, init);
        json.put(Parameters.FIT_INIT_SEED, taskSeed);
        json.set(Provenance.KEY, Provenance.current(family, Instant.now()).toJson());
        JsonFiles.write(target, json);
    }

    /** How the setting treats λ, as the summary says it. */
    private static FitSummary.Lambda lambda(DataSetting family) {
        return family.g0().isNone() ? FitSummary.Lambda.NO_G0
                : family.fit().lambdaFree() ? FitSummary.Lambda.FREE : FitSummary.Lambda.FIXED;
    }

    /** The warning for a spurious fit, then the file written; exit status 0. */
    private static int finish(NearDegeneracy degeneracy, FitStatus status, Path target, PrintStream out) {
        if (degeneracy.spurious()) {
            // a numerical degeneracy is a recorded outcome, not an error (exit 0), but no one should take it
            // as an estimate
            out.println("fit: warning: " + target + ": a spurious fit (status " + status + ", "
                    + Parameters.FIT_NEAR_DEGENERACY + ".spurious = true): " + degeneracy.why()
                    + "; its log-likelihood and estimates describe no population (docs/convergence.md, "
                    + "\"Near-degenerate components\")");
        }
        out.println("fit: wrote " + target);
        return 0;
    }
}
