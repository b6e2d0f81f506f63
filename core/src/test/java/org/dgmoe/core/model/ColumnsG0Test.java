package org.dgmoe.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.expr.Expression;
import org.dgmoe.core.gof.NullRefit;
import org.dgmoe.core.model.LocationScaleG0.Shape;
import org.junit.jupiter.api.Test;

/**
 * {@link ColumnsG0}: at row i it is the location-scale law of μᵢ and sᵢ (the same doubles as
 * {@link LocationScaleG0} with those constants), its null draws are y*ᵢ = μᵢ + sᵢ εᵢ, and it refuses what it
 * cannot answer (a point x, an unbound use, a bad scale); never a Gaussian expert.
 */
class ColumnsG0Test {
    private static final int N = 40;

    private static double[][] columns() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2212L);
        double[] mu = new double[N];
        double[] s = new double[N];
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = rng.nextDouble() * 4 - 2;
            mu[i] = 1 + 3 * Math.sin(x[i]);
            s[i] = 0.2 + rng.nextDouble();
        }
        return new double[][] {x, mu, s};
    }

    private static LocationScaleG0 atRow(Shape shape, double mu, double s, double dof) {
        List<String> one = Expression.covariateNames(1);
        return new LocationScaleG0(shape, Expression.parse("location", Double.toString(mu), one),
                Expression.parse("scale", Double.toString(s), one), dof);
    }

    @Test
    void atEachRowItIsTheLocationScaleLawOfThatRowsValues() {
        double[][] c = columns();
        Dataset data = new Dataset(1, c[0], c[1].clone());
        for (Shape shape : Shape.values()) {
            double dof = shape == Shape.STUDENT_T ? 3.5 : Double.NaN;
            ColumnsG0 g = new ColumnsG0(shape, "mu", "s", dof).bind(c[1], c[2]);
            double[] all = new double[N];
            g.logDensities(data, all);
            for (int i = 0; i < N; i++) {
                LocationScaleG0 law = atRow(shape, c[1][i], c[2][i], dof);
                double y = c[1][i] + 0.7 * c[2][i] - 0.1 * i;
                double[] x = {c[0][i]};
                // equal to the bit: Double.toString round-trips μᵢ and sᵢ, and both compute log f(t) − log s
                // and F(t) by the same methods of the same standard law
                assertEquals(law.logDensity(x, y), g.logDensityAt(i, x, y), 0, shape + " row " + i);
                assertEquals(law.cdf(x, y), g.cdfAt(i, x, y), 0, shape + " row " + i);
                assertEquals(law.logDensity(x, c[1][i]), all[i], 0, shape + " logDensities row " + i);
            }
        }
    }

    @Test
    void nullDrawsAreTheRowsLocationPlusScaleTimesAStandardDraw() {
        double[][] c = columns();
        Dataset observed = new Dataset(1, c[0], c[1].clone());
        ColumnsG0 g = new ColumnsG0(Shape.LAPLACE, "mu", "s", Double.NaN).bind(c[1], c[2]);
        Dataset drawn = NullRefit.conditional(observed, g, RandomSource.XO_RO_SHI_RO_128_PP.create(7L));
        UniformRandomProvider again = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        for (int i = 0; i < N; i++) {
            LocationScaleG0 law = atRow(Shape.LAPLACE, c[1][i], c[2][i], Double.NaN);
            // the same uniform, the same quantile, the same μ + s·q: equal to the bit
            assertEquals(law.sample(new double[] {c[0][i]}, again), drawn.y(i), 0, "row " + i);
        }
        assertEquals(Arrays.toString(c[0]), Arrays.toString(drawn.column(0)), "the covariates are kept");

        // The standardised draws (y* − μᵢ)/sᵢ of 250 null data sets are a sample of f: their PIT under f is
        // U(0, 1). Kolmogorov–Smirnov on the 10 000 values: D beyond 1.95/√m has probability 0.001 under the
        // null (asymptotic critical value), so a correct sampler fails this fixed-seed check with that chance.
        int sets = 250;
        double[] u = new double[sets * N];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        for (int b = 0; b < sets; b++) {
            Dataset d = NullRefit.conditional(observed, g, rng);
            for (int i = 0; i < N; i++) {
                u[b * N + i] = g.cdfAt(i, null, d.y(i));
            }
        }
        Arrays.sort(u);
        double ks = 0;
        for (int k = 0; k < u.length; k++) {
            ks = Math.max(ks, Math.max((k + 1.0) / u.length - u[k], u[k] - (double) k / u.length));
        }
        assertTrue(ks < 1.95 / Math.sqrt(u.length), "KS D = " + ks);
    }

    @Test
    void itRefusesWhatItCannotAnswer() {
        double[][] c = columns();
        ColumnsG0 unbound = new ColumnsG0(Shape.NORMAL, "mu", "s", Double.NaN);
        assertFalse(unbound.isBound());
        assertTrue(unbound.isRowBound());
        assertNull(unbound.gaussianExpert(), "never a Gaussian expert, even normal");
        assertEquals("columns", unbound.type());
        assertThrows(IllegalStateException.class, () -> unbound.cdfAt(0, null, 0));
        ColumnsG0 g = unbound.bind(c[1], c[2]);
        assertThrows(UnsupportedOperationException.class, () -> g.logDensity(new double[] {0}, 0));
        assertThrows(UnsupportedOperationException.class, () -> g.cdf(new double[] {0}, 0));
        assertThrows(IllegalArgumentException.class, () -> g.logDensities(new Dataset(1, new double[3],
                new double[3]), new double[3]));

        double[] s = c[2].clone();
        s[5] = 0;
        InvalidParameterException zero = assertThrows(InvalidParameterException.class, () -> unbound.bind(c[1], s));
        assertEquals("scale", zero.parameter());
        assertTrue(zero.getMessage().contains("row 6 is 0.0"), zero.getMessage());
        assertEquals(5, ColumnsG0.firstInvalidScale(s));
        s[5] = Double.POSITIVE_INFINITY;
        assertEquals(5, ColumnsG0.firstInvalidScale(s));
        assertThrows(InvalidParameterException.class, () -> new ColumnsG0(Shape.STUDENT_T, "mu", "s", Double.NaN));
        assertThrows(InvalidParameterException.class, () -> new ColumnsG0(Shape.NORMAL, "mu", " ", Double.NaN));
    }
}
