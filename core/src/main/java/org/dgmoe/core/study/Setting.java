package org.dgmoe.core.study;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Population;

/**
 * One setting of a study: the covariate law, the true model (which carries g0), and how it is fitted.
 *
 * <p>A setting may be one point of a rate map (a {@code vary} block of the study file expanded into
 * one setting per point): {@code varied} then holds the value each varied key path took at this
 * point, key paths in alphabetical order. Those values are already part of {@code covariates},
 * {@code truth} and {@code fit}; {@code varied} only records which numbers the map moves, so that the
 * tables can carry them as columns ({@link #column(String)}). A hand-written setting varies nothing.
 *
 * @param name       unique within the study; part of every task's random key
 * @param covariates the covariate distribution
 * @param truth      the true model (λ*, gating, experts, g0); a deviated model of reference §1 when its λ and
 *                   gating are constant ({@link #deviatedTruth()})
 * @param fit        how the model is fitted
 * @param theory     per-metric theoretical exponents overriding the defaults (NaN = "unknown")
 * @param varied     key path inside the setting ({@code g0.intercept}, {@code truth.experts[0].slope[0]}) →
 *                   the finite value it takes here; empty for a hand-written setting
 * @param test       the goodness-of-fit test of every data set of the setting (its {@code test} block), or
 *                   null when the setting has none
 * @param populationTruth how the truth of a population setting was computed (its {@code population} block: the
 *                   covariates are then a {@link Population}, whose rows the tasks draw, and {@code truth} is this
 *                   recipe's full-data MLE; docs/population.md), or null for a simulated setting
 */
public record Setting(String name, Covariates covariates, GatedModel truth, FitSpec fit, Map<String, Double> theory,
        Map<String, Double> varied, GofPlan test, PopulationTruth populationTruth) implements java.io.Serializable {

    /** A setting without a goodness-of-fit test. */
    public Setting(String name, Covariates covariates, GatedModel truth, FitSpec fit, Map<String, Double> theory,
            Map<String, Double> varied) {
        this(name, covariates, truth, fit, theory, varied, null, null);
    }

    /** A simulated setting (no population). */
    public Setting(String name, Covariates covariates, GatedModel truth, FitSpec fit, Map<String, Double> theory,
            Map<String, Double> varied, GofPlan test) {
        this(name, covariates, truth, fit, theory, varied, test, null);
    }

    public Setting {
        if (name == null || name.isBlank()) {
            throw new InvalidParameterException("name", "must be a non-empty string");
        }
        if (covariates == null || truth == null || fit == null) {
            throw new IllegalArgumentException("covariates, truth, fit: must not be null");
        }
        if (covariates.dimension() != truth.dimension()) {
            throw new InvalidParameterException("covariates.dimension", "must equal the experts' slope dimension "
                    + truth.dimension() + ", got " + covariates.dimension());
        }
        theory = theory == null ? Map.of() : Map.copyOf(theory);
        if (populationTruth != null && !(covariates instanceof Population)) {
            throw new IllegalArgumentException("populationTruth: a population truth needs the population's rows as "
                    + "covariates");
        }
        if (covariates instanceof Population && (!truth.isConstant() || test != null)) {
            throw new InvalidParameterException("population", "a population setting fits the constant-weight model "
                    + "and has no test block in this version");
        }
        if (test != null && !(truth.gating() instanceof ConstantGating)) {
            // A sigmoid λ(x) with constant gating (the softmax-contaminated MoE) is allowed: H0 and the null sample
            // involve g0 alone, and the test's alternative is the fit model (constant weights), misspecified but
            // the p-value exact (docs/gof.md, "A deviation local in x"). Gated experts are not (yet) covered.
            throw new InvalidParameterException("test", "the goodness-of-fit test is run on data from a constant "
                    + "gating (with a constant or sigmoid deviation); a setting with "
                    + truth.gating().type().configName() + " gating has none");
        }
        if (test != null && truth.g0().isNone()) {
            throw new InvalidParameterException("test", "the goodness-of-fit test needs a known g0, got 'none'");
        }
        LinkedHashMap<String, Double> v = new LinkedHashMap<>();
        LinkedHashMap<String, String> columns = new LinkedHashMap<>();
        if (varied != null) {
            for (Map.Entry<String, Double> e : varied.entrySet()) {
                if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null
                        || !Double.isFinite(e.getValue())) {
                    throw new InvalidParameterException("varied", "every key path must be non-empty and its value "
                            + "finite, got " + e.getKey() + " = " + e.getValue());
                }
                String earlier = columns.putIfAbsent(column(e.getKey()), e.getKey());
                if (earlier != null) {
                    throw new InvalidParameterException("varied", "key paths " + earlier + " and " + e.getKey()
                            + " have the same column " + column(e.getKey()));
                }
                v.put(e.getKey(), e.getValue());
            }
        }
        varied = Collections.unmodifiableMap(v);
    }

    /**
     * The objects of a setting a varied key path may start in: a path names a number inside one of
     * them, so a varied column starts with one of these followed by {@code _} (how a table reader tells
     * a varied column from its own).
     */
    public static final java.util.List<String> VARIED_SECTIONS = java.util.List.of("covariates", "g0", "truth", "fit",
            "theory");

    /** A hand-written setting: it varies nothing. */
    public Setting(String name, Covariates covariates, GatedModel truth, FitSpec fit, Map<String, Double> theory) {
        this(name, covariates, truth, fit, theory, Map.of(), null, null);
    }

    /** A hand-written setting of the deviated model (constant λ and weights). */
    public Setting(String name, Covariates covariates, DeviatedModel truth, FitSpec fit, Map<String, Double> theory) {
        this(name, covariates, GatedModel.of(truth), fit, theory, Map.of(), null, null);
    }

    /** A setting of the deviated model (constant λ and weights), with its varied values and test. */
    public Setting(String name, Covariates covariates, DeviatedModel truth, FitSpec fit, Map<String, Double> theory,
            Map<String, Double> varied, GofPlan test) {
        this(name, covariates, GatedModel.of(truth), fit, theory, varied, test, null);
    }

    /** The population whose rows the tasks draw, or null for a simulated setting. */
    public Population populationRows() {
        return covariates instanceof Population p ? p : null;
    }

    /** Whether the truth is gated by x (a λ or gating that is not constant): fitted by the gated EM. */
    public boolean gated() {
        return !truth.isConstant();
    }

    /**
     * The truth as a deviated model (constant λ and weights), for what only that model has (the constant fitter,
     * its losses, the goodness-of-fit test).
     *
     * @throws IllegalStateException when the setting is {@link #gated()}
     */
    public DeviatedModel deviatedTruth() {
        return truth.asDeviated();
    }

    /**
     * The table column of a varied key path: the path with {@code .}, {@code [}, {@code ]} and
     * {@code -} turned into {@code _}, runs of {@code _} merged and none at the end
     * ({@code truth.experts[0].slope[0]} → {@code truth_experts_0_slope_0}, {@code g0.intercept} →
     * {@code g0_intercept}, {@code fit.init-noise.location-scale} → {@code fit_init_noise_location_scale}).
     */
    public static String column(String path) {
        String c = path.replaceAll("[.\\[\\]\\-]+", "_");
        return c.endsWith("_") ? c.substring(0, c.length() - 1) : c;
    }

    /** Column ({@link #column(String)}) → value of every varied key, in {@link #varied()} order. */
    public Map<String, Double> variedColumns() {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        varied.forEach((path, value) -> out.put(column(path), value));
        return Collections.unmodifiableMap(out);
    }
}
