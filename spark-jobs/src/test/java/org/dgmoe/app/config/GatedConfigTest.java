package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GateCovariates;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GridCovariates;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.model.UniformCovariates;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Setting;
import org.junit.jupiter.api.Test;

/**
 * Study files of gated truths (issue 21): each family's text reads into the expected {@link GatedModel}, the
 * {@code gate} covariate law, and the problems of a gated setting, each at its key path, all at once.
 */
class GatedConfigTest {
    private static final GaussianLinearG0 G0 = new GaussianLinearG0(new double[] {0.0}, 3.0, 0.25);
    private static final List<Expert> EXPERTS = List.of(new Expert(new double[] {-2.0}, 1.0, 0.09),
            new Expert(new double[] {2.0}, -1.0, 0.16));

    /** A study of one setting {@code g} with the given blocks (setting keys, HOCON) before its fit. */
    static String study(String blocks) {
        return """
                dgmoe.study {
                  name = "gated", seed = 7, replicates = 2, sample-sizes = [100, 200]
                  settings = [
                    {
                      name = "g"
                      g0 { type = gaussian-linear, slope = [0.0], intercept = 3.0, variance = 0.25 }
                """ + blocks + """
                    }
                  ]
                }
                """;
    }

    /** The experts of {@link #EXPERTS} with the given gate (or weight) objects, as HOCON. */
    private static String experts(String first, String second) {
        return "experts = [\n { " + first + ", slope = [-2.0], intercept = 1.0, variance = 0.09 }\n { " + second
                + ", slope = [2.0], intercept = -1.0, variance = 0.16 }\n]";
    }

    private static final String SOFTMAX = """
            gating { type = softmax }
            covariates { distribution = grid, min = 0, max = 1 }
            truth {
              lambda = 0.5
            """ + experts("gate { slope = [0.0], intercept = 0.0 }", "gate { slope = [4.0], intercept = -2.0 }") + """
            }
            """;

    private static Setting setting(String text) {
        List<Setting> settings = StudyConfigLoader.load(text, "gated.conf", List.of()).study().settings();
        assertEquals(1, settings.size());
        return settings.get(0);
    }

    private static List<String> problems(String text) {
        return assertThrows(InputException.class, () -> StudyConfigLoader.load(text, "gated.conf", List.of()))
                .problems();
    }

    @Test
    void softmaxGatingOnAGridReadsTheSoftmaxModel() {
        Setting s = setting(study(SOFTMAX));
        GatedModel expected = new GatedModel(new ConstantDeviation(0.5),
                new SoftmaxGating(new double[][] {{0.0}, {4.0}}, new double[] {0.0, -2.0}), EXPERTS, G0);
        assertEquals(expected, s.truth());
        assertTrue(s.gated());
        // CRPE-SGaME puts x on a grid of [0, 1]: grid covariates work with softmax gating
        assertEquals(new GridCovariates(0, 1), s.covariates());
        assertEquals(InitKind.NEAR_TRUTH, s.fit().init());
        assertEquals(2, s.fit().experts());
    }

    @Test
    void gaussianGatingReadsTheGaussianModelAndDefaultsToItsCovariateLaw() {
        String truth = """
                gating { type = gaussian }
                truth {
                  lambda = 0.7
                """ + experts("gate { weight = 0.4, mean = [-1.0], covariance = [[0.5]] }",
                "gate { weight = 0.6, mean = [1.5], covariance = [[0.25]] }") + """
                }
                """;
        GaussianGating gate = new GaussianGating(new double[] {0.4, 0.6}, new double[][] {{-1.0}, {1.5}},
                new double[][][] {{{0.5}}, {{0.25}}});
        Setting s = setting(study(truth));
        assertEquals(new GatedModel(new ConstantDeviation(0.7), gate, EXPERTS, G0), s.truth());
        // no covariates block: x ~ Σ_i w_i N(c_i, Γ_i), the law the gate implies
        assertEquals(new GateCovariates(gate), s.covariates());
        assertEquals(new GateCovariates(gate), setting(study(truth + "covariates { distribution = gate }"))
                .covariates());
        // another law may be given explicitly
        assertInstanceOf(UniformCovariates.class, setting(study(truth + "covariates { distribution = uniform }"))
                .covariates());
    }

