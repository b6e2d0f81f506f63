package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.LocationScaleG0;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.study.Setting;
import org.junit.jupiter.api.Test;

/** {@code g0 { type = location-scale, … }} in a study file: what it reads, and every mistake named by its key. */
class LocationScaleConfigTest {
    private static final String AT = "dgmoe.study.settings[0].g0";

    private static String study(String g0, String covariates) {
        return """
                dgmoe.study {
                  name = "t", seed = 1, replicates = 2, sample-sizes = [50]
                  settings = [ {
                    name = "s"
                    covariates %s
                    g0 %s
                    truth { lambda = 0.5, experts = [ { weight = 1.0, slope = [1.0, 0.0], intercept = 4.0, variance = 1.0 } ] }
                  } ]
                }
                """.formatted(covariates, g0);
    }

    private static final String BOX = "{ distribution = uniform, dimension = 2, min = 0.0, max = 1.0 }";

    private static Setting setting(String g0) {
        return StudyConfigLoader.load(study(g0, BOX), "t.conf", List.of()).study().setting("s");
    }

    private static List<String> problems(String g0, String covariates) {
        return assertThrows(InputException.class,
                () -> StudyConfigLoader.load(study(g0, covariates), "t.conf", List.of())).problems();
    }

    @Test
    void aLocationScaleG0IsReadOverX1ToXd() {
        G0 g0 = setting("{ type = location-scale, family = logistic, location = \"exp(x2) - x1\", scale = 0.5 }")
                .truth().g0();
        LocationScaleG0 g = (LocationScaleG0) g0;
        assertEquals(LocationScaleG0.Shape.LOGISTIC, g.shape());
        assertEquals(List.of("x1", "x2"), g.location().names());
        assertEquals(Math.exp(0.5) - 0.25, g.location(new double[] {0.25, 0.5}), 0);
        assertEquals(2, g.dimension());
        assertFalse(g.isGaussianExpert());
    }

    @Test
    void aNormalAffineConstantScaleG0IsTheNonDistinguishableCase() {
        Setting s = setting("{ type = location-scale, family = normal, location = \"2*x1 - x2/4 + 1\", scale = \"sqrt(0.25)\" }");
        assertEquals(new Expert(new double[] {2, -0.25}, 1, 0.25), s.truth().g0().gaussianExpert());
        Setting linear = setting("{ type = gaussian-linear, slope = [2.0, -0.25], intercept = 1.0, variance = 0.25 }");
        // the same regime and theory as the shorthand it is written for
        assertEquals(TheoryTable.forSetting(linear), TheoryTable.forSetting(s));
    }

    @Test
    void everyMistakeNamesItsKey() {
        assertEquals(List.of(AT + ".location: unknown name 'x3' at column 5; did you mean 'x1'? (names: x1, x2, pi; "
                + "functions: exp, log, log1p, expm1, sqrt, abs, sin, cos, tan, sinh, cosh, tanh, asin, acos, atan, "
                + "atan2, min, max, pow; operators: + - * / ^ and parentheses)"),
                problems("{ type = location-scale, family = normal, location = \"1 + x3\", scale = 1 }", BOX));
        assertEquals(List.of(AT + ".dof: missing; a number > 0 (`student-t`, and `location-scale` or `columns` with "
                + "`family = student-t`: the degrees of freedom ν)"),
                problems("{ type = location-scale, family = student-t, location = x1, scale = 1 }", BOX));
        assertEquals(List.of(AT + ".dof: applies to family student-t only; remove it for family laplace"),
                problems("{ type = location-scale, family = laplace, location = x1, scale = 1, dof = 3 }", BOX));
        List<String> p = problems("{ type = location-scale, family = cauchy, location = x1, scale = 1, slope = [1] }",
                BOX);
        assertTrue(p.contains(AT + ".family: must be one of normal, student-t, laplace, logistic, got 'cauchy'"),
                p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(AT + ".slope: unknown key")), p.toString());
        assertEquals(List.of(AT + ".scale: must be an expression (a string) or a number, got a list of 1"),
                problems("{ type = location-scale, family = normal, location = x1, scale = [1] }", BOX));
    }

    @Test
    void aScaleNotPositiveOnTheCovariatesIsRefusedWhenTheFileIsRead() {
        // x ~ U[0, 1]²: the probe's 10 000 draws meet x1 > 0.9 for certain (probability 1 − 0.9¹⁰⁰⁰⁰)
        List<String> p = problems("{ type = location-scale, family = laplace, location = x1, scale = \"0.9 - x1\" }",
                BOX);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).matches("\\Q" + AT + ".scale: is -0.\\E[0-9]+ at x1 = 0\\.9[0-9]+, x2 = [0-9.E-]+, a draw "
                + "of the covariates; the scale must be > 0 and finite wherever x can fall"), p.get(0));
        // on a safe box the same expression is accepted
        StudyConfigLoader.load(study("{ type = location-scale, family = laplace, location = x1, scale = \"1.9 - x1\" }",
                BOX), "t.conf", List.of());
    }
}
