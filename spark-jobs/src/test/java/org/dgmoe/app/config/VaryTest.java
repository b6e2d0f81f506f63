package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;

/** The expansion of {@code vary} into rate-map points: names, products, stable seeds, errors. */
class VaryTest {

    /** A study of one setting {@code base} whose setting body ends with {@code extra}. */
    static String study(String extra) {
        return """
                dgmoe.study {
                  name = "map", seed = 7, replicates = 2, sample-sizes = [100, 200]
                  settings = [
                    {
                      name = "m"
                      covariates { distribution = uniform, dimension = 1 }
                      g0 { type = gaussian-linear, slope = [0.0], intercept = 3.0, variance = 0.25 }
                      truth {
                        lambda = 0.5
                        experts = [
                          { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                          { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 }
                        ]
                      }
                      fit { experts = 2 }
                """ + extra + """
                    }
                  ]
                }
                """;
    }

    private static Study load(String text) {
        return StudyConfigLoader.load(text, "map.conf", List.of()).study();
    }

    private static List<String> names(Study s) {
        return s.settings().stream().map(Setting::name).toList();
    }

    private static List<String> problems(String text) {
        return assertThrows(InputException.class, () -> load(text)).problems();
    }

    @Test
    void onePathGivesOneSettingPerValueNamedByColumnAndValue() {
        Study s = load(study("vary { \"g0.intercept\" = [3.0, 1, 0.25, -0.0] }"));
        assertEquals(List.of("m:g0_intercept=3", "m:g0_intercept=1", "m:g0_intercept=0.25", "m:g0_intercept=0"),
                names(s));
        double[] intercepts = s.settings().stream().mapToDouble(x -> ((GaussianLinearG0) x.truth().g0()).expert().intercept())
                .toArray();
        assertEquals(List.of(3.0, 1.0, 0.25, 0.0), java.util.Arrays.stream(intercepts).boxed().toList());
        assertEquals(Map.of("g0.intercept", 0.25), s.settings().get(2).varied());
        assertEquals(Map.of("g0_intercept", 0.25), s.settings().get(2).variedColumns());
        // everything else is the written setting
        assertEquals(0.25, ((GaussianLinearG0) s.settings().get(0).truth().g0()).expert().variance());
        assertEquals(2, s.settings().get(3).fit().experts());
    }

    @Test
    void listElementsAndUnquotedPaths() {
        Study s = load(study("vary { truth.lambda = [0.5], \"truth.experts[0].slope[0]\" = [-2.0, -1.5] }"));
        assertEquals(List.of("m:truth_experts_0_slope_0=-2,truth_lambda=0.5",
                "m:truth_experts_0_slope_0=-1.5,truth_lambda=0.5"), names(s));
        assertEquals(-1.5, s.settings().get(1).deviatedTruth().mixing().expert(0).slope()[0]);
        assertEquals(2.0, s.settings().get(1).deviatedTruth().mixing().expert(1).slope()[0], "other experts untouched");
        assertEquals(List.of("truth.experts[0].slope[0]", "truth.lambda"),
                List.copyOf(s.settings().get(0).varied().keySet()));
    }

    @Test
    void severalPathsGiveTheCartesianProductFirstPathSlowest() {
        Study s = load(study("vary { \"g0.intercept\" = [3, 1], \"truth.lambda\" = [0.2, 0.5, 0.8] }"));
        List<String> expected = new ArrayList<>();
        for (String b : List.of("3", "1")) {
            for (String l : List.of("0.2", "0.5", "0.8")) {
                expected.add("m:g0_intercept=" + b + ",truth_lambda=" + l);
            }
        }
        assertEquals(expected, names(s));
        assertEquals(0.8, s.settings().get(5).deviatedTruth().lambda());
        assertEquals(1.0, ((GaussianLinearG0) s.settings().get(5).truth().g0()).expert().intercept());
    }

    @Test
    void zipPairsTheListsElementByElement() {
        Study s = load(study("vary { zip = true, \"g0.slope[0]\" = [0, -1, -2], \"g0.intercept\" = [3, 2, 1] }"));
        assertEquals(List.of("m:g0_intercept=3,g0_slope_0=0", "m:g0_intercept=2,g0_slope_0=-1",
                "m:g0_intercept=1,g0_slope_0=-2"), names(s));
        GaussianLinearG0 last = (GaussianLinearG0) s.settings().get(2).truth().g0();
        assertEquals(-2.0, last.expert().slope()[0]);
        assertEquals(1.0, last.expert().intercept());
    }

    @Test
    void aPointsSeedsDoNotChangeWhenOtherPointsAreAddedOrRemoved() {
        Study small = load(study("vary { \"g0.intercept\" = [3, 1] }"));
        Study large = load(study("vary { \"g0.intercept\" = [5, 3, 2, 1, 0] }"));
        for (Setting p : small.settings()) {
            Setting q = large.setting(p.name());
            assertEquals(p, q, "the point " + p.name() + " is the same setting in both maps");
            for (int n : small.sampleSizes()) {
                for (int r = 0; r < small.replicates(); r++) {
                    assertEquals(Seeds.taskSeed(small.seed(), p.name(), n, r),
                            Seeds.taskSeed(large.seed(), q.name(), n, r));
                }
            }
        }
        // and a point's seed is that of a hand-written setting of the same name
        Study written = load(study("").replace("name = \"m\"", "name = \"m:g0_intercept=1\"")
                .replace("intercept = 3.0, variance = 0.25", "intercept = 1.0, variance = 0.25"));
        Setting hand = written.settings().get(0);
        Setting point = small.setting("m:g0_intercept=1");
        assertEquals(hand.truth(), point.truth());
        assertEquals(hand.fit(), point.fit());
        assertTrue(hand.varied().isEmpty());
    }

