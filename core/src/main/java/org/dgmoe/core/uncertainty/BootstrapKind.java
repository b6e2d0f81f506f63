package org.dgmoe.core.uncertainty;

import org.dgmoe.core.ConfigNamed;

/**
 * How a bootstrap data set is drawn from the fitted data ({@code dgmoe fit --bootstrap-kind}; docs/uncertainty.md,
 * "Bootstrap intervals"). Both keep n. The config name is the constant's in lower case ({@link ConfigNamed}).
 */
public enum BootstrapKind implements ConfigNamed {
    // The default first (ConfigNamed's convention).
    /**
     * The data's covariates x_i kept, each response redrawn y*_i ~ p_θ̂(·|x_i) from the fitted model (Efron &amp;
     * Tibshirani 1993, §6.5): the bootstrap of a regression model whose design is fixed, the law the Wald intervals
     * describe too (the information conditional on x).
     */
    PARAMETRIC,
    /**
     * Rows (x_i, y_i) drawn n times with replacement (Efron 1979): no model is trusted for the draws, and the
     * covariates are resampled with the responses (random design).
     */
    NONPARAMETRIC
}
