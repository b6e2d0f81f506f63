package org.dgmoe.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.expr.Expression;
import org.dgmoe.core.model.LocationScaleG0.Shape;
import org.junit.jupiter.api.Test;

class LocationScaleG0Test {
    private static final List<String> X1 = Expression.covariateNames(1);
    /** The issue's bar: every family's density, CDF and quantile agree with scipy to 1e-12 relative. */
    private static final double SCIPY_RELATIVE = 1e-12;

    private static LocationScaleG0 g0(Shape shape, String location, String scale, double dof) {
        return new LocationScaleG0(shape, Expression.parse("location", location, X1),
                Expression.parse("scale", scale, X1), dof);
    }

    /** The g0 of location_scale_scipy.py. */
    private static LocationScaleG0 scriptG0(String family, double dof) {
        Shape shape = org.dgmoe.core.ConfigNamed.fromConfigName(Shape.class, "family", family);
        return g0(shape, "1 + 0.5*sin(2*x1)", "0.3 + 0.2*x1^2", dof);
    }

    @Test
    void densityCdfAndQuantileAgreeWithScipy() throws IOException {
        int rows = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("location_scale_scipy.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("family")) {
                    continue;
                }
                String[] f = line.split(",");
                LocationScaleG0 g = scriptG0(f[0], f[1].equals("nan") ? Double.NaN : Double.parseDouble(f[1]));
                double[] x = {Double.parseDouble(f[3])};
                double arg = Double.parseDouble(f[4]);
                double expected = Double.parseDouble(f[5]);
                double actual = switch (f[2]) {
                    case "logpdf" -> g.logDensity(x, arg);
                    case "cdf" -> g.cdf(x, arg);
                    case "quantile" -> g.location(x) + g.scale(x) * g.standardQuantile(arg);
                    default -> throw new IllegalStateException(f[2]);
                };
                assertEquals(expected, actual, SCIPY_RELATIVE * Math.abs(expected), line);
                rows++;
            }
        }
        assertEquals(600, rows);
    }

    @Test
    void theSamplerDrawsTheQuantileOfOneOpenUniform() {
        for (String family : List.of("normal", "student-t", "laplace", "logistic")) {
            LocationScaleG0 g = scriptG0(family, family.equals("student-t") ? 2.5 : Double.NaN);
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(22L);
            UniformRandomProvider twin = RandomSource.XO_RO_SHI_RO_128_PP.create(22L);
            for (int i = 0; i < 200; i++) {
                double[] x = {0.1 * i - 10};
                double u = ((twin.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
                // the same doubles in the same order: exact
                assertEquals(g.location(x) + g.scale(x) * g.standardQuantile(u), g.sample(x, rng), 0, family);
            }
        }
    }

    @Test
    void theVectorisedLogDensitiesAreThePointwiseOnes() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int n = 500;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 4 * rng.nextDouble() - 2;
            y[i] = 6 * rng.nextDouble() - 2;
        }
        Dataset data = new Dataset(1, x, y);
        for (String scale : List.of("0.3 + 0.2*x1^2", "0.7")) {
            for (Shape shape : Shape.values()) {
                LocationScaleG0 g = g0(shape, "1 + 0.5*sin(2*x1)", scale, shape == Shape.STUDENT_T ? 3 : Double.NaN);
                double[] out = new double[n];
                g.logDensities(data, out);
                for (int i = 0; i < n; i++) {
                    double expected = g.logDensity(new double[] {x[i]}, y[i]);
                    // log(1 + u) against log1p and a hoisted log s: a few ulp of |log g0| (< 60 here)
                    assertEquals(expected, out[i], 1e-13 * Math.max(1, Math.abs(expected)), shape + " " + scale);
                }
            }
        }
    }

    @Test
    void theClosedTypesAreShorthandsOfThisForm() {
        GaussianLinearG0 linear = new GaussianLinearG0(new double[] {0.5}, -2, 0.16);
        LocationScaleG0 asNormal = g0(Shape.NORMAL, "0.5*x1 - 2", "0.4", Double.NaN);
        StudentTG0 student = new StudentTG0(new double[] {0.5}, -2.5, 0.4, 3);
        LocationScaleG0 asStudent = g0(Shape.STUDENT_T, "0.5*x1 - 2.5", "0.4", 3);
        for (double xv = -2; xv <= 2; xv += 0.5) {
            double[] x = {xv};
            for (double y = -6; y <= 4; y += 0.7) {
                // the same function by other roundings: 1e-14 of the O(1) terms that log g0 sums (they may
                // cancel to near 0, so the bound is not relative to the sum)
                double scale = Math.max(1, Math.abs(linear.logDensity(x, y)));
                assertEquals(linear.logDensity(x, y), asNormal.logDensity(x, y), 1e-14 * scale);
                assertEquals(linear.cdf(x, y), asNormal.cdf(x, y), 1e-14);
                assertEquals(student.logDensity(x, y), asStudent.logDensity(x, y),
                        1e-14 * Math.max(1, Math.abs(student.logDensity(x, y))));
                assertEquals(student.cdf(x, y), asStudent.cdf(x, y), 1e-14);
            }
        }
    }

    @Test
    void aNormalAffineConstantScaleG0IsAGaussianExpert() {
        Expert e = g0(Shape.NORMAL, "2*x1 - 1", "0.5", Double.NaN).gaussianExpert();
        assertEquals(new Expert(new double[] {2}, -1, 0.25), e);
        assertTrue(g0(Shape.NORMAL, "(x1 + 1)/4", "sqrt(2)", Double.NaN).isGaussianExpert());
        // a scale that names x is not constant, even when it is in value
        assertNull(g0(Shape.NORMAL, "2*x1 - 1", "0.5 + 0*x1", Double.NaN).gaussianExpert());
        assertNull(g0(Shape.NORMAL, "sin(x1)", "0.5", Double.NaN).gaussianExpert());
        assertNull(g0(Shape.LAPLACE, "2*x1 - 1", "0.5", Double.NaN).gaussianExpert());
        assertNull(g0(Shape.STUDENT_T, "2*x1 - 1", "0.5", 30).gaussianExpert());
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(InvalidParameterException.class, () -> g0(Shape.NORMAL, "x1", "-0.5", Double.NaN));
        assertThrows(InvalidParameterException.class, () -> g0(Shape.NORMAL, "x1", "log(0)", Double.NaN));
        assertThrows(InvalidParameterException.class, () -> g0(Shape.STUDENT_T, "x1", "1", Double.NaN));
        assertThrows(InvalidParameterException.class, () -> g0(Shape.LAPLACE, "x1", "1", 3));
        LocationScaleG0 g = g0(Shape.NORMAL, "x1", "0.5 - x1", Double.NaN);
        assertEquals(2, g.firstInvalidScale(new double[] {0, 0.2, 0.5, 0.7}, 4));
        assertEquals(-1, g.firstInvalidScale(new double[] {0, 0.2, 0.4}, 3));
    }
}
