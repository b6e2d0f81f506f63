package org.dgmoe.core.study;

import java.util.Map;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.DeviatedModel;

/**
 * One setting of a study: the covariate law, the true model (which carries g0), and how it is fitted.
 *
 * @param name       unique within the study; part of every task's random key
 * @param covariates the covariate distribution
 * @param truth      the true deviated model (λ*, G*, g0)
 * @param fit        how the model is fitted
 * @param theory     per-metric theoretical exponents overriding the defaults (NaN = "unknown")
 * @param test       the goodness-of-fit test of every data set of the setting (its {@code test} block), or
 *                   null when the setting has none
 */
public record Setting(String name, Covariates covariates, DeviatedModel truth, FitSpec fit, Map<String, Double> theory,
        StudyTest test) {

    /** A setting without a goodness-of-fit test. */
    public Setting(String name, Covariates covariates, DeviatedModel truth, FitSpec fit, Map<String, Double> theory) {
        this(name, covariates, truth, fit, theory, null);
    }

    public Setting {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must be a non-empty string");
        }
        if (covariates == null || truth == null || fit == null) {
            throw new IllegalArgumentException("covariates, truth, fit: must not be null");
        }
        if (covariates.dimension() != truth.dimension()) {
            throw new IllegalArgumentException("covariates.dimension: must equal the experts' slope dimension "
                    + truth.dimension() + ", got " + covariates.dimension());
        }
        theory = theory == null ? Map.of() : Map.copyOf(theory);
        if (test != null && truth.g0().isNone()) {
            throw new IllegalArgumentException("test: the goodness-of-fit test needs a known g0, got 'none'");
        }
    }
}
