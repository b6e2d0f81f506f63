package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.study.InitKind;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;

/** {@code --set dgmoe.study.settings.NAME.KEY=VALUE}: one setting's key from the command line, by name. */
class SettingOverrideTest {
    private static final Path QUICKSTART = Path.of("../conf/quickstart.conf");

    private static LoadedStudy load(String... overrides) {
        return StudyConfigLoader.load(QUICKSTART, List.of(overrides));
    }

    @Test
    void anOverrideByNameChangesThatSettingOnly() {
        LoadedStudy plain = load();
        LoadedStudy random = load("dgmoe.study.settings.over-fit.fit.init=random");
        Study s = random.study();
        assertEquals(InitKind.RANDOM, s.setting("over-fit").fit().init());
        assertEquals(InitKind.NEAR_TRUTH, s.setting("exact-fit").fit().init());
        // the rest of the setting is kept (its start check, experts), and the study is another one
        assertEquals(3, s.setting("over-fit").fit().experts());
        assertEquals(plain.study().setting("over-fit").fit().startCheck(), s.setting("over-fit").fit().startCheck());
        assertNotEquals(plain.configHash(), random.configHash());
        assertEquals(plain.study().setting("exact-fit"), s.setting("exact-fit"));
    }

    @Test
    void overridesCompose_mergeObjects_andResolveSubstitutionsAgainstTheFile() {
        Study s = load("dgmoe.study.settings.exact-fit.fit={ experts = 3 }",
                "dgmoe.study.settings.exact-fit.fit.init=random",
                "dgmoe.study.settings.over-fit.g0=${shared.g0} { dof = 5 }").study();
        assertEquals(3, s.setting("exact-fit").fit().experts());
        assertEquals(InitKind.RANDOM, s.setting("exact-fit").fit().init());
        StudentTG0 g0 = (StudentTG0) s.setting("over-fit").truth().g0();
        assertEquals(5.0, g0.dof());
        assertEquals(0.5, g0.scale(), "the rest of ${shared.g0} is kept");
        // a quoted name works the same way
        assertEquals(InitKind.RANDOM,
                load("dgmoe.study.settings.\"over-fit\".fit.init=random").study().setting("over-fit").fit().init());
    }

    @Test
    void anUnknownNameListsTheSettings() {
        InputException e = assertThrows(InputException.class, () -> load("dgmoe.study.settings.overfit.fit.init=random"));
        String m = e.getMessage();
        assertTrue(m.contains("no setting is named 'overfit'"), m);
        assertTrue(m.contains("did you mean 'over-fit'?"), m);
        assertTrue(m.contains("(settings: exact-fit, over-fit)"), m);
    }

    @Test
    void aBadValueOrKeyIsStillNamedWithItsPath() {
        InputException e = assertThrows(InputException.class,
                () -> load("dgmoe.study.settings.over-fit.fit.experts=100000"));
        assertTrue(e.getMessage().contains("dgmoe.study.settings[1].fit.experts: must be an integer in [1, 1000]"),
                e.getMessage());
        InputException unknown = assertThrows(InputException.class,
                () -> load("dgmoe.study.settings.over-fit.fit.inti=random"));
        assertTrue(unknown.getMessage().contains("dgmoe.study.settings[1].fit.inti"), unknown.getMessage());
    }
}
