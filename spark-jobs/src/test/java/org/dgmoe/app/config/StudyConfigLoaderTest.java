package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dgmoe.app.Main;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Suggestions;
import org.dgmoe.core.em.Acceleration;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.NearTruthStart;
import org.dgmoe.core.em.ParameterBounds;
import org.dgmoe.core.em.StopRule;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.study.FitSpec;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.StartCheck;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyConfigLoaderTest {

    /** The study of the Foundation issue, verbatim. */
    static final String EXAMPLE = """
            dgmoe.study {
              name = "quickstart"
              seed = 20240207
              replicates = 40
              sample-sizes { min = 100, max = 100000, count = 20, spacing = log }   # or: sample-sizes = [100, 1000]
              settings = [
                {
                  name = "distinguishable-overfit"
                  covariates { distribution = uniform, dimension = 1, min = 0.0, max = 1.0 }
                  g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                  truth {
                    lambda = 0.5
                    experts = [
                      { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                      { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 }
                    ]
                  }
                  fit { experts = 3, lambda = free, init = near-truth, restarts = 1, max-iterations = 2000, tolerance = 1e-6 }
                }
              ]
            }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private LoadedStudy load(String text, String... overrides) throws IOException {
        return StudyConfigLoader.load(write("study.conf", text), List.of(overrides));
    }

    private List<String> problems(String text, String... overrides) {
        InputException e = assertThrows(InputException.class, () -> load(text, overrides));
        return e.problems();
    }

    @Test
    void theExampleParsesIntoTheExpectedRecords() throws IOException {
        LoadedStudy loaded = load(EXAMPLE);
        StudentTG0 g0 = new StudentTG0(new double[] {0.5}, 0.0, 0.5, 3);
        DeviatedModel truth = new DeviatedModel(0.5, new MixingMeasure(new double[] {0.5, 0.5}, List.of(
                new Expert(new double[] {-2.0}, 1.0, 0.09), new Expert(new double[] {2.0}, -1.0, 0.16))), g0);
        // A tolerance without fit.stop keeps its historical meaning: the published relative rule on
        // plain EM.
        FitSpec fit = new FitSpec(3, true, Double.NaN, InitKind.NEAR_TRUTH, 1, EmSettings.DEFAULTS.withMaxIterations(2000)
                .withStop(StopRule.RELATIVE).withTolerance(1e-6).withAcceleration(Acceleration.NONE),
                NearTruthStart.DEFAULTS, null);
        Setting setting = new Setting("distinguishable-overfit", new UniformCovariates(new double[] {0.0},
                new double[] {1.0}), truth, fit, Map.of());
        Study expected = new Study("quickstart", 20240207L, 40, StudyConfigLoader.expandGrid(100, 100000, 20, true),
                List.of(setting), LossSettings.DEFAULTS);
        assertEquals(expected, loaded.study());
        assertEquals(setting, loaded.study().settings().get(0));
        assertEquals(RateSettings.DEFAULTS, loaded.rates());
        assertEquals(20, loaded.study().sampleSizes().length);
        assertEquals(64, loaded.configHash().length());
        assertTrue(loaded.resolvedConfig().startsWith("{\"study\":{\"name\":\"quickstart\",\"replicates\":40,"),
                loaded.resolvedConfig());
    }

    @Test
    void theShippedQuickstartLoads() {
        LoadedStudy loaded = StudyConfigLoader.load(Path.of("../conf/quickstart.conf"), List.of());
        assertEquals(List.of("exact-fit", "over-fit"), loaded.study().settings().stream().map(Setting::name).toList());
        assertEquals(8, loaded.study().sampleSizes().length);
        assertEquals(3, loaded.study().setting("over-fit").fit().experts());
    }

    @Test
    void logGridIsRoundedAndEndsExactly() {
        int[] g = StudyConfigLoader.expandGrid(100, 100000, 20, true);
        assertEquals(100, g[0]);
        assertEquals(100000, g[19]);
        assertEquals(Math.round(100 * Math.pow(10, 3.0 / 19)), g[1]); // 143.8 → 144
        assertEquals(144, g[1]);
        for (int i = 1; i < g.length; i++) {
            assertTrue(g[i] > g[i - 1]);
        }
        assertArrayEquals(new int[] {100, 1000, 10000}, StudyConfigLoader.expandGrid(100, 10000, 3, true));
    }

    @Test
    void linearGridRoundsHalvesUpAndDeduplicates() {
        assertArrayEquals(new int[] {100, 400, 700, 1000}, StudyConfigLoader.expandGrid(100, 1000, 4, false));
        // 1, 1.5, 2, 2.5, 3, 3.5, 4 → 1, 2, 2, 3, 3, 4, 4 → deduplicated
        assertArrayEquals(new int[] {1, 2, 3, 4}, StudyConfigLoader.expandGrid(1, 4, 7, false));
        int[] dense = StudyConfigLoader.expandGrid(1, 10, 40, true);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, dense);
        assertArrayEquals(new int[] {50}, StudyConfigLoader.expandGrid(50, 50, 1, true));
    }

    @Test
    void gridAndListFormsInTheFile() throws IOException {
        assertArrayEquals(new int[] {100, 1000},
                load(EXAMPLE, "dgmoe.study.sample-sizes=[100, 1000]").study().sampleSizes());
        assertArrayEquals(new int[] {100, 400, 700, 1000}, load(EXAMPLE,
                "dgmoe.study.sample-sizes={min = 100, max = 1000, count = 4, spacing = linear}").study().sampleSizes());
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsKeyPath() {
        String bad = EXAMPLE
                .replace("replicates = 40", "replicates = 0")
                .replace("variance = 0.16", "variance = -0.2")
                .replace("restarts = 1", "restarts = 1, experst = 2")
                .replace("dof = 3 }", "dof = 3, scale = -1 }")
                .replace("experts = 3,", "experts = 1,")
                .replace("dimension = 1,", "dimension = 2,");
        List<String> p = problems(bad);
        assertTrue(p.contains("dgmoe.study.replicates: must be an integer in [1, 2147483647], got 0"), p::toString);
        assertTrue(p.contains("dgmoe.study.settings[0].truth.experts[1].variance: must be > 0, got -0.2"), p::toString);
        assertTrue(p.contains("dgmoe.study.settings[0].fit.experst: unknown key; did you mean 'experts'? (allowed here: "
                + "experts, lambda, init, restarts, max-iterations, stop, tolerance, step-tolerance, accelerate, "
                + "start-check, bounds, variance-floor, init-noise, start)"),
                p::toString);
        assertTrue(p.contains("dgmoe.study.settings[0].g0.scale: must be > 0, got -1"), p::toString);
        assertTrue(p.contains("dgmoe.study.settings[0].fit.experts: must be >= k* = 2 (the number of true experts) "
                + "for init = near-truth, got 1"), p::toString);
        // covariates.dimension = 2 states d, so every slope of length 1 is named.
        for (String slope : List.of("g0.slope", "truth.experts[0].slope", "truth.experts[1].slope")) {
            assertTrue(p.contains("dgmoe.study.settings[0]." + slope + ": must have d = 2 entries (the covariate "
                    + "dimension), got 1"), p::toString);
        }
        assertEquals(8, p.size(), p::toString);
    }

    @Test
    void weightsTypesMissingKeysAndDimensions() {
        String bad = EXAMPLE
                .replace("{ weight = 0.5, slope = [2.0]", "{ weight = 0.4, slope = [2.0]")
                .replace("intercept = 0.0, scale", "intercept = zero, scale")
                .replace("slope = [-2.0]", "slope = [-2.0, 1.0]")
                .replace("seed = 20240207", "")
                .replace("lambda = 0.5", "lambda = 1.5");
        List<String> p = problems(bad);
        assertTrue(p.contains("dgmoe.study.seed: missing; an integer (every random stream derives from it and the task key (setting name, "
                + "n, replicate))"),
                p::toString);
        assertTrue(p.contains("dgmoe.study.settings[0].g0.intercept: must be a number, got 'zero'"), p::toString);
        assertTrue(p.contains("dgmoe.study.settings[0].truth.lambda: must be in [0, 1], got 1.5"), p::toString);
        // d is taken from covariates.dimension = 1, so the two-entry slope is named.
        assertTrue(p.contains("dgmoe.study.settings[0].truth.experts[0].slope: must have d = 1 entries (the "
                + "covariate dimension), got 2"), p::toString);
        assertEquals(4, p.size(), p::toString);

        List<String> sums = problems(EXAMPLE.replace("{ weight = 0.5, slope = [2.0]", "{ weight = 0.4, slope = [2.0]"));
        assertEquals(List.of("dgmoe.study.settings[0].truth.experts: weights must sum to 1 (within 1.0E-9), got 0.9"),
                sums);
    }

    @Test
    void g0KindsAndTheirKeys() {
        List<String> p = problems(EXAMPLE, "dgmoe.study.settings=[" + """
                { name = a, covariates { distribution = grid }, g0 { type = gaussian-nonlinear, function = cos,
                  coefficients = [1, 2], variance = 1 }, truth { lambda = 0.5, experts = [ { weight = 1, slope = [1],
                  intercept = 0, variance = 1 } ] } }
                { name = a, covariates { distribution = beta }, g0 { type = none },
                  truth { lambda = 0.5, experts = [ { weight = 1, slope = [1], intercept = 0, variance = 1 } ] },
                  fit { lambda = free } }
                { name = c, covariates { distribution = uniform }, g0 { type = gaussian-nonlinear, function = sin,
                  coefficients = [1, 2, 3], variance = 1 }, truth { lambda = 0.5, experts = [ { weight = 1, slope = [1],
                  intercept = 0, variance = 1 } ] }, fit { init = given } }
                ]""");
        assertTrue(p.contains("dgmoe.study.settings[0].g0.function: must be one of sin, quadratic, exp, got 'cos'"),
                p::toString);
        assertTrue(p.contains("dgmoe.study.settings[1].covariates.distribution: must be one of uniform, normal, grid, "
                + "gate, got 'beta'"), p::toString);
        assertTrue(p.contains("dgmoe.study.settings[1].truth.lambda: must be 1 or absent when g0.type = none (a plain "
                + "mixture of experts has no g0 to deviate from), got 0.5"), p::toString);
        assertTrue(p.contains("dgmoe.study.settings[1].fit.lambda: cannot be free when g0.type = none (λ is fixed at "
                + "1); remove it"), p::toString);
        assertTrue(p.contains("dgmoe.study.settings[1].name: must be unique; settings[0] is also called 'a'"),
                p::toString);
        assertTrue(p.contains("dgmoe.study.settings[2].g0.coefficients: function sin takes 2 coefficients, got 3"),
                p::toString);
        assertTrue(p.contains("dgmoe.study.settings[2].fit.start: missing; init = given needs start = { lambda, "
                + "experts = [ { weight, slope, intercept, variance }, ... ] }"), p::toString);
        assertEquals(7, p.size(), p::toString);
    }

    @Test
    void givenStartFixedLambdaTheoryLossesAndRates() throws IOException {
        String text = EXAMPLE.replace("fit { experts = 3, lambda = free, init = near-truth,", """
                theory { voronoi = -0.5, generalized_wasserstein = unknown }
                fit { experts = 2, lambda = 0.25, init = given, variance-floor = 1e-4,
                  init-noise { location-scale = 0.01 },
                  start { lambda = 0.25, experts = [ { weight = 0.3, slope = [0], intercept = 0, variance = 1 },
                                                      { weight = 0.7, slope = [1], intercept = 1, variance = 2 } ] },
                """) + """
                dgmoe.study.losses { voronoi.rbar { 4 = 8 }, wasserstein.order = 2, hellinger.covariate-points = 32 }
                dgmoe.rates { bootstrap = 200, seed = 7 }
                """;
        LoadedStudy loaded = load(text);
        Setting s = loaded.study().settings().get(0);
        FitSpec f = s.fit();
        assertEquals(InitKind.GIVEN, f.init());
        assertEquals(false, f.lambdaFree());
        assertEquals(0.25, f.fixedLambda());
        assertEquals(1e-4, f.em().varianceFloor());
        assertEquals(new NearTruthStart(0.01, -0.083, 0.0005, -0.25), f.noise());
        assertEquals(0.7, f.givenStart().mixing().weight(1));
        assertEquals(-0.5, s.theory().get("voronoi"));
        assertTrue(Double.isNaN(s.theory().get("generalized_wasserstein")));
        assertEquals(new LossSettings(Map.of(2, 4, 3, 6, 4, 8), 2, 32, 64), loaded.study().losses());
        assertEquals(new RateSettings(200, 0.95, 0.05, 7), loaded.rates());
    }

    @Test
    void aTheoryEntryForAMetricTheSettingDoesNotProduceIsAnError() {
        List<String> p = problems(EXAMPLE.replace("fit { experts = 3,", "theory { cell9_mass = -0.5 }\n fit { experts = 3,"));
        assertEquals(1, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("dgmoe.study.settings[0].theory.cell9_mass: is not a metric of this setting; its "
                + "metrics are [voronoi, generalized_wasserstein, hellinger, lambda_error, cell1_mass"), p::toString);
    }

    @Test
    void aCellSizeWithoutRbarIsAnError() {
        List<String> p = problems(EXAMPLE.replace("experts = 3,", "experts = 5,"));
        assertEquals(List.of("dgmoe.study.settings[0].fit.experts: k = 5 fitted experts against k* = 2 true ones put up "
                + "to 4 atoms in a Voronoi cell, and r̄(4) is not known in closed form: give it as "
                + "dgmoe.study.losses.voronoi.rbar.4 (known: {2=4, 3=6})"), p);
    }

    @Test
    void fourExpertsAgainstTwoNeedRbarUpToThreeOnly() throws IOException {
        // A cell of 4 atoms would leave the other true atom's cell empty: its Voronoi loss is NaN, not refused.
        assertEquals(4, load(EXAMPLE.replace("experts = 3,", "experts = 4,")).study().settings().get(0).fit()
                .experts());
    }

    @Test
    void emptyGridAndWrongShapes() {
        assertEquals(List.of("dgmoe.study.sample-sizes: must hold at least one sample size, got []"),
                problems(EXAMPLE, "dgmoe.study.sample-sizes=[]"));
        assertEquals(List.of("dgmoe.study.sample-sizes[1]: sizes must be strictly increasing, got 100 after 1000"),
                problems(EXAMPLE, "dgmoe.study.sample-sizes=[1000, 100]"));
        assertEquals(List.of("dgmoe.study.sample-sizes.spacing: must be one of log, linear, got 'geometric'"),
                problems(EXAMPLE, "dgmoe.study.sample-sizes.spacing=geometric"));
        assertEquals(List.of("dgmoe.study.settings: must hold at least one setting"),
                problems(EXAMPLE, "dgmoe.study.settings=[]"));
        assertEquals(List.of("dgmoe.study.sample-sizes.count: must be an integer, got 2.5"),
                problems(EXAMPLE, "dgmoe.study.sample-sizes.count=2.5"));
    }

    @Test
    void unknownKeysAtEveryLevelSuggestTheClosest() {
        List<String> p = problems(EXAMPLE + "dgmoe.rate { seed = 1 }\ndgmoe.study.replicate = 3\n");
        assertTrue(p.contains("dgmoe.rate: unknown key; did you mean 'rates'? (allowed here: study, rates, spark, output, sweep)"),
                p::toString);
        assertTrue(p.get(0).startsWith("dgmoe.study.replicate: unknown key; did you mean 'replicates'?"), p::toString);
        assertEquals(2, p.size(), p::toString);
        List<String> far = problems(EXAMPLE + "dgmoe.study.colour = blue\n");
        assertTrue(far.get(0).startsWith("dgmoe.study.colour: unknown key (allowed here: name, seed,"), far::toString);
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path file = write("broken.conf", "dgmoe.study {\n  name = \"x\"\n  seed = [1, 2\n}\n");
        InputException e = assertThrows(InputException.class, () -> StudyConfigLoader.load(file, List.of()));
        assertEquals(1, e.problems().size());
        String m = e.problems().get(0);
        assertTrue(m.contains("broken.conf") && m.matches("(?s).*broken\\.conf: \\d+:.*"), m);
    }

    @Test
    void aMissingFileAndABadOverrideAreNamed() {
        InputException e = assertThrows(InputException.class,
                () -> StudyConfigLoader.load(dir.resolve("nope.conf"), List.of()));
        assertEquals(List.of(dir.resolve("nope.conf") + ": no such study file"), e.problems());
        List<String> p = problems(EXAMPLE, "replicates", "dgmoe.study.replicates={");
        assertEquals(2, p.size(), p::toString);
        assertEquals("--set replicates: must be key=value, e.g. --set dgmoe.study.replicates=5", p.get(0));
        assertTrue(p.get(1).startsWith("--set dgmoe.study.replicates={: the value is not valid HOCON"), p::toString);
    }

    @Test
    void overridesApplyInOrderAndMergeObjects() throws IOException {
        LoadedStudy s = load(EXAMPLE, "dgmoe.study.replicates=5", "dgmoe.study.replicates = 7",
                "dgmoe.study.name=\"renamed\"", "dgmoe.rates.confidence=0.9");
        assertEquals(7, s.study().replicates());
        assertEquals("renamed", s.study().name());
        assertEquals(0.9, s.rates().confidence());
        // An object override merges: only count changes.
        assertEquals(5, load(EXAMPLE, "dgmoe.study.sample-sizes={count=5}").study().sampleSizes().length);
        assertTrue(load(EXAMPLE, "dgmoe.study.replicates=5").resolvedConfig().contains("\"replicates\":5"));
    }

    @Test
    void theHashIsStableUnderReorderingAndFormattingAndChangesWithAValue() throws IOException {
        LoadedStudy a = load(EXAMPLE);
        String reordered = """
                # the same study, keys in another order, numbers spelt differently
                dgmoe {
                  study {
                    settings = [ {
                      fit { tolerance = 0.000001, max-iterations = 2000, restarts = 1, init = "near-truth", lambda = free, experts = 3 }
                      truth { experts = [
                          { variance = 0.090, intercept = 1.0, slope = [-2.0], weight = 0.50 },
                          { variance = 0.16, intercept = -1.0, slope = [2.0], weight = 0.5 } ], lambda = 0.5 }
                      g0 { dof = 3, scale = 0.5, intercept = 0.0, slope = [0.5], type = student-t }
                      covariates { max = 1.0, min = 0.0, dimension = 1, distribution = uniform }
                      name = distinguishable-overfit
                    } ]
                    sample-sizes { spacing = log, count = 20, max = 100000, min = 100 }
                    replicates = 40
                    seed = 20240207
                    name = quickstart
                  }
                }
                """;
        LoadedStudy b = StudyConfigLoader.load(write("other.conf", reordered), List.of());
        assertEquals(a.resolvedConfig(), b.resolvedConfig());
        assertEquals(a.configHash(), b.configHash());
        assertEquals(a.study(), b.study());
        LoadedStudy c = load(EXAMPLE, "dgmoe.study.replicates=41");
        assertNotEquals(a.configHash(), c.configHash());
        assertEquals(CanonicalJson.sha256(a.resolvedConfig()), a.configHash());
    }

    @Test
    void suggestionsAreTyposNotGuesses() {
        assertEquals("experts", Suggestions.closest("experst", List.of("experts", "lambda")));
        assertEquals(null, Suggestions.closest("colour", List.of("experts", "lambda")));
        // a swap of two adjacent letters is one edit (optimal string alignment), a substitution one
        assertEquals(1, Suggestions.distance("experst", "experts"));
        assertEquals(1, Suggestions.distance("dfo", "dof"));
        assertEquals(2, Suggestions.distance("dfoo", "dof"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals("dof", Suggestions.closest("dfo", List.of("type", "slope", "intercept", "scale", "dof")));
    }

    private static final String FIT_LINE =
            "fit { experts = 3, lambda = free, init = near-truth, restarts = 1, max-iterations = 2000, tolerance = 1e-6 }";

    private String withFit(String fit) {
        return EXAMPLE.replace(FIT_LINE, fit);
    }

    @Test
    void convergenceKeysParse() throws IOException {
        FitSpec defaults = load(withFit("fit { experts = 3 }")).study().settings().get(0).fit();
        assertEquals(EmSettings.DEFAULTS, defaults.em());
        assertEquals(StartCheck.OFF, defaults.startCheck());
        FitSpec f = load(withFit("fit { experts = 3, stop = relative, tolerance = 1e-8, step-tolerance = 1e-5, "
                + "accelerate = none, start-check { fraction = 0.2, restarts = 3 } }")).study().settings().get(0).fit();
        assertEquals(StopRule.RELATIVE, f.em().stop());
        assertEquals(1e-8, f.em().tolerance());
        assertEquals(1e-5, f.em().stepTolerance());
        assertEquals(Acceleration.NONE, f.em().acceleration());
        assertEquals(new StartCheck(0.2, 3), f.startCheck());
        FitSpec a = load(withFit("fit { experts = 3, stop = absolute, start-check {} }")).study().settings().get(0).fit();
        assertEquals(StopRule.ABSOLUTE, a.em().stop());
        assertEquals(EmSettings.DEFAULT_ABSOLUTE_TOLERANCE, a.em().tolerance());
        assertEquals(new StartCheck(0.1, StartCheck.DEFAULT_RESTARTS), a.startCheck());
        FitSpec r = load(withFit("fit { experts = 3, stop = relative }")).study().settings().get(0).fit();
        assertEquals(EmSettings.DEFAULT_RELATIVE_TOLERANCE, r.em().tolerance());
        assertEquals(Acceleration.SQUAREM_NEWTON, r.em().acceleration(), "a named rule keeps the default acceleration");
        FitSpec legacy = load(withFit("fit { experts = 3, tolerance = 1e-7, accelerate = squarem }")).study()
                .settings().get(0).fit();
        assertEquals(StopRule.RELATIVE, legacy.em().stop());
        assertEquals(Acceleration.SQUAREM, legacy.em().acceleration(), "an explicit accelerate is kept");
        FitSpec newton = load(withFit("fit { experts = 3, accelerate = squarem-newton }")).study().settings().get(0).fit();
        assertEquals(Acceleration.SQUAREM_NEWTON, newton.em().acceleration());
        for (Acceleration scheme : Acceleration.values()) {
            FitSpec named = load(withFit("fit { experts = 3, accelerate = " + scheme.configName() + " }")).study().settings()
                    .get(0).fit();
            assertEquals(EmSettings.DEFAULTS.withAcceleration(scheme), named.em(), scheme.configName());
        }
        assertTrue(load(EXAMPLE + "dgmoe.rates { include-non-converged = true }").rates().includeNonConverged());
        assertEquals(false, load(EXAMPLE).rates().includeNonConverged());
    }

    @Test
    void boundsParseAndBadBoundsNameTheirKey() throws IOException {
        assertEquals(ParameterBounds.NONE, load(withFit("fit { experts = 3 }")).study().settings().get(0).fit().em()
                .bounds());
        FitSpec b = load(withFit("fit { experts = 3, bounds { variance = 0.05, weight = 0.01 } }")).study().settings()
                .get(0).fit();
        assertEquals(new ParameterBounds(0.05, 0.01), b.em().bounds());
        String f = "dgmoe.study.settings[0].fit.";
        List<String> p = problems(withFit("fit { experts = 3, bounds { variance = 1, weight = -0.1, other = 2 } }"));
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + "bounds.variance: must be in [0, 1)")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + "bounds.weight: must be in [0, 1)")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + "bounds.other: unknown key")), p::toString);
        List<String> q = problems(withFit("fit { experts = 3, bounds { weight = 0.4 } }"));
        assertTrue(q.stream().anyMatch(m -> m.contains("bounds.weight: must be below 1/experts")), q::toString);
    }

    /** A misspelt scheme stops the sweep before it starts: exit 2, the key's path in the message, nothing written. */
    @Test
    void theSweepExitsTwoOnAnUnknownAccelerationAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path config = write("accelerate.conf", withFit("fit { experts = 3, accelerate = daarem-squarem }"));
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(new String[] {"sweep", config.toString(), "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, message);
        assertTrue(message.contains("dgmoe.study.settings[0].fit.accelerate: must be one of squarem-newton, squarem, "
                + "none, squarem-s1, squarem-s2, daarem, daarem-newton, got 'daarem-squarem'"), message);
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void badConvergenceValuesNameTheirKeyPath() {
        List<String> p = problems(withFit("fit { experts = 3, stop = fast, step-tolerance = 0, accelerate = yes, "
                + "start-check { fraction = 1.5, restarts = 0, extra = 1 } }") + "dgmoe.rates { include-non-converged = 1 }");
        String f = "dgmoe.study.settings[0].fit.";
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + "stop: must be one of absolute")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + "step-tolerance: must be > 0")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + "accelerate: must be one of squarem-newton, squarem, none, "
                + "squarem-s1, squarem-s2, daarem, daarem-newton, got 'yes'")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + "start-check.fraction: must be in [0, 1]")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + "start-check.restarts: must be an integer in [1, 10000]")),
                p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + "start-check.extra: unknown key")), p::toString);
        assertTrue(p.stream().anyMatch(m -> m.startsWith("dgmoe.rates.include-non-converged: must be true or false")),
                p::toString);
    }

    /**
     * conf/quickstart.conf's hash. It was 585d592f… from before the declared schema and the run sections
     * existed until the study itself changed (2026-12-02: {@code bounds { variance = 0.05 }} in both
     * settings); a change of this value without a change of the study file is a hashing regression.
     */
    static final String QUICKSTART_HASH = "3c88b54fe38b749efc579ad65585ebb703cea2f9cb9d3a7bf6b10a2e1d020910";

    @Test
    void theQuickstartHashIsPinned() {
        assertEquals(QUICKSTART_HASH, StudyConfigLoader.load(Path.of("../conf/quickstart.conf"), List.of()).configHash());
    }

    @Test
    void runSectionsAreReadAndLeftOutOfTheHash() throws IOException {
        LoadedStudy plain = load(EXAMPLE);
        assertEquals(RunSettings.NONE, plain.run());
        LoadedStudy run = load(EXAMPLE + """
                dgmoe.spark { master = "local[2]", conf { "spark.executor.memory" = "4g", spark.task.cpus = 1 } }
                dgmoe.output { dir = "out/x", history = "out/h" }
                dgmoe.sweep { partitions = 8, fail-on-disagreement = true }
                """);
        assertEquals(new RunSettings("local[2]", Map.of("spark.executor.memory", "4g", "spark.task.cpus", "1"),
                "out/x", "out/h", 8, true), run.run());
        assertEquals(plain.configHash(), run.configHash(), "how a sweep runs does not change what it computes");
        assertEquals(plain.resolvedConfig(), run.resolvedConfig());
        assertEquals(plain.study(), run.study());
    }

    @Test
    void theExecutorsTextFormReproducesTheHash() throws IOException {
        LoadedStudy driver = load(EXAMPLE + "dgmoe.sweep.partitions = 3\n");
        LoadedStudy executor = StudyConfigLoader.load("{\"dgmoe\": " + driver.resolvedConfig() + "}", "resolved",
                List.of());
        assertEquals(driver.configHash(), executor.configHash());
        assertEquals(driver.study(), executor.study());
        assertEquals("resolved", executor.source());
    }

    @Test
    void anUnknownKeyInEverySectionIsRefusedByName() {
        Map<String, String> where = new java.util.LinkedHashMap<>();
        where.put("dgmoe.study.zzz", "dgmoe.study.zzz = 1");
        where.put("dgmoe.study.settings[0].zzz", null);
        where.put("dgmoe.study.settings[0].fit.zzz", null);
        where.put("dgmoe.rates.zzz", "dgmoe.rates.zzz = 1");
        where.put("dgmoe.study.losses.zzz", "dgmoe.study.losses.zzz = 1");
        where.put("dgmoe.losses", "dgmoe.losses.voronoi.rbar { 4 = 8 }");
        where.put("dgmoe.spark.zzz", "dgmoe.spark.zzz = 1");
        where.put("dgmoe.spark.conf.executor.memory", "dgmoe.spark.conf { executor.memory = 4g }");
        where.put("dgmoe.output.zzz", "dgmoe.output.zzz = 1");
        where.put("dgmoe.sweep.zzz", "dgmoe.sweep.zzz = 1");
        for (Map.Entry<String, String> e : where.entrySet()) {
            String text = e.getValue() != null ? EXAMPLE + e.getValue() + "\n"
                    : e.getKey().endsWith("fit.zzz") ? EXAMPLE.replace("restarts = 1,", "restarts = 1, zzz = 1,")
                    : EXAMPLE.replace("name = \"distinguishable-overfit\"", "name = \"distinguishable-overfit\", zzz = 1");
            List<String> p = problems(text);
            assertEquals(1, p.size(), p::toString);
            assertTrue(p.get(0).startsWith(e.getKey() + ": "), p::toString);
        }
    }

    @Test
    void rangeErrorsStateTheDeclaredRange() {
        assertEquals(List.of("dgmoe.study.settings[0].fit.experts: must be an integer in [1, 1000], got 100000"),
                problems(EXAMPLE.replace("experts = 3,", "experts = 100000,")));
        assertEquals(List.of("dgmoe.rates.confidence: must be in (0, 1), got 1.5"),
                problems(EXAMPLE + "dgmoe.rates.confidence = 1.5\n"));
        assertEquals(List.of("dgmoe.rates.bootstrap: must be an integer in [100, 10000000], got 99"),
                problems(EXAMPLE + "dgmoe.rates.bootstrap = 99\n"));
        assertEquals(List.of("dgmoe.study.sample-sizes.count: must be an integer in [1, 100000], got 0"),
                problems(EXAMPLE, "dgmoe.study.sample-sizes.count=0"));
        assertEquals(List.of("dgmoe.study.losses.hellinger.quadrature-nodes: must be an integer in [8, 100000], got 4"),
                problems(EXAMPLE + "dgmoe.study.losses.hellinger.quadrature-nodes = 4\n"));
        assertEquals(List.of("dgmoe.sweep.partitions: must be an integer in [1, 2147483647], got 0"),
                problems(EXAMPLE + "dgmoe.sweep.partitions = 0\n"));
        assertEquals(List.of("dgmoe.spark.conf.spark.master: is not set here: use dgmoe.spark.master"),
                problems(EXAMPLE + "dgmoe.spark.conf { \"spark.master\" = yarn }\n"));
        assertEquals(List.of("dgmoe.spark.master: must be a non-empty string"),
                problems(EXAMPLE + "dgmoe.spark.master = \"\"\n"));
    }

    @Test
    void theDeclaredDefaultsAreWhatTheLoaderProduces() throws IOException {
        LoadedStudy loaded = load(EXAMPLE.replace(
                "fit { experts = 3, lambda = free, init = near-truth, restarts = 1, max-iterations = 2000, tolerance = 1e-6 }",
                "fit { experts = 3, start-check { } }"));
        FitSpec fit = loaded.study().settings().get(0).fit();
        assertEquals(StudySchema.INIT.defaultValue(), fit.init() == InitKind.NEAR_TRUTH ? "near-truth" : fit.init());
        assertEquals(StudySchema.RESTARTS.defaultValue(), (long) fit.restarts());
        assertEquals(StudySchema.MAX_ITERATIONS.defaultValue(), (long) fit.em().maxIterations());
        assertEquals(StudySchema.STEP_TOLERANCE.defaultValue(), fit.em().stepTolerance());
        assertEquals(StudySchema.VARIANCE_FLOOR.defaultValue(), fit.em().varianceFloor());
        assertEquals(StudySchema.START_CHECK_FRACTION.defaultValue(), fit.startCheck().fraction());
        assertEquals(StudySchema.START_CHECK_RESTARTS.defaultValue(), (long) fit.startCheck().restarts());
        assertEquals(new NearTruthStart((Double) StudySchema.LOCATION_SCALE.defaultValue(),
                (Double) StudySchema.LOCATION_EXPONENT.defaultValue(), (Double) StudySchema.VARIANCE_SCALE.defaultValue(),
                (Double) StudySchema.VARIANCE_EXPONENT.defaultValue()), fit.noise());
        LossSettings losses = loaded.study().losses();
        assertEquals(StudySchema.WASSERSTEIN_ORDER.defaultValue(), (long) losses.wassersteinOrder());
        assertEquals(StudySchema.COVARIATE_POINTS.defaultValue(), (long) losses.hellingerCovariatePoints());
        assertEquals(StudySchema.QUADRATURE_NODES.defaultValue(), (long) losses.hellingerQuadratureNodes());
        RateSettings rates = loaded.rates();
        assertEquals(StudySchema.BOOTSTRAP.defaultValue(), (long) rates.bootstrapResamples());
        assertEquals(StudySchema.CONFIDENCE.defaultValue(), rates.confidence());
        assertEquals(StudySchema.RATE_TOLERANCE.defaultValue(), rates.tolerance());
        assertEquals(StudySchema.RATE_SEED.defaultValue(), rates.seed());
        assertEquals(StudySchema.INCLUDE_NON_CONVERGED.defaultValue(), rates.includeNonConverged());
        assertEquals(StudySchema.SWEEP_FAIL_ON_DISAGREEMENT.defaultValue(), loaded.run().failOnDisagreement());
        assertEquals(StudySchema.GRID_SPACING.defaultValue(), "log");
        assertArrayEquals(StudyConfigLoader.expandGrid(100, 100000, 20, true),
                load(EXAMPLE, "dgmoe.study.sample-sizes={min = 100, max = 100000, count = 20}").study().sampleSizes());
    }

    /** The keys an object accepts are the declared ones: the readers ask for nothing else, and for all of them. */
    @Test
    void everyObjectAcceptsExactlyItsDeclaredKeys() {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (String section : List.of("dgmoe", "dgmoe.study", "dgmoe.rates", "dgmoe.spark", "dgmoe.output",
                "dgmoe.sweep", "dgmoe.study.losses", "dgmoe.study.losses.voronoi", "dgmoe.study.losses.wasserstein",
                "dgmoe.study.losses.hellinger", "dgmoe.study.sample-sizes")) {
            texts.put(section, EXAMPLE + section + ".zzz = 1\n");
        }
        String setting = "dgmoe.study.settings[]";
        texts.put(setting, EXAMPLE.replace("name = \"distinguishable-overfit\"", "name = \"distinguishable-overfit\", zzz = 1"));
        texts.put(setting + ".fit", EXAMPLE.replace("restarts = 1,", "restarts = 1, zzz = 1,"));
        texts.put(setting + ".fit.start-check", EXAMPLE.replace("restarts = 1,", "restarts = 1, start-check { zzz = 1 },"));
        texts.put(setting + ".fit.init-noise", EXAMPLE.replace("restarts = 1,", "restarts = 1, init-noise { zzz = 1 },"));
        texts.put(setting + ".truth", EXAMPLE.replace("lambda = 0.5", "lambda = 0.5, zzz = 1"));
        texts.put(setting + ".truth.experts[]", EXAMPLE.replace("variance = 0.09 }", "variance = 0.09, zzz = 1 }"));
        // the gated blocks (issue 21); a gate's keys are those of both families, each refused in the other
        texts.put(setting + ".gating", EXAMPLE.replace("fit {", "gating { type = constant, zzz = 1 }\nfit {"));
        texts.put(setting + ".deviation", EXAMPLE.replace("fit {", "deviation { type = constant, zzz = 1 }\nfit {"));
        String softmax = EXAMPLE.replace("fit {", "gating { type = softmax }\nfit {")
                .replace("weight = 0.5, slope = [-2.0]", "gate { slope = [0.0], intercept = 0.0 }, slope = [-2.0]")
                .replace("weight = 0.5, slope = [2.0]", "gate { slope = [1.0], intercept = 0.0 }, slope = [2.0]");
        texts.put(setting + ".truth.experts[].gate", softmax.replace("slope = [1.0], intercept = 0.0 }",
                "slope = [1.0], intercept = 0.0, zzz = 1 }"));
        texts.put(setting + ".truth.lambda", softmax.replace("gating {",
                "deviation { type = sigmoid }\ngating {").replace("lambda = 0.5",
                "lambda { slope = [1.0], intercept = 0.0, zzz = 1 }"));
        for (Map.Entry<String, String> e : texts.entrySet()) {
            List<String> p = problems(e.getValue());
            assertEquals(1, p.size(), p::toString);
            String allowed = p.get(0).replaceFirst("(?s).*\\(allowed here: (.*)\\)$", "$1");
            java.util.Set<String> declared = new java.util.TreeSet<>();
            for (Key k : StudySchema.KEYS) {
                String rest = k.path().startsWith(e.getKey() + ".") ? k.path().substring(e.getKey().length() + 1) : "";
                if (!rest.isEmpty() && !rest.contains(".") && !rest.contains("[]")) {
                    declared.add(rest);
                }
            }
            assertEquals(declared, new java.util.TreeSet<>(List.of(allowed.split(", "))), e.getKey());
        }
    }

    /**
     * A core refusal names its parameter ({@link org.dgmoe.core.InvalidParameterException}), which goes
     * behind the object's path; any other refusal is reported at the object, its message never parsed.
     */
    @Test
    void aCoreRefusalGetsTheKeyPathInFront() {
        Problems problems = new Problems("");
        problems.addRefusal("dgmoe.study.settings[0].fit", new org.dgmoe.core.InvalidParameterException("experts",
                "must be an integer in [1, 1000], got 0"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new org.dgmoe.core.em.NearTruthStart(0.005, Double.NaN, 0.0005, -0.25));
        problems.addRefusal("dgmoe.study.settings[0].fit.init-noise", refused);
        problems.addRefusal("dgmoe.study.settings[0].fit", new IllegalArgumentException("experts: a plain refusal"));
        problems.addRefusal("", new org.dgmoe.core.InvalidParameterException("seed", "must be 64-bit"));
        assertEquals(List.of("dgmoe.study.settings[0].fit.experts: must be an integer in [1, 1000], got 0",
                "dgmoe.study.settings[0].fit.init-noise.location-exponent: must be finite, got NaN",
                "dgmoe.study.settings[0].fit: experts: a plain refusal", "seed: must be 64-bit"), problems.list());
    }
}
