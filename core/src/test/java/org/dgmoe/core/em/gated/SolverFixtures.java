package org.dgmoe.core.em.gated;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Shared data of the solver tests: seeded generators, the deterministic data of gate_reference.R (recomputed
 * here with the same formulas) and the recorded reference outputs.
 */
final class SolverFixtures {
    /** n of gate_reference.R. */
    static final int REFERENCE_N = 300;

    private SolverFixtures() {
    }

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** The numbers of a recorded reference output: each line "key v1 v2 …"; lines whose values are not numbers are skipped. */
    static Map<String, double[]> reference(String resource) {
        Map<String, double[]> out = new HashMap<>();
        try (InputStream in = SolverFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.trim().split("\\s+");
                try {
                    double[] v = new double[f.length - 1];
                    for (int j = 1; j < f.length; j++) {
                        v[j - 1] = Double.parseDouble(f[j]);
                    }
                    out.put(f[0], v);
                } catch (NumberFormatException e) {
                    // a provenance line (versions)
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** gate_reference.R's covariates, column-major: x1 = 2 sin(0.7m + 0.3), x2 = 1.5 cos(1.3m) + 0.5. */
    static double[] referenceX() {
        int n = REFERENCE_N;
        double[] x = new double[2 * n];
        for (int m = 0; m < n; m++) {
            x[m] = 2 * Math.sin(0.7 * m + 0.3);
            x[n + m] = 1.5 * Math.cos(1.3 * m) + 0.5;
        }
        return x;
    }

    /** gate_reference.R's responsibilities r = ρ·softmax(s0, s1, s2) (rows sum to ρ_m &lt; 1). */
    static double[][] referenceResponsibilities() {
        int n = REFERENCE_N;
        double[] x = referenceX();
        double[][] r = new double[3][n];
        for (int m = 0; m < n; m++) {
            double x1 = x[m];
            double x2 = x[n + m];
            double rho = 0.3 + 0.7 * (0.5 + 0.5 * Math.sin(2.3 * m + 1));
            double s0 = 1.1 * Math.sin(3.1 * m);
            double s1 = 0.4 + 1.2 * x1 - 0.5 * x2 + 1.3 * Math.cos(1.9 * m);
            double s2 = -0.3 - 0.8 * x1 + 0.9 * x2 + 0.9 * Math.sin(0.37 * m + 2);
            double e0 = Math.exp(s0);
            double e1 = Math.exp(s1);
            double e2 = Math.exp(s2);
            double z = e0 + e1 + e2;
            r[0][m] = rho * e0 / z;
            r[1][m] = rho * e1 / z;
            r[2][m] = rho * e2 / z;
        }
        return r;
    }

    /** gate_reference.R's soft targets of λ: t = plogis(0.5 + 0.8 x1 − 0.6 x2 + sin(1.7m)). */
    static double[] referenceTargets() {
        int n = REFERENCE_N;
        double[] x = referenceX();
        double[] t = new double[n];
        for (int m = 0; m < n; m++) {
            t[m] = 1 / (1 + Math.exp(-(0.5 + 0.8 * x[m] - 0.6 * x[n + m] + Math.sin(1.7 * m))));
        }
        return t;
    }

    /** n standard normal covariates per column, column-major. */
    static double[] normalCovariates(int n, int d, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n * d];
        for (int e = 0; e < x.length; e++) {
            x[e] = g.sample();
        }
        return x;
    }
}
