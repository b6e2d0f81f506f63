package org.dgmoe.core.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ExpressionTest {
    private static final List<String> X2 = Expression.covariateNames(2);

    private static double at(String text, double... x) {
        return Expression.parse("e", text, Expression.covariateNames(Math.max(1, x.length))).value(x);
    }

    private static ExpressionException refused(String text, List<String> names) {
        return assertThrows(ExpressionException.class, () -> Expression.parse("g0.location", text, names));
    }

    @Test
    void precedenceAndAssociativityAreThoseOfMathematics() {
        // exact: each is a handful of correctly rounded operations on small integers
        assertEquals(7, at("1 + 2*3", 0), 0);
        assertEquals(9, at("(1 + 2)*3", 0), 0);
        assertEquals(-4, at("-2^2", 0), 0);             // -(2^2)
        assertEquals(512, at("2^3^2", 0), 0);           // 2^(3^2)
        assertEquals(0.5, at("2^-1", 0), 0);
        assertEquals(1, at("8/4/2", 0), 0);             // (8/4)/2
        assertEquals(-1, at("1 - 3 + 1", 0), 0);        // (1-3)+1
        assertEquals(6, at("x1*x2", 2, 3), 0);
        assertEquals(2, at("--2", 0), 0);
        assertEquals(Math.PI, at("pi", 0), 0);
        assertEquals(3, at("max(min(x1, 3), 1) + 0*x1", 5), 0);
        assertEquals(1e-3, at("1e-3", 0), 0);
        assertEquals(0.25, at(".25", 0), 0);
        assertEquals(StrictMath.atan2(1, 2), at("atan2(x1, 2)", 1), 0);
        assertEquals(StrictMath.log1p(0.5), at("log1p(x1)", 0.5), 0);
    }

    @Test
    void theVectorisedPassGivesTheScalarValuesExactly() {
        // Both apply the same operations in the same order, so equality is exact (tolerance 0).
        String[] texts = {"x1", "3", "2*x1 - x2/4 + 1", "0.5 + 0.3*abs(x1)", "exp(0.2*x1) * sin(3*x2) - x1^2",
            "min(x1, x2) + max(x1, 1) / (1 + x2^2)", "sqrt(1 + x1*x1) * tanh(x2) - log(2 + cos(x1))",
            "pow(1.5, x1) - atan(x2) + log1p(abs(x1*x2)) - (x1 - (x2 - (x1 + 1)))", "-x1", "1 / x1 - 2 / (x1 + x2)",
            "x2 - x1", "(x1+1)*(x2-1) - (x1*2)*(3+x2)"};
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2201L);
        int n = 257;
        double[] columns = new double[2 * n];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = 4 * rng.nextDouble() - 2;
        }
        for (String text : texts) {
            Expression e = Expression.parse("e", text, X2);
            double[] out = new double[n];
            e.evaluate(columns, n, out);
            for (int i = 0; i < n; i++) {
                double[] x = {columns[i], columns[n + i]};
                assertEquals(e.value(x), out[i], 0, text + " at row " + i);
            }
        }
    }

    @Test
    void affinityIsDecidedOnTheTree() {
        assertArrayEquals(new double[] {2, -0.25, 1}, Expression.parse("e", "2*x1 - x2/4 + 1", X2).affine(), 0);
        assertArrayEquals(new double[] {-1, 0, 2 * Math.PI}, Expression.parse("e", "2*pi - x1", X2).affine(), 0);
        assertArrayEquals(new double[] {0, 0, 3}, Expression.parse("e", "3", X2).affine(), 0);
        assertArrayEquals(new double[] {3, 0, -3}, Expression.parse("e", "(x1 - 1)*3", X2).affine(), 0);
        assertNull(Expression.parse("e", "x1*x2", X2).affine());
        assertNull(Expression.parse("e", "sin(x1)", X2).affine());
        assertNull(Expression.parse("e", "1/x1", X2).affine());
        // affine only after algebra: not recognised, documented as such
        assertNull(Expression.parse("e", "x1*x1 - x1*x1 + x1", X2).affine());
        assertTrue(Expression.parse("e", "2 * exp(1)", X2).isConstant());
        assertFalse(Expression.parse("e", "0*x1 + 1", X2).isConstant());
    }

    @Test
    void anUnknownNameIsRefusedWithItsColumnAndTheCandidates() {
        ExpressionException e = refused("2 + 0.1*dos", List.of("dose", "age"));
        assertEquals("unknown name 'dos' at column 9", e.problem());
        assertEquals(9, e.column());
        assertEquals("dos", e.unknownName());
        assertTrue(e.candidates().contains("dose"), e.candidates().toString());
        assertTrue(e.getMessage().startsWith("g0.location: unknown name 'dos' at column 9 (names: dose, age, pi; "
                + "functions: exp,"), e.getMessage());
    }

    @Test
    void codeIsRefusedBeforeAnythingRuns() {
        assertEquals("unknown name 'java' at column 1", refused("java.lang.Runtime.getRuntime()", X2).problem());
        assertEquals("unexpected '.' at column 3: an expression has no method calls or fields",
                refused("x1.getClass()", X2).problem());
        assertEquals("unknown name 'Runtime' at column 1", refused("Runtime", X2).problem());
        assertEquals("unknown name 'getClass' at column 1", refused("getClass()", X2).problem());
        assertEquals("unexpected '\"' at column 1: a number, a name or '(' is expected",
                refused("\"x\"", X2).problem());
        assertEquals("unexpected ';' at column 3: an operator is missing before it", refused("x1; x2", X2).problem());
        assertEquals("unexpected '.' at column 5: an expression has no method calls or fields",
                refused("exp(.class)", X2).problem());
        assertEquals("unknown name 'System' at column 6", refused("x1 + System.exit(1)", X2).problem());
        assertEquals("unexpected '[' at column 3: an operator is missing before it", refused("x1[0]", X2).problem());
    }

    @Test
    void malformedTextsAreRefusedWithTheirColumn() {
        assertEquals("missing ')' for the '(' at column 5, found the end", refused("1 + (x1 * 2", X2).problem());
        assertEquals("unexpected ')' at column 3: no '(' is open", refused("x1)", X2).problem());
        assertEquals("function 'exp' at column 1 needs its arguments in parentheses: exp(...)",
                refused("exp + 1", X2).problem());
        assertEquals("function 'min' at column 1 takes 2 arguments, got 1", refused("min(x1)", X2).problem());
        assertEquals("'x1' at column 1 is a covariate, not a function", refused("x1(2)", X2).problem());
        assertEquals("unexpected 'x2' at column 4: an operator is missing before it", refused("x1 x2", X2).problem());
        assertEquals("malformed number '1e+' at column 1: an exponent needs digits", refused("1e+", X2).problem());
        assertEquals("ends where a number, a name or '(' is expected (column 4)", refused("x1*", X2).problem());
        assertTrue(refused("  ", X2).problem().startsWith("is empty"));
        assertTrue(refused("(".repeat(300) + "x1" + ")".repeat(300), X2).problem().startsWith("nests deeper than"));
        assertTrue(refused("x1+".repeat(2000) + "x1", X2).problem().contains("at most 4000"));
        assertThrows(IllegalArgumentException.class, () -> Expression.parse("e", "1", List.of("exp")));
        assertThrows(IllegalArgumentException.class, () -> Expression.parse("e", "1", List.of("a.b")));
    }

    @Test
    void anExpressionSurvivesSerialisationAsSparkShipsIt() throws Exception {
        Expression e = Expression.parse("e", "exp(0.2*x1) * sin(3*x2) - x1^2", X2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        Expression back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Expression) in.readObject();
        }
        assertEquals(e, back);
        double[] out = new double[1];
        back.evaluate(new double[] {0.3, -0.7}, 1, out);
        assertEquals(e.value(new double[] {0.3, -0.7}), out[0], 0);
    }

    @Test
    void aCoordinateMayAlsoBeWrittenByItsAlias() {
        List<String> columns = List.of("dose", "age");
        Expression e = Expression.parse("g0.location", "dose + 10*x2 + age", X2, columns);
        // exact: small integers
        assertEquals(2 + 10 * 3 + 3, e.value(new double[] {2, 3}), 0);
        assertEquals(X2, e.names());
        assertArrayEquals(new double[] {1, 11, 0}, e.affine(), 0); // age is x2
        double[] out = new double[2];
        e.evaluate(new double[] {2, 1, 3, 4}, 2, out);
        assertArrayEquals(new double[] {2 + 30 + 3, 1 + 40 + 4}, out, 0);
        assertFalse(Expression.parse("e", "dose", X2, columns).equals(Expression.parse("e", "dose", X2,
                List.of("dose", "weight"))), "the aliases are part of what the text means");

        ExpressionException typo = assertThrows(ExpressionException.class,
                () -> Expression.parse("g0.location", "1 + 2*dos", X2, columns));
        assertEquals("unknown name 'dos' at column 7", typo.problem());
        assertTrue(typo.candidates().contains("dose"), typo.candidates().toString());
        assertTrue(typo.allowed().startsWith("names: x1, x2 (or dose, age), pi;"), typo.allowed());
        // a column named as another coordinate's xj would make "x1" ambiguous
        IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
                () -> Expression.parse("g0.location", "x1", X2, List.of("x2", "x1")));
        assertTrue(swapped.getMessage().contains("'x2' names covariate 1 as a column but is the name of covariate 2"),
                swapped.getMessage());
        // an alias equal to its own coordinate's name is harmless
        assertEquals(5, Expression.parse("e", "x1", X2, List.of("x1", "age")).value(new double[] {5, 0}), 0);
    }
}