    @Test
    void aTwoDimensionalGaussianGateKeepsItsCovarianceMatrix() {
        String text = study("""
                gating { type = gaussian }
                truth {
                  lambda = 0.5
                  experts = [
                    { gate { weight = 0.5, mean = [0, 0], covariance = [[1.0, 0.3], [0.3, 0.5]] }, slope = [1, 0], intercept = 0, variance = 0.1 }
                    { gate { weight = 0.5, mean = [2, 1], covariance = [[0.2, 0.0], [0.0, 0.2]] }, slope = [0, 1], intercept = 1, variance = 0.2 }
                  ]
                }
                """).replace("slope = [0.0], intercept = 3.0", "slope = [0.0, 0.0], intercept = 3.0");
        GaussianGating gate = (GaussianGating) setting(text).truth().gating();
        assertEquals(new GaussianGating(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {2, 1}},
                new double[][][] {{{1.0, 0.3}, {0.3, 0.5}}, {{0.2, 0}, {0, 0.2}}}), gate);
    }

    @Test
    void sigmoidDeviationReadsLambdaAsAnObjectWithAnyGating() {
        String lambda = "lambda { slope = [1.5], intercept = -0.5 }\n";
        Setting constant = setting(study("deviation { type = sigmoid }\ncovariates { distribution = uniform }\n"
                + "truth {\n" + lambda + experts("weight = 0.3", "weight = 0.7") + "\n}\n"));
        assertEquals(new GatedModel(new SigmoidDeviation(new double[] {1.5}, -0.5),
                new ConstantGating(new double[] {0.3, 0.7}), EXPERTS, G0), constant.truth());
        assertTrue(constant.gated(), "a sigmoid λ(x) is gated by x even with constant weights");
        Setting softmax = setting(study(SOFTMAX.replace("lambda = 0.5", lambda) + "deviation { type = sigmoid }"));
        assertEquals(new SigmoidDeviation(new double[] {1.5}, -0.5), softmax.truth().deviation());
        assertInstanceOf(SoftmaxGating.class, softmax.truth().gating());
    }

    @Test
    void explicitConstantBlocksReadTheConstantModel() {
        String plain = study("covariates { distribution = uniform }\ntruth {\nlambda = 0.5\n"
                + experts("weight = 0.5", "weight = 0.5") + "\n}\n");
        String explicit = plain.replace("covariates {", "gating { type = constant }\ndeviation { type = constant }\n"
                + "covariates {");
        Setting a = setting(plain);
        Setting b = setting(explicit);
        assertFalse(b.gated());
        assertEquals(a.truth(), b.truth());
        assertEquals(a.deviatedTruth(), b.deviatedTruth());
    }

    @Test
    void everyFamilyProblemIsReportedAtItsKeyPathAtOnce() {
        String at = "dgmoe.study.settings[0].";
        List<String> p = problems(study("""
                gating { type = softmax }
                covariates { distribution = uniform }
                truth {
                  lambda = 0.5
                """ + experts("weight = 0.5", "gate { slope = [1.0, 2.0], intercept = 0 }") + """
                }
                """));
        assertEquals(List.of(
                at + "truth.experts[0].weight: is for gating.type = constant; with softmax gating each expert has gate "
                        + "{ slope = [d numbers], intercept = number } in place of weight",
                at + "truth.experts[0].gate: missing; softmax gating gives each expert gate { slope = [d numbers], "
                        + "intercept = number } in place of weight",
                at + "truth.experts[1].gate.slope: must have d = 1 entries (the covariate dimension), got 2"), p);
    }

    @Test
    void aGaussianGateCovarianceMustBeASymmetricPositiveDefiniteMatrix() {
        String at = "dgmoe.study.settings[0].truth.experts";
        List<String> p = problems(study("""
                gating { type = gaussian }
                truth {
                  lambda = 0.5
                """ + experts("gate { weight = 0.5, mean = [0.0], covariance = [[-1.0]] }",
                "gate { weight = 0.5, mean = [1.0], covariance = [0.5] }") + """
                }
                """));
        assertEquals(List.of(at + "[0].gate.covariance: must be positive definite (a covariance), got [[-1.0]]",
                at + "[1].gate.covariance[0]: must be a list of d = 1 numbers, got 0.5"), p);
        String twoD = study("""
                gating { type = gaussian }
                truth {
                  lambda = 0.5
                  experts = [
                    { gate { weight = 0.5, mean = [0, 0], covariance = [[1.0, 0.3], [0.2, 0.5]] }, slope = [1, 0], intercept = 0, variance = 0.1 }
                    { gate { weight = 0.6, mean = [2, 1], covariance = [[1.0, 2.0], [2.0, 1.0]] }, slope = [0, 1], intercept = 1, variance = 0.2 }
                  ]
                }
                """).replace("slope = [0.0], intercept = 3.0", "slope = [0.0, 0.0], intercept = 3.0");
        assertEquals(List.of(at + "[0].gate.covariance: must be symmetric, got [1][0] = 0.2 and [0][1] = 0.3",
                at + "[1].gate.covariance: must be positive definite (a covariance), got [[1.0, 2.0], [2.0, 1.0]]"),
                problems(twoD));
        // once each gate is valid, the weights of the law of x must sum to 1
        assertEquals(List.of(at + ": gate weights must sum to 1 (within 1.0E-9), got 1.1"), problems(twoD
                .replace("[[1.0, 0.3], [0.2, 0.5]]", "[[1.0, 0.3], [0.3, 0.5]]")
                .replace("[[1.0, 2.0], [2.0, 1.0]]", "[[1.0, 0.0], [0.0, 1.0]]")));
    }

    @Test
    void lambdaMustMatchTheDeviationFamily() {
        String at = "dgmoe.study.settings[0].truth.lambda";
        String weights = experts("weight = 0.5", "weight = 0.5");
        assertEquals(List.of(at + ": must be an object { slope = [d numbers], intercept = number } (deviation.type = "
                + "sigmoid: λ(x) = 1/(1 + exp(−(γᵀx + γ0)))), got 0.5"), problems(study(
                "deviation { type = sigmoid }\ncovariates { distribution = uniform }\ntruth {\nlambda = 0.5\n" + weights
                        + "\n}\n")));
        assertEquals(List.of(at + ": must be a number in [0, 1] (an object { slope, intercept } is the λ(x) of "
                + "deviation.type = sigmoid), got an object"), problems(study("covariates { distribution = uniform }\n"
                + "truth {\nlambda { slope = [1.0], intercept = 0 }\n" + weights + "\n}\n")));
        String none = study("deviation { type = sigmoid }\ncovariates { distribution = uniform }\ntruth {\n"
                + "lambda { slope = [1.0], intercept = 0 }\n" + weights + "\n}\n")
                .replace("type = gaussian-linear, slope = [0.0], intercept = 3.0, variance = 0.25", "type = none");
        assertEquals(List.of(at + ": is λ(x) of deviation.type = sigmoid, which needs a g0 to deviate from; with "
                + "g0.type = none λ is 1 (use deviation.type = constant)"), problems(none));
        assertEquals(List.of(at + ".slope: must have d = 1 entries (the covariate dimension), got 2"), problems(study(
                "deviation { type = sigmoid }\ncovariates { distribution = uniform }\ntruth {\n"
                        + "lambda { slope = [1.0, 2.0], intercept = 0 }\n" + weights + "\n}\n")));
    }

    @Test
    void familyNamesAndGatesOutOfPlaceAreRefused() {
        String at = "dgmoe.study.settings[0].";
        assertEquals(List.of(at + "gating.type: must be one of constant, softmax, gaussian, got 'logistic'"),
                problems(study(SOFTMAX.replace("type = softmax", "type = logistic"))));
        assertEquals(List.of(at + "truth.experts[1].gate: is for gating.type = softmax or gaussian; with constant "
                + "weights each expert has weight = p_i instead"), problems(study(
                "covariates { distribution = uniform }\ntruth {\nlambda = 0.5\n"
                        + experts("weight = 0.5", "weight = 0.5, gate { slope = [1.0], intercept = 0 }") + "\n}\n")));
        assertEquals(List.of(at + "covariates.distribution: gate draws x from the law of the Gaussian gate (Σ_i w_i "
                + "N(c_i, Γ_i)), which needs gating.type = gaussian, got softmax; use uniform, normal or grid"),
                problems(study(SOFTMAX.replace("distribution = grid, min = 0, max = 1", "distribution = gate"))));
        assertEquals(List.of(at + "truth.experts[1].gate.mean: is a key of a gaussian gate; a softmax gate is gate "
                + "{ slope = [d numbers], intercept = number }"), problems(study(SOFTMAX.replace(
                "slope = [4.0], intercept = -2.0", "slope = [4.0], intercept = -2.0, mean = [0.0]"))));
        assertEquals(List.of(at + "covariates: missing; an object (the law of x (not needed by `dgmoe fit` and "
                + "`dgmoe test` on data, docs/gof.md))"), problems(study(SOFTMAX.replace(
                "covariates { distribution = grid, min = 0, max = 1 }", ""))));
    }

    @Test
    void aGatedSettingRefusesGivenStartsStartChecksAndTheTest() {
        String at = "dgmoe.study.settings[0].";
        String family = "a setting with softmax gating and constant deviation";
        List<String> p = problems(study(SOFTMAX + """
                fit { init = given, start-check { fraction = 0.5 }, start { lambda = 0.5, experts = [] } }
                test { alpha = [0.05] }
                """));
        assertEquals(List.of(
                at + "fit.init: given is for constant-weight settings in this version, and this is " + family
                        + "; use near-truth or random",
                at + "fit.start-check: is for constant-weight settings in this version, and this is " + family
                        + "; remove it",
                at + "fit.start: is for constant-weight settings in this version, and this is " + family
                        + "; remove it and use init = near-truth or random",
                at + "test: is for settings with constant gating in this version (a constant or sigmoid deviation), "
                        + "and this is " + family + "; remove test or set " + at + "gating to { type = constant }"), p);
        assertEquals(InitKind.RANDOM, setting(study(SOFTMAX + "fit { init = random, restarts = 3 }")).fit().init());
    }

    /**
     * A sigmoid λ(x) with constant gating (the softmax-contaminated MoE) may carry a test block (docs/gof.md, "A
     * deviation local in x"): H0 and its null involve g0 only. Softmax gating with a sigmoid λ still may not, named
     * at its key; core's Setting refuses it too, for a setting built without the reader.
     */
    @Test
    void aSigmoidDeviationWithConstantGatingTakesATestBlock() {
        String sigmoid = """
                deviation { type = sigmoid }
                covariates { distribution = uniform }
                truth {
                  lambda { slope = [10.0], intercept = -8.5 }
                  experts = [ { weight = 1.0, slope = [2.0], intercept = 1.0, variance = 0.25 } ]
                }
                fit { experts = 1, init = random }
                test { alpha = [0.05] }
                """;
        Setting s = setting(study(sigmoid));
        assertTrue(s.gated());
        assertEquals(List.of(0.05), java.util.Arrays.stream(s.test().alphas()).boxed().toList());
        String at = "dgmoe.study.settings[0].";
        assertEquals(List.of(at + "test: is for settings with constant gating in this version (a constant or sigmoid "
                + "deviation), and this is a setting with softmax gating and sigmoid deviation; remove test or set "
                + at + "gating to { type = constant }"), problems(study(SOFTMAX.replace("lambda = 0.5",
                "lambda { slope = [1.0], intercept = 0.0 }") + "deviation { type = sigmoid }\n"
                + "test { alpha = [0.05] }\n")));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new Setting("g",
                s.covariates(), new GatedModel(s.truth().deviation(), setting(study(SOFTMAX)).truth().gating(),
                        setting(study(SOFTMAX)).truth().experts(), s.truth().g0()), s.fit(), Map.of(), Map.of(),
                s.test()));
        assertEquals("test", e.parameter());
    }

    @Test
    void aGatedSettingRefusesBoundsAndDaarem() {
        String at = "dgmoe.study.settings[0].";
        String family = "a setting with softmax gating and constant deviation";
        List<String> p = problems(study(SOFTMAX + """
                fit { bounds { variance = 0.05 }, accelerate = daarem }
                """));
        assertEquals(List.of(
                at + "fit.bounds: is for constant-weight settings in this version (the gated fitter applies "
                        + "fit.variance-floor only), and this is " + family + "; remove it",
                at + "fit.accelerate: the gated fitter runs none, squarem or squarem-newton (and the SQUAREM schemes), "
                        + "not daarem, and this is " + family), p);
    }

    @Test
    void aDataCommandsSettingWithoutTruthNamesItsGatedFamilyWithTheGatedRefusals() {
        String text = study("gating { type = softmax }\ndeviation { type = sigmoid }\nfit { experts = 2, init = random }\n");
        DataSetting gated = StudyConfigLoader.loadForData(text, "gated.conf", "g");
        assertEquals(Gating.Type.SOFTMAX, gated.gating());
        assertEquals(Deviation.Type.SIGMOID, gated.deviation());
        assertTrue(gated.gated());
        assertFalse(StudyConfigLoader.loadForData(text.replace("softmax", "constant").replace("sigmoid", "constant"),
                "gated.conf", "g").gated());
        // the refusals of a gated setting with a truth apply without one, and sigmoid needs a g0
        List<String> p = assertThrows(InputException.class, () -> StudyConfigLoader.loadForData(
                text.replace("init = random", "init = random, bounds { variance = 0.01 }"), "gated.conf", "g"))
                .problems();
        assertEquals(List.of("dgmoe.study.settings[0].fit.bounds: is for constant-weight settings in this version (the "
                + "gated fitter applies fit.variance-floor only), and this is a setting with softmax gating and sigmoid "
                + "deviation; remove it"), p);
        p = assertThrows(InputException.class, () -> StudyConfigLoader.loadForData(text.replace(
                "type = gaussian-linear, slope = [0.0], intercept = 3.0, variance = 0.25", "type = none"), "gated.conf",
                "g")).problems();
        assertEquals(List.of("dgmoe.study.settings[0].deviation.type: sigmoid is a λ(x) that needs a g0 to deviate "
                + "from; with g0.type = none λ is 1 (use constant)"), p);
        // x drawn from the Gaussian gate is a covariate law of Gaussian gating, with or without a truth
        String gate = "covariates { distribution = gate }\n";
        assertEquals(Gating.Type.GAUSSIAN, StudyConfigLoader.loadForData(study(gate + "gating { type = gaussian }\n"
                + "fit { experts = 2, init = random }\n"), "gated.conf", "g").gating());
        p = assertThrows(InputException.class, () -> StudyConfigLoader.loadForData(study(gate
                + "fit { experts = 2, init = random }\n"), "gated.conf", "g")).problems();
        assertEquals(1, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("dgmoe.study.settings[0].covariates.distribution: gate draws x from the law of "
                + "the Gaussian gate"), p::toString);
    }

    @Test
    void aSigmoidDeviationIsNotHeldAtANumber() {
        String text = study(SOFTMAX.replace("lambda = 0.5", "lambda { slope = [1.0], intercept = 0 }")
                + "deviation { type = sigmoid }\nfit { lambda = 0.5 }\n");
        assertEquals(List.of("dgmoe.study.settings[0].fit.lambda: must be free or fixed (at the start's λ(x)) under "
                + "deviation.type = sigmoid; a number would hold a constant λ, got 0.5"), problems(text));
        assertFalse(setting(text.replace("lambda = 0.5 }", "lambda = fixed }")).fit().lambdaFree());
    }

    @Test
    void aRateMapVariesGateNumbersAndTheSigmoidIntercept() {
        String text = study(SOFTMAX.replace("lambda = 0.5", "lambda { slope = [1.0], intercept = 0 }")
                + "deviation { type = sigmoid }\n"
                + "vary { \"truth.experts[1].gate.slope[0]\" = [2.0, 8.0], truth.lambda.intercept = [-1.0, 1.0] }\n");
        List<Setting> settings = StudyConfigLoader.load(text, "gated.conf", List.of()).study().settings();
        assertEquals(List.of("g:truth_experts_1_gate_slope_0=2,truth_lambda_intercept=-1",
                "g:truth_experts_1_gate_slope_0=2,truth_lambda_intercept=1",
                "g:truth_experts_1_gate_slope_0=8,truth_lambda_intercept=-1",
                "g:truth_experts_1_gate_slope_0=8,truth_lambda_intercept=1"),
                settings.stream().map(Setting::name).toList());
        Setting last = settings.get(3);
        SoftmaxGating gate = (SoftmaxGating) last.truth().gating();
        assertEquals(8.0, gate.slope(1, 0));
        assertEquals(0.0, gate.slope(0, 0), "the other gate is the written one");
        assertEquals(-2.0, gate.intercept(1));
        assertEquals(new SigmoidDeviation(new double[] {1.0}, 1.0), last.truth().deviation());
        assertEquals(List.of("truth_experts_1_gate_slope_0", "truth_lambda_intercept"),
                List.copyOf(last.variedColumns().keySet()));
    }

    @Test
    void aRateMapOverACovarianceEntryChecksEachPointsGate() {
        String gaussian = """
                gating { type = gaussian }
                truth {
                  lambda = 0.7
                """ + experts("gate { weight = 0.4, mean = [-1.0], covariance = [[0.5]] }",
                "gate { weight = 0.6, mean = [1.5], covariance = [[0.25]] }") + """
                }
                """;
        List<Setting> points = StudyConfigLoader.load(study(gaussian
                + "vary { \"truth.experts[0].gate.covariance[0][0]\" = [0.5, 2.0] }\n"), "gated.conf", List.of())
                .study().settings();
        assertEquals(2.0, ((GaussianGating) points.get(1).truth().gating()).covariance(0)[0][0]);
        // the covariate law is the point's own gate
        assertEquals(new GateCovariates((GaussianGating) points.get(1).truth().gating()), points.get(1).covariates());
        // only the point whose covariance is not positive definite is refused, at its own path
        assertEquals(List.of("dgmoe.study.settings[0]{truth_experts_0_gate_covariance_0_0=-1}.truth.experts[0].gate"
                + ".covariance: must be positive definite (a covariance), got [[-1.0]]"), problems(study(gaussian
                + "vary { \"truth.experts[0].gate.covariance[0][0]\" = [0.5, -1.0] }\n")));
    }
}
