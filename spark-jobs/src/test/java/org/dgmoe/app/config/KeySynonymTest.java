package org.dgmoe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dgmoe.app.base.InputException;
import org.junit.jupiter.api.Test;

/**
 * R users' names for dgmoe's keys ({@link StudySchema#SYNONYMS}): an unknown key that another package uses
 * for an allowed key is answered with dgmoe's key and how it differs; a key no table names keeps the
 * edit-distance suggestion.
 */
class KeySynonymTest {
    private static final String EXPERT = "allowed here: weight, gate, slope, intercept, variance";

    /** A study written with mixtools' and R's names: sd, sigma2, df, sigma (a t scale), λ, lambda in an expert, k. */
    private static final String R_NAMES = """
            dgmoe.study {
              name = r-user, seed = 1, replicates = 1, sample-sizes = [100]
              settings = [
                {
                  name = t
                  covariates { distribution = uniform }
                  g0 { type = student-t, slope = [0.5], intercept = 0, sigma = 0.5, df = 3 }
                  truth {
                    "λ" = 0.5
                    experts = [
                      { weight = 0.5, slope = [-2], intercept = 1, sd = 0.3 }
                      { lambda = 0.5, slope = [2], intercept = -1, sigma2 = 0.16 }
                    ]
                  }
                  fit { k = 2 }
                }
                {
                  name = gauss
                  covariates { distribution = uniform }
                  g0 { type = gaussian-linear, slope = [0.5], intercept = 0, sd = 1 }
                  truth { lambda = 0.5, experts = [ { prob = 1, beta = [1], intercept = 0, variance = 1 } ] }
                }
              ]
            }
            """;

    @Test
    void rNamesGetDgmoesKeyAndWhatItMeans() {
        InputException e = assertThrows(InputException.class,
                () -> StudyConfigLoader.load(R_NAMES, "r-names.conf", List.of()));
        List<String> p = e.problems();
        String s0 = "dgmoe.study.settings[0].";
        String s1 = "dgmoe.study.settings[1].";
        for (String expected : List.of(
                s0 + "truth.experts[0].sd: unknown key; did you mean 'variance'? (dgmoe takes a variance, not a "
                        + "standard deviation) (" + EXPERT + ")",
                s0 + "truth.experts[1].sigma2: unknown key; did you mean 'variance'? (" + EXPERT + ")",
                s0 + "truth.experts[1].lambda: unknown key; did you mean 'weight'? (an expert's mixing proportion pᵢ; "
                        + "dgmoe's λ is truth.lambda, the weight of all the experts) (" + EXPERT + ")",
                s0 + "g0.df: unknown key; did you mean 'dof'? (ν, the Student-t degrees of freedom) (allowed here: "
                        + "type, slope, intercept, scale, dof)",
                s0 + "g0.sigma: unknown key; did you mean 'scale'? (the Student-t scale s) (allowed here: type, slope, "
                        + "intercept, scale, dof)",
                s1 + "g0.sd: unknown key; did you mean 'variance'? (dgmoe takes a variance, not a standard "
                        + "deviation) (allowed here: type, slope, intercept, variance)",
                s1 + "truth.experts[0].prob: unknown key; did you mean 'weight'? (an expert's mixing proportion pᵢ; "
                        + "dgmoe's λ is truth.lambda, the weight of all the experts) (" + EXPERT + ")",
                s1 + "truth.experts[0].beta: unknown key; did you mean 'slope'? (the d coefficients of x; the "
                        + "intercept is a key of its own) (" + EXPERT + ")")) {
            assertTrue(p.contains(expected), "missing: " + expected + "\nin " + String.join("\n", p));
        }
        // the truth's λ and fit's k: the message starts with dgmoe's key (the allowed lists are long)
        assertTrue(p.stream().anyMatch(m -> m.startsWith(s0 + "truth.λ: unknown key; did you mean 'lambda'? (allowed")),
                () -> String.join("\n", p));
        assertTrue(p.stream().anyMatch(m -> m.startsWith(s0 + "fit.k: unknown key; did you mean 'experts'? (k, the "
                + "number of experts) (allowed")), () -> String.join("\n", p));
    }

    /** The first entry whose key is allowed wins; a name no entry holds, or whose key is not allowed, gets none. */
    @Test
    void findTakesTheFirstAllowedKey() {
        Set<String> expert = new HashSet<>(List.of("weight", "slope", "intercept", "variance"));
        Set<String> studentT = new HashSet<>(List.of("type", "slope", "intercept", "scale", "dof"));
        assertEquals("variance", KeySynonym.find("SD", expert, StudySchema.SYNONYMS).key(), "case-insensitive");
        assertEquals("scale", KeySynonym.find("sd", studentT, StudySchema.SYNONYMS).key());
        assertNull(KeySynonym.find("df", expert, StudySchema.SYNONYMS), "dof is not allowed in an expert");
        assertNull(KeySynonym.find("varianse", expert, StudySchema.SYNONYMS), "a typo is left to edit distance");
        assertThrows(IllegalArgumentException.class, () -> new KeySynonym(List.of("SD"), "variance", ""));
    }
}
