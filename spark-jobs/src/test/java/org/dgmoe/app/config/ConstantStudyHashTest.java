package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.study.Setting;
import org.junit.jupiter.api.Test;

/**
 * The gating and deviation blocks (issue 21) leave every constant-weight study what it was: the hash covers the
 * file's resolved {@code dgmoe} tree and nothing else, so absent blocks are never hashed as defaults, and every
 * setting of the shipped studies reads as a constant-weight setting.
 */
class ConstantStudyHashTest {

    /**
     * The config hashes of the shipped constant-weight studies, computed on i21-lead before study files could
     * describe gated models (2026-12-07). A change of one without a change of its file is a hashing regression.
     */
    private static final Map<String, String> HASHES = hashes();

    private static Map<String, String> hashes() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("../conf/quickstart.conf", StudyConfigLoaderTest.QUICKSTART_HASH);
        h.put("../conf/studies/distinguishable-exact.conf",
                "7389078efdada223e594ccc0f4f2465429e33e30ebe86857111f02d868bf8745");
        h.put("../conf/studies/distinguishable-overfit.conf",
                "1575029ab1aacf7b81dd9f0c4b6dc87cb0bd1c2f6a4e6d674144668e84cdd441");
        h.put("../conf/studies/gaussian-moe.conf", "29aa78312cec6acf2b55950d530da930669dd5e72c4b026389f00e8ed11abce7");
        h.put("../conf/studies/gof-power.conf", "4681b92901529166fa33196e052574d8e554a358425a2f754be8a9c39e502f48");
        h.put("../conf/studies/interaction.conf", "368063c23f7b39611b8a3f6463b0ece7306c2cd2c8a28975b82c6d6c9d13ea9c");
        h.put("../conf/studies/nondistinguishable.conf",
                "41a632dd310e7497abec82dd31e3c91f6870b2fdaa72215cff37cde5e82af78e");
        return h;
    }

    @Test
    void theShippedStudiesKeepTheirHashesAndStayConstant() {
        for (Map.Entry<String, String> e : HASHES.entrySet()) {
            LoadedStudy loaded = StudyConfigLoader.load(Path.of(e.getKey()), List.of());
            assertEquals(e.getValue(), loaded.configHash(), e.getKey());
            for (Setting s : loaded.study().settings()) {
                assertFalse(s.gated(), e.getKey() + ": " + s.name() + " must read as a constant-weight setting");
            }
            assertFalse(loaded.resolvedConfig().contains("\"gating\"") || loaded.resolvedConfig()
                    .contains("\"deviation\""), e.getKey() + ": no gating or deviation block is injected");
        }
    }

    @Test
    void theHashIsTheFilesOwnTreeWithNothingAdded() {
        Path file = Path.of("../conf/quickstart.conf");
        Map<String, Object> own = new LinkedHashMap<>(ConfigFactory.parseFile(file.toFile()).resolve()
                .getObject("dgmoe").unwrapped());
        own.keySet().removeAll(StudyConfigLoader.RUN_SECTIONS);
        assertEquals(CanonicalJson.sha256(CanonicalJson.render(own)),
                StudyConfigLoader.load(file, List.of()).configHash());
    }

    @Test
    void writingTheConstantDefaultsReadsTheSameStudyUnderAnotherHash() {
        // An explicit block is part of the file, as any key written with its default value is (fit.init =
        // near-truth): the study is the same, the text and so the hash are not.
        Path file = Path.of("../conf/quickstart.conf");
        LoadedStudy plain = StudyConfigLoader.load(file, List.of());
        LoadedStudy explicit = StudyConfigLoader.load(file, List.of(
                "dgmoe.study.settings.exact-fit.gating={ type = constant }",
                "dgmoe.study.settings.exact-fit.deviation={ type = constant }"));
        assertEquals(plain.study().settings().get(0).truth(), explicit.study().settings().get(0).truth());
        assertFalse(explicit.study().settings().get(0).gated());
        assertNotEquals(plain.configHash(), explicit.configHash());
    }
}