    @Test
    void errorsNameTheKeyPathThePointAndWhatIsAllowed() {
        List<String> p = problems(study("vary { \"g0.variance\" = [0.25, -1.0] }"));
        assertEquals(List.of("dgmoe.study.settings[0]{g0_variance=-1}.g0.variance: must be > 0, got -1"), p);

        // a key absent from an existing object is set at each point, so a misspelt last key is the reader's unknown key
        p = problems(study("vary { \"g0.intercep\" = [1] }"));
        assertEquals(List.of("dgmoe.study.settings[0].g0.intercep: unknown key; did you mean 'intercept'? (allowed "
                + "here: type, slope, intercept, variance)"), p);
        p = problems(study("vary { \"g1.intercept\" = [1] }"));
        assertTrue(p.get(0).startsWith("dgmoe.study.settings[0].vary.\"g1.intercept\": must start in one of"), p.get(0));
        p = problems(study("vary { \"fit.init-nois.location-scale\" = [1] }"));
        assertTrue(p.get(0).startsWith("dgmoe.study.settings[0].vary.\"fit.init-nois.location-scale\": names key "
                + "'init-nois', which 'fit' does not have (its keys: experts)"), p.get(0));

        p = problems(study("vary { \"truth.experts[2].weight\" = [0.5] }"));
        assertTrue(p.get(0).contains("names element [2] of 'truth.experts', which has 2"), p.toString());

        p = problems(study("vary { \"truth.experts[0]\" = [0.5] }"));
        assertTrue(p.get(0).contains("holds an object; vary names numbers"), p.toString());

        p = problems(study("vary { \"name\" = [1] }"));
        assertTrue(p.get(0).contains("must start in one of [covariates, g0, truth, fit, theory]"), p.toString());

        p = problems(study("vary { \"g0.intercept\" = [] }"));
        assertTrue(p.get(0).contains("must be a non-empty list"), p.toString());

        p = problems(study("vary { \"g0.intercept\" = [1, 1.0] }"));
        assertEquals(List.of("dgmoe.study.settings[0].vary.\"g0.intercept\"[1]: repeats 1; each value names a point, "
                + "so values must be distinct"), p);

        p = problems(study("vary { \"g0.intercept\" = [1, x] }"));
        assertTrue(p.get(0).contains("\"g0.intercept\"[1]: must be a number, got 'x'"), p.toString());

        p = problems(study("vary { zip = true, \"g0.intercept\" = [1, 2], \"truth.lambda\" = [0.5] }"));
        assertEquals(List.of("dgmoe.study.settings[0].vary: zip = true pairs the lists element by element, so they "
                + "must have one length; got \"g0.intercept\": 2, \"truth.lambda\": 1"), p);

        p = problems(study("vary { zip = yes, \"g0.intercept\" = [1] }"));
        assertTrue(p.get(0).startsWith("dgmoe.study.settings[0].vary.zip: must be true or false"), p.toString());

        p = problems(study("vary = [1, 2]"));
        assertTrue(p.get(0).startsWith("dgmoe.study.settings[0].vary: must be an object"), p.toString());

        p = problems(study("vary { zip = true }"));
        assertTrue(p.get(0).contains("must name at least one key path"), p.toString());
    }

    @Test
    void onePathVariedUnderTwoSpellingsIsRefusedNamingBoth() {
        // HOCON keeps the quoted key and the unquoted path apart; both are the path g0.intercept (docs/config.md)
        String both = "dgmoe.study.settings[0].vary.\"g0.intercept\": is varied twice, as \"g0.intercept\" and as "
                + "g0.intercept (a quoted key holding '.' and the unquoted path are the same path); vary each path once";
        assertEquals(List.of(both), problems(study("vary { \"g0.intercept\" = [1, 2], g0.intercept = [3, 4] }")));
        assertEquals(List.of(both), problems(study("vary { g0 { intercept = [3, 4] }, \"g0.intercept\" = [1, 2] }")));
        // a quoted and an unquoted spelling of different paths are two paths
        assertEquals(4, load(study("vary { \"g0.intercept\" = [1, 2], g0.variance = [0.5, 1] }")).settings().size());
    }

    @Test
    void aMistakeOutsideTheVariedNumbersIsReportedOnceAtTheSetting() {
        List<String> p = problems(study("vary { \"g0.intercept\" = [3, 1, 0] }").replace("experts = 2", "experts = 0"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("dgmoe.study.settings[0].fit.experts: must be"), p.get(0));
    }

    @Test
    void pointsCollidingWithAWrittenSettingAreRefused() {
        String text = study("vary { \"g0.intercept\" = [1] }").replace("  ]\n}", """
                    {
                      name = "m:g0_intercept=1"
                      covariates { distribution = uniform, dimension = 1 }
                      g0 { type = none }
                      truth { experts = [ { weight = 1, slope = [1], intercept = 0, variance = 1 } ] }
                    }
                  ]
                }""");
        List<String> p = problems(text);
        assertTrue(p.get(0).contains("must be unique; settings[0] is also called 'm:g0_intercept=1'"), p.toString());
    }

    @Test
    void theClassOfG0CanChangeAlongAMapAndPointsAreCheckedOneByOne() {
        // fit.experts varied below k* under near-truth starts is refused at that point only
        List<String> p = problems(study("vary { \"fit.experts\" = [2, 1] }"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("dgmoe.study.settings[0]{fit_experts=1}."), p.get(0));
    }
}
