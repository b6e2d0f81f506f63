package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dgmoe.core.study.IntervalPlan;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.uncertainty.IntervalMethod;
import org.junit.jupiter.api.Test;

/**
 * Every study of {@code conf/studies/} loads with both sizes, and the one key {@code size} switches
 * replicates, sample sizes and the study name completely.
 */
class StudyFilesTest {
    private static final Path DIR = Path.of("..", "conf", "studies");
    private static final String CLUSTER = "size=${sizes.cluster}";

    private static List<Path> studies() throws Exception {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".conf") && !p.getFileName().toString().equals("sizes.conf"))
                    .sorted().toList();
        }
    }

    @Test
    void everyStudyLoadsWithBothSizes() throws Exception {
        List<Path> all = studies();
        assertEquals(List.of("coverage.conf", "diamonds.conf", "dimension-16.conf", "distinguishable-exact.conf",
                "distinguishable-overfit.conf",
                "gaussian-gated.conf", "gaussian-moe.conf", "gof-local.conf", "gof-power.conf", "interaction.conf",
                "issue24-random-starts.conf", "nondistinguishable.conf", "softmax-contaminated.conf",
                "softmax-gated.conf", "wald-coverage.conf"),
                all.stream().map(p -> p.getFileName().toString()).toList());
        // the regime studies follow sizes.conf; gof-power.conf and gof-local.conf are size and power studies,
        // coverage.conf and wald-coverage.conf coverage studies, dimension-16.conf a short study at d = 16, diamonds.conf a
        // population of real data and issue24-random-starts.conf docs/results.md's rate map of issue 24's
        // setting, each of its own size
        List<String> own = List.of("gof-power.conf", "gof-local.conf", "coverage.conf", "wald-coverage.conf",
                "dimension-16.conf", "diamonds.conf", "issue24-random-starts.conf");
        List<Path> files = all.stream().filter(p -> !own.contains(p.getFileName().toString())).toList();
        for (Path f : files) {
            String base = f.getFileName().toString().replace(".conf", "");
            LoadedStudy medium = StudyConfigLoader.load(f, List.of());
            assertEquals(base + "-medium", medium.study().name());
            assertEquals(24, medium.study().replicates());
            int[] m = medium.study().sampleSizes();
            assertEquals(14, m.length);
            assertEquals(100, m[0]);
            assertEquals(30000, m[m.length - 1]);

            LoadedStudy cluster = StudyConfigLoader.load(f, List.of(CLUSTER));
            assertEquals(base + "-cluster", cluster.study().name());
            assertEquals(40, cluster.study().replicates());
            int[] c = cluster.study().sampleSizes();
            assertEquals(200, c.length, "log grid 1e2..1e5 keeps 200 distinct sizes");
            assertEquals(100, c[0]);
            assertEquals(100000, c[c.length - 1]);
            assertNotEquals(medium.configHash(), cluster.configHash());
            assertEquals(medium.study().settings().stream().map(Setting::name).toList(),
                    cluster.study().settings().stream().map(Setting::name).toList());
            for (Setting s : cluster.study().settings()) {
                int kStar = s.truth().size();
                assertTrue(s.fit().experts() - kStar + 1 <= 3, "no cell of 4 atoms while every true atom keeps one "
                        + "(r̄(4) is unknown): " + s.name());
            }
        }
    }

    @Test
    void theDiamondsStudySubsamplesItsPopulationWellBelowN() {
        LoadedStudy l = StudyConfigLoader.load(DIR.resolve("diamonds.conf"), List.of());
        assertEquals(List.of("exact-k2", "overfit-k3"), l.study().settings().stream().map(Setting::name).toList());
        Setting exact = l.study().setting("exact-k2");
        Setting overfit = l.study().setting("overfit-k3");
        assertEquals(53940, exact.populationRows().size(), "ggplot2's diamonds, every row");
        assertEquals(2, exact.truth().size());
        assertEquals(3, overfit.fit().experts());
        assertSame(exact.populationTruth(), overfit.populationTruth(), "one truth for k = 2 and k = 3");
        int[] sizes = l.study().sampleSizes();
        assertTrue(sizes[sizes.length - 1] <= 53940 / 2.5, "n stays at most N/2.5");
    }

    @Test
    void theDimensionStudyFitsTheQuickstartsTwoSettingsIn16Dimensions() {
        LoadedStudy l = StudyConfigLoader.load(DIR.resolve("dimension-16.conf"), List.of());
        assertEquals("dimension-16", l.study().name());
        assertEquals(List.of("exact-fit", "over-fit"), l.study().settings().stream().map(Setting::name).toList());
        assertEquals(List.of(1000, 20000), List.of(l.study().sampleSizes()[0],
                l.study().sampleSizes()[l.study().sampleSizes().length - 1]));
        for (Setting s : l.study().settings()) {
            assertEquals(16, s.truth().dimension(), s.name());
            assertEquals(2, s.truth().size(), s.name());
        }
        assertEquals(2, l.study().setting("exact-fit").fit().experts());
        assertEquals(3, l.study().setting("over-fit").fit().experts());
    }

    @Test
    void theCoverageStudyAsksForWaldAndBootstrapIntervalsOnItsThreeSettings() {
        LoadedStudy l = StudyConfigLoader.load(DIR.resolve("coverage.conf"), List.of());
        assertEquals(new IntervalPlan(List.of(IntervalMethod.WALD, IntervalMethod.BOOTSTRAP_PERCENTILE,
                IntervalMethod.BOOTSTRAP_BASIC), 0.95, 200), l.study().intervals());
        assertEquals(List.of("exact-fit", "over-fit", "g0-on-atom"),
                l.study().settings().stream().map(Setting::name).toList());
        assertTrue(l.study().setting("g0-on-atom").truth().g0().isGaussianExpert(), "the non-distinguishable g0");
    }

    @Test
    void theWaldCoverageStudyIsTheIssuesCheck() {
        LoadedStudy l = StudyConfigLoader.load(DIR.resolve("wald-coverage.conf"), List.of());
        assertEquals(new IntervalPlan(List.of(IntervalMethod.WALD), 0.95, 0), l.study().intervals());
        assertEquals(400, l.study().replicates());
        assertEquals(List.of(10000), java.util.Arrays.stream(l.study().sampleSizes()).boxed().toList());
        assertEquals(List.of("exact-fit"), l.study().settings().stream().map(Setting::name).toList());
        assertEquals(2, l.study().setting("exact-fit").fit().experts());
    }

    @Test
    void theSizeAndPowerStudyTestsEverySettingWithTheDefaultBootstrap() {
        LoadedStudy l = StudyConfigLoader.load(DIR.resolve("gof-power.conf"), List.of());
        assertEquals(10, l.study().settings().size());
        assertEquals(List.of(100, 200, 500, 1000, 2000, 5000),
                java.util.Arrays.stream(l.study().sampleSizes()).boxed().toList());
        for (Setting s : l.study().settings()) {
            assertEquals(10099, s.test().bootstrap(l.study().replicates()), s.name());
            assertTrue(s.name().endsWith("-" + (s.deviatedTruth().lambda() == 0 ? "0" : Double.toString(s.deviatedTruth().lambda()))),
                    s.name());
        }
    }

    /**
     * conf/studies/gof-local.conf: two local (sigmoid λ(x)) settings, the matched constant λ* and H0, every one tested
     * with B = 999 against one null description; both local weights average to E_x λ(x) = (1/20)[softplus(1.5) −
     * softplus(−18.5)] = 0.08507, the matched λ*, to within 4 Monte Carlo standard errors (sd(λ(x)) = 0.19, over
     * 1024 = √2²⁰: 4·0.19/1024 < 8e-4).
     */
    @Test
    void theLocalDeviationStudyMatchesItsConstantSettingsMeanWeightAndSharesOneNull() {
        LoadedStudy l = StudyConfigLoader.load(DIR.resolve("gof-local.conf"), List.of());
        assertEquals(List.of("sin-local-right", "sin-local-left", "sin-0.085", "sin-0"),
                l.study().settings().stream().map(Setting::name).toList());
        double exact = (org.dgmoe.core.model.SigmoidDeviation.softplus(1.5)
                - org.dgmoe.core.model.SigmoidDeviation.softplus(-18.5)) / 20;
        for (Setting s : l.study().settings()) {
            assertEquals(999, s.test().bootstrap(l.study().replicates()), s.name());
            assertEquals(org.dgmoe.core.gof.SweepGof.nullDescription(l.study().setting("sin-0")),
                    org.dgmoe.core.gof.SweepGof.nullDescription(s), s.name());
            assertEquals(s.name().startsWith("sin-local"), s.gated(), s.name());
            if (s.gated()) {
                assertEquals(exact, org.dgmoe.core.gof.PowerSummary.meanDeviationWeight(s), 8e-4, s.name());
            }
        }
        assertEquals(0.085, l.study().setting("sin-0.085").deviatedTruth().lambda(), 0.0);
    }
}
