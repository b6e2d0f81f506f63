package org.dgmoe.app.gof;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.dgmoe.app.base.Args;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Progress;
import org.dgmoe.app.base.SparkSessions;
import org.dgmoe.app.config.DataSetting;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.data.DataColumns;
import org.dgmoe.app.data.DataFile;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.files.OutputFiles;
import org.dgmoe.app.page.EstimatesTable;
import org.dgmoe.app.page.Format;
import org.dgmoe.app.page.TestReport;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.app.storage.LocalFolder;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.gof.GoodnessOfFit;
import org.dgmoe.core.gof.LambdaLowerBound;
import org.dgmoe.core.gof.Lrt;
import org.dgmoe.core.gof.LrtRecipe;
import org.dgmoe.core.gof.LrtResult;
import org.dgmoe.core.gof.NullFit;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.TestKind;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.GofPlan;
import org.dgmoe.core.study.NearDegeneracy;
import org.dgmoe.core.study.TaskIntervals;
import org.dgmoe.core.uncertainty.StandardErrors;

/** {@code dgmoe test}: the exact Monte Carlo goodness-of-fit test of g0 on a user's data (docs/gof.md). */
public final class TestCommand implements Command {
    /** Default number of null refits B. */
    public static final int DEFAULT_BOOTSTRAP = 999;
    /** Default level α of the verdict. */
    public static final double DEFAULT_ALPHA = 0.05;

    /** The --report folder: index.html (a page written before the marker is recognised by it alone). */
    static final LocalFolder.Kind PAGE = new LocalFolder.Kind("test", "test page", List.of("index.html"),
            "index.html");

    private final Function<String, SparkSession> session;
    private final boolean ownsSession;
    private final BooleanSupplier tty;

    public TestCommand() {
        this(TestCommand::session, true, Progress::stderrIsTerminal);
    }

