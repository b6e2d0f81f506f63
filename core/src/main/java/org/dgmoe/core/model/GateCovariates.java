package org.dgmoe.core.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.InvalidParameterException;

/**
 * x ~ Σ_i w_i N(c_i, Γ_i): the covariate law a Gaussian gate implies, under which its π_i(x) is the posterior of
 * component i given x (the joint model of the Gaussian-gated MoE, Nguyen et al., CRPE-GMoE; docs/gating.md). The
 * study file's {@code covariates { distribution = gate }}.
 *
 * @param gating the Gaussian gating whose weights, means and covariances are the law's
 */
public record GateCovariates(GaussianGating gating) implements Covariates {

    public GateCovariates {
        if (gating == null) {
            throw new InvalidParameterException("gating", "gate covariates need a Gaussian gating, got none");
        }
    }

    @Override
    public Distribution distribution() {
        return Distribution.GATE;
    }

    @Override
    public int dimension() {
        return gating.dimension();
    }

    /** {@link GaussianGating#sampleCovariates}: per point one uniform for the component, then d normals. */
    @Override
    public void fill(int n, UniformRandomProvider rng, double[] out) {
        gating.sampleCovariates(n, rng, out);
    }
}
