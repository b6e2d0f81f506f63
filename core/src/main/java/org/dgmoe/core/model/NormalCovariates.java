package org.dgmoe.core.model;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.dgmoe.core.InvalidParameterException;

/** x with independent coordinates x_j ~ N(mean_j, sd_j²). */
public record NormalCovariates(double[] mean, double[] sd) implements Covariates {

    public NormalCovariates {
        if (mean == null || sd == null || mean.length == 0 || mean.length != sd.length) {
            throw new IllegalArgumentException("mean, sd: must be non-empty and of the same length (the dimension)");
        }
        mean = mean.clone();
        sd = sd.clone();
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new InvalidParameterException("mean[" + j + "]", "must be finite, got " + mean[j]);
            }
            if (!(sd[j] > 0) || !Double.isFinite(sd[j])) {
                throw new InvalidParameterException("sd[" + j + "]", "must be > 0 and finite, got " + sd[j]);
            }
        }
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] sd() {
        return sd.clone();
    }

    @Override
    public Distribution distribution() {
        return Distribution.NORMAL;
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public void fill(int n, UniformRandomProvider rng, double[] out) {
        int d = mean.length;
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[j * n + i] = mean[j] + sd[j] * z.sample();
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormalCovariates c && Arrays.equals(c.mean, mean) && Arrays.equals(c.sd, sd);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(sd);
    }

    @Override
    public String toString() {
        return "NormalCovariates[mean=" + Arrays.toString(mean) + ", sd=" + Arrays.toString(sd) + "]";
    }
}