    /**
     * With the session of {@code session.apply(master)} (tests pass a shared one and own nothing) and
     * {@code tty}: whether stderr is a terminal (the progress line, {@link Progress}).
     */
    TestCommand(Function<String, SparkSession> session, boolean ownsSession, BooleanSupplier tty) {
        this.session = session;
        this.ownsSession = ownsSession;
        this.tty = tty;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String summary() {
        return "test whether data come from the setting's g0 (exact Monte Carlo LRT, plus PIT tests and a sup-score)";
    }

    @Override
    public String usage() {
        return """
                usage: dgmoe test --config FILE --setting NAME --data FILE [--x COLS] [--y COL] [--bootstrap B]
                                  [--alpha A] [--partitions N] [--master URL] [--set KEY=VALUE]...
                                  --out test.json [--report DIR]

                Tests H0 "the data come from the setting's g0" (λ = 0) against the deviated model with
                fit.experts experts and λ free. T = 2(sup ℓ_H1 − Σ log g0(y|x)), the supremum found by a
                fixed restart recipe (12 random starts run 20 EM steps, the best 3 to convergence, λ = 0
                always a candidate, so T ≥ 0). B null data sets keep the observed x and draw y ~ g0(·|x);
                each is refitted by the same recipe as an independent Spark task, and
                p = (1 + #{T* ≥ T})/(B + 1) is exact at every level (never 0). Failed null fits are counted
                and kept. Beside it, on the PIT u = G0(y|x): Kolmogorov–Smirnov with its exact p-value,
                Cramér–von Mises, Anderson–Darling, higher criticism, Berk–Jones, the data-driven smooth
                test and (on the data) the sup-score and the grid likelihood ratio, all calibrated by the same null data sets, and a 95%
                lower confidence bound for λ that needs no model (Patra & Sen 2016). The combined test
                sums the nine p-values' Cauchy quantiles (Liu & Xie 2020), 3/4 of the weight on the grid
                likelihood ratio and 1/32 on each other, and calibrates the sum exactly
                on the same null data sets (each null set's p-values against the other B sets); the
                min-p test (the smallest of the nine) is calibrated alike. The verdict (stdout's first line, the page's headline) is the combined
                test's at level α: H0 rejected when p <= α; when it is not, the fitted deviation is only
                the best alternative found. Progress lines of the null refits go to stderr.

                  --config FILE     the study file (HOCON); the setting needs g0 and fit.experts, not truth
                  --setting NAME    a setting of the study
                  --data FILE       CSV with a header row (columns by name, any order, extra columns
                                    ignored) or Parquet (a .parquet file or a folder of part files)
                  --x COLS          the covariate columns, comma-separated, in slope order (default x1,...,xd)
                  --y COL           the response column (default y)
                  --bootstrap B     null refits, >= 1 (default 999)
                  --alpha A         the level of the verdict, in (0, 1) (default 0.05)
                  --partitions N    Spark partitions of the null refits (default min(B, 4 x the
                                    parallelism)); the result does not depend on it
                  --master URL      Spark master (default: spark-submit's, else embedded local[*])
                  --set KEY=VALUE   override a key of the study file (repeatable; VALUE is HOCON)
                  --out FILE.json   the result (replaced only on success): what was tested (setting,
                                    study, data, n, dimension, g0, experts, key, keyRule), test
                                    (combined), statistic (its Cauchy sum C), pValue, bootstrap,
                                    exceedances, pValueInterval, analyticPValue, alpha, rejected, minp,
                                    lrt {statistic T, pValue, ...},
                                    nullLogLikelihood, alternativeLogLikelihood, lambda, lambdaLowerBound
                                    (at least this share deviates from g0, 95%, Patra & Sen 2016, on the
                                    PIT), alternative (the fit, fit.json layout), restarts, failedNullFits,
                                    baselines {ks, cvm, ad, hc, bj, smooth, supscore, gridlr},
                                    nullStatistics, run {master, partitions, started, finished, seconds}, provenance
                  --report DIR      also write DIR/index.html: the verdict, the experts' equations, the null
                                    histogram of T with T marked, the PIT histogram, the data with g0's
                                    band and the fitted deviation (replaced whole; a DIR holding
                                    anything but an earlier page is refused)
                """;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) {
        Args args = Args.parse(name(), argList, Set.of("config", "setting", "data", "x", "y", "bootstrap", "alpha",
                "partitions", "master", "set", "out", "report"), Set.of("set"));
        if (args.help()) {
            out.print(usage());
            return 0;
        }
        List<String> problems = new ArrayList<>();
        Path config = args.requiredPath("config", "FILE", problems);
        String settingName = args.required("setting", "NAME", problems);
        Path dataFile = args.requiredPath("data", "FILE", problems);
        Integer bootstrap = args.integer("bootstrap", "B", 1, false, DEFAULT_BOOTSTRAP, problems);
        Double alpha = args.level("alpha", DEFAULT_ALPHA, problems);
        Integer partitions = args.integer("partitions", "N", 1, false, 0, problems);
        Path target = args.requiredPath("out", "FILE.json", problems);
        String reportOption = args.optional("report");
        if (bootstrap != null && bootstrap > GofPlan.MAX_BOOTSTRAP) {
            problems.add("test: --bootstrap must be an integer in [1, " + GofPlan.MAX_BOOTSTRAP + "], got " + bootstrap);
        }
        InputException.throwIfAny(problems);
        OutputFiles.checkTarget(target, "--out");
        Path report = reportOption == null ? null : Path.of(reportOption);
        if (report != null) {
            LocalFolder.checkReplaceable(report, "--report", PAGE);
        }
        DataSetting family = StudyConfigLoader.loadForData(config, args.all("set"), settingName,
                DataColumns.names(args.optional("x")));
        if (family.g0().isNone()) {
            throw new InputException(family.path() + ".g0.type: is none, so there is no g0 to test (λ is fixed at 1); "
                    + "the test needs a known g0: gaussian-linear, gaussian-nonlinear, student-t or location-scale");
        }
        if (report != null && family.g0().isRowBound()) {
            throw new InputException("test: --report: " + family.path() + ".g0.type is columns, whose location and "
                    + "scale are per row, not curves of x; the page draws g0 as a curve of x, so it is not written "
                    + "for this g0 (test.json and stdout hold the test)");
        }
        DataColumns columns = DataColumns.of(args.optional("x"), args.optional("y"), family.dimension());
        Dataset data = DataFile.read(dataFile, columns);
        DataFile.checkG0Scale(dataFile, data, columns, family.g0(), family.path() + ".g0");
        family = family.withG0(DataFile.bindG0(dataFile, data, columns, family.g0(), family.path() + ".g0"));
        if (data.size() < GofPlan.MINIMUM_SAMPLE_SIZE) {
            throw new InputException("--data " + dataFile + ": holds " + data.size() + " data row"
                    + (data.size() == 1 ? "" : "s") + "; the goodness-of-fit test needs at least "
                    + GofPlan.MINIMUM_SAMPLE_SIZE);
        }

        Instant started = Instant.now();
        long key = Seeds.taskSeed(family.seed(), family.name(), data.size(), 0);
        LrtRecipe recipe = NullRefitTasks.recipe(family);
        GoodnessOfFit.Observed observed = GoodnessOfFit.observe(data, family.g0(), recipe, key);
        if (observed.lrt().failed()) {
            throw new InputException(failedObservedFit(dataFile, data, observed.lrt(), recipe));
        }
        SparkSession spark = session.apply(args.optional("master"));
        NullSample nulls;
        String master;
        int slices;
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            master = jsc.master();
            slices = partitions != 0 ? partitions : Math.max(1, Math.min(bootstrap, 4 * jsc.defaultParallelism()));
            List<Integer> indices = IntStream.range(0, bootstrap).boxed().toList();
            LongAccumulator done = jsc.sc().longAccumulator("dgmoe.test.refits.done");
            List<NullFit> fits;
            try (Progress progress = Progress.start(err, tty.getAsBoolean(), elapsed -> "test: "
                    + Progress.counted(done.value(), bootstrap, "null refits", elapsed))) {
                fits = jsc.parallelize(indices, slices)
                        .mapPartitions(new NullRefitTasks(data, family.g0(), recipe, key, done)).collect();
            }
            nulls = NullSample.of(fits);
        } finally {
            if (ownsSession) {
                spark.stop();
            }
        }
        GoodnessOfFit.Result result = GoodnessOfFit.result(observed, nulls);
        StandardErrors se = alternativeErrors(data, observed.lrt(), recipe);
        Instant finished = Instant.now();

        TestJson.Subject subject = new TestJson.Subject(family.name(), family.study(), dataFile.toString(), data.size(),
                data.dimension(), family.g0().type(), recipe.experts(), key, alpha);
        Provenance provenance = Provenance.current(family, finished);
        ObjectNode json = TestJson.of(subject, result, se, nulls, recipe,
                new TestJson.Run(master, slices, started, finished), provenance);

        Path staging = null;
        try {
            if (report != null) {
                staging = LocalFolder.stage(report, PAGE);
                Files.writeString(staging.resolve("index.html"), TestReport.page(family.name(), data, columns.x(),
                        columns.y(), family.g0(), result, se, nulls, alpha, provenance), StandardCharsets.UTF_8);
            }
            JsonFiles.write(target, json);
            if (staging != null) {
                LocalFolder.replace(staging, report, PAGE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report into " + staging, e);
        } finally {
            if (staging != null) {
                LocalFolder.deleteTree(staging);
            }
        }
        out.print(summary(family.name(), data.size(), columns, alpha, result, se));
        out.println("test: wrote " + target + (report == null ? "" : " and " + report.resolve("index.html")));
        return 0;
    }

    /**
     * The few lines printed on stdout: the verdict at α first ({@link TestReport#verdict}), the tests, the
     * fitted λ and the experts' equations in the data's column names, then (unless λ = 0 won) the alternative's
     * estimates with their standard errors and Wald intervals ({@link EstimatesTable}, as {@code dgmoe fit}).
     */
    static String summary(String setting, int n, DataColumns columns, double alpha, GoodnessOfFit.Result r,
            StandardErrors se) {
        var lrt = r.observed().lrt();
        var p = r.lrt();
        var combined = r.combined();
        StringBuilder sb = new StringBuilder();
        sb.append(TestReport.verdict(combined, alpha)).append('\n');
        sb.append(String.format(Locale.ROOT, "goodness of fit of g0, setting %s, n = %d, B = %d null refits (%d failed)%n",
                setting, n, p.bootstrap(), r.failedNullFits()));
        sb.append(String.format(Locale.ROOT,
                "  combined  C = %-10s p = %-8s (Cauchy; %d of %d null C >= it; exact; analytic p = %s)%n",
                Format.number(r.combination().cauchy()), Format.number(combined.value()), combined.exceedances(),
                combined.bootstrap(), Format.number(r.combination().cauchyAnalytic())));
        sb.append(String.format(Locale.ROOT, "  minp      m = %-10s p = %-8s (min p; %d of %d null min p <= it; exact)%n",
                Format.number(r.combination().minP()), Format.number(r.combination().minPValue().value()),
                r.combination().minPValue().exceedances(), r.combination().minPValue().bootstrap()));
        sb.append(String.format(Locale.ROOT, "  LRT  T  = %-10s p = %-8s (%d of %d T* >= T; 95%% interval [%s, %s])%n",
                Format.number(lrt.statistic()), Format.number(p.value()), p.exceedances(), p.bootstrap(),
                Format.number(p.lower()), Format.number(p.upper())));
        sb.append(String.format(Locale.ROOT, "  KS   D  = %-10s p = %-8s (exact)%n", Format.number(r.ks().statistic()),
                Format.number(r.ks().pValue())));
        sb.append(String.format(Locale.ROOT, "  CvM  W2 = %-10s p = %-8s (Monte Carlo, same null)%n",
                Format.number(r.cvm().statistic()), Format.number(r.cvm().pValue())));
        sb.append(String.format(Locale.ROOT, "  AD   A2 = %-10s p = %-8s (Monte Carlo, same null)%n",
                Format.number(r.ad().statistic()), Format.number(r.ad().pValue())));
        sb.append(adaptiveLines(r));
        sb.append(String.format(Locale.ROOT, "  fitted lambda = %s%s; l0 = %s, sup l1 = %s%n", Format.number(lrt.lambda()),
                lrt.lambdaZeroWon() ? " (lambda = 0 won)" : "", Format.number(lrt.nullLogLikelihood()),
                Format.number(lrt.alternativeLogLikelihood())));
        sb.append(lowerBoundLine(r.observed().lambdaLowerBound())).append(System.lineSeparator());
        List<String> experts = TestReport.expertLines(lrt, columns.x(), columns.y());
        if (!experts.isEmpty()) {
            sb.append(combined.rejects(alpha) ? "  the fitted deviation:\n"
                    : "  the best alternative found (not a finding):\n");
        }
        for (String e : experts) {
            sb.append("    ").append(e).append('\n');
        }
        if (!experts.isEmpty()) {
            sb.append(EstimatesTable.text(se, null, columns.x()));
        }
        return sb.toString();
    }

    /**
     * The standard errors of the LRT's alternative, the fit test.json reports: its observed information by the
     * fitter that made it (the recipe's final EM settings with the data's variance floor, {@link Lrt}), the
     * {@code spurious} rule on the data (there is no truth), at {@link StandardErrors#DEFAULT_LEVEL}.
     */
    static StandardErrors alternativeErrors(Dataset data, LrtResult lrt, LrtRecipe recipe) {
        FitResult fit = lrt.fit();
        double floor = lrt.varianceFloor();
        NearDegeneracy degeneracy = NearDegeneracy.ofData(fit.model(), data, floor);
        return TaskIntervals.standardErrors(recipe.em().withVarianceFloor(floor), data, fit, degeneracy, 0,
                StandardErrors.DEFAULT_LEVEL);
    }

    /**
     * The lines of the adaptive statistics (issue 25): HC, BJ, the smooth statistic with its dimension, the sup-score,
     * the grid likelihood ratio.
     */
    static String adaptiveLines(GoodnessOfFit.Result r) {
        String mc = "Monte Carlo, same null";
        return String.format(Locale.ROOT, "  HC   HC = %-10s p = %-8s (%s)%n", Format.number(r.adaptive(TestKind.HC)
                .statistic()), Format.number(r.higherCriticism().value()), mc)
                + String.format(Locale.ROOT, "  BJ   BJ = %-10s p = %-8s (%s)%n", Format.number(r.adaptive(TestKind.BJ)
                        .statistic()), Format.number(r.berkJones().value()), mc)
                + String.format(Locale.ROOT, "  NS   N  = %-10s p = %-8s (%s; Neyman smooth, dimension %d)%n",
                        Format.number(r.adaptive(TestKind.SMOOTH).statistic()), Format.number(r.smooth().value()), mc,
                        r.observed().adaptive().smoothDimension())
                + String.format(Locale.ROOT, "  SS   Z  = %-10s p = %-8s (%s; sup-score)%n",
                        Format.number(r.adaptive(TestKind.SUPSCORE).statistic()), Format.number(r.supScore().value()), mc)
                + String.format(Locale.ROOT, "  GLR  G  = %-10s p = %-8s (%s; grid likelihood ratio)%n",
                        Format.number(r.adaptive(TestKind.GRIDLR).statistic()),
                        Format.number(r.gridLikelihoodRatio().value()), mc);
    }

    /** The model-free lower bound of λ in words, as the page says it ({@link TestReport#lowerBoundSentence}). */
    static String lowerBoundLine(LambdaLowerBound b) {
        return "  " + TestReport.lowerBoundSentence(b);
    }

    /**
     * Why the test of {@code data} cannot be computed: its own fit failed (a failed null refit is kept with
     * T* = 0, but an observed T of 0 by failure would read as "no evidence against g0").
     */
    static String failedObservedFit(Path dataFile, Dataset data, LrtResult lrt, LrtRecipe recipe) {
        double largestY = 0;
        for (int i = 0; i < data.size(); i++) {
            largestY = Math.max(largestY, Math.abs(data.y(i)));
        }
        String what = lrt.fit().finite()
                ? "g0's log-likelihood of the data is " + lrt.nullLogLikelihood()
                : "every fit of the deviated model (" + recipe.experts() + " expert" + (recipe.experts() == 1 ? "" : "s")
                        + ", λ free) failed with status " + lrt.fit().status();
        return "--data " + dataFile + ": the observed fit failed, so the test cannot be computed (nothing written): "
                + what + "; the largest |y| is " + Format.number(largestY) + " (squares of values beyond about 1e154 "
                + "overflow double precision: rescale such data; docs/gof.md, \"When the test cannot be computed\")";
    }

    /** --master if given, else spark-submit's, else embedded local[*] ({@link SparkSessions}). */
    static SparkSession session(String master) {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        }
        return SparkSession.builder().config(SparkSessions.complete(conf, "test")).getOrCreate();
    }
}
