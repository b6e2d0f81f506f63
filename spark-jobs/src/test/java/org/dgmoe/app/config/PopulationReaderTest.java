package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.study.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setting's {@code population} block: the file read into a population, the truth shared by settings of one
 * population and model, the file's content (not its path) in the config hash, and each refusal naming its key.
 */
class PopulationReaderTest {
    /** 300 rows: site, dose, response (make_population.py beside it). */
    static final Path CSV = Path.of("src/test/resources/org/dgmoe/app/config/population.csv").toAbsolutePath();

    @TempDir
    Path tmp;

    /** A study of two settings of {@code population} (exact k = 1, over-fitted k = 2) at {@code sizes}. */
    static String study(String population, String sizes, String extra) {
        String g0 = "g0 { type = location-scale, family = normal, location = \"1 + 0.5*x1\", scale = \"0.5\" }";
        return "dgmoe.study {\n  name = pop\n  seed = 11\n  replicates = 3\n  sample-sizes = " + sizes + "\n"
                + "  settings = [\n"
                + "    { name = exact, population " + population + ", " + g0 + extra
                + ", fit { experts = 1, max-iterations = 500 } }\n"
                + "    { name = overfit, population " + population + ", " + g0
                + ", fit { experts = 2, max-iterations = 500 } }\n  ]\n}\n";
    }

    static String population(Path csv) {
        return "{ data = \"" + csv + "\", x = [dose], y = response, experts = 1 }";
    }

    private LoadedStudy load(String folder, String text) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        Path file = dir.resolve("study.conf");
        Files.writeString(file, text);
        return StudyConfigLoader.load(file, List.of());
    }

    private String refusal(String text) {
        return assertThrows(InputException.class, () -> load("refused", text)).getMessage();
    }

    @Test
    void theRowsAreThePopulationAndSettingsOfOneModelShareTheTruth() throws IOException {
        LoadedStudy loaded = load("ok", study(population(CSV), "[20, 40]", ""));
        Setting exact = loaded.study().setting("exact");
        Setting overfit = loaded.study().setting("overfit");
        Population p = assertInstanceOf(Population.class, exact.covariates());
        assertEquals(300, p.size());
        assertEquals(1, p.dimension());
        assertEquals(1, exact.truth().size());
        assertEquals(2, overfit.fit().experts());
        // the truth depends on the population and the model, not the setting's name or fitted k: one recipe run
        assertSame(exact.populationTruth(), overfit.populationTruth());
        assertTrue(exact.populationTruth().reachedBest() >= 1);
    }

    @Test
    void aRelativePathIsTheStudyFilesFolderAndTheHashFollowsTheContentNotThePath() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a/data"));
        Path b = Files.createDirectories(tmp.resolve("b/data"));
        Files.copy(CSV, a.resolve("rows.csv"));
        Files.copy(CSV, b.resolve("rows.csv"));
        String relative = "{ data = \"data/rows.csv\", x = [dose], y = response, experts = 1 }";
        LoadedStudy inA = load("a", study(relative, "[20, 40]", ""));
        LoadedStudy inB = load("b", study(relative, "[20, 40]", ""));
        assertTrue(inA.resolvedConfig().contains(a.resolve("rows.csv").toString()), inA.resolvedConfig());
        assertEquals(inA.configHash(), inB.configHash(), "the same rows in another folder are the same study");
        // one response changed in the last digit: another study, which --resume must refuse
        String text = Files.readString(b.resolve("rows.csv"));
        Files.writeString(b.resolve("rows.csv"), text.replaceFirst("(\\n[^\\n]*)\\n", "$1" + "1\n"));
        assertNotEquals(inA.configHash(), load("b", study(relative, "[20, 40]", "")).configHash());
    }

    @Test
    void aMissingColumnNamesItsKey() {
        String x = refusal(study("{ data = \"" + CSV + "\", x = [dos], y = response, experts = 1 }", "[20]", ""));
        assertTrue(x.contains("dgmoe.study.settings[0].population.data") && x.contains("no column 'dos'")
                && x.contains("(dgmoe.study.settings[0].population.x[0])"), x);
        String y = refusal(study("{ data = \"" + CSV + "\", x = [dose], y = resp, experts = 1 }", "[20]", ""));
        assertTrue(y.contains("no column 'resp' (dgmoe.study.settings[0].population.y)"), y);
        String file = refusal(study("{ data = \"" + CSV + ".gone\", x = [dose], y = response, experts = 1 }", "[20]",
                ""));
        assertTrue(file.contains("dgmoe.study.settings[0].population.data") && file.contains("no such data file"),
                file);
    }

    @Test
    void nAtOrAboveTheSizeOfThePopulationIsRefusedWithoutReplacement() throws IOException {
        String m = refusal(study(population(CSV), "[100, 300]", ""));
        assertTrue(m.startsWith("dgmoe.study.sample-sizes: n = 300 is not below the population of setting 'exact'")
                && m.contains("N = 300 rows"), m);
        String withReplacement = "{ data = \"" + CSV + "\", x = [dose], y = response, experts = 1, "
                + "sample = with-replacement }";
        assertEquals(400, load("with", study(withReplacement, "[100, 400]", "")).study().sampleSizes()[1]);
    }

    @Test
    void aPopulationTakesThePlaceOfTruthAndCovariates() {
        String truth = refusal(study(population(CSV), "[20]", ", truth { lambda = 0.5, experts = [ { weight = 1, "
                + "slope = [1], intercept = 0, variance = 1 } ] }"));
        assertTrue(truth.contains("dgmoe.study.settings[0].truth: a setting with population draws x and y from the "
                + "data file"), truth);
        String covariates = refusal(study(population(CSV), "[20]", ", covariates { distribution = uniform }"));
        assertTrue(covariates.contains("dgmoe.study.settings[0].covariates: a setting with population"), covariates);
        String neither = refusal("dgmoe.study { name = s, seed = 1, replicates = 1, sample-sizes = [10], settings = "
                + "[ { name = a, covariates { distribution = uniform }, g0 { type = none } } ] }");
        assertTrue(neither.contains("dgmoe.study.settings[0].truth: missing") && neither.contains("or a population "
                + "block"), neither);
    }
}
